"""Static instances of the variable text face, made once and kept.

EB Garamond comes as variable fonts. WeasyPrint turns a variable font into a
static one each time it writes a PDF (fontTools' instancer, ~0.3 s per face
per document): a cost paid by every build, and by every chunk of a long book
laid out in parallel. We make the instances once, at the weights the styles
use, and keep them in kroppress's cache folder:

    $KROPPRESS_CACHE_DIR, else $XDG_CACHE_HOME/kroppress, else ~/.cache/kroppress
    └── fonts/<package>-<version>-fonttools-<version>/<file>-<weight>.ttf

An instance keeps the variable font's own ``head.modified``, so it is the
same bytes whenever and wherever it is made. The PDF fetcher serves this
folder (it holds nothing but such instances); if it cannot be written, the
variable files are used as before.
"""
from __future__ import annotations

import contextlib
import io
import os
import tempfile
from importlib import metadata
from pathlib import Path

#: weights the styles ask for (common.css: normal and bold); other weights
#: fall back to the nearest of these, as CSS font matching does
STATIC_WEIGHTS = (400, 700)


def cache_dir() -> Path:
    root = os.environ.get("KROPPRESS_CACHE_DIR") or \
        os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                     "kroppress")
    return Path(root) / "fonts"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "0"


def instance_path(variable: Path, weight: int, package: str) -> Path:
    tag = f"{package}-{_version(package.replace('_', '-'))}-fonttools-{_version('fonttools')}"
    stem = variable.stem.replace("[wght]", "").replace("[", "").replace("]", "")
    return cache_dir() / tag / f"{stem}-{weight}.ttf"


def static_instance(variable: Path, weight: int, package: str) -> Path | None:
    """The static instance of `variable` at `weight` (made if missing), or
    None when it cannot be made or kept."""
    target = instance_path(variable, weight, package)
    if target.is_file():
        return target
    try:
        from fontTools.ttLib import TTFont
        from fontTools.varLib.instancer import instantiateVariableFont

        font = TTFont(variable, recalcTimestamp=False)
        axes = {a.axisTag: a for a in font["fvar"].axes}
        if "wght" not in axes:
            return None
        wght = min(max(weight, axes["wght"].minValue), axes["wght"].maxValue)
        static = instantiateVariableFont(font, {"wght": wght}, static=True)
        buffer = io.BytesIO()
        static.save(buffer)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(buffer.getvalue())
        os.replace(tmp, target)
        return target
    except (OSError, KeyError, ValueError, ImportError):
        with contextlib.suppress(NameError, OSError):
            os.unlink(tmp)   # noqa: F821 - only bound once mkstemp ran
        return None

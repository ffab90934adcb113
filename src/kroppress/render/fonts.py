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
import functools
import io
import os
import tempfile
from importlib import metadata
from pathlib import Path

from .. import paths

#: weights the styles ask for (common.css: normal and bold); other weights
#: fall back to the nearest of these, as CSS font matching does
STATIC_WEIGHTS = (400, 700)


def cache_dir() -> Path:
    return paths.cache_dir("fonts")


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


# ------------------------------------------------------------------ the fonts WeasyPrint may see
def _conf_text(dirs: list[Path], cache: Path) -> str:
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
             "<!-- written by kroppress: only its own fonts, never the machine's -->", "<fontconfig>"]
    lines += [f"  <dir>{d.resolve()}</dir>" for d in dirs]
    lines += [f"  <cachedir>{cache}</cachedir>", "</fontconfig>", ""]
    return "\n".join(lines)


def use_project_fonts() -> Path | None:
    """Point fontconfig (and so WeasyPrint) at a configuration that holds
    only kroppress's font packages, so that a character the text face lacks
    falls back to a shipped face, never to whatever the machine has. Call it
    before WeasyPrint is first used in the process (forked workers inherit it)."""
    folder = paths.cache_dir("fontconfig")
    conf = folder / "fonts.conf"
    # the fallback faces only: the text face comes in through @font-face
    # (static instances), and fontconfig must not offer its variable files
    # as a second "EB Garamond" with other named styles
    text = _conf_text(paths.font_dirs(text_face=False), folder / "cache")
    try:
        if not conf.is_file() or conf.read_text(encoding="utf-8") != text:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".fonts.conf.", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, conf)
    except OSError:
        return None
    os.environ["FONTCONFIG_FILE"] = str(conf)
    return conf


@functools.cache
def covered() -> frozenset[int]:
    """Every code point some shipped face draws."""
    from fontTools.ttLib import TTFont
    points: set[int] = set()
    for folder in paths.font_dirs():
        for path in sorted(folder.glob("*.[ot]tf")):
            with contextlib.suppress(Exception):
                points |= set(TTFont(path, lazy=True).getBestCmap())
    return frozenset(points)


def _script(ch: str) -> str:
    """A name for the writing system of `ch` ("CJK", "HIRAGANA", "symbols")."""
    import unicodedata
    if unicodedata.category(ch).startswith("S"):
        return "symbols and emoji"
    name = unicodedata.name(ch, "")
    return name.split()[0] if name else "unnamed characters"


def missing_glyphs(text: str) -> dict[str, tuple[int, str]]:
    """{script: (offset of its first character, the character)} for the
    characters of `text` no shipped face has."""
    have = covered()
    out: dict[str, tuple[int, str]] = {}
    for i, ch in enumerate(text):
        if ch <= "\x7f" or ord(ch) in have or ch.isspace() or ch in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
            continue
        out.setdefault(_script(ch), (i, ch))
    return out

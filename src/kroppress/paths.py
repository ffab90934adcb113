"""Where kroppress's own files are: the shared templates and styles, the
user cache folder, and the font files. One home for each, so no module
defines a folder or a font's location again.

In a checkout (and an editable install) the templates and styles live at
the project root, beside `src/`; a wheel carries copies in
`kroppress/_data/` (see setup.py). Kept free of heavy imports: the
up-to-date check uses it."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def shared_dir(name: str) -> Path:
    installed = PACKAGE_DIR / "_data" / name
    return installed if installed.is_dir() else PACKAGE_DIR.parents[1] / name


TEMPLATES_DIR = shared_dir("templates")
STYLES_DIR = shared_dir("styles")


def cache_root() -> Path:
    """$KROPPRESS_CACHE_DIR, else $XDG_CACHE_HOME/kroppress, else ~/.cache/kroppress."""
    root = os.environ.get("KROPPRESS_CACHE_DIR") or \
        os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                     "kroppress")
    return Path(root)


def cache_dir(kind: str) -> Path:
    """The user cache folder of one kind of kept file ("fonts", "icc", "covers", …)."""
    return cache_root() / kind


# ------------------------------------------------------------------ fonts
#: the text face, and faces for scripts it lacks (found by fontconfig's own
#: fallback); all Python packages, so every machine lays out with the same
TEXT_PACKAGE = "fontpkg_eb_garamond"
TEXT_FAMILY = "EB Garamond"
FALLBACK_PACKAGES = ("fontpkg_noto_sans_devanagari", "fontpkg_noto_sans_thai",
                     "fontpkg_noto_sans_arabic")


def package_dir(name: str) -> Path | None:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    if spec.origin:
        return Path(spec.origin).parent
    return None


def font_dirs(text_face: bool = True) -> list[Path]:
    """The font folders of the font packages that are installed, text face first."""
    out = []
    for name in ((TEXT_PACKAGE,) if text_face else ()) + FALLBACK_PACKAGES:
        root = package_dir(name)
        if root is not None:
            out.append((root / "files") if (root / "files").is_dir() else root)
    return out


def font_files() -> dict[str, Path]:
    """{"normal": roman file, "italic": italic file} of the text face."""
    root = package_dir(TEXT_PACKAGE)
    if root is None:
        raise RuntimeError(f"the font package {TEXT_PACKAGE} is not installed; "
                           "pip install fontpkg-eb-garamond")
    files = sorted((root / "files").glob("*.[ot]tf")) or sorted(root.rglob("*.[ot]tf"))
    italic = [f for f in files if "italic" in f.name.lower()]
    roman = [f for f in files if "italic" not in f.name.lower()]
    if not roman or not italic:
        raise RuntimeError(f"{root}: no roman and italic {TEXT_FAMILY} files found")
    # variable fonts ("[wght]") cover every weight; otherwise prefer Regular
    pick = lambda fs: next((f for f in fs if "[" in f.name), None) or \
        next((f for f in fs if "regular" in f.name.lower()), fs[0])  # noqa: E731
    return {"normal": pick(roman), "italic": pick(italic)}

"""Where the shared templates and styles are.

In a checkout (and an editable install) they live at the project root,
beside `src/`; a wheel carries copies in `kroppress/_data/` (see setup.py).
Kept free of heavy imports: the up-to-date check uses it."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def shared_dir(name: str) -> Path:
    installed = PACKAGE_DIR / "_data" / name
    return installed if installed.is_dir() else PACKAGE_DIR.parents[1] / name


TEMPLATES_DIR = shared_dir("templates")
STYLES_DIR = shared_dir("styles")

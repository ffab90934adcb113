"""Writers: each packages what `kroppress.render` produced (EPUB, PDF, …).

The formats are collected here from their declarations in `writers/formats/`
(one module a format; see `writers.registry`)."""
from __future__ import annotations

import importlib
import pkgutil

from .registry import Format, WriteJob

_found: dict[str, Format] | None = None


def known() -> dict[str, Format]:
    """Every output format, by name, in listing order."""
    global _found
    if _found is None:
        package = importlib.import_module(f"{__name__}.formats")
        found = []
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            declared = getattr(module, "FORMAT", None)
            if isinstance(declared, Format):
                found.append(declared)
        _found = {f.name: f for f in sorted(found, key=lambda f: (f.order, f.name))}
    return _found


def forget() -> None:
    """Collect the declarations again (after a module was added to `formats/`)."""
    global _found
    _found = None


def __getattr__(name: str):
    # imported lazily so that building only a PDF does not load ebooklib
    if name == "write_epub":
        from .epub import write_epub
        return write_epub
    raise AttributeError(name)


__all__ = ["Format", "WriteJob", "known", "forget", "write_epub"]

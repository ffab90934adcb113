"""Writers: each packages what `kroppress.render` produced (EPUB, PDF)."""
from __future__ import annotations


def __getattr__(name: str):
    # imported lazily so that building only a PDF does not load ebooklib
    if name == "write_epub":
        from .epub import write_epub
        return write_epub
    raise AttributeError(name)


__all__ = ["write_epub"]

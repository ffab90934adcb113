"""Which print edition's pages an e-book marks, and laying them out.

The glue between a build and `pagemap`: `page_profile` picks the profile
(`--page-source`, else the PDF's when both are built), `print_pages` lays
a profile out only for its page starts when this run's PDF is not that
profile's, and `page_source_name` names the edition in the EPUB."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Callable, Sequence

from ..errors import KroppressError, quoted


def page_profile(config, wanted: Sequence[str], print_profile, page_source: str | None,
                 ebooks: Sequence[str]):
    """The print profile whose pages an e-book of this build marks, or None."""
    if page_source is not None:
        name = page_source.strip()
        if name.lower() == "none":
            return None
        if name == config.default_profile.name:
            return config.default_profile
        if name not in config.profiles:
            known = ", ".join([config.default_profile.name, *sorted(config.profiles)])
            raise KroppressError(f"--page-source {quoted(name)}: no such print profile; use one of: "
                                 f"{known}, or none for no page list")
        return config.profiles[name]
    if "pdf" in wanted and any(f in wanted for f in ebooks):
        return print_profile
    return None


def print_pages(lay_out: Callable[[Path, list], None], near: Path) -> list:
    """Lay a profile out only for its page starts (the PDF is not kept):
    `lay_out(path, starts)` writes it. Its work folder is named after `near`
    (the e-book being built), so a killed build's is cleared by the next
    (`outdir.clear_stale_temps`)."""
    starts: list = []
    with tempfile.TemporaryDirectory(prefix=f".{near.name}.pages-", suffix=".tmp",
                                     dir=near.parent) as tmp:
        lay_out(Path(tmp) / "book.pdf", starts)
    return starts


def page_source_name(book, profile, default_name: str) -> str:
    """The print edition the markers follow: its ISBN or identifier, and the
    profile when it is not the default one."""
    ident = book.meta.identifier or book.meta.title
    return ident if profile.name == default_name else f"{ident} ({profile.name} print profile)"


def print_page_list(book, starts: list, profile, default_name: str):
    """The e-book's `PrintPages` from the PDF's page starts; False when no
    page has text to mark."""
    from ..render.pagemap import PrintPages
    placed = tuple(s for s in starts if s is not None)
    return PrintPages(placed, page_source_name(book, profile, default_name)) if placed else False

"""`kroppress init BOOK --split`: one text entry per top-level section of a
book (a Gutenberg release, or any text with headings), each a cut of the
same source by its section's heading."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import KroppressError
from ..model import Document
from ..transforms.cut import CutSpec, cut


def split_book(book: Path, read: Callable[[Path], Document]) -> list[tuple[Document, str]]:
    """(the cut document, its section's heading) for each top-level section."""
    doc = read(book)
    if not doc.sections:
        raise KroppressError(f"{book}: no headings found, so nothing to split; "
                             "run `kroppress inspect` on it, or init its folder without --split")
    top = min(s.level for s in doc.sections)
    out = []
    for sec in doc.sections:
        if sec.level == top:
            out.append((cut(doc, CutSpec(sections=(sec.title,), where=str(book))), sec.title))
    return out

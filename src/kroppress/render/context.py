"""The render context: what the macros need besides the model's nodes
(hrefs for the target, the note a call points to, heading levels, ids)."""
from __future__ import annotations

from typing import Literal

from ..model import Block, Entry, Heading, Note, NoteRef
from .filters import safe_href
from .ids import book_id, derived

Target = Literal["epub", "print"]
TARGETS: tuple[str, ...] = ("epub", "print")


class RenderContext:
    """What the macros need besides the nodes: hrefs, note look-up, heading levels.

    One context per rendered section; `entry` is set for a text (note calls
    resolve against that text's notes)."""

    def __init__(self, target: str, filenames: dict[str, str], entry: Entry | None = None,
                 heading_base: int = 2, id_prefix: str = ""):
        """`filenames` maps section ids to EPUB file names (see `filenames_for`)."""
        if target not in TARGETS:
            raise ValueError(f"target must be one of {TARGETS}, not {target!r}")
        self.target = target
        self.filenames = filenames
        self.entry = entry
        self._heading_levels: dict[int, int] = {}
        self._heading_base = heading_base
        self._notes_by_ref: dict[str, Note] = {}
        self._notes_by_label: dict[str, Note] = {}
        self._heading_counter = 0
        self._id_prefix = id_prefix or (entry.id if entry is not None else "section")
        #: ids of the note calls actually written (back-links point only there)
        self.calls: list[str] = []
        self._called: set[str] = set()      # the same, to look up (a text may have 10,000)
        if entry is not None:
            for note in entry.doc.notes:
                for ref_id in note.ref_ids:
                    self._notes_by_ref[ref_id] = note
                self._notes_by_label.setdefault(note.label, note)
            self.set_headings(entry.doc.blocks)

    # links ----------------------------------------------------------
    def href(self, doc_id: str, fragment: str | None = None) -> str:
        """Link to a section (and optionally an id inside it)."""
        if self.target == "print":
            return "#" + (fragment or doc_id)
        filename = self.filenames[doc_id]
        return f"{filename}#{fragment}" if fragment else filename

    def book_href(self, name: str) -> str:
        """Link to the book's own section `name` ("sources")."""
        return self.href(book_id(name))

    def safe_href(self, href: str) -> str | None:
        return safe_href(href)

    # notes ----------------------------------------------------------
    def note_for(self, ref: NoteRef) -> Note | None:
        if self.entry is None:
            return None
        note = self._notes_by_ref.get(ref.ref_id) if ref.ref_id else None
        if note is None and not ref.ref_id:
            note = self._notes_by_label.get(ref.label)
        if note is None or not note.id:
            return None
        return note

    def note_href(self, note: Note) -> str:
        return self.href(book_id("notes"), note.id)

    def first_call(self, ref_id: str) -> bool:
        """True the first time a call id is written; a repeated id (which would
        make the XHTML invalid) is then written without its id."""
        if ref_id in self._called:
            return False
        self._called.add(ref_id)
        self.calls.append(ref_id)
        return True

    def backlinks(self, note: Note, calls: set[str]) -> list[str]:
        """The note's call ids that exist in the rendered text, in order."""
        return [r for r in note.ref_ids if r in calls]

    def call_label(self, ref: NoteRef, note: Note | None) -> str:
        if ref.number is not None:
            return str(ref.number)
        if note is not None and note.number is not None:
            return str(note.number)
        return ref.label

    # headings -------------------------------------------------------
    def set_headings(self, blocks: list[Block]) -> None:
        """Map the model's heading levels used in `blocks` onto h2, h3, … in order."""
        levels = sorted({b.level for b in walk_blocks(blocks) if isinstance(b, Heading)})
        self._heading_levels = {lvl: min(6, self._heading_base + i) for i, lvl in enumerate(levels)}

    def heading_tag(self, heading: Heading) -> str:
        return f"h{self._heading_levels.get(heading.level, self._heading_base)}"

    def heading_id(self, heading: Heading) -> str:
        if heading.id:
            return heading.id
        self._heading_counter += 1
        return derived(self._id_prefix, f"heading-{self._heading_counter}")

    def unknown(self, node) -> str:
        raise TypeError(f"render: no template for model node {type(node).__name__}")


def walk_blocks(blocks: list[Block]):
    for b in blocks:
        yield b
        inner = getattr(b, "blocks", None)
        if isinstance(inner, list):
            yield from walk_blocks(inner)



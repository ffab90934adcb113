"""The document model: what a reader produces and every writer consumes.

Plain typed dataclasses. No HTML, no format-specific logic: writers decide
how each node looks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal, Union

if TYPE_CHECKING:
    from .notice import Notice

NoteKind = Literal["author", "translator", "editor"]


# ---------------------------------------------------------------- inlines
@dataclass
class Text:
    text: str
    kind: ClassVar[str] = "text"


@dataclass
class Emphasis:
    children: list["Inline"]
    kind: ClassVar[str] = "emphasis"


@dataclass
class Strong:
    children: list["Inline"]
    kind: ClassVar[str] = "strong"


@dataclass
class Superscript:
    """A superscript that is not a note call, e.g. the 'st' of an ordinal."""
    children: list["Inline"]
    kind: ClassVar[str] = "superscript"


@dataclass
class Link:
    href: str
    children: list["Inline"]
    kind: ClassVar[str] = "link"


@dataclass
class LineBreak:
    kind: ClassVar[str] = "linebreak"


@dataclass
class NoteRef:
    """A note call. `label` is the label in the source; `number` is set by
    the numbering transform (per text) and `ref_id` makes the call unique."""
    label: str
    number: int | None = None
    ref_id: str = ""
    kind: ClassVar[str] = "noteref"


@dataclass
class Subscript:
    children: list["Inline"]
    kind: ClassVar[str] = "subscript"


@dataclass
class SmallCaps:
    children: list["Inline"]
    kind: ClassVar[str] = "smallcaps"


@dataclass
class Strikeout:
    """Text the source marks as deleted (Muse `<del>`), kept and struck through."""
    children: list["Inline"]
    kind: ClassVar[str] = "strikeout"


@dataclass
class Code:
    """Monospace text, set as written (no typography)."""
    text: str
    kind: ClassVar[str] = "code"


Inline = Union[Text, Emphasis, Strong, Superscript, Link, LineBreak, NoteRef,
               Subscript, SmallCaps, Strikeout, Code]


# ---------------------------------------------------------------- blocks
@dataclass
class Heading:
    level: int
    inlines: list[Inline]
    id: str = ""
    kind: ClassVar[str] = "heading"


@dataclass
class Paragraph:
    inlines: list[Inline]
    style: str = ""           # "", or "center", "right", "biblio", "play" as the source set it
    kind: ClassVar[str] = "paragraph"


@dataclass
class BlockQuote:
    blocks: list["Block"]
    kind: ClassVar[str] = "blockquote"


@dataclass
class SceneBreak:
    kind: ClassVar[str] = "scene_break"


@dataclass
class Dateline:
    inlines: list[Inline]
    kind: ClassVar[str] = "dateline"


@dataclass
class Address:
    """Address lines of a letter (each a list of inlines)."""
    lines: list[list[Inline]]
    kind: ClassVar[str] = "address"


@dataclass
class Salutation:
    inlines: list[Inline]
    kind: ClassVar[str] = "salutation"


@dataclass
class Closing:
    inlines: list[Inline]
    kind: ClassVar[str] = "closing"


@dataclass
class Signature:
    inlines: list[Inline]
    kind: ClassVar[str] = "signature"


@dataclass
class Postscript:
    """A paragraph after a letter's signature ("P.S. …")."""
    inlines: list[Inline]
    kind: ClassVar[str] = "postscript"


@dataclass
class VerseLine:
    inlines: list[Inline]
    indent: int = 0           # steps the source set this line in (0 = flush)


@dataclass
class Verse:
    """A poem, song or epigraph: stanzas of lines, each kept as written."""
    stanzas: list[list[VerseLine]]
    kind: ClassVar[str] = "verse"


@dataclass
class ListBlock:
    """A list: each item a list of blocks (a nested list is a block of its item).
    `style` is the numbering ("1", "a", "A", "i", "I"; ignored when unordered)."""
    items: list[list["Block"]]
    ordered: bool = False
    style: str = "1"
    start: int = 1
    kind: ClassVar[str] = "list"


@dataclass
class DefinitionItem:
    term: list[Inline]
    blocks: list["Block"]


@dataclass
class DefinitionList:
    items: list[DefinitionItem]
    kind: ClassVar[str] = "definitions"


@dataclass
class TableRow:
    cells: list[list[Inline]]
    section: Literal["head", "body", "foot"] = "body"


@dataclass
class Table:
    rows: list[TableRow]
    caption: list[Inline] = field(default_factory=list)
    kind: ClassVar[str] = "table"


@dataclass
class Preformatted:
    """An example or code block: its lines and spaces kept, in monospace."""
    text: str
    kind: ClassVar[str] = "preformatted"


Block = Union[Heading, Paragraph, BlockQuote, SceneBreak, Dateline, Address,
              Salutation, Closing, Signature, Postscript, Verse,
              ListBlock, DefinitionList, Table, Preformatted]


# ---------------------------------------------------------------- notes, metadata
@dataclass
class Note:
    label: str
    blocks: list[Block]
    note_kind: NoteKind = "author"
    number: int | None = None
    id: str = ""
    # ids of the calls that point here (set by numbering), for back-links
    ref_ids: list[str] = field(default_factory=list)


@dataclass
class Metadata:
    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    date: str = ""
    first_published: str = ""
    source_url: str = ""
    retrieved: str = ""
    source_site: str = ""
    translator: str = ""
    rights: str = ""
    language: str = "en"
    biography: list[Block] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    archive_date: str = ""    # when the archive published its copy (Muse #pubdate), not the text's date


@dataclass
class Repair:
    action: str           # e.g. "paragraph joined", "boilerplate dropped"
    lines: tuple[int, int]  # 1-based source lines, inclusive
    detail: str
    # the source text this repair removed from the body (dropped or moved),
    # so a word-conservation check can account for every word
    text: str = ""


@dataclass
class Section:
    """A heading and everything under it, up to the next heading of its
    level or above: `blocks[start:end]` of its document (the heading is
    `blocks[start]`), source lines `first`..`last` (1-based, inclusive)."""
    level: int
    title: str
    start: int
    end: int
    first: int
    last: int


@dataclass
class Document:
    """One text as read from a raw file."""
    metadata: Metadata
    blocks: list[Block]
    notes: list[Note] = field(default_factory=list)
    report: list[Repair] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    source_path: str = ""
    # the section tree, in reading order (a section's children follow it, one level down)
    sections: list[Section] = field(default_factory=list)
    # each block's first and last source line, where the reader knows them
    block_lines: list[tuple[int, int]] = field(default_factory=list)


# ---------------------------------------------------------------- the book
@dataclass
class Correction:
    find: str
    replace: str
    reason: str
    count: int = 1


@dataclass
class Entry:
    """A text placed in the book, with its editorial headnote."""
    id: str
    doc: Document
    headnote: list[Block] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)


@dataclass
class Part:
    title: str
    entries: list[Entry]
    intro: list[Block] = field(default_factory=list)
    id: str = ""


@dataclass
class BookMeta:
    title: str
    subtitle: str = ""
    editors: list[str] = field(default_factory=list)
    publisher: str = ""
    language: str = "en"
    identifier: str = ""
    date: str = ""          # ISO date of publication
    edition: str = ""
    description: str = ""
    subjects: list[str] = field(default_factory=list)
    licence: str = ""


@dataclass
class Book:
    meta: BookMeta
    parts: list[Part]
    introduction: list[Block] = field(default_factory=list)
    introduction_title: str = "Introduction"

    @property
    def entries(self) -> list[Entry]:
        return [e for p in self.parts for e in p.entries]

"""One read state that every rule works on, as markdown-it's StateBlock is
for its block rules: the blocks, what has been found, the report."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block, Metadata, Note, Repair
from ..notice import Notice
from .blocks import Raw


@dataclass
class NoteDef:
    """A note definition found in the source, before calls are matched to it."""
    label: str
    line: int          # its first source line
    raw: Raw           # its paragraph (further paragraphs as children)
    group: int         # the page foot or list it came from


@dataclass
class ReadState:
    name: str
    text: str
    blocks: list[Raw] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)
    defs: list[NoteDef] = field(default_factory=list)
    groups: int = 0                       # page feet and lists seen so far
    bracket_labels: set[str] = field(default_factory=set)
    dated_by_publication: int = 0         # line of an "Originally published …" head
    body: list[Block] = field(default_factory=list)   # model blocks, once built
    body_lines: list[tuple[int, int]] = field(default_factory=list)   # each body block's source lines
    book: bool = False                    # a whole book as released (a Gutenberg frame)
    scopes: list[int] = field(default_factory=list)   # first lines of sections whose notes restart
    contents: set[str] = field(default_factory=set)   # a book's contents entries (their words)
    notes: list[Note] = field(default_factory=list)
    report: list[Repair] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)

    def log(self, action: str, start: int, end: int, detail: str, text: str = "") -> None:
        self.report.append(Repair(action, (start, end), detail, text))

    def drop(self, b: Raw, action: str, detail: str) -> None:
        """Record that `b` left the body (its source text goes with the entry)."""
        self.log(action, b.start, b.end, detail, b.source)

    def warn(self, line: int, msg: str) -> None:
        self.warnings.append(Notice(self.name, line, msg))

    def new_group(self) -> int:
        self.groups += 1
        return self.groups

    def add_def(self, label: str, line: int, raw: Raw, group: int) -> None:
        self.defs.append(NoteDef(label, line, raw, group))

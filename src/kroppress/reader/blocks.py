"""markdown-it block tokens to a flat list of raw blocks with source lines.

An HTML block's text becomes paragraphs and headings (`html_blocks`); a
Markdown table a table block."""
from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from ..model import Inline, LineBreak, NoteRef, Text
from ..plain import inline_text
from .html_blocks import SITE_PIECE, TABLE_PIECE, pieces, table_rows
from .inlines import InlineBuilder

# Raw exports are not careful Markdown: an indented line is not code, "1890. The…"
# is not a list, and a "---" under a line is a page-bottom rule, not a heading.
_MD = MarkdownIt("commonmark", {"html": True, "maxNesting": 40}).disable(
    ["list", "code", "fence", "lheading", "reference"]).enable("table")
# Let every link through the parser so the reader sees it and blanks unsafe
# targets itself (and reports them) instead of leaving "[x](javascript:…)" as text.
_MD.validateLink = lambda url: True


@dataclass
class Raw:
    type: str                 # heading | paragraph | hr | blockquote | table | html
    start: int                # 1-based first source line
    end: int                  # 1-based last source line
    _source: str              # the source lines (see `source`)
    level: int = 0
    inlines: list[Inline] = field(default_factory=list)
    children: list["Raw"] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)   # raw HTML removed from it
    targets: list[str] = field(default_factory=list)   # unsafe link targets removed from it
    titles: list[str] = field(default_factory=list)    # link titles (tooltips) removed from it
    rows: list[tuple[str, list[list[Inline]]]] = field(default_factory=list)   # a table's (section, cells)
    role: str = ""            # letter part, set by the letter rules
    _more: list[str] = field(default_factory=list)   # sources joined on, not yet concatenated

    @property
    def source(self) -> str:
        if self._more:        # joined lazily: a paragraph joined many times stays linear
            self._source = "\n".join([self._source, *self._more])
            self._more = []
        return self._source

    def add_source(self, text: str) -> None:
        self._more.append(text)

    @property
    def text(self) -> str:
        return inline_text(self.inlines, note_calls=False).strip()

    @property
    def lines(self) -> list[list[Inline]]:
        """The block's inlines split at hard breaks."""
        out: list[list[Inline]] = [[]]
        for node in self.inlines:
            if isinstance(node, LineBreak):
                out.append([])
            else:
                out[-1].append(node)
        return [strip_inlines(line) for line in out if inline_text(line).strip()]


def strip_inlines(nodes: list[Inline]) -> list[Inline]:
    nodes = list(nodes)
    if nodes and isinstance(nodes[0], Text):
        nodes[0] = Text(nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text.rstrip())
    return [n for n in nodes if not (isinstance(n, Text) and not n.text)]


def parse_blocks(text: str, builder: InlineBuilder) -> list[Raw]:
    src_lines = text.split("\n")
    tokens = _MD.parse(text)
    blocks, _ = _walk(tokens, 0, src_lines, builder, stop=None)
    return blocks


def _stamp(nodes, line: int) -> None:
    """Remember the source line of each note call: calls are matched to the
    next page-bottom block that defines their number."""
    for node in nodes:
        if isinstance(node, NoteRef):
            node.ref_id = f"line:{line}"
        elif hasattr(node, "children"):
            _stamp(node.children, line)


def _src(src_lines: list[str], m) -> str:
    return "\n".join(src_lines[m[0]:m[1]]) if m else ""


def _walk(tokens, i, src_lines, builder, stop):
    out: list[Raw] = []
    while i < len(tokens):
        tok = tokens[i]
        if stop and tok.type == stop:
            return out, i + 1
        m = tok.map
        if tok.type in ("heading_open", "paragraph_open"):
            inline = tokens[i + 1]
            kind = "heading" if tok.type == "heading_open" else "paragraph"
            with _Removed(builder) as removed:
                inlines = strip_inlines(builder.build(inline.children or []))
            _stamp(inlines, m[0] + 1)
            out.append(removed.into(Raw(kind, m[0] + 1, m[1], _src(src_lines, m),
                                        level=int(tok.tag[1]) if kind == "heading" else 0,
                                        inlines=inlines)))
            i += 3
        elif tok.type == "hr":
            out.append(Raw("hr", m[0] + 1, m[1], _src(src_lines, m)))
            i += 1
        elif tok.type == "blockquote_open":
            children, i = _walk(tokens, i + 1, src_lines, builder, "blockquote_close")
            out.append(Raw("blockquote", m[0] + 1, m[1], _src(src_lines, m), children=children))
        elif tok.type == "html_block":
            out += _html(tok, src_lines, builder)
            i += 1
        elif tok.type == "table_open":
            made, i = _table(tokens, i, src_lines, builder)
            out += made
        else:
            i += 1
    return out, i


class _Removed:
    """What the builder removed while a block was built (tags, targets, titles)."""

    def __init__(self, builder: InlineBuilder) -> None:
        self.builder = builder

    def __enter__(self) -> "_Removed":
        b = self.builder
        self.marks = len(b.dropped_html), len(b.dropped_targets), len(b.titles)
        return self

    def __exit__(self, *exc) -> None:
        b, (h, t, n) = self.builder, self.marks
        self.lists = b.dropped_html[h:], b.dropped_targets[t:], b.titles[n:]

    def into(self, raw: Raw) -> Raw:
        raw.dropped += self.lists[0]
        raw.targets += self.lists[1]
        raw.titles += self.lists[2]
        return raw


def _html(tok, src_lines, builder) -> list[Raw]:
    """An HTML block: a paragraph, heading or table for each piece a browser
    shows as text; a piece without text goes with the block beside it (its
    tags and hidden content reported there). No text at all: one "html" block."""
    first = tok.map[0] + 1
    out: list[Raw] = []
    spare, spare_removed = "", []         # pieces before the first with text
    line = first
    for _, piece, kind in pieces(tok.content):
        start, line = line, line + piece.count("\n")
        end = start + piece.rstrip().count("\n")
        with _Removed(builder) as removed:
            if kind == TABLE_PIECE:
                raw = _html_table(piece, start, end, builder)
            else:
                inlines = strip_inlines(builder.build(_MD.parseInline(piece)[0].children or []))
                _stamp(inlines, start)
                raw = Raw("heading" if kind > 0 else "paragraph", start, end, piece, level=max(kind, 0),
                          inlines=inlines, role="html-site" if kind == SITE_PIECE else "")
        if not _shows_text(raw):
            if out:
                out[-1].add_source(piece)
                removed.into(out[-1])
            else:
                spare += piece
                spare_removed.append(removed)
            continue
        if spare:
            raw.start, raw._source = first, spare + piece
        for r in spare_removed + [removed]:
            r.into(raw)
        spare, spare_removed = "", []
        out.append(raw)
    if not out:
        return [Raw("html", first, tok.map[1], _src(src_lines, tok.map))]
    out[-1].end = tok.map[1]
    return out


def _shows_text(raw: Raw) -> bool:
    lines = [c for _, cells in raw.rows for c in cells] if raw.type == "table" else [raw.inlines]
    return any(inline_text(x).strip() or any(isinstance(n, NoteRef) for n in x) for x in lines)


def _html_table(piece: str, start: int, end: int, builder) -> Raw:
    """An HTML <table>: a table block, its cells' inlines made as a paragraph's."""
    rows, tags = table_rows(piece)
    table = Raw("table", start, end, piece, dropped=tags)
    for section, cells in rows:
        made = [strip_inlines(builder.build(_MD.parseInline(c)[0].children or [])) for c in cells]
        for cell in made:
            _stamp(cell, start)
        table.rows.append((section, made))
    return table


def _table(tokens, i, src_lines, builder) -> tuple[list[Raw], int]:
    """A Markdown table: its rows as (section, cells), `i` past table_close.
    A line with no "|" that runs on under the last row is prose a raw export
    put under its table, not a row: a paragraph after it."""
    m = tokens[i].map
    table = Raw("table", m[0] + 1, m[1], "")
    after: Raw | None = None
    section, cells, row_map = "body", [], m
    i += 1
    while tokens[i].type != "table_close":
        t = tokens[i].type
        if t in ("thead_open", "tbody_open"):
            section = "head" if t == "thead_open" else "body"
        elif t == "tr_open":
            cells, row_map = [], tokens[i].map or row_map
        elif t == "tr_close":
            line = row_map[0]
            if after is None and section == "body" and "|" not in src_lines[line]:
                after = Raw("paragraph", line + 1, line + 1, src_lines[line])
            if after is None:
                table.rows.append((section, cells))
            else:
                if after.inlines:
                    after.add_source(src_lines[line])
                    after.inlines.append(Text("\n"))
                after.inlines += [x for k, c in enumerate(cells) if c for x in ([Text(" | ")] if k else []) + c]
                after.end = line + 1
        elif t == "inline":
            with _Removed(builder) as removed:
                cell = strip_inlines(builder.build(tokens[i].children or []))
            removed.into(table if after is None else after)
            _stamp(cell, row_map[0] + 1)
            cells.append(cell)
        i += 1
    table.end = after.start - 1 if after else table.end
    table._source = "\n".join(src_lines[table.start - 1:table.end])
    return [table] + ([after] if after else []), i + 1

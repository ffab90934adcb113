"""The repaired raw blocks become the model's blocks.

    The demands:                 a paragraph of list lines (perhaps after a
    1. Bread.                    line ending in a colon): a paragraph each
    2. Land.
    The diggers worked           soft line breaks: spaces
    all winter.

Letter parts, verse (consecutive stanzas: one poem), scene breaks,
headings and tables become blocks of their own.
"""
from __future__ import annotations

import re

from ...model import (Address, Block, BlockQuote, Closing, Dateline, Heading, Inline, LineBreak, Paragraph,
                      Postscript, Salutation, SceneBreak, Signature, Table, TableRow, Verse, VerseLine)
from ...plain import inline_text
from .. import patterns as P
from ..blocks import Raw, strip_inlines
from ..recognisers import verse_lines
from ..state import ReadState
from ..text import all_lines, flatten_soft_breaks, has_call, soft_lines, strip_prefix


_BULLET = re.compile(r"^\s*[-*•–]\s+")


def _list_lines(state: ReadState, b: Raw) -> list[list[Inline]] | None:
    lines = [strip_inlines(x) for x in soft_lines(b.inlines)]
    texts = [inline_text(x, False).strip() for x in lines]
    items = texts[1:] if texts and texts[0].endswith(":") else texts
    if len(items) < 2 or not all(P.LIST_ITEM.match(t) for t in items):
        return None
    state.log("list lines kept", b.start, b.end, f"{len(items)} list items, a paragraph each")
    return [line for line, t in zip(lines, texts) if t]


def _stanza(b: Raw, quoted: bool) -> list[VerseLine]:
    lines = verse_lines(b, quoted)
    for line in lines:
        flatten_soft_breaks(line.inlines)
    return lines


def _blocks(state: ReadState, raws: list[Raw], quoted: bool) -> list[Block]:
    """Model blocks of `raws`; consecutive verse paragraphs are one poem's stanzas."""
    out: list[Block] = []
    poem: Verse | None = None
    for b in raws:
        if b.role == "verse" and b.type == "paragraph":
            if poem is None:
                poem = Verse([])
                out.append(poem)
                if not quoted:
                    state.body_lines.append((b.start, b.end))
            elif not quoted:
                state.body_lines[-1] = (state.body_lines[-1][0], b.end)
            poem.stanzas.append(_stanza(b, quoted))
            continue
        poem = None
        made = to_model(state, b)
        if not quoted:
            state.body_lines += [(b.start, b.end)] * len(made)
        out += made
    return out


def _signature(lines: list[list[Inline]]) -> Signature:
    """The name, and the signer's office on a line of its own ("Jane Doe" /
    "Secretary, Women's Section"), whether the export broke them hard or soft."""
    return Signature([x for k, line in enumerate(lines) for x in ([LineBreak()] if k else []) + line])


def to_model(state: ReadState, b: Raw) -> list[Block]:
    if b.type == "blockquote":
        if b.role == "verse-lines":
            return [Verse([[line for c in b.children for line in _stanza(c, True)]])]
        inner = _blocks(state, b.children, True)
        if b.role == "verse" and len(inner) == 1:
            return inner                     # the whole quotation is a poem
        return [BlockQuote(inner)]
    if b.type == "table":
        caption = [x for section, cells in b.rows if section == "caption" for x in cells[0]]
        return [Table([TableRow(cells, section) for section, cells in b.rows if section != "caption"],
                      caption=flatten_soft_breaks(caption))]
    # letter parts keep their lines, whether the export broke them hard or soft
    lines = all_lines(b) if b.role in ("address", "salutation", "signature", "closing+signature",
                                       "closing+signature+dateline") else []
    items = _list_lines(state, b) if b.type == "paragraph" and not b.role else None
    if items:
        # a bullet ("- ", "• ") is the list's mark, not a word of the item; numbers stay
        return [Paragraph(flatten_soft_breaks(strip_prefix(line, _BULLET))) for line in items]
    flatten_soft_breaks(b.inlines)
    if b.type == "hr":
        return [SceneBreak()]
    if b.type == "heading":
        # a book's headings keep the levels their form gave them
        return [Heading(b.level if b.role == "book-heading" else 2 if b.level <= 2 else 3, b.inlines)]
    if P.SCENE_BREAK.match(b.text) and not has_call(b):
        return [SceneBreak()]
    role = b.role
    if role == "dateline":
        if not state.meta.date:
            m = P.ENDS_WITH_DATE.search(b.text)
            state.meta.date = (m.group(0) if m else b.text).rstrip(".")
        return [Dateline(b.inlines)]
    if role == "address":
        return [Address(lines)]
    if role == "salutation":
        out: list[Block] = []
        if len(lines) > 1:
            out.append(Address(lines[:-1]))
        out.append(Salutation(lines[-1]))
        return out
    if role == "closing":
        return [Closing(b.inlines)]
    if role == "signature":
        # a signer's office on a line of its own keeps its line
        return [_signature(lines)]
    if role == "closing+signature":
        return [Closing(lines[0]), _signature(lines[1:])]
    if role == "closing+signature+dateline":
        if not state.meta.date:
            m = P.ENDS_WITH_DATE.search(inline_text(lines[2], False))
            state.meta.date = m.group(0).rstrip(".") if m else ""
        return [Closing(lines[0]), Signature(lines[1]), Dateline(lines[2])]
    if role == "postscript":
        return [Postscript(b.inlines)]
    return [Paragraph(b.inlines)]


def rule(state: ReadState) -> None:
    state.body = _blocks(state, state.blocks, False)

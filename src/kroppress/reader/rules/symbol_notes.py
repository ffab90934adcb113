"""Footnotes marked with symbols, as older books and pamphlets print them.

    … not for politics."*               the call: a symbol right after a word
    * Conversation at Long Marston.     the page's note, opening with the same
    † The Women's Institutes …          symbol (*, †, ‡, §, or doubled)

The calls become note calls and the definitions page-foot notes, which the
page-foot rule after this one moves to the end and matches page by page (the
symbols start again on each page). A "*" with no definition stays as written.
"""
from __future__ import annotations

import re

from ...model import NoteRef, Text
from ..blocks import Raw
from ..state import ReadState
from ..text import split_at_lines, text_calls

# the symbol, then words ("* * *" is a scene break, not a note)
_DEF = re.compile(r"^\s*([*†‡§]{1,3})\s+(?=[^\W_])")
_CALL = re.compile(r"(?<=[\w.,;:!?\"”’')\]])([*†‡§]{1,3})(?=[\s.,;:!?\"”’')\]]|$)")


def _starts_def(first) -> bool:
    return isinstance(first, Text) and bool(_DEF.match(first.text))


def rule(state: ReadState) -> bool:
    blocks: list[Raw] = []
    for b in state.blocks:
        blocks += split_at_lines(b, _starts_def) if b.type == "paragraph" else [b]
    defs = [b for b in blocks if b.type == "paragraph" and _DEF.match(b.text)]
    symbols = {_DEF.match(b.text).group(1) for b in defs}
    if not symbols:
        return False
    found = 0
    is_def = {id(b) for b in defs}       # by identity: comparing blocks is slow and wrong
    for b in blocks:
        if b.type == "paragraph" and id(b) not in is_def:
            # the call's line: symbols start again on each page, matched page by page
            b.inlines, k = text_calls(b.inlines, _CALL, symbols, f"line:{b.start}")
            found += k
    if not found:
        return False                          # bullets or asterisms, not notes
    for d in defs:
        first = d.inlines[0]
        m = _DEF.match(first.text)
        d.inlines = [NoteRef(m.group(1)), Text(first.text[m.end():])] + d.inlines[1:]
        state.log("note collected", d.start, d.end, f"a note marked {m.group(1)!r} at a page foot")
    state.blocks = blocks
    return True

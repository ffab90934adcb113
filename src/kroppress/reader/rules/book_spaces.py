"""A typewriter's two spaces after a sentence, as many Gutenberg texts keep
them: one space.

    … than interest.  The real Emma Goldman …   ->   … than interest. The real …

Only runs of spaces inside a line; a line's indentation is the verse
rule's and has been read before this runs.
"""
from __future__ import annotations

import re

from ...model import Text
from ..state import ReadState

_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")
_COLUMNS = re.compile(r"\S {3,}\S")


def _walk(nodes) -> int:
    n = 0
    for i, node in enumerate(nodes):
        if isinstance(node, Text) and "  " in node.text:
            text, k = _RUN.subn(" ", node.text)
            nodes[i] = Text(text)
            n += k
        elif hasattr(node, "children"):
            n += _walk(node.children)
    return n


def rule(state: ReadState) -> bool:
    if not state.book:
        return False
    n = 0

    def each(blocks):
        nonlocal n
        for b in blocks:
            # a table's columns (three spaces or more inside a line) keep their spaces
            if b.role != "verse" and not _COLUMNS.search(b.source):
                n += _walk(b.inlines)
            each(b.children)
    each(state.blocks)
    for d in state.defs:
        n += _walk(d.raw.inlines)
        for c in d.raw.children:
            n += _walk(c.inlines)
    if n:
        state.log("spaces made single", 1, 1, f"{n} runs of spaces inside lines, one space each")
    return bool(n)

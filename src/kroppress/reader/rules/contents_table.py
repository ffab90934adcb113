"""A contents table from the source edition, near the head: dropped.

    ## Contents
    What to do?            6        a title, then a tab, spaces or leaders
    Postscript .......... 14        and a page number; or a line naming
    ---------  --  ---              one of the text's later headings;
                                    table rules between them
"""
from __future__ import annotations

from .. import patterns as P
from ..state import ReadState
from ..text import line_texts, norm


def rule(state: ReadState) -> bool:
    blocks = state.blocks
    for i, b in enumerate(blocks[:12]):
        if not (b.type in ("heading", "paragraph") and P.CONTENTS.match(b.text)):
            continue
        later = {norm(x.text) for x in blocks[i + 1:] if x.type == "heading"}

        def entry(line: str) -> bool:
            return bool(P.TOC_LINE.match(line) or P.TABLE_RULE.match(line)) or norm(line) in later
        j = i + 1
        while j < len(blocks) and (blocks[j].type == "hr" or (
                blocks[j].type == "paragraph" and line_texts(blocks[j])
                and all(entry(line) for line in line_texts(blocks[j])))):
            j += 1
        if j == i + 1:
            continue
        for b2 in blocks[i:j]:
            state.drop(b2, "contents dropped", "a contents table from the source edition is not body")
        state.blocks = blocks[:i] + blocks[j:]
        return True
    return False

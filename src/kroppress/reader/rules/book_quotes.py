"""A book's quotation of prose, set in from the margin: a block quote, not a poem.

         Propagandism is not, as some suppose, a "trade," because
         nobody will follow a "trade" at which you may work with       lines that run on
         the industry of a slave and die with the reputation of a      mid-sentence, most
         mendicant.                                                    in lower case
                                         GEORGE JACOB HOLYOAKE.

An indented poem (its lines begin with capitals, or break where the sense
does) stays for the verse rule.
"""
from __future__ import annotations

from ..blocks import Raw
from ..state import ReadState
from ..text import line_texts, starts_lower


def _indented_prose(b: Raw) -> bool:
    src = [x for x in b.source.split("\n") if x.strip()]
    lines = line_texts(b)
    if b.type != "paragraph" or b.role or len(lines) < 3 or len(src) != len(lines):
        return False
    if min(len(x) - len(x.lstrip(" ")) for x in src) < 2:
        return False
    body = lines[1:]
    lower = sum(1 for x in body if starts_lower(x)) / len(body)
    return lower >= 0.5 and sum(len(x) for x in lines) / len(lines) >= 40


def rule(state: ReadState) -> bool:
    if not state.book:
        return False
    found = False
    for k, b in enumerate(state.blocks):
        if _indented_prose(b):
            state.blocks[k] = Raw("blockquote", b.start, b.end, b.source, children=[b])
            state.log("quotation found", b.start, b.end, "prose set in from the margin: a block quote")
            found = True
    return found

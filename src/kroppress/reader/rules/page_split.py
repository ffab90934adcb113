"""A paragraph split in two by a page break.

    … the workers of all            ends without closing punctuation, and
                                    the next begins in lower case; or it
    nationalities agreed …          stops on a word no sentence ends with
                                    ("the", "of") and the next begins with
    … the whole of                  a number, a quotation mark or a short
    1 December was lost …           italic

A plain capitalised word after a cut stays ambiguous (a lost line, a
heading) and is left to `kroppress check`. Block quotes cut the same way are
joined too.
"""
from __future__ import annotations

import re

from ...model import Emphasis, Strong
from ...plain import inline_text
from .. import patterns as P
from ..blocks import Raw
from ..joins import join, join_quotes, tail_text
from ..state import ReadState
from ..text import ends_open, starts_lower, words


def head_text(b: Raw, size: int = 80) -> str:
    out, got = [], 0
    for node in b.inlines:
        piece = inline_text([node], note_calls=False)
        out.append(piece)
        got += len(piece)
        if got >= size:
            break
    return "".join(out).lstrip()


def cut_after_word(a: Raw, b: Raw) -> bool:
    """`a` stops on an open word and `b` begins with what can go on a
    sentence there but cannot open a paragraph's: a digit, a quotation mark,
    a short italic."""
    end = tail_text(a, 40)
    m = re.search(r"(?:^|\s)([a-z]+)$", end)
    if not (m and m.group(1) in P.OPEN_WORDS and words(tail_text(a, 60)) >= 4 and b.type == "paragraph"
            and b.inlines):
        return False
    start = head_text(b)
    if P.NOTES_HEADING.match(b.text if len(start) < 40 else start) or P.LIST_ITEM.match(start):
        return False
    first = b.inlines[0]
    return (isinstance(first, (Emphasis, Strong)) and words(inline_text(first.children, False)) <= 6
            or start[:1].isdigit() or start[:1] in "“\"‘'«„")


def rule(state: ReadState) -> None:
    out: list[Raw] = []
    for b in state.blocks:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == b.type == "paragraph" and not prev.role and not b.role
                and ends_open(tail_text(prev)) and (starts_lower(head_text(b)) or cut_after_word(prev, b))):
            join(state, prev, b, "a page break split this paragraph")
            continue
        if join_quotes(state, prev, b, "a page break split this quotation", either=False):
            continue
        out.append(b)
    state.blocks = out

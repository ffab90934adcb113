"""A place and a date at the head of the body: a dateline.

    Dmitrov, Russia, April 28, 1919
    I have been asked …

It dates the text when the head did not.
"""
from __future__ import annotations

from .. import patterns as P
from ..state import ReadState
from ..text import words


def rule(state: ReadState) -> None:
    for b in state.blocks[:2]:
        if b.role:
            return
        t = b.text
        if (b.type == "paragraph" and len(b.lines) == 1 and words(t) <= 12 and "," in t
                and P.ENDS_WITH_DATE.search(t) and not P.FIRST_PUBLISHED_HEAD.match(t)):
            b.role = "dateline"
            if not state.meta.date:
                state.meta.date = P.ENDS_WITH_DATE.search(t).group(0).rstrip(".")
            return

"""Where a printed book had a picture, Gutenberg's plain text says so.

    [Illustration]                           no caption: dropped, reported
    [Illustration: THE MILL AT DUSK.         a caption: kept (in italics) as
    _From a drawing by the author._]         a paragraph of its own, reported

The caption is never a heading, though it may be in capitals.
"""
from __future__ import annotations

from ...model import Emphasis, Text
from .. import book_recognisers as R
from ..blocks import strip_inlines
from ..state import ReadState
from ..text import strip_prefix


def rule(state: ReadState) -> bool:
    if not state.book:
        return False
    found = False
    for b in state.blocks:
        if b.type != "paragraph" or not R.ILLUSTRATION.match(b.text) or not b.text.endswith("]"):
            continue
        found = True
        inlines = strip_prefix(b.inlines, R.ILLUSTRATION)
        if inlines and isinstance(inlines[-1], Text):
            inlines[-1] = Text(inlines[-1].text.rstrip()[:-1])
        inlines = strip_inlines(inlines)
        word = R.ILLUSTRATION.match(b.text).group(0)
        if not inlines:
            state.drop(b, "illustration dropped", "a picture of the printed book, no caption")
            b.type = "dropped"
            continue
        b.inlines = [Emphasis(inlines)]
        b.role = "caption"
        state.log("illustration caption kept", b.start, b.end, "a picture's caption kept, the picture is not",
                  word)
    state.blocks = [b for b in state.blocks if b.type != "dropped"]
    return found

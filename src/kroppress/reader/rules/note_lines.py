"""Note definitions on consecutive lines of one paragraph are separate notes.

    [2] Ibid., p. 4.
    [3] See the letter of 1 May.        -> two paragraphs, one note each
    <sup>4</sup> A later hand.

"""
from __future__ import annotations

from ...model import NoteRef, Text
from .. import patterns as P
from ..state import ReadState
from ..text import split_at_lines


def starts_def(first) -> bool:
    return isinstance(first, NoteRef) or (isinstance(first, Text) and bool(P.BRACKET_DEF.match(first.text)))


def rule(state: ReadState) -> bool:
    out = []
    for b in state.blocks:
        out += split_at_lines(b, starts_def) if b.type == "paragraph" else [b]
    changed = len(out) != len(state.blocks)
    state.blocks = out
    return changed

"""Joining the halves of a paragraph or a quotation cut by a page."""
from __future__ import annotations

from ..model import Text
from ..plain import inline_text
from .blocks import Raw, strip_inlines
from .state import ReadState
from .text import ends_open, starts_lower


def tail_text(b: Raw, size: int = 80) -> str:
    """The last characters of a block's text, without walking all of it
    (a paragraph joined many times stays cheap to look at)."""
    out: list[str] = []
    got = 0
    for node in reversed(b.inlines):
        piece = inline_text([node], note_calls=False)
        out.append(piece)
        got += len(piece)
        if got >= size and piece.strip():
            break
    return "".join(reversed(out)).rstrip()


def join(state: ReadState, a: Raw, b: Raw, why: str) -> None:
    """Join two halves of a paragraph. A word cut at the break after a
    hyphen ("co-" / "operation") is closed up but keeps its hyphen, as at a
    line end: without a dictionary a compound cannot be told from a word
    split for the page, and the words must come out as written."""
    end = tail_text(a, 3)
    sep = "" if end.endswith("-") and end[-2:-1].isalpha() else " "
    left = a.inlines                 # in place: a paragraph joined many times stays linear
    if left and isinstance(left[-1], Text):
        left[-1] = Text(left[-1].text.rstrip() + sep)
        if not left[-1].text:
            left.pop()
    elif sep:
        left.append(Text(sep))
    left.extend(strip_inlines(b.inlines))
    if left and isinstance(left[0], Text) and left[0].text != left[0].text.lstrip():
        left[0] = Text(left[0].text.lstrip())
        if not left[0].text:
            left.pop(0)
    state.log("paragraph joined", a.start, b.end, f"lines {a.start}-{a.end} and {b.start}-{b.end}: {why}")
    a.end = b.end
    a.add_source(b.source)


def join_quotes(state: ReadState, a: Raw | None, b: Raw | None, why: str, either: bool) -> bool:
    """Two block quotes that are one quotation cut by a page break: the
    first ends mid-sentence and (or, after page-foot notes, or) the second
    resumes in lower case. The two cut paragraphs are joined; the
    quotation's other paragraphs follow."""
    if (a is None or b is None or a.type != "blockquote" or b.type != "blockquote"
            or not a.children or not b.children
            or a.children[-1].type != "paragraph" or b.children[0].type != "paragraph"):
        return False
    last, first = a.children[-1], b.children[0]
    cut = (ends_open(last.text) or starts_lower(first.text)) if either else (
        ends_open(last.text) and starts_lower(first.text))
    if not cut:
        return False
    join(state, last, first, why)
    a.children.extend(b.children[1:])
    a.end = b.end
    a.add_source(b.source)
    return True

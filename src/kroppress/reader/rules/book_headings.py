"""A book's headings, with their levels from their form.

    PART I.                         numbered divisions: PART and BOOK hold
                                    CHAPTERs (and ESSAYs, LECTUREs, ACTs
    CHAPTER I.                      hold SCENEs); a title on the next line
                                    ("INTRODUCTORY.") is the heading's own
    INTRODUCTORY.
                                    a numeral alone is a section of a
    I                               chapter; "I. HISTORY." is a numbered
                                    title; a line in capitals set apart by
    THE SOIL                        blank lines is a heading, not a shout
                                    inside a paragraph ("It is a case of
                                    PRODUCING THE GREATEST AMOUNT …"),
                                    nor a speaker's name said again and
                                    again in a play ("ROPER.")
"""
from __future__ import annotations

from collections import Counter

from ...model import LineBreak
from .. import book_recognisers as R
from ..blocks import Raw
from ..state import ReadState
from ..text import norm


def _title_line(b: Raw | None, before: Raw) -> bool:
    """A chapter's title on the line after its number."""
    if b is None or b.type != "paragraph" or b.role or b.children or b.start - before.end - 1 > 3:
        return False
    lines = R.block_lines(b)
    if not lines or len(lines) > 3 or R.heading_form(lines[0]) is not None:
        return False
    text = " ".join(lines)
    if R.caps_line(b):
        return True
    words = text.split()
    capital = sum(1 for w in words if w[:1].isupper() or w.lower() in ("of", "the", "and", "a", "in", "on", "to"))
    return len(text) <= 70 and len(words) <= 10 and capital >= len(words) - (len(words) >= 4) and not R.is_prose(b)


def _signs_off(nxt: Raw, contents: set[str]) -> bool:
    """What follows a place or a name that signs a preface ("BRIGHTON." over
    "_January, 1913._"): one short line that is neither text nor a heading."""
    lines = R.block_lines(nxt)
    return len(lines) == 1 and not R.is_prose(nxt) and not R.is_caps(lines[0]) and \
        R.heading_form(lines[0]) is None and len(lines[0]) < 40 and R.entry_key(lines[0]) not in contents


def _merge(b: Raw, title: Raw) -> None:
    b.inlines = [*b.inlines, LineBreak(), *title.inlines]
    b.add_source(title.source)
    b.end = title.end


def rule(state: ReadState) -> bool:
    if not state.book:
        return False
    blocks = state.blocks
    said = Counter(norm(b.text) for b in blocks if b.type == "paragraph")
    found: list[tuple[Raw, str]] = []           # (block, form)
    out: list[Raw] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        lines = R.block_lines(b) if b.type == "paragraph" and not b.role and not b.children else []
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        form = R.heading_form(lines[0]) if lines and len(lines) <= 3 else None
        if form is not None and nxt is not None and (len(lines) == 1 or R.caps_line(b)):
            rank, title = form
            kind = "numbered" if rank != 3 or title else "numeral"
            if not title and len(lines) == 1 and _title_line(nxt, b) and said[norm(nxt.text)] < 3:
                _merge(b, nxt)
                state.log("heading found", b.start, b.end, "a chapter's title on the line after its number")
                i += 1
                kind = "numbered" if rank != 3 else "numeral+title"
            if kind != "numeral" or R.is_prose(nxt):     # a numeral alone heads running text
                found.append((b, f"{kind}:{rank}"))
        elif lines and nxt is not None and len(lines) <= 2 and not R.is_caps(b.text) and not R.is_prose(b) \
                and state.contents and R.entry_key(b.text) in state.contents:
            found.append((b, "listed"))        # a title the book's contents names
        elif lines and nxt is not None and R.caps_line(b) and not _signs_off(nxt, state.contents) and not (
                said[norm(b.text)] >= 3 and b.text.endswith(".") and len(b.text.split()) <= 4):
            found.append((b, "caps"))
        out.append(b)
        i += 1
    state.blocks = out
    if not found:
        return False
    ranks = _ranks(found, state.text.split("\n"))
    levels = {r: 2 + k for k, r in enumerate(sorted(set(ranks)))}
    for (b, form), rank in zip(found, ranks):
        b.type, b.level, b.role = "heading", levels[rank], "book-heading"
        state.log("heading found", b.start, b.end, f"a book's heading ({form.split(':')[0]}), level {levels[rank]}")
    return True


def _blank_above(lines: list[str], start: int) -> int:
    k, n = start - 2, 0
    while k >= 0 and not lines[k].strip():
        k, n = k - 1, n + 1
    return n


def _ranks(found: list[tuple[Raw, str]], lines: list[str]) -> list[int]:
    """Rank of each heading. Numbered forms rank by their kind. A line in
    capitals (and a numeral) after three or more blank lines stands where
    chapters stand (Gutenberg sets a chapter four lines down, a section two);
    after fewer it is a section of the chapter before it."""
    kinds = [f for _, f in found]
    chapters = any(k == "numbered:2" for k in kinds)
    numbered = [int(k.split(":")[1]) for k in kinds if k.startswith("numbered")]
    top = min(numbered) if numbered else 2
    out: list[int] = []
    big = None                     # the rank of the last heading set far down
    caps = None                    # the rank of the last heading in capitals
    for (b, form) in found:
        form = form if form.startswith("numbered") else form.split(":")[0]
        far = _blank_above(lines, b.start) >= 3
        if form.startswith("numbered"):
            rank = int(form.split(":")[1])
        elif form == "numeral+title":
            rank = 3 if chapters else 2
        elif form == "numeral":
            rank = 3 if chapters or big is not None else 2
        elif form == "listed" and caps is not None:
            rank = min(caps + 1, 4)        # mixed case under the capitals the contents also names
        elif R.MATTER.match(b.text) or big is None:
            rank = top
        elif far:
            rank = caps if caps is not None else big
        else:
            rank = min(big + 1, 4)
        if far and form != "numeral":
            big = rank
        if form == "caps":
            caps = rank
        out.append(rank)
    return out

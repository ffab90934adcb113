"""Footnotes printed at a page foot, in the middle of the text.

    … they threw them                 the text, cut mid-sentence
    ---                               a rule
    <sup>1</sup> A reference to …     the page's notes
    <sup>2</sup> See below.
    overboard, and the strike …       the text resumes

The notes become endnotes (calls are matched to the next page foot that
defines their number, so notes numbered afresh on each page attach right);
the two halves of the paragraph or the quotation are joined. A note's
further paragraphs stay with it: the text resumes (in lower case) only after
them, or they end with a note's "(translator)" marker. A long note running
on from the previous page's foot joins that note.
"""
from __future__ import annotations

from .. import patterns as P
from ...model import Text
from ..blocks import Raw, strip_inlines
from ..joins import join, join_quotes
from ..state import ReadState
from ..text import ends_open, is_sup_def, starts_lower


def _note_paragraphs(state: ReadState, blocks: list[Raw], j: int, prev: Raw | None) -> int:
    """Further paragraphs of the last page-foot note, between the notes and
    the text's return. Two signs, either enough: the text was cut
    mid-sentence and resumes (in lower case) only after them; or the
    paragraph ends with a note's "(translator)"/"(ed.)" marker."""
    def candidate(c: Raw) -> bool:
        return (c.type == "paragraph" and not is_sup_def(c) and not starts_lower(c.text)
                and (not ends_open(c.text) or bool(P.NOTE_KIND.search(c.text))))
    take = 0
    if prev is not None and prev.type == "paragraph" and ends_open(prev.text):
        for m in range(j, min(j + 3, len(blocks))):
            c = blocks[m]
            if c.type == "paragraph" and starts_lower(c.text) and not is_sup_def(c):
                take = m - j
                break
            if not candidate(c):
                break
    if not take:
        for m in range(j, min(j + 2, len(blocks))):
            c = blocks[m]
            if not candidate(c):
                break
            if P.NOTE_KIND.search(c.text):
                take = m - j + 1
                break
    if not take:
        return j
    note = state.defs[-1].raw
    for c in blocks[j:j + take]:
        note.children.append(Raw("paragraph", c.start, c.end, c.source, inlines=c.inlines))
        state.log("note paragraph joined", c.start, c.end,
                  "a further paragraph of the page-foot note before (not the text)")
    return j + take


def rule(state: ReadState) -> None:
    blocks = state.blocks
    out: list[Raw] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        starts_block = (b.type == "hr" and i + 1 < len(blocks) and is_sup_def(blocks[i + 1])) or is_sup_def(b)
        runs_on = (b.type == "hr" and state.defs and i + 2 < len(blocks)
                   and blocks[i + 1].type == "paragraph" and not is_sup_def(blocks[i + 1])
                   and is_sup_def(blocks[i + 2]))
        if not (starts_block or runs_on):
            out.append(b)
            i += 1
            continue
        if is_sup_def(b) and out and out[-1].type in ("heading", "paragraph") \
                and P.NOTES_HEADING.match(out[-1].text):
            state.drop(out.pop(), "boilerplate dropped", "heading of the notes list")
            if out and out[-1].type == "hr":
                state.drop(out.pop(), "boilerplate dropped", "the rule before the notes list")
        j = i + 1 if b.type == "hr" else i
        group = state.new_group()
        if runs_on:
            tail = blocks[j]
            last = state.defs[-1].raw
            last = last.children[-1] if last.children else last
            last.inlines = last.inlines + [Text(" ")] + tail.inlines
            state.log("note line joined", tail.start, tail.end,
                      "the end of a note carried over to the next page's foot")
            j += 1
        while j < len(blocks) and is_sup_def(blocks[j]):
            d = blocks[j]
            raw = Raw("paragraph", d.start, d.end, d.source, inlines=strip_inlines(d.inlines[1:]))
            state.add_def(d.inlines[0].label, d.start, raw, group)
            j += 1
        state.log("page-bottom notes moved", b.start, blocks[j - 1].end,
                  f"{j - (i + 1 if b.type == 'hr' else i)} note(s) printed at a page foot become endnotes",
                  b.source if b.type == "hr" else "")
        prev = out[-1] if out else None
        j = _note_paragraphs(state, blocks, j, prev)
        nxt = blocks[j] if j < len(blocks) else None
        if (prev is not None and nxt is not None and prev.type == nxt.type == "paragraph"
                and not P.NOTES_HEADING.match(nxt.text)
                and (ends_open(prev.text) or starts_lower(nxt.text))):
            join(state, prev, nxt, "the page-bottom notes cut this paragraph in two")
            j += 1
        elif join_quotes(state, prev, nxt, "the page-bottom notes cut this quotation in two", either=True):
            j += 1
        i = j
    state.blocks = out

"""A book's notes as Gutenberg sets them, scoped to their chapter or essay
when the numbers restart.

    … the old ways.[1]                     a call: "[1]", "{1}", "[A]"

    FOOTNOTES:                             a block of notes after a chapter,
                                           under its label or bare before the
    [1] The note, wrapped                  next heading; a note's further
    over two lines.                        paragraphs stay with it

    [Footnote 1: The note, where the       Gutenberg's own form, anywhere,
    transcriber put it.]                   over several paragraphs

A "[1]" that no note of its own section defines is a citation and stays
text; a call is never linked to another section's note.
"""
from __future__ import annotations

import bisect
from collections import Counter

from ...model import Text
from .. import patterns as P
from .. import book_recognisers as R
from ..blocks import Raw, strip_inlines
from ..state import ReadState
from ..text import starts_lower, strip_prefix, text_calls


def _strip_close(raw: Raw) -> None:
    last = raw.children[-1] if raw.children else raw
    if last.inlines and isinstance(last.inlines[-1], Text) and last.inlines[-1].text.rstrip().endswith("]"):
        t = last.inlines[-1].text.rstrip()
        last.inlines[-1] = Text(t[:-1])
        last.inlines = strip_inlines(last.inlines)


def _rejoin(out: list[Raw], blocks: list[Raw], i: int) -> None:
    """A paragraph the footnote was set into the middle of is one again:
    "… the old" [Footnote …] "ways of the town …"."""
    if not out or i >= len(blocks) or out[-1].type != "paragraph" or blocks[i].type != "paragraph":
        return
    before, after = out[-1], blocks[i]
    if P.TERMINAL.search(before.text) or not starts_lower(after.text) or R.FOOTNOTE_OPEN.match(after.text):
        return
    before.inlines = [*before.inlines, Text("\n"), *after.inlines]
    before.add_source(after.source)
    before.end = after.end
    after.type = "joined"


def _footnotes(state: ReadState, blocks: list[Raw]) -> tuple[list[Raw], list[tuple[str, Raw]]]:
    """`[Footnote 1: …]` blocks, wherever they stand."""
    out, defs = [], []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.type == "joined":
            i += 1
            continue
        m = R.FOOTNOTE_OPEN.match(b.text) if b.type == "paragraph" else None
        if not m:
            out.append(b)
            i += 1
            continue
        note = Raw("paragraph", b.start, b.end, b.source, inlines=strip_prefix(b.inlines, R.FOOTNOTE_OPEN))
        depth = b.text.count("[") - b.text.count("]")
        i += 1
        while depth > 0 and i < len(blocks) and blocks[i].type == "paragraph" and len(note.children) < 20:
            note.children.append(blocks[i])
            depth += blocks[i].text.count("[") - blocks[i].text.count("]")
            i += 1
        _strip_close(note)
        _rejoin(out, blocks, i)
        state.log("note found", note.start, (note.children or [note])[-1].end,
                  f"a Gutenberg footnote ({m.group(1)} {m.group(2)})", m.group(1))
        defs.append((m.group(2), note))
    return out, defs


def _lists(state: ReadState, blocks: list[Raw]) -> tuple[list[Raw], list[tuple[str, Raw]]]:
    """`[1] …` paragraphs after a chapter, under a "FOOTNOTES:" label or
    bare, up to the next heading."""
    out: list[Raw] = []
    defs: list[tuple[str, Raw]] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        labelled = b.type == "paragraph" and R.NOTES_LABEL.match(b.text) is not None
        j = i + 1 if labelled else i
        k = j
        while k < len(blocks) and blocks[k].type == "paragraph" and (
                R.BRACKET_DEF.match(blocks[k].text) or (labelled and k > j)):
            k += 1
        ends = k == len(blocks) or blocks[k].type == "heading"
        if k == j or not ends or not R.BRACKET_DEF.match(blocks[j].text):
            out.append(b)
            i += 1
            continue
        if labelled:
            state.drop(b, "notes heading dropped", "a block of notes after its chapter")
        for c in blocks[j:k]:
            m = R.BRACKET_DEF.match(c.text)
            if m:
                c.inlines = strip_prefix(c.inlines, R.DEF_MARK)
                defs.append((m.group(1), c))
            else:                              # a note's further paragraph
                defs[-1][1].children.append(c)
        state.log("notes found", blocks[j].start, blocks[k - 1].end, f"{k - j} notes after a chapter")
        i = k
    return out, defs


def _scopes(blocks: list[Raw], defs: list[tuple[str, Raw]]) -> list[int]:
    """The first lines of the sections where note numbers restart: the
    highest level of headings at which no number is defined twice."""
    labels = Counter(label for label, _ in defs)
    if all(n == 1 for n in labels.values()):
        return []
    levels = sorted({b.level for b in blocks if b.type == "heading"})
    for level in levels:
        starts = [b.start for b in blocks if b.type == "heading" and b.level <= level]
        seen = Counter((bisect.bisect_right(starts, d.start), label) for label, d in defs)
        if all(n == 1 for n in seen.values()):
            return starts
    return [b.start for b in blocks if b.type == "heading"]


def _calls(blocks: list[Raw], defs: list[tuple[str, Raw]], scopes: list[int]) -> None:
    """Make `[n]` a call where its own section defines note n after it (a
    book's notes follow their calls)."""
    where: dict[int, dict[str, int]] = {}
    for label, d in defs:
        last = where.setdefault(bisect.bisect_right(scopes, d.start), {})
        last[label] = max(last.get(label, 0), d.start)

    def walk(bs: list[Raw]) -> None:
        for b in bs:
            if b.children:
                walk(b.children)
            here = where.get(bisect.bisect_right(scopes, b.start), {})
            labels = {label for label, line in here.items() if line > b.start}
            if labels and b.type in ("paragraph", "heading"):
                b.inlines = text_calls(b.inlines, R.CALL, labels, f"line:{b.start}")[0]
    walk(blocks)


def rule(state: ReadState) -> bool:
    if not state.book:
        return False
    blocks, defs = _footnotes(state, state.blocks)
    blocks, listed = _lists(state, blocks)
    defs = sorted(defs + listed, key=lambda d: d[1].start)
    if not defs:
        return False
    scopes = _scopes(blocks, defs)
    _calls(blocks, defs, scopes)
    for label, raw in defs:
        state.add_def(label, raw.start, raw, state.new_group())
    state.scopes = scopes
    state.blocks = blocks
    return True

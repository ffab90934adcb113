"""A list of notes at the end of a text, in any of its forms, with or
without a heading, before or after a biography or a site's tail.

    Notes                              "Notes", "Endnotes", "Footnotes",
    [1] Ibid., p. 4.                   "References", or no heading;
    [2]. See the letter of 1 May.      "[1]", "[1].", "^1", "(1)", "1.", "1)"
    ^3 A wrapped note whose line
    goes on here.                      a wrapped line or a further
                                       paragraph stays with its note

`[n]` and `^n` lists are notes wherever they stand; a "1." or "(1)" list is a
list of notes under a notes heading, or when the text calls its numbers
(`[1]`, `^1`, `<sup>1</sup>`): a programme of numbered demands at the end of
an essay stays body.
"""
from __future__ import annotations

from ...model import NoteRef, Paragraph, Text
from ...plain import inline_text
from .. import patterns as P
from ..blocks import Raw
from ..state import ReadState
from ..text import ends_open, soft_lines, split_at_lines, starts_lower, strip_prefix
from ...transforms.walk import note_refs

_STRONG_FORMS = (0, 1)          # "[n]" and "^n": notes wherever they stand


def _form(t: str) -> tuple[int, str] | None:
    """(form index, label) of a definition line."""
    m = P.BRACKET_DEF.match(t)
    if m:
        return 0, m.group(1)
    m = P.NOTE_DEF.match(t)
    if not m:
        return None
    k = next(i for i, g in enumerate(m.groups()) if g)
    return k, m.group(k + 1)


def _line_starts_def(b: Raw) -> bool:
    return any(_form(inline_text(line, False).lstrip()) for line in soft_lines(b.inlines))


def _is_def(b: Raw) -> bool:
    return b.type == "paragraph" and _form(b.text) is not None


def _list_start(blocks: list[Raw]) -> int | None:
    """First block of the trailing run of definitions (and their wrapped
    lines or further paragraphs)."""
    k = None
    j = len(blocks) - 1
    while j >= 0:
        b = blocks[j]
        if b.type == "paragraph" and (_is_def(b) or _line_starts_def(b)):
            k = j
        elif not (b.type == "paragraph" and j > 0 and blocks[j - 1].type == "paragraph"
                  and (ends_open(blocks[j - 1].text) or k is not None or _is_def(blocks[j - 1]))
                  and any(_is_def(x) for x in blocks[max(0, j - 3):j])):
            break
        j -= 1
    return k


def _called(blocks: list[Raw]) -> set[str]:
    out: set[str] = set()
    for b in blocks:
        for m in P.TEXT_CALL.finditer(b.text):
            out.add(m.group(1) or m.group(2))
        out |= {n.label for n in note_refs([Paragraph(b.inlines)])}
        for c in b.children:
            out |= _called([c])
    return out


def rule(state: ReadState) -> bool:
    blocks = state.blocks
    k = _list_start(blocks)
    if k is None or k == 0:
        return False
    items: list[Raw] = []
    for b in blocks[k:]:
        items += split_at_lines(b, lambda first: isinstance(first, (Text, NoteRef)) and (
            isinstance(first, NoteRef) or _form(first.text.lstrip()) is not None))
    first = next((x for x in items if _is_def(x)), None)
    if first is None:
        return False
    form = _form(first.text)[0]
    heading = k - 1 if (blocks[k - 1].type in ("heading", "paragraph")
                        and P.NOTES_HEADING.match(blocks[k - 1].text)) else None
    if form not in _STRONG_FORMS:
        labels = {f[1] for x in items if (f := _form(x.text))}
        named = heading is not None and P.NOTES_ONLY_HEADING.match(blocks[heading].text)
        calls = labels & _called(blocks[:heading if heading is not None else k])
        # without a heading, a list the text calls is its notes, unless a line
        # ending in a colon introduces it ("Two questions remain:")
        introduced = blocks[k - 1].type == "paragraph" and blocks[k - 1].text.endswith(":")
        unheaded = (calls and form == 3 and len(calls) * 2 >= len(labels) and not introduced)
        if not (named or (calls and heading is not None) or unheaded):
            return False
        where = f"under the heading {blocks[heading].text!r}" if heading is not None else "at the end of the text"
        state.log("notes list found", items[0].start, items[-1].end,
                  f"{len(labels)} numbered note(s) {where}")
    _take(state, items)
    cut = k
    if heading is not None:
        state.drop(blocks[heading], "boilerplate dropped", "heading of the notes list")
        cut = heading
    if cut > 0 and blocks[cut - 1].type == "hr":
        state.drop(blocks[cut - 1], "boilerplate dropped", "the rule before the notes list")
        cut -= 1
    state.blocks = blocks[:cut]
    return True


def _take(state: ReadState, items: list[Raw]) -> None:
    current: Raw | None = None
    group = state.new_group()
    for b in items:
        f = _form(b.text) if b.type == "paragraph" else None
        if f is not None:
            form, label = f
            pattern = P.BRACKET_DEF if form == 0 else P.NOTE_DEF
            current = Raw("paragraph", b.start, b.end, b.source, inlines=strip_prefix(b.inlines, pattern))
            state.add_def(label, b.start, current, group)
            state.bracket_labels.add(label)
            state.log("note collected", b.start, b.end, f"[{label}] note from the list at the end")
        elif current is not None:
            last = current.children[-1] if current.children else current
            if ends_open(last.text) or starts_lower(b.text):
                last.inlines = last.inlines + [Text(" ")] + b.inlines
                last.end = current.end = b.end
                state.log("note line joined", b.start, b.end, "a wrapped line of the note before")
            else:
                current.children.append(Raw("paragraph", b.start, b.end, b.source, inlines=b.inlines))
                current.end = b.end
                state.log("note paragraph joined", b.start, b.end, "a further paragraph of the note before")

"""Note calls matched to their definitions; `[n]` and `^n` in the text
become calls where a list defines n.

    … as Gould wrote.[1]              -> a call to note 1 of the list
    … in 1890.<sup>2</sup>            -> the next page foot's note 2

A call is matched to the first definition of its number after its line
(notes numbered afresh on every page), else to the last one. A call with no
note, a note no call reaches, a number used twice in one list: warnings.
"""
from __future__ import annotations

import bisect

from ...model import Inline, Note, Paragraph, Text
from ...plain import block_text
from ...transforms.walk import inline_lists, note_refs
from .. import patterns as P
from ..blocks import Raw, strip_inlines
from ..state import ReadState
from ..text import flatten_soft_breaks, text_calls


def _note_kind(state: ReadState, raw: Raw) -> tuple[str, list[list[Inline]]]:
    """The note's paragraphs, and who wrote it (a marker at the end of its
    last paragraph, or at the start of its first)."""
    paras = [list(raw.inlines)] + [list(c.inlines) for c in raw.children]
    inlines = paras[-1]
    if inlines and isinstance(inlines[-1], Text):
        m = P.NOTE_KIND.search(inlines[-1].text)
        if m:
            kind = "translator" if (m.group(1) or m.group(4)) else "editor" if (m.group(2) or m.group(5)) \
                else "author"
            inlines[-1] = Text(inlines[-1].text[:m.start()].rstrip())
            state.log("note kind", raw.start, raw.end, f"marker {m.group(0).strip()!r}: {kind}'s note", m.group(0))
            paras[-1] = strip_inlines(inlines)
            return kind, paras
    first = paras[0]
    if first and isinstance(first[0], Text):
        m = P.NOTE_KIND_PREFIX.match(first[0].text)
        if m and (first[0].text[m.end():].strip() or len(first) > 1):
            kind = "translator" if m.group(1) else "editor" if m.group(2) else "author"
            paras[0] = strip_inlines([Text(first[0].text[m.end():])] + first[1:])
            state.log("note kind", raw.start, raw.end, f"marker {m.group(0).strip()!r}: {kind}'s note", m.group(0))
            return kind, paras
    return "author", paras


def _line_of(state: ReadState, needle: str) -> int:
    """The first source line holding `needle` (1-based; 0 when none does)."""
    at = state.text.find(needle)
    return state.text.count("\n", 0, at) + 1 if at >= 0 else 0


def _scope(state: ReadState, line: int) -> int:
    """The section a line is in where note numbers restart (else 0)."""
    return bisect.bisect_right(state.scopes, line) if state.scopes else 0


def rule(state: ReadState) -> None:
    notes: list[Note] = []
    by_label: dict[str, list[tuple[int, Note]]] = {}
    groups: dict[str, list[int]] = {}
    for d in state.defs:
        kind, paras = _note_kind(state, d.raw)
        unique = d.label
        if d.label in by_label:
            unique = f"{d.label}-{len(by_label[d.label]) + 1}"
            first = by_label[d.label][0][0]
            # notes numbered afresh on each page are the convention, not a slip
            if d.group in groups[d.label]:
                state.warn(d.line, f"note number {d.label} used twice (lines {first} and {d.line}); "
                                   f"the second is kept as note {unique}")
        note = Note(unique, [Paragraph(flatten_soft_breaks(p)) for p in paras], kind)
        by_label.setdefault(d.label, []).append((d.line, note))
        groups.setdefault(d.label, []).append(d.group)
        notes.append(note)
    body = state.body
    if state.bracket_labels:
        # `[n]` / `^n` in the body becomes a call where a list defines n
        for block in body:
            for inlines in inline_lists(block):
                inlines[:] = text_calls(inlines, P.TEXT_CALL, state.bracket_labels)[0]
        # `[n]` left in the text while a list defines others: a call whose
        # note is missing (it stays text, as written)
        for block in body:
            for m in P.BRACKET_CALL.finditer(block_text(block, note_calls=False)):
                state.warn(_line_of(state, m.group(0)),
                           f"[{m.group(1)}] looks like a note call but the notes list has no "
                           f"[{m.group(1)}]; it is kept as text")
    # the notes of each label (and section, where numbers restart) by line, so
    # that a call finds the next one by bisection, not by a scan of them all
    scoped: dict[tuple[str, int], tuple[list[int], list[Note]]] = {}
    for label, cands in by_label.items():
        for ln, n in sorted(cands, key=lambda c: c[0]):
            lines, found = scoped.setdefault((label, _scope(state, ln)), ([], []))
            lines.append(ln)
            found.append(n)
    used: set[int] = set()
    for ref in note_refs(body):
        line = int(ref.ref_id.split(":")[1]) if ref.ref_id.startswith("line:") else 0
        lines, cands = scoped.get((ref.label, _scope(state, line)), ([], []))
        at = bisect.bisect_right(lines, line)        # the first note after the call
        target = cands[at] if at < len(cands) else (cands[-1] if cands else None)
        ref.ref_id = ""
        if target is None:
            state.warn(line, f"note call {ref.label} has no note; add the note or remove the call")
            continue
        ref.label = target.label
        used.add(id(target))
    for d, note in zip(state.defs, notes):
        if id(note) not in used:
            state.warn(d.line, f"note {note.label} is not referenced in the text")
    state.notes = notes

"""Metadata printed as labelled fields, as archives and ebook projects do.

    ## Jane Doe
    # The Title
    Written: 1911                          a paragraph of "Label: value"
    Source: *The Garment Worker*, July 1911     lines in the head
    Transcription/Markup: A. Reader
    Public Domain: Example Archive (2004).
    ---

    The Example eBook of The Title, by Jane Doe      an ebook project's frame:
    Title: The Title                                 its header and licence
    Author: Jane Doe                                 before "*** START OF …"
    *** START OF THE EXAMPLE EBOOK THE TITLE ***     and from "*** END OF …"
    …
    *** END OF THE EXAMPLE EBOOK THE TITLE ***

Known labels fill the metadata (title, author, date, translator, first
publication, rights); credits, release dates and the like go to the report.
"""
from __future__ import annotations

import re

from .. import patterns as P
from ..state import ReadState
from ..text import line_texts

_FIELD = re.compile(r"^\W{0,2}([A-Za-z][A-Za-z /&'’-]{1,32}?)\s*:\s+(\S.*)$")
_LABELS = {
    "title": "title", "author": "author", "authors": "author", "by": "author", "written by": "author",
    "translator": "translator", "translated by": "translator", "translation": "translator",
    "written": "date", "date": "date", "dated": "date", "delivered": "date", "date written": "date",
    "first published": "first_published", "published": "first_published", "source": "first_published",
    "originally published": "first_published", "first appeared": "first_published",
    "public domain": "rights", "copyleft": "rights", "copyright": "rights", "licence": "rights",
    "license": "rights", "rights": "rights",
}
# credits and details of the copy, not of the text: reported, not kept
_CREDITS = re.compile(
    r"^(?:transcri\w*|(?:html\s+)?mark-?up|transcription/markup|proof\w*|credits?|release\s+date|language|"
    r"produced\s+by|online\s+version|e-?book\s*#?\w*|posted|last\s+updated|most\s+recently\s+updated|"
    r"character\s+set\s+encoding|encoding|original\s+publication|scanned\s+by|edited\s+by|editor)$", re.I)
_START = re.compile(r"^\W*\*{3}\s*start\s+of\s+(?:the|this)\b.*\*{3}\W*$", re.I)
_END = re.compile(r"^\W*\*{3}\s*end\s+of\s+(?:the|this)\b.*\*{3}\W*$", re.I)


def _fields(texts: list[str]) -> list[tuple[str, str]] | None:
    out = []
    for t in texts:
        m = _FIELD.match(t)
        if not m:
            return None
        out.append((m.group(1).strip().lower(), m.group(2).strip()))
    return out


def _known(label: str) -> bool:
    return label in _LABELS or bool(_CREDITS.match(label))


def _apply(state: ReadState, fields: list[tuple[str, str]]) -> None:
    meta = state.meta
    for label, value in fields:
        kind = _LABELS.get(label)
        value = value.replace("*", "").strip()
        if kind == "title" and not meta.title:
            meta.title = value
        elif kind == "author" and not meta.authors:
            from ..names import split_names
            meta.authors = split_names(value)
        elif kind == "translator" and not meta.translator:
            meta.translator = value
        elif kind == "date" and not meta.date and P.DATE_ONLY.match(value):
            meta.date = value.rstrip(".")
        elif kind == "first_published" and not meta.first_published:
            meta.first_published = value.rstrip(".")
        elif kind == "rights" and not meta.rights:
            meta.rights = label.title() if label in ("public domain", "copyleft") else value.rstrip(".")


def _frame(state: ReadState) -> bool:
    blocks = state.blocks
    start = next((i for i, b in enumerate(blocks[:60]) if _START.match(b.text)), None)
    if start is None:
        return False
    fields = [pair for b in blocks[:start] for t in line_texts(b) for pair in (_fields([t]) or [])]
    _apply(state, [f for f in fields if _known(f[0])])
    for b in blocks[:start + 1]:
        state.drop(b, "moved to metadata" if _fields(line_texts(b)) else "boilerplate dropped",
                   "an ebook project's header before the text")
    rest = blocks[start + 1:]
    end = next((i for i, b in enumerate(rest) if _END.match(b.text)), None)
    if end is not None:
        for b in rest[end:]:
            state.drop(b, "boilerplate dropped", "an ebook project's licence after the text")
        rest = rest[:end]
    state.blocks = rest
    return True


def rule(state: ReadState) -> bool:
    changed = _frame(state)
    blocks = state.blocks
    for i, b in enumerate(blocks[:8]):
        if b.type != "paragraph":
            continue
        fields = _fields(line_texts(b))
        if not fields or len(fields) < 2 or sum(_known(label) for label, _ in fields) < 2:
            continue
        _apply(state, fields)
        state.drop(b, "moved to metadata", "labelled fields in the head: " + ", ".join(x for x, _ in fields))
        cut = [i]
        if i + 1 < len(blocks) and blocks[i + 1].type == "hr":
            state.drop(blocks[i + 1], "boilerplate dropped", "the rule under the head's fields")
            cut.append(i + 1)
        state.blocks = [x for k, x in enumerate(blocks) if k not in cut]
        return True
    return changed

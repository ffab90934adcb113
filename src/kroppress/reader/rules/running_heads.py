"""Running heads, running feet and page numbers a PDF-to-text conversion or
a scan left between paragraphs: dropped, so that the paragraph they cut can
be joined by the page-split rule after them.

    … the most patient man in England, and it is
    THE LAND QUESTION 7                      a head in capitals with a folio
    said as though it were a compliment. …
    — 4 —   / Page 12 / - 12 -               a folio alone
    14                                       a bare number, only where it cuts a sentence

A heading or a short paragraph in capitals without a number (a section title,
an exhortation) is left alone.
"""
from __future__ import annotations

import re

from ..state import ReadState
from ..text import ends_open, has_call, starts_lower, words

_FOLIO = re.compile(r"^[\W_]*(?:page|p\.)?\s*\d{1,4}[\W_]*$", re.I)
_DECORATED_FOLIO = re.compile(r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:page|p\.)\s*\d{1,4})\s*$", re.I)
_CAPS_HEAD = re.compile(r"^(?:\d{1,4}\s+)?([A-Z][A-Z0-9 .,'’:;&-]{2,80}?)(?:\s+\d{1,4})?$")


def _is_head(text: str) -> bool:
    m = _CAPS_HEAD.match(text)
    return bool(m) and bool(re.search(r"^\d{1,4}\s|\s\d{1,4}$", text)) and any(c.isalpha() for c in m.group(1))


def rule(state: ReadState) -> bool:
    blocks = state.blocks
    out = []
    changed = False
    for i, b in enumerate(blocks):
        t = b.text
        prev = out[-1] if out else None
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if b.type == "paragraph" and len(b.lines) == 1 and "\n" not in t and words(t) <= 12 \
                and not has_call(b) and (prev is not None or nxt is not None):
            cut = (prev is not None and prev.type == "paragraph" and ends_open(prev.text)
                   and nxt is not None and nxt.type == "paragraph" and starts_lower(nxt.text))
            if _DECORATED_FOLIO.match(t) or _is_head(t) or (cut and _FOLIO.match(t)):
                state.drop(b, "boilerplate dropped", "a running head or page number between paragraphs")
                changed = True
                continue
        out.append(b)
    state.blocks = out
    return changed

"""Headings underlined, as Markdown exports write them.

    The Title           a line underlined with "=" is a heading
    =========

    A Section           a short line with "---" right under it (no blank
    ---------           line between) is a section heading

A "---" with a blank line above it, or notes below it, or the text resuming
in lower case after it, stays a page-foot rule (exports print one above
every block of notes).
"""
from __future__ import annotations

import re

from ...model import Text
from ...plain import inline_text
from .. import patterns as P
from ..blocks import Raw, strip_inlines
from ..state import ReadState
from ..text import has_call, is_sup_def, soft_lines, starts_lower, words


def _underlined_heading(b: Raw) -> bool:
    t = b.text
    return (len(soft_lines(b.inlines)) == 1 and len(b.lines) == 1 and 1 <= words(t) <= 12
            and not re.search(r"[.,;:]$", t) and not P.SCENE_BREAK.match(t) and not has_call(b))


def rule(state: ReadState) -> bool:
    changed = False
    for b in state.blocks:
        if b.type != "paragraph":
            continue
        lines = soft_lines(b.inlines)
        if (len(lines) == 2 and len(lines[1]) == 1 and isinstance(lines[1][0], Text)
                and re.fullmatch(r"\s*={3,}\s*", lines[1][0].text) and inline_text(lines[0], False).strip()):
            b.type, b.level = "heading", 1
            b.inlines = strip_inlines(lines[0])
            state.log("heading found", b.start, b.end, "a line underlined with '=' is a heading",
                      lines[1][0].text)
            changed = True
    out: list[Raw] = []
    blocks = state.blocks
    for k, b in enumerate(blocks):
        prev = out[-1] if out else None
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if (b.type == "hr" and prev is not None and prev.type == "paragraph"
                and prev.end + 1 == b.start and re.fullmatch(r"\s*-{3,}\s*", b.source)
                and _underlined_heading(prev)
                and not (nxt is not None and nxt.type == "paragraph"
                         and (is_sup_def(nxt) or starts_lower(nxt.text)))):
            prev.type, prev.level = "heading", 2
            state.log("heading found", prev.start, b.end, "a line underlined with '-' is a heading", b.source)
            changed = True
            continue
        out.append(b)
    state.blocks = out
    return changed

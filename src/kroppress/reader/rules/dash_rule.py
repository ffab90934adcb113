"""A line of dashes Markdown does not take for a rule is a rule all the same.

    —————                 exports print one above a page foot's notes,
    ───                   or between sections

"""
from __future__ import annotations

from .. import patterns as P
from ..state import ReadState
from ..text import has_call, soft_lines


def rule(state: ReadState) -> bool:
    changed = False
    for b in state.blocks:
        if (b.type == "paragraph" and len(soft_lines(b.inlines)) == 1
                and P.DASH_RULE.match(b.text) and not has_call(b)):
            b.type, b.inlines = "hr", []
            state.log("rule found", b.start, b.end, "a line of dashes is a rule", b.source)
            changed = True
    return changed

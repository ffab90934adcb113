"""Raw HTML in a text: never passed through.

    <div class="share">…</div>          an HTML block: dropped
    He wrote <span>this</span>.         inline tags: dropped, text kept

The inline builder already removed the tags (and script-like content);
this rule reports each removal and drops HTML blocks and blocks left empty.
"""
from __future__ import annotations

from ..state import ReadState
from ..text import has_call


def rule(state: ReadState) -> bool:
    out = []
    for b in state.blocks:
        if b.type == "html":
            state.drop(b, "raw HTML dropped", "an HTML block is not text; dropped")
            continue
        if b.dropped:
            state.log("raw HTML dropped", b.start, b.end,
                      f"removed {len(b.dropped)} HTML tag(s) or embedded content", " ".join(b.dropped))
        kept = []
        for c in b.children:
            if c.dropped:
                state.log("raw HTML dropped", c.start, c.end,
                          f"removed {len(c.dropped)} HTML tag(s)", " ".join(c.dropped))
            if c.type == "html":
                state.drop(c, "raw HTML dropped", "HTML block")
            else:
                kept.append(c)
        b.children = kept
        if b.type in ("paragraph", "heading") and not b.text and not has_call(b):
            continue
        out.append(b)
    changed = len(out) != len(state.blocks)
    state.blocks = out
    return changed

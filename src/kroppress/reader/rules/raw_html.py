"""Raw HTML in a text: never passed through, its text kept.

    <div class="note">The lock keeper kept a diary.</div>   the text: a paragraph
    He wrote <span>this</span>.                             inline tags: dropped, text kept
    <img src="gate.jpg" alt="The lock gate">                the alt text kept
    <script>track()</script>                                dropped with its code
    [the trust](http://x.org "The Canal Trust")             the title: reported

The block reader and the inline builder already removed the tags, hidden
content (script, style …), unsafe link targets and link titles; this rule
reports each removal and drops HTML blocks with no text and blocks left empty.
"""
from __future__ import annotations

from ..blocks import Raw
from ..state import ReadState
from ..text import has_call


def _report(state: ReadState, b: Raw) -> None:
    if b.dropped:
        state.log("raw HTML dropped", b.start, b.end,
                  f"removed {len(b.dropped)} HTML tag(s) or embedded content", " ".join(b.dropped))
    if any(b.targets):
        state.log("link target dropped", b.start, b.end,
                  "only http, https and mailto links are kept; the link's text stays",
                  " ".join(t for t in b.targets if t))
    if b.titles:
        state.log("link title reported", b.start, b.end,
                  "a link's title is a tooltip, not text: " + "; ".join(b.titles), " ".join(b.titles))


def rule(state: ReadState) -> bool:
    out = []
    for b in state.blocks:
        if b.type == "html":
            state.drop(b, "raw HTML dropped", "an HTML block with no text; dropped")
            continue
        _report(state, b)
        kept = []
        for c in b.children:
            _report(state, c)
            if c.type == "html":
                state.drop(c, "raw HTML dropped", "an HTML block with no text; dropped")
            else:
                kept.append(c)
        b.children = kept
        if b.type in ("paragraph", "heading") and not b.text and not has_call(b):
            continue
        out.append(b)
    changed = len(out) != len(state.blocks)
    state.blocks = out
    return changed

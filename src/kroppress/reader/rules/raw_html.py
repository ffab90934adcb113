"""Raw HTML in a text: never passed through, its text kept.

    <div class="note">The lock keeper kept a diary.</div>   the text: a paragraph
    He wrote <span>this</span>.                             inline tags: dropped, text kept
    <img src="gate.jpg" alt="The lock gate">                the alt text kept
    <script>track()</script>                                dropped with its code
    <nav>Home · About · Donate</nav>                        the site's: dropped, its words reported
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


def _dropped(state: ReadState, b: Raw) -> bool:
    """Report what was removed from `b`; True when `b` itself leaves the text."""
    if b.type == "html":
        state.drop(b, "raw HTML dropped", "an HTML block with no text; dropped")
        return True
    _report(state, b)
    if b.role == "html-site":
        state.drop(b, "boilerplate dropped", "a site's menu, footer or form (HTML <nav>, <footer>, <form>)")
        return True
    return False


def rule(state: ReadState) -> bool:
    out = []
    for b in state.blocks:
        if _dropped(state, b):
            continue
        b.children = [c for c in b.children if not _dropped(state, c)]
        if b.type in ("paragraph", "heading") and not b.text and not has_call(b):
            continue
        out.append(b)
    changed = len(out) != len(state.blocks)
    state.blocks = out
    return changed

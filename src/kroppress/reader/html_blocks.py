"""Raw HTML blocks as a browser shows them: their text is kept.

    <div class="note">The lock keeper kept a diary.</div>   one paragraph
    <details><summary>More</summary>It held.</details>      two paragraphs
    <h2>The Flood</h2>                                        a heading
    <script>track()</script>                                  nothing (reported)
    <nav>Home · About</nav>                                   the site's: dropped, its words reported

An HTML block is cut into pieces at its block tags (p, div, li, summary,
h1-h6 …), never inside a script-like element or a comment; the inline
builder then makes each piece's inlines, dropping and reporting its tags as
it does in a paragraph. An opening `<script>`, `<style>`, `<pre>` or
`<textarea>` at the start of a line makes Markdown swallow everything up to
its closing tag: where none follows, the tag is a broken export's, and only
the tag goes (`unclosed_openers`).
"""
from __future__ import annotations

import re

from .inlines import BLOCK_TAGS, HIDDEN

_TAG_OR_COMMENT = re.compile(r"<!--|<(/?)([A-Za-z][\w-]*)")
_HEADING = re.compile(r"h([1-6])")
# what a page has around an article, never in it: a menu, a page's footer, a form
SITE = {"nav", "footer", "form"}
SITE_PIECE = -1
# CommonMark's HTML block of type 1: it runs to the first line holding any of these closers
_TYPE1 = re.compile(r"^((?:[ \t]*>)*[ \t]{0,3})(<(script|pre|style|textarea)(?=[\s>]|$)[^>\n]*>?)",
                    re.I | re.M)
_TYPE1_CLOSE = re.compile(r"</(?:script|pre|style|textarea)>", re.I)


def unclosed_openers(text: str) -> tuple[str, list[tuple[int, str]]]:
    """`text` with each line-opening script-like tag that no closing tag
    follows blanked out (same length, so columns and lines stay), and the
    (line, tag) of each."""
    last_close = -1
    for m in _TYPE1_CLOSE.finditer(text):
        last_close = m.start()
    found: list[tuple[int, str]] = []
    out: list[str] = []
    pos = 0
    for m in _TYPE1.finditer(text):
        if m.start() < last_close:
            continue
        out += [text[pos:m.start(2)], " " * len(m.group(2))]
        pos = m.end(2)
        found.append((text.count("\n", 0, m.start()) + 1, m.group(2)))
    if not found:
        return text, found
    out.append(text[pos:])
    return "".join(out), found


def pieces(content: str) -> list[tuple[int, str, int]]:
    """(offset, piece, heading level, 0 or SITE_PIECE) of each piece of an
    HTML block's content, in order; the pieces together are the content."""
    lower = content.lower()
    cuts: list[tuple[int, int]] = [(0, 0)]
    closes: dict[str, int] = {}           # each hidden name's next closing tag found (-1: none left)
    pos = 0
    while True:
        m = _TAG_OR_COMMENT.search(content, pos)
        if m is None:
            break
        opener = "-->" if m.group() == "<!--" else "" if m.group(1) else f"</{m.group(2).lower()}"
        pos = m.end()
        if opener and (opener == "-->" or opener[2:] in HIDDEN):
            # never cut inside what a browser does not show; each search starts
            # past the last one's find (or knows there is none left): linear
            if opener not in closes or 0 <= closes[opener] < pos:
                closes[opener] = (content if opener == "-->" else lower).find(opener, pos)
            if closes[opener] >= 0:
                pos = closes[opener]
            continue
        closing, name = m.group(1), m.group(2).lower()
        if name in SITE and not closing:
            key = f"</{name}"
            if key not in closes or 0 <= closes[key] < pos:
                closes[key] = lower.find(key, pos)
            end = content.find(">", closes[key]) + 1 if closes[key] >= 0 else 0
            if end:                           # the whole element is one piece, the site's
                cuts += [(m.start(), SITE_PIECE), (end, 0)]
                pos = end
                continue
        if name in BLOCK_TAGS:
            head = _HEADING.fullmatch(name)
            cuts.append((m.start(), int(head.group(1)) if head and not closing else 0))
    out = []
    for k, (start, level) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(content)
        if end > start:
            out.append((start, content[start:end], level))
    return out

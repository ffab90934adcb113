"""Raw HTML blocks as a browser shows them: their text is kept.

    <div class="note">The lock keeper kept a diary.</div>   one paragraph
    <details><summary>More</summary>It held.</details>      two paragraphs
    <h2>The Flood</h2>                                        a heading
    <script>track()</script>                                  nothing (reported)
    <nav>Home · About</nav>                                   the site's: dropped, its words reported
    <table><tr><th>Year</th><td>1794</td></tr></table>        a table

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
SITE_PIECE, TABLE_PIECE = -1, -2
_WHOLE = {**{name: SITE_PIECE for name in SITE}, "table": TABLE_PIECE}
_CELL_TAG = re.compile(r"<(/?)(tr|td|th|thead|tbody|tfoot|caption|table)\b[^>]*>", re.I)
# CommonMark's HTML block of type 1: it runs to the first line holding any of these closers
# (its tag may run over lines: up to a ">" within 1,000 characters, else to the line's end)
_TYPE1 = re.compile(r"^((?:[ \t]*>)*[ \t]{0,3})(<(script|pre|style|textarea)(?=[\s>]|$)(?:[^<>]{0,1000}>|[^>\n]*))",
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


def _next(closes: dict[str, int], text: str, key: str, pos: int) -> int:
    """Where `key` next occurs in `text` from `pos` (-1: nowhere), searched
    once from each place: each search starts past the last one's find."""
    if key not in closes or 0 <= closes[key] < pos:
        closes[key] = text.find(key, pos)
    return closes[key]


def pieces(content: str) -> list[tuple[int, str, int]]:
    """(offset, piece, kind) of each piece of an HTML block's content, in
    order; the pieces together are the content. Kind: 0, a heading's level,
    SITE_PIECE or TABLE_PIECE (a whole element)."""
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
            found = _next(closes, content if opener == "-->" else lower, opener, pos)
            if found >= 0:
                pos = found
            continue
        closing, name = m.group(1), m.group(2).lower()
        if name in _WHOLE and not closing:
            found = _next(closes, lower, f"</{name}", pos)
            end = content.find(">", found) + 1 if found >= 0 else 0
            if end:                           # the whole element is one piece
                cuts += [(m.start(), _WHOLE[name]), (end, 0)]
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


def table_rows(piece: str) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """The rows of an HTML table piece as (section, each cell's HTML), a
    caption as a row of section "caption"; and the table's own tags. A first
    row of <th> cells outside any <thead> is the head."""
    rows: list[tuple[str, list[str]]] = []
    section, cells, heads = "body", None, []
    start = None                             # where the open cell's (or caption's) HTML starts
    caption = False

    def end_cell(at: int) -> None:
        nonlocal start, caption
        if start is None:
            return
        if caption:
            rows.append(("caption", [piece[start:at]]))
        else:
            cells.append(piece[start:at])
        start, caption = None, False

    def end_row() -> None:
        nonlocal cells
        if cells:
            head = section == "body" and all(heads) and not any(s == "body" for s, _ in rows)
            rows.append(("head" if head else section, cells))
        cells = None

    for m in _CELL_TAG.finditer(piece):
        closing, name = m.group(1), m.group(2).lower()
        end_cell(m.start())
        if name in ("td", "th") and not closing:
            if cells is None:
                cells, heads = [], []
            heads.append(name == "th")
            start = m.end()
        elif name == "caption" and not closing:
            start, caption = m.end(), True
        elif name in ("tr", "thead", "tbody", "tfoot", "table"):
            end_row()
            if name in ("thead", "tbody", "tfoot"):
                section = "body" if closing else {"thead": "head", "tfoot": "foot"}.get(name, "body")
    end_cell(len(piece))
    end_row()
    return rows, [m.group() for m in _CELL_TAG.finditer(piece)]

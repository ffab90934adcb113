"""The print edition's page numbers inside the EPUB.

The PDF and the EPUB are rendered from the same sections by the same
templates, so a place in one can be named in the other by *block* and
*character*: the n-th block element of a top-level section (``toc/3``,
``action-of-the-masses/12``) and the count of non-blank characters of that
block's own text before the place. The print side stamps every block with
that key (`stamp`) before WeasyPrint lays it out; the PDF writer reports,
for each page, the key and count where its text begins (`PageStart`); the
EPUB writer inserts a page-break marker there (`mark_pages`) and lists the
markers in a ``page-list`` nav (`page_list_nav`).

Nothing here knows WeasyPrint or ebooklib: the EPUB side works on the
rendered section markup as text, so a section without a marker keeps its
bytes.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from . import roman as _upper_roman

#: elements that hold their own run of text: a place is counted within the
#: nearest of them (the same set on both sides, so the ordinals agree)
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li",
    "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"})
#: a marker may stand before these as a sibling (its parent takes flow content)
_FLOW_BLOCKS = frozenset({"address", "aside", "blockquote", "div", "dl", "figure", "footer",
                          "h1", "h2", "h3", "h4", "h5", "h6", "header", "nav", "ol", "p", "pre",
                          "section", "table", "ul"})
# (an EPUB navigation document allows only a heading and a list in a nav)
_NO_FLOW_PARENTS = frozenset({"ol", "ul", "dl", "table", "tbody", "thead", "tfoot", "tr", "nav"})
ATTR = "data-kp"
SOFT_HYPHEN = "\u00ad"
ZWSP = "\u200b"          # a break the print layout allows in an address
WORD_JOINER = "\u2060"   # a break the print layout forbids (a range, a note call)
_INVISIBLE = (SOFT_HYPHEN, ZWSP, WORD_JOINER)


@dataclass(frozen=True)
class PageStart:
    """Where the text of one printed page begins."""
    label: str                 # the page number as printed ("iv", "23")
    anchor: str                # block key: "<section id>/<ordinal>"
    offset: int                # non-blank characters of the block before the page
    words: tuple[str, ...]     # the first words laid out on the page (a check)


def stamp(body: ET.Element) -> None:
    """Give every block of each top-level section of `body` its key."""
    for top in body:
        top_id = top.get("id")
        if not top_id:
            continue
        n = 0
        for el in top.iter():
            if isinstance(el.tag, str) and el.tag in BLOCK_TAGS:
                el.set(ATTR, f"{top_id}/{n}")
                n += 1


def chars(text: str) -> int:
    """Non-blank characters of `text`, as both sides count them."""
    return sum(1 for c in text if not c.isspace() and c not in _INVISIBLE)


# ------------------------------------------------------------------ EPUB side
_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>|[^<]+", re.S)
_TAG = re.compile(r"</?([A-Za-z][\w:.-]*)")
_ID = re.compile(r'\sid="([^"]*)"')


@dataclass
class _Word:
    start: int          # position in the markup of the word's first character
    before: int         # non-blank characters of the block before the word
    text: str           # the word's characters (entities resolved)


@dataclass
class _Block:
    key: str
    tag: str
    tag_start: int      # position of the block's start tag
    parent: str
    words: list[_Word] = field(default_factory=list)
    count: int = 0


def _blocks(markup: str) -> dict[str, _Block]:
    """The blocks of a section's markup with the words of their own text."""
    blocks: dict[str, _Block] = {}
    stack: list[tuple[str, _Block | None]] = []
    top_id = None
    ordinal = 0
    open_word: _Block | None = None        # the block whose last word may go on
    inline_from: int | None = None         # start of the inline tags just opened
    for m in _TOKEN.finditer(markup):
        token = m.group()
        if token.startswith("<"):
            tag_m = _TAG.match(token)
            if not tag_m:
                continue                    # a comment, CDATA or declaration
            tag = tag_m.group(1).lower()
            opening = not token.startswith("</") and not token.endswith("/>")
            if opening and tag not in BLOCK_TAGS:
                inline_from = m.start() if inline_from is None else inline_from
            else:
                inline_from = None
            if token.startswith("</"):
                while stack:
                    name, _ = stack.pop()
                    if name == tag:
                        break
                if not stack:
                    top_id = None
                if tag in BLOCK_TAGS:
                    open_word = None
                continue
            block = None
            if not stack:
                id_m = _ID.search(token)
                top_id = id_m.group(1) if id_m else None
                ordinal = 0
            if tag in BLOCK_TAGS and top_id is not None:
                parent = stack[-1][0] if stack else ""
                block = _Block(f"{top_id}/{ordinal}", tag, m.start(), parent)
                blocks[block.key] = block
                ordinal += 1
                open_word = None
            if not token.endswith("/>"):
                stack.append((tag, block))
            continue
        owner = next((b for _, b in reversed(stack) if b is not None), None)
        from_tags, inline_from = inline_from, None
        if owner is None:
            continue
        pos = m.start()
        for piece in re.finditer(r"\S+|\s+", token):
            text = piece.group()
            if text[0].isspace():
                open_word = None
                continue
            plain = html.unescape(text)
            n = chars(plain)
            if open_word is owner and owner.words:
                owner.words[-1].text += plain      # <em>revolu</em>tion: one word
            else:
                # a word that opens an <em> or a link: the marker goes before them
                at = from_tags if piece.start() == 0 and from_tags is not None \
                    else pos + piece.start()
                owner.words.append(_Word(at, owner.count, plain))
            owner.count += n
            open_word = owner
        if token[-1].isspace():
            open_word = None
    return blocks


def _norm(word: str) -> str:
    return "".join(c for c in word.casefold() if c.isalnum())


def _agrees(words: list[_Word], i: int, laid: tuple[str, ...]) -> bool:
    """Do the block's words from `i` read as the page's first words? The
    first laid word may be the end of a word broken across the pages."""
    if not laid:
        return True
    got = [_norm(w.text) for w in words[i:i + len(laid)]]
    want = [_norm(w) for w in laid]
    if len(got) < len(want) or not got:
        return False
    return got[0].endswith(want[0]) and got[1:] == want[1:]


def _find(block: _Block, start: PageStart) -> int | None:
    """Index of the word of `block` where the page begins."""
    words = block.words
    if not words:
        return None
    at = len(words) - 1
    for i, w in enumerate(words):
        if w.before + chars(w.text) > start.offset:
            at = i
            break
    if _agrees(words, at, start.words):
        return at
    # the print text differs a little before the page (say a note call): the
    # same words nearest to the counted place
    hits = [i for i in range(len(words)) if _agrees(words, i, start.words)]
    if hits:
        return min(hits, key=lambda i: abs(i - at))
    return at


def marker(label: str, page_id: str) -> str:
    label = html.escape(label, quote=True)
    return (f'<span epub:type="pagebreak" role="doc-pagebreak" id="{page_id}" '
            f'aria-label="{label}"/>')


def page_ids(starts: list[PageStart]) -> list[str]:
    """One unique id per page start ("kp-page-iv", "kp-page-23")."""
    seen: dict[str, int] = {}
    out = []
    for s in starts:
        base = "kp-page-" + re.sub(r"[^\w.-]", "-", s.label)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.append(base if n == 0 else f"{base}-{n + 1}")
    return out


def mark_pages(markup: str, starts: list[tuple[PageStart, str]],
               blocks: dict[str, _Block] | None = None) -> tuple[str, list[PageStart]]:
    """Insert a marker for each (start, id) whose block is in `markup`
    (`blocks`: its `_blocks`, when known). Returns the new markup and the
    starts it could not place."""
    if not starts:
        return markup, []
    blocks = _blocks(markup) if blocks is None else blocks
    inserts: list[tuple[int, int, str]] = []
    missed = []
    for order, (start, page_id) in enumerate(starts):
        block = blocks.get(start.anchor)
        i = _find(block, start) if block is not None else None
        if i is None:
            missed.append(start)
            continue
        at = block.words[i].start
        # the page begins with the block: the marker before it, but inside a
        # paragraph, so that "section.headnote + p", "h2 + p" and
        # "blockquote p:first-child" still find the paragraph they set
        if i == 0 and block.tag in _FLOW_BLOCKS and block.tag != "p" \
                and block.parent not in _NO_FLOW_PARENTS:
            at = block.tag_start
        inserts.append((at, order, marker(start.label, page_id)))
    for at, _, span in sorted(inserts, reverse=True):
        markup = markup[:at] + span + markup[at:]
    return markup, missed


def page_list_nav(entries: list[tuple[str, str]]) -> str:
    """The navigation document's ``page-list``: (label, href) in page order."""
    items = "\n".join(f'<li><a href="{html.escape(href, quote=True)}">{html.escape(label)}</a></li>'
                      for label, href in entries)
    return ('\n<nav epub:type="page-list" role="doc-pagelist" aria-labelledby="kp-page-list_title" '
            'hidden="hidden">\n<h2 id="kp-page-list_title">Pages of the print edition</h2>\n<ol>\n'
            f"{items}\n</ol>\n</nav>\n")


# ------------------------------------------------------------------ labels
def roman(n: int) -> str:
    return _upper_roman(n).lower()


def folio_style(printed: str, counter: int) -> str | None:
    """"decimal", "lower-roman" or "upper-roman" if `printed` is `counter`
    in that style (the page's folio), else None (a running head)."""
    printed = printed.strip()
    if printed == str(counter):
        return "decimal"
    if counter > 0 and printed == roman(counter):
        return "lower-roman"
    if counter > 0 and printed == roman(counter).upper():
        return "upper-roman"
    return None


def labels(pages: list[tuple[int, str, list[str]]]) -> list[str]:
    """The printed page number of each page from (counter, page name, texts
    of its margin boxes). A page without a printed folio (a title page, an
    opener) is numbered in the style of the nearest printed folio of its own
    page name, else of the next printed one (the half-title counts as i)."""
    styles: list[str | None] = []
    for counter, _, texts in pages:
        styles.append(next((s for t in texts if (s := folio_style(t, counter))), None))
    out = []
    for i, (counter, name, _) in enumerate(pages):
        style = styles[i]
        if style is None:
            same = [j for j, (_, n, _) in enumerate(pages) if n == name and styles[j]]
            later = [j for j in range(i + 1, len(pages)) if styles[j]]
            earlier = [j for j in range(i - 1, -1, -1) if styles[j]]
            near = min(same, key=lambda j: abs(j - i)) if same else \
                (later or earlier or [None])[0]
            style = styles[near] if near is not None else "decimal"
        if style == "lower-roman" and counter > 0:
            out.append(roman(counter))
        elif style == "upper-roman" and counter > 0:
            out.append(roman(counter).upper())
        else:
            out.append(str(counter))
    return out


# ------------------------------------------------------------------ the book
@dataclass(frozen=True)
class PrintPages:
    """The page starts of a print edition and the name of that edition
    (the EPUB's ``pageBreakSource``)."""
    starts: tuple[PageStart, ...]
    source: str


def mark_sections(sections: list[tuple[str, str]], pages: PrintPages
                  ) -> tuple[list[str], list[tuple[str, str]], list[PageStart]]:
    """Markers for `pages` in each (file name, markup) section. Returns the
    new markups, the page list's (label, href) in page order, and the page
    starts no section holds."""
    starts = list(pages.starts)
    ids = page_ids(starts)
    parsed = [_blocks(markup) for _, markup in sections]
    owner: dict[str, int] = {}
    for n, blocks in enumerate(parsed):
        for key in blocks:
            owner.setdefault(key.rsplit("/", 1)[0], n)
    wanted: dict[int, list[int]] = {}
    missed: set[int] = set()
    for k, start in enumerate(starts):
        n = owner.get(start.anchor.rsplit("/", 1)[0])
        if n is None:
            missed.add(k)
        else:
            wanted.setdefault(n, []).append(k)
    out = []
    for n, (_, markup) in enumerate(sections):
        ks = wanted.get(n, [])
        new, lost = mark_pages(markup, [(starts[k], ids[k]) for k in ks], parsed[n])
        out.append(new)
        missed |= {k for k in ks if starts[k] in lost}
    entries = [(starts[k].label, f"{sections[owner[starts[k].anchor.rsplit('/', 1)[0]]][0]}#{ids[k]}")
               for k in range(len(starts)) if k not in missed]
    return out, entries, [starts[k] for k in sorted(missed)]

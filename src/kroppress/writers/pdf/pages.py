"""Where each laid-out page's text begins, for the EPUB's page list
(`kroppress.render.pagemap`).

Walks WeasyPrint's page boxes (duck-typed: this module imports nothing of
WeasyPrint): the first text of a page's flow, outside margin boxes,
footnotes and generated content, names its block by the key
`pagemap.stamp` gave it; the characters of that block laid out on earlier
pages give the place. Records are plain lists, so a chunk's can be sent
from a worker and kept in the chunk cache."""
from __future__ import annotations

from typing import Callable

from ...render.pagemap import ATTR, PageStart, chars, folio_style, labels, roman
from .lines import page_lines

#: words of the page kept to check the place on the EPUB side
CHECK_WORDS = 4


class Counters:
    """The page counter each page's margin boxes are laid out with (the
    folio it prints, or would print), hooked into WeasyPrint's layout of the
    margin boxes (`weasy.margin_boxes`)."""

    def __init__(self) -> None:
        # by the page box's id, the box kept so that its id is not reused
        self.seen: dict[int, tuple[object, int]] = {}

    def wrap(self, original: Callable) -> Callable:
        def make_margin_boxes(context, page, state):
            self.seen[id(page)] = (page, (state[1].get("page") or [0])[-1])
            return original(context, page, state)
        return make_margin_boxes

    def of(self, pages) -> list[int]:
        return [self.seen.get(id(page._page_box), (None, 0))[1] for page in pages]


def _texts(box, anchor, out: list, line: list | None) -> None:
    kind = type(box).__name__
    # generated content: margin boxes, footnotes, ::before, ::marker ("li::marker"
    # boxes carry no pseudo_type when the marker is outside)
    if kind in ("MarginBox", "FootnoteAreaBox") or getattr(box, "pseudo_type", None) \
            or "::" in (getattr(box, "element_tag", "") or ""):
        return
    element = getattr(box, "element", None)
    if element is not None and kind not in ("TextBox", "InlineBox", "LineBox") \
            and element.get(ATTR):
        anchor = element.get(ATTR)
    if kind == "TextBox":
        # text set by `content` on an element without text of its own (a
        # section break drawn as "* * *") is not in the EPUB
        item = [anchor if _has_text(element) else None, box.text, box]
        out.append(item)
        if line is not None:
            line.append(item)
        return
    if kind == "LineBox":
        line = []
    for child in getattr(box, "children", ()):
        _texts(child, anchor, out, line)
    if kind == "LineBox" and line:
        last = line[-1]
        hyphen = last[2].style["hyphenate_character"]
        if hyphen and last[1].endswith(hyphen) and last[2].style["hyphens"] == "auto":
            last[1] = last[1][:-len(hyphen)]        # the hyphen of a word broken here


def _has_text(element) -> bool:
    return element is None or any(t.strip() for t in element.itertext())


def _all_text(box, out: list) -> None:
    if type(box).__name__ == "TextBox":
        out.append(box.text)
    for child in getattr(box, "children", ()):
        _all_text(child, out)


#: the shape of a record (in the chunk cache's key): 2 added the lines
RECORDS = 2


def records(pages, counters: list[int], prefix: str = "") -> list[list]:
    """One record per page of `pages` (WeasyPrint's ``document.pages``):
    [block key or None, characters of the block before the page, first
    words, page counter, page name, texts of the margin boxes, the page's
    lines (`lines.page_lines`)]; `prefix` tells this document's blocks from
    another's."""
    seen: dict[str, int] = {}
    blocks: dict = {}
    out = []
    for page, counter in zip(pages, counters):
        box = page._page_box
        items: list = []
        _texts(box, None, items, None)
        first = next((n for n, i in enumerate(items) if i[0] is not None and i[1].strip()), None)
        anchor, before, words = None, 0, []
        if first is not None:
            anchor = items[first][0]
            before = seen.get(anchor, 0)
            for a, text, _ in items[first:]:
                if a != anchor or len(words) > CHECK_WORDS:
                    break
                words += text.split()
        for a, text, _ in items:
            if a is not None:
                seen[a] = seen.get(a, 0) + chars(text)
        margins = []
        for child in box.children:
            if type(child).__name__ == "MarginBox":
                texts: list = []
                _all_text(child, texts)
                margins.append("".join(texts))
        out.append([anchor, before, words[:CHECK_WORDS], counter, box.page_type.name or "",
                    margins, page_lines(box, blocks, prefix)])
    return out


def starts(recs: list[list]) -> list[PageStart | None]:
    """The page starts of the whole book's records (None: a page without
    text), each with its printed page number."""
    names = labels([(r[3], r[4], r[5]) for r in recs])
    return [PageStart(label, r[0], r[1], tuple(r[2])) if r[0] is not None else None
            for r, label in zip(recs, names)]


def folio_labels(recs: list[list]) -> list[str]:
    """The page number of each page of the records (`records`), for the
    PDF's page labels: its printed folio, or for a page without one (a title
    page, an opener, a blank verso) its counter in the style of the page
    before when it continues that page's count, else of the next folio
    printed (the half-title is i, a blank verso after the front matter x,
    the part page opening the main matter 1)."""
    styles = [next((s for t in r[5] if (s := folio_style(t, r[3]))), None) for r in recs]
    for i, r in enumerate(recs):
        if styles[i] is None and i and r[3] == recs[i - 1][3] + 1:
            styles[i] = styles[i - 1]
    for i in range(len(recs) - 2, -1, -1):
        if styles[i] is None:
            styles[i] = styles[i + 1]
    out = []
    for r, style in zip(recs, styles):
        counter = r[3]
        if style in ("lower-roman", "upper-roman") and counter > 0:
            out.append(roman(counter) if style == "lower-roman" else roman(counter).upper())
        else:
            out.append(str(counter))
    return out

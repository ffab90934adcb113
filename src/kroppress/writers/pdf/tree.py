"""The print-only passes over the shared rendering: the document WeasyPrint
lays out (`print_tree`).

The content is the shared rendering (`kroppress.render.render_print_html`:
every section rendered by the same templates as the EPUB, in one document);
these passes only adjust it for a press, never add content: back-links
emptied so print.css can show the page of the call ("— p. 23"); long display
titles broken into balanced lines and over-long running heads shortened,
both measured with the font's metrics (`measure`); with ``notes =
"footnotes"`` the rendered endnotes moved next to their calls (the endnotes
section and its contents line are then dropped).
"""
from __future__ import annotations

import datetime as _dt
import re
import xml.etree.ElementTree as ET

from ...config import PrintProfile
from ...model import Book
from ...render import pagemap
from ...render import render_print_html
from ...render.ids import book_id
from .measure import best_breaks, Measure
from . import grid, hyphenation

#: stylesheets linked from the print document, in cascade order (styles/)
STYLESHEETS = ("common.css", "print.css")


# ------------------------------------------------------------------ footnotes
_BLOCK_TAGS = {"p", "blockquote", "div", "section", "ol", "ul", "li", "dl", "dt", "dd",
               "h1", "h2", "h3", "h4", "h5", "h6", "hr", "header", "footer", "nav", "table"}


def _classes(el: ET.Element) -> list[str]:
    return (el.get("class") or "").split()


def _remove(parent: ET.Element, child: ET.Element) -> None:
    """Remove `child`, keeping its tail text in place."""
    tail = child.tail or ""
    index = list(parent).index(child)
    if tail.strip():
        if index > 0:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(child)


def _space_before(parent: ET.Element, child: ET.Element, space: str) -> None:
    """Make the white space just before `child` exactly `space`."""
    index = list(parent).index(child)
    if index:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "").rstrip() + space
    else:
        parent.text = (parent.text or "").rstrip() + space


def _inline_blocks(el: ET.Element) -> None:
    """Turn block elements inside a note into spans (a footnote sits inside a paragraph)."""
    for child in list(el):
        _inline_blocks(child)
        if child.tag in _BLOCK_TAGS:
            child.set("class", " ".join([f"fn-{child.tag}", *_classes(child)]))
            for attr in ("value", "epub:type"):
                child.attrib.pop(attr, None)
            child.tag = "span"


def _backlinks_as_pages(root: ET.Element) -> None:
    """Empty every back-link (its "↩︎" is for screens; the glyph is not in
    the text face): print.css shows the page of the call instead ("p. 23"),
    after a dash that sets the book's reference apart from the note's own
    ("pp. 98. — p. 24")."""
    parents = {child: parent for parent in root.iter() for child in parent}
    previous: ET.Element | None = None
    for a in [el for el in root.iter("a") if "backlink" in _classes(el)]:
        for child in list(a):
            a.remove(child)
        a.text = ""
        # the space before "— p. 23" is the first character of print.css's
        # generated content, not text before it: WeasyPrint 70, given
        # "… 1898–1899, p. 17. <a>p. 13</a>", broke the line after its first
        # word (an en dash in the text, then an inline box after a space)
        holder = parents[a]
        if previous is not None and parents.get(previous) is holder \
                and not (previous.tail or "").strip():
            previous.tail = ","           # "p. 3, p. 5" for a note called twice
        elif "note-page" in _classes(holder):
            holder.text = None
            _space_before(parents[holder], holder, "")
        else:
            _space_before(holder, a, "")
        previous = a


_RANGE_DASH = re.compile(r"(?<=\d)\u2013(?=\d)")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _keep_ranges_whole(root: ET.Element) -> None:
    """No line break inside a number range ("1898–1899", "pp. 201–215"): a
    word joiner after its en dash (invisible, and not in the PDF's text).
    Not in headings: their text is also the bookmarks' and running heads'."""
    def walk(el: ET.Element) -> None:
        if el.tag in _HEADINGS:
            return
        if el.text and "\u2013" in el.text:
            el.text = _RANGE_DASH.sub("\u2013\u2060", el.text)
        for child in el:
            walk(child)
            if child.tail and "\u2013" in child.tail:
                child.tail = _RANGE_DASH.sub("\u2013\u2060", child.tail)
    body = root.find("body")
    if body is not None:
        walk(body)


def _footnotes(root: ET.Element) -> None:
    """Move every endnote next to its first call as a footnote element.

    The rendered note (`li` of the endnotes section) becomes
    ``<span class="footnote" id=NOTE data-label=N>`` right after the call's
    ``<sup>``; back-links are dropped (the note is on the page of its call).
    Notes whose call is not in the text stay in the endnotes section; when
    none stay, the section and its contents line are removed."""
    parents = {child: parent for parent in root.iter() for child in parent}
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    notes_section = by_id.get(book_id("notes"))
    if notes_section is None:
        return
    for li in [el for el in notes_section.iter("li") if el.get("id")]:
        backlinks = [a for a in li.iter("a") if "backlink" in _classes(a)]
        call_ids = [a.get("href", "")[1:] for a in backlinks if a.get("href", "").startswith("#")]
        call = next((by_id[c] for c in call_ids if c in by_id), None)
        if call is None:
            continue
        sup = call if call.tag == "sup" else parents.get(call)
        if sup is None or sup.tag != "sup":
            sup = call
        host = parents[sup]
        for a in backlinks:
            holder = parents[a]
            _remove(holder, a)
            if "note-page" in _classes(holder) and holder in parents and not len(holder):
                _remove(parents[holder], holder)
        for el in li.iter():              # no space left where the back-links were
            if len(el):
                last = el[-1]
                if last.tail is not None:
                    last.tail = last.tail.rstrip()
            elif el.text is not None:
                el.text = el.text.rstrip()
        label = "".join(call.itertext()).strip() or li.get("value", "")
        footnote = ET.Element("span", {"class": "footnote", "id": li.get("id"),
                                        "data-label": label})
        footnote.text = (li.text or "").strip() or None
        for child in list(li):
            li.remove(child)
            child.tail = (child.tail or "").strip() or None
            footnote.append(child)
        _inline_blocks(footnote)
        footnote.tail = sup.tail
        sup.tail = None
        host.insert(list(host).index(sup) + 1, footnote)
        parents[footnote] = host
        _remove(parents[li], li)
    # drop emptied groups, then the section if nothing is left in it
    for group in [g for g in notes_section.iter("section") if "notes-group" in _classes(g)]:
        if not any(li.get("id") for li in group.iter("li")):
            _remove(parents[group], group)
    if not any(li.get("id") for li in notes_section.iter("li")):
        _remove(parents[notes_section], notes_section)
        for a in list(root.iter("a")):
            if a.get("href") == "#" + book_id("notes"):
                li = parents.get(a)
                if li is not None and li.tag == "li" and li in parents:
                    _remove(parents[li], li)


#: display lines that are balanced: (selector test, font size in pt, italic,
#: side indent in pt) -- the sizes are those of print.css
_DISPLAY_LINES = (
    (lambda el, up: el.tag == "h1" and _in(up, "header", "text"), 17.0, False, 0.0),
    (lambda el, up: el.tag == "p" and "subtitle" in _classes(el) and _in(up, "header", "text"),
     12.0, True, 0.0),
    (lambda el, up: el.tag == "h1" and _in(up, "header", None, book_id("titlepage")), 26.0, False, 0.0),
    (lambda el, up: el.tag == "p" and "subtitle" in _classes(el) and _in(up, "header", None,
                                                                           book_id("titlepage")),
     12.5, True, 0.0),
    (lambda el, up: el.tag == "span" and "part-title" in _classes(el), 18.0, False, 0.0),
)


def _in(up: dict, tag: str, cls: str | None, sid: str | None = None) -> bool:
    """Whether the element's parent is `tag` inside a section of class `cls` / id `sid`."""
    parent = up.get("parent")
    section = up.get("grandparent")
    if parent is None or parent.tag != tag or section is None:
        return False
    if cls is not None and cls not in _classes(section):
        return False
    return sid is None or section.get("id") == sid


def _balance_display_lines(root: ET.Element, profile: PrintProfile) -> None:
    """Break long titles into balanced lines (`<br>`), as a designer would by
    hand: "The Action of the Masses / and the Individual", not a last line of
    one word. Only plain-text elements are touched."""
    measure_pt = profile.width.pt - profile.margin_inner.pt - profile.margin_outer.pt
    meter: Measure | None = None
    parents = {child: parent for parent in root.iter() for child in parent}
    for el in list(root.iter()):
        if len(el) or not (el.text or "").strip():
            continue
        up = {"parent": parents.get(el)}
        up["grandparent"] = parents.get(up["parent"]) if up["parent"] is not None else None
        if el.tag == "span":   # part titles: span in h1 in section.part
            up = {"parent": parents.get(el)}
        for test, size, italic, indent in _DISPLAY_LINES:
            if not test(el, up):
                continue
            meter = meter or Measure()
            words = el.text.split()
            full = meter.width(" ".join(words), size, italic)
            measure = (measure_pt - 2 * indent) * 0.96
            if full <= measure:
                break
            cut = best_breaks(words, lambda t: meter.width(t, size, italic), measure)
            if cut:
                bounds = (0, *cut, len(words))
                segs = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:])]
                el.text = segs[0] + " "
                for seg in segs[1:]:
                    br = ET.SubElement(el, "br")
                    br.tail = seg + " " if seg is not segs[-1] else seg
            break


def _part_bookmark_labels(root: ET.Element) -> None:
    """"Part I: Title" for a part's bookmark (its heading sets the label and
    the title as two lines, which ``content(text)`` would run together)."""
    for section in root.iter("section"):
        if "part" not in _classes(section):
            continue
        for h1 in section.iter("h1"):
            spans = [s for s in h1 if s.tag == "span"]
            if len(spans) == 2:
                label, title = ("".join(s.itertext()).strip() for s in spans)
                h1.set("data-bookmark", f"{label}: {title}")
            break


def _unparted(root: ET.Element) -> None:
    """Mark the texts no part page precedes ("unparted"): their bookmarks
    are of the first level, not under the contents or the introduction."""
    body = root.find("body")
    seen_part = False
    for section in (body if body is not None else []):
        seen_part = seen_part or "part" in _classes(section)
        if "text" in _classes(section) and not seen_part:
            section.set("class", " ".join([*_classes(section), "unparted"]))


def _toc_authors(root: ET.Element) -> None:
    """A contents entry's author after its link, not in it: the link's
    leader and page number then end the title's line (WeasyPrint 70 sets a
    leader on a turned line of a hanging indent past the measure)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    for span in [s for s in root.iter("span") if "toc-author" in _classes(s)]:
        a = parents.get(span)
        li = parents.get(a) if a is not None else None
        if a is None or a.tag != "a" or li is None:
            continue
        _remove(a, span)
        if len(a):
            a[-1].tail = (a[-1].tail or "").rstrip() or None
        else:
            a.text = (a.text or "").rstrip()
        span.tail, a.tail = a.tail, None
        li.insert(list(li).index(a) + 1, span)


#: the running head: size (pt), tracking (em) and the folio boxes' width (em)
#: of print.css's @top-center / @top-left / @top-right
_HEAD_SIZE, _HEAD_TRACKING, _FOLIO_BOX_EM = 9.0, 0.06, 1.6


def _running_heads(root: ET.Element, profile: PrintProfile) -> None:
    """A running head short enough for the head line, shortened as a designer
    would by hand (`data-running-head`, used by print.css): a title that does
    not fit loses its tail after a comma, colon or dash ("Kropotkin to
    Alexander Berkman"); failing that it is cut at a word, with an ellipsis."""
    available = (profile.width.pt - profile.margin_inner.pt - profile.margin_outer.pt
                 - 2 * _FOLIO_BOX_EM * _HEAD_SIZE) - 2
    meter: Measure | None = None
    parents = {child: parent for parent in root.iter() for child in parent}
    for h1 in root.iter("h1"):
        header = parents.get(h1)
        section = parents.get(header) if header is not None else None
        if header is None or header.tag != "header" or section is None \
                or "text" not in _classes(section):
            continue
        title = norm_space("".join(h1.itertext()))
        meter = meter or Measure()

        def fits(text: str) -> bool:
            return meter.width(text.lower(), _HEAD_SIZE, small_caps=True,
                               tracking=_HEAD_TRACKING) <= available

        if fits(title):
            continue
        clauses = [m.start() for m in re.finditer(r"[,:;]\s|\s[–—]\s", title)]
        short = next((title[:i].strip() for i in reversed(clauses)
                      if len(title[:i].split()) >= 2 and fits(title[:i].strip())), None)
        if short is None:
            words = title.split()
            while len(words) > 1 and not fits(" ".join(words) + "\u2009…"):
                words.pop()
            short = " ".join(words).rstrip(",;:–—-") + "\u2009…"
        h1.set("data-running-head", short)


def norm_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def print_tree(book: Book, profile: PrintProfile, built: _dt.date | None = None,
               stamp: bool = False) -> ET.Element:
    """The document WeasyPrint lays out, as a tree: the shared print
    rendering, with the back-links emptied for print.css and, for
    ``notes = "footnotes"``, the notes moved to their calls. With `stamp`,
    every block carries its place in the shared rendering (for the EPUB's
    page list: `kroppress.render.pagemap`), given before any print-only pass."""
    html = render_print_html(book, stylesheets=STYLESHEETS, built=built)
    root = parse_html(html)
    if stamp:
        body = root.find("body")
        pagemap.stamp(body if body is not None else root)
    if profile.notes == "footnotes":
        _footnotes(root)
    _backlinks_as_pages(root)
    _keep_ranges_whole(root)
    _part_bookmark_labels(root)
    _toc_authors(root)
    _unparted(root)
    _running_heads(root, profile)
    _balance_display_lines(root, profile)
    hyphenation.set_variants(root, book)
    hyphenation.break_addresses(root)
    hyphenation.keep_last_words(root)
    hyphenation.glue_calls(root)
    grid.mark(root)
    return root


_PREFIXES = {"http://www.w3.org/1999/xhtml": "", "http://www.idpf.org/2007/ops": "epub:",
             "http://www.w3.org/XML/1998/namespace": "xml:"}


def parse_html(html: str) -> ET.Element:
    """The rendered document as a tree of plain names ("p", "epub:type").

    The templates write well-formed XHTML, which the XML parser reads a
    hundred times faster than an HTML5 parser; anything else goes through
    the HTML5 parser (as WeasyPrint would read it)."""
    body = html.split("\n", 1)[1] if html.startswith("<!DOCTYPE") else html
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        import tinyhtml5
        return tinyhtml5.parse(html, namespace_html_elements=False)
    for el in root.iter():
        if el.tag.startswith("{"):
            el.tag = el.tag.rsplit("}", 1)[1]
        for name in [n for n in el.attrib if n.startswith("{")]:
            ns, local = name[1:].split("}", 1)
            el.attrib[_PREFIXES.get(ns, "") + local] = el.attrib.pop(name)
    return root


def serialize(root: ET.Element) -> str:
    return "<!DOCTYPE html>\n" + ET.tostring(root, encoding="unicode", method="html")


def print_html(book: Book, profile: PrintProfile, built: _dt.date | None = None) -> str:
    """`print_tree` as the HTML text WeasyPrint is given."""
    return serialize(print_tree(book, profile, built))


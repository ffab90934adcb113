"""Kobo kepub: `<book>.kepub.epub`, made from the EPUB kroppress just wrote.

The rules are those of kepubify (pgaskin/kepubify, kepub/transform.go) and
Standard Ebooks' `se build --kobo`:

- every text run of the body is cut after each sentence end (`. ! ? :`, a
  closing quote or ellipsis and the spaces after it) and each piece wrapped in
  `<span class="koboSpan" id="kobo.P.S">`; P counts paragraphs (a new one at
  each text block, image, list or table), S the pieces inside it, both per
  document. Only text nodes are wrapped, never elements, so a note call's
  `<a>` keeps its link and gets a koboSpan inside it;
- whitespace is wrapped only directly inside a `<p>`; `pre`, `script`,
  `style`, `audio`, `video` and foreign (SVG, MathML) content are left as is;
- an image is wrapped in a koboSpan of its own paragraph;
- the body's content goes into `div#book-columns > div#book-inner`, and the
  head gets kepubify's small `kobostylehacks` style;
- the navigation document is left without spans (SE: Kobo reads its links);
- soft hyphens are removed (SE: they break the dictionary look-up of a
  highlighted word; Kobo hyphenates by CSS).

Zip entries keep the EPUB's order, names and timestamps, so the same EPUB
gives the same kepub bytes.
"""
from __future__ import annotations

import datetime as _dt
import re
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
_SENTENCE = re.compile(r".*?[.!?:]['\"”’“…]?\s*", re.S)
_SKIP = {"pre", "script", "style", "audio", "video", "head"}
# a new paragraph number: kepubify's p, ol, ul, table, plus the other text blocks
_BLOCKS = {"p", "ol", "ul", "table", "li", "dt", "dd", "figcaption", "caption", "td", "th",
           "h1", "h2", "h3", "h4", "h5", "h6"}
KOBO_STYLE = "div#book-inner { margin-top: 0; margin-bottom: 0;}"
SOFT_HYPHEN = "\u00ad"


def sentences(text: str) -> list[str]:
    """`text` cut after each sentence end; the pieces join to `text`."""
    out, pos = [], 0
    for m in _SENTENCE.finditer(text):
        if m.end() > m.start():
            out.append(text[pos:m.end()])
            pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


class _Spans:
    """Paragraph and sentence counters of one document (kepubify's)."""

    def __init__(self) -> None:
        self.para = 0
        self.seg = 0
        self.next_para = False

    def span(self) -> etree._Element:
        if self.next_para:
            self.para, self.seg, self.next_para = self.para + 1, 0, False
        self.seg += 1
        return etree.Element(f"{{{XHTML}}}span", {"class": "koboSpan",
                                                  "id": f"kobo.{self.para}.{self.seg}"})

    def pieces(self, text: str, in_p: bool) -> list:
        """Strings (left bare) and koboSpans, in order."""
        out: list = []
        for piece in sentences(text):
            if not piece.strip() and not in_p:
                out.append(piece)
            else:
                span = self.span()
                span.text = piece
                out.append(span)
        return out


def _local(el) -> str | None:
    if not isinstance(el.tag, str):
        return None          # a comment or processing instruction
    ns, _, name = el.tag[1:].partition("}") if el.tag.startswith("{") else ("", "", el.tag)
    return name if ns == XHTML else None


def _place(parent, index: int, after, pieces: list) -> int:
    """Put `pieces` into `parent` from child `index` on, bare text as the
    tail of `after` (None: the parent's text); the next free index."""
    for piece in pieces:
        if isinstance(piece, str):
            if after is None:
                parent.text = (parent.text or "") + piece
            else:
                after.tail = (after.tail or "") + piece
        else:
            parent.insert(index, piece)
            after, index = piece, index + 1
    return index


def _spans(el, state: _Spans) -> None:
    name = _local(el)
    if name is None or name in _SKIP:
        return
    if name in _BLOCKS:
        state.next_para = True
    text, el.text = el.text, None
    index = _place(el, 0, None, state.pieces(text, name == "p")) if text else 0
    while index < len(el):
        child = el[index]
        tail, child.tail = child.tail, None
        if _local(child) == "img":
            state.para, state.seg, state.next_para = state.para + 1, 0, False
            span = state.span()
            el.replace(child, span)
            span.append(child)
            child = span
        else:
            _spans(child, state)
        index += 1
        if tail:
            index = _place(el, index, child, state.pieces(tail, name == "p"))


def _wrap_body(body) -> None:
    inner = etree.Element(f"{{{XHTML}}}div", {"id": "book-inner"})
    inner.text, body.text = body.text, "\n"
    for child in list(body):
        inner.append(child)
    outer = etree.SubElement(body, f"{{{XHTML}}}div", {"id": "book-columns"})
    outer.append(inner)
    outer.tail = "\n"


def _drop_soft_hyphens(root) -> None:
    for el in root.iter():
        if el.text and SOFT_HYPHEN in el.text:
            el.text = el.text.replace(SOFT_HYPHEN, "")
        if el.tail and SOFT_HYPHEN in el.tail:
            el.tail = el.tail.replace(SOFT_HYPHEN, "")


def kobo_xhtml(data: bytes) -> bytes:
    """One content document, as Kobo wants it."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    root = etree.fromstring(data, parser)
    _drop_soft_hyphens(root)
    body = root.find(f"{{{XHTML}}}body")
    is_nav = bool(root.xpath("//x:nav[contains(concat(' ', @e:type, ' '), ' toc ')]",
                             namespaces={"x": XHTML, "e": OPS}))
    if body is not None and not is_nav and not body.xpath(".//*[@class='koboSpan']"):
        _spans(body, _Spans())
        _wrap_body(body)
        head = root.find(f"{{{XHTML}}}head")
        if head is not None:
            style = etree.SubElement(head, f"{{{XHTML}}}style",
                                     {"type": "text/css", "class": "kobostylehacks"})
            style.text = KOBO_STYLE
            style.tail = "\n"
    return (b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            + etree.tostring(root, encoding="utf-8") + b"\n")


def epub_to_kepub(epub_path: Path, path: Path) -> Path:
    """Write the kepub of the EPUB at `epub_path` to `path`."""
    with zipfile.ZipFile(epub_path) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith((".xhtml", ".html", ".htm")):
                data = kobo_xhtml(data)
            out = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            out.compress_type = info.compress_type
            out.create_system = info.create_system
            out.external_attr = info.external_attr
            dst.writestr(out, data, compress_type=out.compress_type,
                         compresslevel=9 if out.compress_type == zipfile.ZIP_DEFLATED else None)
    return path


def write_kepub(book, path: str | Path, *, epoch: int | float | _dt.datetime | _dt.date,
                epub_path: Path | None = None, pages=None) -> Path:
    """Write `book`'s kepub at `path`, from `epub_path` when the EPUB of the
    same build is at hand, else from an EPUB written to a temp file."""
    path = Path(path)
    if epub_path is not None:
        return epub_to_kepub(Path(epub_path), path)
    from .epub import write_epub
    with tempfile.TemporaryDirectory(prefix="kroppress-kepub-") as work:
        epub = write_epub(book, Path(work) / "book.epub", epoch=epoch, pages=pages)
        return epub_to_kepub(epub, path)

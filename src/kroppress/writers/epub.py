"""EPUB 3 writer: packages the sections rendered by `kroppress.render`.

One XHTML file per section (written verbatim from `templates/page.xhtml.j2`,
not re-serialised by ebooklib), the contents section doubling as the EPUB
navigation document (toc + landmarks), an NCX for old readers, a generated
cover, the shared stylesheet plus the EPUB one, and package metadata with
schema.org accessibility properties.

Reproducible: `dcterms:modified`, the colophon's build date and every zip
entry's timestamp come from `epoch`; mimetype is written first and stored.
Two writes of the same book with the same epoch are byte-identical.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import uuid
import zipfile
from pathlib import Path

from ebooklib import epub
from markupsafe import Markup

from .. import __version__
from ..render.cover_image import cover_png
from ..model import Book
from ..render.pagemap import PrintPages, mark_sections, page_list_nav
from ..epoch import epoch_datetime
from ..render import (Doc, TocItem, book_toc, is_sentence, ncname, sentence, render_book, render_cover,
                      render_page, stylesheet_text)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STYLESHEETS = ("common.css", "epub.css")
COVER_IMAGE = "images/cover.png"
ACCESSIBILITY_SUMMARY = (
    "This publication conforms to WCAG 2.1 Level AA. It is reflowable text with no "
    "images other than the cover, which has a text alternative. Sections, headings and "
    "landmarks are marked up semantically; the table of contents and landmarks give "
    "structural navigation; note references link to the notes and each note links back. "
    "Typeface, size and colours are left to the reading system.")




def _zip_time(moment: _dt.datetime) -> tuple[int, int, int, int, int, int]:
    # zip timestamps cannot go below 1980 and have 2-second resolution
    if moment.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute,
            moment.second - moment.second % 2)


# ------------------------------------------------------------------ ebooklib items
class _Page(epub.EpubHtml):
    """An XHTML content document written exactly as rendered."""

    def __init__(self, uid: str, file_name: str, title: str, xhtml: str, linear: bool = True):
        super().__init__(uid=uid, file_name=file_name, title=title,
                         media_type="application/xhtml+xml")
        self._xhtml = xhtml.encode("utf-8")
        self.is_linear = linear

    def get_content(self, default=None):
        return self._xhtml


class _NavPage(epub.EpubNav):
    """The navigation document: our rendered contents section (toc + landmarks)."""

    def __init__(self, uid: str, file_name: str, title: str, xhtml: str):
        super().__init__(uid=uid, file_name=file_name, title=title)
        self._xhtml = xhtml.encode("utf-8")
        self.is_linear = True

    def get_content(self, default=None):
        return self._xhtml


class _FixedTimeZip:
    """Stands in for ebooklib's ZipFile: every entry gets the same timestamp and mode."""

    def __init__(self, zf: zipfile.ZipFile, date_time: tuple[int, ...]):
        self._zf = zf
        self._date_time = date_time

    def writestr(self, name, data, compress_type=None):
        info = zipfile.ZipInfo(name if isinstance(name, str) else name.filename,
                               date_time=self._date_time)
        info.compress_type = zipfile.ZIP_DEFLATED if compress_type is None else compress_type
        info.create_system = 3
        info.external_attr = 0o100644 << 16
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._zf.writestr(info, data, compress_type=info.compress_type, compresslevel=9)


class _Writer(epub.EpubWriter):
    """ebooklib's writer with xml:lang on <package>, our own nav, fixed zip times."""

    def __init__(self, name, book, options, lang: str, date_time: tuple[int, ...]):
        super().__init__(name, book, options)
        self._lang = lang
        self._date_time = date_time

    def _write_opf_file(self, root):
        root.set(XML_LANG, self._lang)
        super()._write_opf_file(root)

    def _get_nav(self, item):
        return item.get_content()

    def _get_ncx(self):
        # ebooklib leaves dtb:depth at 0; readers of NCX expect the real depth
        from lxml import etree
        root = etree.fromstring(super()._get_ncx())
        ns = {"n": "http://www.daisy.org/z3986/2005/ncx/"}
        depth = max((len(p.xpath("ancestor-or-self::n:navPoint", namespaces=ns))
                     for p in root.xpath("//n:navPoint", namespaces=ns)), default=1)
        for meta in root.xpath("//n:meta[@name='dtb:depth']", namespaces=ns):
            meta.set("content", str(depth))
        return etree.tostring(root, pretty_print=True, encoding="utf-8", xml_declaration=True)

    def write(self):
        with zipfile.ZipFile(self.file_name, "w", zipfile.ZIP_DEFLATED) as zf:
            self.out = _FixedTimeZip(zf, self._date_time)
            self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
            self._write_container()
            self._write_opf()
            self._write_items()
        self.out = None


# ------------------------------------------------------------------ metadata
def _identifier(book: Book) -> str:
    if book.meta.identifier:
        return book.meta.identifier
    seed = "kroppress:" + book.meta.title + "|" + "|".join(book.meta.editors)
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}"


def _is_w3cdtf(value: str) -> bool:
    import re
    return bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()))


def _meta(eb: epub.EpubBook, prop: str, value: str, **attrs) -> None:
    eb.add_metadata(None, "meta", value, {"property": prop, **attrs})


def _set_metadata(eb: epub.EpubBook, book: Book, moment: _dt.datetime,
                  pages: PrintPages | None = None) -> None:
    m = book.meta
    lang = m.language or "en"
    # ebooklib adds a generator meta naming itself; name the tool that made the book
    eb.metadata.get(epub.NAMESPACES["OPF"], {}).pop("generator", None)
    eb.add_metadata(None, "meta", "", {"name": "generator", "content": f"kroppress {__version__}"})

    eb.set_identifier(_identifier(book))
    eb.title = m.title
    eb.add_metadata("DC", "title", m.title, {"id": "title"})
    eb.set_language(lang)
    if m.subtitle:
        _meta(eb, "title-type", "main", refines="#title")
        # a second dc:title refined as subtitle (EPUB 3 title-type)
        eb.add_metadata("DC", "title", m.subtitle, {"id": "subtitle"})
        _meta(eb, "title-type", "subtitle", refines="#subtitle")
    for i, editor in enumerate(m.editors, 1):
        eb.add_metadata("DC", "creator", editor, {"id": f"editor-{i}"})
        _meta(eb, "role", "edt", refines=f"#editor-{i}", scheme="marc:relators")
    authors: list[str] = []
    translators: list[str] = []
    for e in book.entries:
        for a in e.doc.metadata.authors:
            if a and a not in authors:
                authors.append(a)
        t = e.doc.metadata.translator
        if t and t not in translators:
            translators.append(t)
    for i, name in enumerate(authors, 1):
        eb.add_metadata("DC", "contributor", name, {"id": f"author-{i}"})
        _meta(eb, "role", "aut", refines=f"#author-{i}", scheme="marc:relators")
    for i, name in enumerate(translators, 1):
        eb.add_metadata("DC", "contributor", name, {"id": f"translator-{i}"})
        _meta(eb, "role", "trl", refines=f"#translator-{i}", scheme="marc:relators")
    if m.publisher:
        eb.add_metadata("DC", "publisher", m.publisher)
    if m.date and _is_w3cdtf(m.date):
        eb.add_metadata("DC", "date", m.date.strip())
    if m.description:
        eb.add_metadata("DC", "description", m.description)
    for subject in m.subjects:
        if subject:
            eb.add_metadata("DC", "subject", subject)
    if not m.licence:
        rights = "Each text keeps its own rights; see Sources and Rights."
    elif is_sentence(m.licence):
        rights = sentence(m.licence)
    else:
        rights = (f"Editorial matter: {m.licence}. Each text keeps its own rights; "
                  "see Sources and Rights.")
    eb.add_metadata("DC", "rights", rights)

    # accessibility (schema.org and EPUB Accessibility 1.1)
    _meta(eb, "schema:accessMode", "textual")
    _meta(eb, "schema:accessMode", "visual")   # the cover image
    _meta(eb, "schema:accessModeSufficient", "textual")
    for feature in ("structuralNavigation", "tableOfContents", "readingOrder",
                    "alternativeText", "displayTransformability"):
        _meta(eb, "schema:accessibilityFeature", feature)
    if pages is not None:
        # EPUB Accessibility 1.1: the page markers' source edition
        _meta(eb, "schema:accessibilityFeature", "pageNavigation")
        _meta(eb, "schema:accessibilityFeature", "printPageNumbers")
        _meta(eb, "pageBreakSource", pages.source)
    _meta(eb, "schema:accessibilityHazard", "none")
    summary = ACCESSIBILITY_SUMMARY
    if pages is not None:
        summary += (" Page-break markers and a page list give the page numbers of the "
                    "print edition.")
    _meta(eb, "schema:accessibilitySummary", summary)
    _meta(eb, "dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")
    _meta(eb, "a11y:certifiedBy", m.publisher or "kroppress")


def _toc_links(items: list[TocItem], filenames: dict[str, str]) -> list:
    out = []
    for item in items:
        link = epub.Link(filenames[item.doc_id], item.title, ncname(f"nav-{item.doc_id}"))
        out.append((link, _toc_links(list(item.children), filenames)) if item.children else link)
    return out


def _mark_pages(docs: list[Doc], pages: PrintPages, warnings: list[str] | None) -> list[Doc]:
    """The sections with the print edition's page markers, the navigation
    document with its page-list."""
    marked, entries, missed = mark_sections([(d.filename, str(d.html_body)) for d in docs], pages)
    out = []
    for doc, markup in zip(docs, marked):
        if doc.kind == "contents":
            markup += page_list_nav(entries)
        out.append(dataclasses.replace(doc, html_body=Markup(markup)))
    if missed and warnings is not None:
        labels = ", ".join(s.label for s in missed[:5]) + (" …" if len(missed) > 5 else "")
        warnings.append(f"{len(missed)} print page(s) not found in the EPUB's text ({labels}): "
                        "they have no page marker")
    return out


# ------------------------------------------------------------------ entry point
def write_epub(book: Book, path: str | Path, *,
               epoch: int | float | _dt.datetime | _dt.date,
               pages: PrintPages | None = None, warnings: list[str] | None = None) -> Path:
    """Write `book` as an EPUB 3 file at `path`; returns the path.

    `epoch` (seconds since 1970, e.g. SOURCE_DATE_EPOCH, or a datetime) fixes
    every date the file carries, so equal inputs give equal bytes. `pages`:
    the print edition's page starts (from the PDF writer), marked in the text
    and listed in a page-list; without them the EPUB has neither."""
    path = Path(path)
    moment = epoch_datetime(epoch)
    lang = book.meta.language or "en"
    docs = render_book(book, "epub", built=moment.date())
    filenames = {d.id: d.filename for d in docs}
    if pages is not None:
        docs = _mark_pages(docs, pages, warnings)

    eb = epub.EpubBook()
    _set_metadata(eb, book, moment, pages)

    css_hrefs = []
    for name in STYLESHEETS:
        eb.add_item(epub.EpubItem(uid=ncname(f"css-{name}"), file_name=f"css/{name}",
                                  media_type="text/css",
                                  content=stylesheet_text(name).encode("utf-8")))
        css_hrefs.append(f"css/{name}")

    cover_item = epub.EpubCover(uid="cover-image", file_name=COVER_IMAGE)
    cover_item.media_type = "image/png"
    cover_item.content = cover_png(book.meta)
    eb.add_item(cover_item)
    eb.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})

    cover_doc: Doc = render_cover(book, COVER_IMAGE)
    spine = []
    page = _Page("cover", cover_doc.filename, cover_doc.title,
                 render_page(cover_doc, stylesheets=css_hrefs, book_lang=lang,
                             body_class="cover-page"))
    eb.add_item(page)
    spine.append(page)

    for doc in docs:
        xhtml = render_page(doc, stylesheets=css_hrefs, book_lang=lang)
        uid = ncname(doc.filename, prefix="f")
        if doc.kind == "contents":
            item = _NavPage(uid, doc.filename, doc.title, xhtml)
        else:
            item = _Page(uid, doc.filename, doc.title, xhtml)
        eb.add_item(item)
        spine.append(item)

    eb.add_item(epub.EpubNcx())
    eb.toc = _toc_links(book_toc(book, "epub"), filenames)
    eb.spine = spine

    options = {"epub3_pages": False, "epub2_guide": False, "epub3_landmark": False,
               "mtime": moment.replace(tzinfo=None), "raise_exceptions": True}
    writer = _Writer(str(path), eb, options, lang=lang, date_time=_zip_time(moment))
    writer.process()
    writer.write()
    return path

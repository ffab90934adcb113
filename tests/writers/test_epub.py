"""The EPUB writer and the shared render layer, on the hand-made book of conftest.py.

EPUBCheck runs once for the module (about 5 s) on the fixture book and once on
the hostile-content book; Ace by DAISY runs when scripts/ace.sh finds it and
Chromium, and the test says why it skipped otherwise.
"""
from __future__ import annotations

import datetime as dt
import json
import posixpath
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from kroppress.render.cover_image import HEIGHT, WIDTH, cover_png
from kroppress.model import Emphasis, Link, NoteRef, Paragraph, Table, TableRow, Text
from kroppress.render import render_book, render_print_html, safe_href
from kroppress.writers.epub import write_epub

ROOT = Path(__file__).resolve().parents[2]
EPOCH = 1746057600  # 2025-05-01T00:00:00Z
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ENTRY_IDS = ["action-of-the-masses", "letter-to-berkman", "mutual-aid-and-violence"]


# ------------------------------------------------------------------ helpers
class Epub:
    """An EPUB file, unpacked and parsed."""

    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as zf:
            self.infos = zf.infolist()
            self.files = {i.filename: zf.read(i) for i in self.infos}
        container = etree.fromstring(self.files["META-INF/container.xml"])
        self.opf_path = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
        self.base = posixpath.dirname(self.opf_path)
        self.opf = etree.fromstring(self.files[self.opf_path])
        self.manifest = {i.get("id"): i for i in self.opf.xpath("//opf:manifest/opf:item", namespaces=NS)}
        self.xhtml = {}
        for item in self.manifest.values():
            if item.get("media-type") == "application/xhtml+xml":
                name = self.name(item.get("href"))
                self.xhtml[name] = etree.fromstring(self.files[name])

    def name(self, href: str) -> str:
        return posixpath.normpath(posixpath.join(self.base, href))

    def spine(self) -> list[str]:
        return [self.manifest[r.get("idref")].get("href")
                for r in self.opf.xpath("//opf:spine/opf:itemref", namespaces=NS)]

    def nav(self):
        item = self.opf.xpath("//opf:item[contains(concat(' ', @properties, ' '), ' nav ')]",
                              namespaces=NS)[0]
        return self.xhtml[self.name(item.get("href"))]

    def toc_hrefs(self) -> list[str]:
        return self.nav().xpath("//x:nav[@epub:type='toc']//x:a/@href", namespaces=NS)

    def ids(self, name: str) -> set[str]:
        return set(self.xhtml[name].xpath("//@id"))

    def resolve(self, from_name: str, href: str) -> tuple[str, str]:
        path, _, frag = href.partition("#")
        target = self.name(posixpath.join(posixpath.dirname(posixpath.relpath(from_name, self.base)), path)) if path else from_name
        return target, frag

    def text(self, name: str) -> str:
        return "".join(self.xhtml[name].itertext())


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Epub:
    from conftest import build_book
    path = tmp_path_factory.mktemp("epub") / "book.epub"
    write_epub(build_book(), path, epoch=EPOCH)
    return Epub(path)


def _hostile_book():
    from conftest import build_book

    def inject(book):
        entry = book.parts[0].entries[0]
        entry.doc.blocks.append(Paragraph([
            Text("<script>alert(1)</script> & <b onclick=\"x()\">bold</b>\x0c\x00 "),
            Link("javascript:alert(1)", [Text("js link")]), Text(" "),
            Link("  JaVaScRiPt:alert(2)", [Text("js link 2")]), Text(" "),
            Link("data:text/html,<script>alert(3)</script>", [Text("data link")]), Text(" "),
            Link("vbscript:msgbox", [Text("vb link")]), Text(" "),
            Link("https://example.org/a b\"onmouseover=\"x", [Text("spacey link")]), Text(" "),
            Link("https://example.org/ok?a=1&b=\"2\"", [Text("ok link")]),
        ]))
        # a table read from a text: head and body rows, markup-like cells (EPUBCheck sees it)
        entry.doc.blocks.append(Table([TableRow([[Text("Year")], [Text("<b>Coal</b> & lime")]], "head"),
                                       TableRow([[Text("1794")], [Emphasis([Text("10")])]]),
                                       TableRow([[Text("1800")], []])]))
        entry.doc.metadata.title = "Title <img src=x onerror=alert(1)>"
        entry.headnote.append(Paragraph([Text("</section><script>evil()</script>")]))
        book.meta.description = "<script>alert('opf')</script>"
    return build_book(extra=inject)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Epub:
    path = tmp_path_factory.mktemp("hostile") / "hostile.epub"
    write_epub(_hostile_book(), path, epoch=EPOCH)
    return Epub(path)


def _clashing_book():
    """Texts and parts with the ids and the words of the book's own sections."""
    from conftest import build_book

    def rename(book):
        book.parts[0].id, book.parts[1].id = "colophon", "sources-notes"
        for entry, new in zip(book.entries, ("notes", "toc-title", "introduction")):
            entry.id = new
    return build_book(extra=rename)


@pytest.fixture(scope="module")
def clashing(tmp_path_factory) -> Epub:
    path = tmp_path_factory.mktemp("clashing") / "clashing.epub"
    write_epub(_clashing_book(), path, epoch=EPOCH)
    return Epub(path)


@pytest.fixture(scope="module")
def epubcheck_results(written, hostile, clashing, tmp_path_factory) -> dict:
    """EPUBCheck once per module, on each book (side by side), and on the
    book with a planted fault (a file the package lists, left out), which it
    must find: the control of tests/shared.py's way of running it."""
    from shared import epubcheck
    broken = tmp_path_factory.mktemp("broken") / "broken.epub"
    with zipfile.ZipFile(written.path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            if info.filename != "EPUB/kp-colophon.xhtml":
                dst.writestr(info, src.read(info))
    checked = epubcheck(written.path, hostile.path, clashing.path, broken)
    return {name: [m for m in messages if m.level in ("FATAL", "ERROR", "WARNING")]
            for name, messages in zip(("book", "hostile", "clashing", "broken"), checked)}


def test_epubcheck_finds_a_planted_fault(epubcheck_results):
    assert any(m.level in ("FATAL", "ERROR") and "kp-colophon.xhtml" in str(m)
               for m in epubcheck_results["broken"]), epubcheck_results["broken"]


# ------------------------------------------------------------------ validity
def test_epubcheck_no_errors_no_warnings(epubcheck_results):
    assert epubcheck_results["book"] == [], "\n".join(map(str, epubcheck_results["book"]))


def test_epubcheck_hostile_book_still_valid(epubcheck_results):
    assert epubcheck_results["hostile"] == [], "\n".join(map(str, epubcheck_results["hostile"]))


def test_texts_named_like_the_books_sections_keep_the_epub_valid(epubcheck_results, clashing):
    assert epubcheck_results["clashing"] == [], "\n".join(map(str, epubcheck_results["clashing"]))
    # each text has its own file beside the book's own sections
    assert {"notes.xhtml", "toc-title.xhtml", "introduction.xhtml", "colophon.xhtml",
            "kp-notes.xhtml", "kp-toc.xhtml", "kp-colophon.xhtml"} <= {
        n.rsplit("/", 1)[-1] for n in clashing.xhtml}


def test_every_xhtml_well_formed_with_lang(written):
    assert len(written.xhtml) >= 15
    for name, root in written.xhtml.items():
        assert root.tag == "{http://www.w3.org/1999/xhtml}html", name
        assert root.get("lang") == "en" and root.get(XML_LANG) == "en", name
        title = root.find("x:head/x:title", NS)
        assert title is not None and title.text and title.text.strip(), name
        assert root.xpath("count(//x:h1)", namespaces=NS) <= 1, name
        # epub:type lives on sections, never on <body>
        assert root.find("x:body", NS).get(EPUB_TYPE) is None, name
    assert written.opf.get(XML_LANG) == "en"


def test_no_script_no_event_handlers(written, hostile):
    # every document is there to look at (an empty EPUB has nothing to refuse)
    assert len(written.xhtml) >= 15 and set(hostile.xhtml) == set(written.xhtml)
    for book in (written, hostile):
        for name, root in book.xhtml.items():
            for el in root.iter():
                if not isinstance(el.tag, str):
                    continue
                assert etree.QName(el).localname not in ("script", "iframe", "object", "embed"), name
                for attr, value in el.attrib.items():
                    assert not etree.QName(attr).localname.lower().startswith("on"), (name, attr)
                    if etree.QName(attr).localname in ("href", "src"):
                        assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (name, value)
    # what the hostile text said is all there, as text; only the safe link is a link
    doc = hostile.xhtml[hostile.name("action-of-the-masses.xhtml")]
    paras = ["".join(p.itertext()) for p in doc.iter(f"{{{NS['x']}}}p")]
    assert any(p.startswith('<script>alert(1)</script> & <b onclick="x()">bold</b> js link') for p in paras)
    assert "</section><script>evil()</script>" in paras
    links = {"".join(a.itertext()): a.get("href") for a in doc.iter(f"{{{NS['x']}}}a")}
    assert links["ok link"] == "https://example.org/ok?a=1&b=%222%22"
    for refused in ("js link", "js link 2", "data link", "vb link", "spacey link"):
        assert refused not in links and any(refused in p for p in paras), refused
    assert doc.find("x:head/x:title", NS).text == "Title <img src=x onerror=alert(1)>"


# ------------------------------------------------------------------ links and notes
def test_every_internal_link_resolves(written):
    for name, root in written.xhtml.items():
        for href in root.xpath("//x:a/@href | //x:img/@src | //x:link/@href", namespaces=NS):
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            target, frag = written.resolve(name, href)
            assert target in written.files, (name, href)
            if frag:
                assert frag in written.ids(target), (name, href)


def test_note_calls_and_backlinks_match(written):
    notes_name = written.name("kp-notes.xhtml")
    notes = written.xhtml[notes_name]
    note_items = notes.xpath("//x:li[@epub:type='endnote']", namespaces=NS)
    assert len(note_items) == 4
    calls_seen = 0
    called_notes = set()
    for name, root in written.xhtml.items():
        for a in root.xpath("//x:a[@epub:type='noteref']", namespaces=NS):
            calls_seen += 1
            assert a.get("role") == "doc-noteref"
            assert a.getparent().tag == "{http://www.w3.org/1999/xhtml}sup"
            target, frag = written.resolve(name, a.get("href"))
            assert target == notes_name
            li = notes.xpath("//x:li[@id=$i]", i=frag, namespaces=NS)
            assert li and li[0].get(EPUB_TYPE) == "endnote", (name, a.get("href"))
            called_notes.add(frag)
            # the note links back to this very call
            back = [written.resolve(notes_name, h) for h in
                    li[0].xpath(".//x:a[@role='doc-backlink']/@href", namespaces=NS)]
            assert (name, a.get("id")) in back, (name, a.get("id"))
    assert calls_seen == 5  # note 1 of the essay is called twice
    for li in note_items:
        assert li.get("id") in called_notes
        backs = li.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
        assert backs
        for b in backs:
            assert b.get(EPUB_TYPE) == "backlink" and b.get("aria-label")
            target, frag = written.resolve(notes_name, b.get("href"))
            call = written.xhtml[target].xpath("//*[@id=$i]", i=frag)
            assert call and call[0].get(EPUB_TYPE) == "noteref"


def test_back_links_are_held_apart_from_the_note_text(written):
    """A note's back-links sit together in one span of their own at the end
    of its last paragraph (a note called twice: both links in it), never
    loose in the note's text."""
    notes = written.xhtml[written.name("kp-notes.xhtml")]
    items = notes.xpath("//x:li[@epub:type='endnote']", namespaces=NS)
    twice = 0
    for li in items:
        holders = li.xpath(".//x:span[@class='note-page']", namespaces=NS)
        assert len(holders) == 1
        backs = li.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
        assert [b.getparent() for b in backs] == [holders[0]] * len(backs)
        assert holders[0].getparent().getchildren()[-1] is holders[0]
        twice += len(backs) > 1
    assert twice == 1               # note 1 of the essay: two links, one holder


def test_notes_grouped_by_text_with_kind_labels(written):
    notes = written.xhtml[written.name("kp-notes.xhtml")]
    section = notes.xpath("//x:section[@epub:type='endnotes']", namespaces=NS)[0]
    assert section.get("role") == "doc-endnotes"
    groups = section.xpath("x:section/x:h2", namespaces=NS)
    assert ["".join(g.itertext()) for g in groups] == [
        "The Action of the Masses and the Individual",
        "Kropotkin to Alexander Berkman, November 20, 1908",
        "Reconciling Mutual Aid With Revolutionary Violence"]
    text = written.text(written.name("kp-notes.xhtml"))
    assert text.count("(Translator’s note)") == 2
    assert text.count("(Editor’s note)") == 1
    assert "(translator)" not in text


# ------------------------------------------------------------------ order
def _expected_order() -> list[str]:
    return ["kp-cover.xhtml", "kp-halftitle.xhtml", "kp-titlepage.xhtml", "kp-imprint.xhtml", "kp-toc.xhtml",
            "kp-introduction.xhtml", "part-writings.xhtml", "action-of-the-masses.xhtml",
            "letter-to-berkman.xhtml", "part-commentary.xhtml", "mutual-aid-and-violence.xhtml",
            "kp-notes.xhtml", "kp-sources.xhtml", "kp-authors.xhtml", "kp-colophon.xhtml"]


def test_spine_follows_book_order(written):
    assert written.spine() == _expected_order()


def test_nav_and_ncx_follow_book_order(written):
    toc = written.toc_hrefs()
    assert toc == ["kp-titlepage.xhtml", "kp-imprint.xhtml", "kp-introduction.xhtml",
                   "part-writings.xhtml", "action-of-the-masses.xhtml", "letter-to-berkman.xhtml",
                   "part-commentary.xhtml", "mutual-aid-and-violence.xhtml", "kp-notes.xhtml",
                   "kp-sources.xhtml", "kp-authors.xhtml", "kp-colophon.xhtml"]
    spine = written.spine()
    assert [spine.index(h) for h in toc] == sorted(spine.index(h) for h in toc)
    # parts nest their texts
    nav = written.nav()
    part_li = nav.xpath("//x:nav[@epub:type='toc']/x:ol/x:li[x:a/@href='part-writings.xhtml']",
                        namespaces=NS)[0]
    assert part_li.xpath("x:ol/x:li/x:a/@href", namespaces=NS) == [
        "action-of-the-masses.xhtml", "letter-to-berkman.xhtml"]
    landmarks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a", namespaces=NS)
    assert [(a.get(EPUB_TYPE), a.get("href")) for a in landmarks] == [
        ("toc", "kp-toc.xhtml"), ("bodymatter", "part-writings.xhtml"), ("endnotes", "kp-notes.xhtml")]
    ncx_name = written.name(written.manifest["ncx"].get("href"))
    ncx = etree.fromstring(written.files[ncx_name])
    assert ncx.xpath("//ncx:content/@src", namespaces=NS) == toc


def test_nav_names_a_texts_author_only_where_not_the_books(written):
    """Two texts by Kropotkin, one by Jana Novak: her name in her entry's
    link, his in neither of his (he is the book's author)."""
    nav = written.nav()
    authors = {a.get("href"): a.xpath("string(x:span[@class='toc-author'])", namespaces=NS)
               for a in nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)}
    assert authors["mutual-aid-and-violence.xhtml"] == "Jana Novak"
    assert authors["action-of-the-masses.xhtml"] == authors["letter-to-berkman.xhtml"] == ""
    assert [h for h, name in authors.items() if name] == ["mutual-aid-and-violence.xhtml"]


def test_book_author_is_the_author_of_most_texts(book):
    from kroppress.render import book_author, book_toc
    assert book_author(book) == "Pëtr Kropotkin"
    # no author of more than half the texts: each text names its own
    book.parts[0].entries[1].doc.metadata.authors = ["Emma Goldman"]
    assert book_author(book) == ""
    named = [c.author for item in book_toc(book) for c in item.children]
    assert len(named) == 3 and all(named)


# ------------------------------------------------------------------ reproducibility
def test_two_writes_are_byte_identical(tmp_path, book):
    a, b = tmp_path / "a.epub", tmp_path / "b.epub"
    write_epub(book, a, epoch=EPOCH)
    write_epub(book, b, epoch=dt.datetime(2025, 5, 1, tzinfo=dt.timezone.utc))
    assert a.read_bytes() == b.read_bytes()
    write_epub(book, b, epoch=EPOCH + 86400)
    assert a.read_bytes() != b.read_bytes()


def test_zip_layout_and_fixed_dates(written):
    first = written.infos[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert first.extra == b""
    assert written.files["mimetype"] == b"application/epub+zip"
    assert {i.date_time for i in written.infos} == {(2025, 5, 1, 0, 0, 0)}
    modified = written.opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS)
    assert modified == ["2025-05-01T00:00:00Z"]
    colophon = written.text(written.name("kp-colophon.xhtml"))
    assert "kroppress 0.1.0" in colophon and "1 May 2025" in colophon


def test_cover_is_deterministic_png(book):
    from io import BytesIO

    from PIL import Image
    png = cover_png(book.meta)
    assert png == cover_png(book.meta)
    with Image.open(BytesIO(png)) as img:
        assert img.size == (WIDTH, HEIGHT) == (1600, 2560)
        assert img.format == "PNG"


# ------------------------------------------------------------------ metadata
def test_package_metadata(written):
    opf = written.opf
    meta = lambda prop: opf.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)  # noqa: E731
    assert opf.xpath("//dc:identifier/text()", namespaces=NS) == [
        "urn:uuid:6f1c3c1e-2b7a-4c55-9d1e-0c3f2a8b9e10"]
    assert opf.xpath("//dc:language/text()", namespaces=NS) == ["en"]
    assert opf.xpath("//dc:creator/text()", namespaces=NS) == ["Ada Lovelace-Smith"]
    assert opf.xpath("//opf:meta[@refines='#editor-1'][@property='role']/text()", namespaces=NS) == ["edt"]
    assert opf.xpath("//dc:contributor/text()", namespaces=NS) == [
        "Pëtr Kropotkin", "Jana Novak", "Iain McKay"]
    assert opf.xpath("//dc:publisher/text()", namespaces=NS) == ["Kroppress Editions"]
    assert opf.xpath("//dc:date/text()", namespaces=NS) == ["2025-05-01"]
    assert opf.xpath("//dc:subject/text()", namespaces=NS) == ["Anarchism", "Political science"]
    assert opf.xpath("//dc:rights/text()", namespaces=NS)
    assert opf.xpath("//dc:description/text()", namespaces=NS)
    assert meta("schema:accessMode") == ["textual", "visual"]
    assert meta("schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"} <= set(
        meta("schema:accessibilityFeature"))
    assert meta("schema:accessibilityHazard") == ["none"]
    assert meta("schema:accessibilitySummary")
    assert meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert meta("a11y:certifiedBy")
    cover = opf.xpath("//opf:item[@properties='cover-image']", namespaces=NS)
    assert [c.get("media-type") for c in cover] == ["image/png"]
    cover_page = written.xhtml[written.name("kp-cover.xhtml")]
    alt = cover_page.xpath("//x:img/@alt", namespaces=NS)[0]
    assert "Mutual Aid and Revolt" in alt and "Ada Lovelace-Smith" in alt
    css = opf.xpath("//opf:item[@media-type='text/css']/@href", namespaces=NS)
    assert css == ["css/common.css", "css/epub.css"]


def test_stylesheets_leave_the_reader_in_charge():
    import re
    for name in ("common.css", "epub.css"):
        css = (ROOT / "styles" / name).read_text(encoding="utf-8")
        assert not re.search(r"font-size:\s*[\d.]+px", css), name
        assert "font-family" not in css, name
        body = re.search(r"(?ms)^body\s*\{(.*?)\}", css)
        if body:
            assert "color" not in body.group(1) and "background" not in body.group(1), name
        assert "!important" not in css, name


# ------------------------------------------------------------------ semantics
def test_sections_carry_matching_epub_types_and_roles(written):
    expect = {"kp-halftitle.xhtml": ("halftitlepage", None), "kp-titlepage.xhtml": ("titlepage", None),
              "kp-imprint.xhtml": ("imprint", None), "kp-introduction.xhtml": ("introduction", "doc-introduction"),
              "part-writings.xhtml": ("part", "doc-part"),
              "action-of-the-masses.xhtml": ("chapter", "doc-chapter"),
              "kp-notes.xhtml": ("endnotes", "doc-endnotes"), "kp-sources.xhtml": ("appendix", "doc-appendix"),
              "kp-authors.xhtml": ("appendix", "doc-appendix"), "kp-colophon.xhtml": ("colophon", "doc-colophon")}
    for name, (etype, role) in expect.items():
        top = written.xhtml[written.name(name)].find("x:body/x:section", NS)
        assert top.get(EPUB_TYPE) == etype and top.get("role") == role, name
        assert top.find("x:h1", NS) is not None or top.find("x:header/x:h1", NS) is not None, name
    nav = written.nav().find("x:body/x:nav", NS)
    assert nav.get(EPUB_TYPE) == "toc" and nav.get("role") == "doc-toc"


def test_text_markup(written):
    essay = written.xhtml[written.name("action-of-the-masses.xhtml")]
    headnote = essay.xpath("//x:section[contains(@class, 'headnote')]", namespaces=NS)[0]
    label_id = headnote.get("aria-labelledby")
    assert essay.xpath("//*[@id=$i]/text()", i=label_id) == ["Editor’s note"]
    assert headnote.get(EPUB_TYPE) == "introduction" and headnote.get("role") == "doc-introduction"
    assert essay.xpath("//x:header/x:h1/text()", namespaces=NS) == [
        "The Action of the Masses and the Individual"]
    assert essay.xpath("//x:p[@class='byline']/text()", namespaces=NS) == ["Pëtr Kropotkin"]
    assert essay.xpath("//x:p[@class='translator']/text()", namespaces=NS) == ["Translated by Iain McKay"]
    assert essay.xpath("//x:h2/text()", namespaces=NS) == ["The idea spreads"]
    assert essay.xpath("//x:sup[not(@class)]/text()", namespaces=NS) == ["st"]  # the ordinal
    assert essay.xpath("count(//x:hr[@class='scene-break'])", namespaces=NS) == 1
    assert essay.xpath("count(//x:blockquote/x:p)", namespaces=NS) == 1

    letter = written.xhtml[written.name("letter-to-berkman.xhtml")]
    classes = letter.xpath("//x:section[@epub:type='chapter']/x:p/@class", namespaces=NS)
    assert classes == ["dateline", "address", "salutation", "closing", "signature"]
    assert letter.xpath("count(//x:p[@class='address']/x:br)", namespaces=NS) == 2
    assert letter.xpath("//x:p[@class='signature']/@epub:type", namespaces=NS) == ["z3998:signature"]

    commentary = written.xhtml[written.name("mutual-aid-and-violence.xhtml")]
    assert commentary.xpath("//x:h2/text()", namespaces=NS) == ["Mutual aid"]
    assert commentary.xpath("//x:h3/text()", namespaces=NS) == ["Violence"]
    assert commentary.xpath("//x:p[@epub:type='subtitle']/@role", namespaces=NS) == ["doc-subtitle"]
    assert commentary.xpath("//x:a[not(@epub:type)]/@href", namespaces=NS) == [
        "https://en.wikipedia.org/wiki/Mutual_Aid:_A_Factor_of_Evolution", "mailto:editor@example.org"]


def test_sources_authors_and_colophon(written):
    sources = written.text(written.name("kp-sources.xhtml"))
    for needle in ("La Révolte, 1890", "The Anarchist Library",
                   "https://theanarchistlibrary.org/library/petr-kropotkin-the-action-of-the-masses",
                   "2 March 2024", "Public domain; translation CC0", "3 editorial corrections",
                   "CC BY 4.0"):
        assert needle in sources, needle
    authors = written.xhtml[written.name("kp-authors.xhtml")]
    # Kropotkin wrote two of the texts: one biography
    assert authors.xpath("//x:h2/text()", namespaces=NS) == ["Pëtr Kropotkin", "Jana Novak"]


# ------------------------------------------------------------------ exclusion
def test_excluding_a_text_removes_it_everywhere(tmp_path, make_book):
    path = tmp_path / "without.epub"
    write_epub(make_book(exclude=["letter-to-berkman"]), path, epoch=EPOCH)
    ep = Epub(path)
    assert "letter-to-berkman.xhtml" not in ep.spine()
    assert ep.name("letter-to-berkman.xhtml") not in ep.files
    assert "letter-to-berkman.xhtml" not in ep.toc_hrefs()
    everything = b"".join(ep.files[n] for n in ep.files if n.endswith((".xhtml", ".ncx", ".opf")))
    assert b"letter-to-berkman" not in everything
    assert b"Berkman" not in everything
    notes = ep.xhtml[ep.name("kp-notes.xhtml")]
    assert notes.xpath("//x:li/@id", namespaces=NS) == [
        "action-of-the-masses_note-1", "action-of-the-masses_note-2", "mutual-aid-and-violence_note-1"]
    # what is left is still consistent
    test_every_internal_link_resolves(ep)


def test_excluding_every_noted_text_drops_the_notes_section(make_book):
    docs = render_book(make_book(exclude=ENTRY_IDS), "epub")
    assert [d.id for d in docs] == ["kp-halftitle", "kp-titlepage", "kp-imprint", "kp-toc", "kp-introduction",
                                     "part-writings", "part-commentary", "kp-sources", "kp-colophon"]


# ------------------------------------------------------------------ hostile content
def test_hostile_content_is_escaped(hostile):
    name = hostile.name("action-of-the-masses.xhtml")
    root = hostile.xhtml[name]
    text = hostile.text(name)
    assert "<script>alert(1)</script>" in text          # shown as text ...
    assert not root.xpath("//x:script | //x:b | //x:img", namespaces=NS)  # ... never as markup
    assert "</section><script>evil()</script>" in text
    assert "Title <img src=x onerror=alert(1)>" in text
    for label in ("js link", "js link 2", "data link", "vb link", "spacey link"):
        assert label in text
        assert not root.xpath("//x:a[normalize-space(.)=$t]", t=label, namespaces=NS), label
    ok = root.xpath("//x:a[.='ok link']/@href", namespaces=NS)
    assert ok == ["https://example.org/ok?a=1&b=%222%22"]
    assert "\x0c" not in text and "\x00" not in text
    assert b"<script>" not in hostile.files[hostile.opf_path]


def test_a_table_is_a_table_with_head_and_body(hostile):
    root = hostile.xhtml[hostile.name("action-of-the-masses.xhtml")]
    table = root.xpath("//x:table[@class='table']", namespaces=NS)
    assert len(table) == 1
    assert table[0].xpath("x:thead/x:tr/x:th/text()", namespaces=NS) == ["Year", "<b>Coal</b> & lime"]
    rows = table[0].xpath("x:tbody/x:tr", namespaces=NS)
    assert [len(r.xpath("x:td", namespaces=NS)) for r in rows] == [2, 2]    # an empty cell stays a cell
    assert rows[0].xpath("x:td/x:em/text()", namespaces=NS) == ["10"]


def test_safe_href():
    assert safe_href("https://example.org/x?y=1#z") == "https://example.org/x?y=1#z"
    assert safe_href("mailto:a@example.org") == "mailto:a@example.org"
    for bad in ("javascript:alert(1)", " javascript:x", "JAVASCRIPT:x", "java\tscript:x",
                "data:text/html,x", "file:///etc/passwd", "ftp://x", "//evil.example/",
                "kp-notes.xhtml#x", "http://", "mailto:", ""):
        assert safe_href(bad) is None, bad


def test_dangling_note_call_is_plain_text(book):
    book.parts[0].entries[0].doc.blocks.append(
        Paragraph([Text("A call to nothing"), NoteRef(label="9", number=9, ref_id="x_noteref-9")]))
    docs = render_book(book, "epub")
    essay = next(d for d in docs if d.id == "action-of-the-masses")
    assert '<sup class="noteref-unlinked">9</sup>' in essay.html_body
    assert 'id="x_noteref-9"' not in essay.html_body


# ------------------------------------------------------------------ the print target
def test_print_target_is_one_consistent_document(book):
    html = render_print_html(book, stylesheets=["common.css", "print.css"],
                             built=dt.date(2025, 5, 1))
    root = etree.fromstring(html.encode("utf-8"))  # well-formed XHTML, so html5 parsers agree
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    hrefs = root.xpath("//x:a/@href", namespaces=NS)
    internal = [h for h in hrefs if not h.startswith(("http://", "https://", "mailto:"))]
    assert internal and all(h.startswith("#") for h in internal)
    assert all(h[1:] in ids for h in internal)
    assert not root.xpath("//x:nav[@epub:type='landmarks']", namespaces=NS)
    toc = root.xpath("//x:nav[@epub:type='toc']//x:a/@href", namespaces=NS)
    assert toc[0] == "#kp-introduction" and "#kp-titlepage" not in toc
    docs = render_book(book, "print")
    assert [d.matter for d in docs].count("front") == 5
    assert {d.kind for d in docs} >= {"halftitle", "titlepage", "imprint", "contents",
                                      "introduction", "part", "text", "endnotes", "sources",
                                      "authors", "colophon"}
    assert "EB Garamond" in next(d for d in docs if d.kind == "colophon").html_body


def test_render_rejects_clashing_ids(book):
    book.parts[1].entries[0].id = book.parts[0].entries[0].id
    with pytest.raises(ValueError, match="used twice"):
        render_book(book, "epub")


def test_a_text_id_like_a_section_of_the_book_renders(book):
    book.parts[1].entries[0].id = "notes"
    ids = [d.id for d in render_book(book, "epub")]
    assert "notes" in ids and "kp-notes" in ids and len(ids) == len(set(ids))


# ------------------------------------------------------------------ Ace by DAISY
def test_ace_reports_no_violations(written, tmp_path):
    out = tmp_path / "ace"
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "ace.sh"), str(written.path), str(out)],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode == 3:
        pytest.skip("Ace by DAISY not available: " + proc.stderr.strip().splitlines()[-1]
                    + " (scripts/ace.sh --install sets it up)")
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    violations = [(doc["earl:testSubject"]["url"], a["earl:test"]["dct:title"],
                   a["earl:test"]["earl:impact"])
                  for doc in report["assertions"] for a in doc.get("assertions", [])
                  if a["earl:result"]["earl:outcome"] == "fail"]
    assert violations == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    # every content document was checked
    checked = {doc["earl:testSubject"]["url"] for doc in report["assertions"]}
    assert {"kp-cover.xhtml", "kp-notes.xhtml", "action-of-the-masses.xhtml"} <= checked


def test_text_in_another_language_is_tagged(tmp_path, make_book):
    def french(book):
        book.parts[0].entries[0].doc.metadata.language = "fr"
    path = tmp_path / "fr.epub"
    write_epub(make_book(extra=french), path, epoch=EPOCH)
    ep = Epub(path)
    root = ep.xhtml[ep.name("action-of-the-masses.xhtml")]
    assert root.get("lang") == "en"
    section = root.find("x:body/x:section", NS)
    assert section.get("lang") == "fr" and section.get(XML_LANG) == "fr"
    headnote = section.find("x:section", NS)  # the editor writes in the book's language
    assert headnote.get("lang") == "en" and headnote.get(XML_LANG) == "en"


def test_ncx_depth(written):
    ncx = etree.fromstring(written.files[written.name(written.manifest["ncx"].get("href"))])
    assert ncx.xpath("//ncx:meta[@name='dtb:depth']/@content", namespaces=NS) == ["2"]


def test_cover_copes_with_long_and_missing_text():
    from kroppress.model import BookMeta
    long = BookMeta(title="A Very Long Title " * 8, subtitle="And an even longer subtitle " * 10,
                    editors=["First Editor", "Second Editor", "Third Editor"])
    assert cover_png(long)[:8] == b"\x89PNG\r\n\x1a\n"
    assert cover_png(BookMeta(title="X"))[:8] == b"\x89PNG\r\n\x1a\n"


def test_repeated_call_id_is_written_once(book):
    entry = book.parts[0].entries[0]
    entry.doc.blocks.append(Paragraph([Text("Again"), NoteRef(label="2", number=2,
                                                               ref_id=f"{entry.id}_noteref-2")]))
    body = next(d for d in render_book(book, "epub") if d.id == entry.id).html_body
    assert body.count(f'id="{entry.id}_noteref-2"') == 1
    assert body.count(f'href="kp-notes.xhtml#{entry.id}_note-2"') == 2


def test_sources_give_an_address_once_and_as_a_link():
    from kroppress.render import link_urls, mentions_url
    note = "September 28 from http://example.org/a/b/"
    assert mentions_url(note, "https://example.org/a/b")        # scheme and slash aside
    assert not mentions_url(note, "http://example.org/other")
    assert not mentions_url(None, "http://example.org")
    html = str(link_urls('from http://example.org/x?a=1&b=2. And <b>'))
    assert html == ('from <a class="url" href="http://example.org/x?a=1&amp;b=2">'
                    'http://example.org/x?a=1&amp;b=2</a>. And &lt;b&gt;')
    assert str(link_urls("javascript:alert(1) www.example.org")) == \
        "javascript:alert(1) www.example.org"                  # only http(s) becomes a link

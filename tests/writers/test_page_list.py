"""The print edition's page numbers inside the EPUB (issue 12).

Built together with the PDF, the EPUB marks where each printed page begins.
The proof is the PDF itself: for each page, the first words of its text
block (`pdftotext` cropped to the type area, so no running head or folio)
are the words right after that page's marker in the EPUB, in the single
and the chunked layout, for the shipped book and a generated 250-page one.
"""
from __future__ import annotations

import html
import random
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from kroppress.book.assemble import assemble
from kroppress.build.run import run_build
from kroppress.config import load_config
from kroppress.render.pagemap import PrintPages
from kroppress.writers.epub import write_epub
from kroppress.writers.pdf import write_pdf

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "anthology.toml"
EPOCH = 1700000000
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf"}
#: words compared per page
WORDS = 6


def _norm(text: str) -> str:
    """Letters only: a note call's figure sits beside its word in the EPUB
    but is set apart (raised, linked) in the PDF's text."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if c.isalpha())


def _type_area(box: list[float], media: list[float], profile) -> tuple[int, int, int, int]:
    """pdftotext's crop (x, y, W, H) of the type area inside the trim; margins
    mirror, so the narrower side is taken."""
    side = min(profile.margin_inner.pt, profile.margin_outer.pt)
    x = box[0] - media[0] + side - 2
    y = (media[3] - box[3]) + profile.margin_top.pt - 2
    w = (box[2] - box[0]) - 2 * side + 4
    h = (box[3] - box[1]) - profile.margin_top.pt - profile.margin_bottom.pt + 4
    return int(x), int(y), int(w), int(h)


def pdf_page_words(pdf: Path, profile) -> list[list[str]]:
    """The words of every page inside its type area, in page order. One
    pdftotext run per stretch of pages with the same crop (a run over pages
    a..b ends each page with a form feed), not one per page."""
    with pikepdf.open(pdf) as doc:
        crops = [_type_area([float(v) for v in page.trimbox],
                            [float(v) for v in page.mediabox], profile) for page in doc.pages]
    words: list[list[str]] = []
    start = 0
    while start < len(crops):
        end = start
        while end + 1 < len(crops) and crops[end + 1] == crops[start]:
            end += 1
        x, y, w, h = crops[start]
        out = subprocess.run(["pdftotext", "-f", str(start + 1), "-l", str(end + 1),
                              "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        pages = out.split("\f")
        assert len(pages) == end - start + 2 and not pages[-1].strip(), (start, end, len(pages))
        words += [page.split() for page in pages[:-1]]
        start = end + 1
    return words


def pdf_first_words(pdf: Path, page: int, profile) -> list[str]:
    """The first words of page `page` (1-based) inside the type area."""
    with pikepdf.open(pdf) as doc:
        crop = _type_area([float(v) for v in doc.pages[page - 1].trimbox],
                          [float(v) for v in doc.pages[page - 1].mediabox], profile)
    x, y, w, h = crop
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", str(x),
                          "-y", str(y), "-W", str(w), "-H", str(h), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split()


def pdf_margin_texts(pdf: Path) -> list[str]:
    """All the text of every page (its folio among it), in page order."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")[:-1]


class Epub:
    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path)
        self.names = self.zip.namelist()

    def read(self, name: str) -> str:
        return self.zip.read(name).decode("utf-8")

    def page_list(self) -> list[tuple[str, str]]:
        nav = etree.fromstring(self.zip.read("EPUB/kp-toc.xhtml"))
        lists = nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
        assert len(lists) == 1
        return [(a.text, a.get("href")) for a in lists[0].xpath(".//x:a", namespaces=NS)]

    def words_after(self, href: str) -> list[str]:
        """The words that follow the marker `href` points to, in reading order."""
        name, frag = href.split("#")
        text = self.read("EPUB/" + name)
        m = re.search(rf'<span [^>]*id="{re.escape(frag)}"[^>]*/>', text)
        assert m, href
        assert 'epub:type="pagebreak"' in m.group() and 'role="doc-pagebreak"' in m.group()
        rest = text[m.end():]
        rest = re.sub(r'<span [^>]*epub:type="pagebreak"[^>]*/>', " ", rest)
        # block ends separate words; inline tags do not
        rest = re.sub(r"</?(p|h\d|li|div|section|nav|blockquote|br|tr|td|dt|dd)\b[^>]*>", " ", rest)
        rest = re.sub(r"<[^>]+>", "", rest)
        return html.unescape(rest).split()[:WORDS * 3]

    def opf(self) -> str:
        return self.read("EPUB/content.opf")


def agree(pdf_words: list[str], epub_words: list[str]) -> bool:
    """The page's words are the marker's: the first PDF word may be the end
    of a word broken across the pages (the marker stands before the word)."""
    # figures alone (a raised note call, which the PDF's text may put first)
    pdf_words = [w for w in pdf_words if _norm(w)]
    epub_words = [w for w in epub_words if _norm(w)]
    if not pdf_words or not epub_words:
        return False
    # compared without the spaces: pdftotext may split a word of small
    # capitals ("e ditor’s") where the EPUB has one
    page = _norm("".join(pdf_words[:WORDS]))
    head = _norm(epub_words[0])
    full = head + _norm("".join(epub_words[1:]))
    return any(full[k:].startswith(page) for k in range(len(head)))


def check_pages(pdf: Path, epub: Path, profile, sample: int | None = None) -> int:
    """Every page with text has its marker, in order, starting with its
    words; a printed folio is the marker's label. Returns pages checked."""
    book = Epub(epub)
    entries = book.page_list()
    every = pdf_page_words(pdf, profile)
    margins = pdf_margin_texts(pdf)
    assert len(margins) == len(every)
    pages = [p for p in range(1, len(every) + 1) if every[p - 1]]
    assert len(entries) == len(pages), (len(entries), len(pages))
    pairs = list(zip(pages, entries))
    if sample is not None and len(pairs) > sample:
        pairs = random.Random(12).sample(pairs, sample)
    for page, (label, href) in pairs:
        words = every[page - 1]
        after = book.words_after(href)
        if href.startswith("kp-toc.xhtml#"):
            # the contents differ by design (the EPUB's also list its title
            # page and imprint files): only the heading is compared there
            words, after = words[:1], after[:1]
        assert agree(words, after), (page, label, words[:WORDS], after[:WORDS])
        folios = re.findall(r"^\s*([0-9]+|[ivxlcdm]+)\s*$", margins[page - 1], re.M)
        if folios:
            assert label in folios, (page, label, folios)
    return len(pairs)


def test_the_batched_page_text_is_the_page_by_page_text(built, shipped):
    """The one-run-per-stretch reading above gives each page's own words and
    text (the proof of the helper the page checks stand on), blank pages too."""
    config, _ = shipped
    profile = config.print_profile(None)
    every, margins = pdf_page_words(built["pdf"], profile), pdf_margin_texts(built["pdf"])
    assert any(not words for words in every) and sum(map(bool, every)) > 40
    for page in (1, 2, 3, len(every) // 2, len(every)):
        assert every[page - 1] == pdf_first_words(built["pdf"], page, profile), page
        alone = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(built["pdf"]), "-"],
                               capture_output=True, text=True, check=True).stdout
        assert margins[page - 1].split() == alone.split(), page
    assert every[0] != every[-1]


# ------------------------------------------------------------------ the shipped book
@pytest.fixture(scope="module")
def shipped():
    config = load_config(CONFIG)
    return config, assemble(config, None, (), (), warnings=[])


@pytest.fixture(scope="module")
def built(shipped_all_kepub, shipped_epub):
    """`build --format all,kepub` of the shipped book (chunked layout: it is
    long enough), and `--format epub` alone (both shared: tests/conftest.py)."""
    epub, kepub, pdf = shipped_all_kepub
    return {"epub": epub, "kepub": kepub, "pdf": pdf, "alone": shipped_epub[0]}


def test_every_page_of_the_built_pdf_begins_at_its_marker_in_the_epub(built, shipped):
    config, _ = shipped
    assert check_pages(built["pdf"], built["epub"], config.print_profile(None)) > 40


def test_the_single_layout_marks_the_same_words(shipped, tmp_path):
    config, book = shipped
    profile = config.print_profile(None)
    starts: list = []
    pdf = write_pdf(book, tmp_path / "single.pdf", epoch=EPOCH, profile=profile, layout="single",
                    page_starts=starts)
    pages = PrintPages(tuple(s for s in starts if s), "urn:test")
    epub = write_epub(book, tmp_path / "single.epub", epoch=EPOCH, pages=pages)
    assert check_pages(pdf, epub, profile) > 40


def test_the_front_matter_is_numbered_in_roman_as_printed_and_blanks_have_no_marker(built):
    labels = [label for label, _ in Epub(built["epub"]).page_list()]
    assert labels[0] == "i"                      # the half-title: counted, not printed
    front = labels[:labels.index("1")]
    assert front and all(re.fullmatch(r"[ivxlcdm]+", lab) for lab in front)
    # blank versos (ii after the half-title, vi after the contents) are left out
    assert "ii" not in labels
    numbers = [int(lab) for lab in labels[len(front):]]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_the_package_names_the_print_edition_and_the_feature(built, shipped):
    config, book = shipped
    opf = Epub(built["epub"]).opf()
    assert f'<meta property="pageBreakSource">{book.meta.identifier}</meta>' in opf
    assert "<meta property=\"schema:accessibilityFeature\">printPageNumbers</meta>" in opf


def test_an_epub_built_alone_has_no_page_list(built):
    book = Epub(built["alone"])
    every = "".join(book.read(n) for n in book.names if n.endswith((".xhtml", ".opf")))
    assert "pagebreak" not in every and "page-list" not in every and "pageBreakSource" not in every


def test_a_profile_named_as_page_source_is_named_in_the_package(shipped, tmp_path):
    config, book = shipped
    (epub,) = run_build(CONFIG, formats="epub", page_source="press", out_dir=tmp_path)
    opf = Epub(epub).opf()
    assert f"{book.meta.identifier} (press print profile)</meta>" in opf
    assert not list(tmp_path.glob("*.pdf")), "the page source's PDF is laid out, not kept"
    assert Epub(epub).page_list()


def test_page_source_none_and_an_unknown_profile(tmp_path):
    paths = run_build(CONFIG, formats="all", page_source="none", out_dir=tmp_path)
    assert "pagebreak" not in Epub(paths[0]).read("EPUB/kp-toc.xhtml")
    proc = subprocess.run([str(ROOT / ".venv/bin/kroppress"), "build", "--config", str(CONFIG),
                           "--format", "epub", "--page-source", "nosuch", "--out",
                           str(tmp_path / "x")], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "--page-source 'nosuch'" in proc.stderr
    assert not (tmp_path / "x").exists()


def test_rebuilds_are_byte_identical_and_a_no_op_rebuild_rewrites_nothing(built, tmp_path):
    again = run_build(CONFIG, formats="all,kepub", out_dir=tmp_path)
    assert [p.read_bytes() for p in again] == \
        [built[k].read_bytes() for k in ("epub", "kepub", "pdf")]
    stamps = [p.stat().st_mtime_ns for p in again]
    run_build(CONFIG, formats="all,kepub", out_dir=tmp_path)
    assert [p.stat().st_mtime_ns for p in again] == stamps


def test_the_pdf_is_the_same_with_or_without_the_page_list(built, tmp_path):
    (pdf,) = run_build(CONFIG, formats="pdf", out_dir=tmp_path)
    assert pdf.read_bytes() == built["pdf"].read_bytes()


def test_the_kepub_keeps_the_markers_outside_its_sentence_spans(built):
    epub, kepub = Epub(built["epub"]), Epub(built["kepub"])
    assert kepub.page_list() == epub.page_list()
    for label, href in kepub.page_list():
        name, frag = href.split("#")
        text = kepub.read("EPUB/" + name)
        assert text.count(f'id="{frag}"') == 1
        # a marker is never cut into a koboSpan's sentence
        assert not re.search(rf'<span class="koboSpan"[^>]*>[^<]*<span [^>]*id="{frag}"', text)
        assert agree(epub.words_after(href)[:WORDS], kepub.words_after(href)[:WORDS])


def test_epubcheck_and_ace_pass_with_the_page_list(built, tmp_path):
    from shared import epubcheck
    problems = [f"{name} {m.level} {m.id} {m.message} {m.location}"
                for name, messages in zip(("epub", "kepub"), epubcheck(built["epub"], built["kepub"]))
                for m in messages
                if m.level in ("FATAL", "ERROR", "WARNING")]
    assert problems == []
    out = tmp_path / "ace"
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "ace.sh"), str(built["epub"]), str(out)],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode == 3:
        pytest.skip("Ace by DAISY not available: " + proc.stderr.strip().splitlines()[-1])
    assert proc.returncode == 0, proc.stderr
    import json
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    fails = [(a["earl:test"]["dct:title"], a["earl:result"].get("dct:description"))
             for d in report["assertions"] for a in d.get("assertions", [])
             if a["earl:result"]["earl:outcome"] == "fail"]
    assert fails == []

"""The Kobo kepub (`--format kepub`): the shipped book and the hand-made one.

EPUBCheck runs once on the shipped book's kepub (about 5 s).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from rich.console import Console

from kroppress.build.run import output_paths, parse_formats, run_build
from kroppress.config import load_config
from kroppress.model import Paragraph, Text
from kroppress.writers.epub import write_epub
from kroppress.writers.kepub import epub_to_kepub, sentences

ROOT = Path(__file__).resolve().parents[2]
EPOCH = 1746057600
X = "http://www.w3.org/1999/xhtml"
NS = {"x": X, "epub": "http://www.idpf.org/2007/ops"}
KOBO_ID = re.compile(r"kobo\.(\d+)\.(\d+)")


def _xhtml(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as zf:
        return {n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith(".xhtml")}


def _is_nav(root) -> bool:
    return bool(root.xpath("//x:nav[@epub:type='toc']", namespaces=NS))


def _texts(el):
    """(text, the element it sits in) for every text node under `el`."""
    for node in el.iter():
        if node is not el and node.tail:
            yield node.tail, node.getparent()
        if isinstance(node.tag, str) and node.text:
            yield node.text, node


def _is_kobo(el) -> bool:
    return el.tag == f"{{{X}}}span" and el.get("class") == "koboSpan"


@pytest.fixture(scope="module")
def shipped(shipped_epub_kepub):
    paths = shipped_epub_kepub
    assert [p.name for p in paths] == ["where-the-masses-are.epub",
                                       "where-the-masses-are.kepub.epub"]
    return paths[0], paths[1]


@pytest.fixture(scope="module")
def docs(shipped):
    epub, kepub = shipped
    return _xhtml(epub), _xhtml(kepub)


# ------------------------------------------------------------------ formats and names
def test_kepub_is_a_format_and_all_stays_epub_and_pdf():
    assert parse_formats("kepub") == ["kepub"]
    assert parse_formats("pdf,kepub,epub") == ["epub", "kepub", "pdf"]
    assert parse_formats("all") == ["epub", "pdf"]
    config = load_config(ROOT / "anthology.toml")
    assert output_paths(config, ["kepub"], Path("d"))["kepub"] == Path("d/where-the-masses-are.kepub.epub")


def test_cli_accepts_kepub_and_names_it_in_the_error(tmp_path):
    from typer.testing import CliRunner

    from kroppress.cli import app
    runner = CliRunner()
    bad = runner.invoke(app, ["build", "--config", str(ROOT / "anthology.toml"), "--format", "mobi",
                              "--out", str(tmp_path)])
    assert bad.exit_code == 2 and "kepub" in bad.output
    ok = runner.invoke(app, ["build", "--config", str(ROOT / "anthology.toml"), "--format", "kepub",
                             "--out", str(tmp_path)])
    assert ok.exit_code == 0, ok.output
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "where-the-masses-are.kepub.epub"]


# ------------------------------------------------------------------ spans
def test_sentences_cut_after_each_end_and_lose_nothing():
    text = "He said: “No.” Then he left! Did he? Yes… and "
    pieces = sentences(text)
    assert "".join(pieces) == text
    assert pieces == ["He said: ", "“No.” ", "Then he left! ", "Did he? ", "Yes… and "]
    assert sentences("no end here") == ["no end here"]


def test_every_word_of_every_text_block_is_in_a_kobospan(docs):
    _, kepub = docs
    checked = 0
    for name, root in kepub.items():
        if _is_nav(root):
            continue
        body = root.find(f"{{{X}}}body")
        for text, holder in _texts(body):
            if text.strip():
                assert _is_kobo(holder), f"{name}: {text!r} outside a koboSpan (in <{holder.tag}>)"
                checked += 1
    assert checked > 500


def test_words_are_kept_in_order(docs):
    epub, kepub = docs
    for name, root in epub.items():
        before = "".join(root.find(f"{{{X}}}body").itertext()).split()
        after = "".join(kepub[name].find(f"{{{X}}}body").itertext()).split()
        assert after == before, name


def test_kobo_ids_unique_and_numbered_by_paragraph(docs):
    _, kepub = docs
    for name, root in kepub.items():
        ids = root.xpath("//@id")
        assert len(ids) == len(set(ids)), name
        spans = root.xpath("//x:span[@class='koboSpan']", namespaces=NS)
        for span in spans:
            assert KOBO_ID.fullmatch(span.get("id")), span.get("id")
        # all the spans of one <p> share its paragraph number; no two <p> share one
        seen: dict[str, int] = {}
        for i, p in enumerate(root.xpath("//x:p", namespaces=NS)):
            paras = {KOBO_ID.fullmatch(s.get("id")).group(1)
                     for s in p.xpath(".//x:span[@class='koboSpan']", namespaces=NS)}
            assert len(paras) <= 1, (name, paras)
            for para in paras:
                assert seen.setdefault(para, i) == i, (name, para)
            # sentence numbers count 1, 2, 3 … inside the paragraph
            segs = [int(KOBO_ID.fullmatch(s.get("id")).group(2))
                    for s in p.xpath(".//x:span[@class='koboSpan']", namespaces=NS)]
            assert segs == list(range(1, len(segs) + 1)), (name, segs)


def test_note_calls_keep_their_links(docs):
    epub, kepub = docs
    calls = 0
    for name, root in epub.items():
        for a in root.xpath("//x:a[@epub:type='noteref']", namespaces=NS):
            twin = kepub[name].xpath(f"//x:a[@id='{a.get('id')}']", namespaces=NS)
            assert len(twin) == 1 and twin[0].get("href") == a.get("href"), name
            # the number is a koboSpan inside the link, not a link cut in two
            assert [_is_kobo(c) for c in twin[0]] == [True]
            assert "".join(twin[0].itertext()) == "".join(a.itertext())
            calls += 1
    assert calls >= 10


def test_body_wrapped_in_kobo_divs_and_nav_left_without_spans(docs):
    _, kepub = docs
    for name, root in kepub.items():
        body = root.find(f"{{{X}}}body")
        if _is_nav(root):
            assert not root.xpath("//x:span[@class='koboSpan']", namespaces=NS), name
            continue
        assert [c.get("id") for c in body] == ["book-columns"], name
        assert [c.get("id") for c in body[0]] == ["book-inner"], name
        assert root.xpath("//x:head/x:style[@class='kobostylehacks']", namespaces=NS), name


def test_cover_image_in_its_own_span(docs):
    _, kepub = docs
    img = kepub["EPUB/kp-cover.xhtml"].xpath("//x:img", namespaces=NS)[0]
    assert _is_kobo(img.getparent())


def test_soft_hyphens_removed(tmp_path):
    from conftest import build_book

    def inject(book):
        book.parts[0].entries[0].doc.blocks.append(
            Paragraph([Text("An ex\u00adtra\u00adordinary para\u00adgraph.")]))
    epub = write_epub(build_book(extra=inject), tmp_path / "b.epub", epoch=EPOCH)
    kepub = epub_to_kepub(epub, tmp_path / "b.kepub.epub")
    with zipfile.ZipFile(epub) as zf:
        assert any("\u00ad" in zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))
    with zipfile.ZipFile(kepub) as zf:
        joined = "".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".xhtml"))
    assert "\u00ad" not in joined and "An extraordinary paragraph." in joined


# ------------------------------------------------------------------ validity
# Messages EPUBCheck may give a kepub that an EPUB does not get: none so far.
# The koboSpans, the two divs and the <style> are plain XHTML, so EPUBCheck
# sees an ordinary EPUB 3; an id it disliked would show up here.
KEPUB_ONLY: set[str] = set()


def test_epubcheck_kepub(shipped):
    from shared import epubcheck
    [messages] = epubcheck(shipped[1])
    problems = [m for m in messages if m.level in ("FATAL", "ERROR", "WARNING")
                and m.id not in KEPUB_ONLY]
    assert problems == [], "\n".join(map(str, problems))


def test_epubcheck_kepub_of_the_hostile_book(tmp_path):
    """Markup-like text, control characters and refused links (test_epub's
    hostile book) stay valid XHTML once cut into koboSpans."""
    from shared import epubcheck
    from test_epub import _hostile_book
    epub = write_epub(_hostile_book(), tmp_path / "h.epub", epoch=EPOCH)
    kepub = epub_to_kepub(epub, tmp_path / "h.kepub.epub")
    problems = [m for m in epubcheck(kepub)[0]
                if m.level in ("FATAL", "ERROR", "WARNING") and m.id not in KEPUB_ONLY]
    assert problems == [], "\n".join(map(str, problems))
    assert "&lt;script&gt;" in zipfile.ZipFile(kepub).read("EPUB/action-of-the-masses.xhtml").decode()


def test_zip_layout_like_the_epub(shipped):
    epub, kepub = shipped
    with zipfile.ZipFile(epub) as a, zipfile.ZipFile(kepub) as b:
        assert [i.filename for i in b.infolist()] == [i.filename for i in a.infolist()]
        assert b.infolist()[0].compress_type == zipfile.ZIP_STORED
        assert [i.date_time for i in b.infolist()] == [i.date_time for i in a.infolist()]
        for i in a.infolist():
            if not i.filename.endswith(".xhtml"):
                assert b.read(i.filename) == a.read(i.filename), i.filename


# ------------------------------------------------------------------ trust
def test_byte_identical_rebuild_with_or_without_the_epub(tmp_path, shipped, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one = run_build(ROOT / "anthology.toml", "kepub", out_dir=tmp_path / "a")[0]
    two = run_build(ROOT / "anthology.toml", "epub,kepub", out_dir=tmp_path / "b")[1]
    assert one.read_bytes() == two.read_bytes()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    three = run_build(ROOT / "anthology.toml", "kepub", out_dir=tmp_path / "c")[0]
    assert three.read_bytes() == shipped[1].read_bytes()
    assert three.read_bytes() != one.read_bytes()        # the epoch is in the bytes


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()
            if not p.name.startswith(".")}


def test_noop_rebuild_rewrites_nothing_and_a_damaged_kepub_is_rebuilt(tmp_path):
    out = tmp_path / "dist"
    run_build(ROOT / "anthology.toml", "epub,kepub", out_dir=out)
    before = _stamps(out)
    console = Console(file=io.StringIO(), width=200)
    run_build(ROOT / "anthology.toml", "epub,kepub", out_dir=out, console=console)
    assert _stamps(out) == before
    assert "up to date" in console.file.getvalue()
    kepub = out / "where-the-masses-are.kepub.epub"
    good = kepub.read_bytes()
    kepub.write_bytes(b"damaged")
    run_build(ROOT / "anthology.toml", "epub,kepub", out_dir=out)
    assert kepub.read_bytes() == good
    assert _stamps(out)["where-the-masses-are.epub"] == before["where-the-masses-are.epub"]


# ------------------------------------------------------------------ in a browser


def test_kepub_opens_in_chromium_like_the_epub(shipped, docs, browser, tmp_path):
    """Every content document parses as XHTML in Chromium (no <parsererror>),
    with all its koboSpans, and shows the same text as the EPUB's."""
    epub, kepub = shipped
    for label, path in (("epub", epub), ("kepub", kepub)):
        with zipfile.ZipFile(path) as zf:
            zf.extractall(tmp_path / label)
    page = browser.new_page()
    try:
        for name, root in docs[1].items():
            shown = {}
            for label in ("epub", "kepub"):
                page.goto((tmp_path / label / name).as_uri())
                assert page.evaluate("document.getElementsByTagName('parsererror').length") == 0, name
                shown[label] = " ".join(page.evaluate("document.body.innerText").split())
                if label == "kepub":
                    spans = page.evaluate("document.querySelectorAll('span.koboSpan').length")
                    assert spans == len(root.xpath("//x:span[@class='koboSpan']", namespaces=NS))
            assert shown["kepub"] == shown["epub"], name
    finally:
        page.close()

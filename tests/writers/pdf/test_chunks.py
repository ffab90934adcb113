"""A long book laid out in chunks, in parallel, and joined (writers/pdf/chunks/).

The shipped anthology is long enough to be split, so every test of
test_pdf.py that builds it through `run_build` already reads a joined file.
Here the joined book is compared with the single layout of the same book,
page by page: text, folios, running heads, named destinations, links and
bookmarks must all be the same. Then: the number of processes never changes
the bytes, and a chunk kept from an earlier build gives the bytes of a clean
build.
"""
from __future__ import annotations

import collections
import dataclasses
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import pdfplumber
import pikepdf
from pypdf import PdfReader
import weasyprint  # noqa: F401 - a dependency: a broken install fails here

from kroppress.book.assemble import assemble
from kroppress.build.run import run_build
from kroppress.config import load_config
from kroppress.writers.pdf.chunks import layout, plan
from kroppress.writers.pdf import print_tree, tagged, write_pdf

ROOT = Path(__file__).resolve().parents[3]
EPOCH = 1746057600


@pytest.fixture(scope="module")
def shipped():
    config = load_config(ROOT / "anthology.toml")
    return config, assemble(config, None, (), (), warnings=[])


@pytest.fixture(scope="module")
def pdfs(shipped, tmp_path_factory):
    """The shipped book with the press profile's pages (bleed, marks, blank
    pages to a multiple of 4) but not PDF/X, whose file carries no links:
    single layout, chunks in one process, chunks in two."""
    config, book = shipped
    press = dataclasses.replace(config.print_profile("press"), pdf_variant=None)
    out = tmp_path_factory.mktemp("chunks")
    return {name: write_pdf(book, out / f"{name}.pdf", epoch=EPOCH, profile=press,
                            layout=layout, jobs=jobs)
            for name, layout, jobs in (("single", "single", 1), ("one", "chunks", 1),
                                       ("two", "chunks", 2))}


def structure(path: Path) -> dict:
    """What a reader of the PDF meets: text per page, destinations (page
    index), links (page index, destination), bookmarks (title, page index)."""
    with pikepdf.open(path) as pdf:
        index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        dests = {name: index[dest[0].objgen]
                 for name, dest in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
        links = collections.Counter(
            (i, str(annot.Dest)) for i, page in enumerate(pdf.pages)
            for annot in page.obj.get("/Annots", []) if "/Dest" in annot)
        uris = [str(annot.A.URI) for page in pdf.pages for annot in page.obj.get("/Annots", [])
                if "/A" in annot]

        def walk(item):
            out = []
            while item is not None:
                out.append((str(item.Title), index[item.Dest[0].objgen],
                            walk(item.get("/First"))))
                item = item.get("/Next")
            return out
        outline = walk(pdf.Root.Outlines.First)
        boxes = [(list(p.obj.MediaBox), list(p.obj.get("/TrimBox", []))) for p in pdf.pages]
    with pdfplumber.open(path) as plumber:
        text = [page.extract_text() or "" for page in plumber.pages]
    # the page labels (the folios), the blank versos the join adds included
    labels = list(PdfReader(path).page_labels)
    return dict(text=text, dests=dests, links=links, uris=uris, outline=outline, boxes=boxes,
                labels=labels)


def test_the_shipped_book_is_long_enough_to_be_split(shipped):
    config, book = shipped
    root = print_tree(book, config.print_profile("press"))
    assert plan.worth_splitting(root)
    assert len([c for c in plan.plan(root) if not c.front]) >= 3


def test_chunks_start_only_at_recto_openings(shipped):
    config, book = shipped
    front, *rest = plan.plan(print_tree(book, config.print_profile(None)))
    assert front.front and [s.get("id") for s in front.sections] == \
        ["kp-halftitle", "kp-titlepage", "kp-imprint", "kp-toc", "kp-introduction"]
    for chunk in rest:
        first = chunk.sections[0]
        assert plan._opens_recto(first), first.get("id")
        last = chunk.sections[-1]
        assert "part" not in (last.get("class") or "").split(), "a part page ends a chunk"
    notes = next(c for c in rest if c.sections[0].get("id") == "kp-notes")
    assert [s.get("id") for s in notes.sections] == ["kp-notes"]
    # the back matter is a chunk of its own, laid out beside the notes
    assert [s.get("id") for s in rest[-1].sections] == ["kp-sources", "kp-authors", "kp-colophon"]
    # the notes show the pages of the calls in the texts; the contents, of everything
    calls = {a.get("href")[1:] for a in notes.sections[0].iter("a")
             if "backlink" in (a.get("class") or "").split()}
    assert calls
    assert notes.needs == {c.index for c in rest if calls & c.ids} - {notes.index}
    assert front.needs == {c.index for c in rest}


def test_a_small_text_joins_the_next_chunk():
    def section(cls, sid, chars):
        return f'<section class="{cls}" id="{sid}"><p>{"x" * chars}</p></section>'
    body = (section("", "kp-halftitle", 10) + section("", "kp-toc", 10)
            + section("part", "p1", 100) + section("text", "a", 2_000)
            + section("text", "b", plan.MIN_CHUNK_CHARS) + section("text", "c", 30_000)
            + section("", "kp-notes", 100) + section("", "kp-colophon", 100))
    root = ET.fromstring(f"<html><head></head><body>{body}</body></html>")
    assert [[s.get("id") for s in c.sections] for c in plan.plan(root)] == \
        [["kp-halftitle", "kp-toc"], ["p1", "a", "b"], ["c"], ["kp-notes", "kp-colophon"]]


def test_the_joined_book_reads_as_the_single_layout(pdfs):
    single, joined = structure(pdfs["single"]), structure(pdfs["one"])
    assert len(joined["text"]) == len(single["text"]) > 40
    for i, (a, b) in enumerate(zip(single["text"], joined["text"]), 1):
        assert a == b, f"page {i} differs"
    assert joined["dests"] == single["dests"]
    assert joined["links"] == single["links"] and sum(single["links"].values()) > 30
    assert not [u for u in joined["uris"] if u.startswith(plan.ANCHOR_SCHEME)]
    assert joined["uris"] == single["uris"]
    assert joined["outline"] == single["outline"]
    assert joined["boxes"] == single["boxes"]
    assert joined["labels"] == single["labels"] and single["labels"][0] == "i"


def test_the_joined_book_keeps_the_metadata(pdfs):
    with pikepdf.open(pdfs["single"]) as a, pikepdf.open(pdfs["one"]) as b:
        for key in ("/Title", "/Author", "/Subject", "/Keywords", "/CreationDate",
                    "/ModDate", "/Creator"):
            assert str(a.docinfo[key]) == str(b.docinfo[key]), key
        assert str(b.Root.Lang) == "en"
        assert len(b.pages) % 4 == 0          # press rounds the pages up to 4


def test_processes_do_not_change_the_bytes(pdfs):
    assert pdfs["one"].read_bytes() == pdfs["two"].read_bytes()


def test_tagged_pdfs_keep_the_single_layout(shipped, tmp_path):
    config, book = shipped
    screen = config.print_profile("screen")
    assert tagged(screen)
    with pytest.raises(ValueError, match="tagged"):
        write_pdf(book, tmp_path / "s.pdf", epoch=EPOCH, profile=screen, layout="chunks")


def test_a_changed_text_lays_out_only_what_depends_on_it(tmp_path, monkeypatch):
    project = tmp_path / "p"
    project.mkdir()
    for name in ("seeds", "editorial"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "anthology.toml", project)
    config = project / "anthology.toml"
    laid_out: list[str] = []
    original = layout.render_task

    def counting(task):
        laid_out.append(task.html)
        return original(task)
    # looked up where lay_out submits it
    monkeypatch.setattr(layout, "render_task", counting)

    [first] = run_build(config, "pdf", out_dir=project / "dist", jobs=1)
    total = len(laid_out)
    assert total >= 5
    # one sentence longer in the last text
    source = project / "seeds" / "003_313c5c03497de804.txt"
    text = source.read_text(encoding="utf-8")
    cut = text.index(". ", len(text) // 2)
    source.write_text(text[:cut] + ", as every reader of Kropotkin knows" + text[cut:],
                      encoding="utf-8")
    laid_out.clear()
    [again] = run_build(config, "pdf", out_dir=project / "dist", jobs=1)
    assert 1 <= len(laid_out) < total
    assert any("as every reader of Kropotkin knows" in html for html in laid_out)
    # the texts before the changed one are taken from the cache
    assert not any('id="action-of-the-masses"' in html for html in laid_out)
    assert not any('id="russian-revolution"' in html for html in laid_out)
    # and the file is the one a clean build writes
    monkeypatch.undo()
    [clean] = run_build(config, "pdf", out_dir=project / "clean", jobs=2)
    assert again.read_bytes() == clean.read_bytes()

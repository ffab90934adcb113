"""The shipped anthology as an EPUB: valid (EPUBCheck, Ace), complete, and
ordered by the config; every single-text edition valid too."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from kroppress.build.run import run_build

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "anthology.toml"
IDS = ["action-of-the-masses", "letter-to-berkman", "russian-revolution", "mutual-aid-and-violence"]
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "ncx": "http://www.daisy.org/z3986/2005/ncx/"}


class Epub:
    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path)
        self.opf = etree.fromstring(self.zip.read("EPUB/content.opf"))

    def xhtml(self, name: str):
        return etree.fromstring(self.zip.read(f"EPUB/{name}"))

    def spine(self) -> list[str]:
        items = {i.get("id"): i.get("href") for i in self.opf.xpath("//opf:manifest/opf:item", namespaces=NS)}
        return [items[r.get("idref")] for r in self.opf.xpath("//opf:spine/opf:itemref", namespaces=NS)]

    def text_order(self) -> list[str]:
        return [h[:-6] for h in self.spine() if h[:-6] in IDS]

    def toc_order(self) -> list[str]:
        hrefs = self.xhtml("kp-toc.xhtml").xpath("//x:nav[@epub:type='toc']//x:a/@href", namespaces=NS)
        return [h.split(".xhtml")[0] for h in hrefs if h.split(".xhtml")[0] in IDS]

    def note_groups(self) -> list[str]:
        if "EPUB/kp-notes.xhtml" not in self.zip.namelist():
            return []
        ids = self.xhtml("kp-notes.xhtml").xpath("//x:li[@epub:type='endnote']/@id", namespaces=NS)
        return list(dict.fromkeys(i.split("_note-")[0] for i in ids))

    def source_order(self) -> list[str]:
        ids = self.xhtml("kp-sources.xhtml").xpath("//x:section[@class='source']/@id", namespaces=NS)
        return [i[len("kp-sources_"):] for i in ids]

    def ncx_order(self) -> list[str]:
        srcs = etree.fromstring(self.zip.read("EPUB/toc.ncx")).xpath("//ncx:content/@src", namespaces=NS)
        return [s.split(".xhtml")[0] for s in srcs if s.split(".xhtml")[0] in IDS]

    def all_text(self) -> str:
        return " ".join(self.zip.read(n).decode() for n in self.zip.namelist() if n.endswith(".xhtml"))


def _problems(messages: list) -> list:
    return [f"{m.level} {m.id} {m.message} {m.location}" for m in messages
            if m.level in ("FATAL", "ERROR", "WARNING")]


@pytest.fixture(scope="module")
def books(tmp_path_factory, shipped_epub) -> dict[str, Epub]:
    out = tmp_path_factory.mktemp("books")
    built = {"all": shipped_epub[0],
             "kropotkin-only": run_build(CONFIG, formats="epub", edition="kropotkin-only",
                                         out_dir=out / "edition")[0]}
    for text_id in IDS:
        built[text_id] = run_build(CONFIG, formats="epub", only=[text_id], out_dir=out / text_id)[0]
    return {k: Epub(v) for k, v in built.items()}


def test_epubcheck_shipped_book_and_every_single_text_edition(books):
    from shared import epubcheck
    checked = epubcheck(*(b.path for b in books.values()))       # side by side
    problems = {name: _problems(messages) for name, messages in zip(books, checked)}
    assert problems == {name: [] for name in books}


def test_shipped_book_order_and_matter(books):
    book = books["all"]
    assert book.text_order() == IDS
    assert book.toc_order() == IDS and book.ncx_order() == IDS
    assert book.note_groups() == ["action-of-the-masses", "mutual-aid-and-violence"]
    assert book.source_order() == IDS
    spine = book.spine()
    front = ["kp-cover.xhtml", "kp-halftitle.xhtml", "kp-titlepage.xhtml", "kp-imprint.xhtml", "kp-toc.xhtml",
             "kp-introduction.xhtml"]
    assert spine[:6] == front
    assert spine.index("part-commentary.xhtml") == spine.index("mutual-aid-and-violence.xhtml") - 1
    assert spine[-4:] == ["kp-notes.xhtml", "kp-sources.xhtml", "kp-authors.xhtml", "kp-colophon.xhtml"]


def test_headnotes_corrections_and_rights_are_in_the_book(books):
    book = books["all"]
    letter = book.xhtml("letter-to-berkman.xhtml")
    label = letter.xpath("//x:section[@class='headnote']//x:p[@class='headnote-label']/text()", namespaces=NS)
    assert label and "Editor" in label[0]
    body = etree.tostring(letter, encoding="unicode")
    assert "the the" not in body and "Tempes Nouveau" not in body
    sources = etree.tostring(book.xhtml("kp-sources.xhtml"), encoding="unicode")
    assert "Tempes Nouveau" in sources  # the original reading is listed with its reason
    imprint = etree.tostring(book.xhtml("kp-imprint.xhtml"), encoding="unicode")
    assert "urn:uuid:" in imprint and "Anti-Copyright" in imprint and "kroppress" in imprint
    authors = book.xhtml("kp-authors.xhtml").xpath("//x:h2/text()", namespaces=NS)
    assert authors == ["Pëtr Kropotkin", "Milan Djurasovic"]


def test_edition_selects_and_orders(books):
    ed = books["kropotkin-only"]
    assert ed.text_order() == IDS[:3]
    assert "Djurasovic" not in ed.all_text()
    assert "part-commentary.xhtml" not in ed.spine()


@pytest.mark.parametrize("text_id", IDS)
def test_single_text_edition_holds_only_that_text(books, text_id):
    book = books[text_id]
    assert book.text_order() == [text_id]
    assert book.source_order() == [text_id]
    assert set(book.note_groups()) <= {text_id}


def test_reorder_is_a_config_change(tmp_path):
    for name in ("seeds", "editorial"):
        shutil.copytree(ROOT / name, tmp_path / name)
    text = CONFIG.read_text(encoding="utf-8")
    blocks = re.split(r"(?=\n# --- )", text)      # the config's per-text comment rulers
    # swap the 1890 article and the 1919 letter inside Part I
    i = next(k for k, b in enumerate(blocks) if "id = \"action-of-the-masses\"" in b)
    j = next(k for k, b in enumerate(blocks) if "id = \"russian-revolution\"" in b)
    tail_j = blocks[j].split("\n# ----", 1)
    blocks[i], blocks[j] = tail_j[0], blocks[i] + ("\n# ----" + tail_j[1] if len(tail_j) > 1 else "")
    (tmp_path / "anthology.toml").write_text("".join(blocks), encoding="utf-8")
    book = Epub(run_build(tmp_path / "anthology.toml", formats="epub", out_dir=tmp_path / "dist")[0])
    order = ["russian-revolution", "letter-to-berkman", "action-of-the-masses", "mutual-aid-and-violence"]
    assert book.text_order() == order and book.toc_order() == order and book.source_order() == order
    assert book.note_groups() == ["action-of-the-masses", "mutual-aid-and-violence"]


def test_exclude_removes_a_text_everywhere(tmp_path):
    book = Epub(run_build(CONFIG, formats="epub", exclude=["action-of-the-masses"], out_dir=tmp_path)[0])
    assert "action-of-the-masses" not in book.text_order() + book.toc_order() + book.ncx_order()
    assert book.note_groups() == ["mutual-aid-and-violence"]
    assert book.source_order() == IDS[1:]
    assert "action-of-the-masses.xhtml" not in book.spine()
    assert "Liebknecht" not in book.all_text()


def test_ace_on_the_shipped_book(books, tmp_path):
    out = tmp_path / "ace"
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "ace.sh"), str(books["all"].path), str(out)],
                          capture_output=True, text=True, timeout=300)
    if proc.returncode == 3:
        pytest.skip("Ace by DAISY not available: " + proc.stderr.strip().splitlines()[-1]
                    + " (scripts/ace.sh --install sets it up)")
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    fails = [(d["earl:testSubject"]["url"], a["earl:test"]["dct:title"])
             for d in report["assertions"] for a in d.get("assertions", [])
             if a["earl:result"]["earl:outcome"] == "fail"]
    assert fails == []
    assert report["earl:result"]["earl:outcome"] == "pass"

"""The PDF writer, read back from the PDF it writes.

The shipped anthology is built once per profile (module-scoped fixtures, about
3 s each): `press` (bleed, crop marks, pages to a multiple of 4), `proof`, and
two profiles the test adds to a copy of the project's config: footnotes, and a
tagged screen PDF (PDF/UA-1). Everything is checked in the file: page and
trim boxes, fonts, folios, running heads, contents numbers, note page
references, bookmarks, metadata. The hand-made book of conftest.py serves
the quick checks (reproducibility, trim sizes, variants, internal headings).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import shutil
import subprocess
from functools import cached_property
from pathlib import Path

import pytest

import pdfplumber
import pikepdf
import weasyprint  # noqa: F401 - a dependency: a broken install fails here

from kroppress.build.run import run_build, source_epoch
from kroppress.config import TRIM_SIZES, load_config
from kroppress.model import Address, Closing, Dateline, Paragraph, Signature, Text
from kroppress.plain import inline_text
from kroppress.render import entry_title, part_title, roman
from kroppress.writers.pdf.press import SLUG_PT
from kroppress.writers.pdf import (default_profile, page_css,
                                   write_pdf)

ROOT = Path(__file__).resolve().parents[3]
EPOCH = 1746057600  # 2025-05-01T00:00:00Z
EXTRA_PROFILES = """

[print.profiles.test-footnotes]
notes = "footnotes"

[print.profiles.test-screen]
pdf_variant = "pdf/ua-1"
"""


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def fold(text: str) -> str:
    """Compare running heads set in small capitals (extracted in lower case)."""
    return norm(text).casefold().replace("’", "'")


# ------------------------------------------------------------------ reading a PDF
class Pdf:
    """A written PDF, read with pikepdf (structure) and pdfplumber (text)."""

    def __init__(self, path: Path, profile):
        self.path = path
        self.profile = profile
        self.pike = pikepdf.open(path)
        self.plumber = pdfplumber.open(path)
        self.n = len(self.pike.pages)
        self.margin_top = profile.margin_top.pt
        self.margin_bottom = profile.margin_bottom.pt

    def close(self):
        self.plumber.close()
        self.pike.close()

    # boxes ------------------------------------------------------
    def box(self, i: int, name: str) -> list[float]:
        page = self.pike.pages[i - 1]
        return [float(v) for v in page.obj.get(name, page.obj.MediaBox)]

    @cached_property
    def dests(self) -> dict[str, int]:
        """Named destination (an element id) -> page number (1-based)."""
        index = {p.objgen: n for n, p in enumerate(self.pike.pages, 1)}
        tree = pikepdf.NameTree(self.pike.Root.Names.Dests)
        return {str(k): index[v[0].objgen] for k, v in tree.items()}

    # text -------------------------------------------------------
    def words(self, i: int) -> list[dict]:
        """Words of page i with `top` measured from the top of the trim box."""
        media, trim = self.box(i, "/MediaBox"), self.box(i, "/TrimBox")
        # pdfplumber's `top` is the MediaBox's height less y, as if the box
        # began at 0: a MediaBox below the origin (the bleed, the press
        # file's slug) puts everything -media[1] lower
        dy = media[3] - trim[3] - media[1]
        out = []
        for w in self.plumber.pages[i - 1].extract_words(keep_blank_chars=False):
            w = dict(w)
            w["top"] -= dy
            w["bottom"] -= dy
            w["x0"] -= trim[0]
            w["x1"] -= trim[0]
            out.append(w)
        return out

    def text(self, i: int) -> str:
        return self.plumber.pages[i - 1].extract_text() or ""

    def trim_size(self, i: int = 1) -> tuple[float, float]:
        t = self.box(i, "/TrimBox")
        return t[2] - t[0], t[3] - t[1]

    def head(self, i: int) -> tuple[str, str]:
        """(folio, running head) from the top margin of page i."""
        ws = sorted((w for w in self.words(i) if w["bottom"] < self.margin_top - 2),
                    key=lambda w: w["x0"])
        if not ws:
            return "", ""
        folio = ws[0] if i % 2 == 0 else ws[-1]
        rest = [w["text"] for w in ws if w is not folio]
        return folio["text"], " ".join(rest)

    def foot(self, i: int) -> str:
        height = self.trim_size(i)[1]
        ws = [w for w in self.words(i) if w["top"] > height - self.margin_bottom + 2]
        return " ".join(w["text"] for w in ws)

    def folio(self, i: int) -> str:
        folio, _ = self.head(i)
        return folio or self.foot(i)

    def is_blank(self, i: int) -> bool:
        return not self.plumber.pages[i - 1].chars

    def annots(self, i: int) -> list[dict]:
        """Link annotations (pdfplumber coordinates, for `link_text`)."""
        return self.plumber.pages[i - 1].annots

    def link_text(self, i: int, annot: dict) -> str:
        page = self.plumber.pages[i - 1]
        box = (annot["x0"] - 0.5, annot["top"] - 1, annot["x1"] + 0.5, annot["bottom"] + 1)
        return norm(page.within_bbox(box).extract_text() or "")

    def outline(self) -> list[tuple[str, list]]:
        def walk(items):
            return [(o.title, walk(o.children)) for o in items]
        with self.pike.open_outline() as outline:
            return walk(outline.root)


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """A copy of the shipped project, with two extra print profiles; made
    once per run (tests/shared.py), as are its builds below: test_superscripts.py
    reads the same PDFs."""
    import os

    from shared import build_once, shared_folder

    def make(root: Path) -> list[Path]:
        for folder in ("seeds", "editorial"):
            shutil.copytree(ROOT / folder, root / folder)
        config = root / "anthology.toml"
        config.write_text((ROOT / "anthology.toml").read_text(encoding="utf-8") + EXTRA_PROFILES,
                          encoding="utf-8")
        return [config]
    folder = shared_folder(tmp_path_factory, os.environ.get("PYTEST_XDIST_WORKER", "master"))
    return build_once(folder, "pdf-profiles", make)[0]


@pytest.fixture(scope="session")
def shipped(project):
    """(config, book) of the shipped anthology, as the build assembles it."""
    from kroppress.book.assemble import assemble
    config = load_config(project)
    return config, assemble(config, None, (), (), warnings=[])


def _build(project: Path, profile: str) -> Pdf:
    from shared import build_once
    [path] = build_once(project.parent, f"dist-{profile}",
                        lambda out: run_build(project, "pdf", profile=profile, out_dir=out))
    return Pdf(path, load_config(project).print_profile(profile))


@pytest.fixture(scope="session")
def press(project):
    pdf = _build(project, "press")
    yield pdf
    pdf.close()


@pytest.fixture(scope="session")
def proof(project):
    pdf = _build(project, "proof")
    yield pdf
    pdf.close()


@pytest.fixture(scope="session")
def footnoted(project):
    pdf = _build(project, "test-footnotes")
    yield pdf
    pdf.close()


@pytest.fixture(scope="session")
def screen(project):
    pdf = _build(project, "test-screen")
    yield pdf
    pdf.close()


def first_main_page(pdf: Pdf, book) -> int:
    return pdf.dests[book.parts[0].id or "part-1"]


def expected_folio(pdf: Pdf, book, i: int) -> str:
    start = first_main_page(pdf, book)
    return roman(i).lower() if i < start else str(i - start + 1)


def section_starts(pdf: Pdf, book) -> list[tuple[int, str, str]]:
    """(page, id, running-head title) of every section that opens a page, in order."""
    ids = [("kp-toc", "Contents"), ("kp-introduction", book.introduction_title or "Introduction")]
    for i, part in enumerate(book.parts, 1):
        ids.append((part.id or f"part-{i}", ""))
        ids += [(e.id, entry_title(e)) for e in part.entries]
    ids += [("kp-notes", "Notes"), ("kp-sources", "Sources and Rights"),
            ("kp-authors", "About the Authors"), ("kp-colophon", "Colophon")]
    return sorted((pdf.dests[i], i, t) for i, t in ids if i in pdf.dests)


# ------------------------------------------------------------------ geometry
def test_page_css_from_profiles(shipped):
    config, _ = shipped
    press_css = page_css(config.print_profile("press"))
    assert "size: 5.5in 8.5in;" in press_css
    # the crop marks are drawn in a slug by kroppress (`writers.pdf.press`), not by WeasyPrint
    assert "bleed: 0.125in;" in press_css and "marks: none;" in press_css
    proof_css = page_css(config.print_profile("proof"))
    assert "bleed: 0;" in proof_css and "marks: none;" in proof_css
    # mirrored margins: the larger inner margin is at the spine
    profile = config.print_profile("proof")
    assert profile.margin_inner.pt > profile.margin_outer.pt
    left = re.search(r"@page :left \{([^}]*)\}", proof_css).group(1)
    right = re.search(r"@page :right \{([^}]*)\}", proof_css).group(1)
    assert f"margin-right: {profile.margin_inner}" in left
    assert f"margin-left: {profile.margin_inner}" in right


def test_press_pages_carry_trim_and_bleed(press):
    bleed = press.profile.bleed.pt
    assert bleed == pytest.approx(9.0)
    for i in range(1, press.n + 1):
        media, trim, bleed_box = (press.box(i, n) for n in ("/MediaBox", "/TrimBox", "/BleedBox"))
        assert press.trim_size(i) == pytest.approx((396, 612), abs=0.01)
        # the marks' slug round the bleed
        slug = SLUG_PT
        assert (media[2] - media[0], media[3] - media[1]) == pytest.approx(
            (414 + 2 * slug, 630 + 2 * slug), abs=0.01)
        assert [trim[0] - bleed_box[0], trim[1] - bleed_box[1], bleed_box[2] - trim[2],
                bleed_box[3] - trim[3]] == pytest.approx([bleed] * 4, abs=0.01)
        assert bleed_box[0] - media[0] == pytest.approx(slug, abs=0.01)
        assert bleed_box[0] <= trim[0] and bleed_box[1] <= trim[1]
        assert bleed_box[2] >= trim[2] and bleed_box[3] >= trim[3]
        assert bleed_box[0] >= media[0] and bleed_box[3] <= media[3]


def test_proof_pages_are_the_trim_size_without_marks(proof, press):
    for i in range(1, proof.n + 1):
        assert proof.box(i, "/MediaBox") == pytest.approx([0, 0, 396, 612], abs=0.01)
        assert proof.box(i, "/TrimBox") == pytest.approx([0, 0, 396, 612], abs=0.01)
    blank_proof = next(i for i in range(1, proof.n + 1) if proof.is_blank(i))
    page = proof.plumber.pages[blank_proof - 1]
    assert not page.lines and not page.curves           # no crop marks
    blank_press = next(i for i in range(1, press.n + 1) if press.is_blank(i))
    page = press.plumber.pages[blank_press - 1]
    assert len(page.lines) >= 8                          # crop marks at the four corners


@pytest.mark.parametrize("trim", ["A5", "6x9", "letter", "A4"])
def test_trim_sizes(tmp_path, book, trim):
    width, height = TRIM_SIZES[trim.lower()]
    profile = dataclasses.replace(default_profile(), width=width, height=height)
    path = write_pdf(book, tmp_path / "t.pdf", epoch=EPOCH, profile=profile)
    with pikepdf.open(path) as pdf:
        box = [float(v) for v in pdf.pages[0].MediaBox]
    assert (box[2] - box[0], box[3] - box[1]) == pytest.approx(
        (width.pt, height.pt), abs=0.05)


def test_press_rounds_the_page_count_up_to_four(press, proof):
    assert press.n % 4 == 0
    assert press.n == math.ceil(proof.n / 4) * 4          # same layout, blank pages added
    for i in range(proof.n + 1, press.n + 1):
        assert press.is_blank(i)
    assert press.profile.round_pages_to == 4


# ------------------------------------------------------------------ fonts
def _fonts(pdf) -> list:
    return [obj for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"]


@pytest.mark.parametrize("which", ["press", "screen"])
def test_every_font_is_embedded(which, request):
    pdf = request.getfixturevalue(which)
    fonts = _fonts(pdf.pike)
    assert fonts
    names = set()
    for font in fonts:
        names.add(str(font.BaseFont).split("+")[-1])
        descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = descendant.FontDescriptor
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
    assert {"EB-Garamond", "EB-Garamond-Italic"} <= names, names


@pytest.mark.parametrize("which", ["press", "screen"])
def test_pdffonts_finds_every_font_embedded(which, request):
    """poppler's own reading of the fonts (`make test` installs poppler-utils);
    skipped, saying so, only where the tool is truly absent."""
    if not shutil.which("pdffonts"):
        pytest.skip("pdffonts not on PATH: install poppler-utils (make test does) to check the fonts with poppler")
    pdf = request.getfixturevalue(which)
    out = subprocess.run(["pdffonts", str(pdf.path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    # columns: name type encoding emb sub uni object ID (a name or type may hold spaces)
    not_embedded = [line for line in out if line.split()[-5] != "yes"]
    assert out and not not_embedded, out


# ------------------------------------------------------------------ folios, openings, heads
def test_folios_roman_then_arabic_from_one(press, shipped):
    _, book = shipped
    start = first_main_page(press, book)
    assert start % 2 == 1
    assert press.folio(start) == "1"
    toc = press.dests["kp-toc"]
    seen_roman = seen_arabic = 0
    for i in range(1, press.n + 1):
        folio = press.folio(i)
        if i < toc or press.is_blank(i):
            assert folio == "", (i, folio)        # half-title, title, imprint, blanks
            continue
        assert folio == expected_folio(press, book, i), (i, folio)
        if i < start:
            assert re.fullmatch(r"[ivxlc]+", folio)
            seen_roman += 1
        else:
            seen_arabic += 1
    assert seen_roman >= 2 and seen_arabic > 20


def test_blank_and_display_pages_are_bare(press):
    for i in range(1, press.dests["kp-toc"]):
        assert press.head(i) == ("", "") and press.foot(i) == ""
    blanks = [i for i in range(1, press.n + 1) if press.is_blank(i)]
    assert blanks                                  # versos left blank before rectos
    assert all(i % 2 == 0 or i > press.n - 4 for i in blanks)


def test_every_text_opens_on_a_recto(press, shipped):
    _, book = shipped
    for e in book.entries:
        page = press.dests[e.id]
        assert page % 2 == 1, (e.id, page)
        title_words = norm(entry_title(e)).split()
        assert norm(press.text(page)).startswith(" ".join(title_words[:2])), e.id
        assert " ".join(title_words) in norm(press.text(page))
    for sid in ("kp-toc", "kp-introduction", "kp-notes", "kp-sources"):
        assert press.dests[sid] % 2 == 1, sid
    for i, part in enumerate(book.parts, 1):
        assert press.dests[part.id or f"part-{i}"] % 2 == 1


def test_openings_have_no_running_head_and_a_drop_folio(press, shipped):
    _, book = shipped
    for page, sid, _ in section_starts(press, book):
        folio, head = press.head(page)
        assert (folio, head) == ("", ""), (sid, folio, head)
        assert press.foot(page) == expected_folio(press, book, page), sid


def test_running_heads(press, shipped):
    _, book = shipped
    starts = section_starts(press, book)
    checked = {"verso": 0, "recto": 0}
    for (page, sid, title), nxt in zip(starts, starts[1:] + [(press.n + 1, "", "")]):
        for i in range(page + 1, nxt[0]):
            if press.is_blank(i):
                continue
            folio, head = press.head(i)
            assert folio == expected_folio(press, book, i), i
            if i % 2 == 0:
                assert fold(head) == fold(book.meta.title), (i, head)
                checked["verso"] += 1
            else:
                assert fold(head) == fold(title), (i, head, title)
                checked["recto"] += 1
    assert checked["verso"] > 10 and checked["recto"] > 10


def test_contents_numbers_match_the_pages(press, shipped):
    _, book = shipped
    toc = press.dests["kp-toc"]
    end = min(p for p, sid, _ in section_starts(press, book) if p > toc)
    contents = norm(" ".join(press.text(i) for i in range(toc, end)))

    def listed(title: str) -> str:
        m = re.search(re.escape(norm(title)) + r"[\s.]*?([0-9]+|[ivxlc]+)(?=\s|$)", contents)
        assert m, f"{title!r} not in the contents: {contents}"
        return m.group(1)

    for e in book.entries:
        assert listed(entry_title(e)) == expected_folio(press, book, press.dests[e.id]), e.id
    intro = press.dests["kp-introduction"]
    assert listed(book.introduction_title or "Introduction") == roman(intro).lower()
    for sid, title in (("kp-notes", "Notes"), ("kp-sources", "Sources and Rights")):
        assert listed(title) == expected_folio(press, book, press.dests[sid])
    # a part with the page of its opening (set in small capitals: read in lower case)
    for i, part in enumerate(book.parts, 1):
        label = part_title(part, i).split(":")[0].lower()
        m = re.search(re.escape(label) + r":.*?(?:\s\.)+\s+([0-9]+)(?=\s|$)", contents.lower())
        assert m and m.group(1) == expected_folio(press, book, press.dests[part.id]), (label, contents)
    assert not press.annots(toc)            # a press file has no links


def test_contents_names_an_author_only_where_not_the_books(press, shipped):
    """The commentary's author under its title and page number; the texts by
    Kropotkin, the book's author, without his name."""
    _, book = shipped
    toc = press.dests["kp-toc"]
    contents = norm(press.text(toc))
    other = next(e for e in book.entries if e.doc.metadata.authors != ["Pëtr Kropotkin"])
    assert re.search(re.escape(entry_title(other)) + r"[\s.]*\d+ " + re.escape(
        other.doc.metadata.authors[0]), contents), contents
    assert "Kropotkin" not in contents.replace("part i: kropotkin", "").replace(
        "Kropotkin to Alexander Berkman", "")


def test_contents_entries_are_links(proof, shipped):
    """The contents' entries are live links to their sections (in every PDF
    but a press file: the proof's layout is the press file's)."""
    _, book = shipped
    targets = {a["data"].get("Dest") for a in proof.annots(proof.dests["kp-toc"])}
    assert {e.id.encode() for e in book.entries} <= targets


# ------------------------------------------------------------------ notes
def test_note_calls_link_to_the_notes(proof, shipped):
    press = proof      # the press file has no links: the proof's layout is the same
    _, book = shipped
    notes_start, notes_end = press.dests["kp-notes"], press.dests["kp-sources"]
    note_ids = {n.id for e in book.entries for n in e.doc.notes if n.id}
    linked = set()
    for e in book.entries:
        for i in range(press.dests[e.id], notes_start):
            for a in press.annots(i):
                dest = (a["data"].get("Dest") or b"").decode()
                if dest in note_ids:
                    assert notes_start <= press.dests[dest] < notes_end
                    assert a["bottom"] - a["top"] > 3      # a box that can be clicked
                    linked.add(dest)
    called = {n.id for e in book.entries for n in e.doc.notes if n.ref_ids}
    assert called and called <= linked


def test_each_note_shows_the_page_of_its_call(proof, shipped):
    press = proof      # the press file has no links: the proof's layout is the same
    _, book = shipped
    calls = {r for e in book.entries for n in e.doc.notes for r in n.ref_ids}
    checked = 0
    for i in range(press.dests["kp-notes"], press.dests["kp-sources"]):
        for a in press.annots(i):
            dest = (a["data"].get("Dest") or b"").decode()
            if dest not in calls:
                continue
            shown = press.link_text(i, a)
            m = re.fullmatch(r",?\s*p\.\s*(\d+)", shown)
            assert m, (i, dest, shown)
            assert m.group(1) == expected_folio(press, book, press.dests[dest]), (dest, shown)
            checked += 1
    assert checked >= len({n.id for e in book.entries for n in e.doc.notes if n.ref_ids})
    assert "↩" not in "".join(press.text(i) for i in range(1, press.n + 1))


def test_footnotes_profile_sets_notes_at_the_foot(footnoted, shipped):
    _, book = shipped
    assert "kp-notes" not in footnoted.dests                      # no endnotes section
    toc = footnoted.dests["kp-toc"]
    assert not re.search(r"\bNotes\b", footnoted.text(toc))
    assert "Notes" not in [t for t, _ in footnoted.outline()]
    n_notes = 0
    for e in book.entries:
        for note in e.doc.notes:
            if not note.ref_ids:
                continue
            n_notes += 1
            call_page = footnoted.dests[note.ref_ids[0]]
            assert footnoted.dests[note.id] == call_page, note.id
            first_words = norm(inline_text(note.blocks[0].inlines)).split()[:3]
            text = norm(footnoted.text(call_page))
            assert " ".join(first_words) in text, note.id
    assert n_notes > 5


# ------------------------------------------------------------------ text setting
def test_body_text_is_justified_in_eb_garamond(press, shipped):
    _, book = shipped
    page = press.dests[book.entries[-1].id] + 2          # a full page of running text
    chars = press.plumber.pages[page - 1].chars
    body = [c for c in chars if 10.5 < c["size"] < 11.5]
    assert body and all("EB-Garamond" in c["fontname"] for c in body)
    lines: dict[float, list] = {}
    for c in body:
        lines.setdefault(round(c["bottom"]), []).append(c)
    rights = [max(c["x1"] for c in cs) for _, cs in sorted(lines.items())]
    edge = max(rights)
    flush = sum(1 for r in rights if abs(r - edge) < 1.0)
    assert flush >= 0.75 * len(rights), rights       # justified: lines end flush right


def test_headnotes_are_labelled_and_smaller(press, shipped):
    _, book = shipped
    for e in book.entries:
        if not e.headnote:
            continue
        page = press.dests[e.id]
        # on the opener, or, when it cannot stand there whole, at the head of the next page
        if "editor’s note" not in press.text(page).casefold().replace("'", "’"):
            page += 1
        assert "editor’s note" in press.text(page).casefold().replace("'", "’")
        # whole on that page: its last words are there too
        last = norm(inline_text(e.headnote[-1].inlines)).split()[-3:]
        assert " ".join(last) in norm(press.text(page)), (e.id, last)
        first = norm(inline_text(e.headnote[0].inlines)).split()[:3]
        ws = press.plumber.pages[page - 1].extract_words(extra_attrs=["size"])
        at = [k for k in range(len(ws) - 2) if [w["text"] for w in ws[k:k + 3]] == first]
        assert at, (e.id, first)
        assert ws[at[0]]["size"] < 10.5                     # smaller than the 11 pt text


def test_letters_are_set_as_letters(press, shipped):
    _, book = shipped
    letters = [e for e in book.entries
               if any(isinstance(b, (Dateline, Signature)) for b in e.doc.blocks)]
    assert letters
    for e in letters:
        start = press.dests[e.id]
        end = min(p for p, _, _ in section_starts(press, book) if p > start)
        for block in e.doc.blocks:
            if not isinstance(block, (Dateline, Address, Signature, Closing)):
                continue
            lines = block.lines if isinstance(block, Address) else [block.inlines]
            text = norm(inline_text(lines[0]))
            first = text.split()[0]
            for i in range(start, end):
                ws = press.words(i)
                # the block's first line, alone on its line (not a title that quotes it)
                hits = [w for w in ws if w["text"] == first and text == norm(
                        " ".join(x["text"] for x in ws if abs(x["top"] - w["top"]) < 1))]
                if hits:
                    w = hits[0]
                    width = press.trim_size(i)[0]
                    assert w["x0"] > width * 0.4, (type(block).__name__, text)  # set off right
                    break
            else:
                pytest.fail(f"{type(block).__name__} {text!r} not found")


# ------------------------------------------------------------------ bookmarks, metadata, variants
def test_bookmarks_for_parts_texts_and_sections(press, shipped):
    _, book = shipped
    outline = press.outline()
    titles = [t for t, _ in outline]
    for name in ("Contents", "Introduction", "Notes", "Sources and Rights"):
        assert name in titles
    for i, part in enumerate(book.parts, 1):
        children = dict(outline)[part_title(part, i)]
        assert [t for t, _ in children] == [entry_title(e) for e in part.entries]


def test_internal_sections_are_bookmarked(tmp_path, book):
    path = write_pdf(book, tmp_path / "b.pdf", epoch=EPOCH)
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        tree = {o.title: o for o in outline.root}
        part = tree["Part II: Commentary"]
        [text] = part.children
        assert text.title == "Reconciling Mutual Aid With Revolutionary Violence"
        [mutual] = text.children
        assert mutual.title == "Mutual aid"
        assert [c.title for c in mutual.children] == ["Violence"]


def test_metadata(press, shipped):
    _, book = shipped
    info = press.pike.docinfo
    assert str(info.Title) == book.meta.title
    assert str(info.Author) == ", ".join(book.meta.editors)
    assert str(info.Subject) == book.meta.description
    for subject in book.meta.subjects:
        assert subject in str(info.Keywords)
    epoch = dt.datetime.fromtimestamp(source_epoch(book.meta.date), tz=dt.timezone.utc)
    assert str(info.CreationDate) == epoch.strftime("D:%Y%m%d%H%M%SZ")
    assert str(info.ModDate) == str(info.CreationDate)
    assert str(press.pike.Root.Lang) == book.meta.language == "en"


def test_press_is_untagged_and_screen_is_tagged(press, screen):
    assert "/StructTreeRoot" not in press.pike.Root
    assert screen.profile.pdf_variant == "pdf/ua-1"
    assert "/StructTreeRoot" in screen.pike.Root
    assert bool(screen.pike.Root.MarkInfo.Marked)
    xmp = bytes(screen.pike.Root.Metadata.read_bytes())
    assert b"pdfuaid" in xmp
    assert screen.box(1, "/MediaBox") == pytest.approx([0, 0, 396, 612], abs=0.01)


def test_pdf_variant_from_the_profile(tmp_path, book):
    profile = dataclasses.replace(default_profile(), name="archive", pdf_variant="pdf/a-3b")
    path = write_pdf(book, tmp_path / "a.pdf", epoch=EPOCH, profile=profile)
    with pikepdf.open(path) as pdf:
        xmp = bytes(pdf.Root.Metadata.read_bytes())
        assert b"pdfaid" in xmp and b"3" in xmp
        assert "/ID" in pdf.trailer


def test_internal_links_resolve(proof, press):
    # a press file carries no links (PDF/X: no annotations in the BleedBox)
    assert not any(press.annots(i) for i in range(1, press.n + 1))
    press = proof
    names = set(press.dests)
    links = 0
    for i in range(1, press.n + 1):
        for a in press.annots(i):
            dest = a["data"].get("Dest")
            if dest is not None:
                assert dest.decode() in names
                links += 1
    assert links > 30


# ------------------------------------------------------------------ reproducibility
def test_same_book_and_epoch_give_the_same_bytes(tmp_path, book, shipped):
    config, _ = shipped
    press = config.print_profile("press")
    a = write_pdf(book, tmp_path / "a.pdf", epoch=EPOCH, profile=press)
    b = write_pdf(book, tmp_path / "b.pdf", epoch=EPOCH, profile=press)
    assert a.read_bytes() == b.read_bytes()
    with pikepdf.open(a) as pdf:
        assert len(pdf.pages) % 4 == 0
        assert str(pdf.docinfo.CreationDate) == "D:20250501000000Z"
    c = write_pdf(book, tmp_path / "c.pdf", epoch=EPOCH + 86400, profile=press)
    with pikepdf.open(c) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20250502000000Z"


def test_build_writes_the_same_pdf_twice(project, press, tmp_path):
    [again] = run_build(project, "pdf", profile="press", out_dir=tmp_path / "again")
    assert again.read_bytes() == press.path.read_bytes()


LONG_TITLE = ("Reconciling Mutual Aid With Revolutionary Violence in the Thought and the "
              "Life of Peter Kropotkin, Geographer and Prince")


@pytest.mark.parametrize("title, expected", [
    # a title that loses its tail after the comma, as a designer would cut it
    ("Kropotkin to Alexander Berkman, on the Progress of Our Ideas in America and in Europe",
     "Kropotkin to Alexander Berkman"),
    # no clause short enough ("… Peter Kropotkin" is too long): cut at the
    # last word that fits, with an ellipsis
    (LONG_TITLE, "Reconciling Mutual Aid With Revolutionary\u2009…"),
], ids=["after-the-comma", "at-a-word"])
def test_a_title_too_long_for_the_running_head_is_shortened(tmp_path, make_book, title, expected):
    def lengthen(book):
        entry = book.parts[1].entries[0]
        entry.doc.metadata.title = title
        entry.doc.blocks += [Paragraph([Text("Lorem ipsum dolor sit amet. " * 60)])
                             for _ in range(4)]

    book = make_book(extra=lengthen)
    path = write_pdf(book, tmp_path / "long.pdf", epoch=EPOCH)
    pdf = Pdf(path, default_profile())
    try:
        start = pdf.dests["mutual-aid-and-violence"]
        rectos = [i for i in range(start + 1, pdf.dests["kp-notes"]) if i % 2 and not pdf.is_blank(i)]
        assert rectos
        for i in rectos:
            folio, head = pdf.head(i)
            assert fold(head) == fold(expected), (i, head)
            line = [w for w in pdf.words(i) if w["bottom"] < pdf.margin_top - 2]
            assert len({round(w["top"]) for w in line}) == 1     # one line, not wrapped
    finally:
        pdf.close()
    # the full title stays everywhere else: opening page, bookmarks, contents
    with pikepdf.open(path) as doc, doc.open_outline() as outline:
        titles = [c.title for o in outline.root for c in o.children]
        assert title in titles


def test_a_note_ending_with_a_range_breaks_its_lines_normally(tmp_path, make_book):
    """WeasyPrint 70 broke "Report of … for 1898–1899, p. 17. p. 13" after
    its first word when the page reference was an inline box after a space:
    the note's first line must be full."""
    words = "Report of the Irish Agricultural Organisation Society for 1898\u20131899, p. 17."

    def cite(book):
        note = book.parts[1].entries[0].doc.notes[0]
        note.blocks = [Paragraph([Text(words)])]

    book = make_book(extra=cite)
    path = write_pdf(book, tmp_path / "range.pdf", epoch=EPOCH)
    pdf = Pdf(path, default_profile())
    try:
        page = next(i for i in range(1, pdf.n + 1) if "Agricultural" in pdf.text(i))
        lines = [line for line in pdf.text(page).splitlines() if "Report" in line]
        assert lines and "Agricultural Organisation" in lines[0], pdf.text(page)
    finally:
        pdf.close()


def test_number_ranges_do_not_break_in_print_but_headings_keep_their_text():
    import xml.etree.ElementTree as ET

    from kroppress.writers.pdf.tree import _keep_ranges_whole
    root = ET.fromstring("<html><body><h1>Kropotkin, 1890\u20131919</h1>"
                         "<p>pp. 201\u2013215 and <em>1898\u20131899</em>, A\u2013B</p></body></html>")
    _keep_ranges_whole(root)
    assert root.find("body/h1").text == "Kropotkin, 1890\u20131919"      # bookmarks use it
    p = root.find("body/p")
    assert p.text == "pp. 201\u2013\u2060215 and "
    assert p.find("em").text == "1898\u2013\u20601899"
    assert p.find("em").tail == ", A\u2013B"                              # words may still break


def test_about_the_author_is_singular_for_one_biography(make_book):
    from kroppress.render import authors_title

    def one_bio(book):
        with_bio = [e for e in book.entries if e.doc.metadata.biography]
        for e in with_bio[1:]:
            e.doc.metadata.biography = []

    assert authors_title(make_book()) == "About the Authors"
    book = make_book(extra=one_bio)
    assert len([e for e in book.entries if e.doc.metadata.biography]) == 1
    assert authors_title(book) == "About the Author"


def test_a_long_table_is_set_full_measure_in_small_type_and_breaks_only_between_rows(tmp_path, make_book):
    from kroppress.model import Table, TableRow
    note = ("barges, lime and coal, the tolls paid at the upper lock and entered by the keeper "
            "in the ledger that the parish kept")

    def tabulate(book):
        rows = [TableRow([[Text("Year")], [Text("Barges")], [Text("What the ledger says")]], "head")]
        rows += [TableRow([[Text(f"R{1700 + n}")], [Text(f"{n * 7}")], [Text(f"Row{n} " + note)]])
                 for n in range(90)]
        book.parts[1].entries[0].doc.blocks.append(Table(rows))

    profile = default_profile()
    path = write_pdf(make_book(extra=tabulate), tmp_path / "table.pdf", epoch=EPOCH, profile=profile)
    pdf = Pdf(path, profile)
    try:
        pages = {}                       # row label -> pages its words are on
        heads = 0
        for i in range(1, pdf.n + 1):
            ws = pdf.words(i)
            for w in ws:
                if re.fullmatch(r"R1\d{3}", w["text"]):
                    pages.setdefault(w["text"], set()).add(i)
                    assert abs(w["bottom"] - w["top"] - 9) < 2.5, w          # small type (9 pt)
                if re.fullmatch(r"Row\d+", w["text"]):
                    pages.setdefault(f"R{1700 + int(w['text'][3:])}", set()).add(i)
            heads += sum(1 for w in ws if w["text"] == "Barges")
        assert len(pages) == 90
        spread = {p for v in pages.values() for p in v}
        assert len(spread) >= 2                               # a long table breaks ...
        assert all(len(v) == 1 for v in pages.values())       # ... between rows only
        assert heads == len(spread)                           # the head row on every page
        # full measure: the table's rules (one edge a cell) span the text block
        page = pdf.plumber.pages[min(spread) - 1]
        rules: dict[int, list] = {}
        for e in page.edges:
            if e["orientation"] == "h":
                rules.setdefault(round(e["top"]), []).append(e)
        width = max(max(e["x1"] for e in r) - min(e["x0"] for e in r) for r in rules.values())
        text_width = profile.width.pt - profile.margin_inner.pt - profile.margin_outer.pt
        assert abs(width - text_width) < 3, (width, text_width)
    finally:
        pdf.close()


def _note_pages_tree(book, profile):
    from kroppress.writers.pdf.tree import print_tree
    root = print_tree(book, profile)
    parents = {c: p for p in root.iter() for c in p}
    return root, parents


def test_a_notes_page_reference_is_set_apart_from_its_text(project, shipped):
    """The book's "p. 24" is its own element after the note's text, so a
    source's "pp. 98." and the call's page never read as one reference."""
    config, book = shipped
    root, parents = _note_pages_tree(book, config.print_profile("proof"))
    links = [a for a in root.iter("a") if "backlink" in (a.get("class") or "")]
    assert len(links) >= 10
    for a in links:
        holder = parents[a]
        assert holder.tag == "span" and holder.get("class") == "note-page"
        p = parents[holder]
        assert list(p)[-1] is holder and not (holder.text or "").strip()
        index = list(p).index(holder)
        before = p[index - 1].tail if index else p.text
        assert not (before or "x")[-1].isspace()     # the space is print.css's, with the dash
    # with notes at the foot of the page there is no page to show, and no holder left
    root, _ = _note_pages_tree(book, config.print_profile("test-footnotes"))
    assert not [s for s in root.iter("span") if s.get("class") == "note-page"]


def test_notes_show_a_dash_before_the_page_of_the_call(proof, shipped):
    _, book = shipped
    text = "\n".join(proof.text(i) for i in range(proof.dests["kp-notes"], proof.dests["kp-sources"]))
    n_links = sum(len(n.ref_ids[:1]) for e in book.entries for n in e.doc.notes)
    assert len(re.findall(r"\u2014 p\.\s?\d+", text)) == n_links
    assert re.search(r"pp\. 98\. \u2014 p\. \d+", norm(text))   # the source's pages, then the book's
    assert not re.search(r"pp?\. \d+\.? p\. \d", norm(text))     # no reference runs into the other


def test_a_book_without_part_pages(tmp_path, make_book):
    """One part with no title nor introduction (what `init` writes): no part
    page; the first text opens the main matter on page 1, and the texts are
    first-level bookmarks, not under the contents or the introduction."""
    from kroppress.model import Part

    def flat(book):
        book.parts = [Part(title="", entries=[e for p in book.parts for e in p.entries], id="part-1")]

    book = make_book(extra=flat)
    path = write_pdf(book, tmp_path / "flat.pdf", epoch=EPOCH)
    pdf = Pdf(path, default_profile())
    try:
        assert "part-1" not in pdf.dests
        first = pdf.dests[book.entries[0].id]
        assert pdf.folio(first) == "1" and not pdf.is_blank(first)
        top = [t for t, _ in pdf.outline()]
        assert [entry_title(e) for e in book.entries] == [t for t in top if t in
                                                         {entry_title(e) for e in book.entries}]
        assert not any(t.startswith("Part") for t in top)
    finally:
        pdf.close()

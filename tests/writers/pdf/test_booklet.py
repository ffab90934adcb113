"""Booklets (`--format booklet`): the pages imposed two-up for home printing.

Two layouts only (each costs seconds): a generated book of some 20 pages
built as PDF and booklet in one run (the booklet imposes that PDF: the page
size is the same, so the book is not laid out twice), and the same book on
A4 (laid out again at A5). Every other check imposes the first run's PDF
again with `booklet.impose` (no layout): page order for one signature and
for signatures of 2 sheets, creep, blanks, marks, reproducibility.

Pages are told apart by their text: each half of an imposed side must hold
exactly the text of the interior page the saddle-stitch order (computed here,
independently) puts there.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from typer.testing import CliRunner

from kroppress.build.run import run_build
from kroppress.cli import app
from kroppress.config import Length, Paper, load_config
from kroppress.writers import pdf as pdf_writer
from kroppress.writers.pdf import booklet

EPOCH = 1714521600       # 2024-05-01
LETTER = (792.0, 612.0)
A4 = (841.89, 595.28)
MM = 72 / 25.4

CONFIG = """\
[book]
title = "A Folded Book"
identifier = "urn:uuid:12345678-1234-5678-1234-567812345679"
date = 2024-05-01
editors = ["Some Editor"]

[[parts]]
title = "Texts"

[[parts.texts]]
id = "first"
source = "seeds/first.txt"

[[parts.texts]]
id = "second"
source = "seeds/second.txt"

[print.profiles.a4book]
sheet = "a4"
signature_sheets = 2
"""

WORDS = ("mutual aid among the workers of every land grows from below and the commune "
         "federates freely with its neighbours while the state").split()


def text(title: str, paragraphs: int, seed: int) -> str:
    paras = []
    for p in range(paragraphs):
        words = [WORDS[(seed + p * 7 + i * 3) % len(WORDS)] for i in range(70)]
        paras.append(f"Paragraph {seed}-{p}: " + " ".join(words).capitalize() + ".")
    return f"# {title}\n\nBy Some Author\n\n" + "\n\n".join(paras) + "\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("booklet")
    (root / "seeds").mkdir()
    (root / "seeds/first.txt").write_text(text("The First Text", 16, 1), encoding="utf-8")
    (root / "seeds/second.txt").write_text(text("The Second Text", 14, 2), encoding="utf-8")
    cfg = root / "anthology.toml"
    cfg.write_text(CONFIG, encoding="utf-8")
    return cfg


@pytest.fixture(scope="module")
def built(project):
    """(interior PDF, booklet) of one build of both: the booklet imposes the PDF."""
    calls = []
    with pytest.MonkeyPatch.context() as mp:
        real = pdf_writer.write_pdf
        mp.setattr(pdf_writer, "write_pdf", lambda *a, **k: calls.append(a) or real(*a, **k))
        paths = run_build(project, "pdf,booklet", out_dir=project.parent / "dist")
    assert len(calls) == 1, "the booklet laid the book out again"
    pdf, book = paths
    assert pdf.name == "a-folded-book.pdf" and book.name == "a-folded-book-booklet.pdf"
    return pdf, book


@pytest.fixture(scope="module")
def pages(built) -> list[str]:
    """The interior pages' texts."""
    with pdfplumber.open(built[0]) as pdf:
        return [norm(p.extract_text()) for p in pdf.pages]


@pytest.fixture(scope="module")
def profile(project):
    return load_config(project).profiles["booklet"]


def norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def halves(path: Path) -> list[tuple[str, str]]:
    """(left, right) text of each side of each sheet."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            w, h = page.width, page.height
            out.append(tuple(norm(page.crop(box).extract_text())
                             for box in ((0, 0, w / 2, h), (w / 2, 0, w, h))))
    return out


def saddle_order(n: int, per: int) -> list[tuple[int, int]]:
    """1-based (left, right) pages of each side: signatures of `per` sheets
    (4 × per pages), sheet k of a signature of m pages: front (m-2k, 2k+1),
    back (2k+2, m-2k-1)."""
    m = 4 * per
    assert n % m == 0
    sides = []
    for s in range(n // m):
        o = s * m
        for k in range(per):
            sides += [(o + m - 2 * k, o + 2 * k + 1), (o + 2 * k + 2, o + m - 2 * k - 1)]
    return sides


def check_order(path: Path, pages: list[str], per: int) -> None:
    n = len(pages)
    padded = -(-n // (4 * per)) * 4 * per
    got = halves(path)
    expected = saddle_order(padded, per)
    assert len(got) == len(expected)
    for side, (want, have) in enumerate(zip(expected, got)):
        for page, text in zip(want, have):
            wanted = pages[page - 1] if page <= n else ""     # beyond the book: a blank
            assert text == wanted, f"side {side + 1}: expected page {page}"


def impose(tmp_path, built, profile, name="b.pdf", **changes) -> Path:
    out = tmp_path / name
    booklet.impose(built[0], out, dataclasses.replace(profile, **changes), epoch=EPOCH,
                   title="A Folded Book", authors=["Some Editor"])
    return out


# ------------------------------------------------------------------ geometry and order
def test_the_book_is_long_enough(pages):
    assert 16 <= len(pages) <= 40
    assert sum(1 for p in pages if not p) >= 1      # a blank verso in the front matter


def test_letter_sheets_landscape(built):
    with pikepdf.open(built[1]) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = map(float, page.mediabox)
            assert abs((x1 - x0) - LETTER[0]) < 0.5 and abs((y1 - y0) - LETTER[1]) < 0.5


def test_one_signature_order(built, pages):
    check_order(built[1], pages, booklet.sheets_per_signature(len(pages), 0))


def test_signatures_of_two_sheets(tmp_path, built, pages, profile):
    out = impose(tmp_path, built, profile, signature_sheets=2)
    assert len(pages) > 8                     # at least two signatures
    check_order(out, pages, 2)


def test_padded_pages_are_blank(tmp_path, built, pages, profile):
    """A book of 4m + 1 pages: the last sheet carries 3 blank pages."""
    n = (len(pages) - 2) // 4 * 4 + 1
    cut = tmp_path / "cut.pdf"
    with pikepdf.open(built[0]) as pdf:
        del pdf.pages[n:]
        pdf.save(cut)
    out = tmp_path / "b.pdf"
    booklet.impose(cut, out, profile, epoch=EPOCH)
    check_order(out, pages[:n], booklet.sheets_per_signature(n, 0))
    blank = [side for side in halves(out) for half in side if not half]
    assert len(blank) >= 3


def test_a4_build_is_a5_pages_on_a4(project, built):
    [path] = run_build(project, "booklet", profile="a4book", out_dir=project.parent / "dist")
    assert path.name == "a-folded-book-a4book-booklet.pdf"
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) % 2 == 0
        for page in pdf.pages:
            x0, y0, x1, y1 = map(float, page.mediabox)
            assert abs((x1 - x0) - A4[0]) < 0.5 and abs((y1 - y0) - A4[1]) < 0.5
    with pdfplumber.open(path) as pdf:
        # the A5 pages are centred: text on both halves of a middle side, none off the sheet
        page = pdf.pages[len(pdf.pages) // 2]
        assert all(0 <= c["x0"] and c["x1"] <= A4[0] for c in page.chars)
        assert any(c["x1"] < A4[0] / 2 for c in page.chars)
        assert any(c["x0"] > A4[0] / 2 for c in page.chars)


# ------------------------------------------------------------------ creep
def first_x(path: Path, side: int, half: int) -> float | None:
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[side]
        w = page.width
        chars = [c for c in page.chars if (c["x0"] >= w / 2) == bool(half)]
        return min(c["x0"] for c in chars) if chars else None


def test_creep_moves_the_inner_pages_towards_the_fold(tmp_path, built, pages, profile):
    flat = impose(tmp_path, built, profile, "flat.pdf", creep=Length.parse("0"))
    crept = impose(tmp_path, built, profile, "crept.pdf", creep=Length.parse("0.1mm"))
    sheets = booklet.sheets_per_signature(len(pages), 0)
    shift = (sheets - 1) * 0.1 * MM
    inner = 2 * (sheets - 1)                 # the innermost sheet's front side (0-based)
    measured = 0
    for side in (inner, inner + 1):
        for half, sign in ((0, +1), (1, -1)):     # the left page moves right, the right one left
            a, b = first_x(flat, side, half), first_x(crept, side, half)
            if a is None:
                continue
            assert b - a == pytest.approx(sign * shift, abs=0.5)
            measured += 1
    assert measured >= 2
    for side in (0, 1):                      # the outermost sheet stays
        for half in (0, 1):
            a, b = first_x(flat, side, half), first_x(crept, side, half)
            if a is not None:
                assert b == pytest.approx(a, abs=0.01)
    check_order(crept, pages, sheets)        # and nothing moved to another half


def test_creep_from_the_paper_caliper(profile):
    """creep = "auto" (the default): a leaf of the paper, two pages of its
    per-page caliper (KDP white 0.002252in unless `paper` says)."""
    assert profile.creep == "auto"
    assert booklet.creep_thickness(profile) == pytest.approx(2 * 0.002252 * 72)
    thick = dataclasses.replace(profile, paper=Paper(caliper=Length.parse("0.003in")))
    assert booklet.creep_thickness(thick) == pytest.approx(2 * 0.003 * 72)
    assert booklet.creep_thickness(dataclasses.replace(profile, creep=Length.parse("0.1mm"))) == \
        pytest.approx(0.1 * MM)
    assert booklet.creep_thickness(dataclasses.replace(profile, creep=Length.parse("0"))) == 0


def test_printer_margin_moves_the_fold_marks(tmp_path, built, profile):
    wide = impose(tmp_path, built, profile, "wide.pdf", printer_margin=Length.parse("0.5in"))
    with pdfplumber.open(wide) as pdf:
        page = pdf.pages[0]
        lines = [ln for ln in page.lines if abs(ln["x0"] - page.width / 2) < 1]
        assert sorted(round(min(ln["top"], page.height - ln["bottom"]), 2) for ln in lines) \
            == [36.0, 36.0]


def test_creep_shift_formula():
    # 3 sheets, 12 pages: sheet depths 0,0,1,1,2,2,2,2,1,1,0,0
    shifts = [booklet.creep_shift(i, 3, 1.0) for i in range(12)]
    assert shifts == [0, 0, -1, 1, -2, 2, -2, 2, -1, 1, 0, 0]


# ------------------------------------------------------------------ marks
def fold_lines(path: Path) -> list[list[dict]]:
    with pdfplumber.open(path) as pdf:
        return [[ln for ln in p.lines + p.curves if abs(ln["x0"] - p.width / 2) < 1
                 and abs(ln["x1"] - p.width / 2) < 1] for p in pdf.pages]


def test_fold_marks(tmp_path, built, profile):
    marked = built[1]
    margin_top = 0.75 * 72
    with pdfplumber.open(marked) as pdf:
        for page in pdf.pages:
            lines = [ln for ln in page.lines if abs(ln["x0"] - page.width / 2) < 1]
            assert len(lines) == 2                       # head and foot
            for ln in lines:
                # on the fold, in the head or foot margin (off the type area),
                # where a home printer prints: at least printer_margin (0.25in)
                # from the paper's edge
                assert min(ln["top"], page.height - ln["bottom"]) >= 0.25 * 72 - 0.01
                assert ln["bottom"] < margin_top or ln["top"] > page.height - margin_top
                over = [c for c in page.chars if c["x0"] - 2 < ln["x0"] < c["x1"] + 2
                        and c["top"] - 2 < ln["bottom"] and c["bottom"] + 2 > ln["top"]]
                assert not over
    plain = impose(tmp_path, built, profile, marks=False)
    assert all(not lines for lines in fold_lines(plain))


# ------------------------------------------------------------------ reproducible
def test_same_epoch_same_bytes(tmp_path, built, profile):
    a = impose(tmp_path, built, profile, "a.pdf", creep=Length.parse("0.1mm"))
    b = impose(tmp_path, built, profile, "b.pdf", creep=Length.parse("0.1mm"))
    assert a.read_bytes() == b.read_bytes()
    with pikepdf.open(a) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20240501000000Z"
        assert str(pdf.docinfo.ModDate) == "D:20240501000000Z"
        assert str(pdf.docinfo.Title) == "A Folded Book"
    # the build's own file: the same bytes as imposing its PDF again
    assert impose(tmp_path, built, profile, "c.pdf").read_bytes() == built[1].read_bytes()


# ------------------------------------------------------------------ config errors
@pytest.mark.parametrize("line, fix", [
    ('sheet = "tabloid"', 'write sheet = "letter" or "a4"'),
    ('impose = "coil"', 'write impose = "saddle"'),
    ("signature_sheets = -1", "write 0 (one signature of all the sheets)"),
    ('creep = "thin"', 'e.g. creep = "0.1mm"'),
])
def test_config_errors_exit_2(tmp_path, line, fix):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/first.txt").write_text(text("One", 2, 1), encoding="utf-8")
    (tmp_path / "seeds/second.txt").write_text(text("Two", 2, 2), encoding="utf-8")
    cfg = tmp_path / "anthology.toml"
    cfg.write_text(CONFIG + f"\n[print.profiles.bad]\n{line}\n", encoding="utf-8")
    key = line.split(" =")[0]
    number = cfg.read_text().splitlines().index(line) + 1
    out = tmp_path / "dist"
    result = CliRunner().invoke(app, ["build", "--config", str(cfg), "--out", str(out),
                                      "--format", "booklet", "--profile", "bad"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith(f"error: {cfg}:{number}: key 'print.profiles.bad.{key}'")
    assert fix in lines[0]
    assert not out.exists()


def test_format_booklet_is_known():
    from kroppress.build.run import parse_formats
    assert parse_formats("booklet") == ["booklet"]
    assert parse_formats("pdf,booklet") == ["pdf", "booklet"]


def test_a_booklet_build_writes_nothing_in_home(tmp_path, project, built):
    """PyMuPDF 2 (under pdfimpose) would load onnxruntime, which writes a
    device id into ~/.cache/Microsoft/. A build in a fresh process with HOME
    pointed at an empty folder leaves it empty (kroppress's own cache is
    allowed: it is pointed at the usual one, so nothing is laid out anew)."""
    import os
    import subprocess
    import sys

    from kroppress.paths import cache_root
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "KROPPRESS_CACHE_DIR": str(cache_root())}
    env.pop("XDG_CACHE_HOME", None)
    r = subprocess.run([sys.executable, "-m", "kroppress", "build", "--config", str(project),
                        "--format", "booklet", "--out", str(tmp_path / "dist")],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    with pikepdf.open(tmp_path / "dist" / built[1].name) as made, pikepdf.open(built[1]) as want:
        assert len(made.pages) == len(want.pages) > 0           # the booklet is made
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []

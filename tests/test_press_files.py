"""The files a press build writes, read back: they pass `check --press`
(the preflight's clean control), the press interior has no links, every PDF
has page labels that match its printed folios, the press cover paints in
CMYK with the barcode in black ink alone, the marks stand outside the
BleedBox, and `build --profile press` fails on a preflight error.

The shipped anthology is built once (module scope) with `--profile press`
(interior, cover; the booklet with its own profile: it keeps no PDF standard)
and with the default profile (interior, cover).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from kroppress.render import icc
from kroppress.build.run import run_build
from kroppress.cli import app
from kroppress.config import load_config
from kroppress.preflight import walk
from kroppress.preflight.run import check_files
from kroppress.writers.pdf.press import SLUG_PT, label_ranges

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1746057600"

pytestmark = [
    pytest.mark.skipif(not (icc.profile_path().is_file()
                            or (icc.TI3.is_file() and shutil.which("colprof"))),
                       reason="the CMYK profile needs icc-profiles-free and argyll"),
    pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("gs")),
                       reason="pdftotext (poppler-utils) or gs (ghostscript) not installed"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("press-files")
    for folder in ("seeds", "editorial"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "anthology.toml", root / "anthology.toml")
    config = root / "anthology.toml"
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        press = run_build(config, "pdf,cover", profile="press", out_dir=root / "press")
        # a booklet keeps no PDF standard (imposing drops it): its own profile, not press's
        press += run_build(config, "booklet", out_dir=root / "press")
        default = run_build(config, "pdf,cover", out_dir=root / "default")
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    files = {}
    for name, paths in (("press", press), ("default", default)):
        for p in paths:
            kind = "booklet" if p.name.endswith("-booklet.pdf") else \
                "cover" if p.name.endswith("-cover.pdf") else "pdf"
            files[(name, kind)] = p
    return config, files


def test_the_press_files_pass_the_preflight(built):
    config, files = built
    profile = load_config(config).print_profile("press")
    for kind in ("pdf", "cover", "booklet"):
        lines, errors = check_files({kind: files[("press", kind)]}, profile)
        assert lines == [] and errors == 0, lines


def test_no_links_in_the_press_interior_but_in_the_default_pdf(built):
    _, files = built

    def links(path):
        with pikepdf.open(path) as pdf:
            return sum(1 for page in pdf.pages for a in page.obj.get("/Annots", [])
                       if a.get("/Subtype") == "/Link")
    assert links(files[("press", "pdf")]) == 0
    assert links(files[("default", "pdf")]) > 20


def test_marks_outside_the_bleed_box(built):
    """The slug: MediaBox 18 pt beyond the BleedBox; every mark (the only
    paint there) in it, none in the bleed; the default PDF has neither."""
    _, files = built
    for kind in ("pdf", "cover"):
        with pikepdf.open(files[("press", kind)]) as pdf:
            for page in pdf.pages[:3]:
                media = [float(v) for v in page.mediabox]
                bleed = [float(v) for v in page.obj.BleedBox]
                trim = [float(v) for v in page.obj.TrimBox]
                assert [b - m for m, b in zip(media[:2], bleed[:2])] == pytest.approx([SLUG_PT] * 2)
                outside = [p for p in walk.paints(page) if p.kind == "path"
                           and (p.box[2] <= bleed[0] or p.box[0] >= bleed[2]
                                or p.box[3] <= bleed[1] or p.box[1] >= bleed[3])]
                assert len(outside) >= 8    # two crop marks at each corner (and the fold marks)
                in_bleed = [p for p in walk.paints(page) if p.kind == "path" and not (
                    p.box[2] > trim[0] and p.box[0] < trim[2] and p.box[3] > trim[1]
                    and p.box[1] < trim[3]) and p not in outside]
                assert in_bleed == []
    with pikepdf.open(files[("default", "pdf")]) as pdf:
        page = pdf.pages[0]
        assert [float(v) for v in page.mediabox] == [float(v) for v in page.obj.TrimBox]


def _label_list(path):
    return list(PdfReader(path).page_labels)


@pytest.mark.parametrize("name", ["default", "press"])
def test_page_labels_match_the_printed_folios(built, name):
    """The shipped book (laid out in chunks, blank versos between them)."""
    _, files = built
    assert_labels_match_folios(files[(name, "pdf")])


def test_page_labels_of_a_single_layout(small):
    """A short book, laid out as one document, padded to 4 pages by press."""
    for profile in (None, "press"):
        [path] = run_build(small, "pdf", profile=profile, out_dir=small.parent / f"o-{profile}")
        assert_labels_match_folios(path, least=1)


def assert_labels_match_folios(path, least=None):
    labels = _label_list(path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout.split("\f")
    folio = re.compile(r"^\s*([0-9]+|[ivxlc]+)\s*$|^\s*([0-9]+|[ivxlc]+)\s{3,}\S|\S\s{3,}([0-9]+|[ivxlc]+)\s*$")
    checked = 0
    for n, page in enumerate(text[:len(labels)]):
        lines = [line for line in page.splitlines() if line.strip()]
        if not lines:
            continue
        printed = None
        for line in (lines[0], lines[-1]):           # a folio in the head or at the foot
            m = folio.match(line)
            if m:
                printed = next(g for g in m.groups() if g)
        if printed is not None:
            assert labels[n] == printed, (n + 1, labels[n], lines[0], lines[-1])
            checked += 1
    assert checked >= (len(labels) // 2 if least is None else least)
    assert labels[0] == "i" and "1" in labels and labels.index("1") > 3


def test_every_pdf_has_page_labels(built):
    _, files = built
    for (name, kind), path in files.items():
        labels = _label_list(path)
        with pikepdf.open(path) as pdf:
            assert "/PageLabels" in pdf.Root and len(labels) == len(pdf.pages), (name, kind)
    assert _label_list(files[("press", "cover")]) == ["cover"]
    assert _label_list(files[("press", "booklet")])[:3] == ["sheet 1 front", "sheet 1 back",
                                                             "sheet 2 front"]


def test_label_ranges():
    assert label_ranges(["i", "ii", "iii", "1", "2", "3"]) == [
        (0, {"S": "r", "St": 1}), (3, {"S": "D", "St": 1})]
    assert label_ranges(["cover"]) == [(0, {"P": "cover"})]
    assert label_ranges(["v", "vi", "2", "3"]) == [(0, {"S": "r", "St": 5}),
                                                   (2, {"S": "D", "St": 2})]


# ------------------------------------------------------------------ the cover's inks
COVER = """\
[book]
title = "A Small Book of Mutual Aid"
editors = ["Ann Editor"]
publisher = "Small Press"
description = "A short description of the book, on the back cover."
identifier = "978-0-306-40615-7"
date = 2024-05-01

[[parts]]
title = "Texts"

[[parts.texts]]
id = "first"
source = "seeds/first.txt"

[print.profiles.pod]
pdf_variant = "pdf/x-4"
bleed = "0.125in"
crop_marks = false

[print.profiles.tight]
pdf_variant = "pdf/x-4"
bleed = "0.125in"
crop_marks = true
ink_limit = 150
"""


@pytest.fixture
def small(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/first.txt").write_text("# First Text\n\nBy Some Author\n\nA paragraph.\n")
    (tmp_path / "anthology.toml").write_text(COVER)
    return tmp_path / "anthology.toml"


def test_the_press_cover_is_cmyk_and_its_barcode_black_ink_alone(small):
    [cover] = run_build(small, "cover", profile="press", out_dir=small.parent / "out")
    with pikepdf.open(cover) as pdf:
        page = pdf.pages[0]
        spaces = {str(p.space) for p in walk.paints(page)}
        # every colour operator, painted with or not: no RGB ones, CMYK spaces set
        streams = [page.obj] + [x for _, x in walk.forms(page) if x.get("/Subtype") == "/Form"]
        ops = [(str(op), [str(v) for v in operands]) for stream in streams
               for operands, op in pikepdf.parse_content_stream(stream)]
    assert spaces <= {"/DeviceCMYK", "/DeviceGray"}, spaces
    assert not [op for op, _ in ops if op in ("rg", "RG")]
    assert {o[0] for op, o in ops if op in ("cs", "CS")} == {"/DeviceCMYK"}
    assert sum(op in ("k", "K", "sc", "scn", "SC", "SCN") for op, _ in ops) > 20
    with pdfplumber.open(cover) as pdf:
        page = pdf.pages[0]
        bars = [r for r in page.rects if r["height"] > 40 and r["width"] < 3]
        digits = [c for c in page.chars if c["text"].isdigit() and c["size"] < 10]
        colours = {tuple(r["non_stroking_color"]) for r in bars} | \
            {tuple(c["non_stroking_color"]) for c in digits}
    assert len(bars) >= 25 and len(digits) >= 13
    assert colours == {(0, 0, 0, 1)}, colours


def test_no_marks_and_no_slug_when_the_profile_asks_for_none(small):
    """A print-on-demand upload wants no marks: MediaBox = BleedBox, nothing
    drawn outside the trim but the art's bleed, and the files pass."""
    config = load_config(small)
    paths = run_build(small, "pdf,cover", profile="pod", out_dir=small.parent / "pod")
    for path in paths:
        kind = "cover" if path.name.endswith("-cover.pdf") else "pdf"
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                assert [float(v) for v in page.mediabox] == \
                    [float(v) for v in page.obj.BleedBox]
                assert "/Annots" not in page.obj
        lines, errors = check_files({kind: path}, config.print_profile("pod"))
        assert lines == [] and errors == 0, lines


def test_a_preflight_error_fails_the_press_build(small):
    """`tight` allows 150 % of ink; the cover's red is 239 %: exit 1 and the
    finding printed; --no-preflight writes the files and exits 0."""
    out = small.parent / "out"
    runner = CliRunner()
    args = ["build", "--config", str(small), "--format", "cover", "--profile", "tight",
            "--out", str(out)]
    failed = runner.invoke(app, args)
    assert failed.exit_code == 1, failed.output
    assert "[ink] total ink" in failed.output and "150 % limit" in failed.output
    passed = runner.invoke(app, [*args, "--no-preflight", "--force"])
    assert passed.exit_code == 0, passed.output
    ok = runner.invoke(app, ["build", "--config", str(small), "--format", "cover",
                             "--profile", "press", "--out", str(out)])
    assert ok.exit_code == 0, ok.output


def test_check_press_exit_status(small, tmp_path):
    [cover] = run_build(small, "cover", profile="press", out_dir=small.parent / "out")
    runner = CliRunner()
    clean = runner.invoke(app, ["check", "--press", str(cover)])
    assert clean.exit_code == 0 and "0 error(s)" in clean.output, clean.output
    tight = runner.invoke(app, ["check", "--press", str(cover), "--ink-limit", "150"])
    assert tight.exit_code == 1 and "page 1: error: [ink]" in tight.output, tight.output
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.7 junk")
    junk = runner.invoke(app, ["check", "--press", str(tmp_path / "junk.pdf")])
    assert junk.exit_code == 2, junk.output

"""The paperback wrap cover (`--format cover`, kroppress.writers.pdf.wrap_cover):
its geometry (MediaBox, TrimBox, BleedBox) from the trim, the bleed and the
spine; the spine formula for both paper settings; the ISBN barcode read back
(from the SVG, from the PDF's bars, and with zbarimg when installed); the
spine text; the build and the CLI."""
from __future__ import annotations

import re
import shutil
import dataclasses
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from typer.testing import CliRunner

from kroppress.build import run as build_mod
from kroppress.build.run import output_paths, run_build
from kroppress.render import icc
from kroppress.cli import app
from kroppress.config import Length, load_config
from kroppress.errors import ConfigError
from kroppress.model import Book
from kroppress.writers import pdf as pdf_mod
from kroppress.writers.pdf import default_profile
from kroppress.writers.pdf.press import SLUG_PT
from kroppress.writers.pdf.wrap_cover import (SAFE_IN, SPINE_FOLD_MARGIN_IN, barcode_svg, cover_html,
                                         geometry, isbn13, isbn_label, spine_text, spine_width_in,
                                         write_cover)

ISBN = "9780306406157"
EPOCH = 1_700_000_000
TRIM_W, TRIM_H, BLEED = 5.5 * 72, 8.5 * 72, 0.125 * 72    # the press profile's defaults

CONFIG = """\
[book]
title = "A Small Book of Mutual Aid"
editors = ["Ann Editor"]
publisher = "Small Press"
description = "A short description of the book, on the back cover."
identifier = "{identifier}"
date = 2024-05-01

[[parts]]
title = "Texts"

[[parts.texts]]
id = "first"
source = "seeds/first.txt"

[print]
{paper}
"""
#: the line of `{paper}` in CONFIG, where a paper error points
PAPER_LINE = CONFIG.splitlines().index("{paper}") + 1
TEXT = "# First Text\n\nBy Some Author\n\nA paragraph.\n\nAnother one.\n"


def make_config(tmp_path: Path, paper: str = "", identifier: str = ISBN) -> Path:
    (tmp_path / "seeds").mkdir(exist_ok=True)
    (tmp_path / "seeds/first.txt").write_text(TEXT)
    cfg = tmp_path / "anthology.toml"
    cfg.write_text(CONFIG.format(paper=paper, identifier=identifier))
    return cfg


def book_and_profile(tmp_path: Path, paper: str = "", identifier: str = ISBN):
    config = load_config(make_config(tmp_path, paper, identifier))
    return Book(meta=config.book_meta(), parts=[]), config.print_profile("press")


# ------------------------------------------------------------------ EAN-13 decoding
_L = ["0001101", "0011001", "0010011", "0111101", "0100011",
      "0110001", "0101111", "0111011", "0110111", "0001011"]
_G = ["".join("1" if b == "0" else "0" for b in code)[::-1] for code in _L]
_R = ["".join("1" if b == "0" else "0" for b in code) for code in _L]
_PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
           "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]


def decode_ean13(bars: list[tuple[float, float]]) -> str:
    """The 13 digits of EAN-13 `bars` ((x, width) of each dark bar, any unit),
    read by the code tables; the check digit is verified."""
    bars = sorted(bars)
    module = min(w for _, w in bars)
    origin = bars[0][0]
    bits = ["0"] * 95
    for x, w in bars:
        start, n = round((x - origin) / module), round(w / module)
        assert 1 <= n <= 4 and start + n <= 95, (x, w, module)
        bits[start:start + n] = ["1"] * n
    code = "".join(bits)
    assert code[:3] == "101" and code[45:50] == "01010" and code[92:] == "101", code
    left, parity = "", ""
    for i in range(6):
        chunk = code[3 + 7 * i:10 + 7 * i]
        if chunk in _L:
            left += str(_L.index(chunk)); parity += "L"
        else:
            left += str(_G.index(chunk)); parity += "G"
    right = "".join(str(_R.index(code[50 + 7 * i:57 + 7 * i])) for i in range(6))
    digits = str(_PARITY.index(parity)) + left + right
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits[:12]))
    assert (10 - total % 10) % 10 == int(digits[12]), f"{digits}: bad check digit"
    return digits


def svg_bars(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(w)) for x, w in
            re.findall(r'<rect x="([\d.]+)mm" y="[\d.]+mm" width="([\d.]+)mm"', svg)]


def _black(colour) -> bool:
    """Black: RGB or grey 0, or black ink alone (a press cover's CMYK)."""
    values = tuple(colour) if isinstance(colour, (tuple, list)) else (colour,)
    return values in ((0, 0, 0), (0,), (0, 0, 0, 1))


def _white(colour) -> bool:
    """White: RGB or grey 1, or no ink."""
    values = tuple(colour) if isinstance(colour, (tuple, list)) else (colour,)
    return values in ((1, 1, 1), (1,), (0, 0, 0, 0))


def pdf_page(path: Path):
    pdf = pdfplumber.open(path)
    page = pdf.pages[0]
    background = max(page.rects, key=lambda r: r["width"] * r["height"])
    return pdf, page, background


def pdf_bars(path: Path):
    """The barcode's bars in the PDF (black rects as tall as bars), and the
    full-bleed background rect."""
    pdf, page, background = pdf_page(path)
    bars = [r for r in page.rects if _black(r["non_stroking_color"]) and r["height"] > 40]
    pdf.close()
    return bars, background


# ------------------------------------------------------------------ geometry
PAPERS = {
    "": lambda pages: pages * 0.002252,                 # the default: KDP white paper
    'paper = { caliper = "0.0025in" }': lambda pages: pages * 0.0025,
    "paper = { ppi = 526 }": lambda pages: pages / 526,
}


@pytest.mark.parametrize("paper", list(PAPERS), ids=["default", "caliper", "ppi"])
def test_media_trim_and_bleed_boxes(tmp_path, paper):
    book, profile = book_and_profile(tmp_path, paper)
    for pages in (24, 200, 480):
        spine = PAPERS[paper](pages) * 72
        assert spine_width_in(pages, profile.paper) * 72 == pytest.approx(spine)
        out = write_cover(book, tmp_path / f"cover-{pages}.pdf", page_count=pages,
                          profile=profile, epoch=EPOCH)
        with pikepdf.open(out) as doc:
            assert len(doc.pages) == 1
            page = doc.pages[0]
            media = [float(v) for v in page.MediaBox]
            trim = [float(v) for v in page.TrimBox]
            bleed = [float(v) for v in page.BleedBox]
        # the marks in a slug beyond the bleed (`press.add_slug`)
        slug = SLUG_PT if profile.crop_marks else 0.0
        width = 2 * TRIM_W + spine + 2 * BLEED
        assert bleed[2] - bleed[0] == pytest.approx(width, abs=0.5), pages
        assert bleed[3] - bleed[1] == pytest.approx(TRIM_H + 2 * BLEED, abs=0.5)
        assert media[2] - media[0] == pytest.approx(width + 2 * slug, abs=0.5)
        # the trim box is the three panels, the bleed all around it
        assert trim[2] - trim[0] == pytest.approx(2 * TRIM_W + spine, abs=0.5)
        assert trim[3] - trim[1] == pytest.approx(TRIM_H, abs=0.5)
        assert trim[0] - bleed[0] == pytest.approx(BLEED, abs=0.01)
        assert trim[1] - bleed[1] == pytest.approx(BLEED, abs=0.01)
        assert bleed[0] - media[0] == pytest.approx(slug, abs=0.01)


@pytest.mark.parametrize("name", ["default", "proof"])
def test_a_cover_always_has_bleed(tmp_path, name):
    """A profile without bleed (the default, `proof`) still gets 0.125 in of
    bleed round the cover, which is colour to the edge: no printer can trim
    it flush. No marks: the profile asks for none."""
    config = load_config(make_config(tmp_path))
    book = Book(meta=config.book_meta(), parts=[])
    profile = config.default_profile if name == "default" else config.print_profile(name)
    out = write_cover(book, tmp_path / "c.pdf", page_count=200, profile=profile, epoch=EPOCH)
    with pikepdf.open(out) as doc:
        page = doc.pages[0]
        media, trim, bleed = ([float(v) for v in page[k]]
                              for k in ("/MediaBox", "/TrimBox", "/BleedBox"))
    assert [t - b for t, b in zip(trim[:2], bleed[:2])] == pytest.approx([9, 9], abs=0.01)
    assert [b - t for t, b in zip(trim[2:], bleed[2:])] == pytest.approx([9, 9], abs=0.01)
    assert media == pytest.approx(bleed, abs=0.01)
    assert trim[2] - trim[0] == pytest.approx(2 * TRIM_W + 200 * 0.002252 * 72, abs=0.5)


def test_bad_paper_settings_are_refused_with_one_line(tmp_path):
    for paper, words in [('paper = { caliper = "0.0025in", ppi = 400 }', "both caliper and ppi"),
                         ('paper = { caliper = "0.0025" }', "not a length"),
                         ('paper = { caliper = "0.0045in" }', "not the thickness of one page"),
                         ('paper = { ppi = "400" }', "pages per inch"),
                         ('paper = { ppi = 40 }', "pages per inch"),
                         ('paper = "0.002in"', "expected a table")]:
        cfg = make_config(tmp_path, paper)
        with pytest.raises(ConfigError) as err:
            load_config(cfg)
        message = str(err.value)
        assert "\n" not in message and words in message, message
        assert message.startswith(f"{cfg}:{PAPER_LINE}: key 'print.paper': "), message
        assert "caliper" in message or "ppi" in message


# ------------------------------------------------------------------ barcode
def test_isbn13_forms():
    for given in (ISBN, "978-0-306-40615-7", "urn:isbn:9780306406157", "urn:isbn:978-0-306-40615-7",
                  "ISBN 978 0 306 40615 7"):
        assert isbn13(given) == ISBN, given
    for not_isbn in ("urn:uuid:12345678-1234-5678-1234-567812345678", "9780306406158",
                     "0306406152", "", None):
        assert isbn13(not_isbn) is None, not_isbn


def test_the_isbn_above_the_bars_is_hyphenated_by_the_isbn_ranges():
    """The config keeps the 13 digits; the label is hyphenated from the ISBN
    agency's range table (python-stdnum), whatever hyphens were written."""
    for given in ("urn:isbn:978-0-306-40615-7", "ISBN 978 0 306 40615 7", ISBN,
                  "978-0306406157", "urn:isbn:9780306406157"):
        assert isbn_label(given) == "978-0-306-40615-7", given
    # other groups and publisher prefixes: lengths only the range table knows
    assert isbn_label("9781861972712") == "978-1-86197-271-2"
    assert isbn_label("9791032305690") == "979-10-323-0569-0"


def test_the_cover_prints_the_hyphenated_isbn_from_the_config(tmp_path):
    book, profile = book_and_profile(tmp_path, identifier="978-0-306-40615-7")
    assert book.meta.identifier == f"urn:isbn:{ISBN}"      # the config's digits only
    out = write_cover(book, tmp_path / "c.pdf", page_count=120, profile=profile, epoch=EPOCH)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "ISBN 978-0-306-40615-7" in text


def test_barcode_svg_decodes_to_the_isbn():
    svg = barcode_svg(ISBN)
    assert svg.startswith("<svg") and "<text" not in svg
    assert decode_ean13(svg_bars(svg)) == ISBN
    other = "9781861972712"
    assert decode_ean13(svg_bars(barcode_svg(other))) == other


def test_barcode_in_the_pdf_decodes_and_sits_in_the_safe_area(tmp_path):
    book, profile = book_and_profile(tmp_path, identifier="978-0-306-40615-7")
    out = write_cover(book, tmp_path / "cover.pdf", page_count=200, profile=profile, epoch=EPOCH)
    bars, bg = pdf_bars(out)
    assert decode_ean13([(r["x0"], r["width"]) for r in bars]) == ISBN
    # on the back, inside the trim by the safe margin, never in the bleed or the spine
    trim_left, trim_top = bg["x0"] + BLEED, bg["top"] + BLEED
    safe = SAFE_IN * 72
    assert min(r["x0"] for r in bars) >= trim_left + safe
    assert max(r["x1"] for r in bars) <= trim_left + TRIM_W - safe
    assert min(r["top"] for r in bars) >= trim_top + safe
    assert max(r["bottom"] for r in bars) <= trim_top + TRIM_H - safe
    # the quiet zones are white: a white box wider than the bars by 11 modules a side
    pdf, page, _ = pdf_page(out)
    white = [r for r in page.rects if _white(r["non_stroking_color"])]
    box = max(white, key=lambda r: r["width"])
    module = min(r["width"] for r in bars)
    assert box["x0"] <= min(r["x0"] for r in bars) - 11 * module + 0.1
    assert box["x1"] >= max(r["x1"] for r in bars) + 7 * module - 0.1
    text = page.extract_text()
    pdf.close()
    assert "ISBN 978-0-306-40615-7" in text


@pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                    reason="zbarimg (Debian zbar-tools) or pdftoppm not installed")
def test_zbarimg_reads_the_rendered_barcode(tmp_path):
    book, profile = book_and_profile(tmp_path)
    out = write_cover(book, tmp_path / "cover.pdf", page_count=120, profile=profile, epoch=EPOCH)
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-singlefile", str(out),
                    str(tmp_path / "cover")], check=True)
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "cover.png")],
                            capture_output=True, text=True)
    assert result.stdout.split() == [ISBN], (result.stdout, result.stderr)


def test_no_barcode_without_an_isbn(tmp_path):
    book, profile = book_and_profile(tmp_path,
                                     identifier="urn:uuid:12345678-1234-5678-1234-567812345678")
    html, _ = cover_html(book, profile, 200)
    assert "barcode" not in html and "<rect" not in html
    out = write_cover(book, tmp_path / "cover.pdf", page_count=200, profile=profile, epoch=EPOCH)
    bars, _ = pdf_bars(out)
    assert bars == []
    pdf, page, _ = pdf_page(out)
    text = page.extract_text()
    pdf.close()
    assert "ISBN" not in text and "A short description" in text


def test_wrong_isbn_check_digit_is_refused_by_config(tmp_path):
    cfg = make_config(tmp_path, identifier="978-0-306-40615-8")
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{cfg}:6: key 'book.identifier': ")
    assert "wrong check digit (expected 7)" in message


# ------------------------------------------------------------------ spine
def _turned_chars(path: Path):
    pdf, page, bg = pdf_page(path)
    chars = [c for c in page.chars if not c["upright"] and c["text"].strip()]
    pdf.close()
    return chars, bg


def test_spine_text_only_on_a_wide_enough_spine(tmp_path):
    book, profile = book_and_profile(tmp_path)
    assert spine_text(book, geometry(profile, 24)) is None           # 0.054in
    assert spine_text(book, geometry(profile, 100)) is None          # 0.2252in
    assert spine_text(book, geometry(profile, 112)) is not None      # 0.2522in

    thin = write_cover(book, tmp_path / "thin.pdf", page_count=24, profile=profile, epoch=EPOCH)
    chars, _ = _turned_chars(thin)
    assert chars == []

    thick = write_cover(book, tmp_path / "thick.pdf", page_count=300, profile=profile,
                        epoch=EPOCH)
    chars, bg = _turned_chars(thick)
    # read top to bottom (the turned characters in page order)
    text = "".join(c["text"] for c in sorted(chars, key=lambda c: c["top"]))
    assert "ASmallBookofMutualAid" in text and "AnnEditor" in text
    spine = 300 * 0.002252 * 72
    fold_left = bg["x0"] + BLEED + TRIM_W
    margin = SPINE_FOLD_MARGIN_IN * 72
    # the text's box (pdfplumber: one font size across) between the folds
    assert min(c["x0"] for c in chars) >= fold_left + margin
    assert max(c["x1"] for c in chars) <= fold_left + spine - margin
    trim_top = bg["top"] + BLEED
    assert min(c["top"] for c in chars) >= trim_top + SAFE_IN * 72
    assert max(c["bottom"] for c in chars) <= trim_top + TRIM_H - SAFE_IN * 72
    if shutil.which("pdftoppm"):
        # the ink, as printed: centred across the spine, clear of the folds
        left, right = _ink_across(thick, tmp_path, SLUG_PT + BLEED + TRIM_W, spine)
        assert left >= TRIM_W + margin and right <= TRIM_W + spine - margin
        assert (left + right) / 2 == pytest.approx(TRIM_W + spine / 2, abs=1.0)


def _ink_across(pdf: Path, tmp_path: Path, x: float, width: float) -> tuple[float, float]:
    """The leftmost and rightmost ink (not the background colour) in the
    strip `x`…`x + width` (points from the media box's left), between 1in
    from the head and 1in from the foot; in points from the trim's left
    (the press cover's: a slug and the bleed from the media's edge)."""
    from PIL import Image

    from kroppress.render.cover_image import BACKGROUND
    dpi = 600
    px = lambda pt: int(round(pt * dpi / 72))  # noqa: E731
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-x", str(px(x)),
                    "-y", str(px(SLUG_PT + BLEED + 72)), "-W", str(px(width)), "-H", str(px(TRIM_H - 144)),
                    str(pdf), str(tmp_path / "strip")], check=True)
    image = Image.open(tmp_path / "strip.png").convert("RGB")
    w, h = image.size
    ink = [i for i in range(w) for j in range(0, h, 4)
           if sum(abs(a - b) for a, b in zip(image.getpixel((i, j)), BACKGROUND)) > 120]
    edge = SLUG_PT + BLEED
    return (min(ink) * 72 / dpi + x - edge, (max(ink) + 1) * 72 / dpi + x - edge)


def test_front_has_the_epub_cover_design(tmp_path):
    from kroppress.render.cover_image import DESIGN, title_block
    book, profile = book_and_profile(tmp_path)
    html, css = cover_html(book, profile, 200)
    block = title_block(book.meta.title, book.meta.subtitle, book.meta.editors)
    # the same lines as the PNG, at the PNG's size scaled to the trim width
    size, lines = block["title"]
    assert "<br/>".join(lines) in html
    assert f"font-size:{size * TRIM_W / 1600:.3f}pt" in html
    # a press cover in the press's inks, the default one in the design's sRGB
    assert "device-cmyk(0 0.94 0.87 0.58)" in css and "#" not in css
    _, screen_css = cover_html(book, default_profile(), 200)
    assert "#{:02x}{:02x}{:02x}".format(*DESIGN["background"]) in screen_css


def test_reproducible(tmp_path):
    book, profile = book_and_profile(tmp_path)
    a = write_cover(book, tmp_path / "a.pdf", page_count=200, profile=profile, epoch=EPOCH)
    b = write_cover(book, tmp_path / "b.pdf", page_count=200, profile=profile, epoch=EPOCH)
    assert a.read_bytes() == b.read_bytes()
    with pikepdf.open(a) as doc:
        assert str(doc.docinfo["/CreationDate"]).startswith("D:20231114")


# ------------------------------------------------------------------ build and CLI
def test_output_name(tmp_path):
    config = load_config(make_config(tmp_path))
    out = Path("dist")
    assert output_paths(config, ["cover"], out)["cover"].name == "a-small-book-of-mutual-aid-cover.pdf"
    assert output_paths(config, ["pdf", "cover"], out, "one", "press")["cover"].name == \
        "a-small-book-of-mutual-aid-one-press-cover.pdf"


@pytest.fixture
def layouts(monkeypatch):
    """Count the interior layouts (calls of the PDF writer)."""
    calls: list[Path] = []
    real = pdf_mod.write_pdf

    def spy(book, path, **kwargs):
        calls.append(Path(path))
        return real(book, path, **kwargs)
    monkeypatch.setattr(pdf_mod, "write_pdf", spy)
    return calls


def test_build_lays_the_interior_out_once(tmp_path, layouts, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    cfg = make_config(tmp_path)
    out = tmp_path / "dist"
    run_build(cfg, "pdf,cover", profile="press", out_dir=out, jobs=1)
    assert len(layouts) == 1
    interior = out / "a-small-book-of-mutual-aid-press.pdf"
    cover = out / "a-small-book-of-mutual-aid-press-cover.pdf"
    with pikepdf.open(interior) as doc:
        pages = len(doc.pages)
    assert pages % 4 == 0             # press rounds to 4
    with pikepdf.open(cover) as doc:
        width = float(doc.pages[0].TrimBox[2]) - float(doc.pages[0].TrimBox[0])
    assert width == pytest.approx(2 * TRIM_W + pages * 0.002252 * 72, abs=0.5)
    first = cover.read_bytes()

    # a cover alone next to an up-to-date interior: its page count, no layout
    cover.unlink()
    run_build(cfg, "cover", profile="press", out_dir=out, jobs=1)
    assert len(layouts) == 1 and cover.read_bytes() == first

    # without one: laid out once into a temp file, which is gone afterwards
    other = tmp_path / "other"
    run_build(cfg, "cover", profile="press", out_dir=other, jobs=1)
    assert len(layouts) == 2
    assert sorted(p.name for p in other.iterdir() if not p.name.startswith(".kroppress")) == \
        [cover.name]
    assert (other / cover.name).read_bytes() == first


def test_cli_format_cover_writes_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    cfg = make_config(tmp_path, "paper = { ppi = 444 }")
    out = tmp_path / "dist"
    result = CliRunner().invoke(app, ["build", "--config", str(cfg), "--out", str(out),
                                      "--format", "cover", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == \
        ["a-small-book-of-mutual-aid-cover.pdf"]


def test_cli_bad_paper_exit_2_one_line_nothing_written(tmp_path):
    cfg = make_config(tmp_path, 'paper = { caliper = "0.0025in", ppi = 400 }')
    out = tmp_path / "dist"
    result = CliRunner().invoke(app, ["build", "--config", str(cfg), "--out", str(out),
                                      "--format", "cover"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1, result.output
    assert result.output.startswith(f"error: {cfg}:{PAPER_LINE}: key 'print.paper': both caliper and ppi")
    assert "Traceback" not in result.output
    assert not out.exists()


def test_format_help_names_cover():
    assert "cover" in build_mod.FORMAT_HELP
    assert build_mod.parse_formats("pdf,cover") == ["pdf", "cover"]
    assert build_mod.parse_formats("all") == ["epub", "pdf"]


def test_bars_at_nominal_height_unless_the_profile_shortens_them(tmp_path):
    """GS1's 22.85 mm at 100 % by default; `barcode_height` shortens them
    (to half at least); a height outside that is one line of error."""
    book, profile = book_and_profile(tmp_path)
    mm = 72 / 25.4
    for height, bars_mm in ((None, 22.85), ("15mm", 15.0)):
        p = profile if height is None else dataclasses.replace(profile, barcode_height=Length.parse(height))
        out = write_cover(book, tmp_path / f"c-{height}.pdf", page_count=120, profile=p,
                          epoch=EPOCH)
        with pdfplumber.open(out) as pdf:
            tall = [r["height"] for r in pdf.pages[0].rects if _black(r["non_stroking_color"])]
        # the normal bars (the guard bars are 10 % longer)
        assert min(h for h in tall if h > 10 * mm) == pytest.approx(bars_mm * mm, abs=0.1)
    cfg = make_config(tmp_path, paper='barcode_height = "5mm"')
    with pytest.raises(ConfigError) as err:
        load_config(cfg)
    assert "barcode_height" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.skipif(not icc.profile_path().is_file(),
                    reason="the CMYK profile is made by the first press build (kroppress.icc)")
def test_the_press_inks_are_the_design_converted_to_the_output_profile():
    """PRESS_INKS is the sRGB design through FOGRA39L (relative colorimetric):
    a changed design colour fails here until its inks are converted again;
    the red ground stays under the 300 % ink limit."""
    from PIL import Image, ImageCms

    from kroppress.writers.pdf.wrap_cover import PRESS_INKS, SCREEN_INKS
    to_cmyk = ImageCms.buildTransform(ImageCms.createProfile("sRGB"),
                                      ImageCms.getOpenProfile(str(icc.profile_path())),
                                      "RGB", "CMYK",
                                      renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    for key in ("background", "ink", "accent"):
        pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), SCREEN_INKS[key]),
                                        to_cmyk).getpixel((0, 0))
        assert PRESS_INKS[key] == pytest.approx([v / 255 for v in pixel], abs=0.01), key
    assert sum(PRESS_INKS["background"]) * 100 < 300

"""The press PDF is PDF/X-4: read back from the file the build writes.

The shipped anthology is built with the built-in `press` profile twice (same
SOURCE_DATE_EPOCH, two output folders: two real builds) and once with the
default profile (the false-positive control: no output intent, no PDF/X
conformance). The CMYK output profile is made once by `kroppress.render.icc` (about
a minute of colprof the first time, then read from the cache folder).
"""
from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

import pikepdf

from kroppress.render import icc
from kroppress.build.run import run_build
from kroppress.config import Length, load_config
from kroppress.errors import KroppressError
from kroppress.render.fetch import FetchRefused, SafeFetcher
from kroppress.writers.pdf import default_profile, page_css, write_pdf

ROOT = Path(__file__).resolve().parents[3]
EPOCH = "1746057600"  # 2025-05-01T00:00:00Z
TOLERANCE = 0.5       # pt

needs_tools = pytest.mark.skipif(
    not (icc.profile_path().is_file() or (icc.TI3.is_file() and shutil.which("colprof"))),
    reason="the CMYK profile needs Debian's icc-profiles-free and argyll "
           "(scripts/system-deps.sh)")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pdfx")
    for folder in ("seeds", "editorial"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "anthology.toml", root / "anthology.toml")
    return root / "anthology.toml"


@pytest.fixture(scope="module")
def epoch():
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    yield int(EPOCH)
    if old is None:
        os.environ.pop("SOURCE_DATE_EPOCH")
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


def _build(project: Path, profile: str | None, name: str) -> Path:
    [path] = run_build(project, "pdf", profile=profile, out_dir=project.parent / name)
    return path


@pytest.fixture(scope="module")
def press_path(project, epoch) -> Path:
    return _build(project, "press", "dist-press")


@pytest.fixture(scope="module")
def press(press_path):
    with pikepdf.open(press_path) as pdf:
        yield pdf


def _icc_streams(pdf) -> list:
    """The ICC profiles in `pdf` (streams whose data has the ICC signature)."""
    return [o for o in pdf.objects if isinstance(o, pikepdf.Stream)
            and o.get("/Type") != pikepdf.Name.ObjStm and o.read_bytes()[36:40] == b"acsp"]


def _xmp(pdf) -> dict:
    # read only: open_metadata() would otherwise rewrite the docinfo on exit
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        return {k: meta.get(k) for k in ("pdfxid:GTS_PDFXVersion", "dc:title", "pdf:Trapped",
                                         "xmp:CreateDate", "xmp:ModifyDate",
                                         "xmp:MetadataDate", "xmpMM:DocumentID")}


# ------------------------------------------------------------------ the press PDF
@needs_tools
def test_press_profile_is_pdfx4(project):
    profile = load_config(project).print_profile("press")
    assert profile.pdf_variant == "pdf/x-4"
    css = page_css(profile)
    assert "@color-profile device-cmyk" in css and icc.profile_path().as_uri() in css
    assert "@color-profile" not in page_css(default_profile())


@needs_tools
def test_conformance_in_xmp_and_info(press):
    xmp = _xmp(press)
    assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    assert xmp["pdf:Trapped"] == "False"
    # the dates come from the build epoch, not the clock (WeasyPrint's pdfx()
    # would use localtime() if kroppress left them unset)
    assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == xmp["xmp:MetadataDate"] \
        == "2025-05-01T00:00:00Z"
    assert xmp["xmpMM:DocumentID"].startswith("xmp.did:")
    info = press.docinfo
    assert str(info.GTS_PDFXVersion) == "PDF/X-4"
    assert str(info.Trapped) == "/False"
    assert str(info.CreationDate) == str(info.ModDate) == "D:20250501000000Z"
    title = str(info.Title)
    assert title and xmp["dc:title"] == title


@needs_tools
def test_output_intent_is_the_fogra39_cmyk_profile(press):
    [intent] = list(press.Root.OutputIntents)
    assert intent.Type == pikepdf.Name.OutputIntent
    assert intent.S == pikepdf.Name.GTS_PDFX
    assert str(intent.OutputConditionIdentifier) == "FOGRA39"
    assert str(intent.RegistryName) == "http://www.color.org"
    profile = intent.DestOutputProfile
    assert int(profile.N) == 4
    data = profile.read_bytes()
    assert data[36:40] == b"acsp"
    assert data[12:16] == b"prtr" and data[16:20] == b"CMYK"
    assert data == icc.profile_path().read_bytes()        # the file's own bytes
    # one copy of the profile: the chunks' pages share the output intent's
    assert [c.objgen for c in _icc_streams(press)] == [profile.objgen]


@needs_tools
def test_every_page_has_trim_inside_bleed_inside_media(press, project):
    profile = load_config(project).print_profile("press")
    width, height = profile.width.pt, profile.height.pt
    assert (width, height) == pytest.approx((5.5 * 72, 8.5 * 72))   # anthology.toml: no [print]
    assert len(press.pages) % 4 == 0
    for i, page in enumerate(press.pages, 1):
        media, bleed, trim = ([float(x) for x in page.obj[k]]
                              for k in ("/MediaBox", "/BleedBox", "/TrimBox"))
        assert _inside(trim, bleed) and _inside(bleed, media), i
        assert trim[2] - trim[0] == pytest.approx(width, abs=TOLERANCE), i
        assert trim[3] - trim[1] == pytest.approx(height, abs=TOLERANCE), i
        assert bleed != trim, i                                 # press: 0.125in of bleed


def _inside(inner, outer) -> bool:
    return (inner[0] >= outer[0] - 1e-6 and inner[1] >= outer[1] - 1e-6
            and inner[2] <= outer[2] + 1e-6 and inner[3] <= outer[3] + 1e-6)


@needs_tools
def test_fonts_embedded_no_encryption_and_an_id(press):
    assert not press.is_encrypted and "/Encrypt" not in press.trailer
    assert len(press.trailer.ID) == 2
    fonts = [o for o in press.objects
             if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == pikepdf.Name.Font]
    descriptors = []
    for font in fonts:
        for f in (list(font.DescendantFonts) if "/DescendantFonts" in font else [font]):
            if "/FontDescriptor" in f:
                descriptors.append(f.FontDescriptor)
    assert fonts and descriptors
    for d in descriptors:
        assert "/FontFile2" in d or "/FontFile3" in d, d.get("/FontName")


@needs_tools
def test_two_builds_with_the_same_epoch_are_identical(press_path, project, epoch):
    again = _build(project, "press", "dist-press-again")
    assert again.read_bytes() == press_path.read_bytes()


@needs_tools
def test_default_profile_has_no_output_intent(project, epoch):
    path = _build(project, None, "dist-default")
    with pikepdf.open(path) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "/GTS_PDFXVersion" not in pdf.docinfo
        assert _xmp(pdf)["pdfxid:GTS_PDFXVersion"] is None
        assert not _icc_streams(pdf)


@needs_tools
@pytest.mark.parametrize("layout", ["single", "chunks"])
def test_both_layouts_write_the_output_intent(tmp_path, book, layout, monkeypatch):
    """A short book laid out whole, or in chunks joined by pikepdf: the front
    chunk's catalog and XMP survive the join."""
    from kroppress.writers.pdf.chunks import task
    # the in-process chunks' fonts and stylesheets are dropped after the test,
    # not at interpreter exit (where WeasyPrint's FontConfiguration.__del__ fails)
    monkeypatch.setattr(task, "_STATE", {})
    press = dataclasses.replace(default_profile(), name="press", pdf_variant="pdf/x-4",
                                bleed=Length.parse("0.125in"), crop_marks=True, round_pages_to=4)
    path = write_pdf(book, tmp_path / f"{layout}.pdf", epoch=int(EPOCH), profile=press,
                     layout=layout)
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA39"
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert _xmp(pdf)["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert all("/TrimBox" in p.obj and "/BleedBox" in p.obj for p in pdf.pages)


# ------------------------------------------------------------------ the fetcher
def test_fetcher_serves_the_profile_and_nothing_next_to_it(tmp_path, monkeypatch):
    monkeypatch.setenv("KROPPRESS_CACHE_DIR", str(tmp_path / "cache"))
    target = icc.profile_path()
    assert target == tmp_path / "cache" / "icc" / "FOGRA39L.icc"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"icc")
    other = target.parent / "other.icc"
    other.write_bytes(b"secret")
    fetcher = SafeFetcher()
    data, mime, real = fetcher.read(target.as_uri())
    assert data == b"icc" and real == target
    for refused in (other, target.parent, target.parent / "FOGRA39L.ti3"):
        with pytest.raises(FetchRefused):
            fetcher.read(refused.as_uri())
    assert len(fetcher.warnings) == 3
    # a symlink named like an allowed file elsewhere is not the allowed file
    link = tmp_path / "link.icc"
    link.symlink_to(other)
    with pytest.raises(FetchRefused):
        fetcher.read(link.as_uri())
    # a fetcher with its own roots serves no default file
    with pytest.raises(FetchRefused):
        SafeFetcher(roots=[tmp_path / "elsewhere"]).read(target.as_uri())


# ------------------------------------------------------------------ kroppress.render.icc
def test_missing_data_or_tools_name_the_debian_packages(tmp_path, monkeypatch):
    monkeypatch.setenv("KROPPRESS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(icc, "TI3", tmp_path / "no" / "FOGRA39L.ti3")
    with pytest.raises(KroppressError, match="apt-get install icc-profiles-free argyll") as e:
        icc.cmyk_profile()
    assert "\n" not in str(e.value)
    ti3 = tmp_path / "FOGRA39L.ti3"
    ti3.write_text("CTI3\n")
    monkeypatch.setattr(icc, "TI3", ti3)
    monkeypatch.setattr(icc.shutil, "which", lambda name: None)
    with pytest.raises(KroppressError, match=r"colprof \(argyll\).*icc-profiles-free argyll"):
        icc.cmyk_profile()
    assert not icc.profile_path().exists()


def test_the_header_date_is_fixed():
    header = bytearray(128)
    header[36:40] = b"acsp"
    header[24:36] = bytes(range(1, 13))           # colprof: the time it ran
    fixed = icc.fix_header(bytes(header) + b"tags")
    assert fixed[24:36] == bytes.fromhex("07d9 0001 0001 0000 0000 0000")   # 2009-01-01
    assert fixed[:24] == bytes(header[:24]) and fixed[36:] == bytes(header[36:]) + b"tags"
    with pytest.raises(ValueError):
        icc.fix_header(b"not a profile")


@needs_tools
def test_the_cached_profile_is_a_cmyk_output_profile():
    data = icc.cmyk_profile().read_bytes()
    assert icc.header(data) == ("prtr", "CMYK")
    assert data[20:24] == b"Lab "
    assert data[24:36] == icc.fix_header(data)[24:36]


@needs_tools
def test_text_and_rules_are_black_ink_alone(press):
    """Black text and rules in DeviceCMYK 0 0 0 1, not RGB black (which a RIP
    would turn into a four-colour black). WeasyPrint's own crop marks (a form
    XObject drawn by WeasyPrint, not styled by CSS) stay RGB black: they lie
    outside the TrimBox and are cut off with the bleed."""
    colours = {"cmyk-k": 0, "cmyk-grey": 0, "rgb": 0}
    for page in press.pages:
        for operands, op in pikepdf.parse_content_stream(page):
            values = [float(x) for x in operands] if str(op) in ("scn", "rg", "RG") else []
            if str(op) == "scn" and values == [0, 0, 0, 1]:
                colours["cmyk-k"] += 1
            elif str(op) == "scn" and values == [0, 0, 0, 0.5]:   # the scene breaks
                colours["cmyk-grey"] += 1
            elif str(op) in ("rg", "RG", "g", "G"):
                colours["rgb"] += 1
    assert colours["cmyk-k"] > len(press.pages) and colours["cmyk-grey"], colours
    assert colours["rgb"] == 0, colours

"""Each check of `kroppress.preflight` against a file that has its fault
(planted with pikepdf, one per test) and the clean file it was planted in."""
from __future__ import annotations

import re
import shutil

import pikepdf
import pytest

from kroppress.preflight import Options, PreflightError, errors, preflight

from pdfx_files import BLEED, CLEAN_CONTENT, image, make_fixture

#: the synthetic files are judged without Ghostscript unless a test asks
@pytest.fixture
def make(tmp_path):
    return make_fixture(tmp_path)


NO_INK = Options(ink=False)


def found(path, options=NO_INK, severity="error"):
    return [f for f in preflight(path, options) if f.severity == severity]


def only(path, check, options=NO_INK, severity="error"):
    """The findings of `path`: all of family `check`, at least one."""
    out = found(path, options, severity)
    assert out and all(f.check == check for f in out), [f.line() for f in out]
    return out


def test_the_clean_file_has_no_finding(make):
    assert preflight(make(), NO_INK) == []


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript (gs) not installed")
def test_the_clean_file_passes_the_ink_check_too(make):
    assert preflight(make()) == []


# ------------------------------------------------------------------ colour
@pytest.mark.parametrize("content, space", [
    (b"1 0 0 rg 10 10 50 50 re f\n", "DeviceRGB"),
    (b"0 0 1 RG 10 10 m 100 100 l S\n", "DeviceRGB"),
    (b"1 0 0 rg BT /F1 12 Tf 72 400 Td (Hello) Tj ET\n", "DeviceRGB"),
])
def test_rgb_paint_is_an_error(make, content, space):
    out = only(make(content), "colour")
    assert [f.page for f in out] == [1, 2, 3, 4] and all(space in f.message for f in out)


def test_icc_rgb_and_lab_are_errors(make):
    def edit(pdf):
        icc = pdf.make_stream(b"x", N=3)
        for page in pdf.pages:
            page.Resources.ColorSpace = pikepdf.Dictionary(
                CS0=pikepdf.Array([pikepdf.Name.ICCBased, icc]),
                CS1=pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.95, 1, 1.09])]))
    out = only(make(b"/CS0 cs 1 0 0 sc 0 0 9 9 re f /CS1 cs 50 0 0 sc 0 0 9 9 re f\n",
                    edit=edit), "colour")
    assert {"ICCBased RGB", "Lab"} <= {w for f in out for w in ("ICCBased RGB", "Lab")
                                       if w in f.message}


def test_rgb_image_in_a_form_xobject_is_found(make):
    def edit(pdf):
        for page in pdf.pages:
            form = pdf.make_stream(b"q 360 0 0 360 0 0 cm /Im0 Do Q", Type=pikepdf.Name.XObject,
                                   Subtype=pikepdf.Name.Form, BBox=[0, 0, 360, 360],
                                   Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(
                                       Im0=image(pdf, 1600, "/DeviceRGB"))))
            page.Resources.XObject = pikepdf.Dictionary(Fm0=form)
    [f, *_] = only(make(CLEAN_CONTENT + b"/Fm0 Do\n", edit=edit), "colour")
    assert "image" in f.message and "form /Fm0" in f.obj


def test_rgb_in_an_annotation_appearance_is_found(make):
    def edit(pdf):
        ap = pdf.make_stream(b"0 1 0 rg 0 0 10 10 re f", Type=pikepdf.Name.XObject,
                             Subtype=pikepdf.Name.Form, BBox=[0, 0, 10, 10])
        pdf.pages[0].obj.Annots = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.PrinterMark, Rect=[-20, -20, -10, -10],
            AP=pikepdf.Dictionary(N=ap))])
    [f] = only(make(edit=edit), "colour")
    assert "annotation 1" in f.obj


def test_an_rgb_transparency_group_is_an_error(make):
    def edit(pdf):
        pdf.pages[1].obj.Group = pikepdf.Dictionary(Type=pikepdf.Name.Group,
                                                    S=pikepdf.Name.Transparency,
                                                    CS=pikepdf.Name.DeviceRGB)
    [f] = only(make(edit=edit), "colour")
    assert f.page == 2 and "transparency group" in f.message


def test_rich_black_text_is_a_warning(make):
    path = make(b"0.6 0.5 0.4 1 k BT /F1 12 Tf 72 400 Td (Hello) Tj ET\n")
    assert found(path) == []
    [f, *_] = found(path, severity="warning")
    assert f.check == "colour" and "rich black" in f.message


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript (gs) not installed")
def test_total_ink_over_the_limit_is_an_error(make):
    path = make(b"0.9 0.9 0.9 0.9 k 0 0 100 100 re f\n", pages=1)
    [f] = only(path, "ink", Options())
    assert re.search(r"total ink 3(59|60) %", f.message) and f.page == 1
    assert preflight(path, Options(ink_limit=400)) == []


# ------------------------------------------------------------------ fonts, images
def test_an_unembedded_font_is_an_error(make):
    def edit(pdf):
        for page in pdf.pages:
            page.Resources.Font.F2 = pikepdf.Dictionary(Type=pikepdf.Name.Font,
                                                        Subtype=pikepdf.Name.Type1,
                                                        BaseFont=pikepdf.Name.Helvetica)
    [f] = only(make(CLEAN_CONTENT + b"BT /F2 9 Tf 72 300 Td (x) Tj ET\n", edit=edit), "fonts")
    assert "not embedded" in f.message and "Helvetica" in f.obj


def test_type3_and_whole_fonts(make):
    def edit(pdf):
        type3 = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, FontBBox=[0, 0, 1, 1],
            FontMatrix=[1, 0, 0, 1, 0, 0], CharProcs={}, Encoding={}, FirstChar=0,
            LastChar=0, Widths=[0]))
        for page in pdf.pages:
            page.Resources.Font.F3 = type3
        font = pdf.pages[0].Resources.Font.F1
        font.BaseFont = pikepdf.Name("/EBGaramond")
    path = make(edit=edit)
    [f] = only(path, "fonts")
    assert "Type 3" in f.message
    [w] = found(path, severity="warning")
    assert "not subset" in w.message


@pytest.mark.parametrize("pixels, severity", [(72, "error"), (250, "warning")])
def test_low_resolution_images(make, pixels, severity):
    def edit(pdf):
        for page in pdf.pages:
            page.Resources.XObject = pikepdf.Dictionary(Im0=image(pdf, pixels))
    # one inch square: `pixels` ppi
    path = make(CLEAN_CONTENT + b"q 72 0 0 72 100 100 cm /Im0 Do Q\n", edit=edit)
    out = [f for f in preflight(path, NO_INK) if f.check == "images"]
    assert len(out) == 4 and {f.severity for f in out} == {severity}
    assert f"{pixels} ppi" in out[0].message and out[0].obj.endswith("image /Im0")


def test_a_300_ppi_image_passes(make):
    def edit(pdf):
        for page in pdf.pages:
            page.Resources.XObject = pikepdf.Dictionary(Im0=image(pdf, 300))
    assert preflight(make(CLEAN_CONTENT + b"q 72 0 0 72 100 100 cm /Im0 Do Q\n", edit=edit),
                     NO_INK) == []


# ------------------------------------------------------------------ boxes
def _boxes(media, bleed, trim):
    def edit(pdf):
        page = pdf.pages[2].obj
        page.MediaBox, page.BleedBox = pikepdf.Array(media), pikepdf.Array(bleed)
        if trim is None:
            del page["/TrimBox"]
        else:
            page.TrimBox = pikepdf.Array(trim)
    return edit


@pytest.mark.parametrize("media, bleed, trim, says", [
    ((-27, -27, 387, 567), (-9, -9, 369, 549), None, "no TrimBox"),
    ((-27, -27, 387, 567), (-9, -9, 369, 549), (0, 0, 380, 540), "not inside the BleedBox"),
    ((-5, -5, 365, 545), (-9, -9, 369, 549), (0, 0, 360, 540), "not inside the MediaBox"),
    ((-27, -27, 387, 567), (-3, -3, 363, 543), (0, 0, 360, 540), "bleed 3.00 pt"),
    ((-27, -27, 387, 567), (-9, -9, 369, 549), (0, 0, 350, 540), "not page 1's"),
])
def test_box_faults(make, media, bleed, trim, says):
    out = only(make(edit=_boxes(media, bleed, trim)), "boxes")
    assert any(says in f.message and f.page == 3 for f in out), [f.line() for f in out]


def test_marks_in_the_bleed_with_media_equal_to_bleed(make):
    def edit(pdf):
        for page in pdf.pages:
            page.obj.MediaBox = pikepdf.Array(BLEED)
    # crop marks as WeasyPrint draws them: hairlines in the bleed, at the trim's corners
    marks = b"0 0 0 1 K 0.25 w -9 0 m -2 0 l S 0 -9 m 0 -2 l S 362 540 m 369 540 l S\n"
    [f, *_] = only(make(CLEAN_CONTENT + marks, edit=edit), "boxes")
    assert "3 mark(s) drawn in the bleed" in f.message


def test_marks_in_a_slug_outside_the_bleed_pass(make):
    marks = b"1 1 1 1 K 0.25 w -12 0 m -27 0 l S 0 -12 m 0 -27 l S\n"
    assert preflight(make(CLEAN_CONTENT + marks), NO_INK) == []


def test_page_labels_and_page_count(make):
    def edit(pdf):
        del pdf.Root["/PageLabels"]
    [f] = only(make(edit=edit), "boxes")
    assert "/PageLabels" in f.message
    [f] = only(make(pages=6), "boxes", Options(ink=False, pages_multiple=4))
    assert "6 pages, not a multiple of 4" in f.message


# ------------------------------------------------------------------ PDF/X
def test_a_link_in_the_trim_is_an_error(make):
    def edit(pdf):
        pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 72, 144, 90],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org"))))])
    [f] = only(make(edit=edit), "pdfx")
    assert "Link annotation inside the BleedBox" in f.message and f.page == 1


@pytest.mark.parametrize("what, says", [
    ("info", "no /GTS_PDFXVersion"), ("trapped", "/Trapped"), ("xmp", "pdfxid:GTS_PDFXVersion"),
    ("intent", "no /GTS_PDFX output intent"), ("rgb-intent", "not CMYK"),
    ("js", "JavaScript"), ("oc", "optional content"),
])
def test_pdfx_identification_and_contents(make, what, says):
    def edit(pdf):
        if what == "info":
            del pdf.docinfo["/GTS_PDFXVersion"]
        elif what == "trapped":
            del pdf.docinfo["/Trapped"]
        elif what == "xmp":
            del pdf.Root["/Metadata"]
        elif what == "intent":
            del pdf.Root["/OutputIntents"]
        elif what == "rgb-intent":
            pdf.Root.OutputIntents[0].DestOutputProfile.write(ICC_RGB)
        elif what == "js":
            pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript,
                                                     JS=pikepdf.String("app.alert(1)"))
        elif what == "oc":
            ocg = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG,
                                                       Name=pikepdf.String("hidden")))
            pdf.Root.OCProperties = pikepdf.Dictionary(OCGs=[ocg], D=pikepdf.Dictionary(OFF=[ocg]))
    out = only(make(edit=edit), "pdfx")
    assert any(says in f.message for f in out), [f.line() for f in out]


ICC_RGB = b"\0\0\0\x80" + b"\0" * 8 + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp" + b"\0" * 88


def test_encryption(make, tmp_path):
    clean = make()
    with pikepdf.open(clean) as pdf:
        pdf.save(tmp_path / "open.pdf", encryption=pikepdf.Encryption(owner="o", user=""))
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
    [f] = only(tmp_path / "open.pdf", "pdfx")
    assert "encrypted" in f.message
    with pytest.raises(PreflightError):
        preflight(tmp_path / "locked.pdf", NO_INK)


def test_a_file_that_is_not_a_pdf(tmp_path):
    (tmp_path / "x.pdf").write_text("not a PDF")
    with pytest.raises(PreflightError):
        preflight(tmp_path / "x.pdf")


def test_a_home_booklet_is_not_held_to_pdfx(make):
    def edit(pdf):
        for key in ("/GTS_PDFXVersion", "/Trapped"):
            del pdf.docinfo[key]
        del pdf.Root["/OutputIntents"]
    path = make(b"1 0 0 rg 10 10 50 50 re f\n", edit=edit)
    booklet = Options(pdfx=False, bleed_pt=0, ink=False, pages_multiple=2)
    assert preflight(path, booklet) == []
    assert {f.check for f in errors(preflight(path, NO_INK))} == {"pdfx", "colour"}


def test_inline_images_and_shadings_in_rgb(make):
    inline = b"q 72 0 0 72 10 10 cm BI /W 2 /H 2 /CS /RGB /BPC 8 ID " + b"\xff" * 12 + b" EI Q\n"

    def edit(pdf):
        for page in pdf.pages:
            page.Resources.Shading = pikepdf.Dictionary(Sh0=pikepdf.Dictionary(
                ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 100, 0],
                Function=pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0],
                                            C1=[0, 0, 1], N=1)))
    out = found(make(CLEAN_CONTENT + inline + b"/Sh0 sh\n", edit=edit))
    colour = [f for f in out if f.check == "colour"]
    assert {("inline image" in f.message, "shading" in f.message) for f in colour} == \
        {(True, False), (False, True)}
    # the 2-pixel image an inch wide is 2 ppi, too
    assert {f.check for f in out} == {"colour", "images"}
    assert any("2 ppi" in f.message for f in out if f.check == "images")


def test_an_unembedded_cid_font_is_found_through_its_descendant(make):
    def edit(pdf):
        cid = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2,
                                 BaseFont=pikepdf.Name("/ABCDEF+NotoSans"),
                                 FontDescriptor=pikepdf.Dictionary(
                                     Type=pikepdf.Name.FontDescriptor,
                                     FontName=pikepdf.Name("/ABCDEF+NotoSans")))
        font = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/ABCDEF+NotoSans"), Encoding=pikepdf.Name("/Identity-H"),
            DescendantFonts=[cid]))
        for page in pdf.pages:
            page.Resources.Font.F4 = font
    [f] = only(make(edit=edit), "fonts")
    assert "not embedded" in f.message and "NotoSans" in f.obj

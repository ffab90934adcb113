"""Planted-fault PDFs for the preflight, made with pikepdf: `press_pdf`
writes a small file that passes every check (PDF/X-4 identification, a CMYK
output intent, boxes with 9 pt of bleed, black text in an embedded subset
font, page labels); each test changes one thing in it."""
from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf

XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
 pdfxid:GTS_PDFXVersion="PDF/X-4"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""

#: a CMYK output ("prtr") ICC header: what the checks read of the profile
ICC = b"\0\0\0\x80" + b"\0" * 8 + b"prtrCMYKLab " + b"\0" * 12 + b"acsp" + b"\0" * 88

TRIM = (0, 0, 360, 540)
BLEED = (-9, -9, 369, 549)
MEDIA = (-27, -27, 387, 567)


def font_file(pdf: pikepdf.Pdf) -> pikepdf.Stream:
    from kroppress.writers.pdf.geometry import font_files
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont
    import io
    font = TTFont(font_files()["normal"])
    sub = Subsetter(Options())
    sub.populate(text="Hello")
    sub.subset(font)
    buf = io.BytesIO()
    font.save(buf)
    return pdf.make_stream(buf.getvalue())


def embedded_font(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    desc = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/ABCDEF+EBGaramond"),
                              Flags=32, FontBBox=[0, -300, 1000, 900], ItalicAngle=0, Ascent=900,
                              Descent=-300, CapHeight=650, StemV=80, FontFile2=font_file(pdf))
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType,
        BaseFont=pikepdf.Name("/ABCDEF+EBGaramond"), FirstChar=32, LastChar=126,
        Widths=[500] * 95, FontDescriptor=pdf.make_indirect(desc),
        Encoding=pikepdf.Name.WinAnsiEncoding))


CLEAN_CONTENT = (b"0 0.94 0.87 0.58 k -9 -9 378 558 re f\n"      # art into the bleed
                 b"0 0 0 1 k BT /F1 12 Tf 72 400 Td (Hello) Tj ET\n")


def press_pdf(path: Path, content: bytes = CLEAN_CONTENT, *, pages: int = 4,
              edit=None) -> Path:
    """A clean PDF/X-4 file of `pages` pages, changed by `edit(pdf)` if given."""
    pdf = pikepdf.new()
    font = embedded_font(pdf)
    for _ in range(pages):
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=list(MEDIA), BleedBox=list(BLEED),
            TrimBox=list(TRIM), Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream(content))
        pdf.pages.append(pikepdf.Page(page))
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String("PDF/X-4")
    pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
    pdf.Root.Metadata = pdf.make_stream(XMP.encode(), Type=pikepdf.Name.Metadata,
                                        Subtype=pikepdf.Name.XML)
    intent = pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
                                OutputConditionIdentifier=pikepdf.String("FOGRA39"),
                                DestOutputProfile=pdf.make_stream(ICC, N=4))
    pdf.Root.OutputIntents = pikepdf.Array([intent])
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.D)])
    if edit is not None:
        edit(pdf)
    pdf.save(path)
    return path


def image(pdf: pikepdf.Pdf, size: int, space: str = "/DeviceGray") -> pikepdf.Stream:
    n = {"/DeviceGray": 1, "/DeviceRGB": 3, "/DeviceCMYK": 4}[space]
    return pdf.make_stream(zlib.compress(b"\x80" * size * size * n), Type=pikepdf.Name.XObject,
                           Subtype=pikepdf.Name.Image, Width=size, Height=size,
                           ColorSpace=pikepdf.Name(space), BitsPerComponent=8,
                           Filter=pikepdf.Name.FlateDecode)


def make_fixture(tmp_path: Path):
    """`make(content, **kw)`: a clean synthetic PDF/X file with `content` planted."""
    counter = iter(range(1000))

    def make(content: bytes = CLEAN_CONTENT, **kw) -> Path:
        return press_pdf(tmp_path / f"planted-{next(counter)}.pdf", content, **kw)
    return make

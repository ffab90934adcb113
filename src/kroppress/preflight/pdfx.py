"""PDF/X: the identification, the output intent, /Trapped, annotations,
JavaScript, encryption and optional content.

A PDF/X file says which PDF/X it is in the Info dictionary
(/GTS_PDFXVersion) and in the XMP (pdfxid:GTS_PDFXVersion for PDF/X-4);
names its printing condition in one /GTS_PDFX output intent with a
DestOutputProfile (a CMYK ICC profile); says /Trapped True or False; has
inside the BleedBox no annotation but printer's marks and trap networks; no
JavaScript, no encryption, and no optional content that hides print content.
"""
from __future__ import annotations

import pikepdf

from . import Finding, Options
from .boxes import overlaps, page_boxes, rect

#: the annotations PDF/X allows inside the BleedBox
ALLOWED_ANNOTS = ("/PrinterMark", "/TrapNet")


def check(pdf: pikepdf.Pdf, options: Options) -> list[Finding]:
    out: list[Finding] = []
    if pdf.is_encrypted:
        out.append(Finding("pdfx", "error", "encrypted: a press file is not"))
    out += _javascript(pdf)
    out += _annotations(pdf)
    out += _optional_content(pdf)
    if options.pdfx:
        out += _identification(pdf)
        out += _output_intent(pdf)
    return out


def _identification(pdf: pikepdf.Pdf) -> list[Finding]:
    out = []
    info = pdf.docinfo
    version = str(info.get("/GTS_PDFXVersion", "")) if info is not None else ""
    if not version.startswith("PDF/X-"):
        out.append(Finding("pdfx", "error", "no /GTS_PDFXVersion in the Info dictionary"))
    trapped = str(info.get("/Trapped", "")) if info is not None else ""
    if trapped not in ("/True", "/False"):
        out.append(Finding("pdfx", "error", f"/Trapped is {trapped or 'not set'}: a PDF/X "
                           "file says /True or /False"))
    try:
        xmp = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        xmp_version = xmp.get("pdfxid:GTS_PDFXVersion") or xmp.get("pdfx:GTS_PDFXVersion")
    except Exception:           # noqa: BLE001 - unreadable XMP is the finding
        xmp_version = None
    if not xmp_version:
        out.append(Finding("pdfx", "error", "no pdfxid:GTS_PDFXVersion in the XMP metadata"))
    elif version and str(xmp_version) != version:
        out.append(Finding("pdfx", "error", f"the XMP says {xmp_version}, the Info "
                           f"dictionary {version}"))
    return out


def _output_intent(pdf: pikepdf.Pdf) -> list[Finding]:
    intents = [i for i in pdf.Root.get("/OutputIntents", pikepdf.Array())
               if isinstance(i, pikepdf.Dictionary) and i.get("/S") == "/GTS_PDFX"]
    if not intents:
        return [Finding("pdfx", "error", "no /GTS_PDFX output intent: the printing condition "
                        "is not named")]
    out = []
    if len(intents) > 1:
        out.append(Finding("pdfx", "error", f"{len(intents)} /GTS_PDFX output intents, not one"))
    intent = intents[0]
    profile = intent.get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream):
        out.append(Finding("pdfx", "error", "the output intent has no DestOutputProfile "
                           "(ICC profile)"))
    else:
        head = profile.read_bytes()[:40]
        if len(head) < 40 or head[36:40] != b"acsp":
            out.append(Finding("pdfx", "error", "the output intent's profile is not ICC"))
        elif head[16:20] not in (b"CMYK", b"GRAY"):
            out.append(Finding("pdfx", "error", f"the output intent's profile is "
                               f"{head[16:20].decode('latin-1').strip()}, not CMYK"))
    if not str(intent.get("/OutputConditionIdentifier", "")):
        out.append(Finding("pdfx", "error", "the output intent has no "
                           "OutputConditionIdentifier"))
    return out


def _annotations(pdf: pikepdf.Pdf) -> list[Finding]:
    out = []
    for n, page in enumerate(pdf.pages, start=1):
        _, bleed, _ = page_boxes(page)
        for k, annot in enumerate(page.obj.get("/Annots", pikepdf.Array()), start=1):
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            subtype = str(annot.get("/Subtype", "?"))
            if subtype in ALLOWED_ANNOTS or "/Rect" not in annot:
                continue
            if overlaps(rect(annot.Rect), bleed):
                out.append(Finding("pdfx", "error", f"a {subtype[1:]} annotation inside the "
                                   "BleedBox: only printer's marks and trap networks may be "
                                   "there", n, f"annotation {k}"))
            action = annot.get("/A")
            if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/JavaScript":
                out.append(Finding("pdfx", "error", "JavaScript in an annotation's action", n,
                                   f"annotation {k}"))
    return out


def _javascript(pdf: pikepdf.Pdf) -> list[Finding]:
    out = []
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary) and "/JavaScript" in names:
        out.append(Finding("pdfx", "error", "document JavaScript (/Names /JavaScript)"))
    action = pdf.Root.get("/OpenAction")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/JavaScript":
        out.append(Finding("pdfx", "error", "JavaScript run on opening (/OpenAction)"))
    if "/AA" in pdf.Root:
        out.append(Finding("pdfx", "error", "additional actions (/AA) in the catalog"))
    for n, page in enumerate(pdf.pages, start=1):
        if "/AA" in page.obj:
            out.append(Finding("pdfx", "error", "additional actions (/AA) on the page", n))
    return out


def _optional_content(pdf: pikepdf.Pdf) -> list[Finding]:
    props = pdf.Root.get("/OCProperties")
    if not isinstance(props, pikepdf.Dictionary):
        return []
    out = []
    default = props.get("/D", pikepdf.Dictionary())
    if default.get("/BaseState") == "/OFF":
        out.append(Finding("pdfx", "error", "optional content is off by default "
                           "(/BaseState /OFF): the press would not print it"))
    off = list(default.get("/OFF", pikepdf.Array()))
    if off:
        out.append(Finding("pdfx", "error", f"{len(off)} optional content group(s) off by "
                           "default: content hidden from print"))
    for group in props.get("/OCGs", pikepdf.Array()):
        usage = group.get("/Usage", {}).get("/Print", {}) if isinstance(group, pikepdf.Dictionary) else {}
        if usage.get("/PrintState") == "/OFF":
            out.append(Finding("pdfx", "error", f"optional content group "
                               f"{group.get('/Name', '?')} is not printed (/PrintState /OFF)"))
    return out

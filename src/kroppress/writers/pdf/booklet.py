"""Booklet writer: the book's pages imposed two-up for a home duplex printer.

A booklet (pamphlet, zine) is printed on both sides of Letter or A4 sheets,
two pages side by side on each side; the sheets are folded in the middle,
nested into each other and stapled on the fold (saddle stitch). Its page is
half the sheet: 5.5 × 8.5 in on Letter, A5 (148 × 210 mm) on A4.

1. The book is laid out by `kroppress.writers.pdf.write_pdf` with the same
   templates and styles, at the half sheet (`layout_profile`: the profile's
   margins scaled to the new size when its trim differs, no bleed, no crop
   marks on the pages, pages padded to a multiple of 4 with blank pages at
   the end). When the build has just written the book's PDF at that very
   geometry, that file is imposed instead (the book is not laid out twice).
2. Creep (``creep`` = the paper's thickness; ``"auto"``, the default, takes
   it from the profile's paper: a leaf is two pages of its per-page caliper,
   or 2 ÷ ppi inches): in a signature of s nested
   sheets the fold of sheet k (k = 0 the outermost) lies k thicknesses
   outside the fold of the outermost one, so its pages' content is moved k ×
   thickness towards the spine: the outermost sheet stays, the innermost
   moves by (s - 1) × thickness. pdfimpose's own `creep` argument is not
   used: it widens the space between the two pages (pushing them *away* from
   the spine), makes the inner sheets larger than the paper, and its
   documentation calls it broken (framagit spalax/pdfimpose#36). The shift is
   a translation put around each interior page's content (pikepdf); the
   page's box clips what crosses the fold.
3. Imposition by pdfimpose: `pdfimpose.schema.saddle.impose` for one
   signature of all the sheets (``signature_sheets = 0``), and
   `pdfimpose.schema.hardcover.impose` with ``group = N`` for signatures of
   N nested sheets each (a saddle-stitched signature per group, stacked in
   order). One fold (``folds="h"``), the two pages centred on the sheet
   (landscape); the back of each sheet is not rotated: print duplex,
   flipping on the short edge.
4. Marks (``marks = true``): a fold mark (a short hairline on the fold) at
   the head and the foot of both sides of every sheet, from the home
   printer's unprintable edge (``printer_margin``, 0.25 in: most inkjets and
   lasers print nothing nearer the paper's edge) a quarter inch inwards,
   inside the pages' head and foot margins and on the fold, where no running
   head or folio is. No cut marks: the pages fill the sheet
   (on A4 A5 leaves 0.5 mm), so there is nothing to cut off; a booklet with
   creep is trimmed, if at all, flush with its outer sheet at the fore edge.
5. A deterministic file: pikepdf rewrites the document information (title,
   authors, dates from the epoch) and derives the /ID from the content.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import io
import math
import sys
from pathlib import Path
from typing import Iterable

from ... import __version__
from ...config import BOOKLET_SHEETS, Length, PrintProfile, builtin_profile
from ...epoch import epoch_datetime
from .press import set_page_labels

#: a fold mark's length (pt), from the printer's margin inwards
FOLD_MARK_LENGTH = 18.0
MARK_WIDTH = 0.5      # pt
#: two sizes are the same to this (pt)
SAME_SIZE = 0.5


# ------------------------------------------------------------------ geometry
def sheet_size(profile: PrintProfile) -> tuple[float, float]:
    """The sheet, landscape (width, height) in pt."""
    (w, h), _ = BOOKLET_SHEETS[profile.sheet]
    return h, w


def page_size(profile: PrintProfile) -> tuple[Length, Length]:
    """The booklet's page, half the sheet."""
    return BOOKLET_SHEETS[profile.sheet][1]


def layout_profile(profile: PrintProfile) -> PrintProfile:
    """`profile` at the booklet's page size: margins scaled to it (kept when
    the trim already is the half sheet), no bleed, no crop marks, pages to a
    multiple of 4."""
    width, height = page_size(profile)
    sx = width.pt / profile.width.pt
    sy = height.pt / profile.height.pt

    def scaled(value: Length, factor: float) -> Length:
        if abs(factor - 1) * value.pt < 0.01:
            return value
        return Length.points(value.pt * factor)

    return dataclasses.replace(
        profile, width=width, height=height, bleed=Length("0", 0.0), crop_marks=False,
        round_pages_to=4,
        margin_top=scaled(profile.margin_top, sy), margin_bottom=scaled(profile.margin_bottom, sy),
        margin_inner=scaled(profile.margin_inner, sx),
        margin_outer=scaled(profile.margin_outer, sx))


def same_layout(laid_out: PrintProfile, wanted: PrintProfile) -> bool:
    """Whether a PDF laid out with `laid_out` has the pages `wanted` asks for
    (page size, margins, notes; no bleed, no crop marks): then it is imposed
    as it is."""
    if laid_out.has_bleed or laid_out.crop_marks or laid_out.notes != wanted.notes:
        return False
    pairs = [(laid_out.width, wanted.width), (laid_out.height, wanted.height),
             (laid_out.margin_top, wanted.margin_top),
             (laid_out.margin_bottom, wanted.margin_bottom),
             (laid_out.margin_inner, wanted.margin_inner),
             (laid_out.margin_outer, wanted.margin_outer)]
    return all(abs(a.pt - b.pt) < 0.01 for a, b in pairs)


def sheets_per_signature(pages: int, signature_sheets: int) -> int:
    """Sheets nested in each signature for a book of `pages` pages
    (0: one signature of all the sheets; never more than the book needs)."""
    sheets = max(1, math.ceil(pages / 4))
    return sheets if signature_sheets <= 0 else min(signature_sheets, sheets)


def creep_shift(index: int, per_signature: int, thickness: float) -> float:
    """The horizontal shift (pt, + = right) of page `index` (0-based) for creep:
    its sheet's depth in the signature (0 outermost) × `thickness`, towards
    the spine (a recto, even index, moves left; a verso right)."""
    size = 4 * per_signature
    q = index % size
    depth = min(q, size - 1 - q) // 2
    dx = depth * thickness
    return -dx if index % 2 == 0 else dx


# ------------------------------------------------------------------ imposing
def _shifted(source: Path, per_signature: int, thickness: float) -> io.BytesIO:
    """`source` with each page's content moved by `creep_shift`."""
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(source) as pdf:
        for i, page in enumerate(pdf.pages):
            dx = creep_shift(i, per_signature, thickness)
            if dx:
                page.contents_coalesce()
                page.contents_add(pdf.make_stream(f"q 1 0 0 1 {dx:.4f} 0 cm\n".encode()),
                                  prepend=True)
                page.contents_add(pdf.make_stream(b"\nQ\n"))
        pdf.save(out, deterministic_id=True)
    out.seek(0)
    return out


class CreepTooWide(ValueError):
    """The innermost sheet's pages would move further than the inner margin:
    the text would run into the fold (`shift` and `margin` in pt)."""

    def __init__(self, sheets: int, shift: float, margin: float) -> None:
        super().__init__(f"creep moves the innermost of {sheets} sheets {shift / 72:.2f}in, "
                         f"more than the inner margin of {margin / 72:.2f}in")
        self.sheets, self.shift, self.margin = sheets, shift, margin


def creep_thickness(profile: PrintProfile) -> float:
    """The paper's thickness for creep (pt): `creep`, or with "auto" a leaf
    of the profile's paper (two pages of its caliper)."""
    if profile.creep == "auto":
        return 2 * profile.paper.spine_in(1) * 72
    return profile.creep.pt


def _fold_marks(width: float, height: float, margin: float) -> bytes:
    x = width / 2
    near, far = margin, margin + FOLD_MARK_LENGTH
    ops = [f"q 0 G {MARK_WIDTH} w [] 0 d 0 J"]
    for a, b in ((height - near, height - far), (near, far)):
        ops.append(f"{x:.3f} {a:.3f} m {x:.3f} {b:.3f} l S")
    ops.append("Q")
    return ("\n".join(ops) + "\n").encode()


def _pdf_date(moment: _dt.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


#: PyMuPDF 2's optional add-ons (layout analysis, text to Markdown), which
#: load onnxruntime, and onnxruntime writes a device id into ~/.cache/Microsoft/
PYMUPDF_ADDONS = ("pymupdf.layout", "pymupdf4llm")


def _without_layout_analysis() -> None:
    """A build writes nothing outside the project, its output and kroppress's
    cache, and an imposition analyses no layout: PyMuPDF's add-ons are blocked
    before pdfimpose loads it (PyMuPDF takes the ImportError as "not installed")."""
    if "pymupdf" not in sys.modules:
        for name in PYMUPDF_ADDONS:
            sys.modules.setdefault(name, None)


def impose(source: Path, output: Path, profile: PrintProfile, *,
           epoch: int | float | _dt.datetime | _dt.date, title: str = "",
           authors: Iterable[str] = ()) -> int:
    """Impose the pages of `source` (the booklet's pages) onto sheets as
    `profile` says (sheet, signature_sheets, creep, marks); write `output`.
    Returns the number of sheets."""
    import pikepdf
    _without_layout_analysis()
    from pdfimpose.schema import Margins, hardcover, saddle

    # profile.impose is "saddle", the one imposition the config lets through
    with pikepdf.open(source) as pdf:
        pages = len(pdf.pages)
        box = [float(v) for v in pdf.pages[0].mediabox]
    pw, ph = box[2] - box[0], box[3] - box[1]
    sw, sh = sheet_size(profile)
    if 2 * pw > sw + SAME_SIZE or ph > sh + SAME_SIZE:
        raise ValueError(f"pages of {pw:.1f} × {ph:.1f} pt do not fit two-up on a "
                         f"{profile.sheet} sheet")
    per = sheets_per_signature(pages, profile.signature_sheets)
    thickness = creep_thickness(profile)
    inner = layout_profile(profile).margin_inner.pt
    if (per - 1) * thickness > inner:        # the text would cross the fold
        raise CreepTooWide(per, (per - 1) * thickness, inner)
    if thickness > 0:
        pages_in: io.BytesIO | Path = _shifted(source, per, thickness)
    else:
        pages_in = io.BytesIO(Path(source).read_bytes())
    omargin = Margins(left=(sw - 2 * pw) / 2, right=(sw - 2 * pw) / 2,
                      top=(sh - ph) / 2, bottom=(sh - ph) / 2)
    imposed = io.BytesIO()
    if per == sheets_per_signature(pages, 0):
        saddle.impose([pages_in], imposed, folds="h", omargin=omargin)
    else:
        hardcover.impose([pages_in], imposed, folds="h", omargin=omargin, group=per)
    imposed.seek(0)

    moment = epoch_datetime(epoch)
    with pikepdf.open(imposed) as pdf:
        if profile.marks:
            for page in pdf.pages:
                mb = [float(v) for v in page.mediabox]
                page.contents_add(pdf.make_stream(_fold_marks(
                    mb[2] - mb[0], mb[3] - mb[1], profile.printer_margin.pt)))
        for page in pdf.pages:
            # nothing is trimmed off a home-printed sheet: the trim is the sheet
            page.obj.TrimBox = pikepdf.Array(page.mediabox)
        # each side's label says which sheet and side it is
        set_page_labels(pdf, [f"sheet {n // 2 + 1} {'front' if n % 2 == 0 else 'back'}"
                              for n in range(len(pdf.pages))])
        with contextlib.suppress(KeyError, AttributeError):
            del pdf.Root.Metadata
        with contextlib.suppress(KeyError, AttributeError):
            del pdf.trailer.ID          # pymupdf's is random; qpdf derives one from the content
        info = pikepdf.Dictionary(
            Title=pikepdf.String(title), Author=pikepdf.String(", ".join(authors)),
            Creator=pikepdf.String(f"kroppress {__version__}"),
            Producer=pikepdf.String("pdfimpose, pikepdf"),
            CreationDate=pikepdf.String(_pdf_date(moment)),
            ModDate=pikepdf.String(_pdf_date(moment)))
        pdf.trailer.Info = pdf.make_indirect(info)
        pdf.save(output, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 compress_streams=True)
        return len(pdf.pages) // 2


# ------------------------------------------------------------------ the writer
def booklet_default_profile() -> PrintProfile:
    """The booklet profile when nothing is configured (the config's built-in one)."""
    return builtin_profile("booklet")

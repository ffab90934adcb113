"""Page boxes, the bleed, marks drawn in it, page labels and the page count.

PDF/X: every page has a TrimBox inside its BleedBox inside its MediaBox; the
bleed (BleedBox beyond the TrimBox) is what the printer asks for on every
side; a book has one trim size. Printer's marks go outside the BleedBox (in
a slug, MediaBox larger than BleedBox), never in the bleed, where they would
print over the art once trimmed a hair off.
"""
from __future__ import annotations

import pikepdf

from . import Finding, Options
from .walk import paints

#: two lengths are the same to this (pt)
EPS = 0.01
#: two trim sizes are the same to this (pt)
SAME_TRIM = 0.5


def rect(value) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def inside(inner, outer, eps: float = EPS) -> bool:
    return (inner[0] >= outer[0] - eps and inner[1] >= outer[1] - eps
            and inner[2] <= outer[2] + eps and inner[3] <= outer[3] + eps)


def overlaps(a, b, eps: float = EPS) -> bool:
    """Whether `a` and `b` share an area (not only an edge)."""
    return a[0] < b[2] - eps and b[0] < a[2] - eps and a[1] < b[3] - eps and b[1] < a[3] - eps


def page_boxes(page: pikepdf.Page):
    """(media, bleed, trim or None) of `page`; the BleedBox defaults to the
    CropBox, the CropBox to the MediaBox (as PDF says)."""
    media = rect(page.mediabox)
    crop = rect(page.obj["/CropBox"]) if "/CropBox" in page.obj else media
    bleed = rect(page.obj["/BleedBox"]) if "/BleedBox" in page.obj else crop
    trim = rect(page.obj["/TrimBox"]) if "/TrimBox" in page.obj else None
    return media, bleed, trim


def check(pdf: pikepdf.Pdf, options: Options) -> list[Finding]:
    out: list[Finding] = []
    first_trim = None
    for n, page in enumerate(pdf.pages, start=1):
        media, bleed, trim = page_boxes(page)
        if trim is None:
            out.append(Finding("boxes", "error", "no TrimBox: the printer cannot tell the "
                               "finished size", n))
            continue
        if not inside(bleed, media):
            out.append(Finding("boxes", "error", f"BleedBox {_r(bleed)} is not inside the "
                               f"MediaBox {_r(media)}", n))
        if not inside(trim, bleed):
            out.append(Finding("boxes", "error", f"TrimBox {_r(trim)} is not inside the "
                               f"BleedBox {_r(bleed)}", n))
        if options.bleed_pt > 0:
            sides = (trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2],
                     bleed[3] - trim[3])
            if min(sides) < options.bleed_pt - EPS:
                out.append(Finding("boxes", "error", f"bleed {min(sides):.2f} pt on one side, "
                                   f"less than the {options.bleed_pt:.2f} pt asked for", n))
        size = (trim[2] - trim[0], trim[3] - trim[1])
        if first_trim is None:
            first_trim = size
        elif abs(size[0] - first_trim[0]) > SAME_TRIM or abs(size[1] - first_trim[1]) > SAME_TRIM:
            out.append(Finding("boxes", "error", f"trim {size[0]:.2f} × {size[1]:.2f} pt, not "
                               f"page 1's {first_trim[0]:.2f} × {first_trim[1]:.2f} pt", n))
        marks = [p for p in paints(page) if p.kind == "path" and p.box is not None
                 and _in_bleed_only(p.box, trim, bleed)]
        if marks:
            out.append(Finding("boxes", "error", f"{len(marks)} mark(s) drawn in the bleed "
                               "(outside the trim, inside the BleedBox): printer's marks belong "
                               "outside the BleedBox, in a slug", n, marks[0].where))
    if options.labels and "/PageLabels" not in pdf.Root:
        out.append(Finding("boxes", "error", "no /PageLabels: a viewer's page numbers will "
                           "not match the printed folios"))
    step = max(1, options.pages_multiple)
    if len(pdf.pages) % step:
        out.append(Finding("boxes", "error", f"{len(pdf.pages)} pages, not a multiple of {step}"))
    return out


def _in_bleed_only(box, trim, bleed) -> bool:
    """A painted box that lies in the bleed: inside the BleedBox (or touching
    it), clear of the trim area."""
    return overlaps(box, bleed) and not overlaps(box, trim) and \
        (box[2] - box[0]) * (box[3] - box[1]) < (bleed[2] - bleed[0]) * (bleed[3] - bleed[1])


def _r(box) -> str:
    return "[" + " ".join(f"{v:.2f}" for v in box) + "]"

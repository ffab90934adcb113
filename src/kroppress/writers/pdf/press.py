"""What a PDF gets once WeasyPrint has written it (pikepdf, in place):

* page labels (every PDF): /PageLabels ranges matching the printed folios,
  so that a viewer's "page v" and "page 17" are the pages that say so;
* for a press file: no annotations (PDF/X allows in the BleedBox only
  printer's marks and trap networks: the links stay in the screen and
  default PDFs), transparency groups in DeviceCMYK, never DeviceRGB
  (Kozea/WeasyPrint#2723), and the printer's marks in a slug: the MediaBox
  grown `SLUG_PT` beyond the BleedBox, crop marks at the trim's corners and
  fold marks (the cover's spine) drawn there, in registration colour, never
  in the bleed, where they would print over the art.

The page's own content is not touched (the MediaBox grows outwards, the
coordinates stay), and the file stays deterministic (its /ID from its
content).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ...render.pagemap import roman

#: the slug: the MediaBox beyond the BleedBox, where the marks are
SLUG_PT = 18.0
#: marks start this far outside the BleedBox
MARK_GAP = 3.0
MARK_WIDTH = 0.25      # pt, a hairline
#: the marks on every plate: 100 % of each ink (they are trimmed off)
REGISTRATION = "1 1 1 1 K"
#: annotations a press file keeps
PRINTER_ANNOTS = ("/PrinterMark", "/TrapNet")


def label_ranges(labels: Sequence[str]) -> list[tuple[int, dict]]:
    """(first page index, {"S": style, "St": start} or {"P": prefix}) of
    the /PageLabels number tree, from each page's printed label."""
    romans = {roman(n): n for n in range(1, len(labels) + 200)}
    ranges: list[tuple[int, dict]] = []
    last: tuple[str, int] | None = None
    for i, label in enumerate(labels):
        if label.isdigit():
            here = ("D", int(label))
        elif label in romans:
            here = ("r", romans[label])
        elif label.lower() in romans and label.isupper():
            here = ("R", romans[label.lower()])
        else:
            ranges.append((i, {"P": label}))
            last = None
            continue
        if last is None or here[0] != last[0] or here[1] != last[1] + 1:
            ranges.append((i, {"S": here[0], "St": here[1]}))
        last = here
    return ranges


def set_page_labels(pdf, labels: Sequence[str]) -> None:
    import pikepdf
    nums = pikepdf.Array()
    for index, entry in label_ranges(labels):
        d = pikepdf.Dictionary()
        if "P" in entry:
            d.P = pikepdf.String(entry["P"])
        else:
            d.S = pikepdf.Name("/" + entry["S"])
            if entry["St"] != 1:
                d.St = entry["St"]
        nums.append(index)
        nums.append(d)
    pdf.Root.PageLabels = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))


def strip_annotations(pdf) -> int:
    """Remove every annotation but printer's marks; how many went."""
    import pikepdf
    gone = 0
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        keep = pikepdf.Array([a for a in annots if isinstance(a, pikepdf.Dictionary)
                              and a.get("/Subtype") in PRINTER_ANNOTS])
        gone += len(annots) - len(keep)
        if len(keep):
            page.obj.Annots = keep
        else:
            del page.obj["/Annots"]
    return gone


def cmyk_groups(pdf) -> int:
    """Every transparency group blending in DeviceRGB made DeviceCMYK."""
    import pikepdf
    changed = 0
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            group = obj.get("/Group")
            if isinstance(group, pikepdf.Dictionary) and group.get("/CS") == "/DeviceRGB":
                group.CS = pikepdf.Name.DeviceCMYK
                changed += 1
    return changed


def _box(page, key):
    return [float(v) for v in page.obj[key]] if key in page.obj else None


def mark_lines(trim, bleed, media, folds: Sequence[float] = ()) -> list[tuple[float, ...]]:
    """(x0, y0, x1, y1) of the crop marks at the trim's corners and of the
    fold marks at `folds` (x in page space), all outside the BleedBox."""
    tx0, ty0, tx1, ty1 = trim
    bx0, by0, bx1, by1 = bleed
    mx0, my0, mx1, my1 = media
    lines = []
    for x, outer_x, from_x in ((tx0, mx0, bx0 - MARK_GAP), (tx1, mx1, bx1 + MARK_GAP)):
        for y, outer_y, from_y in ((ty0, my0, by0 - MARK_GAP), (ty1, my1, by1 + MARK_GAP)):
            lines.append((from_x, y, outer_x, y))      # across, at the trim's edge
            lines.append((x, from_y, x, outer_y))      # up or down
    for x in folds:
        lines.append((x, by1 + MARK_GAP, x, my1))
        lines.append((x, by0 - MARK_GAP, x, my0))
    return lines


def add_slug(pdf, folds: Sequence[float] = ()) -> None:
    """Grow each page's MediaBox `SLUG_PT` beyond its BleedBox and draw the
    marks there."""
    import pikepdf
    for page in pdf.pages:
        media = [float(v) for v in page.mediabox]
        bleed = _box(page, "/BleedBox") or media
        trim = _box(page, "/TrimBox") or bleed
        grown = [bleed[0] - SLUG_PT, bleed[1] - SLUG_PT, bleed[2] + SLUG_PT, bleed[3] + SLUG_PT]
        page.obj.MediaBox = pikepdf.Array(grown)
        page.obj.BleedBox = pikepdf.Array(bleed)
        if "/CropBox" in page.obj:
            page.obj.CropBox = pikepdf.Array(grown)
        ops = [f"q {REGISTRATION} {MARK_WIDTH} w 0 J [] 0 d"]
        ops += [f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l S"
                for a, b, c, d in mark_lines(trim, bleed, grown, folds)]
        ops.append("Q")
        # the page's own content in q … Q: the marks are drawn in page space
        page.contents_coalesce()
        page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
        page.contents_add(pdf.make_stream(b"\nQ\n" + "\n".join(ops).encode() + b"\n"))


def finish(path: str | Path, *, labels: Sequence[str] | None = None, press: bool = False,
           marks: bool = False, folds: Sequence[float] = ()) -> None:
    """Page labels, and for a `press` file no annotations, CMYK groups and
    (with `marks`) the slug with its marks; `path` rewritten in place."""
    import pikepdf
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        if labels:
            # the blank pages padded after the last labelled one continue its range
            set_page_labels(pdf, labels)
        if press:
            strip_annotations(pdf)
            cmyk_groups(pdf)
            if marks:
                add_slug(pdf, folds)
        pdf.save(path, deterministic_id=True)


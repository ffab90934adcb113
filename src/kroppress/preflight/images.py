"""Images: the effective resolution of each colour or greyscale image at the
size it is placed (its pixels over the inches it covers), an error under
`warn_ppi` (200) and a warning under `min_ppi` (300). One-bit images (masks,
line art) are judged by their own rule at a press and skipped here."""
from __future__ import annotations

import pikepdf

from . import Finding, Options
from .walk import paints, scale


def effective_ppi(image, matrix) -> float:
    """The lower of the image's two resolutions where it is placed."""
    w_pt, h_pt = scale(matrix)
    width = float(image.get("/Width", image.get("/W", 0)))
    height = float(image.get("/Height", image.get("/H", 0)))
    ppi = [px * 72 / pt for px, pt in ((width, w_pt), (height, h_pt)) if pt > 0]
    return min(ppi) if ppi else float("inf")


def _one_bit(image) -> bool:
    return bool(image.get("/ImageMask", image.get("/IM", False))) or \
        int(image.get("/BitsPerComponent", image.get("/BPC", 8))) == 1


def check(pdf: pikepdf.Pdf, options: Options) -> list[Finding]:
    out: list[Finding] = []
    for n, page in enumerate(pdf.pages, start=1):
        for p in paints(page):
            if p.kind not in ("image", "inline-image") or "soft mask" in p.where:
                continue
            image = p.obj.obj if p.kind == "inline-image" else p.obj
            if _one_bit(image):
                continue
            ppi = effective_ppi(image, p.matrix)
            if ppi < options.warn_ppi:
                out.append(Finding("images", "error", f"{ppi:.0f} ppi at its placed size, "
                                   f"under {options.warn_ppi:.0f} (it prints soft or "
                                   f"pixelated; {options.min_ppi:.0f} ppi wanted)", n, p.where))
            elif ppi < options.min_ppi:
                out.append(Finding("images", "warning", f"{ppi:.0f} ppi at its placed size, "
                                   f"under {options.min_ppi:.0f}", n, p.where))
    return out

"""Fonts: every font embedded (a RIP substitutes a missing one), subset
(a whole font is a licence problem and no use to the press), none Type 3
(bitmaps or procedures a RIP renders badly)."""
from __future__ import annotations

import re

import pikepdf

from . import Finding, Options
from .walk import forms

_SUBSET = re.compile(r"^/?[A-Z]{6}\+")
_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _resources(page: pikepdf.Page):
    yield page.obj.get("/Resources", pikepdf.Dictionary())
    for _, xobj in forms(page):
        if xobj.get("/Subtype") == "/Form" and "/Resources" in xobj:
            yield xobj.Resources
    for annot in page.obj.get("/Annots", pikepdf.Array()):
        normal = annot.get("/AP", {}).get("/N") if isinstance(annot, pikepdf.Dictionary) else None
        if isinstance(normal, pikepdf.Stream) and "/Resources" in normal:
            yield normal.Resources


def check(pdf: pikepdf.Pdf, options: Options) -> list[Finding]:
    out: list[Finding] = []
    seen: set = set()
    for n, page in enumerate(pdf.pages, start=1):
        for res in _resources(page):
            for name, font in (res.get("/Font", {}) or {}).items():
                # a direct font dictionary (no object number): by its name
                key = font.objgen if font.objgen != (0, 0) else str(font.get("/BaseFont", name))
                if key in seen:
                    continue
                seen.add(key)
                out += _font(font, n, name)
    return out


def _font(font, page: int, name: str) -> list[Finding]:
    base = str(font.get("/BaseFont", name))
    where = f"font {name} {base}"
    if font.get("/Subtype") == "/Type3":
        return [Finding("fonts", "error", "a Type 3 font: glyphs a RIP renders as "
                        "procedures or bitmaps", page, where)]
    desc = font.get("/FontDescriptor")
    if desc is None and "/DescendantFonts" in font:
        desc = font.DescendantFonts[0].get("/FontDescriptor")
    out = []
    if desc is None or not any(k in desc for k in _FILES):
        out.append(Finding("fonts", "error", "not embedded: the press would substitute "
                           "another font", page, where))
    elif not _SUBSET.match(base):
        out.append(Finding("fonts", "warning", "embedded whole, not subset", page, where))
    return out

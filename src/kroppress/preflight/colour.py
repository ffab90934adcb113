"""Colour: what is painted, and the transparency groups it is blended in.

A PDF/X-4 file paints in the output intent's CMYK (DeviceCMYK, DeviceGray,
ICC-based CMYK or grey, spot colours); DeviceRGB, ICC-based RGB, CalRGB and
Lab are left to the RIP to convert, and a black made that way prints in four
inks. Transparency groups blend in their /CS: a DeviceRGB group (WeasyPrint
writes one on every page with transparency, Kozea/WeasyPrint#2723) makes the
RIP blend in RGB. Text in a rich black (black plus other inks) misregisters
at text sizes: a warning.
"""
from __future__ import annotations

from collections import Counter

import pikepdf

from . import Finding, Options
from .walk import paints

#: inline images' abbreviated colour spaces
_SHORT = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK", "/I": "/Indexed"}
#: a rich black: this much black and this much of the other inks together
RICH_K, RICH_OTHER = 0.5, 0.1


def unmanaged(space) -> str | None:
    """The name of a colour space a press file must not paint in, else None."""
    if space is None:
        return None          # an image mask, a JPX image with its own space
    if isinstance(space, pikepdf.Name):
        name = _SHORT.get(str(space), str(space))
        return "DeviceRGB" if name == "/DeviceRGB" else None
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family in ("/CalRGB", "/Lab"):
            return family[1:]
        if family == "/ICCBased":
            n = int(space[1].get("/N", 0)) if isinstance(space[1], pikepdf.Stream) else 0
            return "ICCBased RGB" if n == 3 else None
        if family in ("/Indexed", "/I", "/Pattern") and len(space) > 1:
            return unmanaged(space[1])
        if family == "/Separation" and len(space) > 2:
            return unmanaged(space[2])
        if family == "/DeviceN" and len(space) > 2:
            return unmanaged(space[2])
    return None


def _cmyk(space) -> bool:
    if isinstance(space, pikepdf.Name):
        return str(space) == "/DeviceCMYK"
    if isinstance(space, pikepdf.Array) and len(space) > 1 and str(space[0]) == "/ICCBased":
        return isinstance(space[1], pikepdf.Stream) and int(space[1].get("/N", 0)) == 4
    return False


def rich_black(space, colour) -> bool:
    return _cmyk(space) and len(colour) == 4 and colour[3] >= RICH_K \
        and sum(colour[:3]) >= RICH_OTHER


def check(pdf: pikepdf.Pdf, options: Options) -> list[Finding]:
    if not options.pdfx:
        return []
    out: list[Finding] = []
    for n, page in enumerate(pdf.pages, start=1):
        bad: Counter = Counter()
        rich: Counter = Counter()
        for p in paints(page):
            name = unmanaged(p.space)
            if name:
                bad[(p.where, name, p.kind)] += 1
            elif p.kind == "text" and rich_black(p.space, p.colour):
                rich[p.where] += 1
        for (where, name, kind), count in sorted(bad.items()):
            what = {"path": "path(s) painted", "text": "text run(s)", "image": "image(s)",
                    "inline-image": "inline image(s)", "shading": "shading(s)"}[kind]
            out.append(Finding("colour", "error", f"{count} {what} in {name}: a PDF/X file "
                               "paints in the output intent's CMYK", n, where))
        for where, count in sorted(rich.items()):
            out.append(Finding("colour", "warning", f"{count} text run(s) in rich black "
                               "(black with other inks): black text in black ink alone", n,
                               where))
    out += groups(pdf)
    return out


def groups(pdf: pikepdf.Pdf) -> list[Finding]:
    """Every transparency group whose blending space is not the output's."""
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    out = []
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        group = obj.get("/Group")
        if not isinstance(group, pikepdf.Dictionary) or "/CS" not in group:
            continue
        name = unmanaged(group.CS)
        if name:
            page = pages.get(obj.objgen)
            what = "the page" if page else f"object {obj.objgen[0]} {obj.objgen[1]} R"
            out.append(Finding("colour", "error", f"a transparency group in {name} ({what}): "
                               "it must blend in the output intent's CMYK", page,
                               "page /Group" if page else f"{obj.get('/Subtype', '')} /Group"))
    return out

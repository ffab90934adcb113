"""The ISBN of the wrap cover's back: the EAN-13 bars (python-barcode's SVG
writer, inline), the digits under them, and the ISBN above them hyphenated
by the ISBN agency's ranges (python-stdnum's range table: hyphens placed by
hand would be wrong for most publishers' prefixes).

On a press cover every part of it is black ink alone (DeviceCMYK 0 0 0 1) on
no ink: bars built of four inks misregister, and scanners reject them.
"""
from __future__ import annotations

import html
import io
import re

from ...config import isbn13_ok

PT_PER_IN = 72.0
#: EAN-13 at 100 % magnification: 0.33 mm modules, 11 modules of quiet zone,
#: bars 22.85 mm high (GS1's nominal height; the guard bars 10 % longer)
EAN_MODULE_MM = 0.33
EAN_QUIET_MODULES = 11
EAN_BAR_MM = 22.85


def isbn13(identifier: str | None) -> str | None:
    """The 13 digits of an ISBN-13 identifier ("urn:isbn:978…", "978-…"), else None."""
    if not identifier:
        return None
    v = re.sub(r"^(urn:isbn:|isbn:?)\s*", "", identifier.strip(), flags=re.I)
    digits = re.sub(r"[\s-]", "", v)
    if re.fullmatch(r"97[89][0-9]{10}", digits) and isbn13_ok(digits):
        return digits
    return None


def isbn_label(identifier: str) -> str:
    """The ISBN as printed above the bars, hyphenated by the ISBN ranges
    ("978-0-306-40615-7"), whatever hyphens the identifier had; the 13
    digits when the ranges do not know its prefix."""
    from stdnum import isbn
    digits = isbn13(identifier) or re.sub(r"\D", "", identifier)
    try:
        return isbn.format(digits)
    except Exception:       # noqa: BLE001 - stdnum raises its own ValidationError family
        return digits


def barcode_svg(digits: str, ink: str = "black", paper: str = "white",
                bar_mm: float = EAN_BAR_MM) -> str:
    """The EAN-13 bars of `digits` as an inline SVG element (no text: the
    digits are laid out under it by `barcode_box`), drawn by python-barcode
    in `ink` on `paper` (CSS colours), the bars `bar_mm` high."""
    import barcode
    from barcode.writer import SVGWriter

    code = barcode.EAN13(digits[:12], writer=SVGWriter(), guardbar=True)
    if code.get_fullcode().replace(" ", "").replace(">", "") != digits:
        raise ValueError(f"{digits}: python-barcode computes another check digit")
    buf = io.BytesIO()
    guard = 0.1 * bar_mm                # python-barcode's guard bars are 10 % longer
    code.write(buf, options=dict(module_width=EAN_MODULE_MM, module_height=bar_mm,
                                 quiet_zone=EAN_QUIET_MODULES * EAN_MODULE_MM,
                                 margin_top=0.0, margin_bottom=guard, write_text=False,
                                 background="white", foreground="black", compress=False))
    svg = buf.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg"):]                      # no XML prolog, no DOCTYPE
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)   # nor the version comment
    # presentation attributes, not style: WeasyPrint reads an inline SVG's
    # style attributes as the HTML's CSS too, and warns about `fill`
    svg = re.sub(r'style="fill:(\w+);?"', r'fill="\1"', svg)
    svg = svg.replace('fill="black"', f'fill="{ink}"').replace('fill="white"', f'fill="{paper}"')
    return re.sub(r">\s+<", "><", svg).strip()


def _pt(value: float) -> str:
    return f"{value:.3f}pt"


def _box(left: float, top: float, width: float) -> str:
    return f"left:{_pt(left)};top:{_pt(top)};width:{_pt(width)};"


def box_height(bar_mm: float = EAN_BAR_MM) -> float:
    """The height of `barcode_box`'s box in points (what the back keeps free)."""
    mm = PT_PER_IN / 25.4
    pad = 1.5 * mm
    return pad + 9.0 + 1.5 * mm + 1.1 * bar_mm * mm + 1.5 * pad


def barcode_box(digits: str, right: float, bottom: float, label: str = "",
                ink: str = "black", paper: str = "white", bar_mm: float = EAN_BAR_MM) -> str:
    """The barcode in its box of `paper`, bottom right at (`right`, `bottom`)."""
    mm = PT_PER_IN / 25.4
    m = EAN_MODULE_MM * mm
    q = EAN_QUIET_MODULES * m
    bars_w = 2 * q + 95 * m
    bars_h = 1.1 * bar_mm * mm
    pad = 1.5 * mm                 # paper around the quiet zones
    digit_pt = 8.5
    label_h = 9.0 + 1.5 * mm       # "ISBN …" above the bars
    box_w, box_h = pad + bars_w + pad, pad + label_h + bars_h + 1.5 * pad
    left, top = right - box_w, bottom - box_h
    # the human-readable digits under the bars, EAN style: the first in the
    # left quiet zone, then six under each half, between the guard bars
    dy = pad + label_h + bar_mm * mm + 0.3 * mm
    groups = [(digits[0], pad + q - 8 * m, 7 * m), (digits[1:7], pad + q + 3 * m, 42 * m),
              (digits[7:], pad + q + 50 * m, 42 * m)]
    spans = "".join(f'<span class="ean-digits" style="{_box(x, dy, w)}font-size:{_pt(digit_pt)};'
                    f'line-height:{_pt(digit_pt)}">{d}</span>' for d, x, w in groups)
    return (f'<div class="barcode" data-isbn="{digits}" style="{_box(left, top, box_w)}'
            f'height:{_pt(box_h)};background:{paper};color:{ink}">'
            f'<div class="isbn" style="{_box(0, pad, box_w)}">ISBN {html.escape(label or digits)}</div>'
            f'<div class="bars" style="{_box(pad, pad + label_h, bars_w)}height:{_pt(bars_h)}">'
            f'{barcode_svg(digits, ink, paper, bar_mm)}</div>{spans}</div>')

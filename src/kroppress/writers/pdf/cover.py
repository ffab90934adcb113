"""The paperback wrap cover: one PDF page with back, spine and front.

``kroppress build --format cover`` writes ``<slug>[-<edition>][-<profile>]-cover.pdf``
from the print profile (trim size, bleed, crop marks, paper) and the page
count of the interior:

* width = back + spine + front = 2 × trim width + spine, plus the bleed on
  both sides; height = trim height plus the bleed top and bottom. WeasyPrint
  sets the TrimBox (the three panels) and the BleedBox from ``@page { bleed }``;
* spine = pages × caliper (the thickness of one *page*, as KDP, Lulu and
  IngramSpark quote it; KDP's white paper, 0.002252in, by default) or pages
  ÷ ppi (`kroppress.config.Paper`);
* the front is the EPUB cover's design (`kroppress.render.cover_image.DESIGN`: colours,
  frame, the same type sizes and line breaks from `title_block`), scaled to
  the trim width, in vector type;
* the spine carries the title and the editors, turned to read top to bottom,
  when it is at least 0.25in wide, kept 1/16in from the folds;
* the back has the description, the publisher and, when the identifier is an
  ISBN-13, its EAN-13 barcode (python-barcode's SVG writer, inline) with the
  digits under the bars, in a white box inside the safe area.

Reproducible like the interior: same book, profile, page count and epoch give
the same bytes (dates from the epoch, a deterministic /ID and XMP).
"""
from __future__ import annotations

import datetime as _dt
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ... import __version__
from ...config import Paper, PrintProfile, isbn13_ok
from ...render.cover_image import DESIGN, HEIGHT, WIDTH, _font, _spaced, font_files, name_line, title_block
from ...epoch import epoch_datetime
from ...render.fetch import SafeFetcher
from ...render.fonts import use_project_fonts
from ...model import Book
from . import weasy
from .geometry import default_profile, font_css, is_pdfx, output_intent_css, tagged
from .weasyfix import install

PT_PER_IN = 72.0
#: no spine text on a narrower spine (POD printers' rule: 0.25in, about 100 pages)
SPINE_TEXT_MIN_IN = 0.25
#: spine text this far from each fold
SPINE_FOLD_MARGIN_IN = 0.0625
#: nothing that must survive trimming (text, barcode) nearer to a trim edge
SAFE_IN = 0.125
#: EAN-13 at 100 % magnification: 0.33 mm modules, 11 modules of quiet zone
EAN_MODULE_MM = 0.33
EAN_QUIET_MODULES = 11
EAN_BAR_MM = 20.0


@dataclass(frozen=True)
class Geometry:
    """The wrap cover's sizes in points (the trim area's origin top left)."""
    trim_width: float     # one panel
    trim_height: float
    spine: float
    bleed: float

    @property
    def width(self) -> float:
        """The trim area: back + spine + front."""
        return 2 * self.trim_width + self.spine

    @property
    def media_width(self) -> float:
        return self.width + 2 * self.bleed

    @property
    def media_height(self) -> float:
        return self.trim_height + 2 * self.bleed

    @property
    def front_left(self) -> float:
        return self.trim_width + self.spine


def spine_width_in(page_count: int, paper: Paper | None = None) -> float:
    """The spine in inches: pages × caliper (per page), or pages ÷ ppi."""
    return (paper or Paper()).spine_in(page_count)


def geometry(profile: PrintProfile, page_count: int) -> Geometry:
    return Geometry(trim_width=profile.width.pt, trim_height=profile.height.pt,
                    spine=spine_width_in(page_count, profile.paper) * PT_PER_IN,
                    bleed=profile.bleed.pt if profile.has_bleed else 0.0)


# ------------------------------------------------------------------ barcode
def isbn13(identifier: str | None) -> str | None:
    """The 13 digits of an ISBN-13 identifier ("urn:isbn:978…", "978-…"), else None."""
    if not identifier:
        return None
    v = identifier.strip()
    v = re.sub(r"^(urn:isbn:|isbn:?)\s*", "", v, flags=re.I)
    digits = re.sub(r"[\s-]", "", v)
    if re.fullmatch(r"97[89]\d{10}", digits) and isbn13_ok(digits):
        return digits
    return None


def isbn_label(identifier: str) -> str:
    """The ISBN as printed above the bars: hyphenated as the identifier
    writes it (the hyphens place its groups, which only the ISBN agency's
    ranges can say), else the 13 digits."""
    v = re.sub(r"^(urn:isbn:|isbn:?)\s*", "", identifier.strip(), flags=re.I)
    v = re.sub(r"\s+", "-", v)
    return v if re.fullmatch(r"97[89](-\d+){3}-\d", v) else re.sub(r"\D", "", v)


def barcode_svg(digits: str) -> str:
    """The EAN-13 bars of `digits` as an inline SVG element (no text: the
    digits are laid out under it by `cover_html`), drawn by python-barcode."""
    import barcode
    from barcode.writer import SVGWriter

    code = barcode.EAN13(digits[:12], writer=SVGWriter(), guardbar=True)
    if code.get_fullcode().replace(" ", "").replace(">", "") != digits:
        raise ValueError(f"{digits}: python-barcode computes another check digit")
    buf = io.BytesIO()
    guard = 0.1 * EAN_BAR_MM            # python-barcode's guard bars are 10 % longer
    code.write(buf, options=dict(module_width=EAN_MODULE_MM, module_height=EAN_BAR_MM,
                                 quiet_zone=EAN_QUIET_MODULES * EAN_MODULE_MM,
                                 margin_top=0.0, margin_bottom=guard, write_text=False,
                                 background="white", foreground="black", compress=False))
    svg = buf.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg"):]                      # no XML prolog, no DOCTYPE
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)   # nor the version comment
    # presentation attributes, not style: WeasyPrint reads an inline SVG's
    # style attributes as the HTML's CSS too, and warns about `fill`
    svg = re.sub(r'style="fill:(\w+);?"', r'fill="\1"', svg)
    return re.sub(r">\s+<", "><", svg).strip()


# ------------------------------------------------------------------ the HTML
def _rgb(colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _pt(value: float) -> str:
    return f"{value:.3f}pt"


def _box(left: float, top: float, width: float | None = None, height: float | None = None,
         extra: str = "") -> str:
    style = f"left:{_pt(left)};top:{_pt(top)};"
    if width is not None:
        style += f"width:{_pt(width)};"
    if height is not None:
        style += f"height:{_pt(height)};"
    return style + extra


def _text_width(text: str, size_pt: float, weight: int = 400, italic: bool = False) -> float:
    """The advance width of `text` in EB Garamond at `size_pt`, in points."""
    roman, it = font_files()
    font = _font(it if italic else roman, 200, weight)
    return font.getlength(text) * size_pt / 200


def _half_leading_offset(size_pt: float, line_height: float, weight: int = 500,
                         italic: bool = False) -> float:
    """How far below a CSS line box's top its glyphs' ascender line is: PIL
    draws a line from there, CSS from the line box."""
    roman, it = font_files()
    font = _font(it if italic else roman, 200, weight)
    ascent, descent = font.getmetrics()
    return (line_height - (ascent + descent) * size_pt / 200) / 2


def _lines_html(lines: list[str]) -> str:
    return "<br/>".join(html.escape(line) for line in lines)


def _front(book: Book, g: Geometry) -> list[str]:
    """The front panel: the EPUB cover's design at trim width (one design, two sizes)."""
    s = g.trim_width / WIDTH                       # points per design pixel
    ys = g.trim_height / HEIGHT                    # for positions from the top
    x0 = g.front_left
    meta = book.meta
    block = title_block(meta.title, meta.subtitle, meta.editors)
    inset = DESIGN["text_inset"] * s
    text_w = g.trim_width - 2 * inset
    out = []
    for frame_inset, stroke in DESIGN["frame"]:
        i = frame_inset * s
        out.append(f'<div class="frame" style="{_box(x0 + i, i, g.trim_width - 2 * i, g.trim_height - 2 * i)}'
                   f'border-width:{_pt(stroke * s)}"></div>')
    d = DESIGN["title"]
    size, lines = block["title"]
    size_pt, leading = size * s, size * d["leading"] * s
    top = max(d["min_top"] * s, d["centre_y"] * ys - leading * len(lines) / 2)
    css_top = top - _half_leading_offset(size_pt, leading, d["weight"])
    out.append(f'<div class="title" style="{_box(x0 + inset, css_top, text_w)}'
               f'font-size:{_pt(size_pt)};line-height:{_pt(leading)};font-weight:{d["weight"]}">'
               f'{_lines_html(lines)}</div>')
    y = top + leading * len(lines)
    o = DESIGN["ornament"]
    y += o["gap"] * s
    half, z = o["half"], o["lozenge"]
    out.append(f'<svg class="ornament" xmlns="http://www.w3.org/2000/svg" '
               f'style="{_box(x0 + g.trim_width / 2 - half * s, y - z * s, 2 * half * s, 2 * z * s)}" '
               f'viewBox="{-half} {-z} {2 * half} {2 * z}">'
               f'<g stroke="{_rgb(DESIGN["accent"])}" stroke-width="{o["stroke"]}">'
               f'<line x1="{-half}" y1="0" x2="{-o["inner"]}" y2="0"/>'
               f'<line x1="{o["inner"]}" y1="0" x2="{half}" y2="0"/></g>'
               f'<polygon fill="{_rgb(DESIGN["accent"])}" '
               f'points="0,{-z} {z},0 0,{z} {-z},0"/></svg>')
    y += o["after"] * s
    if "subtitle" in block:
        d = DESIGN["subtitle"]
        size, lines = block["subtitle"]
        size_pt, leading = size * s, size * d["leading"] * s
        css_top = y - _half_leading_offset(size_pt, leading, d["weight"], italic=True)
        out.append(f'<div class="subtitle" style="{_box(x0 + inset, css_top, text_w)}'
                   f'font-size:{_pt(size_pt)};line-height:{_pt(leading)};'
                   f'font-weight:{d["weight"]}">{_lines_html(lines)}</div>')
    if "editors" in block:
        e = DESIGN["editors"]
        size, lines = block["editors"]
        size_pt, leading = size * s, size * e["leading"] * s
        y = g.trim_height - e["from_foot"] * s - leading * (len(lines) - 1)
        label_pt = e["label_size"] * s
        label_top = y - e["label_gap"] * s - _half_leading_offset(label_pt, label_pt,
                                                                  e["label_weight"])
        out.append(f'<div class="label" style="{_box(x0 + inset, label_top, text_w)}'
                   f'font-size:{_pt(label_pt)};line-height:{_pt(label_pt)};'
                   f'font-weight:{e["label_weight"]}">{html.escape(_spaced(e["label"]))}</div>')
        out.append(f'<div class="editors" style="'
                   f'{_box(x0 + inset, y - _half_leading_offset(size_pt, leading, e["weight"]), text_w)}'
                   f'font-size:{_pt(size_pt)};line-height:{_pt(leading)};'
                   f'font-weight:{e["weight"]}">{_lines_html(lines)}</div>')
    return out


def spine_text(book: Book, g: Geometry) -> tuple[float, str, str] | None:
    """(font size in pt, title, editors) for the spine, or None when the
    spine is too narrow for text (or the title does not fit its length)."""
    if g.spine < SPINE_TEXT_MIN_IN * PT_PER_IN - 1e-6:
        return None
    across = g.spine - 2 * SPINE_FOLD_MARGIN_IN * PT_PER_IN
    size = min(across / 1.35, 15.0)           # ascender to descender ≈ 1.3 em
    length = g.trim_height - 2 * 0.5 * PT_PER_IN
    title, names = book.meta.title, name_line(book.meta.editors)
    gap = 2 * size
    while size >= 5:
        need = _text_width(title, size, 500) + (gap + _text_width(names, 0.8 * size, 500)
                                                if names else 0)
        if need <= length:
            return size, title, names
        if names and _text_width(title, size, 500) <= length * 0.7:
            names = ""              # the title alone, at this size
            continue
        size *= 0.92
        gap = 2 * size
    return None


def _spine(book: Book, g: Geometry) -> list[str]:
    text = spine_text(book, g)
    if text is None:
        return []
    size, title, names = text
    length = g.trim_height - 2 * 0.5 * PT_PER_IN
    # a box as long as the spine's text area and as wide as the spine, turned
    # a quarter clockwise about its centre: the text reads top to bottom
    left = g.trim_width + g.spine / 2 - length / 2
    top = g.trim_height / 2 - g.spine / 2
    inner = (f'<span class="spine-title" style="font-size:{_pt(size)}">{html.escape(title)}</span>')
    if names:
        inner += (f'<span class="spine-names" style="font-size:{_pt(0.8 * size)}">'
                  f'{html.escape(names)}</span>')
    return [f'<div class="spine" style="{_box(left, top, length, g.spine)}'
            f'line-height:{_pt(g.spine)}">{inner}</div>']


def _back(book: Book, g: Geometry) -> list[str]:
    s = g.trim_width / WIDTH
    out = []
    for frame_inset, stroke in DESIGN["frame"]:
        i = frame_inset * s
        out.append(f'<div class="frame" style="{_box(i, i, g.trim_width - 2 * i, g.trim_height - 2 * i)}'
                   f'border-width:{_pt(stroke * s)}"></div>')
    inset = DESIGN["text_inset"] * s
    text_w = g.trim_width - 2 * inset
    body_pt = max(9.0, min(13.5, g.trim_width / 30))
    meta = book.meta
    if meta.description:
        out.append(f'<div class="description" style="'
                   f'{_box(inset, 0.16 * g.trim_height, text_w)}font-size:{_pt(body_pt)};'
                   f'line-height:{_pt(body_pt * 1.4)}">{html.escape(meta.description)}</div>')
    foot = g.trim_height - 0.55 * PT_PER_IN           # the bottom of the barcode box
    if meta.publisher:
        label_pt = DESIGN["editors"]["label_size"] * s
        out.append(f'<div class="publisher" style="{_box(inset, foot - label_pt * 1.2, text_w / 2)}'
                   f'font-size:{_pt(label_pt)};line-height:{_pt(label_pt * 1.2)}">'
                   f'{html.escape(_spaced(meta.publisher))}</div>')
    digits = isbn13(meta.identifier)
    if digits:
        out.append(_barcode_box(digits, right=g.trim_width - 0.55 * PT_PER_IN, bottom=foot,
                                label=isbn_label(meta.identifier)))
    return out


def _barcode_box(digits: str, right: float, bottom: float, label: str = "") -> str:
    """The barcode in its white box, bottom right at (`right`, `bottom`)."""
    mm = PT_PER_IN / 25.4
    m = EAN_MODULE_MM * mm
    q = EAN_QUIET_MODULES * m
    bars_w = 2 * q + 95 * m
    bars_h = 1.1 * EAN_BAR_MM * mm
    pad = 1.5 * mm                 # white around the quiet zones
    digit_pt = 8.5
    label_h = 9.0 + 1.5 * mm       # "ISBN …" above the bars
    box_w, box_h = pad + bars_w + pad, pad + label_h + bars_h + 1.5 * pad
    left, top = right - box_w, bottom - box_h
    # the human-readable digits under the bars, EAN style: the first in the
    # left quiet zone, then six under each half, between the guard bars
    dy = pad + label_h + EAN_BAR_MM * mm + 0.3 * mm
    groups = [(digits[0], pad + q - 8 * m, 7 * m), (digits[1:7], pad + q + 3 * m, 42 * m),
              (digits[7:], pad + q + 50 * m, 42 * m)]
    spans = "".join(f'<span class="ean-digits" style="{_box(x, dy, w)}font-size:{_pt(digit_pt)};'
                    f'line-height:{_pt(digit_pt)}">{d}</span>' for d, x, w in groups)
    return (f'<div class="barcode" data-isbn="{digits}" style="{_box(left, top, box_w, box_h)}">'
            f'<div class="isbn" style="{_box(0, pad, box_w)}">ISBN {html.escape(label or digits)}</div>'
            f'<div class="bars" style="{_box(pad, pad + label_h, bars_w, bars_h)}">'
            f'{barcode_svg(digits)}</div>{spans}</div>')


def _fold_marks(g: Geometry) -> list[str]:
    """Short lines in the outer half of the bleed, above and below each spine fold."""
    if g.bleed <= 0:
        return []
    out = []
    for x in (g.trim_width, g.trim_width + g.spine):
        for top in (-g.bleed, g.trim_height + g.bleed / 2):
            out.append(f'<div class="fold" style="{_box(x - 0.125, top, 0.25, g.bleed / 2)}"></div>')
    return out


def cover_css(g: Geometry, profile: PrintProfile) -> str:
    ink, accent, bg = (_rgb(DESIGN[k]) for k in ("ink", "accent", "background"))
    marks = "crop" if profile.crop_marks and g.bleed > 0 else "none"
    return f"""
@page {{ size: {_pt(g.width)} {_pt(g.trim_height)}; margin: 0;
        bleed: {_pt(g.bleed)}; marks: {marks}; background: {bg}; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "EB Garamond"; color: {ink}; width: {_pt(g.width)};
       height: {_pt(g.trim_height)}; position: relative; overflow: visible; }}
body > * {{ position: absolute; margin: 0; }}
.frame {{ box-sizing: border-box; border: solid {accent}; }}
.title, .subtitle, .label, .editors {{ text-align: center; }}
.subtitle {{ font-style: italic; }}
.label, .publisher {{ color: {accent}; }}
.publisher {{ white-space: nowrap; }}
.description {{ text-align: left; hyphens: manual; font-weight: 400; }}
.spine {{ transform: rotate(90deg); white-space: nowrap; overflow: visible;
         font-weight: 500; }}
.spine-title {{ position: absolute; left: 0; }}
.spine-names {{ position: absolute; right: 0; color: {accent}; }}
.barcode {{ background: white; color: black; }}
.barcode > * {{ position: absolute; }}
.bars svg {{ display: block; width: 100%; height: 100%; }}
.isbn {{ text-align: center; font-size: 9pt; line-height: 9pt; letter-spacing: 0.04em;
        font-variant-numeric: lining-nums tabular-nums; }}
.ean-digits {{ text-align: center; letter-spacing: 0.08em;
              font-variant-numeric: lining-nums tabular-nums; }}
.fold {{ background: black; }}
"""


def cover_html(book: Book, profile: PrintProfile, page_count: int) -> tuple[str, str]:
    """(HTML, CSS) of the wrap cover of `book` at `page_count` pages."""
    g = geometry(profile, page_count)
    parts = [*_back(book, g), *_spine(book, g), *_front(book, g)]
    if profile.crop_marks:
        parts += _fold_marks(g)
    lang = html.escape(book.meta.language or "en")
    doc = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"/>'
           f'<title>{html.escape(book.meta.title)} — cover</title></head>'
           f'<body>{"".join(parts)}</body></html>')
    return doc, cover_css(g, profile)


# ------------------------------------------------------------------ the writer
def count_pages(pdf: str | Path) -> int:
    import pikepdf
    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


def write_cover(book: Book, path: str | Path, *, page_count: int,
                epoch: int | float | _dt.datetime | _dt.date,
                profile: PrintProfile | None = None,
                warnings: list[str] | None = None) -> Path:
    """Write the wrap cover of `book` (an interior of `page_count` pages) at
    `path` with the print `profile`; returns the path. `warnings` receives
    WeasyPrint's problems, one line each."""
    if page_count < 1:
        raise ValueError(f"page_count {page_count}: a book has at least one page")
    use_project_fonts()
    install()
    path = Path(path)
    profile = profile or default_profile()
    sink: list[str] = [] if warnings is None else warnings
    moment = epoch_datetime(epoch)
    doc, css = cover_html(book, profile, page_count)
    fetcher = weasy.Fetcher(SafeFetcher(warnings=sink))
    fonts = weasy.font_config()
    seed = f"{book.meta.identifier}|{profile.name}|cover|{page_count}|{weasy.w3c(moment)}"
    import hashlib
    ident = hashlib.md5(f"{book.meta.identifier}|{profile.name}|cover".encode(),
                        usedforsecurity=False).hexdigest().encode()
    with weasy.collect_warnings(sink), weasy.source_date_epoch(int(moment.timestamp())):
        if is_pdfx(profile):        # a press cover: the interior's output intent
            css += "\n" + "\n".join(output_intent_css()) + "\n"
        stylesheets = [weasy.stylesheet(font_css() + css, fetcher, fonts)]
        document = weasy.render(doc, stylesheets, fetcher, fonts)
        weasy.apply_metadata(document, dict(
            title=f"{book.meta.title} (cover)", authors=weasy.authors(book),
            description=book.meta.description or None, generator=f"kroppress {__version__}",
            created=weasy.w3c(moment), modified=weasy.w3c(moment),
            lang=book.meta.language or "en"))
        variant = profile.pdf_variant if profile.pdf_variant and not tagged(profile) else None
        document.write_pdf(path, pdf_identifier=ident, pdf_variant=variant,
                           finisher=weasy.finisher(seed, variant))
    return path

"""The paperback wrap cover: one PDF page with back, spine and front.

``kroppress build --format cover`` writes ``<slug>[-<edition>][-<profile>]-cover.pdf``
from the print profile (trim size, bleed, crop marks, paper) and the page
count of the interior:

* width = back + spine + front = 2 × trim width + spine, plus the bleed on
  both sides; height = trim height plus the bleed top and bottom. WeasyPrint
  sets the TrimBox (the three panels) and the BleedBox from ``@page { bleed }``;
  a cover always has bleed (the profile's, else `COVER_BLEED_IN`); with
  ``crop_marks`` the crop and spine fold marks go in a slug outside the
  BleedBox (`press.add_slug`), never in the bleed;
* on a press (PDF/X) cover every colour is CMYK (`PRESS_INKS`), the barcode
  black ink alone;
* spine = pages × caliper (the thickness of one *page*, as KDP, Lulu and
  IngramSpark quote it; KDP's white paper, 0.002252in, by default) or pages
  ÷ ppi (`kroppress.config.Paper`);
* the front is the EPUB cover's design (`kroppress.render.cover_image.DESIGN`: colours,
  frame, the same type sizes and line breaks from `title_block`), scaled to
  the trim width, in vector type;
* the spine carries the title and the editors, turned to read top to bottom,
  when it is at least 0.25in wide, kept 1/16in from the folds;
* the back has the description, the publisher and, when the identifier is an
  ISBN-13, its EAN-13 barcode (`barcode`) with the digits under the bars and
  the ISBN hyphenated above them, in a white box inside the safe area.

Reproducible like the interior: same book, profile, page count and epoch give
the same bytes (dates from the epoch, a deterministic /ID and XMP).
"""
from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass
from pathlib import Path

from ... import __version__
from ...config import Paper, PrintProfile
from ...render.cover_image import DESIGN, HEIGHT, WIDTH, font_at, font_files, name_line, spaced, title_block
from ...epoch import epoch_datetime
from ...render.fetch import SafeFetcher
from ...render.fonts import use_project_fonts
from ...model import Book
from . import weasy
from .geometry import default_profile, font_css, is_pdfx, output_intent_css, tagged
from .barcode import barcode_box, barcode_svg, box_height, isbn13, isbn_label  # noqa: F401 (re-exported)
from .cover_fit import DESCRIPTION_LEADING, check_spine, fit_description
from .press import finish
from .weasyfix import install

PT_PER_IN = 72.0
#: no spine text on a narrower spine (POD printers' rule: 0.25in, about 100 pages)
SPINE_TEXT_MIN_IN = 0.25
#: spine text this far from each fold
SPINE_FOLD_MARGIN_IN = 0.0625
#: nothing that must survive trimming (text, barcode) nearer to a trim edge
SAFE_IN = 0.125
#: a cover always has bleed: this much when the profile gives none
COVER_BLEED_IN = 0.125
#: the design's colours in the press's inks: the sRGB design converted to the
#: FOGRA39 output profile (`kroppress.icc`, relative colorimetric), rounded;
#: black ink alone for the barcode, no ink for its ground
PRESS_INKS = {"background": (0, 0.94, 0.87, 0.58), "ink": (0.01, 0.04, 0.14, 0.05),
              "accent": (0, 0.2, 0.54, 0.17), "black": (0, 0, 0, 1), "paper": (0, 0, 0, 0)}
SCREEN_INKS = {"background": DESIGN["background"], "ink": DESIGN["ink"],
               "accent": DESIGN["accent"], "black": (0, 0, 0), "paper": (255, 255, 255)}


@dataclass(frozen=True)
class Geometry:
    """The wrap cover's sizes in points (the trim area's origin top left)."""
    trim_width: float     # one panel
    trim_height: float
    spine: float
    bleed: float
    press: bool = False   # a PDF/X cover: its colours in CMYK
    bar_mm: float = 22.85  # the EAN-13's bars (`barcode_height`)

    def colour(self, key: str) -> str:
        """The CSS colour of `key` ("background", "ink", "accent", "black",
        "paper"): device-cmyk() on a press cover, sRGB otherwise."""
        if self.press:
            return "device-cmyk({:g} {:g} {:g} {:g})".format(*PRESS_INKS[key])
        return "#{:02x}{:02x}{:02x}".format(*SCREEN_INKS[key])

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
                    bleed=profile.bleed.pt if profile.has_bleed
                    else COVER_BLEED_IN * PT_PER_IN, press=is_pdfx(profile),
                    bar_mm=profile.barcode_height.pt * 25.4 / PT_PER_IN)


# ------------------------------------------------------------------ the HTML
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
    font = font_at(it if italic else roman, 200, weight)
    return font.getlength(text) * size_pt / 200


def _half_leading_offset(size_pt: float, line_height: float, weight: int = 500,
                         italic: bool = False) -> float:
    """How far below a CSS line box's top its glyphs' ascender line is: PIL
    draws a line from there, CSS from the line box."""
    roman, it = font_files()
    font = font_at(it if italic else roman, 200, weight)
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
               f'<g fill="none" stroke="{g.colour("accent")}" stroke-width="{o["stroke"]}">'
               f'<line x1="{-half}" y1="0" x2="{-o["inner"]}" y2="0"/>'
               f'<line x1="{o["inner"]}" y1="0" x2="{half}" y2="0"/></g>'
               f'<polygon fill="{g.colour("accent")}" '
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
                   f'font-weight:{e["label_weight"]}">{html.escape(spaced(e["label"]))}</div>')
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
    foot = g.trim_height - 0.55 * PT_PER_IN           # the bottom of the barcode box
    digits = isbn13(meta.identifier)
    if meta.description:
        # the room above the barcode (or the publisher's line), a quarter inch apart
        label_pt = DESIGN["editors"]["label_size"] * s
        below = box_height(g.bar_mm) if digits else (label_pt * 1.2 if meta.publisher else 0)
        top = 0.16 * g.trim_height
        room = foot - below - 0.25 * PT_PER_IN - top
        size, lines = fit_description(meta.description, text_w, room, body_pt,
                                      lambda t, pt: _text_width(t, pt))
        out.append(f'<div class="description" style="'
                   f'{_box(inset, top, text_w)}font-size:{_pt(size)};'
                   f'line-height:{_pt(size * DESCRIPTION_LEADING)}">{_lines_html(lines)}</div>')
    if meta.publisher:
        label_pt = DESIGN["editors"]["label_size"] * s
        out.append(f'<div class="publisher" style="{_box(inset, foot - label_pt * 1.2, text_w / 2)}'
                   f'font-size:{_pt(label_pt)};line-height:{_pt(label_pt * 1.2)}">'
                   f'{html.escape(spaced(meta.publisher))}</div>')
    if digits:
        out.append(barcode_box(digits, right=g.trim_width - 0.55 * PT_PER_IN, bottom=foot,
                               label=isbn_label(meta.identifier), ink=g.colour("black"),
                               paper=g.colour("paper"), bar_mm=g.bar_mm))
    return out


def cover_css(g: Geometry, profile: PrintProfile) -> str:
    ink, accent, bg = (g.colour(k) for k in ("ink", "accent", "background"))
    # no WeasyPrint marks: they would be drawn in the bleed (`press.add_slug`)
    return f"""
@page {{ size: {_pt(g.width)} {_pt(g.trim_height)}; margin: 0;
        bleed: {_pt(g.bleed)}; marks: none; background: {bg}; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: "EB Garamond"; color: {ink}; width: {_pt(g.width)};
       height: {_pt(g.trim_height)}; position: relative; overflow: visible; }}
body > * {{ position: absolute; margin: 0; }}
.frame {{ box-sizing: border-box; border: solid {accent}; }}
.title, .subtitle, .label, .editors {{ text-align: center; }}
.subtitle {{ font-style: italic; }}
.label, .publisher {{ color: {accent}; }}
.publisher {{ white-space: nowrap; }}
.description {{ text-align: left; hyphens: manual; font-weight: 400; white-space: nowrap; }}
.spine {{ transform: rotate(90deg); white-space: nowrap; overflow: visible;
         font-weight: 500; }}
.spine-title {{ position: absolute; left: 0; }}
.spine-names {{ position: absolute; right: 0; color: {accent}; }}
.barcode > * {{ position: absolute; }}
.bars svg {{ display: block; width: 100%; height: 100%; }}
.isbn {{ text-align: center; font-size: 9pt; line-height: 9pt; letter-spacing: 0.04em;
        font-variant-numeric: lining-nums tabular-nums; }}
.ean-digits {{ text-align: center; letter-spacing: 0.08em;
              font-variant-numeric: lining-nums tabular-nums; }}
"""


def cover_html(book: Book, profile: PrintProfile, page_count: int) -> tuple[str, str]:
    """(HTML, CSS) of the wrap cover of `book` at `page_count` pages."""
    g = geometry(profile, page_count)
    parts = [*_back(book, g), *_spine(book, g), *_front(book, g)]
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
    check_spine(page_count, profile.paper, sink)
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
    g = geometry(profile, page_count)
    # the spine's folds, in page space (the MediaBox starts at the bleed's edge)
    folds = [g.bleed + g.trim_width, g.bleed + g.front_left]
    finish(path, labels=["cover"], press=is_pdfx(profile), marks=profile.crop_marks,
           folds=folds)
    return path

"""A typographic cover, drawn with Pillow in EB Garamond.

`cover_png(meta)` returns the PNG bytes (1600 × 2560). The same metadata and
the same Pillow/FreeType give the same bytes: nothing random, no timestamp in
the PNG, no system fonts.

The design (colours, frame, type sizes, positions) is `DESIGN`, in pixels of
the 1600-pixel-wide EPUB cover; the print wrap cover
(`kroppress.writers.pdf.wrap_cover`) lays the same design out in vector type on
its front panel, scaled to the trim width (`title_block` gives both the same
sizes and line breaks).
"""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .. import paths
from ..model import BookMeta

WIDTH, HEIGHT = 1600, 2560
BACKGROUND = (122, 30, 24)      # a deep brick red
INK = (246, 237, 219)           # warm paper white
ACCENT = (222, 186, 122)        # muted gold for rules and the editor line

#: One cover design, two sizes: lengths in pixels of the WIDTH-wide EPUB
#: cover (the wrap cover scales them by trim width / WIDTH); `*_y` positions
#: are from the top of a HEIGHT-high cover (the wrap cover takes them as a
#: fraction of the trim height), `*_from_foot` from its bottom edge.
DESIGN = {
    "background": BACKGROUND, "ink": INK, "accent": ACCENT,
    "frame": ((70, 6), (96, 2)),            # (inset, stroke) of the double frame
    "text_inset": 220,                      # left and right of the text block
    "title": {"weight": 500, "sizes": (210, 60, -6), "max_lines": 4, "leading": 1.12,
              "centre_y": 720, "min_top": 220},
    "ornament": {"gap": 70, "half": 220, "inner": 40, "stroke": 4, "lozenge": 18, "after": 90},
    "subtitle": {"weight": 400, "sizes": (96, 40, -4), "max_lines": 5, "leading": 1.25},
    "editors": {"label": "Edited by", "label_size": 54, "label_weight": 500, "label_gap": 110,
                "weight": 500, "sizes": (96, 44, -4), "max_lines": 2, "leading": 1.2,
                "from_foot": 360},
}


def font_files() -> tuple[Path, Path]:
    """(roman, italic) files of the text face."""
    files = paths.font_files()
    return files["normal"], files["italic"]


def font_at(path: Path, size: int, weight: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(path), size)
    try:
        font.set_variation_by_axes([weight])
    except (OSError, AttributeError):  # FreeType without variation support: default instance
        pass
    return font


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if not line or font.getlength(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _fit(text: str, path: Path, weight: int, sizes: range, width: int, max_lines: int):
    """The largest font size (from `sizes`) at which `text` wraps into max_lines."""
    font = None
    lines: list[str] = []
    for size in sizes:
        font = font_at(path, size, weight)
        lines = _wrap(text, font, width)
        if len(lines) <= max_lines and all(font.getlength(l) <= width for l in lines):
            break
    return font, lines


def _draw_lines(draw: ImageDraw.ImageDraw, lines: list[str], font, y: float, fill,
                leading: float) -> float:
    for line in lines:
        w = font.getlength(line)
        draw.text(((WIDTH - w) / 2, y), line, font=font, fill=fill)
        y += leading
    return y


def spaced(text: str) -> str:
    """Letter-spaced small-capital look for short lines (thin spaces between letters)."""
    return "\u2009".join(text.upper())


def name_line(editors: list[str] | None) -> str:
    """"A, B and C" (the editors line of the cover)."""
    names = [n for n in (editors or []) if n]
    if not names:
        return ""
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]


def title_block(title: str, subtitle: str = "", editors: list[str] | None = None) -> dict:
    """The sizes (pixels of DESIGN) and lines of the cover's three texts, as
    fitted into the text block: {"title": (size, lines), "subtitle": …,
    "editors": …}; an absent text has no key. Used by the PNG and the wrap cover."""
    roman, italic = font_files()
    width = WIDTH - 2 * DESIGN["text_inset"]
    out: dict[str, tuple[int, list[str]]] = {}
    for key, text, path in (("title", title, roman), ("subtitle", subtitle, italic),
                            ("editors", name_line(editors), roman)):
        if text:
            d = DESIGN[key]
            font, lines = _fit(text, path, d["weight"], range(*d["sizes"]), width, d["max_lines"])
            out[key] = (font.size, lines)
    return out


def draw_cover(title: str, subtitle: str = "", editors: list[str] | None = None) -> Image.Image:
    roman, italic = font_files()
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(img)
    block = title_block(title, subtitle, editors)

    # a double frame
    for inset, stroke in DESIGN["frame"]:
        draw.rectangle([inset, inset, WIDTH - inset, HEIGHT - inset], outline=ACCENT, width=stroke)

    # title
    d = DESIGN["title"]
    size, title_lines = block["title"]
    title_font = font_at(roman, size, d["weight"])
    leading = size * d["leading"]
    block_h = leading * len(title_lines)
    y = max(d["min_top"], d["centre_y"] - block_h / 2)  # centred on the upper third, never into the frame
    y = _draw_lines(draw, title_lines, title_font, y, INK, leading)

    # ornament: a short rule with a lozenge
    o = DESIGN["ornament"]
    y += o["gap"]
    cx = WIDTH / 2
    draw.line([(cx - o["half"], y), (cx - o["inner"], y)], fill=ACCENT, width=o["stroke"])
    draw.line([(cx + o["inner"], y), (cx + o["half"], y)], fill=ACCENT, width=o["stroke"])
    z = o["lozenge"]
    draw.polygon([(cx, y - z), (cx + z, y), (cx, y + z), (cx - z, y)], fill=ACCENT)
    y += o["after"]

    # subtitle
    if "subtitle" in block:
        size, sub_lines = block["subtitle"]
        sub_font = font_at(italic, size, DESIGN["subtitle"]["weight"])
        _draw_lines(draw, sub_lines, sub_font, y, INK, size * DESIGN["subtitle"]["leading"])

    # editors, near the foot
    if "editors" in block:
        e = DESIGN["editors"]
        label_font = font_at(roman, e["label_size"], e["label_weight"])
        label = spaced(e["label"])
        size, name_lines = block["editors"]
        name_font = font_at(roman, size, e["weight"])
        y = HEIGHT - e["from_foot"] - size * e["leading"] * (len(name_lines) - 1)
        _draw_lines(draw, [label], label_font, y - e["label_gap"], ACCENT, 0)
        _draw_lines(draw, name_lines, name_font, y, INK, size * e["leading"])
    return img


def cover_png(meta: BookMeta) -> bytes:
    """The cover of `meta` as PNG bytes (deterministic).

    Drawing and compressing it costs ~0.15 s, a sixth of an EPUB build, so
    the PNG is kept in kroppress's cache folder, keyed by everything that
    makes it (the texts on it, this module, Pillow, the font files)."""
    import hashlib

    import PIL
    key = hashlib.sha256(repr((meta.title, meta.subtitle, list(meta.editors or []),
                               PIL.__version__, [(f.name, f.stat().st_size)
                                                 for f in font_files()])).encode()
                         + Path(__file__).read_bytes()).hexdigest()
    cached = paths.cache_dir("covers") / f"{key}.png"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    img = draw_cover(meta.title, meta.subtitle, meta.editors)
    buf = io.BytesIO()
    # zlib's default level: `optimize` saves 3% of the bytes for 0.2 s a build
    img.save(buf, format="PNG", compress_level=6)
    data = buf.getvalue()
    try:
        from ..build.atomic import write_atomic
        cached.parent.mkdir(parents=True, exist_ok=True)
        with write_atomic(cached) as tmp:
            tmp.write_bytes(data)
    except OSError:
        pass        # no cache: the next build draws it again
    return data

"""A typographic cover, drawn with Pillow in EB Garamond.

`cover_png(meta)` returns the PNG bytes (1600 × 2560). The same metadata and
the same Pillow/FreeType give the same bytes: nothing random, no timestamp in
the PNG, no system fonts.
"""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .model import BookMeta

WIDTH, HEIGHT = 1600, 2560
BACKGROUND = (122, 30, 24)      # a deep brick red
INK = (246, 237, 219)           # warm paper white
ACCENT = (222, 186, 122)        # muted gold for rules and the editor line


def font_files() -> tuple[Path, Path]:
    """(roman, italic) EB Garamond variable TTFs shipped by fontpkg-eb-garamond."""
    import fontpkg_eb_garamond
    files = Path(fontpkg_eb_garamond.ROOT) / "files"
    return files / "EBGaramond[wght].ttf", files / "EBGaramond-Italic[wght].ttf"


def _font(path: Path, size: int, weight: int) -> ImageFont.FreeTypeFont:
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
        font = _font(path, size, weight)
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


def _spaced(text: str) -> str:
    """Letter-spaced small-capital look for short lines (thin spaces between letters)."""
    return "\u2009".join(text.upper())


def draw_cover(title: str, subtitle: str = "", editors: list[str] | None = None) -> Image.Image:
    roman, italic = font_files()
    img = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(img)

    # a double frame
    for inset, stroke in ((70, 6), (96, 2)):
        draw.rectangle([inset, inset, WIDTH - inset, HEIGHT - inset], outline=ACCENT, width=stroke)

    text_width = WIDTH - 2 * 220

    # title
    title_font, title_lines = _fit(title, roman, 500, range(210, 60, -6), text_width, 4)
    leading = title_font.size * 1.12
    block_h = leading * len(title_lines)
    y = max(220, 720 - block_h / 2)  # centred on the upper third, never into the frame
    y = _draw_lines(draw, title_lines, title_font, y, INK, leading)

    # ornament: a short rule with a lozenge
    y += 70
    cx = WIDTH / 2
    draw.line([(cx - 220, y), (cx - 40, y)], fill=ACCENT, width=4)
    draw.line([(cx + 40, y), (cx + 220, y)], fill=ACCENT, width=4)
    draw.polygon([(cx, y - 18), (cx + 18, y), (cx, y + 18), (cx - 18, y)], fill=ACCENT)
    y += 90

    # subtitle
    if subtitle:
        sub_font, sub_lines = _fit(subtitle, italic, 400, range(96, 40, -4), text_width, 5)
        _draw_lines(draw, sub_lines, sub_font, y, INK, sub_font.size * 1.25)

    # editors, near the foot
    names = [n for n in (editors or []) if n]
    if names:
        label_font = _font(roman, 54, 500)
        label = _spaced("Edited by")
        name_text = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        name_font, name_lines = _fit(name_text, roman, 500, range(96, 44, -4), text_width, 2)
        y = HEIGHT - 360 - name_font.size * 1.2 * (len(name_lines) - 1)
        _draw_lines(draw, [label], label_font, y - 110, ACCENT, 0)
        _draw_lines(draw, name_lines, name_font, y, INK, name_font.size * 1.2)
    return img


def cover_png(meta: BookMeta) -> bytes:
    """The cover of `meta` as PNG bytes (deterministic).

    Drawing and compressing it costs ~0.15 s, a sixth of an EPUB build, so
    the PNG is kept in kroppress's cache folder, keyed by everything that
    makes it (the texts on it, this module, Pillow, the font files)."""
    import hashlib

    from .fonts import cache_dir
    import PIL
    key = hashlib.sha256(repr((meta.title, meta.subtitle, list(meta.editors or []),
                               PIL.__version__, [(f.name, f.stat().st_size)
                                                 for f in font_files()])).encode()
                         + Path(__file__).read_bytes()).hexdigest()
    cached = cache_dir().parent / "covers" / f"{key}.png"
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
        from .atomic import write_atomic
        cached.parent.mkdir(parents=True, exist_ok=True)
        with write_atomic(cached) as tmp:
            tmp.write_bytes(data)
    except OSError:
        pass        # no cache: the next build draws it again
    return data

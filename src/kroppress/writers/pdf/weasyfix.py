"""A fix to WeasyPrint 70's line breaking, installed before any layout.

`split_first_line` measures a text with its trailing space. When only that
space overflows the line (the text is followed by another inline box: an
italic word, a link, a note's "(Translator's note)"), WeasyPrint decides the
text "cannot be split earlier" and keeps just its first word on the line:
"4. Report / of the Irish Agricultural Organisation Society …". The space
would hang (and be dropped) at the end of the line anyway, so the text
without it is laid out: it fits, and the next box goes to the next line."""
from __future__ import annotations

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    original = line_break.split_first_line

    def split_first_line(text, style, context, max_width, justification_spacing,
                         is_line_start=True, minimum=False):
        result = original(text, style, context, max_width, justification_spacing,
                          is_line_start, minimum)
        if (result[2] is not None and max_width is not None and text.endswith(" ")
                and style["white_space"] in ("normal", "nowrap", "pre-line")):
            body = text.rstrip(" ")
            if body and _may_fit(text.encode()[result[2]:], style, max_width - result[3]):
                trimmed = original(body, style, context, max_width, justification_spacing,
                                   is_line_start, minimum)
                if trimmed[2] is None and trimmed[3] <= max_width:
                    return trimmed
        return result

    # inline.py imported the function by name: replace it there
    split_first_line.__wrapped__ = original    # for the pin test (inspect.unwrap)
    inline.split_first_line = split_first_line
    from .composition import install as compose
    compose(inline)          # loose lines and hyphen ladders (composition.py)
    from weasyprint.layout import block, page
    from . import grid
    grid.install(block, page)   # the space after display blocks back to the grid
    from . import facing, opener
    opener.install(block)       # an opener never carries its title alone
    facing.install(page)        # the two pages of a spread end level
    _installed = True


#: a glyph's advance in any face is more than this share of its advance in
#: EB Garamond (fallback faces for other scripts are wider, kerning takes
#: off a few per cent): the bound below never rules out a text that fits
SURELY_WIDER = 0.5


def _may_fit(rest: bytes, style, room: float) -> bool:
    """Whether the text after the line WeasyPrint broke (`rest`) might still
    fit in the `room` the line left: only then can the text without its
    trailing space fit whole, and only then is it laid out again (a second
    Pango layout of every line's text cost a sixth of the layout)."""
    if not rest.strip(b" ") or (isinstance(style["letter_spacing"], (int, float))
                                and style["letter_spacing"] < 0):
        return True
    from .measure import shared
    size, italic = style["font_size"], style["font_style"] != "normal"
    budget = room / SURELY_WIDER
    text = rest.decode(errors="ignore").rstrip(" ")
    step = 64                   # measured a piece at a time: the rest may be long
    for start in range(0, len(text), step):
        budget -= shared().width(text[start:start + step], size, italic=italic)
        if budget < 0:
            return False
    return True

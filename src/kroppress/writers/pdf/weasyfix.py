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
            if body:
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

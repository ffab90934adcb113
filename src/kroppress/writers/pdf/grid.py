"""The baseline grid: running text on every page stands on the same lines
(one body line pitch apart from the top of the type area), so that facing
pages and the two sides of a leaf line up.

Headings, headnotes, verse, block quotations, scene breaks, tables and a
text's title block have their own sizes and spacing; whatever their height,
the space after each is made up to the next line of the grid, as a
typesetter does, so the text after them is back on it. The tree pass
(`mark`) names those blocks; the layout hook (`install`) rounds the space
after each up, in WeasyPrint's block layout, once the block's height is
known (it is not in CSS).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

ATTR = "data-grid"
_TAGS = {"h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "table", "figure", "pre", "ul", "ol",
         "dl", "header"}
_CLASSES = {"headnote", "verse", "dateline", "address", "closing", "signature", "salutation"}
_FLOWS = {"text", "headnote"}      # the sections whose blocks keep to the grid
ENABLED = True                     # False: no snapping (the tests' "before")


def mark(root: ET.Element) -> None:
    """Mark the blocks of the texts after which the grid is taken up again."""
    for section in root.iter("section"):
        classes = set((section.get("class") or "").split())
        # the texts, their headnotes, the book's introduction (by role: ids vary)
        if not classes & _FLOWS and section.get("role") != "doc-introduction":
            continue
        for child in section:
            own = set((child.get("class") or "").split())
            if child.tag in _TAGS or own & _CLASSES:
                child.set(ATTR, "")


def install(block, page) -> None:
    """Wrap WeasyPrint's `block_level_layout` (in layout.block and layout.page)."""
    original = block.block_level_layout

    def block_level_layout(context, box, *args, **kwargs):
        if getattr(box, "is_for_root_element", False):
            # the root is laid out at the top of the page's type area: the grid's origin
            context.kp_grid = (box.position_y, _pitch(box.style))
        result = original(context, box, *args, **kwargs)
        new_box, resume_at = result[0], result[1]
        element = getattr(box, "element", None)
        if ENABLED and new_box is not None and resume_at is None and element is not None \
                and element.get(ATTR) is not None:
            _snap(context, new_box)
        return result

    block_level_layout.__wrapped__ = original  # for the pin test (inspect.unwrap)
    block.block_level_layout = block_level_layout
    page.block_level_layout = block_level_layout


def pitch(context) -> float | None:
    """The body's line pitch of the page being laid out (None before its root)."""
    return getattr(context, "kp_grid", (None, None))[1]


def _pitch(style) -> float | None:
    height = style["line_height"]
    return height.value if getattr(height, "unit", None) == "px" and height.value > 0 else None


def _snap(context, box) -> None:
    top, pitch = getattr(context, "kp_grid", (None, None))
    if top is None or not pitch:
        return
    bottom = box.border_box_y() + box.border_height() + box.margin_bottom
    short = (top - bottom) % pitch
    if 0.01 < short < pitch - 0.01:
        box.margin_bottom += short

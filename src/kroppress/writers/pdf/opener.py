"""An opener never carries its title alone.

A text's headnote moves whole to the next page rather than split (print.css:
`break-inside: avoid`). A long one that does not fit below the title on the
opener would leave the opener empty below the title, which no designer
passes. The opener's sink (the space above the title, `header`'s top
padding) is the one thing on the page that is there for looks alone: a
designer gives it up before splitting the editor's note or setting it in
another size than every other headnote, so when the headnote fits without
it, the title is set at the head of the type area and the headnote follows
it on the opener. A headnote too long even for that still moves whole (the
typographic report then names the opener: "an opener carrying only its
title"). Not in a book with footnotes still to set (see `install`).

Installed by `weasyfix.install` around WeasyPrint's `block_level_layout`,
for the section of a text only, on the page where that section starts.
"""
from __future__ import annotations

from .lines import box_classes as _classes, box_tag as _tag

ENABLED = True        # False: the sink kept whatever follows (the tests' "before")


def install(block) -> None:
    original = block.block_level_layout

    def block_level_layout(context, box, bottom_space, skip_stack, *args, **kwargs):
        result = original(context, box, bottom_space, skip_stack, *args, **kwargs)
        if not ENABLED or skip_stack is not None or not _is_text(box) or context.footnotes \
                or context.current_page_footnotes or context.reported_footnotes:
            # footnotes still to set: WeasyPrint 70 can leave a footnote's call
            # at the foot of one page and the note on the next (seen on the
            # shipped book's footnotes profile once the sink is dropped), so
            # its own pagination is kept there
            return result
        place = _title_alone(box, result[1])
        if place is None:
            return result
        header = box.children[place].copy()
        header.style = header.style.copy()
        sink = header.style["padding_top"]
        if not getattr(sink, "value", 0):
            return result
        header.style["padding_top"] = type(sink)(0, sink.unit)
        sinkless = box.copy_with_children([*box.children[:place], header,
                                           *box.children[place + 1:]])
        trial = original(context, sinkless, bottom_space, skip_stack, *args, **kwargs)
        if trial[0] is not None and _title_alone(box, trial[1]) is None:
            return trial
        # the headnote does not fit even so: the opener as it was (laid out
        # again, so that what the layout recorded is that of the page kept)
        return original(context, box, bottom_space, skip_stack, *args, **kwargs)

    block_level_layout.__wrapped__ = original  # for the pin test (inspect.unwrap)
    block.block_level_layout = block_level_layout


def _is_text(box) -> bool:
    return _tag(box) == "section" and "text" in _classes(box) and bool(box.children)


def _title_alone(box, resume_at) -> int | None:
    """The index of the text's title block when the page ends after it,
    the headnote that follows it moved whole to the next page; else None."""
    if not resume_at or len(resume_at) != 1:
        return None
    (index, inner), = resume_at.items()
    if inner is not None or index < 1 or index >= len(box.children):
        return None
    before, after = box.children[index - 1], box.children[index]
    if _tag(before) != "header" or "headnote" not in _classes(after):
        return None
    return index - 1

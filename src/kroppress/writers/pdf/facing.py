"""Facing pages of equal depth, as a typesetter makes them.

Widow and orphan control (`orphans`/`widows: 2`) leaves a page a line short
where its facing page is full, so the spread ends on two baselines. A
typesetter evens the spread: the short page and its facing page are both
run a line long (a "long page", allowed on both pages of a spread together),
or the full page is shortened by a line so that both end level.

Judged spread by spread in WeasyPrint's pagination (`make_page`, installed by
`weasyfix.install`): once a recto whose verso flows into it is laid out, and
both continue into the next page, their depths (last baselines) are
compared; when they differ, the pair is laid out again on trial (the recto a
line shorter or longer; the verso a line longer or shorter with the recto
after it from the verso's new end) and the first pair that ends level is
kept. WeasyPrint's own rules (widows, orphans, headings kept with their
text, headnotes kept whole) decide every trial's breaks, so no trial can
create what they forbid: a trial that they cut again simply does not end
level and is dropped. A running balance of the lines gained and lost picks
lengthening or shortening first, so the page count stays where it was.

A long or short page keeps its paper size: the type area grows into the foot
margin by a line (or gives one back), where no folio stands on a page that
continues a text (folios are at the head; drop folios are on openings only).
"""
from __future__ import annotations

import copy

from .grid import pitch as _pitch

ENABLED = True        # False: WeasyPrint's own page depths (the tests' "before")
LEVEL = 0.5           # px: what counts as the same baseline
MOST = 2              # lines: a spread further apart than this is left as it is


class _Memo:
    """What this document's pagination decided so far (one per layout)."""

    def __init__(self, footnotes: bool) -> None:
        self.footnotes = footnotes
        #: by page number: (where the page starts, its allowance in px), so a
        #: page made again in a later loop of WeasyPrint's pagination is
        #: laid out as decided
        self.allowances: dict[int, tuple[object, float]] = {}
        self.verso: dict | None = None
        self.balance = 0.0          # lines gained (long pages) less lines given back

    def allowance(self, number: int, resume_at) -> float:
        known = self.allowances.get(number)
        return known[1] if known is not None and known[0] == resume_at else 0.0


def install(page) -> None:
    """Wrap `make_page` and `page_height` in WeasyPrint's layout.page module."""
    original_make, original_height = page.make_page, page.page_height

    def page_height(box, context, containing_block_height):
        original_height(box, context, containing_block_height)
        extra = getattr(context, "kp_allowance", 0.0)
        if extra:
            # the type area longer (or shorter) by a line, the paper unchanged
            box.height += extra
            box.margin_bottom -= extra

    def lay(context, allowance, *args):
        context.kp_allowance = allowance
        try:
            return original_make(context, *args)
        finally:
            context.kp_allowance = 0.0

    def make_page(context, root_box, page_type, resume_at, page_number, page_state):
        if not ENABLED or page_type.blank:
            return original_make(context, root_box, page_type, resume_at, page_number,
                                 page_state)
        memo = context.__dict__.get("kp_facing")
        if memo is None:
            # a book with footnotes keeps WeasyPrint's depths: a trial would
            # lay out (or report to the next page) a footnote it then drops,
            # and WeasyPrint 70 can part a call at a page's foot from its note
            memo = context.kp_facing = _Memo(footnotes=bool(context.footnotes))
        if memo.footnotes:
            return original_make(context, root_box, page_type, resume_at, page_number,
                                 page_state)
        allowance = memo.allowance(page_number, resume_at)
        pristine = copy.deepcopy(page_state)
        notes = list(context.rendered_notes or ())
        forced = context.forced_break
        result = lay(context, allowance, root_box, page_type, resume_at, page_number, page_state)
        if page_type.side == "left":
            memo.verso = {"number": page_number, "page": result[0], "type": page_type,
                          "start": resume_at, "state": pristine, "notes": notes,
                          "forced": forced, "allowance": allowance, "result": result,
                          "depth": _depth(result[0]), "floats": _floats(context)}
            return result
        verso, memo.verso = memo.verso, None
        if verso is None or verso["number"] != page_number - 1 or verso["floats"] or \
                verso["result"][1] != resume_at or not _continues(verso["result"]) or \
                not _continues(result) or _floats(context):
            return result
        depth, pitch = _depth(result[0]), _pitch(context)
        if not pitch or not _body(depth, pitch) or not _body(verso["depth"], pitch):
            return result
        gap = abs(depth[0] - verso["depth"][0])
        if gap <= LEVEL or gap > MOST * pitch + LEVEL:
            return result
        v_depth, r_depth = verso["depth"][0], depth[0]
        full = depth[2] - allowance         # the recto's last line if it were full

        def toward(target):
            """The recto's allowance whose page ends level with `target`
            (one line each way at most; None: no such)."""
            lines = round((target - full) / pitch)
            return lines * pitch if abs(lines) <= 1 else None

        def recto(start, extra):
            _notes(context, notes)
            context.forced_break = forced
            _forget(context, page_number)
            return lay(context, allowance + extra, root_box, page_type, start, page_number,
                       copy.deepcopy(pristine))

        def left(extra):
            tried.append(extra)
            _notes(context, verso["notes"])
            context.forced_break = verso["forced"]
            _forget(context, page_number - 1)
            return lay(context, verso["allowance"] + extra, root_box, verso["type"],
                       verso["start"], page_number - 1, copy.deepcopy(verso["state"]))

        tried: list = []
        # the recto alone first (one layout), when it is the full page; then
        # the verso a line longer or shorter (lengthening or shortening first
        # as the balance of lines asks) with the recto after it
        trials = [0.0] if r_depth > v_depth or v_depth < full - LEVEL else []
        trials += [pitch, -pitch] if memo.balance <= 0 else [-pitch, pitch]
        for v_extra in trials:
            new_verso, new_depth = verso["result"], v_depth
            if v_extra:
                new_verso = left(v_extra)
                found = _depth(new_verso[0])
                if not _continues(new_verso) or _floats(context) or not _body(found, pitch) \
                        or abs(found[0] - v_depth) <= LEVEL:
                    continue
                new_depth = found[0]
            r_extra = toward(new_depth) if v_extra else \
                (-pitch if r_depth > v_depth else pitch)
            if r_extra is None:
                continue
            new_recto = recto(new_verso[1], r_extra)
            found = _depth(new_recto[0])
            if not _body(found, pitch) or abs(found[0] - new_depth) > LEVEL or _floats(context):
                continue
            if v_extra:
                # the verso, already handed on, takes the new layout in place
                verso["page"].__dict__.update(new_verso[0].__dict__)
                maker = context.page_maker
                maker[page_number - 1] = (new_verso[1], new_verso[2], *maker[page_number - 1][2:])
                memo.allowances[page_number - 1] = (verso["start"], verso["allowance"] + v_extra)
            memo.allowances[page_number] = (new_verso[1], allowance + r_extra)
            memo.balance += (new_depth + found[0] - v_depth - r_depth) / pitch
            return new_recto
        # no pair ends level: the spread as it was (laid out again, so that
        # the pagination's bookkeeping is that of the pages kept)
        if tried:
            left(0.0)
        return recto(resume_at, 0.0)

    make_page.__wrapped__ = original_make      # for the pin test (inspect.unwrap)
    page_height.__wrapped__ = original_height
    page.make_page = make_page
    page.page_height = page_height


def _continues(result) -> bool:
    """Whether the page's text goes on on the next page, without a forced break."""
    _, resume_at, next_page = result
    return resume_at is not None and next_page.get("break") == "any"


def _floats(context) -> bool:
    """Footnotes on the page just made, or boxes broken across pages: the
    spread is left as laid out."""
    return bool(context.reported_footnotes or context.current_page_footnotes
                or context.broken_out_of_flow)


def _notes(context, notes: list) -> None:
    if context.rendered_notes is not None:
        context.rendered_notes[:] = notes


def _forget(context, number: int) -> None:
    """Clear what a page's layout recorded for the pagination (as WeasyPrint
    does before it makes a page again)."""
    state = context.page_maker[number - 1][-1]
    state["anchors"] = []
    state["content_lookups"] = []


def _body(depth, pitch: float) -> bool:
    """Whether a page ends on a line of running text, on the body's pitch
    (the notes, set smaller, and pages ending in a display block are left)."""
    return depth is not None and depth[1] is not None and abs(depth[1] - pitch) < 0.01


def _depth(page) -> tuple[float, float | None, float] | None:
    """The last baseline of the page's flow (px), that line's pitch, and the
    baseline the page's last line of that pitch could have (its type area
    full); None for a page without lines."""
    if not page.children:
        return None
    best = last = None
    stack = [page.children[0]]
    while stack:
        box = stack.pop()
        if type(box).__name__ == "LineBox":
            if box.children:
                y = box.position_y + (box.baseline or 0)
                if best is None or y > best:
                    best, last = y, box
            continue
        stack.extend(getattr(box, "children", ()))
    if last is None:
        return None
    height = last.style["line_height"]
    pitch = height.value if getattr(height, "unit", None) == "px" else None
    room = page.content_box_y() + page.height - (last.position_y + last.height)
    lines = int(room / pitch + 1e-6) if pitch else 0
    return best, pitch, best + lines * (pitch or 0)


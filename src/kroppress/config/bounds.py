"""Print settings that each pass their own check but together, or with the
book, make no book: a type area too small to set a line in, creep wider than
the inner margin, a spine no binder binds, a booklet asked to keep a PDF
standard imposition drops. Each is one line at the key to change."""
from __future__ import annotations

from typing import Any, Callable, Sequence

from .print import BUILTIN_PROFILES

#: the least type area, across and down: a narrower measure holds a word or
#: two a line, and a page of 1pt lays the book out over thousands of pages
MIN_MEASURE_IN = 2.0
#: binders bind paperbacks up to about this spine; wider is warned of
SPINE_WARN_IN = 3.0
#: and beyond this no one binds one volume
SPINE_MAX_IN = 4.0

Fail = Callable[[Sequence[str | int], str, str], Exception]


def key_loc(settings: Any, profile: str, key: str) -> tuple | None:
    """Where the file sets `key` for the profile `profile`: its own table,
    else `[print]`; None when it is a default or a built-in profile's."""
    own = settings.profiles.get(profile)
    if own is not None and key in own.model_fields_set:
        return ("print", "profiles", profile, key)
    if own is None and key in BUILTIN_PROFILES.get(profile, {}):
        return None                       # the built-in profile's own value
    if key in settings.model_fields_set:
        return ("print", key)
    return None


def check_type_area(settings: Any, profiles: Sequence[Any], fail: Fail) -> None:
    """Refuse a trim with margins leaving under MIN_MEASURE_IN either way."""
    for p in profiles:
        across = p.width.pt - p.margin_inner.pt - p.margin_outer.pt
        down = p.height.pt - p.margin_top.pt - p.margin_bottom.pt
        if min(across, down) >= MIN_MEASURE_IN * 72:
            continue
        own = ("print", "profiles", p.name)
        small_page = min(p.width.pt, p.height.pt) < MIN_MEASURE_IN * 72
        keys = ("trim", "margins") if small_page else ("margins", "trim")
        locs = [key_loc(settings, p.name, k) for k in keys]
        # the profile's own key first, then [print]'s: the one to change
        loc = next((x for x in locs if x and x[:3] == own), None) or next(
            (x for x in locs if x), ("print",))
        way, left = ("across", across) if across < down else ("down", down)
        raise fail(loc, f"the page {p.width} × {p.height} with these margins leaves "
                   f"{max(left, 0) / 72:.2f}in of type area {way} (profile {p.name!r}); a book "
                   f"needs {MIN_MEASURE_IN:g}in at least",
                   "make the margins smaller or the trim larger")

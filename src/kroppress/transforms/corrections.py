"""Editorial corrections: find/replace in a text's body and notes, counted.

Each correction must match exactly `count` times, or the build stops with a
ConfigError naming the text, the find string and how many were found: a
correction that silently matches nothing (or too much) is an editorial error.

Matching happens in the text as read (before typography), so `find` uses the
source's quotes and dashes. A match may span several adjacent Text nodes in
the same inline list (they are merged where a replacement lands), but not a
formatting boundary (emphasis, a link, a note call): such near-misses are
counted and named in the error so the editor can split the correction.
Corrections apply in order, each to the result of the previous ones.
"""
from __future__ import annotations

from typing import Callable, Sequence

from ..errors import ConfigError
from ..model import Correction, Document, Inline, Text
from ..plain import block_text
from .walk import body_and_note_blocks, inline_lists, nested_lists


def _runs(inlines: list[Inline]) -> list[tuple[int, int]]:
    """(start, end) index ranges of consecutive Text nodes in one list."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, node in enumerate(inlines):
        if isinstance(node, Text):
            if start is None:
                start = i
        elif start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(inlines)))
    return runs


def _lists(doc: Document):
    for block in body_and_note_blocks(doc):
        for top in inline_lists(block):
            yield from nested_lists(top)


def count(doc: Document, find: str) -> int:
    """Occurrences of `find` that a correction can replace."""
    total = 0
    for inlines in _lists(doc):
        for a, b in _runs(inlines):
            total += "".join(n.text for n in inlines[a:b]).count(find)
    return total


def _count_plain(doc: Document, find: str) -> int:
    """Occurrences in the plain text, ignoring formatting boundaries."""
    return sum(block_text(b, note_calls=False).count(find) for b in body_and_note_blocks(doc))


def _replace(doc: Document, find: str, replace: str) -> None:
    for inlines in list(_lists(doc)):
        for a, b in reversed(_runs(inlines)):
            joined = "".join(n.text for n in inlines[a:b])
            if find not in joined:
                continue
            inlines[a:b] = [Text(joined.replace(find, replace))]


def apply(doc: Document, corrections: Sequence[Correction], *, text_id: str = "",
          where: Sequence[str] | None = None,
          on_mismatch: Callable[[str], None] | None = None) -> list[Correction]:
    """Apply `corrections` in order; return them as applied (with their counts).

    `where[i]`, if given, prefixes the error for correction i (e.g.
    "anthology.toml:40: key 'parts[0].texts[1].corrections[0]'"). A
    correction whose count does not match raises ConfigError, or, with
    `on_mismatch` (`kroppress check`, which lists them all), is reported
    there and skipped."""
    applied: list[Correction] = []
    for i, corr in enumerate(corrections):
        found = count(doc, corr.find)
        if found != corr.count:
            head = where[i] if where else f"correction {i + 1}"
            label = f"text {text_id!r}: " if text_id else ""
            plural = "" if found == 1 else "s"
            what = (f"{label}find {corr.find!r} occurs {found} time{plural}, "
                    f"expected count = {corr.count}")
            crossing = _count_plain(doc, corr.find) - found
            if crossing > 0:
                what += (f" ({crossing} more cross{'es' if crossing == 1 else ''} formatting such as "
                         "emphasis, a link or a note call, which a correction cannot span)")
            if found == 0 and crossing > 0:
                fix = "split the correction at the formatting boundary"
            elif found == 0:
                fix = ("check find against the source text (corrections see it before "
                       "typography, with the source's own quotes and dashes), or remove the "
                       "correction if it was already fixed")
            elif found > corr.count:
                fix = (f"set count = {found} to change every occurrence, or make find longer "
                       "so it matches only the intended place")
            else:
                fix = f"set count = {found}"
            if on_mismatch is None:
                raise ConfigError(f"{head}: {what}; {fix}")
            on_mismatch(f"{head}: {what}; {fix}")
            continue
        _replace(doc, corr.find, corr.replace)
        applied.append(Correction(find=corr.find, replace=corr.replace, reason=corr.reason,
                                  count=found))
    return applied

"""Heading ids: `{entry_id}-{slug of the heading text}`, unique.

A second heading with the same slug gets `-2`, `-3`, …; a heading whose text
slugs to nothing gets `{entry_id}-section-{n}`. Pass one `taken` set for the
whole book so ids stay unique across texts (it should already hold note ids,
entry ids and part ids).
"""
from __future__ import annotations

from slugify import slugify

from ..model import Document, Heading
from ..plain import inline_text
from .walk import all_blocks


def unique(base: str, taken: set[str]) -> str:
    candidate = base
    n = 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def assign_ids(entry_id: str, doc: Document, taken: set[str] | None = None) -> Document:
    taken = set() if taken is None else taken
    count = 0
    for block in all_blocks(doc.blocks):
        if isinstance(block, Heading):
            count += 1
            slug = slugify(inline_text(block.inlines, note_calls=False), max_length=60,
                           word_boundary=True)
            base = f"{entry_id}-{slug}" if slug else f"{entry_id}-section-{count}"
            block.id = unique(base, taken)
    return doc

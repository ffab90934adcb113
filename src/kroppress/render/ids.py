"""The ids the templates make themselves, so that a text's id can never
collide with them: sections of the book, and the ids derived from a text's."""
from __future__ import annotations

import re

#: ids of the fixed sections; entry and part ids must not reuse them
RESERVED_IDS = ("cover", "halftitle", "titlepage", "imprint", "toc", "introduction",
                "notes", "sources", "authors", "colophon", "landmarks")

#: what the templates append to a text's id ("t1-title", "t1-headnote")
TEXT_SUFFIXES = ("title", "headnote", "headnote-label")


def reserved_reason(text_id: str) -> str | None:
    """Why `text_id` cannot be a text's id, or None."""
    if text_id in RESERVED_IDS:
        return f"{text_id!r} is the id of a section of the book"
    head = text_id.split("-", 1)[0]
    if head in RESERVED_IDS and "-" in text_id:
        return f"{text_id!r} begins like the ids of the {head!r} section ({head}-…)"
    if re.search(r"-(?:note|noteref)-\d", text_id):
        return f"{text_id!r} looks like the id of a note or a note call (…-note-1)"
    for suffix in TEXT_SUFFIXES:
        if text_id.endswith("-" + suffix):
            return f"{text_id!r} ends like the ids made from another text's id (…-{suffix})"
    return None


def template_ids(entry_id: str) -> list[str]:
    """The ids the text template gives a text's own elements."""
    return [f"{entry_id}-{s}" for s in TEXT_SUFFIXES]

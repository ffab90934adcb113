"""The ids the book makes itself, in a namespace of their own, so that no
text's id can ever collide with them.

* The book's own sections are `kp-NAME` ("kp-notes", "kp-toc"); a text id may
  not begin with `kp-`, and is otherwise free ("notes", "introduction").
* An id made from another id joins them with `_` ("t1_title", "kp-notes_t1",
  "t1_note-3"): text ids are slugs (letters, digits, hyphens), so a derived id
  can never be a text's, a part's or a heading's id, and the part before the
  first `_` names its owner.
"""
from __future__ import annotations

#: the prefix of the book's own ids
NAMESPACE = "kp-"

#: the fixed sections of the book, by name
SECTIONS = ("cover", "halftitle", "titlepage", "imprint", "toc", "introduction",
            "notes", "sources", "authors", "colophon", "landmarks")

#: ids of the fixed sections ("kp-notes"), for messages and look-ups
RESERVED_IDS = tuple(NAMESPACE + name for name in SECTIONS)


def book_id(name: str) -> str:
    """The id of the book's own section `name` ("notes" -> "kp-notes")."""
    return NAMESPACE + name


def derived(owner: str, *what: str) -> str:
    """An id made from `owner` ("t1", "title" -> "t1_title")."""
    return "_".join((owner, *what))


def reserved_reason(text_id: str) -> str | None:
    """Why `text_id` cannot be a text's id, or None."""
    if text_id.startswith(NAMESPACE):
        return f"{text_id!r} begins with {NAMESPACE!r}, which the book keeps for its own ids"
    return None

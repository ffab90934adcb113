"""Shared by the Gutenberg tests: a book's frame around a body, and reading
with word conservation."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from conservation import assert_conserved  # noqa: E402
from kroppress.plain import block_text  # noqa: E402
from kroppress.reader import read_text  # noqa: E402

from shared_corpus import shared  # noqa: E402

CORPUS = shared("corpus", "gutenberg")

HEAD = """The Project Gutenberg EBook of Essays, by Jane Doe

This eBook is for the use of anyone anywhere at no cost and with
almost no restrictions whatsoever.

Title: Essays
       First Series

Author: Jane Doe

Translator: John Roe

Release Date: May 1, 2004 [EBook #12345]

Language: English

*** START OF THIS PROJECT GUTENBERG EBOOK ESSAYS ***




Produced by A. Volunteer and the Online Distributed
Proofreading Team.




"""
TAIL = """



End of the Project Gutenberg EBook of Essays, by Jane Doe

*** END OF THIS PROJECT GUTENBERG EBOOK ESSAYS ***

***** This file should be named 12345.txt *****

THE FULL PROJECT GUTENBERG LICENSE
PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK
"""


def book(body: str, head: str = HEAD, tail: str = TAIL):
    raw = head + body + tail
    doc = read_text(raw, "book.txt")
    assert_conserved(raw, doc)
    return doc


def texts(doc) -> list[str]:
    return [block_text(b) for b in doc.blocks]


def headings(doc) -> list[tuple[int, str]]:
    return [(b.level, block_text(b)) for b in doc.blocks if b.kind == "heading"]

"""A Project Gutenberg release's frame: out of the body, into the report.

    The Project Gutenberg EBook of Walking, by Henry David Thoreau
    This eBook is for the use of anyone anywhere …          the header: its
    Title: Walking                                          fields to metadata
    Author: Henry David Thoreau                             (Release Date is the
    Release Date: August 23, 2008 [EBook #1022]             archive's, reported)
    Language: English
    *** START OF THIS PROJECT GUTENBERG EBOOK WALKING ***   (or the 1990s
    Produced by …                                           "*END*THE SMALL PRINT!")
    [Transcriber's Note: …]                                 credits and notes
    …the text…
    End of the Project Gutenberg EBook of Walking, …        and everything from
    *** END OF THIS PROJECT GUTENBERG EBOOK WALKING ***     here: the licence
"""
from __future__ import annotations

import re

from .. import patterns as P
from .. import book_recognisers as R
from ..blocks import Raw
from ..state import ReadState
from ...model import Text
from ..text import line_texts, split_at_lines

_FIELD = re.compile(r"^\s*(title|author|authors|translator|translated by|editor|illustrator|language|"
                    r"release date|posting date|first posted|last updated|most recently updated|"
                    r"character set encoding|produced by|credits)\s*:\s*(.*)$", re.I)
_LANGS = {"english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
          "portuguese": "pt", "dutch": "nl", "latin": "la", "russian": "ru", "swedish": "sv",
          "danish": "da", "norwegian": "no", "finnish": "fi", "polish": "pl", "greek": "el"}


def _header(state: ReadState, lines: list[str]) -> None:
    """The fields of the header lines (a field's indented next line continues it)."""
    meta = state.meta
    fields: list[list[str]] = []
    for line in lines:
        m = _FIELD.match(line)
        if m:
            fields.append([m.group(1).lower(), m.group(2).strip()])
        elif fields and line.startswith((" ", "\t")) and line.strip():
            fields[-1].append(line.strip())
        else:
            fields.append(["", ""])          # a line between fields ends the one before
    for label, value, *more in (f for f in fields if f[0]):
        if label == "title" and value:
            meta.title = value
            if more:
                meta.subtitle = " ".join(more)
        elif label in ("author", "authors") and value:
            from ..names import split_names
            meta.authors = split_names(" ".join([value, *more]))
        elif label in ("translator", "translated by") and value:
            meta.translator = " ".join([value, *more])
        elif label == "language" and value:
            meta.language = _LANGS.get(value.split()[0].lower().strip(",;"), meta.language)
    if not meta.title:                       # the opening line: "The Project Gutenberg EBook of X, by Y"
        for line in lines[:3]:
            m = R.OPENING.match(line)
            if m and m.group(1):
                meta.title = m.group(1).strip()
                if m.group(2) and not meta.authors:
                    from ..names import split_names
                    meta.authors = split_names(m.group(2).strip())
                break
    number = next((m.group(1) for line in lines if (m := R.RELEASE.search(line))), "")
    meta.source_site = "Project Gutenberg"
    if number:
        meta.source_url = f"https://www.gutenberg.org/ebooks/{number}"


def _gap(a: Raw, b: Raw) -> int:
    return b.start - a.end - 1


def _credits(state: ReadState, blocks: list[Raw]) -> list[Raw]:
    """"Produced by …" and transcriber's notes, wherever they stand."""
    out: list[Raw] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        first = (line_texts(b) or [""])[0] if b.type in ("paragraph", "heading") else ""
        if R.PRODUCED.match(" ".join(line_texts(b)[:3]) if first else "") and (i < 4 or len(line_texts(b)) <= 4):
            state.drop(b, "boilerplate dropped", "the release's credits (\"Produced by …\")")
            i += 1
            # "(This file was produced from images …)" after it
            while i < len(blocks) and blocks[i].text.startswith("(") and blocks[i].text.endswith(")") \
                    and _gap(b, blocks[i]) <= 1:
                state.drop(blocks[i], "boilerplate dropped", "the release's credits")
                i += 1
            continue
        if R.TRANSCRIBER.match(first.lstrip("[")):
            bracketed = first.startswith("[")
            j = i
            while True:
                state.drop(blocks[j], "boilerplate dropped", "a transcriber's note, not the text")
                closed = blocks[j].text.rstrip().endswith("]")
                j += 1
                if j >= len(blocks) or (bracketed and closed):
                    break
                if not bracketed and _gap(blocks[j - 1], blocks[j]) >= 3:
                    break
                if not bracketed and j - i > 40:
                    break
            i = j
            continue
        out.append(b)
        i += 1
    return out


def _tail(state: ReadState, blocks: list[Raw]) -> list[Raw]:
    """A book's own end: "THE END", "FINIS", the printer's imprint."""
    while blocks:
        b = blocks[-1]
        texts = line_texts(b) if b.type == "paragraph" else []
        if texts and len(texts) <= 3 and (R.END_MARK.match(b.text) and P.END_MARK.match(b.text)
                                          or P.IMPRINT.match(texts[0])):
            state.drop(b, "boilerplate dropped", "the book's end mark or printer's imprint")
            blocks = blocks[:-1]
            continue
        return blocks
    return blocks


def rule(state: ReadState) -> bool:
    lines = state.text.split("\n")
    start = next((k for k, line in enumerate(lines[:1200]) if R.START.match(line)), None)
    if start is None:
        return False
    state.book = True
    _header(state, lines[:start])
    end = next((k for k in range(start + 1, len(lines)) if R.END_OF.match(lines[k]) or R.END.match(lines[k])),
               len(lines))
    blocks = []
    for b in state.blocks:      # the end line run into the text's last paragraph
        if b.start <= end < b.end and b.type == "paragraph":
            blocks += split_at_lines(b, lambda n: isinstance(n, Text) and bool(R.END_OF.match(n.text)
                                                                                 or R.END.match(n.text)))
        else:
            blocks.append(b)
    state.blocks = blocks
    head = [b for b in state.blocks if b.start <= start + 1]
    body = [b for b in state.blocks if start + 1 < b.start <= end]
    tail = [b for b in state.blocks if b.start > end]
    for b in head:
        state.drop(b, "moved to metadata" if any(_FIELD.match(t) for t in b.source.split("\n"))
                   else "boilerplate dropped", "the Project Gutenberg header and its start line")
    for b in tail:
        state.drop(b, "boilerplate dropped", "the Project Gutenberg end line and licence")
    state.blocks = _tail(state, _credits(state, body))
    return True

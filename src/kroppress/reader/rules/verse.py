"""Verse: a poem, a song, an epigraph, quoted or set apart by indentation.

    > Bread we ask, and roses too,         a block quote of short lines that
    > hearts are hungry as well,           break where a poem breaks, with or
    >                                      without the export's hard breaks;
    > Sing it out the whole day through    a blank quoted line between stanzas

      We have fed you all a thousand years,     or lines set apart by their
        and you hail us still unfed;            indentation (turned lines
                                                keep their indent)

Prose quotations stay prose: long lines that run on mid-sentence, in lower
case, are a wrapped paragraph. A letter's address or closing (given a role
by the letter rule, which runs first) is never verse.
"""
from __future__ import annotations

import re

from .. import patterns as P
from ..blocks import Raw
from ..recognisers import line_indents
from ..state import ReadState
from ..text import line_texts, starts_lower

_LINE_END = re.compile(r"[,;:.!?—–-][\"”’')\]]*$")


_STANZA_NUMBER = re.compile(r"^(?:\d{1,2}|[IVXL]{1,5})\.\s+(?=\S)")


def _shape_is_verse(lines: list[str], hard: bool, quoted: bool) -> bool:
    n = len(lines)
    # a hymn's stanza number before its first line only ("1. Lord of the deep…") is
    # not a list: the other lines are unnumbered
    if n >= 3 and _STANZA_NUMBER.match(lines[0]) and not any(_STANZA_NUMBER.match(x) for x in lines[1:]):
        lines = [_STANZA_NUMBER.sub("", lines[0])] + lines[1:]
    if n < 2 or any(P.LIST_ITEM.match(x) or P.NOTE_DEF.match(x) for x in lines):
        return False
    lens = [len(x) for x in lines]
    if max(lens) > 80:
        return False
    mean = sum(lens) / n
    caps = sum(1 for x in lines if not starts_lower(x)) / n
    ends = sum(1 for x in lines[:-1] if _LINE_END.search(x)) / (n - 1)
    if mean >= 50 and caps < 0.5:
        return False                      # a wrapped prose quotation
    if hard:
        return mean <= 60
    return mean <= 50 and (caps >= 0.6 or ends >= 0.5 or _early_breaks(lines) >= 0.5)


def _early_breaks(lines: list[str]) -> float:
    """Share of line breaks a fixed-width wrap would not have made: the next
    line's first word would have fitted on the line. Prose wrapped by an
    export has none; a poem breaks where its sense does."""
    width = max(len(x) for x in lines)
    early = sum(1 for a, b in zip(lines, lines[1:]) if len(a) + 1 + len(b.split()[0]) <= width)
    return early / (len(lines) - 1)


def is_verse(b: Raw, quoted: bool) -> bool:
    if b.type != "paragraph" or b.role:
        return False
    lines = line_texts(b)
    hard = len(b.lines) == len(lines) and len(lines) > 1
    if quoted:
        return _shape_is_verse(lines, hard, True)
    indents = line_indents(b, len(lines), False)
    if indents is not None and min(indents) >= 2:
        # set apart by indentation: short lines are enough
        lens = [len(x) for x in lines]
        return (len(lines) >= 2 and max(lens) <= 70 and sum(lens) / len(lens) <= 55
                and not any(P.LIST_ITEM.match(x) or P.NOTE_DEF.match(x) for x in lines))
    if hard and len(lines) >= 3:
        return _shape_is_verse(lines, hard, False)
    # a poem printed in the text's own lines (no quote, no indent): four or
    # more short lines, broken where no wrap would break them
    return (len(lines) >= 4 and _shape_is_verse(lines, False, False) and max(len(x) for x in lines) <= 60
            and (_early_breaks(lines) >= 0.5 or _STANZA_NUMBER.match(lines[0]) is not None))


def _single_lines(q: Raw) -> bool:
    """A quotation whose every line is a paragraph of its own (the export
    put a blank line between the lines of a poem)."""
    kids = q.children
    if len(kids) < 3 or not all(c.type == "paragraph" and not c.role and len(line_texts(c)) == 1 for c in kids):
        return False
    return _shape_is_verse([line_texts(c)[0] for c in kids], False, True)


def rule(state: ReadState) -> bool:
    found = False
    for b in state.blocks:
        if b.type == "blockquote":
            if _single_lines(b):
                b.role = "verse-lines"
            else:
                marks = [is_verse(c, True) for c in b.children]
                for c, m in zip(b.children, marks):
                    if m:
                        c.role = "verse"
                if marks and all(marks):
                    b.role = "verse"
                if not any(marks):
                    continue
            state.log("verse found", b.start, b.end, "short lines that break where a poem breaks: verse")
            found = True
        elif is_verse(b, False):
            b.role = "verse"
            state.log("verse found", b.start, b.end, "lines set apart as a poem: verse")
            found = True
    return found

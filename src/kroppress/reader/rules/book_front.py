"""A printed book's front matter before its first heading: its title page,
its contents table, the half-title repeated before the first chapter.

      The Place of Anarchism                 the title page: short lines, no
      in Socialistic Evolution               running text, up to the first
      BY                                     heading that prose follows
      PIERRE KROPOTKIN
      Translated by HENRY GLASSE
    CONTENTS
         I. OUR RICHES            1          the contents: every entry, with
        II. WELL-BEING FOR ALL   12          or without page numbers, up to
    THE CONQUEST OF BREAD                    the first heading; the book's
    CHAPTER I                                title again before a chapter
"""
from __future__ import annotations

from .. import patterns as P
from .. import book_recognisers as R
from ..blocks import Raw
from ..state import ReadState
from ..text import norm, norm_words


def _headingish(b: Raw) -> bool:
    lines = R.block_lines(b)
    return bool(lines) and (R.caps_line(b) or R.heading_form(lines[0]) is not None)


def _opens(blocks: list[Raw], i: int, reach: int = 2) -> bool:
    """Block i is a heading that running text (perhaps after its title line) follows."""
    if not _headingish(blocks[i]):
        return False
    numbered = R.heading_form(R.block_lines(blocks[i])[0]) is not None
    for k in range(i + 1, i + 1 + (reach if numbered else 1)):
        if k < len(blocks) and R.is_prose(blocks[k]):
            return True
        if k < len(blocks) and not _headingish(blocks[k]):
            return False
    return False


def _title_page(state: ReadState, blocks: list[Raw]) -> list[Raw]:
    i = 0
    while i < len(blocks) and i < 40:
        b = blocks[i]
        first = (R.block_lines(b) or [""])[0]
        if b.type not in ("paragraph", "heading", "hr") or R.is_prose(b) or _opens(blocks, i) \
                or R.heading_form(first) is not None and not R.NUMERAL.match(first) \
                or R.CONTENTS.match(b.text):
            break
        if len(R.block_lines(b)) > 40 or (state.contents and R.entry_key(b.text) in state.contents):
            break
        i += 1
    if i == len(blocks):
        return blocks
    for b in blocks[:i]:
        state.drop(b, "title page dropped", "the book's own title page (its facts are the metadata)")
    return blocks[i:]


def _contents(state: ReadState, blocks: list[Raw]) -> list[Raw]:
    for i, b in enumerate(blocks[:60]):
        if not (b.type in ("paragraph", "heading") and R.CONTENTS.match(R.block_lines(b)[0] if R.block_lines(b) else "")):
            continue
        taken = {norm(x) for x in R.block_lines(b)[1:]}
        j = i + 1
        while j < len(blocks):
            c = blocks[j]
            lines = R.block_lines(c)
            if c.type == "hr":
                j += 1
                continue
            if not lines or R.is_prose(c) or _opens(blocks, j, 1) or any(len(x) > 90 for x in lines):
                break
            if norm(lines[0]) in taken:
                break                      # the first heading repeats the first entry
            if c.start - blocks[j - 1].end - 1 >= 3 and not all(P.TOC_LINE.match(x) for x in lines):
                break
            taken.update(norm(x) for x in lines)
            state.contents.update(R.entry_key(x) for x in lines)
            j += 1
        for c in blocks[i:j]:
            state.drop(c, "contents dropped", "the book's contents table is not body")
        return blocks[:i] + blocks[j:]
    return blocks


def _half_title(state: ReadState, blocks: list[Raw]) -> list[Raw]:
    title = norm_words(state.meta.title.replace("&", "and"))
    if not title:
        return blocks
    out = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if R.caps_line(b) and norm_words(b.text.replace("&", "and")) == title and nxt is not None \
                and _headingish(nxt):
            state.drop(b, "title dropped", "the book's title repeated before its first chapter")
            i += 1
            continue
        # the title set over several lines apart: "THE" / "MIND THE PAINT" / "GIRL"
        n = next((n for n in (2, 3, 4) if all(R.caps_line(x) for x in blocks[i:i + n]) and len(blocks[i:i + n]) == n
                  and norm_words(" ".join(x.text for x in blocks[i:i + n]).replace("&", "and")) == title), 0)
        if n:
            for x in blocks[i:i + n]:
                state.drop(x, "title dropped", "the book's title, set over several lines")
            i += n
            continue
        out.append(b)
        i += 1
    return out


def rule(state: ReadState) -> bool:
    if not state.book:
        return False
    blocks = _title_page(state, state.blocks)
    blocks = _contents(state, blocks)
    blocks = _title_page(state, blocks)      # a title page may follow the contents
    state.blocks = _half_title(state, blocks)
    return True

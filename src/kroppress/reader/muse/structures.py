"""Muse lists, description lists and tables: indented regions.

     - a bullet item                 an item's mark after some indentation;
       its text runs on              more indentation nests a list; a blank
       1. a numbered sub-item        line and the item's indentation continue
     a. b. A. i. I. also number      the item with a paragraph
     term :: description             a description list
     cell | cell                     a table row; || a header row, ||| a
     head || head                    footer row; |+ caption +| its caption
     |+ The caption +|

A line that begins flush is never a list or a table: "1. The first point"
at the margin is a paragraph, as Muse has it.
"""
from __future__ import annotations

import re

from ...model import DefinitionItem, DefinitionList, ListBlock, Table, TableRow

_ITEM = re.compile(r"^( +)(-|\d{1,4}\.|[a-zA-Z]\.|[ivxlcdmIVXLCDM]{1,8}\.)(?: +(?=\S)|$)")
_TERM = re.compile(r"^ +(\S.*?) +::(?: +(.*)|$)")
_SEP = re.compile(r"(?:^|(?<=\s))(\|{1,3})(?=\s|$)")
_CAPTION = re.compile(r"^ +\|\+ *(.*?) *\+\|\s*$")
_ROMAN = set("ivxlcdm")


def _indent(t: str) -> int:
    return len(t) - len(t.lstrip(" "))


def read(reader, lines, i):
    text = lines[i][1]
    if _CAPTION.match(text) or _SEP.search(text):
        return _table(reader, lines, i)
    m = _ITEM.match(text)
    if m and len(m.group(1)) < 20 and _opens_list(lines, i, m):
        return _list(reader, lines, i)
    if _TERM.match(text):
        return _definitions(reader, lines, i)
    return None


def item_starts(lines, i: int) -> bool:
    """Does a list item start at lines[i] (it ends the paragraph above it)?"""
    m = _ITEM.match(lines[i][1])
    return (bool(m) and len(m.group(1)) < 20 and _opens_list(lines, i, m)) or bool(_TERM.match(lines[i][1]))


def _opens_list(lines, i: int, m: re.Match) -> bool:
    """A bullet or a number opens a list; a letter other than a/A/i/I only
    with a second item beside it ("      P. Kropotkin" is a signature)."""
    mark = m.group(2).rstrip(".")
    if mark == "-" or mark.isdigit() or mark in ("a", "A", "i", "I"):
        return True
    end = _region_end(lines, i, len(m.group(1)))
    return any((n := _ITEM.match(lines[k][1])) and len(n.group(1)) == len(m.group(1))
               for k in range(i + 1, end))


def _region_end(lines, i: int, base: int) -> int:
    """Lines from i on that belong to an indented structure of indentation
    `base`: run on until a flush line, two blank lines, or a blank line then
    a line set less deep."""
    k = i + 1
    while k < len(lines):
        t = lines[k][1]
        if t.strip():
            if _indent(t) == 0:
                break
            k += 1
            continue
        j = k
        while j < len(lines) and not lines[j][1].strip():
            j += 1
        if j >= len(lines) or j - k > 1 or _indent(lines[j][1]) < base:
            break
        k = j
    return k


def _kind(mark: str, roman: bool) -> tuple[bool, str]:
    if mark == "-":
        return False, ""
    m = mark[:-1]
    if m.isdigit():
        return True, "1"
    if roman and set(m.lower()) <= _ROMAN:
        return True, "i" if m.islower() else "I"
    return True, "a" if m.islower() else "A"


def _start(mark: str, style: str) -> int:
    m = mark[:-1]
    if style == "1":
        return int(m)
    if style in "aA" and len(m) == 1:
        return ord(m.lower()) - ord("a") + 1
    if style in "iI":
        vals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
        total = 0
        for a, b in zip(m.lower(), m.lower()[1:] + " "):
            total += -vals[a] if vals.get(b, 0) > vals[a] else vals[a]
        return max(total, 1)
    return 1


def _list(reader, lines, i):
    first = _ITEM.match(lines[i][1])
    base = len(first.group(1))
    end = _region_end(lines, i, base)
    # "i.", "v.", "x." open a roman list; "c." after "b." is a letter
    roman = first.group(2)[:-1] in ("i", "I", "v", "V", "x", "X") or len(first.group(2)) > 2
    ordered, style = _kind(first.group(2), roman)
    # what is set deeper than the marker and one space belongs to the item (as Text::Amuse counts)
    col = base + len(first.group(2)) + 1
    items: list[list] = []
    marks: list[str] = []
    k = i
    while k < end:
        m = _ITEM.match(lines[k][1])
        if not (m and len(m.group(1)) < col and _kind(m.group(2), roman) == (ordered, style)):
            break                              # another kind of list at this depth: a list of its own
        marks.append(m.group(2))
        body = [(lines[k][0], lines[k][1][len(m.group(0)):])]
        k += 1
        while k < end:
            t = lines[k][1]
            n = _ITEM.match(t)
            if n and len(n.group(1)) < col:
                break
            if t.strip() and not lines[k - 1][1].strip() and not n and _indent(t) < col:
                end = k          # after a blank line, what is set less deep than the item ends the list
                break
            # one column of the item's indentation stays: a nested item is still indented
            cut = min(_indent(t), col - 1) if t.strip() else 0
            body.append((lines[k][0], t[cut:] if t.strip() else ""))
            k += 1
        items.append(reader.nested().parse(body))
    block = ListBlock(items, ordered, style or "1", _start(first.group(2), style) if ordered else 1)
    if ordered:       # the list numbers its items itself: the source's marks go to the report
        reader.log("list marks", lines[i][0], lines[k - 1][0], f"{len(marks)} items numbered by the list",
                   " ".join(marks))
    return block, k


def _definitions(reader, lines, i):
    """Terms at any indentation; a definition runs on over its lines (flush
    ones too) and over indented paragraphs after a blank line."""
    items: list[DefinitionItem] = []
    k = i
    while k < len(lines):
        m = _TERM.match(lines[k][1])
        if not m:
            break
        body = [(lines[k][0], m.group(2) or "")]
        k += 1
        while k < len(lines):
            t = lines[k][1]
            if _TERM.match(t):
                break
            if t.strip():
                body.append((lines[k][0], t.strip()))
                k += 1
                continue
            j = k
            while j < len(lines) and not lines[j][1].strip():
                j += 1
            # one blank line, then an indented line: the definition goes on (or the next term)
            if j >= len(lines) or j - k > 1 or not _indent(lines[j][1]) or _TERM.match(lines[j][1]):
                k = j if j < len(lines) and j - k == 1 and _TERM.match(lines[j][1]) else k
                break
            body.append((lines[k][0], ""))
            k = j
        items.append(DefinitionItem(reader._inlines([m.group(1)]), reader.nested().parse(body)))
    return DefinitionList(items), k


def _table(reader, lines, i):
    rows: list[TableRow] = []
    caption = []
    k = i
    while k < len(lines) and lines[k][1].strip() and _indent(lines[k][1]):
        t = lines[k][1].strip()
        c = _CAPTION.match(lines[k][1])
        seps = [m.group(1) for m in _SEP.finditer(t)]
        if c:
            caption = reader._inlines([c.group(1)])
        elif seps:
            sep = max(seps, key=len)
            section = {"|||": "foot", "||": "head", "|": "body"}[sep]
            cells = re.split(rf"(?:^|\s+){re.escape(sep)}(?=\s|$)\s*", t)
            rows.append(TableRow([reader._inlines([x]) for x in cells], section))
        else:
            break
        k += 1
    return Table(rows, caption), k

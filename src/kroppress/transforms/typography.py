"""House typography: quotes, dashes, ellipses. Idempotent.

House style for dashes: a **spaced en dash with a non-breaking space before
it** ("word\u00a0– word"). Reasons: most of our sources (translations and
British-edited texts) already use spaced en dashes, so this changes the
least; a spaced dash leaves a legal line break *after* it, which justified
text in a narrow print measure needs (an unspaced em dash glues "word—word"
into one long unbreakable token and opens rivers); and the non-breaking space
before it keeps a line from ever starting with a dash. So every spaced dash
(` - `, ` -- `, ` – `, ` — `), every word--word and every word—word between
letters becomes "\u00a0– ". An em dash is kept (or made from `--`) only where
it is not between words: an interruption such as `I was--"` → `I was—"`.
Digit--digit (a range) becomes an unspaced en dash.

Quotes are decided on the block's *concatenated* text, so a quote that opens
before an emphasis or a link and closes inside it comes out right; each
character is then written back to the Text node it came from. Note calls,
line breaks and superscripts (ordinals, already nodes) are context only and
never changed. Curly quotes already in the source are kept unless their
direction is impossible (an opening quote followed by a space, punctuation
or a note call becomes a closing one; a closing quote after a space and
before a letter becomes an opening one). Text that looks like a URL (`http…`, `www.`, `mailto:`,
an e-mail address) is never touched, and Link hrefs are attributes, not text.
"""
from __future__ import annotations

import re
from typing import Callable

from ..model import (Code, Document, Emphasis, Inline, LineBreak, Link, NoteRef, SmallCaps, Strikeout, Strong,
                     Subscript, Superscript, Text)
from ..plain import inline_text
from .walk import inline_lists

NBSP = "\u00a0"
HOUSE_DASH = NBSP + "\u2013 "
OBJ = "\ufffc"  # stands for a note call in the concatenated text

# the e-mail branch starts only where a word starts and never gives back what
# it took (possessive): a long run of letters without "@" is one linear scan
_URL_RE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*+://|\bwww\.|\bmailto:)[^\s\ufffc]*"
                     r"|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+", re.I)
_ELLIPSIS_RE = re.compile(r"\.[ \u00a0]?\.[ \u00a0]?\.")
_SPACED_DASH_RE = re.compile(r"[ \t\u00a0]+(?:-{1,3}|\u2013|\u2014)[ \t]+")
_DOUBLE_HYPHEN_RE = re.compile(r"(?<=[^\W_])-{2,3}(?=[^\W_])")
_LOOSE_DOUBLE_HYPHEN_RE = re.compile(r"-{2,3}")
_WORD_EM_DASH_RE = re.compile(r"(?<=[^\W\d_])\u2014(?=[^\W\d_])")
# "1848- 1871": a range whose hyphen kept the space of a line it once ended
# ("5 -3", a space before the hyphen only, is a negative number and stays)
_RANGE_HYPHEN_RE = re.compile(r"(?<=\d)- ?(?=\d)")
_ELISION_RE = re.compile(r"(?:\d\d(?!\d)|(?:tis|twas|twere|em|til|cause|n|round)\b)", re.I)

_CLOSING_PUNCT = set(".,;:!?)]}")
_SENTENCE_PUNCT = set(".,;:!?\u2026")
_QUOTE_SPACES = " \t\u00a0\u2009\u202f"
_OPENING_CONTEXT = set("([{<\u201c\u2018\u00ab\u2014\u2013/")


# A cell is [char, owner, protected]: owner is the Text node the character
# belongs to, or None for context-only characters (note calls, breaks, sups).
Cell = list


def _collect(inlines: list[Inline], cells: list[Cell], texts: list[Text]) -> None:
    for node in inlines:
        if isinstance(node, Text):
            texts.append(node)
            cells.extend([ch, node, False] for ch in node.text)
        elif isinstance(node, (Emphasis, Strong, Link, SmallCaps, Strikeout)):
            _collect(node.children, cells, texts)
        elif isinstance(node, (Superscript, Subscript, Code)):
            cells.extend([ch, None, True] for ch in (inline_text([node]) or OBJ))
        elif isinstance(node, LineBreak):
            cells.append(["\n", None, True])
        elif isinstance(node, NoteRef):
            cells.append([OBJ, None, True])


def _protect_urls(cells: list[Cell]) -> None:
    s = "".join(c[0] for c in cells)
    for m in _URL_RE.finditer(s):
        for c in cells[m.start():m.end()]:
            c[2] = True


def _sub(cells: list[Cell], pattern: re.Pattern, repl: str | Callable[[re.Match], str]
         ) -> list[Cell]:
    """Regex substitution over cells; replaced text belongs to the first
    matched character's node. Matches touching protected cells are skipped."""
    s = "".join(c[0] for c in cells)
    out: list[Cell] = []
    last = 0
    for m in pattern.finditer(s):
        a, b = m.span()
        if a == b:
            continue
        span = cells[a:b]
        if any(c[2] for c in span):
            continue
        new = repl(m) if callable(repl) else repl
        if new == m.group():
            continue
        out.extend(cells[last:a])
        owner = span[0][1]
        out.extend([ch, owner, False] for ch in new)
        last = b
    out.extend(cells[last:])
    return out


def _is_wordish(ch: str | None) -> bool:
    return ch is not None and (ch.isalnum() or ch == OBJ)


def _opens(prev: str | None) -> bool:
    return prev is None or prev.isspace() or prev in _OPENING_CONTEXT


def _can_open(nxt: str | None) -> bool:
    """An opening quote needs something to open: not a space, the end, a note
    call or closing punctuation."""
    return nxt is not None and not nxt.isspace() and nxt != OBJ and nxt not in _CLOSING_PUNCT


def _quotes(cells: list[Cell]) -> None:
    s = "".join(c[0] for c in cells)    # decisions look at the original text
    for i, cell in enumerate(cells):
        ch = cell[0]
        if ch not in "\"'\u201c\u201d\u2018" or cell[2]:
            continue
        prev = cells[i - 1][0] if i > 0 else None   # already-decided quotes count
        nxt = s[i + 1] if i + 1 < len(s) else None
        if ch in "\u201c\u2018":
            # a curly opening quote with nothing to open is a closing one
            if not _can_open(nxt):
                cell[0] = "\u201d" if ch == "\u201c" else "\u2019"
            continue
        if ch == "\u201d":
            # a curly closing quote at the start of a word, after a space, opens
            if (prev is None or prev.isspace() or prev in "([{") and nxt is not None \
                    and nxt.isalnum():
                cell[0] = "\u201c"
            continue
        if ch == '"':
            if _opens(prev) and _can_open(nxt):
                new = "\u201c"
            else:
                new = "\u201d"
        else:
            if _is_wordish(prev) and _is_wordish(nxt):
                new = "\u2019"                      # don't, Kropotkin's
            elif _opens(prev) and _ELISION_RE.match(s, i + 1):
                new = "\u2019"                      # '48, 'tis
            elif _opens(prev) and _can_open(nxt):
                new = "\u2018"
            else:
                new = "\u2019"                      # closing, workers'
        cell[0] = new


def _close_up(cells: list[Cell]) -> list[Cell]:
    """No space before a closing quote: `in nature. ”[1]` (a space, often a
    no-break one, the export left before the quote) -> `in nature.”[1]`:
    English quotes take none (French guillemets are not touched). An
    apostrophe closes up only after punctuation ("go. ’"), so "rock ’n’
    roll" keeps its spaces."""
    drop: set[int] = set()
    for i, cell in enumerate(cells):
        if cell[0] not in "\u201d\u2019" or cell[2]:
            continue
        nxt = cells[i + 1][0] if i + 1 < len(cells) else None
        if nxt is not None and nxt.isalnum():
            continue                            # an elision or an opening: ’48
        j = i
        while j > 0 and cells[j - 1][0] in _QUOTE_SPACES and cells[j - 1][1] is not None:
            j -= 1
        if j == i or j == 0:
            continue
        prev = cells[j - 1][0]
        if prev in _SENTENCE_PUNCT or (cell[0] == "\u201d" and not prev.isspace()
                                        and prev not in _OPENING_CONTEXT):
            drop.update(range(j, i))
    return [c for k, c in enumerate(cells) if k not in drop] if drop else cells


def _dash_between(m: re.Match) -> str:
    s = m.string
    before = s[m.start() - 1]
    after = s[m.end()] if m.end() < len(s) else ""
    return "\u2013" if before.isdigit() and after.isdigit() else HOUSE_DASH


def _range_dash(m: re.Match) -> str:
    """`720-750`, `pp. 1-9`, `1842-1921`, `1848- 1871` take an en dash; a
    hyphen inside a longer code (ISBN 0-19-..., 1842-12-09, 12345-678,
    3.5-4) or a telephone number (555-1234) stays."""
    s, i, k = m.string, m.start(), m.end()
    keep = m.group()
    j = i
    while j > 0 and s[j - 1].isdigit():
        j -= 1
    while k < len(s) and s[k].isdigit():
        k += 1
    before = s[j - 1] if j else ""
    after = s[k] if k < len(s) else ""
    after2 = s[k + 1] if k + 1 < len(s) else ""
    first, last = s[j:i], s[m.end():k]
    if not (1 <= len(first) <= 4 and 1 <= len(last) <= 4):
        return keep
    if before and (before.isalnum() or before in "-\u2013./:_"):
        return keep
    if after and (after.isalnum() or after in "-\u2013/_" or (after in ".:," and after2.isdigit())):
        return keep
    # a telephone number (555-1234): a range that gains a digit stays close
    # to where it began (98-102, 998-1002)
    if len(first) == 3 and len(last) == 4 and int(last) >= 2 * int(first):
        return keep
    return "\u2013"


def smarten_inlines(inlines: list[Inline]) -> None:
    """Smarten one inline list (a paragraph, a heading, an address line) in place."""
    cells: list[Cell] = []
    texts: list[Text] = []
    _collect(inlines, cells, texts)
    if not texts:
        return
    _protect_urls(cells)
    text = "".join(c[0] for c in cells)
    for pattern, repl in ((_ELLIPSIS_RE, "\u2026"), (_SPACED_DASH_RE, HOUSE_DASH),
                          (_DOUBLE_HYPHEN_RE, _dash_between), (_RANGE_HYPHEN_RE, _range_dash),
                          (_LOOSE_DOUBLE_HYPHEN_RE, "\u2014"), (_WORD_EM_DASH_RE, HOUSE_DASH)):
        if pattern.search(text):      # most paragraphs have none: skip the copy
            cells = _sub(cells, pattern, repl)
            text = "".join(c[0] for c in cells)
    _quotes(cells)
    cells = _close_up(cells)
    new_text: dict[int, list[str]] = {id(t): [] for t in texts}
    for ch, owner, _ in cells:
        if owner is not None:
            new_text[id(owner)].append(ch)
    for t in texts:
        t.text = "".join(new_text[id(t)])


def smarten_blocks(blocks: list) -> None:
    for block in blocks:
        for inlines in inline_lists(block):
            smarten_inlines(inlines)


def smarten_text(text: str) -> str:
    """Smarten a plain string (a title, a name)."""
    node = Text(text)
    smarten_inlines([node])
    return node.text


def smarten(doc: Document) -> Document:
    """Smarten a whole document: body, notes, title, subtitle and biography."""
    smarten_blocks(doc.blocks)
    for note in doc.notes:
        smarten_blocks(note.blocks)
    meta = doc.metadata
    meta.title = smarten_text(meta.title)
    meta.subtitle = smarten_text(meta.subtitle)
    smarten_blocks(meta.biography)
    return doc

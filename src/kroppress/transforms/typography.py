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


class _Cells:
    """The block's concatenated text, one entry a character in three
    parallel lists: the character, its owner (the index of the Text node it
    belongs to, or -1 for context-only characters: note calls, breaks,
    sups) and whether it is protected (context, URLs)."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.owners: list[int] = []
        self.protected: list[bool] = []
        self.changed = False      # lengths changed: each Text's span must be found again

    def add(self, text: str, owner: int, protected: bool) -> None:
        self.chars.extend(text)
        self.owners.extend([owner] * len(text))
        self.protected.extend([protected] * len(text))

    def text(self) -> str:
        return "".join(self.chars)


def _collect(inlines: list[Inline], cells: _Cells, texts: list[Text]) -> None:
    for node in inlines:
        if isinstance(node, Text):
            texts.append(node)
            cells.add(node.text, len(texts) - 1, False)
        elif isinstance(node, (Emphasis, Strong, Link, SmallCaps, Strikeout)):
            _collect(node.children, cells, texts)
        elif isinstance(node, (Superscript, Subscript, Code)):
            cells.add(inline_text([node]) or OBJ, -1, True)
        elif isinstance(node, LineBreak):
            cells.add("\n", -1, True)
        elif isinstance(node, NoteRef):
            cells.add(OBJ, -1, True)


def _protect_urls(cells: _Cells, text: str) -> None:
    for m in _URL_RE.finditer(text):
        cells.protected[m.start():m.end()] = [True] * (m.end() - m.start())


def _sub(cells: _Cells, pattern: re.Pattern, repl: str | Callable[[re.Match], str]) -> None:
    """Regex substitution over the cells; replaced text belongs to the first
    matched character's node. Matches touching protected cells are skipped."""
    chars, owners, protected = [], [], []
    last = 0
    for m in pattern.finditer(cells.text()):
        a, b = m.span()
        if a == b or any(cells.protected[a:b]):
            continue
        new = repl(m) if callable(repl) else repl
        if new == m.group():
            continue
        chars += cells.chars[last:a]
        owners += cells.owners[last:a]
        protected += cells.protected[last:a]
        chars += new
        owners += [cells.owners[a]] * len(new)
        protected += [False] * len(new)
        last = b
    if last == 0 and not chars:
        return                                    # nothing replaced
    cells.chars = chars + cells.chars[last:]
    cells.owners = owners + cells.owners[last:]
    cells.protected = protected + cells.protected[last:]
    cells.changed = True


def _is_wordish(ch: str | None) -> bool:
    return ch is not None and (ch.isalnum() or ch == OBJ)


def _opens(prev: str | None) -> bool:
    return prev is None or prev.isspace() or prev in _OPENING_CONTEXT


def _can_open(nxt: str | None) -> bool:
    """An opening quote needs something to open: not a space, the end, a note
    call or closing punctuation."""
    return nxt is not None and not nxt.isspace() and nxt != OBJ and nxt not in _CLOSING_PUNCT


_QUOTE_CHARS_RE = re.compile("[\"'\u201c\u201d\u2018]")


def _quotes(cells: _Cells, s: str) -> None:
    """Decided on `s`, the text before this pass (the quotes already decided
    count where the pass looks back)."""
    chars = cells.chars
    for m in _QUOTE_CHARS_RE.finditer(s):
        i = m.start()
        ch = chars[i]
        if cells.protected[i]:
            continue
        prev = chars[i - 1] if i > 0 else None      # already-decided quotes count
        nxt = s[i + 1] if i + 1 < len(s) else None
        if ch in "\u201c\u2018":
            # a curly opening quote with nothing to open is a closing one
            if not _can_open(nxt):
                chars[i] = "\u201d" if ch == "\u201c" else "\u2019"
            continue
        if ch == "\u201d":
            # a curly closing quote at the start of a word, after a space, opens
            if (prev is None or prev.isspace() or prev in "([{") and nxt is not None \
                    and nxt.isalnum():
                chars[i] = "\u201c"
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
        chars[i] = new


_CLOSING_QUOTES_RE = re.compile("[\u201d\u2019]")


def _close_up(cells: _Cells) -> None:
    """No space before a closing quote: `in nature. ”[1]` (a space, often a
    no-break one, the export left before the quote) -> `in nature.”[1]`:
    English quotes take none (French guillemets are not touched). An
    apostrophe closes up only after punctuation ("go. ’"), so "rock ’n’
    roll" keeps its spaces."""
    chars, owners = cells.chars, cells.owners
    drop: set[int] = set()
    for m in _CLOSING_QUOTES_RE.finditer(cells.text()):
        i = m.start()
        if cells.protected[i]:
            continue
        nxt = chars[i + 1] if i + 1 < len(chars) else None
        if nxt is not None and nxt.isalnum():
            continue                            # an elision or an opening: ’48
        j = i
        while j > 0 and chars[j - 1] in _QUOTE_SPACES and owners[j - 1] >= 0:
            j -= 1
        if j == i or j == 0:
            continue
        prev = chars[j - 1]
        if prev in _SENTENCE_PUNCT or (chars[i] == "\u201d" and not prev.isspace()
                                        and prev not in _OPENING_CONTEXT):
            drop.update(range(j, i))
    if drop:
        keep = [k for k in range(len(chars)) if k not in drop]
        cells.chars = [chars[k] for k in keep]
        cells.owners = [owners[k] for k in keep]
        cells.protected = [cells.protected[k] for k in keep]
        cells.changed = True


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
    cells = _Cells()
    texts: list[Text] = []
    _collect(inlines, cells, texts)
    if not texts:
        return
    text = cells.text()
    _protect_urls(cells, text)
    for pattern, repl in ((_ELLIPSIS_RE, "\u2026"), (_SPACED_DASH_RE, HOUSE_DASH),
                          (_DOUBLE_HYPHEN_RE, _dash_between), (_RANGE_HYPHEN_RE, _range_dash),
                          (_LOOSE_DOUBLE_HYPHEN_RE, "\u2014"), (_WORD_EM_DASH_RE, HOUSE_DASH)):
        if pattern.search(text):      # most paragraphs have none: skip the copy
            _sub(cells, pattern, repl)
            text = cells.text()
    _quotes(cells, text)
    _close_up(cells)
    if not cells.changed:
        # every Text keeps its length: its characters are where they were
        at = 0
        for t in texts:
            while at < len(cells.owners) and cells.owners[at] < 0:
                at += 1
            end = at + len(t.text)
            t.text = "".join(cells.chars[at:end])
            at = end
        return
    # each Text's characters are still together and in order (a replacement
    # belongs to the node its match began in)
    owners, at = cells.owners, 0
    for k, t in enumerate(texts):
        try:
            start = owners.index(k, at)
        except ValueError:
            t.text = ""          # a replacement that began in the node before took it all
            continue
        end = start + owners[start:].count(k)
        t.text = "".join(cells.chars[start:end])
        at = end


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

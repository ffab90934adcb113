"""Recognisers more than one rule asks: is this a salutation, a colophon
line, a first-publication line, verse's lines? They only look; the rules
under `reader/rules/` decide and change the state. A rule imports these,
never another rule, so the rules stay on one floor."""
from __future__ import annotations

import re

from ..model import Link, NoteRef, Strong, VerseLine
from . import patterns as P
from .blocks import Raw
from .names import remove_words
from .state import ReadState
from .text import all_lines, hrefs, line_texts, norm, norm_words, words


# ------------------------------------------------------------------ a letter's salutation
def salutation_line(b: Raw) -> int | None:
    """Index of the line of `b` that greets the reader ("Dear Comrade,"),
    when every line before it is short (address lines)."""
    if b.type != "paragraph":
        return None
    for k, line in enumerate(line_texts(b)):
        if words(line) <= 8 and P.SALUTATION.match(line):
            return k
        if words(line) > 10:
            return None
    return None


def find_salutation(blocks: list[Raw]) -> int | None:
    """Index of the first of `blocks` holding a salutation, among leading
    paragraphs only (the title rule asks it of a letter's head too)."""
    for i, b in enumerate(blocks):
        if b.type != "paragraph":
            return None
        if salutation_line(b) is not None:
            return i
    return None


# ------------------------------------------------------------------ first publication
def first_published_text(sentence: str) -> str:
    """"Originally published in *Mother Earth*, 1910." -> "Mother Earth, 1910";
    "First published in French in *Le Révolté*, 1880" keeps the language."""
    fp = re.sub(P.THIS_TEXT + r"(?:first|originally)\s+(?:published|printed|appeared)\s*:?\s*", "",
                sentence.strip(), flags=re.I)
    fp = re.sub(r"^published\s+(?=in\b|by\b)", "", fp, flags=re.I)
    if not re.match(rf"^in\s+{P.LANGUAGE}\b(?:\s*:|\s+in\s|\s+translation)", fp, flags=re.I):
        fp = re.sub(r"^in\s+", "", fp, flags=re.I)
    return (fp[:1].upper() + fp[1:]).strip().rstrip(".")


# ------------------------------------------------------------------ a library's colophon
# function words of headers: "by", "and", particles of names
_HEAD_WORDS = frozenset(P.STOPWORDS | {"by", "trans", "ed", "eds", "edited", "translated",
                                       "de", "la", "le", "von", "van", "der"})


def repeats_metadata(state: ReadState, b: Raw) -> bool:
    """The block repeats author / title / date (perhaps a site or "by")."""
    m = state.meta
    t = b.text
    rest = norm_words(t)
    title = norm_words(m.title)
    if not title:
        return False
    left = remove_words(rest, m.title)
    if len(left) == len(rest):
        return False
    for extra in [m.subtitle, *m.authors, m.date]:
        if extra:
            left = remove_words(left, extra)
    if len(left) > 8 or re.search(r"[!?]\W*$", t):
        return False
    # the text's last sentence that happens to name its title ("Long live
    # the Commune!") has lower-case words of its own
    known = set(norm_words(" ".join([m.title, m.subtitle, *m.authors, m.date])))
    return not any(w[0].islower() and norm(w) not in known and w.lower() not in _HEAD_WORDS
                   for w in re.findall(r"\w[\w'’-]*", t))


def hrefs_of(b: Raw) -> list[str]:
    return [h for node in b.inlines for h in hrefs(node)]


def _names_site(b: Raw) -> bool:
    """A lone bold or linked line that is a site's name: "**example.org**",
    "[example.org](https://example.org)"."""
    t = b.text
    if P.SITE.match(t):
        return True
    hosts = [re.sub(r"^https?://(?:www\.)?", "", h, flags=re.I).split("/")[0].lower() for h in hrefs_of(b)]
    return any(host and norm(t).replace(" ", "") in host.replace(".", "").replace("-", "") for host in hosts)


def is_colophon(state: ReadState, b: Raw) -> bool:
    """A block of a library's colophon or source lines: rights, "Retrieved
    from", an imprint, a citation, the head repeated, a site's name (the
    site's tail asks it too, to leave such lines to the colophon rule)."""
    if b.type == "hr":
        return True
    if b.type == "table":
        return False                  # a table is the text's, never a library's line
    if b.type == "blockquote":
        return bool(b.children) and all(is_colophon(state, c) for c in b.children)
    t = b.text
    if not t:
        return True
    if P.BRACKET_DEF.match(t) or (b.inlines and isinstance(b.inlines[0], NoteRef)):
        return False
    n = words(t)
    lines = line_texts(b)
    if P.COLOPHON.search(t) and n <= 40:
        return True
    if n <= 80 and (P.RETRIEVED.search(t) or P.FIRST_PUBLISHED.match(t)):
        return True
    if any(P.TRANSLATED.match(line) for line in lines) and n <= 40:
        return True
    if n <= 60 and P.IMPRINT.match(t):
        return True                   # "Issued by the … Committee, 14 Carver Street"
    if n <= 25 and P.CITATION.search(t):
        return True                   # "Journal of …, Vol. 12, No. 3 (2008), pp. 45–61"
    if P.END_MARK.match(t):
        return True                   # "THE END."
    if P.DATE_ONLY.match(t):
        return True
    if len(b.inlines) == 1 and isinstance(b.inlines[0], (Strong, Link)) and n <= 6 and _names_site(b):
        return True
    if lines and any(P.SITE.match(line) for line in lines) and all(words(line) <= 6 for line in lines):
        return True
    return repeats_metadata(state, b)


# ------------------------------------------------------------------ verse
_QUOTE_MARKS = re.compile(r"^\s*(?:>[ ]?)+")


def line_indents(b: Raw, n: int, quoted: bool) -> list[int] | None:
    """The indent of each of the `n` source lines of `b` (after the quote
    marks when quoted), or None when the source has another count of lines."""
    src = [x for x in b.source.split("\n") if x.strip(" >\t")]
    if len(src) != n:
        return None
    if quoted:
        src = [_QUOTE_MARKS.sub("", x, count=1) for x in src]
    return [len(x.expandtabs(4)) - len(x.expandtabs(4).lstrip(" ")) for x in src]


def verse_lines(b: Raw, quoted: bool) -> list[VerseLine]:
    """The lines of a stanza, each keeping its indent (in steps of two
    spaces, at most four) above the stanza's least indented line."""
    lines = all_lines(b)
    indents = line_indents(b, len(lines), quoted) or [0] * len(lines)
    low = min(indents) if indents else 0
    return [VerseLine(line, min(4, (ind - low) // 2)) for line, ind in zip(lines, indents)]

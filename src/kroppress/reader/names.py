"""Telling names, titles and dates in a text's head and tail lines."""
from __future__ import annotations

import re

from . import patterns as P
from .blocks import Raw
from .text import norm_words, words


# a title's first words, never a person's: "The Canal School", "On Bread"
_TITLE_START = re.compile(r"^(?:by\s+)?(?:the|a|an|on|of|in|why|how|what|when|notes|letters?|towards?)\s", re.I)


def is_name(t: str) -> bool:
    return (bool(P.NAME.match(t)) and not P.DATE_ONLY.match(t) and 1 <= words(t) <= 6
            and not P.SALUTATION.match(t) and not _TITLE_START.match(t))


def split_names(text: str) -> list[str]:
    found = [n.strip() for n in re.split(r"\s*(?:,|&|\band\b)\s*", text) if n.strip()]
    # a byline in capitals ("BY RUTH AMSEL") names "Ruth Amsel"
    return [n.title() if n.isupper() and len(n) > 3 else n for n in found]


def names(t: str) -> list[str] | None:
    """The author(s) a header line names: one name, or full names joined by "and"/"&"."""
    t = P.LIFE_DATES.sub("", t) if words(t) > 1 else t
    if is_name(t):
        return split_names(P.NAME.match(t).group(1))
    m = P.NAMES.match(t)
    if m and not _TITLE_START.match(t) and words(t) <= 12 and not P.DATE_ONLY.match(t) and not P.SALUTATION.match(t):
        return split_names(m.group(1))
    return None


def is_title_line(b: Raw) -> bool:
    """One line, hard or soft: lines broken in one paragraph are an address or
    a title page (split by the title-block rule when they are one), not a title."""
    t = b.text
    return (b.type in ("paragraph", "heading") and bool(t) and len(b.lines) == 1
            and "\n" not in t and words(t) <= 30 and not t.endswith(".") and not P.SCENE_BREAK.match(t)
            and not P.CONTENTS.match(t))


def clean_date(text: str) -> str:
    return text.strip().rstrip(".").strip("()[]").strip()


def same_words(a: str, b: str) -> bool:
    """Two strings are the same title or name, compared word by word (so a
    one-letter title "I" is never found inside another word)."""
    return bool(norm_words(a)) and norm_words(a) == norm_words(b)


def remove_words(hay: list[str], needle: str) -> list[str]:
    """`hay` without the first run of `needle`'s words."""
    n = norm_words(needle)
    for i in range(len(hay) - len(n) + 1):
        if n and hay[i:i + len(n)] == n:
            return hay[:i] + hay[i + len(n):]
    return hay


def surname(name: str) -> str:
    w = norm_words(name)
    return w[-1] if w else ""

"""Words split across a line end in a hard-wrapped book.

    … the whole of agri-           closed up ("agriculture") when the text
    culture, …                     writes the closed word elsewhere, or never
                                   writes the hyphenated one and the
    … a good-                      hyphenation dictionary allows the break
    tempered man …                 there; kept ("good-tempered") when the
                                   text writes it with its hyphen, when both
                                   halves are words of the text, after a
                                   prefix that takes a hyphen ("re-", "self-"),
                                   or before a name ("Anglo-/Saxon")
Each join is reported.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ...model import Text
from ..state import ReadState

_SPLIT = re.compile(r"([^\W\d_]+)-[ \t]*\n[ \t]*([^\W\d_]+)")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# prefixes English writes with a hyphen of their own: "be-fountained", "re-enter", "self-made"
_PREFIXES = frozenset("a be bi co de ex in re un non pre pro sub anti self half well ill semi post over "
                      "under fore mid quasi vice ultra extra counter".split())


@lru_cache(maxsize=4)
def _dictionary(lang: str):
    import pyphen
    try:
        return pyphen.Pyphen(lang=lang)
    except KeyError:
        return pyphen.Pyphen(lang="en")


def _joins(state: ReadState, counts: Counter, words: Counter):
    dic = _dictionary(state.meta.language or "en")

    def decide(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        closed, hyphened = (a + b).lower(), f"{a}-{b}".lower()
        if b[0].isupper():
            return m.group(0)
        if counts[closed] == 0:
            if counts[hyphened] or a.lower() in _PREFIXES or (len(a) >= 3 and words[a.lower()] and words[b.lower()]):
                return m.group(0)
            if len(a) not in dic.positions(closed):
                return m.group(0)
        decide.done.append(f"{a}-|{b} -> {a + b}")
        return a + b
    decide.done = []
    return decide


def _walk(nodes, fix) -> None:
    for i, n in enumerate(nodes):
        if isinstance(n, Text) and "-" in n.text and "\n" in n.text:
            nodes[i] = Text(_SPLIT.sub(fix, n.text))
        elif hasattr(n, "children"):
            _walk(n.children, fix)


def rule(state: ReadState) -> bool:
    if not state.book:
        return False
    text = state.text.lower()
    counts = Counter(_TOKEN.findall(_SPLIT.sub(" ", text)))     # the words written whole
    words = Counter(w for w in counts.elements() if "-" not in w)
    fix = _joins(state, counts, words)
    found = False
    for b in state.blocks:
        if b.type != "paragraph":
            continue
        fix.done.clear()
        _walk(b.inlines, fix)
        for done in fix.done:
            state.log("word joined", b.start, b.end, done)
            found = True
    return found

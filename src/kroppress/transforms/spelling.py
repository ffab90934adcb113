"""Which English a text is spelled in, for hyphenation by the right patterns
(British and American hyphenation differ: "signific-ance", "sig-nif-i-cance").

Counted from the words that differ between the two spellings: -our against
-or (of the stems that take both), -ise/-isation against -ize/-ization, with
the words spelled alike in both left out. Oxford spelling (-ize with -our)
counts as British through its -our words."""
from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z]+")
# stems spelled -our in Britain and -or in America
_OUR_STEMS = ("arb", "ard", "arm", "behavi", "cand", "clam", "col", "demean", "endeav", "fav", "ferv", "glam", "harb", "hon", "hum", "lab", "neighb", "od",
              "parl", "rig", "rum", "sav", "splend", "tum", "val", "vap", "vig", "savi")
_OUR = re.compile(r"^(?:dis|un|mis|re|ill)?(" + "|".join(_OUR_STEMS)
                  + r")our(s|ed|ing|ite|ites|able|ably|er|ers|less|ful)?$", re.I)
_OR = re.compile(r"^(?:dis|un|mis|re|ill)?(" + "|".join(_OUR_STEMS)
                 + r")or(s|ed|ing|ite|ites|able|ably|er|ers|less|ful)?$", re.I)
# words in -ise/-ize spelled alike on both sides of the Atlantic
_ALIKE = {"advertise", "advise", "arise", "chastise", "circumcise", "comprise", "compromise",
          "concise", "demise", "despise", "devise", "disguise", "enterprise", "excise",
          "exercise", "expertise", "franchise", "improvise", "incise", "likewise", "merchandise",
          "otherwise", "paradise", "precise", "premise", "promise", "raise", "revise", "rise",
          "supervise", "surmise", "surprise", "televise", "treatise", "wise", "clockwise",
          "noise", "poise", "praise", "cruise", "bruise", "anise", "mise", "prise", "apprise",
          "size", "prize", "seize", "maize", "capsize", "baize", "downsize", "oversize"}
_ISE = re.compile(r"^([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$", re.I)
_IZE = re.compile(r"^([a-z]{3,})iz(e|es|ed|ing|ation|ations|er|ers)$", re.I)


@dataclass(frozen=True)
class Variant:
    tag: str | None         # "en-GB", "en-US", or None when the words do not tell
    our: int = 0            # words in -our, -or, -ise, -ize (the spelled-alike left out)
    ours: int = 0
    ise: int = 0
    ize: int = 0

    def counts(self) -> str:
        return f"{self.our} -our, {self.ours} -or, {self.ise} -ise, {self.ize} -ize"

    def __str__(self) -> str:
        if self.tag is None:
            return "undecided (no words that differ between British and American spelling)"
        return f"{self.tag} (from the spelling: {self.counts()})"


def _alike(word: str) -> bool:
    stem = re.sub(r"i[sz](e|es|ed|ing|ation|ations|er|ers)$", "", word.lower())
    return stem + "ise" in _ALIKE or stem + "ize" in _ALIKE


def english_variant(text: str) -> Variant:
    """-our against -or decides; only where they tie, -ise against -ize (so
    Oxford spelling, -our with -ize, is British)."""
    our = ours = ise = ize = 0
    for word in _WORD.findall(text):
        if _OUR.match(word):
            our += 1
        elif _OR.match(word):
            ours += 1
        elif _ISE.match(word) and not _alike(word):
            ise += 1
        elif _IZE.match(word) and not _alike(word):
            ize += 1
    counts = (our, ours, ise, ize)
    if our != ours:
        return Variant("en-GB" if our > ours else "en-US", *counts)
    if ise != ize:
        return Variant("en-GB" if ise > ize else "en-US", *counts)
    return Variant(None, *counts)


def hyphenation_language(language: str, text: str) -> tuple[str, Variant | None]:
    """The language to hyphenate `text` by: a tag naming its region as it
    stands, a bare "en" the variant its spelling shows (else en-GB, the
    patterns' own default)."""
    tag = (language or "en").strip()
    if tag.lower() not in ("en", "eng"):
        return tag, None
    variant = english_variant(text)
    return variant.tag or "en-GB", variant

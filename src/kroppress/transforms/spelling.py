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
    british: int            # words spelled the British way
    american: int

    def __str__(self) -> str:
        if self.tag is None:
            return "undecided (no words that differ between British and American spelling)"
        return f"{self.tag} (from the spelling: {self.british} British, {self.american} American)"


def _alike(word: str) -> bool:
    stem = re.sub(r"i[sz](e|es|ed|ing|ation|ations|er|ers)$", "", word.lower())
    return stem + "ise" in _ALIKE or stem + "ize" in _ALIKE


def english_variant(text: str) -> Variant:
    british = american = 0
    for word in _WORD.findall(text):
        if _OUR.match(word):
            british += 1
        elif _OR.match(word):
            american += 1
        elif _ISE.match(word) and not _alike(word):
            british += 1
        elif _IZE.match(word) and not _alike(word):
            american += 1
    if british == american:
        return Variant(None, british, american)
    return Variant("en-GB" if british > american else "en-US", british, american)


def hyphenation_language(language: str, text: str) -> tuple[str, Variant | None]:
    """The language to hyphenate `text` by: a tag naming its region as it
    stands, a bare "en" the variant its spelling shows (else en-GB, the
    patterns' own default)."""
    tag = (language or "en").strip()
    if tag.lower() not in ("en", "eng"):
        return tag, None
    variant = english_variant(text)
    return variant.tag or "en-GB", variant

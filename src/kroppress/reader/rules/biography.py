"""A paragraph about the author at the end of the text: the biography.

    Jane Doe is a historian of labour who …          "Name is/was a …",
    Jane Doe (1902–1979) was a printer and …         life dates, "was born",
    Jane Doe was born in Leeds in 1950. …            "teaches", "lives",
    Jane Doe teaches history at …                    "has written …";
    About the author: Jane Doe …                     an "About the author"
    ## About the Author                              prefix or heading
    Jane Doe has written three books. She …          (a second paragraph in
                                                     "She …" stays with it)

The name becomes the author when the head gave none. A paragraph about
someone the text itself discusses (their name occurs in the body) is the
text's own closing, not a biography; so is one naming another person than
the known author.
"""
from __future__ import annotations

import re

from ...model import Paragraph
from .. import patterns as P
from ..blocks import Raw
from ..names import surname
from ..state import ReadState
from ..text import flatten_soft_breaks, norm_words, strip_prefix, words

_PRONOUN_START = re.compile(r"^(?:She|He|They|Her|His|Their|Ze|Hir)\b")


def _bio_text(text: str) -> str:
    return P.ABOUT_AUTHOR.sub("", text, count=1) if P.ABOUT_AUTHOR.match(text) else text


def _named(state: ReadState, b: Raw, labelled: bool) -> str | None:
    """The name a biography paragraph opens with, or None when it is body."""
    if b.type != "paragraph" or words(b.text) > 150:
        return None
    labelled = labelled or bool(P.ABOUT_AUTHOR.match(b.text))
    text = _bio_text(b.text)
    m = P.BIO_START.match(text)
    if not m:
        return None
    name = m.group(1)
    last = surname(name)
    if state.meta.authors:
        return name if any(surname(a) == last for a in state.meta.authors) or labelled else None
    if labelled:
        return name
    body = state.blocks[:-1]
    if any(last in norm_words(x.text) for x in body if x.type in ("paragraph", "heading", "blockquote")):
        return None            # the text's own subject
    return name


def _about_heading(b: Raw | None) -> bool:
    return b is not None and b.type in ("heading", "paragraph") and bool(P.ABOUT_AUTHOR.fullmatch(b.text))


def rule(state: ReadState) -> bool:
    blocks = state.blocks
    if len(blocks) < 2:
        return False
    more: list[Raw] = []
    k = len(blocks) - 1
    # a short second paragraph ("She lives in Leeds.") after the biography
    if (len(blocks) >= 3 and blocks[k].type == "paragraph" and words(blocks[k].text) <= 60
            and _PRONOUN_START.match(blocks[k].text)):
        more, k = [blocks[k]], k - 1
    b = blocks[k]
    heading = blocks[k - 1] if k > 0 and _about_heading(blocks[k - 1]) else None
    saved, state.blocks = state.blocks, blocks[:k + 1]
    name = _named(state, b, heading is not None)
    state.blocks = saved
    if name is None or k == 0:
        return False
    if not state.meta.authors:
        state.meta.authors = [name]
    state.meta.biography = [Paragraph(flatten_soft_breaks(strip_prefix(x.inlines, P.ABOUT_AUTHOR)))
                            for x in [b, *more]]
    state.drop(b, "moved to metadata", f"author biography of {name}")
    for x in more:
        state.drop(x, "moved to metadata", f"author biography of {name}, continued")
    cut = k
    if heading is not None and k - 1 > 0:
        state.drop(heading, "boilerplate dropped", "heading of the biography")
        cut = k - 1
    state.blocks = blocks[:cut]
    return True

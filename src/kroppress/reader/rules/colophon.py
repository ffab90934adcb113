"""A library's colophon and source lines after the text: facts to metadata,
the rest dropped.

    *Le Révolté*, 24 May 1890             a first-publication line
    The Example Library                   a site's name, with its source lines
    Anti-Copyright                        rights
    Jane Doe / The Title / 1890           the head repeated, line by line
    Retrieved on 3 May 2009 from www.x.org
    **example.org**                       a site's name, bold or as a link

Generalised from library exports: the repeated head is compared with the
metadata word by word (a one-letter title "I" still works), and a lone bold
or linked line counts only when it names a site.
"""
from __future__ import annotations

import re

from ...model import Emphasis, Link
from .. import patterns as P
from ..blocks import Raw
from ..names import clean_date
from ..recognisers import first_published_text, hrefs_of, is_colophon, repeats_metadata
from ..state import ReadState
from ..text import line_texts, words


def _carries_facts(state: ReadState, b: Raw) -> bool:
    t = b.text if b.type != "blockquote" else " ".join(c.text for c in b.children)
    if repeats_metadata(state, b):
        return False
    lines = line_texts(b)
    return bool(P.RIGHTS.search(t) or P.RETRIEVED.search(t) or P.URL.search(t) or P.IMPRINT.match(t)
                or P.CITATION.search(t)
                or P.FIRST_PUBLISHED.match(t) or any(P.SITE.match(x) for x in lines)
                or (b.inlines and isinstance(b.inlines[0], (Emphasis, Link))))


def _harvest(state: ReadState, b: Raw) -> None:
    meta = state.meta
    if b.type == "blockquote":
        for c in b.children:
            _harvest(state, c)
        return
    t = b.text
    if not t:
        return
    lines = line_texts(b)
    links = hrefs_of(b)
    for href in links:
        meta.source_url = meta.source_url or href
    if not meta.rights:
        m = P.RIGHTS.search(t)
        if m:
            meta.rights = m.group(1).strip().rstrip(".")
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(lines)):
        if P.FIRST_PUBLISHED.match(sentence) and not meta.first_published:
            meta.first_published = first_published_text(sentence)
        elif P.RETRIEVED.search(sentence):
            meta.retrieved = meta.retrieved or sentence.strip()
            url = P.URL.search(sentence)
            if url:
                u = url.group(0).rstrip(".,;")
                u = u if u.lower().startswith("http") else "http://" + u
                # a link's text often shortens its target: "[www.x.org](http://www.x.org/a/b)"
                bare = re.sub(r"^https?://", "", u, flags=re.I).rstrip("/").lower()
                longer = [h for h in links if re.sub(r"^https?://", "", h, flags=re.I).lower().startswith(bare)]
                meta.source_url = longer[0] if longer else u
    if (b.inlines and isinstance(b.inlines[0], Emphasis) and P.HAS_DATE.search(t)
            and not meta.first_published):
        meta.first_published = t
    if not meta.first_published and words(t) <= 25 and P.CITATION.search(t):
        meta.first_published = t.rstrip(".")
    if not meta.date and len(lines) >= 2 and repeats_metadata(state, b):
        # the library repeats author / title / date: the date is the text's
        dates = [line for line in lines if P.DATE_ONLY.match(line)]
        if dates:
            meta.date = clean_date(dates[-1])
    for line in lines:
        m = P.TRANSLATED.match(line)
        if m and not meta.translator:
            meta.translator = m.group(1).strip()
    sites = [line for line in lines if P.SITE.match(line)]
    if sites:
        if not meta.source_site:
            meta.source_site = sites[0].strip()
        # a site's name with lines of its own ("re: Blast", a collection's
        # name): together they say where the text was taken from
        others = [line for line in lines if line not in sites]
        if others and not P.RETRIEVED.search(t) and not repeats_metadata(state, b):
            meta.retrieved = meta.retrieved or "; ".join([sites[0], *others])
    elif P.COLOPHON.search(t) and not meta.source_site:
        # what is left of "The Example Library Anti-Copyright" names the site;
        # what is left of "Public domain." (a full stop) names nothing
        name = P.RIGHTS.sub("", t).strip(" ,;:.-–—")
        if re.search(r"[^\W\d_]", name) and words(name) <= 5:
            meta.source_site = " ".join(name.split())


def _publication_line(b: Raw) -> bool:
    """"*Periodical*, 24 May 1890" or "— *Periodical*, May 1890" or
    "Published in X, 1890" just above a colophon."""
    if b.type != "paragraph" or words(b.text) > 20 or not P.HAS_DATE.search(b.text) or not b.inlines:
        return False
    first = b.inlines[0]
    lead_dash = (len(b.inlines) > 1 and not isinstance(first, Emphasis)
                 and re.fullmatch(r"\s*[—–-]\s*", getattr(first, "text", "x") or "x")
                 and isinstance(b.inlines[1], Emphasis))
    return isinstance(first, Emphasis) or bool(lead_dash) or bool(P.FIRST_PUBLISHED.match(b.text))


def rule(state: ReadState) -> bool:
    blocks = state.blocks
    k = len(blocks)
    while k > 0 and is_colophon(state, blocks[k - 1]):
        k -= 1
    if k == len(blocks):
        return False
    if k > 1 and _publication_line(blocks[k - 1]):
        k -= 1
    for b in blocks[k:]:
        _harvest(state, b)
        state.drop(b, "moved to metadata" if _carries_facts(state, b) else "boilerplate dropped",
                   "library colophon / source lines after the text")
    state.blocks = blocks[:k]
    return True

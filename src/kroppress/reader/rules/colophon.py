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

from ...model import Emphasis, Link, NoteRef, Strong
from .. import patterns as P
from ..blocks import Raw
from ..names import clean_date, remove_words
from ..state import ReadState
from ..text import hrefs, line_texts, norm, norm_words, words
from .title_block import first_published_text

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


def _names_site(b: Raw) -> bool:
    """A lone bold or linked line that is a site's name: "**example.org**",
    "[example.org](https://example.org)"."""
    t = b.text
    if P.SITE.match(t):
        return True
    hosts = [re.sub(r"^https?://(?:www\.)?", "", h, flags=re.I).split("/")[0].lower() for h in hrefs_of(b)]
    return any(host and norm(t).replace(" ", "") in host.replace(".", "").replace("-", "") for host in hosts)


def hrefs_of(b: Raw) -> list[str]:
    return [h for node in b.inlines for h in hrefs(node)]


def is_colophon(state: ReadState, b: Raw) -> bool:
    if b.type == "hr":
        return True
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

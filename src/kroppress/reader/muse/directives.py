"""The directives that open a Muse file, to metadata.

    #title The Commune of Paris
    #author Pëtr Kropotkin
    #SORTtopics history, revolution
    #source Retrieved on February 25<sup>th</sup>, 2009 from [[http://x.org/p.html][x.org]]
    #notes The original English version appeared as Freedom Pamphlets …
      a line that does not start with # continues the directive above it
    #pubdate 2009-02-26 17:55:26 +0100

As Text::Amuse reads them: a directive is `#name value` at the start of a
line; a blank line ends the directive, not the header; the header ends at
the first line that is neither. `#pubdate` is when the archive published
its copy: it is kept apart from the text's `date`. Every directive goes to
the report with its lines (its words leave the body); directives that
mean nothing here are reported as such.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ...model import Link, Metadata
from ...plain import inline_text
from .. import patterns as P
from ..names import clean_date, split_names
from ..recognisers import first_published_text
from .inline import InlineReader

DIRECTIVE = re.compile(r"^#([A-Za-z][A-Za-z0-9_-]*)(?:[ \t]+(.*))?$")
KNOWN = {"title", "subtitle", "author", "authors", "sortauthors", "listtitle", "date", "source", "notes",
         "lang", "topics", "sorttopics", "pubdate", "teaser", "cover", "coverwidth", "blurb", "hyphenation",
         "isbn", "rights", "seriesname", "seriesnumber", "publisher", "colophon", "uid", "cat",
         "nocoverpage", "nofinalpage", "notoc", "slides", "attach", "forcea4", "datefirst"}
_TRANSLATOR = re.compile(r"\btrans(?:lated|lation)\b[^.;]*?\bby\s+"
                         r"((?:[A-ZÀ-ÖØ-Þ][\w.'’-]*\s+){0,4}[A-ZÀ-ÖØ-Þ][\w'’-]+)")
_SENTENCE = re.compile(r"(?<=[a-z0-9]{2}[.;])\s+(?=[A-Z“\"])")


@dataclass
class Directive:
    key: str                 # as written (#SORTtopics -> "SORTtopics")
    value: str               # its lines joined by spaces
    start: int
    end: int
    source: str              # its lines as written


def split_header(lines: list[str]) -> tuple[list[Directive], int]:
    """The directives at the head of `lines`, and the index of the first body line."""
    found: list[Directive] = []
    last: Directive | None = None
    k = 0
    while k < len(lines):
        line = lines[k]
        m = DIRECTIVE.match(line.rstrip())
        if not line.strip():
            last = None
        elif m:
            last = Directive(m.group(1), (m.group(2) or "").strip(), k + 1, k + 1, line)
            found.append(last)
        elif last is not None:
            last.value = f"{last.value} {line.strip()}".strip()
            last.end = k + 1
            last.source += "\n" + line
        else:
            break
        k += 1
    return found, k


def looks_like_header(lines: list[str]) -> bool:
    """Does the text open (after blank lines) with Muse directives? A known
    directive, or two lowercase ones in a row ("#hashtag" prose is neither)."""
    keys = []
    for line in lines:
        if not line.strip():
            if keys:
                break
            continue
        m = DIRECTIVE.match(line.rstrip())
        if not m or m.group(2) is None or not m.group(2).strip():
            break
        keys.append(m.group(1))
        if len(keys) == 2:
            break
    if not keys:
        return False
    if keys[0].lower().replace("_", "").replace("-", "") in KNOWN:
        return True
    return len(keys) == 2 and all(k.islower() for k in keys)


def _plain(value: str) -> str:
    return " ".join(inline_text(InlineReader().read(value), False).split())


def _links(value: str) -> list[Link]:
    return [n for n in InlineReader().read(value) if isinstance(n, Link)]


def _source(meta: Metadata, value: str) -> None:
    links = _links(value)
    url = links[0].href if links else (P.URL.search(value).group(0).rstrip(".,;") if P.URL.search(value) else "")
    meta.source_url = url
    label = inline_text(links[0].children, False).strip(" <>") if links else ""
    if label and label != url:
        meta.source_site = label
    elif url:
        meta.source_site = urlsplit(url if "//" in url else "http://" + url).netloc
    plain = _plain(value)
    if plain.strip(" .").lower() != meta.source_site.lower():
        meta.retrieved = plain.rstrip(" .")


def _notes(meta: Metadata, value: str) -> None:
    """The reader's own recognisers, on each sentence of #notes."""
    for sentence in _SENTENCE.split(_plain(value)):
        head = P.FIRST_PUBLISHED_HEAD.match(sentence)
        rest = sentence[head.end():].lstrip(" :") if head else ""
        # "First published in …", "… by …", "…: *Journal*": a place; not "First published during …"
        if not meta.first_published and rest and (rest[0].isupper() or rest[0] in "“\"*"
                                                   or re.match(r"(?:in|by)\b", rest)):
            meta.first_published = first_published_text(sentence)
        if not meta.translator:
            m = P.TRANSLATED.match(sentence) or _TRANSLATOR.search(sentence)
            if m:
                meta.translator = m.group(1).strip().rstrip(".")


def to_metadata(directives: list[Directive], log) -> Metadata:
    meta = Metadata()
    by_key = {}
    for d in directives:
        by_key.setdefault(d.key.lower().replace("_", "").replace("-", ""), d)
    for d in directives:
        key = d.key.lower().replace("_", "").replace("-", "")
        if key not in KNOWN:
            log("directive kept in the report", d.start, d.end,
                f"#{d.key} is not a directive kroppress uses: {d.value[:60]!r}", d.source)
        elif key == "pubdate":
            log("moved to metadata", d.start, d.end,
                f"Muse directive #pubdate: the archive's date ({d.value}), not the text's", d.source)
        else:
            log("moved to metadata", d.start, d.end, f"Muse directive #{d.key}", d.source)
    get = lambda k: _plain(by_key[k].value) if k in by_key else ""   # noqa: E731
    meta.title = get("title") or get("listtitle")
    meta.subtitle = get("subtitle")
    authors = get("author") or get("authors") or get("sortauthors")
    meta.authors = [a for a in (split_names(authors) if ";" not in authors
                                else [x.strip() for x in authors.split(";")]) if a]
    meta.date = clean_date(get("date"))
    meta.archive_date = get("pubdate")
    if "source" in by_key:
        _source(meta, by_key["source"].value)
    if "notes" in by_key:
        _notes(meta, by_key["notes"].value)
    lang = get("lang")
    if re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?", lang):
        meta.language = lang
    topics = get("sorttopics") or get("topics")
    meta.subjects = [t.strip() for t in re.split(r"[,;]", topics) if t.strip()]
    if "rights" in by_key:
        meta.rights = get("rights")
    return meta

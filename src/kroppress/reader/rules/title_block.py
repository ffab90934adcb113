"""The head of a text: title, subtitle, authors, date, translator, first
publication; moved to metadata.

    # The Title                      a heading, or a bare first line,
    A Subtitle                       or an author line before the title
    Jane Doe (1850–1910)             ("## Jane Doe" / "The Title"), or all
    By Jane Doe, 1883                of them on the lines of one paragraph
    Translated by John Roe           (as a library prints a title page)
    Originally published in *X*, 1896.
    November 20, 1908.               (a letter keeps its date as a dateline)

A title with ": " is split into title and subtitle, as title pages do.
"""
from __future__ import annotations

import re

from ...model import Text
from ...plain import inline_text
from .. import patterns as P
from ..blocks import Raw
from ..names import clean_date, is_name, is_title_line, names, same_words
from ..recognisers import find_salutation, first_published_text
from ..state import ReadState
from ..text import all_lines, words


def title_case(text: str) -> str:
    """A title printed in capitals ("THE COMMON HOUSE"), as a title page
    sets it in small type: "The Common House". Mixed case is kept as written."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or any(c.islower() for c in letters):
        return text
    out = []
    for k, w in enumerate(text.split(" ")):
        low = w.lower()
        out.append(low if k and low in P.STOPWORDS else low[:1].upper() + low[1:])
    return " ".join(out)


def set_title(state: ReadState, title: str) -> None:
    title = title_case(title.strip())
    if state.meta.title and same_words(title, state.meta.title):
        return                  # the head's fields named it already, in better case
    main, sep, sub = title.partition(": ")
    if sep and main and sub:
        state.meta.title, state.meta.subtitle = main.strip(), sub.strip()
    else:
        state.meta.title = title


def _split_head_block(state: ReadState, blocks: list[Raw]) -> list[Raw]:
    """Title, author and date on the lines of one first paragraph: one block
    per line, so that the rest of this rule sees them."""
    b = blocks[0] if blocks else None
    if b is None or b.type != "paragraph":
        return blocks
    lines = all_lines(b)
    src = b.source.split("\n")
    texts = [inline_text(line, False).strip() for line in lines]
    if not (2 <= len(texts) <= 4 and len(src) == len(texts)
            and all(words(t) <= 15 for t in texts) and not re.search(r"[.,;]$", texts[0])
            and not texts[0][:1].isdigit()
            and not any(P.SALUTATION.match(t) for t in texts)        # an address
            and any((names(t) and words(t) >= 2) or P.DATE_ONLY.match(t) for t in texts[1:])):
        return blocks
    parts = [Raw("paragraph", b.start + k, b.start + k, src[k], inlines=line) for k, line in enumerate(lines)]
    state.log("title block split", b.start, b.end, "title, author and date on the lines of one paragraph")
    return parts + blocks[1:]


def _byline_and_date(t: str) -> tuple[list[str], str] | None:
    """"By Jane Doe, 1883": a byline with the date after a comma (the "By"
    is required: "New York, 1890" is a place and a date)."""
    m = re.match(r"^([Bb]y\s.+?),\s*([^,]+)$", t)
    if not m or not P.DATE_ONLY.match(m.group(2).strip()):
        return None
    found = names(m.group(1))
    return (found, clean_date(m.group(2))) if found else None


def _body_name(t: str) -> bool:
    """A collective author's name: a few capitalised words (commas allowed),
    no sentence, no date."""
    ws = re.findall(r"[\w'’.-]+", t)
    return (1 <= len(ws) <= 10 and not P.DATE_ONLY.match(t) and not re.search(r"[.!?;:]$", t)
            and all(w[0].isupper() or w.lower() in P.STOPWORDS for w in ws) and ws[0][0].isupper())


def _repeats_authors(meta, t: str) -> bool:
    found = names(t)
    return bool(found) and len(found) == len(meta.authors) and all(
        same_words(a, b) for a, b in zip(found, meta.authors))


def _dated(t: str) -> tuple[str, list[str]] | None:
    """"Posted on 14 June 2016", "Published: May 1890 by Jane Doe": the date,
    and the authors a byline after it names."""
    m = P.DATED.match(t)
    if not m:
        return None
    when, by, who = m.group(1).partition(" by ")
    if not P.DATE_ONLY.match(when.strip().rstrip(",")):
        return None
    found = names(who) if by else []
    if by and not found:
        return None
    return clean_date(when.rstrip(", ")), found


def _separated_byline(t: str) -> tuple[list[str], str] | None:
    """"Jane Doe · 7 September 2024", "By Jane Doe | May 2019": a byline and
    a date on one line, set apart by a separator."""
    parts = [x.strip() for x in re.split(r"\s+[·|•—–]\s+", t)]
    if len(parts) != 2:
        return None
    for who, when in (parts, parts[::-1]):
        found = names(who)
        if found and P.DATE_ONLY.match(when):
            return found, clean_date(when)
    return None


def _title(state: ReadState, blocks: list[Raw]) -> list[Raw]:
    """The blocks that give the title (and an author line before it)."""
    b0, b1 = blocks[0], blocks[1]
    if b0.type == "heading" and b0.level == 1:
        set_title(state, b0.text)
        return [b0]
    # an author line, then the title: "## Jane Doe" / "The Title", or "Jane Doe" / "The Title"
    author_first = (is_title_line(b0) and b1.type in ("paragraph", "heading") and is_title_line(b1)
                    and names(b0.text) and not names(b1.text) and not P.DATE_ONLY.match(b1.text)
                    and (b0.type == "heading" or words(b0.text) <= 4))
    if author_first:
        state.meta.authors = names(b0.text)
        set_title(state, b1.text)
        return [b0, b1]
    if is_title_line(b0):
        set_title(state, b0.text)
        return [b0]
    return []


def _join_by_lines(state: ReadState, blocks: list[Raw]) -> list[Raw]:
    """A title page's "BY" alone on its line, the name on the next: one byline."""
    for k, b in enumerate(blocks[:6]):
        if (b.type == "paragraph" and re.fullmatch(r"\s*by\s*", b.text, re.I) and k + 1 < len(blocks)
                and blocks[k + 1].type == "paragraph" and names(blocks[k + 1].text)):
            nxt = blocks[k + 1]
            state.drop(b, "moved to metadata", f"title block line: {b.text!r}")
            nxt.inlines = [Text("By ")] + list(nxt.inlines)
            return blocks[:k] + blocks[k + 1:]
    return blocks


def _masthead(state: ReadState, blocks: list[Raw]) -> list[Raw]:
    """A newspaper's masthead and issue line above the article's own `#`
    title: short lines, then the heading. They name the paper, not the text."""
    h = next((k for k, b in enumerate(blocks[:4]) if b.type == "heading" and b.level == 1), None)
    if not h or not all(b.type == "paragraph" and words(b.text) <= 14 and len(b.lines) == 1 for b in blocks[:h]):
        return blocks
    if not any(P.HAS_DATE.search(b.text) for b in blocks[:h]) and not all(b.text.isupper() for b in blocks[:h]):
        return blocks
    state.meta.source_site = state.meta.source_site or title_case(blocks[0].text)
    for b in blocks[:h]:
        state.drop(b, "moved to metadata", f"masthead above the title: {b.text!r}")
    return blocks[h:]


def rule(state: ReadState) -> bool:
    blocks = _masthead(state, _join_by_lines(state, _split_head_block(state, state.blocks)))
    if len(blocks) < 2:
        state.blocks = blocks
        return False
    meta = state.meta
    moved = _title(state, blocks)
    if not moved:
        state.blocks = blocks
        return False
    i = len(moved)
    date_block = None
    while i < len(blocks) and i < len(moved) + 4:
        b = blocks[i]
        t = b.text
        if b.type not in ("paragraph", "heading") or len(b.lines) != 1:
            break
        translated = P.TRANSLATED.match(t)
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        name_follows = nxt is not None and len(nxt.lines) == 1 and is_name(nxt.text)
        if (b.type == "heading" and not meta.subtitle and not meta.authors
                and is_title_line(b) and not P.DATE_ONLY.match(t) and (name_follows or not is_name(t))):
            meta.subtitle = t            # "# Title" then "## Subtitle"
            moved.append(b)
        elif (b.type == "paragraph" and i == len(moved) and not meta.subtitle
              and (not meta.authors or _repeats_authors(meta, nxt.text if nxt else "")) and name_follows
              and is_title_line(b) and not P.DATE_ONLY.match(t) and not is_name(t)):
            meta.subtitle = t            # "# Title", "A Subtitle", "Author"
            moved.append(b)
        elif not meta.authors and (byline := _byline_and_date(t) or _separated_byline(t)):
            meta.authors = byline[0]        # "By Jane Doe, 1883"
            meta.date = meta.date or byline[1]
            moved.append(b)
        elif not meta.authors and names(t) and not same_words(t, meta.title):
            meta.authors = names(t)
            moved.append(b)
        elif meta.authors and _repeats_authors(meta, t):
            moved.append(b)               # the byline again, as a title page prints it
        elif (not meta.authors and (genre := P.GENRE_BY.match(t))
              and (found := names(P.HONORIFIC.sub("", genre.group(1).strip())))):
            meta.authors = found                     # "A Lecture by Mrs. Jane Doe"
            moved.append(b)
        elif (b.type == "paragraph" and words(t) <= 60 and P.OCCASION.match(t) and P.HAS_DATE.search(t)):
            # "Speech delivered at … on 1 May 1912": where and when it was given
            meta.first_published = meta.first_published or t.rstrip(".")
            if not meta.date and (when := P.DATE_IN.search(t)):
                meta.date = clean_date(when.group(0))
            moved.append(b)
        elif (b.type == "paragraph" and not meta.first_published and words(t) <= 25
              and P.IMPRINT_HEAD.match(t)):
            meta.first_published = t.rstrip(".")     # "London: A Printer, 11 Fleet Street. 1887."
            meta.date = meta.date or re.findall(r"\b(?:1[5-9]\d{2}|20\d{2})\b", t)[-1]
            moved.append(b)
        elif (not meta.authors and b.type == "paragraph" and nxt is not None and P.DATE_ONLY.match(nxt.text)
              and _body_name(t)):
            meta.authors = [t]            # an organisation signs: "Union of Cleaners, North Branch"
            moved.append(b)
        elif translated and not meta.translator:
            meta.translator = translated.group(1).strip()
            moved.append(b)
        elif (b.type == "paragraph" and not meta.first_published and words(t) <= 40
              and P.FIRST_PUBLISHED_HEAD.match(t)):
            meta.first_published = first_published_text(t)   # "Originally published in …"
            state.dated_by_publication = b.start
            moved.append(b)
        elif b.type == "heading":
            break
        elif not meta.date and P.DATE_ONLY.match(t):
            meta.date = clean_date(t)
            date_block = b
        elif not meta.date and (dated := _dated(t)):
            meta.date = dated[0]                     # "Posted on 14 June 2016 by Jane Doe"
            meta.authors = meta.authors or dated[1]
            moved.append(b)
        else:
            break
        i += 1
    for b in moved:
        state.drop(b, "moved to metadata", f"title block line: {b.text!r}")
    rest = blocks[i:]
    if date_block is not None:
        # a letter dated to the day keeps its date at its head; a year alone
        # under the author dates the text, as the head of an essay does
        if find_salutation(rest[:4]) is not None and P.HAS_MONTH.search(date_block.text):
            date_block.role = "dateline"   # a letter keeps its date at its head
            rest.insert(0, date_block)
        else:
            state.drop(date_block, "moved to metadata", f"date line: {date_block.text!r}")
    state.blocks = rest
    return True


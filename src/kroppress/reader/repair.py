"""Repairs on top of markdown-it's blocks. Each rule is general and each
change goes into the report with its source lines."""
from __future__ import annotations

import re
import unicodedata

from ..model import (Address, Block, BlockQuote, Closing, Dateline, Document, Heading, Inline,
                     LineBreak, Link, Metadata, Note, NoteRef, Paragraph, Repair, Salutation,
                     SceneBreak, Signature, Postscript, Strong, Text, Emphasis)
from ..plain import block_text, inline_text
from . import patterns as P
from .blocks import Raw, parse_blocks, strip_inlines
from .inlines import InlineBuilder

_FUNCTION_WORDS = {"by", "and", "of", "the", "in", "a", "an", "to", "on", "from", "for", "with", "at",
                   "de", "la", "le", "von", "van", "der", "trans", "ed", "eds", "edited", "translated"}

_QUOTE_DEPTH = re.compile(r"^((?:[ \t]*>){9,})", re.M)


def _limit_depth(text: str) -> tuple[str, bool]:
    """Nested block quotes deeper than 8 carry no meaning in prose; cap them
    so markdown-it never hits its nesting limit (which would drop text)."""
    capped = _QUOTE_DEPTH.sub(lambda m: ">" * 8, text)
    return capped, capped != text


def _words(text: str) -> int:
    return len(text.split())


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower()).strip()


def _starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def _all_lines(b: Raw) -> list[list[Inline]]:
    """A block's lines, split at hard breaks and at source line ends alike: an
    export rarely marks the lines of an address or a closing as hard breaks."""
    out: list[list[Inline]] = []
    for line in b.lines:
        for soft in _soft_lines(line):
            soft = strip_inlines(soft)
            if inline_text(soft, False).strip():
                out.append(soft)
    return out


def _line_texts(b: Raw) -> list[str]:
    return [inline_text(line, False).strip() for line in _all_lines(b)]


def _first_published_text(sentence: str) -> str:
    """"Originally published in *Mother Earth*, 1910." -> "Mother Earth, 1910"."""
    fp = re.sub(P.THIS_TEXT + r"(?:first|originally)\s+(?:published|printed|appeared)\s*:?\s*", "",
                sentence.strip(), flags=re.I)
    fp = re.sub(r"^published\s+(?=in\b|by\b)", "", fp, flags=re.I)
    # keep "in English: …" and "in French in Le Révolté, …" (a language, then the place)
    if not re.match(r"^in\s+[A-Z]\w*(?:\s*:|\s+in\s)", fp):
        fp = re.sub(r"^in\s+", "", fp, flags=re.I)
    return (fp[:1].upper() + fp[1:]).strip().rstrip(".")


def _clean_date(text: str) -> str:
    return text.strip().rstrip(".").strip("()[]").strip()


def _bio_text(text: str) -> str:
    return P.ABOUT_AUTHOR.sub("", text, count=1) if P.ABOUT_AUTHOR.match(text) else text


def _ends_open(text: str) -> bool:
    """True when a paragraph stops mid-sentence."""
    return bool(text.strip()) and not P.TERMINAL.search(text)


class Repairer:
    def __init__(self, text: str, name: str):
        self.name = name
        self.text, capped = _limit_depth(text)
        self.report: list[Repair] = []
        self.warnings: list[str] = []
        self.meta = Metadata()
        self.defs: list[tuple[str, int, Raw]] = []     # (label, page line, block)
        self.def_group: dict[int, int] = {}            # id(block) -> its page-foot block / list
        self.groups = 0
        self.bracket_labels: set[str] = set()
        self.dated_by_publication = 0      # the line of an "Originally published …" head
        if capped:
            self.warnings.append(f"{name}: block quotes nested deeper than 8 levels were flattened to 8")

    # ------------------------------------------------------------ helpers
    def log(self, action: str, start: int, end: int, detail: str, text: str = "") -> None:
        self.report.append(Repair(action, (start, end), detail, text))

    def drop(self, b: Raw, action: str, detail: str) -> None:
        self.log(action, b.start, b.end, detail, b.source)

    def warn(self, line: int, msg: str) -> None:
        self.warnings.append(f"{self.name}:{line}: {msg}")

    # ------------------------------------------------------------ pipeline
    def run(self) -> Document:
        builder = InlineBuilder()
        blocks = parse_blocks(self.text, builder)
        blocks = self.raw_html(blocks)
        blocks = self.dash_rules(blocks)
        blocks = self.setext_headings(blocks)
        blocks = self.split_def_lines(blocks)
        blocks = self.header(blocks)
        blocks = self.contents(blocks)
        blocks = self.web_boilerplate(blocks)
        blocks = self.colophon(blocks)
        blocks = self.end_matter(blocks)
        blocks = self.page_notes(blocks)
        self.letter(blocks)
        self.opening_dateline(blocks)
        blocks = self.page_splits(blocks)
        body = [b for raw in blocks for b in self.to_model(raw)]
        notes = self.resolve_notes(body)
        self.date_from_publication()
        if not self.meta.title:
            self.warnings.append(f"{self.name}:1: no title found; set `title` for this text in the config")
        return Document(self.meta, body, notes, self.report, self.warnings)

    # ------------------------------------------------------------ raw HTML
    def raw_html(self, blocks: list[Raw]) -> list[Raw]:
        out = []
        for b in blocks:
            if b.type == "html":
                self.drop(b, "raw HTML dropped", "an HTML block is not text; dropped")
                continue
            if b.dropped:
                self.log("raw HTML dropped", b.start, b.end,
                         f"removed {len(b.dropped)} HTML tag(s) or embedded content", " ".join(b.dropped))
            for c in b.children:
                if c.dropped:
                    self.log("raw HTML dropped", c.start, c.end,
                             f"removed {len(c.dropped)} HTML tag(s)", " ".join(c.dropped))
            b.children = [c for c in b.children if c.type != "html" or self.drop(c, "raw HTML dropped", "HTML block")]
            if b.type in ("paragraph", "heading") and not b.text and not any(
                    isinstance(n, NoteRef) for n in b.inlines):
                continue
            out.append(b)
        return out

    # ------------------------------------------------------------ rules Markdown does not see
    def dash_rules(self, blocks: list[Raw]) -> list[Raw]:
        """A paragraph that is only a run of dashes Markdown does not take for a
        rule ("—————", "–––", "───") is a rule all the same: exports print one
        above a page foot's notes, or between sections."""
        for b in blocks:
            if (b.type == "paragraph" and len(_soft_lines(b.inlines)) == 1
                    and P.DASH_RULE.match(b.text) and not any(isinstance(n, NoteRef) for n in b.inlines)):
                b.type, b.inlines = "hr", []
                self.log("rule found", b.start, b.end, "a line of dashes is a rule", b.source)
        return blocks

    # ------------------------------------------------------------ "Title" over "====="
    def setext_headings(self, blocks: list[Raw]) -> list[Raw]:
        """A line underlined with "=" is a heading. ("---" under a line stays a
        page-foot rule: exports print one above every block of notes.)"""
        for b in blocks:
            if b.type != "paragraph":
                continue
            lines = _soft_lines(b.inlines)
            if (len(lines) == 2 and len(lines[1]) == 1 and isinstance(lines[1][0], Text)
                    and re.fullmatch(r"\s*={3,}\s*", lines[1][0].text) and inline_text(lines[0], False).strip()):
                b.type, b.level = "heading", 1
                b.inlines = strip_inlines(lines[0])
                self.log("heading found", b.start, b.end, "a line underlined with '=' is a heading",
                         lines[1][0].text)
        # A short line with "---" right under it (no blank line between) is a
        # section heading, as Markdown exports write one; a page-foot rule has
        # a blank line above it, or notes below it, or the text resuming in
        # lower case after it.
        out: list[Raw] = []
        for k, b in enumerate(blocks):
            prev = out[-1] if out else None
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            if (b.type == "hr" and prev is not None and prev.type == "paragraph"
                    and prev.end + 1 == b.start and re.fullmatch(r"\s*-{3,}\s*", b.source)
                    and self._underlined_heading(prev)
                    and not (nxt is not None and nxt.type == "paragraph"
                             and (self._is_sup_def(nxt) or _starts_lower(nxt.text)))):
                prev.type, prev.level = "heading", 2
                self.log("heading found", prev.start, b.end, "a line underlined with '-' is a heading",
                         b.source)
                continue
            out.append(b)
        return out

    def _underlined_heading(self, b: Raw) -> bool:
        t = b.text
        return (len(_soft_lines(b.inlines)) == 1 and len(b.lines) == 1 and 1 <= _words(t) <= 12
                and not re.search(r"[.,;:]$", t) and not P.SCENE_BREAK.match(t)
                and not any(isinstance(n, NoteRef) for n in b.inlines))

    # ------------------------------------------------------------ one note per line
    def split_def_lines(self, blocks: list[Raw]) -> list[Raw]:
        """`[2] …` / `<sup>2</sup> …` lines inside one paragraph are separate notes."""
        def starts_def(first) -> bool:
            return isinstance(first, NoteRef) or (isinstance(first, Text) and bool(P.BRACKET_DEF.match(first.text)))
        out: list[Raw] = []
        for b in blocks:
            out += self._split_at_lines(b, starts_def) if b.type == "paragraph" else [b]
        return out

    @staticmethod
    def _split_at_lines(b: Raw, starts) -> list[Raw]:
        """Cut a paragraph before each of its lines whose first inline passes `starts`."""
        groups: list[list[Inline]] = [[]]
        begins = [0]
        for k, line in enumerate(_soft_lines(b.inlines)):
            first = line[0] if line else None
            if starts(first) and groups[-1]:
                groups.append([])
                begins.append(k)
            elif groups[-1]:
                groups[-1].append(Text("\n"))
            groups[-1].extend(line)
        if len(groups) == 1:
            return [b]
        src = b.source.split("\n")
        begins.append(len(src))
        out = []
        for n, g in enumerate(groups):
            a, z = begins[n], begins[n + 1]
            out.append(Raw("paragraph", b.start + a, b.start + z - 1, "\n".join(src[a:z]),
                           inlines=_merge_text(g)))
        return out

    # ------------------------------------------------------------ title block
    def _is_title_line(self, b: Raw) -> bool:
        t = b.text
        # one line, hard or soft: lines broken in one paragraph are an address or a
        # title page (split by `_split_head_block` when they are one), not a title
        return (b.type in ("paragraph", "heading") and bool(t) and len(b.lines) == 1
                and "\n" not in t and _words(t) <= 30 and not t.endswith(".") and not P.SCENE_BREAK.match(t)
                and not P.CONTENTS.match(t))

    def _names(self, t: str) -> list[str] | None:
        """The author(s) a header line names: one name, or full names joined by "and"/"&"."""
        t = P.LIFE_DATES.sub("", t) if _words(t) > 1 else t
        if self._is_name(t):
            return self._split_names(P.NAME.match(t).group(1))
        m = P.NAMES.match(t)
        if m and _words(t) <= 12 and not P.DATE_ONLY.match(t) and not P.SALUTATION.match(t):
            return self._split_names(m.group(1))
        return None

    def _is_name(self, t: str) -> bool:
        return bool(P.NAME.match(t)) and not P.DATE_ONLY.match(t) and 1 <= _words(t) <= 6 \
            and not P.SALUTATION.match(t)

    def _split_head_block(self, blocks: list[Raw]) -> list[Raw]:
        """Title, author and date on the lines of one first paragraph (as a
        library prints its title page): one block per line, so that the rules
        of the title block see them."""
        b = blocks[0] if blocks else None
        if b is None or b.type != "paragraph":
            return blocks
        lines = _all_lines(b)
        src = b.source.split("\n")
        texts = [inline_text(line, False).strip() for line in lines]
        if not (2 <= len(texts) <= 4 and len(src) == len(texts)
                and all(_words(t) <= 15 for t in texts) and not re.search(r"[.,;]$", texts[0])
                and not texts[0][:1].isdigit() and not P.SALUTATION.match(texts[0])
                and not any(P.SALUTATION.match(t) for t in texts)        # an address
                and any((self._names(t) and _words(t) >= 2) or P.DATE_ONLY.match(t) for t in texts[1:])):
            return blocks
        parts = [Raw("paragraph", b.start + k, b.start + k, src[k], inlines=line)
                 for k, line in enumerate(lines)]
        self.log("title block split", b.start, b.end, "title, author and date on the lines of one paragraph")
        return parts + blocks[1:]

    def header(self, blocks: list[Raw]) -> list[Raw]:
        blocks = self._split_head_block(blocks)
        if len(blocks) < 2:
            return blocks
        b0, b1 = blocks[0], blocks[1]
        moved: list[Raw] = []
        if b0.type == "heading" and b0.level == 1:
            self._set_title(b0.text)
            moved.append(b0)
        elif (b0.type == "heading" and self._names(b0.text) and b1.type == "paragraph"
              and self._is_title_line(b1)):
            self.meta.authors = self._names(b0.text)
            self._set_title(b1.text)
            moved += [b0, b1]
        elif (self._is_title_line(b0) and self._is_name(b0.text) and _words(b0.text) <= 4
              and b1.type == "paragraph" and self._is_title_line(b1) and not self._is_name(b1.text)):
            self.meta.authors = self._split_names(P.NAME.match(b0.text).group(1))
            self._set_title(b1.text)
            moved += [b0, b1]
        elif self._is_title_line(b0):
            self._set_title(b0.text)
            moved.append(b0)
        else:
            return blocks
        i = len(moved)
        date_block = None
        while i < len(blocks) and i < len(moved) + 4:
            b = blocks[i]
            t = b.text
            if b.type not in ("paragraph", "heading") or len(b.lines) != 1:
                break
            translated = P.TRANSLATED.match(t)
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            name_follows = nxt is not None and len(nxt.lines) == 1 and self._is_name(nxt.text)
            if (b.type == "heading" and not self.meta.subtitle and not self.meta.authors
                    and self._is_title_line(b) and not P.DATE_ONLY.match(t)
                    and (name_follows or not self._is_name(t))):
                self.meta.subtitle = t            # "# Title" then "## Subtitle"
                moved.append(b)
            elif (b.type == "paragraph" and i == len(moved) and not self.meta.subtitle
                  and not self.meta.authors and name_follows and self._is_title_line(b)
                  and not P.DATE_ONLY.match(t) and not self._is_name(t)):
                self.meta.subtitle = t            # "# Title", "A Subtitle", "Author"
                moved.append(b)
            elif not self.meta.authors and (byline := self._byline_and_date(t)):
                self.meta.authors = byline[0]        # "By Jane Doe, 1883"
                self.meta.date = self.meta.date or byline[1]
                moved.append(b)
            elif not self.meta.authors and self._names(t) and _norm(t) != _norm(self.meta.title):
                self.meta.authors = self._names(t)
                moved.append(b)
            elif translated and not self.meta.translator:
                self.meta.translator = translated.group(1).strip()
                moved.append(b)
            elif (b.type == "paragraph" and not self.meta.first_published and _words(t) <= 40
                  and P.FIRST_PUBLISHED_HEAD.match(t)):
                self.meta.first_published = _first_published_text(t)   # "Originally published in …"
                self.dated_by_publication = b.start
                moved.append(b)
            elif b.type == "heading":
                break
            elif not self.meta.date and P.DATE_ONLY.match(t):
                self.meta.date = _clean_date(t)
                date_block = b
            elif (not self.meta.date and (dated := P.DATED.match(t))
                  and P.DATE_ONLY.match(dated.group(1))):
                self.meta.date = _clean_date(dated.group(1))   # "Posted on 14 June 2016"
                moved.append(b)
            else:
                break
            i += 1
        for b in moved:
            self.drop(b, "moved to metadata", f"title block line: {b.text!r}")
        rest = blocks[i:]
        if date_block is not None:
            if self._find_salutation(rest[:4]) is not None:
                date_block.role = "dateline"   # a letter keeps its date at its head
                rest.insert(0, date_block)
            else:
                self.drop(date_block, "moved to metadata", f"date line: {date_block.text!r}")
        return rest

    def _byline_and_date(self, t: str) -> tuple[list[str], str] | None:
        """"By Jane Doe, 1883": a byline with the date after a comma (the "By"
        is required: "New York, 1890" is a place and a date)."""
        m = re.match(r"^([Bb]y\s.+?),\s*([^,]+)$", t)
        if not m or not P.DATE_ONLY.match(m.group(2).strip()):
            return None
        names = self._names(m.group(1))
        return (names, _clean_date(m.group(2))) if names else None

    def date_from_publication(self) -> None:
        """A text dated nowhere else ("Originally published in *X*, 1896." under
        its title) takes the year of its first publication, as a title page would."""
        if self.meta.date or not self.dated_by_publication:
            return
        years = re.findall(r"\b1\d{3}\b|\b20\d{2}\b", self.meta.first_published)
        if years:
            self.meta.date = years[-1]
            line = self.dated_by_publication
            self.log("date found", line, line, f"the year of first publication: {years[-1]}")

    def _set_title(self, title: str) -> None:
        title = title.strip()
        main, sep, sub = title.partition(": ")
        if sep and main and sub:
            self.meta.title, self.meta.subtitle = main.strip(), sub.strip()
        else:
            self.meta.title = title

    @staticmethod
    def _split_names(text: str) -> list[str]:
        return [n.strip() for n in re.split(r"\s*(?:,|&|\band\b)\s*", text) if n.strip()]

    # ------------------------------------------------------------ contents table
    def contents(self, blocks: list[Raw]) -> list[Raw]:
        for i, b in enumerate(blocks[:12]):
            if b.type in ("heading", "paragraph") and P.CONTENTS.match(b.text):
                j = i + 1
                while j < len(blocks) and (blocks[j].type == "hr" or (
                        blocks[j].type == "paragraph" and _line_texts(blocks[j]) and all(
                            P.TOC_LINE.match(line) for line in _line_texts(blocks[j])))):
                    j += 1
                if j == i + 1:
                    continue
                for b2 in blocks[i:j]:
                    self.drop(b2, "contents dropped", "a contents table from the source edition is not body")
                return blocks[:i] + blocks[j:]
        return blocks

    # ------------------------------------------------------------ website tails
    def _web_marker(self, b: Raw) -> bool:
        return b.type in ("paragraph", "heading") and _words(b.text) <= 8 and bool(
            P.WEB_BOILERPLATE.match(b.text))

    def web_boilerplate(self, blocks: list[Raw]) -> list[Raw]:
        marks = [i for i, b in enumerate(blocks) if self._web_marker(b)]
        for k in marks:
            later = sum(1 for j in marks if j >= k)
            if k > 0 and (later >= 2 or len(blocks) - k <= 6):
                for b in blocks[k:]:
                    self.drop(b, "boilerplate dropped", "website matter after the text")
                return blocks[:k]
        return blocks

    # ------------------------------------------------------------ library colophons
    def _repeats_metadata(self, b: Raw) -> bool:
        title = _norm(self.meta.title)
        t = _norm(b.text)
        if not title or title not in t:
            return False
        rest = t.replace(title, " ")
        for extra in [self.meta.subtitle, *self.meta.authors, self.meta.date]:
            if extra:
                rest = rest.replace(_norm(extra), " ")
        if _words(rest) > 8 or re.search(r"[!?]\W*$", b.text):
            return False
        # the library repeats author / title / date (perhaps a site or "by"); the
        # text's last sentence that happens to name its title ("Long live the
        # Commune!", "The fields were common once.") has words of its own in
        # lower case
        known = set(_norm(" ".join([self.meta.title, self.meta.subtitle, *self.meta.authors,
                                    self.meta.date])).split())
        return not any(w[0].islower() and _norm(w) not in known and w.lower() not in _FUNCTION_WORDS
                       for w in re.findall(r"\w[\w'’-]*", b.text))

    def _is_colophon(self, b: Raw) -> bool:
        if b.type == "hr":
            return True
        if b.type == "blockquote":
            return bool(b.children) and all(self._is_colophon(c) for c in b.children)
        t = b.text
        if not t:
            return True
        if P.BRACKET_DEF.match(t) or (b.inlines and isinstance(b.inlines[0], NoteRef)):
            return False
        n = _words(t)
        lines = _line_texts(b)
        if P.COLOPHON.search(t) and n <= 40:
            return True
        if (P.RETRIEVED.search(t) or P.FIRST_PUBLISHED.match(t)) and n <= 80:
            return True
        if any(P.TRANSLATED.match(line) for line in lines) and n <= 40:
            return True
        if P.DATE_ONLY.match(t):
            return True
        if len(b.inlines) == 1 and isinstance(b.inlines[0], (Strong, Link)) and n <= 6:
            return True
        if lines and any(P.SITE.match(line) for line in lines) and all(_words(line) <= 6 for line in lines):
            return True
        return self._repeats_metadata(b)

    def colophon(self, blocks: list[Raw]) -> list[Raw]:
        k = len(blocks)
        while k > 0 and self._is_colophon(blocks[k - 1]):
            k -= 1
        if k == len(blocks):
            return blocks
        # a first-publication line ("*Periodical*, 24 May 1890") just before it
        if k > 1:
            b = blocks[k - 1]
            if (b.type == "paragraph" and _words(b.text) <= 20 and P.HAS_DATE.search(b.text)
                    and b.inlines and (isinstance(b.inlines[0], Emphasis) or P.FIRST_PUBLISHED.match(b.text))):
                k -= 1
        tail = blocks[k:]
        for b in tail:
            self._harvest(b)
            self.drop(b, "moved to metadata" if self._carries_facts(b) else "boilerplate dropped",
                      "library colophon / source lines after the text")
        return blocks[:k]

    def _carries_facts(self, b: Raw) -> bool:
        t = b.text if b.type != "blockquote" else " ".join(c.text for c in b.children)
        if self._repeats_metadata(b):
            return False
        lines = _line_texts(b)
        return bool(P.RIGHTS.search(t) or P.RETRIEVED.search(t) or P.URL.search(t)
                    or P.FIRST_PUBLISHED.match(t) or any(P.SITE.match(x) for x in lines)
                    or (b.inlines and isinstance(b.inlines[0], (Emphasis, Link))))

    def _harvest(self, b: Raw) -> None:
        if b.type == "blockquote":
            for c in b.children:
                self._harvest(c)
            return
        t = b.text
        if not t:
            return
        lines = _line_texts(b)
        hrefs = [h for node in b.inlines for h in _hrefs(node)]
        for href in hrefs:
            self.meta.source_url = self.meta.source_url or href
        if not self.meta.rights:
            m = P.RIGHTS.search(t)
            if m:
                self.meta.rights = m.group(1).strip().rstrip(".")
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(lines)):
            if P.FIRST_PUBLISHED.match(sentence) and not self.meta.first_published:
                self.meta.first_published = _first_published_text(sentence)
            elif P.RETRIEVED.search(sentence):
                self.meta.retrieved = self.meta.retrieved or sentence.strip()
                url = P.URL.search(sentence)
                if url:
                    u = url.group(0).rstrip(".,;")
                    u = u if u.lower().startswith("http") else "http://" + u
                    # a link's text often shortens its target: "[www.x.org](http://www.x.org/a/b)"
                    bare = re.sub(r"^https?://", "", u, flags=re.I).rstrip("/").lower()
                    longer = [h for h in hrefs if re.sub(r"^https?://", "", h, flags=re.I).lower()
                              .startswith(bare)]
                    self.meta.source_url = longer[0] if longer else u
        if (b.inlines and isinstance(b.inlines[0], Emphasis) and P.HAS_DATE.search(t)
                and not self.meta.first_published):
            self.meta.first_published = t
        if not self.meta.date and len(lines) >= 2 and self._repeats_metadata(b):
            # the library repeats author / title / date: the date is the text's
            dates = [line for line in lines if P.DATE_ONLY.match(line)]
            if dates:
                self.meta.date = _clean_date(dates[-1])
        for line in lines:
            m = P.TRANSLATED.match(line)
            if m and not self.meta.translator:
                self.meta.translator = m.group(1).strip()
        sites = [line for line in lines if P.SITE.match(line)]
        if sites:
            if not self.meta.source_site:
                self.meta.source_site = sites[0].strip()
            others = [line for line in lines if line not in sites]
            if others and not P.RETRIEVED.search(t) and not self._repeats_metadata(b):
                note = "; ".join([sites[0], *others])
                self.meta.retrieved = self.meta.retrieved or note
        elif P.COLOPHON.search(t) and not self.meta.source_site:
            # what is left of "The Anarchist Library Anti-Copyright" names the site;
            # what is left of "Public domain." (a full stop) names nothing
            name = P.RIGHTS.sub("", t).strip(" ,;:.-–—")
            if re.search(r"[^\W\d_]", name) and _words(name) <= 5:
                self.meta.source_site = " ".join(name.split())

    # ------------------------------------------------------------ notes list and biography
    def _is_bracket_def(self, b: Raw) -> bool:
        return b.type == "paragraph" and bool(P.BRACKET_DEF.match(b.text))

    def _numbered_notes(self, blocks: list[Raw]) -> list[Raw]:
        """Notes numbered "1." / "1)" in a list under a notes heading ("Notes",
        "Footnotes:", "References") at the end, when the text calls those
        numbers (`[1]` or `<sup>1</sup>`): each becomes an `[n]` definition. Without
        the heading, or without a call, a numbered list at the end stays a list."""
        h = next((k for k in range(len(blocks) - 1, -1, -1) if blocks[k].type in ("heading", "paragraph")
                  and P.NOTES_HEADING.match(blocks[k].text)), None)
        if h is None or h + 1 >= len(blocks):
            return blocks
        rest = blocks[h + 1:]
        if not all(b.type == "paragraph" for b in rest) or not P.NUMBERED_DEF.match(rest[0].text):
            return blocks
        body = blocks[:h]
        called = {m.group(1) for b in body for m in P.BRACKET_CALL.finditer(b.text)}
        called |= {n.label for b in body for n, _ in _calls([Paragraph(b.inlines)])}
        items: list[Raw] = []
        for b in rest:
            items += self._split_at_lines(b, lambda first: isinstance(first, Text)
                                          and bool(P.NUMBERED_DEF.match(first.text)))
        labels = [m.group(1) for b in items if (m := P.NUMBERED_DEF.match(b.text))]
        if not labels or not set(labels) & called:
            return blocks
        for b in items:
            if b.inlines and isinstance(b.inlines[0], Text) and P.NUMBERED_DEF.match(b.inlines[0].text):
                b.inlines = [Text(P.NUMBERED_DEF.sub(lambda m: f"[{m.group(1)}] ", b.inlines[0].text, count=1))] \
                    + b.inlines[1:]
        self.log("notes list found", rest[0].start, rest[-1].end,
                 f"{len(labels)} numbered note(s) under the heading {blocks[h].text!r}")
        return blocks[:h + 1] + items

    def end_matter(self, blocks: list[Raw]) -> list[Raw]:
        blocks = self._numbered_notes(blocks)
        changed = True
        while changed and blocks:
            changed = False
            k = self._bracket_list_start(blocks)
            if k is not None:
                self._take_bracket_defs(blocks[k:])
                blocks = blocks[:k]
                changed = True
            if blocks and blocks[-1].type in ("heading", "paragraph") and P.NOTES_HEADING.match(blocks[-1].text):
                self.drop(blocks[-1], "boilerplate dropped", "heading of the notes list")
                blocks = blocks[:-1]
                changed = True
            if blocks and blocks[-1].type == "hr" and (self.bracket_labels or self.defs):
                self.drop(blocks[-1], "boilerplate dropped", "the rule before the notes list")
                blocks = blocks[:-1]
                changed = True
            if blocks and self._is_bio(blocks[-1]):
                b = blocks.pop()
                inlines = _strip_prefix(b.inlines, P.ABOUT_AUTHOR)   # "About the author: …"
                text = _bio_text(b.text)
                name = (P.BIO_START.match(text) or P.BIO_START_AUTHOR.match(text)).group(1)
                if not self.meta.authors:
                    self.meta.authors = [name]
                self.meta.biography = [Paragraph(flatten_soft_breaks(inlines))]
                self.drop(b, "moved to metadata", f"author biography of {name}")
                if (blocks and blocks[-1].type in ("heading", "paragraph")
                        and P.ABOUT_AUTHOR.fullmatch(blocks[-1].text)):
                    self.drop(blocks.pop(), "boilerplate dropped", "heading of the biography")
                changed = True
        return blocks

    def _bracket_list_start(self, blocks: list[Raw]) -> int | None:
        k = None
        j = len(blocks) - 1
        while j >= 0:
            b = blocks[j]
            if self._is_bracket_def(b):
                k = j
            elif not (b.type == "paragraph" and j > 0 and blocks[j - 1].type == "paragraph"
                      and (_ends_open(blocks[j - 1].text) or k is not None)
                      and not P.BRACKET_DEF.match(b.text)
                      and any(self._is_bracket_def(x) for x in blocks[max(0, j - 3):j])):
                # (a wrapped definition, or a further paragraph of a note inside the list)
                break
            j -= 1
        return k

    def _take_bracket_defs(self, defs: list[Raw]) -> None:
        current: Raw | None = None
        self.groups += 1
        for b in defs:
            if self._is_bracket_def(b):
                m = P.BRACKET_DEF.match(b.text)
                label = m.group(1)
                inlines = _strip_prefix(b.inlines, P.BRACKET_DEF)
                current = Raw("paragraph", b.start, b.end, b.source, inlines=inlines)
                self.defs.append((label, b.start, current))
                self.def_group[id(current)] = self.groups
                self.bracket_labels.add(label)
                self.log("note collected", b.start, b.end, f"[{label}] note from the list at the end")
            elif current is not None:
                last = current.children[-1] if current.children else current
                if _ends_open(last.text) or _starts_lower(b.text):
                    last.inlines = last.inlines + [Text(" ")] + b.inlines
                    last.end = current.end = b.end
                    self.log("note line joined", b.start, b.end, "a wrapped line of the note before")
                else:
                    current.children.append(Raw("paragraph", b.start, b.end, b.source, inlines=b.inlines))
                    current.end = b.end
                    self.log("note paragraph joined", b.start, b.end, "a further paragraph of the note before")

    def _is_bio(self, b: Raw) -> bool:
        if b.type != "paragraph":
            return False
        text = _bio_text(b.text)
        m = P.BIO_START.match(text) or (P.BIO_START_AUTHOR.match(text) if self.meta.authors else None)
        if not m or _words(b.text) > 150:
            return False
        # life dates after the name ("Jane Doe (1850–1910) was a …") are a sign in themselves
        signs = bool(P.BIO_SIGNS.search(b.text)) or "(" in text[len(m.group(1)):m.end()]
        if self.meta.authors:
            surnames = {_norm(a).split()[-1] for a in self.meta.authors if _norm(a)}
            return any(s in _norm(m.group(1)).split() for s in surnames) and signs
        return signs

    # ------------------------------------------------------------ page-bottom notes
    def _is_sup_def(self, b: Raw) -> bool:
        return b.type == "paragraph" and bool(b.inlines) and isinstance(b.inlines[0], NoteRef)

    def page_notes(self, blocks: list[Raw]) -> list[Raw]:
        out: list[Raw] = []
        i = 0
        while i < len(blocks):
            b = blocks[i]
            starts_block = (b.type == "hr" and i + 1 < len(blocks) and self._is_sup_def(blocks[i + 1])) \
                or self._is_sup_def(b)
            # a long note running on from the previous page's foot: rule, its tail, more notes
            runs_on = (b.type == "hr" and self.defs and i + 2 < len(blocks)
                       and blocks[i + 1].type == "paragraph" and not self._is_sup_def(blocks[i + 1])
                       and self._is_sup_def(blocks[i + 2]))
            if not (starts_block or runs_on):
                out.append(b)
                i += 1
                continue
            if self._is_sup_def(b) and out and out[-1].type in ("heading", "paragraph") \
                    and P.NOTES_HEADING.match(out[-1].text):
                self.drop(out.pop(), "boilerplate dropped", "heading of the notes list")
                if out and out[-1].type == "hr":
                    self.drop(out.pop(), "boilerplate dropped", "the rule before the notes list")
            j = i + 1 if b.type == "hr" else i
            self.groups += 1
            if runs_on:
                tail = blocks[j]
                last = self.defs[-1][2]
                last = last.children[-1] if last.children else last
                last.inlines = last.inlines + [Text(" ")] + tail.inlines
                self.log("note line joined", tail.start, tail.end,
                         "the end of a note carried over to the next page's foot")
                j += 1
            while j < len(blocks) and self._is_sup_def(blocks[j]):
                d = blocks[j]
                label = d.inlines[0].label
                raw = Raw("paragraph", d.start, d.end, d.source, inlines=strip_inlines(d.inlines[1:]))
                self.defs.append((label, d.start, raw))
                self.def_group[id(raw)] = self.groups
                j += 1
            self.log("page-bottom notes moved", b.start, blocks[j - 1].end,
                     f"{j - (i + 1 if b.type == 'hr' else i)} note(s) printed at a page foot become endnotes",
                     b.source if b.type == "hr" else "")
            prev = out[-1] if out else None
            j = self._note_paragraphs(blocks, j, prev)
            nxt = blocks[j] if j < len(blocks) else None
            if (prev is not None and nxt is not None and prev.type == nxt.type == "paragraph"
                    and not P.NOTES_HEADING.match(nxt.text)
                    and (_ends_open(prev.text) or _starts_lower(nxt.text))):
                self._join(prev, nxt, "the page-bottom notes cut this paragraph in two")
                j += 1
            elif self._join_quotes(prev, nxt, "the page-bottom notes cut this quotation in two",
                                   either=True):
                j += 1
            i = j
        return out

    def _join_quotes(self, a: Raw | None, b: Raw | None, why: str, either: bool) -> bool:
        """Two block quotes that are one quotation cut by a page break: the
        first ends mid-sentence and (or, after page-foot notes, or) the second
        resumes in lower case. The two cut paragraphs are joined; the
        quotation's other paragraphs follow."""
        if (a is None or b is None or a.type != "blockquote" or b.type != "blockquote"
                or not a.children or not b.children
                or a.children[-1].type != "paragraph" or b.children[0].type != "paragraph"):
            return False
        last, first = a.children[-1], b.children[0]
        cut = (_ends_open(last.text) or _starts_lower(first.text)) if either else (
            _ends_open(last.text) and _starts_lower(first.text))
        if not cut:
            return False
        self._join(last, first, why)
        a.children.extend(b.children[1:])
        a.end = b.end
        a.source = a.source + "\n" + b.source
        return True

    def _note_paragraphs(self, blocks: list[Raw], j: int, prev: Raw | None) -> int:
        """Further paragraphs of the last page-foot note, between the notes and
        the text's return. Two signs, either enough: the text was cut
        mid-sentence and resumes (in lower case) only after them; or the
        paragraph ends with a note's "(translator)"/"(ed.)" marker."""
        def candidate(c: Raw) -> bool:
            return (c.type == "paragraph" and not self._is_sup_def(c) and not _starts_lower(c.text)
                    and (not _ends_open(c.text) or bool(P.NOTE_KIND.search(c.text))))
        take = 0
        if prev is not None and prev.type == "paragraph" and _ends_open(prev.text):
            for m in range(j, min(j + 3, len(blocks))):
                c = blocks[m]
                if c.type == "paragraph" and _starts_lower(c.text) and not self._is_sup_def(c):
                    take = m - j
                    break
                if not candidate(c):
                    break
        if not take:
            for m in range(j, min(j + 2, len(blocks))):
                c = blocks[m]
                if not candidate(c):
                    break
                if P.NOTE_KIND.search(c.text):
                    take = m - j + 1
                    break
        if not take:
            return j
        note = self.defs[-1][2]
        for c in blocks[j:j + take]:
            note.children.append(Raw("paragraph", c.start, c.end, c.source, inlines=c.inlines))
            self.log("note paragraph joined", c.start, c.end,
                     "a further paragraph of the page-foot note before (not the text)")
        return j + take

    def _join(self, a: Raw, b: Raw, why: str) -> None:
        """Join two halves of a paragraph. A word cut at the break after a
        hyphen ("co-" / "operation", "revolu-" / "tionary") is closed up but keeps
        its hyphen, as at a line end: without a dictionary a compound cannot be
        told from a word split for the page, and the words must come out as written."""
        sep = "" if a.text.endswith("-") and a.text[-2:-1].isalpha() else " "
        left = list(a.inlines)
        if left and isinstance(left[-1], Text):
            left[-1] = Text(left[-1].text.rstrip() + sep)
        else:
            left.append(Text(sep))
        a.inlines = strip_inlines(left + b.inlines)
        self.log("paragraph joined", a.start, b.end, f"lines {a.start}-{a.end} and {b.start}-{b.end}: {why}")
        a.end = b.end
        a.source = a.source + "\n" + b.source

    # ------------------------------------------------------------ page splits
    @staticmethod
    def _cut_after_word(a: Raw, b: Raw) -> bool:
        """A paragraph that stops on a word no sentence ends with ("the", "of",
        "to") was cut by a page break when the next one begins with what cannot
        open a paragraph's sentence there but can go on one: a number, a
        quotation mark or an italic word ("… the whole of" / "1 December …",
        "… let the" / "“Atlantic” …", "… insisted on" / "*Clarion* verse …").
        A plain capitalised word after it stays ambiguous (a lost line, a
        heading) and is left to `kroppress check`."""
        m = re.search(r"(?:^|\s)([a-z]+)$", a.text)
        if not (m and m.group(1) in P.OPEN_WORDS and _words(a.text) >= 4 and b.type == "paragraph"
                and b.inlines and not P.NOTES_HEADING.match(b.text) and not P.LIST_ITEM.match(b.text)):
            return False
        first = b.inlines[0]
        return (isinstance(first, (Emphasis, Strong)) and _words(inline_text(first.children, False)) <= 6
                or b.text[:1].isdigit() or b.text[:1] in "“\"‘'«„")

    def page_splits(self, blocks: list[Raw]) -> list[Raw]:
        out: list[Raw] = []
        for b in blocks:
            prev = out[-1] if out else None
            if (prev is not None and prev.type == b.type == "paragraph" and not prev.role and not b.role
                    and _ends_open(prev.text) and (_starts_lower(b.text) or self._cut_after_word(prev, b))):
                self._join(prev, b, "a page break split this paragraph")
                continue
            if self._join_quotes(prev, b, "a page break split this quotation", either=False):
                continue
            out.append(b)
        return out

    # ------------------------------------------------------------ letters
    def _salutation_line(self, b: Raw) -> int | None:
        """Index of the line of `b` that greets the reader ("Dear Comrade,"),
        when every line before it is short (address lines)."""
        if b.type != "paragraph":
            return None
        lines = _line_texts(b)
        for k, line in enumerate(lines):
            if _words(line) <= 8 and P.SALUTATION.match(line):
                return k
            if _words(line) > 10:
                return None
        return None

    def _find_salutation(self, blocks: list[Raw]) -> int | None:
        for i, b in enumerate(blocks):
            if b.type != "paragraph":
                return None
            if self._salutation_line(b) is not None:
                return i
        return None

    def _split_after_line(self, blocks: list[Raw], i: int, k: int) -> None:
        """Cut blocks[i] after its line k (the salutation, when the letter's
        first paragraph follows it without a blank line)."""
        b = blocks[i]
        lines = _all_lines(b)
        src = b.source.split("\n")

        def part(ls: list[list[Inline]], a: int, z: int) -> Raw:
            inl: list[Inline] = []
            for n, line in enumerate(ls):
                if n:
                    inl.append(Text("\n"))
                inl.extend(line)
            return Raw("paragraph", b.start + a, b.start + z, "\n".join(src[a:z + 1]), inlines=_merge_text(inl))
        head = part(lines[:k + 1], 0, k)
        rest = part(lines[k + 1:], k + 1, max(k + 1, len(src) - 1))
        blocks[i:i + 1] = [head, rest]
        self.log("paragraph split", b.start, b.end, "the salutation and the first paragraph of the letter")

    def letter(self, blocks: list[Raw]) -> None:
        start = 1 if blocks and blocks[0].role == "dateline" else 0
        s = self._find_salutation(blocks[start:start + 4])
        if s is None:
            self._closing(blocks, strict=True)
            return
        s += start
        k = self._salutation_line(blocks[s])
        if k is not None and k < len(_all_lines(blocks[s])) - 1:
            self._split_after_line(blocks, s, k)
        blocks[s].role = "salutation"
        for b in blocks[start:s]:
            lines = _line_texts(b)
            if b.type == "paragraph" and lines and all(_words(x) <= 10 for x in lines):
                b.role = b.role or ("dateline" if self._dateline_like(b) else "address")
        self._closing(blocks, strict=False)

    def _dateline_like(self, b: Raw) -> bool:
        """"Nouméa, 10 December 1875", or a place on one line and the date on the next."""
        lines = _line_texts(b)
        return (b.type == "paragraph" and 1 <= len(lines) <= 2 and _words(" ".join(lines)) <= 12
                and bool(P.ENDS_WITH_DATE.search(lines[-1])) and not P.FIRST_PUBLISHED_HEAD.match(lines[0]))

    def _closing(self, blocks: list[Raw], strict: bool) -> None:
        """Closing and signature at the end, perhaps followed by a postscript
        or by the place and date the letter was written."""
        end = len(blocks)
        tail: list[tuple[Raw, str]] = []
        while end > 2 and len(tail) < 2:
            b = blocks[end - 1]
            if b.type == "paragraph" and P.POSTSCRIPT.match(b.text):
                tail.append((b, "postscript"))
            elif b.type == "paragraph" and not b.role and self._dateline_like(b):
                tail.append((b, "dateline"))
            else:
                break
            end -= 1
        if self._closing_at(blocks[:end], strict):
            for b, role in tail:
                b.role = role
                self.log("letter part", b.start, b.end, "a postscript after the signature"
                         if role == "postscript" else "place and date after the signature")
        elif tail:
            self._closing_at(blocks, strict)

    def _closing_at(self, blocks: list[Raw], strict: bool) -> bool:
        if len(blocks) < 2:
            return False
        last, before = blocks[-1], blocks[-2]
        if last.type != "paragraph" or last.role:
            return False
        lines = _line_texts(last)
        if len(lines) == 2 and self._closing_like(lines[0], strict) and self._signature_like(lines[1]):
            last.role = "closing+signature"
            return True
        if len(lines) == 1 and self._split_closing_and_name(last, strict):
            last.role = "closing+signature"       # "Your affectionate friend, Mary Stone"
            return True
        if not self._signature_like(last.text):
            return False
        if (before.type == "paragraph" and not before.role and len(_line_texts(before)) == 1
                and self._closing_like(before.text, strict)):
            before.role = "closing"
            last.role = "signature"
            return True
        if strict and any(_norm(last.text) == _norm(a) for a in self.meta.authors):
            last.role = "signature"               # an essay signed with its author's name
            self.log("letter part", last.start, last.end, "the author's name signs the text")
            return True
        if not strict:
            last.role = "signature"
            return True
        return False

    def _split_closing_and_name(self, b: Raw, strict: bool) -> bool:
        """A closing and the signature on one line, after a comma: the line is
        cut there (when it is plain text) so that each keeps its own line."""
        if len(b.inlines) != 1 or not isinstance(b.inlines[0], Text):
            return False
        text = b.inlines[0].text.strip()
        m = re.match(r"^(.*[,!])\s+([^,!]+?)$", text)
        if not m or not self._closing_like(m.group(1), strict) or not self._signature_like(m.group(2)):
            return False
        b.inlines = [Text(m.group(1) + "\n" + m.group(2))]
        self.log("letter part", b.start, b.end, "the closing and the signature on one line")
        return True

    @staticmethod
    def _closing_like(t: str, strict: bool) -> bool:
        t = t.strip()
        if _words(t) > 8:
            return False
        has_words = bool(P.CLOSING_WORDS.search(t))
        return has_words and (t.endswith((",", "!", ".")) or not strict) if strict else (
            has_words or t.endswith(","))

    def _signature_like(self, t: str) -> bool:
        t = t.strip()
        return 1 <= _words(t) <= 5 and (self._is_name(t) or bool(re.match(r"^(?:[A-Z]\.\s*)+[A-Z]?\w*\.?$", t)))

    def opening_dateline(self, blocks: list[Raw]) -> None:
        """"Dmitrov, Russia, April 28, 1919" at the head of the body."""
        for b in blocks[:2]:
            if b.role:
                return
            t = b.text
            if (b.type == "paragraph" and len(b.lines) == 1 and _words(t) <= 12 and "," in t
                    and P.ENDS_WITH_DATE.search(t) and not P.FIRST_PUBLISHED_HEAD.match(t)):
                b.role = "dateline"
                if not self.meta.date:
                    m = P.ENDS_WITH_DATE.search(t)
                    self.meta.date = m.group(0).rstrip(".")
                return

    # ------------------------------------------------------------ to the model
    def _list_lines(self, b: Raw) -> list[list[Inline]] | None:
        """The lines of a paragraph whose lines are list items ("1. …",
        "- …"), perhaps after an opening line ending in a colon: each
        becomes a paragraph of its own, not one run-on paragraph."""
        lines = [strip_inlines(x) for x in _soft_lines(b.inlines)]
        texts = [inline_text(x, False).strip() for x in lines]
        items = texts[1:] if texts and texts[0].endswith(":") else texts
        if len(items) < 2 or not all(P.LIST_ITEM.match(t) for t in items):
            return None
        self.log("list lines kept", b.start, b.end, f"{len(items)} list items, a paragraph each")
        return [line for line, t in zip(lines, texts) if t]

    def to_model(self, b: Raw) -> list[Block]:
        # letter parts keep their lines, whether the export broke them hard or soft
        lines = _all_lines(b) if b.role in ("address", "salutation", "closing+signature") else []
        items = self._list_lines(b) if b.type == "paragraph" and not b.role else None
        if items:
            return [Paragraph(flatten_soft_breaks(line)) for line in items]
        flatten_soft_breaks(b.inlines)
        if b.type == "hr":
            return [SceneBreak()]
        if b.type == "blockquote":
            return [BlockQuote([x for c in b.children for x in self.to_model(c)])]
        if b.type == "heading":
            return [Heading(2 if b.level <= 2 else 3, b.inlines)]
        if P.SCENE_BREAK.match(b.text) and not any(isinstance(n, NoteRef) for n in b.inlines):
            return [SceneBreak()]
        role = b.role
        if role == "dateline":
            if not self.meta.date:
                m = P.ENDS_WITH_DATE.search(b.text)
                self.meta.date = (m.group(0) if m else b.text).rstrip(".")
            return [Dateline(b.inlines)]
        if role == "address":
            return [Address(lines)]
        if role == "salutation":
            out: list[Block] = []
            if len(lines) > 1:
                out.append(Address(lines[:-1]))
            out.append(Salutation(lines[-1]))
            return out
        if role == "closing":
            return [Closing(b.inlines)]
        if role == "signature":
            return [Signature(b.inlines)]
        if role == "closing+signature":
            return [Closing(lines[0]), Signature(lines[1])]
        if role == "postscript":
            return [Postscript(b.inlines)]
        return [Paragraph(b.inlines)]

    # ------------------------------------------------------------ notes
    def resolve_notes(self, body: list[Block]) -> list[Note]:
        notes: list[Note] = []
        by_label: dict[str, list[tuple[int, Note]]] = {}
        groups: dict[str, list[int]] = {}
        for label, line, raw in self.defs:
            kind, paras = self._note_kind(raw)
            unique = label
            group = self.def_group.get(id(raw), 0)
            if label in by_label:
                unique = f"{label}-{len(by_label[label]) + 1}"
                first = by_label[label][0][0]
                # notes numbered afresh on each page are the convention, not a slip
                if group in groups[label]:
                    self.warn(line, f"note number {label} used twice (lines {first} and {line}); "
                                    f"the second is kept as note {unique}")
            note = Note(unique, [Paragraph(flatten_soft_breaks(p)) for p in paras], kind)
            by_label.setdefault(label, []).append((line, note))
            groups.setdefault(label, []).append(group)
            notes.append(note)
        if self.bracket_labels:
            for block in body:
                _bracket_calls(block, self.bracket_labels, self)
            # `[n]` left in the text while a list defines others: a call whose note is
            # missing (it stays text, as written)
            for block in body:
                for m in P.BRACKET_CALL.finditer(block_text(block, note_calls=False)):
                    self.warn(self._line_of(m.group(0)), f"[{m.group(1)}] looks like a note call but the notes list has no "
                                 f"[{m.group(1)}]; it is kept as text")
        used: set[int] = set()
        for ref, _ in _calls(body):
            line = int(ref.ref_id.split(":")[1]) if ref.ref_id.startswith("line:") else 0
            cands = by_label.get(ref.label, [])
            after = [n for ln, n in cands if ln > line]
            target = after[0] if after else (cands[-1][1] if cands else None)
            ref.ref_id = ""
            if target is None:
                self.warn(line, f"note call {ref.label} has no note; add the note or remove the call")
                continue
            ref.label = target.label
            used.add(id(target))
        for label, line, _ in self.defs:
            pass
        for (label, line, _), note in zip(self.defs, notes):
            if id(note) not in used:
                self.warn(line, f"note {note.label} is not referenced in the text")
        return notes

    def _line_of(self, needle: str) -> int:
        """The first source line holding `needle` (1-based; 0 when none does)."""
        return next((k + 1 for k, line in enumerate(self.text.split("\n")) if needle in line), 0)

    def _note_kind(self, raw: Raw) -> tuple[str, list[list[Inline]]]:
        """The note's paragraphs, and who wrote it (a marker at the end of its last paragraph)."""
        paras = [list(raw.inlines)] + [list(c.inlines) for c in raw.children]
        inlines = paras[-1]
        if inlines and isinstance(inlines[-1], Text):
            m = P.NOTE_KIND.search(inlines[-1].text)
            if m:
                kind = "translator" if (m.group(1) or m.group(4)) else "editor" if (m.group(2) or m.group(5)) \
                    else "author"
                inlines[-1] = Text(inlines[-1].text[:m.start()].rstrip())
                self.log("note kind", raw.start, raw.end, f"marker {m.group(0).strip()!r}: {kind}'s note",
                         m.group(0))
                paras[-1] = strip_inlines(inlines)
                return kind, paras
        first = paras[0]
        if first and isinstance(first[0], Text):
            m = P.NOTE_KIND_PREFIX.match(first[0].text)
            if m and first[0].text[m.end():].strip() or (m and len(first) > 1):
                kind = "translator" if m.group(1) else "editor" if m.group(2) else "author"
                paras[0] = strip_inlines([Text(first[0].text[m.end():])] + first[1:])
                self.log("note kind", raw.start, raw.end, f"marker {m.group(0).strip()!r}: {kind}'s note",
                         m.group(0))
                return kind, paras
        return "author", paras


def _soft_lines(inlines: list[Inline]) -> list[list[Inline]]:
    """Split top-level inlines at soft line breaks (newlines inside Text)."""
    lines: list[list[Inline]] = [[]]
    for n in inlines:
        if isinstance(n, Text) and "\n" in n.text:
            parts = n.text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    lines.append([])
                if part:
                    lines[-1].append(Text(part))
        else:
            lines[-1].append(n)
    return lines


def _merge_text(nodes: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for n in nodes:
        if isinstance(n, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + n.text)
        else:
            out.append(n)
    return out


def flatten_soft_breaks(nodes: list[Inline]) -> list[Inline]:
    """Soft line breaks are spaces in the model."""
    for i, n in enumerate(nodes):
        if isinstance(n, Text) and "\n" in n.text:
            # a word hyphenated at a line end keeps its hyphen but loses the space
            text = re.sub(r"(?<=[^\W\d_]-)[ \t]*\n[ \t]*(?=[^\W\d_])", "", n.text)
            nodes[i] = Text(re.sub(r"[ \t]*\n[ \t]*", " ", text))
        elif hasattr(n, "children"):
            flatten_soft_breaks(n.children)
    return nodes


def _hrefs(node) -> list[str]:
    if isinstance(node, Link):
        return [node.href] if node.href else []
    return [h for c in getattr(node, "children", []) for h in _hrefs(c)]


def _strip_prefix(inlines: list[Inline], pattern: re.Pattern) -> list[Inline]:
    inlines = list(inlines)
    if inlines and isinstance(inlines[0], Text):
        inlines[0] = Text(pattern.sub("", inlines[0].text, count=1))
    return strip_inlines(inlines)


def _calls(blocks) -> list[tuple[NoteRef, Block]]:
    out = []

    def walk(nodes, block):
        for n in nodes:
            if isinstance(n, NoteRef):
                out.append((n, block))
            elif hasattr(n, "children"):
                walk(n.children, block)

    for b in blocks:
        if isinstance(b, BlockQuote):
            out.extend(_calls(b.blocks))
        elif isinstance(b, Address):
            for line in b.lines:
                walk(line, b)
        elif hasattr(b, "inlines"):
            walk(b.inlines, b)
    return out


def _bracket_calls(block: Block, labels: set[str], rep: Repairer) -> None:
    """`[n]` in the body becomes a note call when the list defines n."""
    def convert(nodes: list[Inline]) -> list[Inline]:
        out: list[Inline] = []
        for n in nodes:
            if isinstance(n, Text):
                pos = 0
                for m in P.BRACKET_CALL.finditer(n.text):
                    if m.group(1) not in labels:
                        continue
                    if m.start() > pos:
                        out.append(Text(n.text[pos:m.start()]))
                    out.append(NoteRef(m.group(1), ref_id="line:0"))
                    pos = m.end()
                if pos < len(n.text):
                    out.append(Text(n.text[pos:]))
            else:
                if hasattr(n, "children") and not isinstance(n, Link):
                    n.children = convert(n.children)
                out.append(n)
        return out

    if isinstance(block, BlockQuote):
        for b in block.blocks:
            _bracket_calls(b, labels, rep)
    elif isinstance(block, Address):
        block.lines = [convert(line) for line in block.lines]
    elif hasattr(block, "inlines"):
        block.inlines = convert(block.inlines)

"""Repairs on top of markdown-it's blocks. Each rule is general and each
change goes into the report with its source lines."""
from __future__ import annotations

import re
import unicodedata

from ..model import (Address, Block, BlockQuote, Closing, Dateline, Document, Heading, Inline,
                     LineBreak, Link, Metadata, Note, NoteRef, Paragraph, Repair, Salutation,
                     SceneBreak, Signature, Strong, Text, Emphasis)
from ..plain import inline_text
from . import patterns as P
from .blocks import Raw, parse_blocks, strip_inlines
from .inlines import InlineBuilder

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
        self.bracket_labels: set[str] = set()
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

    # ------------------------------------------------------------ one note per line
    def split_def_lines(self, blocks: list[Raw]) -> list[Raw]:
        """`[2] …` / `<sup>2</sup> …` lines inside one paragraph are separate notes."""
        out: list[Raw] = []
        for b in blocks:
            if b.type != "paragraph":
                out.append(b)
                continue
            groups: list[list[Inline]] = [[]]
            starts = [0]
            for k, line in enumerate(_soft_lines(b.inlines)):
                first = line[0] if line else None
                starts_def = isinstance(first, NoteRef) or (
                    isinstance(first, Text) and P.BRACKET_DEF.match(first.text))
                if starts_def and groups[-1]:
                    groups.append([])
                    starts.append(k)
                elif groups[-1]:
                    groups[-1].append(Text("\n"))
                groups[-1].extend(line)
            if len(groups) == 1:
                out.append(b)
                continue
            src = b.source.split("\n")
            starts.append(len(src))
            for n, g in enumerate(groups):
                a, z = starts[n], starts[n + 1]
                out.append(Raw("paragraph", b.start + a, b.start + z - 1, "\n".join(src[a:z]),
                               inlines=_merge_text(g)))
        return out

    # ------------------------------------------------------------ title block
    def _is_title_line(self, b: Raw) -> bool:
        t = b.text
        return (b.type in ("paragraph", "heading") and bool(t) and len(b.lines) == 1
                and _words(t) <= 30 and not t.endswith(".") and not P.SCENE_BREAK.match(t)
                and not P.CONTENTS.match(t))

    def _is_name(self, t: str) -> bool:
        return bool(P.NAME.match(t)) and not P.DATE_ONLY.match(t) and 1 <= _words(t) <= 6 \
            and not P.SALUTATION.match(t)

    def header(self, blocks: list[Raw]) -> list[Raw]:
        if len(blocks) < 2:
            return blocks
        b0, b1 = blocks[0], blocks[1]
        moved: list[Raw] = []
        if b0.type == "heading" and b0.level == 1:
            self._set_title(b0.text)
            moved.append(b0)
        elif (b0.type == "heading" and self._is_name(b0.text) and b1.type == "paragraph"
              and self._is_title_line(b1)):
            self.meta.authors = self._split_names(b0.text)
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
            elif not self.meta.authors and self._is_name(t) and _norm(t) != _norm(self.meta.title):
                self.meta.authors = self._split_names(P.NAME.match(t).group(1))
                moved.append(b)
            elif translated and not self.meta.translator:
                self.meta.translator = translated.group(1).strip()
                moved.append(b)
            elif b.type == "heading":
                break
            elif not self.meta.date and P.DATE_ONLY.match(t):
                self.meta.date = t.rstrip(".")
                date_block = b
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
                        blocks[j].type == "paragraph" and blocks[j].lines and all(
                            P.TOC_LINE.match(inline_text(line, False).strip()) for line in blocks[j].lines))):
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
        return _words(rest) <= 8

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
        lines = [inline_text(line, False).strip() for line in b.lines]
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
        lines = [inline_text(line, False).strip() for line in b.lines]
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
        lines = [inline_text(line, False).strip() for line in b.lines]
        for node in b.inlines:
            for href in _hrefs(node):
                self.meta.source_url = self.meta.source_url or href
        if not self.meta.rights:
            m = P.RIGHTS.search(t)
            if m:
                self.meta.rights = m.group(1).strip().rstrip(".")
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(lines)):
            if P.FIRST_PUBLISHED.match(sentence) and not self.meta.first_published:
                fp = re.sub(r"^(?:first|originally)\s+(?:published|printed|appeared)\s*:?\s*", "",
                            sentence, flags=re.I).strip()
                self.meta.first_published = (fp[:1].upper() + fp[1:]).rstrip(".")
            elif P.RETRIEVED.search(sentence):
                self.meta.retrieved = self.meta.retrieved or sentence.strip()
                url = P.URL.search(sentence)
                if url:
                    u = url.group(0).rstrip(".,;")
                    self.meta.source_url = u if u.lower().startswith("http") else "http://" + u
        if (b.inlines and isinstance(b.inlines[0], Emphasis) and P.HAS_DATE.search(t)
                and not self.meta.first_published):
            self.meta.first_published = t
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
            name = P.RIGHTS.sub("", t).strip(" ,;-")
            if name and _words(name) <= 5:
                self.meta.source_site = " ".join(name.split())

    # ------------------------------------------------------------ notes list and biography
    def _is_bracket_def(self, b: Raw) -> bool:
        return b.type == "paragraph" and bool(P.BRACKET_DEF.match(b.text))

    def end_matter(self, blocks: list[Raw]) -> list[Raw]:
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
            if blocks and self._is_bio(blocks[-1]):
                b = blocks.pop()
                name = P.BIO_START.match(b.text).group(1)
                if not self.meta.authors:
                    self.meta.authors = [name]
                self.meta.biography = [Paragraph(flatten_soft_breaks(b.inlines))]
                self.drop(b, "moved to metadata", f"author biography of {name}")
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
                      and _ends_open(blocks[j - 1].text) and not P.BRACKET_DEF.match(b.text)
                      and any(self._is_bracket_def(x) for x in blocks[max(0, j - 3):j])):
                break
            j -= 1
        return k

    def _take_bracket_defs(self, defs: list[Raw]) -> None:
        current: Raw | None = None
        for b in defs:
            if self._is_bracket_def(b):
                m = P.BRACKET_DEF.match(b.text)
                label = m.group(1)
                inlines = _strip_prefix(b.inlines, P.BRACKET_DEF)
                current = Raw("paragraph", b.start, b.end, b.source, inlines=inlines)
                self.defs.append((label, b.start, current))
                self.bracket_labels.add(label)
                self.log("note collected", b.start, b.end, f"[{label}] note from the list at the end")
            elif current is not None:
                current.inlines = current.inlines + [Text(" ")] + b.inlines
                current.end = b.end
                self.log("note line joined", b.start, b.end, "a wrapped line of the note before")

    def _is_bio(self, b: Raw) -> bool:
        if b.type != "paragraph":
            return False
        m = P.BIO_START.match(b.text)
        if not m or _words(b.text) > 150:
            return False
        if self.meta.authors:
            surnames = {_norm(a).split()[-1] for a in self.meta.authors if _norm(a)}
            return any(s in _norm(m.group(1)).split() for s in surnames) and bool(P.BIO_SIGNS.search(b.text))
        return bool(P.BIO_SIGNS.search(b.text))

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
            j = i + 1 if b.type == "hr" else i
            if runs_on:
                tail = blocks[j]
                last = self.defs[-1][2]
                last.inlines = last.inlines + [Text(" ")] + tail.inlines
                self.log("note line joined", tail.start, tail.end,
                         "the end of a note carried over to the next page's foot")
                j += 1
            while j < len(blocks) and self._is_sup_def(blocks[j]):
                d = blocks[j]
                label = d.inlines[0].label
                self.defs.append((label, d.start, Raw("paragraph", d.start, d.end, d.source,
                                                      inlines=strip_inlines(d.inlines[1:]))))
                j += 1
            self.log("page-bottom notes moved", b.start, blocks[j - 1].end,
                     f"{j - (i + 1 if b.type == 'hr' else i)} note(s) printed at a page foot become endnotes",
                     b.source if b.type == "hr" else "")
            nxt = blocks[j] if j < len(blocks) else None
            prev = out[-1] if out else None
            if (prev is not None and nxt is not None and prev.type == nxt.type == "paragraph"
                    and (_ends_open(prev.text) or _starts_lower(nxt.text))):
                self._join(prev, nxt, "the page-bottom notes cut this paragraph in two")
                j += 1
            i = j
        return out

    def _join(self, a: Raw, b: Raw, why: str) -> None:
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
    def page_splits(self, blocks: list[Raw]) -> list[Raw]:
        out: list[Raw] = []
        for b in blocks:
            prev = out[-1] if out else None
            if (prev is not None and prev.type == b.type == "paragraph" and not prev.role and not b.role
                    and _ends_open(prev.text) and _starts_lower(b.text)):
                self._join(prev, b, "a page break split this paragraph")
                continue
            out.append(b)
        return out

    # ------------------------------------------------------------ letters
    def _find_salutation(self, blocks: list[Raw]) -> int | None:
        for i, b in enumerate(blocks):
            if b.type != "paragraph":
                return None
            lines = b.lines
            if lines and _words(inline_text(lines[-1], False)) <= 8 and P.SALUTATION.match(
                    inline_text(lines[-1], False).strip()):
                return i
        return None

    def letter(self, blocks: list[Raw]) -> None:
        start = 1 if blocks and blocks[0].role == "dateline" else 0
        s = self._find_salutation(blocks[start:start + 4])
        if s is None:
            self._closing(blocks, strict=True)
            return
        s += start
        blocks[s].role = "salutation"
        for b in blocks[start:s]:
            if b.type == "paragraph" and all(_words(inline_text(x, False)) <= 10 for x in b.lines):
                b.role = "dateline" if (len(b.lines) == 1 and P.ENDS_WITH_DATE.search(b.text)
                                        and not b.role) else (b.role or "address")
        self._closing(blocks, strict=False)

    def _closing(self, blocks: list[Raw], strict: bool) -> None:
        if len(blocks) < 2:
            return
        last, before = blocks[-1], blocks[-2]
        if last.type != "paragraph":
            return
        lines = last.lines
        if len(lines) == 2 and self._closing_like(inline_text(lines[0], False), strict) \
                and self._signature_like(inline_text(lines[1], False)):
            last.role = "closing+signature"
            return
        if not self._signature_like(last.text):
            return
        if before.type == "paragraph" and len(before.lines) == 1 and self._closing_like(before.text, strict):
            before.role = "closing"
            last.role = "signature"
        elif not strict:
            last.role = "signature"

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
                    and P.ENDS_WITH_DATE.search(t)):
                b.role = "dateline"
                if not self.meta.date:
                    m = P.ENDS_WITH_DATE.search(t)
                    self.meta.date = m.group(0).rstrip(".")
                return

    # ------------------------------------------------------------ to the model
    def to_model(self, b: Raw) -> list[Block]:
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
            return [Address(b.lines)]
        if role == "salutation":
            lines = b.lines
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
            lines = b.lines
            return [Closing(lines[0]), Signature(lines[1])]
        return [Paragraph(b.inlines)]

    # ------------------------------------------------------------ notes
    def resolve_notes(self, body: list[Block]) -> list[Note]:
        notes: list[Note] = []
        by_label: dict[str, list[tuple[int, Note]]] = {}
        for label, line, raw in self.defs:
            kind, inlines = self._note_kind(raw)
            unique = label
            if label in by_label:
                unique = f"{label}-{len(by_label[label]) + 1}"
                first = by_label[label][0][0]
                self.warn(line, f"note number {label} used twice (lines {first} and {line}); "
                                f"the second is kept as note {unique}")
            note = Note(unique, [Paragraph(flatten_soft_breaks(inlines))], kind)
            by_label.setdefault(label, []).append((line, note))
            notes.append(note)
        if self.bracket_labels:
            for block in body:
                _bracket_calls(block, self.bracket_labels, self)
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

    def _note_kind(self, raw: Raw) -> tuple[str, list[Inline]]:
        inlines = list(raw.inlines)
        if inlines and isinstance(inlines[-1], Text):
            m = P.NOTE_KIND.search(inlines[-1].text)
            if m:
                kind = "translator" if (m.group(1) or m.group(4)) else "editor" if (m.group(2) or m.group(5)) \
                    else "author"
                inlines[-1] = Text(inlines[-1].text[:m.start()].rstrip())
                self.log("note kind", raw.start, raw.end, f"marker {m.group(0).strip()!r}: {kind}'s note",
                         m.group(0))
                return kind, strip_inlines(inlines)
        return "author", inlines


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

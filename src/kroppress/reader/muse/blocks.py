"""Muse block markup (the body after the directives) to model blocks.

    *** A heading                  one to five stars, a space: its level
    A paragraph runs to            blank lines separate paragraphs
    the next blank line.
      Two to five spaces: quoted; six to nineteen: centred; twenty: right
    <quote> <center> <right> <biblio> <play> <verse> <example> <comment>
    {{{ … }}}                      an example (its lines kept, monospace)
    > a line of verse              verse by quoting
    ----                           a rule;  * * * * * (or * * *) a scene break
    ; a comment                    dropped and reported
    [1] A footnote, {1} a secondary note; its lines run on, and further
        paragraphs indented as its text is belong to it
     - a list item, 1. a. i. A. I. numbered items (nested by indentation)
     term :: description
     a | table || head ||| foot |+ caption +|

Every tag that opens a region must close it; one that never does is
reported and its content read as text, so no word is lost.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from ...model import Block, BlockQuote, Heading, LineBreak, Paragraph, Preformatted, SceneBreak, Text, Verse, VerseLine
from .inline import InlineReader, strip
from . import structures

_TAG_LINE = re.compile(r"^\s*<(/?)(verse|quote|biblio|center|right|example|comment|play|literal|src)(?:\s[^>]*)?>\s*$",
                       re.I)
_HEADING = re.compile(r"^(\*{1,5})\s+(\S.*)$")
_RULE = re.compile(r"^\s*-{4,}\s*$")
_STARS = re.compile(r"^\s*\*(?:[ \t]+\*){2,4}\s*$")
_COMMENT = re.compile(r"^;(?:\s|$)")
_DEF = re.compile(r"^(?:\[(\d{1,4})\]|\{(\d{1,4})\})(?:\s+|$)")
_VERSE_QUOTE = re.compile(r"^>(?: |$)")
_ANCHOR = re.compile(r"^#[A-Za-z][A-Za-z0-9]*\s*$")
_BR = re.compile(r"^\s*<br\s*/?>\s*$", re.I)

Line = tuple[int, str]          # (1-based source line, text)


@dataclass
class NoteText:
    label: str
    secondary: bool
    line: int
    end: int
    blocks: list[Block]


@dataclass
class BlockReader:
    inline: InlineReader
    log: object                                   # (action, start, end, detail, text) -> None
    notes: list[NoteText] = field(default_factory=list)
    top: bool = True                 # headings only at the top level, not in quotes, notes or lists
    spans: dict[int, tuple[int, int, str]] = field(default_factory=dict)   # id(paragraph) -> lines, source
    _indented: set[int] = field(default_factory=set)

    def nested(self) -> "BlockReader":
        return BlockReader(self.inline, self.log, self.notes, top=False)

    def parse(self, lines: list[Line]) -> list[Block]:
        out: list[Block] = []
        i = 0
        while i < len(lines):
            no, text = lines[i]
            if not text.strip() or _BR.match(text):
                i += 1
                continue
            i = self._block(lines, i, out)
        return out

    # one block starting at lines[i]; returns the index after it
    def _block(self, lines: list[Line], i: int, out: list[Block]) -> int:
        no, text = lines[i]
        self.inline.line = no
        tag = _TAG_LINE.match(text)
        if tag:
            return self._region(lines, i, tag, out)
        if text.strip() == "{{{":
            end = next((k for k in range(i + 1, len(lines)) if lines[k][1].strip() == "}}}"), None)
            if end is not None:
                out.append(Preformatted("\n".join(t for _, t in lines[i + 1:end])))
                return end + 1
            self.log("tag kept as text", no, no, "an example opened by {{{ is never closed by }}}", "")
            return i + 1
        if _RULE.match(text) or _STARS.match(text):       # before headings: "* * *" is no heading "* *"
            out.append(SceneBreak())
            return i + 1
        m = _HEADING.match(text) if self.top else None
        if m:
            out.append(Heading(len(m.group(1)), self._inlines([m.group(2)])))
            return i + 1
        if _COMMENT.match(text):
            end = i
            while end + 1 < len(lines) and _COMMENT.match(lines[end + 1][1]):
                end += 1
            self.log("comment dropped", no, lines[end][0], "a Muse comment (; …) is not published",
                     "\n".join(t for _, t in lines[i:end + 1]))
            return end + 1
        if _ANCHOR.match(text):
            self.log("anchor dropped", no, no, "a Muse anchor marks a place, it is not text", text)
            return i + 1
        m = _DEF.match(text)
        if m:
            return self._note(lines, i, m)
        if _VERSE_QUOTE.match(text):
            end = i
            while end + 1 < len(lines) and _VERSE_QUOTE.match(lines[end + 1][1]):
                end += 1
            out.append(self.verse([(n, t[2:] if t.startswith("> ") else t[1:]) for n, t in lines[i:end + 1]]))
            return end + 1
        indent = len(text) - len(text.lstrip(" "))
        if indent:
            found = structures.read(self, lines, i)
            if found:
                block, nxt = found
                out.append(block)
                return nxt
        end = self._para_end(lines, i)
        para = Paragraph(self._inlines([t for _, t in lines[i:end]]))
        self.spans[id(para)] = (no, lines[end - 1][0], "\n".join(t for _, t in lines[i:end]))
        if 2 <= indent < 6:
            if out and id(out[-1]) in self._indented:     # consecutive indented paragraphs: one quotation
                out[-1].blocks.append(para)
            else:
                out.append(BlockQuote([para]))
                self._indented.add(id(out[-1]))
        else:
            para.style = "center" if 6 <= indent < 20 else "right" if indent >= 20 else ""
            out.append(para)
        return end

    def _para_end(self, lines: list[Line], i: int) -> int:
        end = i + 1
        while end < len(lines) and not self._ends_paragraph(lines, end):
            end += 1
        return end

    def _ends_paragraph(self, lines: list[Line], k: int) -> bool:
        """A blank line ends a paragraph, and so does a line that opens a block
        of its own: a tag, a rule, a heading, a comment, a list item, a term."""
        t = lines[k][1]
        return (not t.strip() or bool(_TAG_LINE.match(t) or _BR.match(t) or _RULE.match(t) or _COMMENT.match(t)
                                      or _DEF.match(t) or _STARS.match(t))
                or (self.top and bool(_HEADING.match(t))) or structures.item_starts(lines, k))

    def _region(self, lines: list[Line], i: int, tag: re.Match, out: list[Block]) -> int:
        no = lines[i][0]
        name = tag.group(2).lower()
        if tag.group(1):                               # a closing tag nothing opened
            self.log("tag dropped", no, no, f"</{name}> closes nothing", "")
            return i + 1
        depth, end = 0, None
        for k in range(i + 1, len(lines)):
            t = _TAG_LINE.match(lines[k][1])
            if t and t.group(2).lower() == name:
                if not t.group(1):
                    depth += 1
                elif depth:
                    depth -= 1
                else:
                    end = k
                    break
        if end is None:
            self.log("tag dropped", no, no, f"<{name}> is never closed; what follows is read as text", "")
            return i + 1
        inner = lines[i + 1:end]
        last = lines[end][0]
        if name == "verse":
            out.append(self.verse(inner))
        elif name in ("example", "literal", "src"):
            out.append(Preformatted(textwrap.dedent("\n".join(t for _, t in inner)).strip("\n")))
        elif name == "comment":
            self.log("comment dropped", no, last, "a Muse <comment> is not published",
                     "\n".join(t for _, t in inner))
        elif name == "quote":
            blocks = self.nested().parse(_dedent_lines(inner))
            if blocks:
                out.append(BlockQuote(blocks))
        else:
            blocks = (self if self.top else self.nested()).parse(_dedent_lines(inner))
            for b in blocks:
                if isinstance(b, Paragraph):
                    b.style = name              # center, right, biblio, play
            out += blocks
        return end + 1

    def _note(self, lines: list[Line], i: int, m: re.Match) -> int:
        no, text = lines[i]
        col = len(m.group(0))
        body: list[Line] = [(no, text[col:])]
        k = i + 1
        while k < len(lines) and lines[k][1].strip() and not _DEF.match(lines[k][1]):
            body.append((lines[k][0], lines[k][1].strip()))
            k += 1
        # further paragraphs: indented at least as far as the note's text
        while True:
            j = k
            while j < len(lines) and not lines[j][1].strip():
                j += 1
            if j >= len(lines) or j == k:
                break
            ind = len(lines[j][1]) - len(lines[j][1].lstrip(" "))
            if ind < max(col, 2) or _DEF.match(lines[j][1]):
                break
            body.append((lines[k][0], ""))
            while j < len(lines) and lines[j][1].strip() and lines[j][1][0] == " ":
                own = len(lines[j][1]) - len(lines[j][1].lstrip(" "))
                body.append((lines[j][0], lines[j][1][min(own, col):]))
                j += 1
            k = j
        label = m.group(1) or m.group(2)
        # a note does not call itself: "[1] … as in [1]" is text there
        own = self.inline.secondary if m.group(2) else self.inline.primary
        had = label in own
        own.discard(label)
        blocks = self.nested().parse(body)
        if had:
            own.add(label)
        self.notes.append(NoteText(label, m.group(2) is not None, no, lines[k - 1][0], blocks))
        return k

    def verse(self, lines: list[Line]) -> Verse:
        stanzas: list[list[tuple[int, str]]] = [[]]
        for _, t in lines:
            if not t.strip():
                if stanzas[-1]:
                    stanzas.append([])
                continue
            stanzas[-1].append((len(t) - len(t.lstrip(" ")), t.strip()))
        stanzas = [s for s in stanzas if s]
        low = min((ind for s in stanzas for ind, _ in s), default=0)
        return Verse([[VerseLine(self._inlines([t]), min(4, (ind - low) // 2)) for ind, t in s]
                      for s in stanzas])

    def _inlines(self, texts: list[str]):
        # spaces run together as a browser runs them (Muse is published as HTML)
        nodes = self.inline.read(re.sub(r" {2,}", " ", " ".join(t.strip() for t in texts)))
        return strip(_tidy_breaks(nodes))


_OPEN_WITH_TEXT = re.compile(r"^(\s*)<(verse|quote|biblio|center|right|example|comment|play)>(.+)$", re.I)
# searched for at the line's end only: a pattern that spans the line from its
# start backtracks over every character of a long paragraph line
_CLOSE_AT_END = re.compile(r"</(verse|quote|biblio|center|right|example|comment|play)>\s*$", re.I)


def split_tag_lines(lines: list[Line]) -> list[Line]:
    """`<quote>Hello</quote>` and `<verse>\n   Foo</verse>` as the tags on
    lines of their own, as Muse writes them most of the time."""
    out: list[Line] = []
    for no, t in lines:
        m = _OPEN_WITH_TEXT.match(t)
        if m and not _TAG_LINE.match(t):
            out.append((no, f"{m.group(1)}<{m.group(2)}>"))
            t = m.group(3)
        m = _CLOSE_AT_END.search(t) if "</" in t else None
        if m and t[:m.start()].strip():
            out += [(no, t[:m.start()]), (no, f"</{m.group(1)}>")]
        else:
            out.append((no, t))
    return out


def _tidy_breaks(nodes):
    """No space either side of a line break ("a <br> b")."""
    out = list(nodes)
    for k, n in enumerate(out):
        if isinstance(n, LineBreak):
            if k and isinstance(out[k - 1], Text):
                out[k - 1] = Text(out[k - 1].text.rstrip())
            if k + 1 < len(out) and isinstance(out[k + 1], Text):
                out[k + 1] = Text(out[k + 1].text.lstrip())
    return [n for n in out if not (isinstance(n, Text) and not n.text)]


def _dedent_lines(lines: list[Line]) -> list[Line]:
    """A region's lines without the indentation they all share (a quotation
    typed indented inside <quote> is not a quotation twice)."""
    ind = min((len(t) - len(t.lstrip(" ")) for _, t in lines if t.strip()), default=0)
    return [(n, t[ind:]) for n, t in lines]

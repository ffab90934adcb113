"""The review view of one text: the raw source with every report entry drawn
on its lines, beside the repaired text.

The reader's blocks carry no line numbers, so each block on the right is
placed on the source by its words (`_Words.span`): the first words of the
block found in order in the source, tolerating the markup and note numbers
the source has between them. An entry links to the block it overlaps.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..model import Entry
from ..plain import block_text
from ..render import RenderContext, env, filenames_for
from .project import Snapshot, Text

#: entry style by its action (first match wins). The reader gains new
#: actions; one that matches nothing here is drawn in the default style.
STYLES = (
    ("hyphen", r"hyphen"),
    ("drop", r"drop|remov|boilerplate"),
    ("meta", r"metadata|title|date found|author|byline"),
    ("footnote", r"page-bottom|page-foot|footnote"),
    ("join", r"join"),
    ("note", r"note"),
    ("verse", r"verse|poem|stanza"),
    ("letter", r"letter|salutation|closing|signature|postscript|dateline|address"),
    ("structure", r"heading|rule|list|scene|quot|split"),
)
LEGEND = {"drop": "dropped", "meta": "moved to metadata", "footnote": "page-foot notes",
          "join": "joined (at the seam)", "hyphen": "hyphen closed", "note": "notes",
          "verse": "verse", "letter": "letter parts", "structure": "structure",
          "other": "other"}
_SEAM = re.compile(r"lines (\d+)-(\d+) and (\d+)-(\d+)")
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")   # not <http://…> autolinks


def style_of(action: str) -> str:
    low = action.lower()
    return next((cls for cls, pat in STYLES if re.search(pat, low)), "other")


@dataclass
class Mark:
    index: int
    action: str
    first: int
    last: int
    detail: str
    style: str
    lane: int = 0
    target: str = ""             # id of the element on the right


@dataclass
class Item:
    """A block or note on the right, with the source lines it stands on."""
    id: str
    html: Markup
    first: int | None = None
    last: int | None = None
    label: str = ""
    is_note: bool = False


@dataclass
class Line:
    n: int
    text: str
    styles: set[str] = field(default_factory=set)
    seam_before: bool = False
    seam_after: bool = False
    hyphen: bool = False
    cells: list = field(default_factory=list)    # per lane: (Mark, first line?, last line?) or None


class _Words:
    """The source's words with their line numbers, markup left out."""

    def __init__(self, raw: str, skip: set[int] = frozenset()) -> None:
        self.tokens: list[tuple[str, int]] = []
        for n, line in enumerate(raw.split("\n"), 1):
            if n not in skip:
                self.tokens += [(w.casefold(), n) for w in _WORD.findall(_TAG.sub(" ", line))]
        # where each word stands: a search jumps to its first word's places
        self.at: dict[str, list[int]] = {}
        for i, (w, _) in enumerate(self.tokens):
            self.at.setdefault(w, []).append(i)

    def _find(self, words: list[str], start: int) -> tuple[int, int] | None:
        """First and last token of `words` found in order from `start`: a
        few source tokens may stand between them (markup, note numbers) and
        a third of the words may be missing (a word split by <sup>, a correction)."""
        toks, allowed = self.tokens, len(words) // 3
        places = self.at.get(words[0], [])
        for i in places[bisect.bisect_left(places, start):]:
            j, last, misses = i + 1, i, 0
            for w in words[1:]:
                hit = next((x for x in range(j, min(len(toks), j + 4)) if toks[x][0] == w), None)
                if hit is None:
                    misses += 1
                    if misses > allowed:
                        break
                else:
                    j = last = hit
                    j += 1
            else:
                return i, last
        return None

    def span(self, text: str, start: int = 0) -> tuple[int, int] | None:
        """(first, last) token index of `text` at or after token `start`."""
        words = [w.casefold() for w in _WORD.findall(text)]
        if not words:
            return None
        head = None
        for offset in (0, 1, 2):          # a correction may have changed the first word
            probe = words[offset:offset + 6]
            if probe:
                head = self._find(probe, start) or self._find(probe, 0)
            if head:
                break
        if head is None:
            return None
        tail = self._find(words[-4:], head[0]) if len(words) > 6 else None
        return head[0], (tail or head)[1]

    def line(self, index: int) -> int:
        return self.tokens[index][1]


def _lanes(marks: list[Mark]) -> int:
    """Give overlapping entries side-by-side lanes; return how many."""
    ends: list[int] = []
    for m in sorted(marks, key=lambda m: (m.first, -m.last)):
        lane = next((i for i, end in enumerate(ends) if end < m.first), len(ends))
        if lane == len(ends):
            ends.append(0)
        ends[lane] = m.last
        m.lane = lane
    return max(1, len(ends))


def _items(text: Text, snap: Snapshot, words: _Words) -> tuple[list[Item], list[Item]]:
    entry = text.entry or Entry(id=text.id, doc=text.doc)
    names = {k: f"/read/{v}" for k, v in filenames_for(snap.book).items()} \
        if text.entry is not None and snap.book is not None else {}
    macros = env().get_template("macros.xhtml.j2").make_module()
    ctx = RenderContext("epub", names, entry)
    blocks, notes, cursor = [], [], 0
    for i, b in enumerate(entry.doc.blocks):
        item = Item(f"b{i}", Markup(macros.block(b, ctx)))
        found = words.span(block_text(b, note_calls=False), cursor)
        if found:
            item.first, item.last = words.line(found[0]), words.line(found[1])
            cursor = found[1]
        blocks.append(item)
    nctx = RenderContext("epub", names, id_prefix=f"{text.id}-review-notes")
    cursor = 0
    for i, note in enumerate(entry.doc.notes):
        item = Item(f"n{i}", Markup(macros.blocks(note.blocks, nctx)),
                    label=str(note.number or note.label), is_note=True)
        found = words.span(" ".join(block_text(b, False) for b in note.blocks), cursor)
        if found:
            item.first, item.last = words.line(found[0]), words.line(found[1])
            cursor = found[0] + 1
        notes.append(item)
    return blocks, notes


class _Placed:
    """The items placed on the source, indexed by line: a mark finds the
    items it overlaps without a scan of them all (10,000 notes and as many
    marks would be 100 million comparisons)."""

    def __init__(self, items: list[Item]) -> None:
        self.items = [x for x in items if x.first is not None]
        self.by_line: dict[int, list[int]] = {}
        for k, x in enumerate(self.items):
            for n in range(x.first, x.last + 1):
                self.by_line.setdefault(n, []).append(k)
        # the greatest first line so far: the first item starting after a
        # line is found by bisection even where the order is not strict
        self.reach = list(itertools.accumulate((x.first for x in self.items), max))

    def over(self, first: int, last: int) -> Item | None:
        """The first item (in order) whose lines overlap first..last."""
        if first <= last:
            hits = {k for n in range(first, last + 1) for k in self.by_line.get(n, ())}
        else:                        # an item holding last..first whole
            hits = set(self.by_line.get(last, ())) & set(self.by_line.get(first, ()))
        return self.items[min(hits)] if hits else None

    def after(self, line: int) -> Item | None:
        at = bisect.bisect_right(self.reach, line)
        return self.items[at] if at < len(self.items) else None


def _target(mark: Mark, blocks: _Placed, notes: _Placed) -> str:
    if mark.style == "meta":
        return "meta"               # what moved to metadata is shown there
    first, second = (notes, blocks) if mark.style in ("footnote", "note") else (blocks, notes)
    hit = first.over(mark.first, mark.last) or second.over(mark.first, mark.last)
    if hit:
        return hit.id
    after = blocks.after(mark.last)
    return (after or blocks.items[-1]).id if blocks.items else ""


def _lines(raw: str, marks: list[Mark], lanes: int) -> list[Line]:
    lines = [Line(n, t, cells=[None] * lanes) for n, t in enumerate(raw.split("\n"), 1)]
    last = len(lines)
    for m in marks:
        # drawn from its first line; one past the end is drawn on the last line
        first, end = min(max(1, m.first), last), min(last, max(m.first, m.last))
        for n in range(first, end + 1):
            lines[n - 1].cells[m.lane] = (m, n == first, n == end)
            if m.style not in ("join", "hyphen"):
                lines[n - 1].styles.add(m.style)
        seam = _SEAM.search(m.detail)
        if m.style in ("join", "hyphen"):
            before, after = ((int(seam[2]), int(seam[3])) if seam else (m.first - 1, m.first))
            while before > 1 and not lines[before - 1].text.strip():   # the seam is at text
                before -= 1
            if 1 <= before <= last:
                lines[before - 1].seam_after = True
                lines[before - 1].hyphen = bool(re.search(r"\w-\s*$", lines[before - 1].text))
            if 1 <= after <= last:
                lines[after - 1].seam_before = True
    return lines


def _metadata(text: Text, marks: list[Mark], words: _Words) -> list[dict]:
    """Each field found, its value in the book, and where it came from."""
    from ..reader.report import document_json
    found = document_json(text.doc)["metadata"]
    book_md = text.entry.doc.metadata if text.entry is not None else None
    overridden = set(text.cfg.metadata.model_fields_set)
    rows = []
    for key, value in found.items():
        shown = getattr(book_md, key, value) if book_md is not None else value
        if key == "biography" and book_md is not None:
            shown = "\n\n".join(block_text(b, False) for b in book_md.biography)
        values = shown if isinstance(shown, list) else [shown]
        if not any(values):
            continue
        sources = []
        for v in (value if isinstance(value, list) else [value]):
            line = _line_of(str(v), marks, words) if v else None
            if line:
                sources.append(line)
        rows.append({"key": key, "value": ", ".join(str(v) for v in values if v),
                     "lines": sorted(set(sources)), "config": key in overridden,
                     "reader": ", ".join(value) if isinstance(value, list) else value})
    return rows


def _line_of(value: str, marks: list[Mark], words: _Words) -> tuple[int, int] | None:
    span = words.span(value[:300])
    if span is None:
        return None
    line = words.line(span[0])
    for m in marks:                    # prefer the entry that moved it
        if m.style == "meta" and m.first <= line <= m.last:
            return (m.first, m.last)
    return (line, words.line(span[1]))


def _findings(text: Text, snap: Snapshot) -> list[dict]:
    out, seen = [], set()
    for w in text.doc.warnings if text.doc else []:
        line, msg = w.line or 0, w.message
        seen.add((line, msg))
        out.append({"line": line, "severity": "warning", "message": msg, "hint": "",
                    "source": "reader"})
    for f in snap.findings:
        mine = f.file == text.rel or f"text {text.id!r}" in f.message
        if mine and (f.line, f.message) not in seen:
            out.append({"line": f.line if f.file == text.rel else 0, "severity": f.severity,
                        "message": f.message if f.file == text.rel else f"{f.file}:{f.line}: {f.message}",
                        "hint": f.hint, "source": "check"})
    return out


def context(text: Text, snap: Snapshot) -> dict:
    """Everything the review template shows for `text`, made once per
    snapshot (a rebuild makes a new one): a reload costs nothing."""
    cache = snap.cache.setdefault("review", {})
    if text.id not in cache:
        cache[text.id] = _context(text, snap)
    return cache[text.id]


def _context(text: Text, snap: Snapshot) -> dict:
    if text.doc is None:
        return {"text": text, "failed": True}
    words = _Words(text.raw)
    marks = [Mark(i, r.action, r.lines[0], r.lines[1], r.detail, style_of(r.action))
             for i, r in enumerate(text.doc.report)]
    lanes = _lanes(marks)
    # lines that left the body cannot place a block of it
    gone = {n for m in marks if m.style in ("meta", "drop") for n in range(m.first, m.last + 1)}
    blocks, notes = _items(text, snap, _Words(text.raw, gone))
    placed_blocks, placed_notes = _Placed(blocks), _Placed(notes)
    for m in marks:
        m.target = _target(m, placed_blocks, placed_notes)
    corrections = []
    for c in text.cfg.corrections:
        pos = text.raw.find(c.find)
        corrections.append({"find": c.find, "replace": c.replace, "reason": c.reason,
                            "line": text.raw.count("\n", 0, pos) + 1 if pos >= 0 else 0})
    metadata = _metadata(text, marks, words)
    for m in marks:                      # what moved to metadata: its row at the top
        if m.target == "meta":
            row = next((r for r in metadata for a, b in r["lines"]
                        if a <= m.last and b >= m.first), None)
            if row is not None:
                m.target = f"meta-{row['key']}"
    used = {m.style for m in marks}
    return {"text": text, "failed": False, "marks": marks, "lanes": lanes,
            "lines": _lines(text.raw, marks, lanes), "blocks": blocks, "notes": notes,
            "metadata": metadata, "findings": _findings(text, snap),
            "corrections": corrections, "in_book": text.entry is not None,
            "legend": [(k, v) for k, v in LEGEND.items() if k in used]}

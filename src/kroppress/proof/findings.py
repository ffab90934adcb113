"""What a typesetter sends back, found in the page records of a laid-out
book (`writers.pdf.pages.records`, each with its lines: `writers.pdf.lines`).

Pure functions over plain records: no layout here, so the report costs
nothing but reading what the build's layout measured.
"""
from __future__ import annotations

import collections
from dataclasses import asdict, dataclass, field

from ..writers.pdf.lines import FIELDS

#: every class of finding, in the order the report lists them, with its words
KINDS = {
    "loose": "loose line",
    "tight": "tight line",
    "hyphen-run": "more than two hyphenated lines in a row",
    "hyphen-page-end": "a hyphen at the foot of a page",
    "short-last-line": "a paragraph's last line very short",
    "stub": "a paragraph ending on the stub of a broken word",
    "widow": "widow (a paragraph's last line alone at the head of a page)",
    "orphan": "orphan (a paragraph's first line alone at the foot of a page)",
    "heading-at-foot": "a heading or label at the foot of a page",
    "split-block": "a block split across pages",
    "title-only": "an opener carrying only its title",
    "facing-depth": "facing pages ending on different baselines",
    "off-grid": "lines off the baseline grid",
    "overfull": "overfull line (text past the measure)",
    "url-hyphen": "a URL or address broken with a hyphen",
}
#: lines a reader reads as running text (the measure of loose and tight)
RUNNING = {"body", "headnote", "matter", "note", "letter"}
TIGHT = -0.2            # spaces shrunk by a fifth of the face's own
SLACK = 0.5             # pt: what counts as "the same baseline", "on the measure"
SHORT_BLOCK = 8         # lines: a stanza or letter closing this short is never split


@dataclass
class Line:
    page: int                   # index in the PDF, from 0
    baseline: float
    left: float
    right: float
    measure_left: float
    measure_right: float
    text: str
    hyphen: bool
    stretch: float | None
    block: str
    kind: str
    text_id: str
    url: bool
    size: float
    pitch: float | None

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def measure(self) -> float:
        return self.measure_right - self.measure_left


@dataclass
class Finding:
    kind: str
    page: int                   # PDF page, from 1
    folio: str
    text_id: str
    detail: str
    lines: int = 1              # lines it concerns (off-grid: how many)
    #: where on the page, as shares of its width and height: x0, y0, x1, y1
    area: list[float] = field(default_factory=list)

    def __str__(self) -> str:
        where = f"p{self.page} / {self.folio}" if self.folio else f"p{self.page}"
        text = f" {self.text_id}" if self.text_id else ""
        return f"{where}{text}: {KINDS[self.kind]}: {self.detail}"


@dataclass
class Report:
    findings: list[Finding]
    lines: dict[str, int]               # running lines by text id
    pages: int
    settings: dict = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        """By text id (and "total"): lines of each kind of finding."""
        out: dict[str, dict[str, int]] = collections.defaultdict(lambda: dict.fromkeys(KINDS, 0))
        for f in self.findings:
            out[f.text_id or "matter"][f.kind] += f.lines
            out["total"][f.kind] += f.lines
        out["total"]  # always there
        return {k: dict(v) for k, v in out.items()}

    def json(self) -> dict:
        counts = self.counts()
        total_lines = sum(self.lines.values())
        return {"pages": self.pages, "lines": total_lines, "settings": self.settings,
                "counts": counts,
                "per_100_lines": {tid: {k: round(100 * n / max(1, self.lines.get(tid, total_lines
                                                                                 if tid == "total"
                                                                                 else 0)), 2)
                                        for k, n in c.items()} for tid, c in counts.items()},
                "findings": [asdict(f) for f in self.findings]}


def lines_of(records: list) -> list[Line]:
    out: list[Line] = []
    for page, record in enumerate(records):
        laid = record[6] if len(record) > 6 else None
        for raw in (laid[2] if laid else ()):
            out.append(Line(page, **dict(zip(FIELDS, raw))))
    return out


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def find(records: list, folios: list[str], *, loose: float = 0.5,
         short: float = 0.1) -> Report:
    """The findings of the laid-out pages `records` (`folios`: each page's
    printed number). `loose`, `short`: the profile's `loose_lines` and
    `short_last_line`."""
    lines = lines_of(records)
    found: list[Finding] = []
    by_page: dict[int, list[Line]] = collections.defaultdict(list)
    for line in lines:
        by_page[line.page].append(line)

    def add(kind: str, line: Line, detail: str, count: int = 1) -> None:
        found.append(Finding(kind, line.page + 1, folios[line.page] if line.page < len(folios)
                             else "", line.text_id, detail, count,
                             _area(line, sizes.get(line.page))))

    sizes = {n: (r[6][3], r[6][4]) for n, r in enumerate(records)
             if len(r) > 6 and r[6] and len(r[6]) > 4 and r[6][3] and r[6][4]}

    blocks: dict[str, list[Line]] = collections.defaultdict(list)
    for line in lines:
        blocks[line.block].append(line)
    run = 0
    for n, line in enumerate(lines):
        nxt = lines[n + 1] if n + 1 < len(lines) else None
        prev = lines[n - 1] if n else None
        running = line.kind in RUNNING
        if line.stretch is not None and running:
            if line.stretch > loose:
                add("loose", line, f"spaces +{line.stretch:.0%}: {_quote(line.text)}")
            elif line.stretch < TIGHT:
                add("tight", line, f"spaces {line.stretch:.0%}: {_quote(line.text)}")
        if line.right > line.measure_right + SLACK:
            add("overfull", line, f"{line.right - line.measure_right:.1f} pt past the measure: "
                                  f"{_quote(line.text)}")
        if line.url:
            add("url-hyphen", line, _quote(line.text))
        run = run + 1 if line.hyphen else 0
        if run == 3:
            add("hyphen-run", line, f"three hyphens in a row, the third: {_quote(line.text)}")
        last_of_block = nxt is None or nxt.block != line.block
        page_end = nxt is None or nxt.page != line.page
        if page_end and line.hyphen and running:
            side = "recto" if line.page % 2 == 0 else "verso"
            add("hyphen-page-end", line, f"at the foot of a {side}: {_quote(line.text)}")
        own = blocks[line.block]
        if last_of_block and running and len(own) > 1 and prev is not None \
                and prev.block == line.block and prev.stretch is not None:
            if prev.hyphen and " " not in line.text.strip():
                add("stub", line, f"{_quote(prev.text[-20:])} / {_quote(line.text)}")
            elif line.width < short * line.measure:
                add("short-last-line", line, f"{line.width / line.measure:.0%} of the measure: "
                                             f"{_quote(line.text)}")
        if running and len(own) > 1:
            alone = sum(1 for x in own if x.page == line.page) == 1
            if alone and line is own[-1] and own[0].page < line.page:
                add("widow", line, _quote(line.text))
            if alone and line is own[0] and own[-1].page > line.page:
                add("orphan", line, _quote(line.text))
        if page_end and nxt is not None and line.kind in ("heading", "headnote-label") \
                and nxt.kind not in ("heading", "headnote-label"):
            add("heading-at-foot", line, _quote(line.text))
    _split_blocks(lines, add)
    _title_only(by_page, add)
    _facing(by_page, records, add)
    _grid(lines, add)
    running_lines: dict[str, int] = collections.Counter(
        line.text_id or "matter" for line in lines if line.kind in RUNNING)
    found.sort(key=lambda f: (f.page, list(KINDS).index(f.kind)))
    return Report(found, dict(running_lines), len(records),
                  {"loose_lines": loose, "short_last_line": short})


def _area(line: Line, size: tuple[float, float] | None) -> list[float]:
    if size is None:
        return []
    width, height = size
    box = (min(line.left, line.measure_left), line.baseline - line.size,
           max(line.right, line.measure_right), line.baseline + 0.3 * line.size)
    return [round(max(0.0, min(1.0, v / (width if i % 2 == 0 else height))), 4)
            for i, v in enumerate(box)]


def _split_blocks(lines: list[Line], add) -> None:
    """A headnote, a short stanza or a letter's closing lines on two pages."""
    groups: list[tuple[str, list[Line]]] = []
    for line in lines:
        if line.kind in ("headnote", "headnote-label"):
            key = f"headnote:{line.text_id}"
        elif line.kind in ("verse", "letter"):
            key = f"{line.kind}:{line.block}"
        else:
            key = ""
        if groups and groups[-1][0] == key and key:
            groups[-1][1].append(line)
        else:
            groups.append((key, [line]))
    for key, group in groups:
        if not key or group[0].page == group[-1].page:
            continue
        kind = key.split(":")[0]
        if kind != "headnote" and len(group) > SHORT_BLOCK:
            continue
        after = sum(1 for line in group if line.page != group[0].page)
        name = {"headnote": "the headnote", "verse": "a stanza",
                "letter": "a letter's closing"}[kind]
        add("split-block", group[0], f"{name} runs onto the next page ({after} of its "
                                     f"{len(group)} lines there): {_quote(group[0].text)}")


def _title_only(by_page: dict[int, list[Line]], add) -> None:
    """A text's opener whose only lines are its title block (heading and
    display lines) while the text goes on on the next page: its headnote or
    first lines moved over and left the opener empty below the title."""
    for page, own in by_page.items():
        ids = {line.text_id for line in own}
        if len(ids) != 1 or not own[0].text_id or \
                any(line.kind not in ("heading", "display") for line in own):
            continue
        after = by_page.get(page + 1, [])
        if after and after[0].text_id == own[0].text_id:
            add("title-only", own[0], f"{_quote(own[0].text)}: the page below it is empty, "
                                      f"the text begins on the next page")


def _facing(by_page: dict[int, list[Line]], records: list, add) -> None:
    """A spread (verso, recto) of running text whose last baselines differ,
    where neither page ends a text or a section."""
    for verso in range(1, len(records) - 1, 2):
        recto = verso + 1
        left, right = by_page.get(verso, []), by_page.get(recto, [])
        if not left or not right or left[-1].kind not in RUNNING \
                or right[-1].kind not in RUNNING:
            continue
        after = by_page.get(recto + 1, [])
        # a page that ends a text or a section runs short by design
        if _ends_section(left[-1], right[0]) or \
                _ends_section(right[-1], after[0] if after else None):
            continue
        gap = abs(left[-1].baseline - right[-1].baseline)
        if gap > SLACK:
            add("facing-depth", right[-1], f"the verso ends {left[-1].baseline:.1f} pt, the "
                                           f"recto {right[-1].baseline:.1f} pt down "
                                           f"({gap:.1f} pt apart)")


def _ends_section(last: Line, following: Line | None) -> bool:
    return following is None or following.text_id != last.text_id or \
        following.kind in ("heading", "headnote-label") or last.kind != following.kind


def _grid(lines: list[Line], add) -> None:
    """Running lines of the body's pitch whose baselines are not on the page's
    grid (the book's most common baseline position, modulo the pitch)."""
    pitches = collections.Counter(line.pitch for line in lines
                                  if line.kind == "body" and line.pitch)
    if not pitches:
        return
    pitch = pitches.most_common(1)[0][0]
    body = [line for line in lines if line.kind in ("body", "letter", "verse")
            and line.pitch == pitch]
    residues = collections.Counter(round(line.baseline % pitch, 1) for line in body)
    if not residues:
        return
    grid = residues.most_common(1)[0][0]
    off: dict[int, list[Line]] = collections.defaultdict(list)
    for line in body:
        delta = (line.baseline - grid) % pitch
        if min(delta, pitch - delta) > SLACK:
            off[line.page].append(line)
    for page, missed in sorted(off.items()):
        first = missed[0]
        add("off-grid", first, f"{len(missed)} line(s) {(first.baseline - grid) % pitch:.1f} pt "
                               f"below the {pitch:g} pt grid, from {_quote(first.text)}",
            len(missed))

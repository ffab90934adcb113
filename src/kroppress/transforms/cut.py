"""A text cut from a book: one section (or several, or a run of them, or a
range of source lines) of a document read once.

    [[parts.texts]]
    id = "walking"
    source = "books/excursions.txt"
    section = "Walking"                  # a heading, compared by words
    # sections = ["History", "Self-Reliance"]  |  from = "…", to = "…"  |  lines = "120-480"

The cut takes the book's metadata, its title from the (first) heading, the
notes its own blocks call, and nothing else of the book.
"""
from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass, field

from ..errors import ConfigError
from ..model import Document, Heading, Note, Section
from ..reader.outline import heading_title, outline
from .walk import note_refs

KEYS = ("section", "sections", "from", "to", "lines")
_LINES = re.compile(r"^\s*([0-9]+)\s*[-–]\s*([0-9]+)\s*$")   # ASCII digits only, as every number


@dataclass(frozen=True)
class CutSpec:
    sections: tuple[str, ...] = ()
    start: str = ""          # from
    stop: str = ""           # to
    lines: tuple[int, int] | None = None
    where: str = field(default="", compare=False)


def take_keys(data):
    """The cut's keys of a `[[parts.texts]]` table, moved under "cut" (for
    the config's validation, which knows no such keys)."""
    if isinstance(data, dict) and any(k in data for k in KEYS):
        data = dict(data)
        data["cut"] = {k: data.pop(k) for k in KEYS if k in data}
    return data


def parse_cut(table: dict | None, where: str) -> CutSpec | None:
    """The cut a text's table asks for, or None; a ConfigError in one line."""
    if not table:
        return None
    def fail(msg: str) -> ConfigError:
        return ConfigError(f"{where}: {msg}")
    kinds = [k for k in ("section", "sections", "lines") if k in table] + (["from/to"] if "from" in table or "to" in table else [])
    if len(kinds) > 1:
        raise fail(f"{' and '.join(kinds)} both cut the text; give one of section, sections, from/to, lines")
    for key in ("section", "from", "to"):
        if key in table and (not isinstance(table[key], str) or not table[key].strip()):
            raise fail(f"`{key}` must be a heading's text in quotes, e.g. {key} = \"Walking\"")
    if "sections" in table:
        v = table["sections"]
        if not isinstance(v, list) or not v or not all(isinstance(x, str) and x.strip() for x in v):
            raise fail("`sections` must be a list of headings, e.g. sections = [\"History\", \"Self-Reliance\"]")
        return CutSpec(sections=tuple(v), where=where)
    if "section" in table:
        return CutSpec(sections=(table["section"],), where=where)
    if "lines" in table:
        m = _LINES.match(str(table["lines"])) if isinstance(table["lines"], str) else None
        if not m or int(m.group(1)) < 1 or int(m.group(1)) > int(m.group(2)):
            raise fail("`lines` must be a range of source lines in quotes, e.g. lines = \"120-480\"")
        return CutSpec(lines=(int(m.group(1)), int(m.group(2))), where=where)
    return CutSpec(start=table.get("from", ""), stop=table.get("to", ""), where=where)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _matches(sec: Section, doc: Document, name: str) -> bool:
    want = _words(name)
    h = doc.blocks[sec.start]
    return want in (_words(sec.title), _words(short_title(h)), *(_words(p) for p in sec.title.split(": ")))


def short_title(h: Heading) -> str:
    """The name part of a heading: "CHAPTER I" over "OUR RICHES" -> "Our Riches"."""
    from ..reader.book_recognisers import heading_form, title_case
    full = heading_title(h)
    parts = full.split(": ", 1)
    name = parts[1] if len(parts) == 2 and heading_form(parts[0]) else full
    form = heading_form(name)
    if form and form[1]:
        name = form[1]
    return title_case(name.strip().rstrip(".:;,").strip())


def _find(doc: Document, name: str, where: str) -> Section:
    for sec in doc.sections:
        if _matches(sec, doc, name):
            return sec
    titles = [s.title for s in doc.sections]
    lowered = {t.lower(): t for t in titles}
    near = [lowered[t] for t in difflib.get_close_matches(name.lower(), list(lowered), n=3, cutoff=0.3)] \
        or titles[:3]
    shown = ", ".join(repr(t) for t in near) if near else "none: the text has no headings"
    raise ConfigError(f"{where}: no section {name!r} in {doc.source_path}; closest headings: {shown}")


def _span(doc: Document, spec: CutSpec) -> list[tuple[int, int]]:
    """Block ranges [start, end) the cut takes."""
    if spec.sections:
        return [(s.start, s.end) for s in (_find(doc, n, spec.where) for n in spec.sections)]
    if spec.lines:
        a, z = spec.lines
        if not doc.block_lines:
            raise ConfigError(f"{spec.where}: {doc.source_path} has no source lines to cut by; "
                              "use section instead")
        idx = [i for i, (f, l) in enumerate(doc.block_lines) if f >= a and l <= z]
        if not idx:
            raise ConfigError(f"{spec.where}: lines {a}-{z} of {doc.source_path} hold no text; "
                              "see `kroppress inspect` for the outline")
        return [(idx[0], idx[-1] + 1)]
    first = _find(doc, spec.start, spec.where).start if spec.start else 0
    last = _find(doc, spec.stop, spec.where).end if spec.stop else len(doc.blocks)
    if last <= first:
        raise ConfigError(f"{spec.where}: `to` comes before `from` in {doc.source_path}; swap them")
    return [(first, last)]


def cut(doc: Document, spec: CutSpec) -> Document:
    """A new document: the blocks of the cut (deep copies), their notes, the
    book's metadata, the title from the first heading (which leaves the body)."""
    spans = _span(doc, spec)
    blocks, lines = [], []
    for a, z in spans:
        blocks += copy.deepcopy(doc.blocks[a:z])
        lines += doc.block_lines[a:z] if doc.block_lines else []
    meta = copy.deepcopy(doc.metadata)
    # one section: its heading is the text's title; a run of several keeps the book's
    lost: list[str] = []
    single = blocks and isinstance(blocks[0], Heading) and not spec.lines and len(spans) == 1 and \
        not any(isinstance(b, Heading) and b.level <= blocks[0].level for b in blocks[1:])
    if single:
        meta.subtitle = ""
        meta.title = short_title(blocks[0])
        lost = [r.label for r in note_refs([blocks[0]])]
        blocks, lines = blocks[1:], lines[1:]
    if blocks:     # the sub-headings move up to the text's own heading levels
        heads = [b for b in blocks if isinstance(b, Heading)]
        if heads:
            shift = min(h.level for h in heads) - 2
            for h in heads:
                h.level -= shift
    called = {r.label for r in note_refs(blocks)}
    notes: list[Note] = [copy.deepcopy(n) for n in doc.notes if n.label in called]
    first_line = lines[0][0] if lines else 0
    last_line = lines[-1][1] if lines else 0
    report = [r for r in doc.report if first_line <= r.lines[0] <= last_line] if lines else []
    warnings = [w for w in doc.warnings if _line_of(w) and first_line <= _line_of(w) <= last_line]
    if single and lost:   # a title is plain text: a call in the heading cannot stay
        warnings.append(f"{doc.source_path}:{first_line}: the heading taken as the title calls note "
                        f"{', '.join(lost)}; the note is left out (add it to a headnote if it matters)")
    return Document(meta, blocks, notes, report, warnings, doc.source_path,
                    sections=outline(blocks, lines), block_lines=lines)


def _line_of(warning: str) -> int:
    m = re.search(r":(\d+): ", warning)
    return int(m.group(1)) if m else 0


class Reading:
    """Each book read once per build, however many texts are cut from it."""
    def __init__(self, read) -> None:
        self._read = read
        self._docs: dict[str, Document] = {}

    def __call__(self, path, spec: CutSpec | None) -> Document:
        if spec is None:
            return self._read(path)
        key = str(path)
        if key not in self._docs:
            self._docs[key] = self._read(path)
        return cut(self._docs[key], spec)


def read_text_of(read, text_cfg, where: str) -> Document:
    """The document of a `[[parts.texts]]` entry: the whole source, or its cut.
    `read` is a plain reader or a `Reading` (which reads each book once)."""
    spec = parse_cut(getattr(text_cfg, "cut", None), where)
    if isinstance(read, Reading):
        return read(text_cfg.source, spec)
    return cut(read(text_cfg.source), spec) if spec else read(text_cfg.source)

"""The Muse reader: The Anarchist Library's (Amusewiki's) own markup to a `Document`.

    #title The Spirit of Revolt
    #author Pëtr Kropotkin
    #date 1880

    *** I

    There are periods in the life of human society when revolution becomes
    an imperative necessity[1] …

    <verse>
    A line of verse;
      an indented one.
    </verse>

    [1] A note, with a secondary one {1}.

    {1} The secondary note (a translator's or editor's).

A reader beside the export reader (`reader/__init__.py`), as Pandoc has one
a format; both give the same model. The markup is read as the Muse manual
(Text::Amuse, `t/testfiles/manual.muse`) defines it: `directives.py` the
head, `blocks.py` the body, `structures.py` lists and tables, `inline.py`
inline markup and note calls. A file is Muse by its `.muse` extension, or
by opening with directives (a `.muse` file saved as `.txt`).
"""
from __future__ import annotations

import re

from ...model import Document, Note, Paragraph, Repair, Text
from .. import patterns as P
from .blocks import BlockReader, split_tag_lines
from .directives import looks_like_header, split_header, to_metadata
from .inline import InlineReader, secondary_label, strip
from .letters import letter_parts

_DEF_LINE = re.compile(r"^(?:\[(\d{1,4})\]|\{(\d{1,4})\})(?:\s|$)", re.M)


def is_muse(text: str, name: str = "") -> bool:
    if name.lower().endswith(".muse"):
        return True
    return looks_like_header(text.lstrip("\ufeff").replace("\r\n", "\n").split("\n", 40)[:40])


def _lines(text: str) -> list[str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [line.replace("\t", "    ").rstrip() for line in text.split("\n")]


def read_muse(text: str, name: str = "<text>") -> Document:
    report: list[Repair] = []
    warnings: list[str] = []

    def log(action: str, start: int, end: int, detail: str, source: str = "") -> None:
        report.append(Repair(action, (start, end), detail, source))

    lines = _lines(text)
    directives, body_at = split_header(lines)
    meta = to_metadata(directives, log)
    body = split_tag_lines([(k + 1, line) for k, line in enumerate(lines) if k >= body_at])
    body_text = "\n".join(line for _, line in body)
    primary = {m.group(1) for m in _DEF_LINE.finditer(body_text) if m.group(1)}
    secondary = {m.group(2) for m in _DEF_LINE.finditer(body_text) if m.group(2)}
    inline = InlineReader(primary, secondary)
    reader = BlockReader(inline, log)
    blocks = letter_parts(name, text, reader.parse(body), reader.spans, meta, report)
    notes = _notes(reader.notes, log, warnings, name)
    for action, line, detail, source in inline.found:
        log(action, line, line, detail, source)
    if not meta.title:
        warnings.append(f"{name}:1: no title found; set `title` for this text in the config")
    return Document(meta, blocks, notes, report, warnings)


def _notes(found, log, warnings: list[str], name: str) -> list[Note]:
    notes: list[Note] = []
    seen: dict[str, int] = {}
    for n in found:
        label = secondary_label(n.label) if n.secondary else n.label
        if label in seen:
            seen[label] += 1
            warnings.append(f"{name}:{n.line}: note {n.label} defined twice; the second is kept as "
                            f"note {label}-{seen[label]}")
            label = f"{label}-{seen[label]}"
        else:
            seen[label] = 1
        kind = _kind(n, log)
        notes.append(Note(label, n.blocks, kind or ("editor" if n.secondary else "author")))
    return notes


def _kind(n, log) -> str:
    """Who wrote the note: a marker at the end of its last paragraph
    ("(translator)", "— Trans.") or at the start of its first, as the export
    reader takes it (`patterns.NOTE_KIND`)."""
    last = n.blocks[-1] if n.blocks else None
    if isinstance(last, Paragraph) and last.inlines and isinstance(last.inlines[-1], Text):
        m = P.NOTE_KIND.search(last.inlines[-1].text)
        if m:
            kind = "translator" if (m.group(1) or m.group(4)) else "editor" if (m.group(2) or m.group(5)) \
                else "author"
            last.inlines[-1] = Text(last.inlines[-1].text[:m.start()].rstrip())
            last.inlines[:] = strip(last.inlines)
            log("note kind", n.line, n.end, f"marker {m.group(0).strip()!r}: {kind}'s note", m.group(0))
            return kind
    first = n.blocks[0] if n.blocks else None
    if isinstance(first, Paragraph) and first.inlines and isinstance(first.inlines[0], Text):
        m = P.NOTE_KIND_PREFIX.match(first.inlines[0].text)
        if m and first.inlines[0].text[m.end():].strip():
            kind = "translator" if m.group(1) else "editor" if m.group(2) else "author"
            first.inlines[0] = Text(first.inlines[0].text[m.end():])
            log("note kind", n.line, n.end, f"marker {m.group(0).strip()!r}: {kind}'s note", m.group(0))
            return kind
    return ""


__all__ = ["is_muse", "read_muse"]

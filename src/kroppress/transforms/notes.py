"""Note numbering: per text, 1..n in order of first call.

Each note gets `number` and `id = "{entry_id}_note-{n}"`; each call gets the
same `number` and `ref_id = "{entry_id}_noteref-{n}"`, with `-b`, `-c`, …
for the second, third call of the same note. `Note.ref_ids` lists the calls
(for back-links). Notes are reordered by number; notes that are never called
keep their relative order at the end (numbered after the called ones) and
produce a warning, as do calls to a label that has no note (left unnumbered).
Calls inside notes count after all calls in the body.
"""
from __future__ import annotations

import string

from ..model import Document, Note
from ..notice import Notice
from .walk import note_refs


def _suffix(k: int) -> str:
    """'' for the first call (k = 0), then -b, -c, … -z, -aa, -ab, …"""
    if k == 0:
        return ""
    n = k + 1                   # bijective base 26: 1 = a, so k = 1 -> b
    out = ""
    while n > 0:
        n -= 1
        out = string.ascii_lowercase[n % 26] + out
        n //= 26
    return "-" + out


def _calls(doc: Document):
    yield from note_refs(doc.blocks)
    for note in list(doc.notes):
        yield from note_refs(note.blocks)


def _warn(doc: Document, entry_id: str, message: str) -> None:
    doc.warnings.append(Notice(doc.source_path, None, message, "transform", entry_id))


def number(entry_id: str, doc: Document) -> Document:
    by_label: dict[str, Note] = {}
    for note in doc.notes:
        if note.label in by_label:
            _warn(doc, entry_id, f"note [^{note.label}] is defined twice; the second one is "
                                "never called")
        else:
            by_label[note.label] = note
        note.number = None
        note.id = ""
        note.ref_ids = []
    order: list[Note] = []
    missing: set[str] = set()
    for ref in _calls(doc):
        note = by_label.get(ref.label)
        if note is None:
            ref.number = None
            ref.ref_id = ""
            if ref.label not in missing:
                missing.add(ref.label)
                _warn(doc, entry_id, f"note call [^{ref.label}] has no note; it is left "
                                    "unnumbered")
            continue
        if note.number is None:
            order.append(note)
            note.number = len(order)
            note.id = f"{entry_id}_note-{note.number}"
        ref.number = note.number
        ref.ref_id = f"{entry_id}_noteref-{note.number}{_suffix(len(note.ref_ids))}"
        note.ref_ids.append(ref.ref_id)
    uncalled = [n for n in doc.notes if n.number is None]
    for note in uncalled:
        order.append(note)
        note.number = len(order)
        note.id = f"{entry_id}_note-{note.number}"
        _warn(doc, entry_id, f"note [^{note.label}] is never called; it stays at the end of "
                            f"the notes as note {note.number}")
    doc.notes[:] = order
    return doc

"""Word conservation: every word of a raw text comes out of the reader once
and in order, in the body, in a note, or in a report entry that says it was
moved or dropped."""
from __future__ import annotations

import re
from collections import Counter

from kroppress.model import Address, BlockQuote, Document, Link, NoteRef
from kroppress.plain import block_text

_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return _WORD.findall(_TAG.sub("", text))


def _hrefs(nodes) -> list[str]:
    out = []
    for n in nodes:
        if isinstance(n, Link) and n.href and n.href not in "".join(
                getattr(c, "text", "") for c in n.children):
            out.append(n.href)
        out += _hrefs(getattr(n, "children", []))
    return out


def _block_words(blocks) -> list[str]:
    out: list[str] = []
    for b in blocks:
        out += words(block_text(b, note_calls=False))
        if isinstance(b, BlockQuote):
            continue
        lines = b.lines if isinstance(b, Address) else [getattr(b, "inlines", [])]
        for line in lines:
            for href in _hrefs(line):
                out += words(href)
    return out


def _is_subsequence(needle: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(w == h for h in it) for w in needle)


def assert_conserved(raw: str, doc: Document) -> None:
    source = words(raw)
    body = _block_words(doc.blocks)
    notes = [w for n in doc.notes for w in _block_words(n.blocks)]
    reported = [w for r in doc.report for w in words(r.text)]
    missing = Counter(source) - Counter(body) - Counter(notes) - Counter(reported)
    extra = Counter(body) + Counter(notes) + Counter(reported) - Counter(source)
    assert not missing, f"words lost: {dict(list(missing.items())[:20])}"
    assert not extra, f"words added or doubled: {dict(list(extra.items())[:20])}"
    assert _is_subsequence(body, source), "body words out of order"
    assert _is_subsequence(notes, source), "note words out of order"


def call_labels(doc) -> list[str]:
    """The labels of a document's note calls, in reading order."""
    out = []

    def walk(nodes):
        for n in nodes:
            if isinstance(n, NoteRef):
                out.append(n.label)
            walk(getattr(n, "children", []))
    for b in doc.blocks:
        walk(getattr(b, "inlines", []))
    return out


# ---------------------------------------------------------------- reader tests
def texts(doc, kind=None) -> list[str]:
    return [block_text(b) for b in doc.blocks if kind is None or b.kind == kind]


def kinds(doc) -> list[str]:
    return [b.kind for b in doc.blocks]


def notes_of(doc) -> dict[str, list[str]]:
    return {n.label: [block_text(b) for b in n.blocks] for n in doc.notes}


def read_checked(raw: str, name: str, leftover: re.Pattern, warnings_ok: bool = False):
    """Read `raw`; assert every word is conserved, no `leftover` artifact is in
    the body or the notes, and (unless `warnings_ok`) no warning."""
    from kroppress.reader import read_text
    doc = read_text(raw, name)
    assert_conserved(raw, doc)
    for t in texts(doc) + [block_text(b) for n in doc.notes for b in n.blocks]:
        assert not leftover.search(t), t
    if not warnings_ok:
        assert not doc.warnings, doc.warnings
    return doc

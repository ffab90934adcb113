"""Small text helpers the rules share: words, lines, joins."""
from __future__ import annotations

import re
import unicodedata

from ..model import Inline, Link, NoteRef, Text
from ..plain import inline_text
from . import patterns as P
from .blocks import Raw, strip_inlines


def words(text: str) -> int:
    return len(text.split())


def norm(text: str) -> str:
    """Lower case, accents and punctuation gone: for comparing by words."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def norm_words(text: str) -> list[str]:
    return norm(text).split()


def starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return False


def ends_open(text: str) -> bool:
    """True when a paragraph stops mid-sentence."""
    return bool(text.strip()) and not P.TERMINAL.search(text)


def has_call(b: Raw) -> bool:
    return any(isinstance(n, NoteRef) for n in b.inlines)


def soft_lines(inlines: list[Inline]) -> list[list[Inline]]:
    """Split top-level inlines at soft line breaks (newlines inside Text)."""
    lines: list[list[Inline]] = [[]]
    for n in inlines:
        if isinstance(n, Text) and "\n" in n.text:
            for k, part in enumerate(n.text.split("\n")):
                if k:
                    lines.append([])
                if part:
                    lines[-1].append(Text(part))
        else:
            lines[-1].append(n)
    return lines


def all_lines(b: Raw) -> list[list[Inline]]:
    """A block's lines, split at hard breaks and at source line ends alike: an
    export rarely marks the lines of an address or a poem as hard breaks."""
    out: list[list[Inline]] = []
    for line in b.lines:
        for soft in soft_lines(line):
            soft = strip_inlines(soft)
            if inline_text(soft, False).strip():
                out.append(soft)
    return out


def line_texts(b: Raw) -> list[str]:
    return [inline_text(line, False).strip() for line in all_lines(b)]


def merge_text(nodes: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for n in nodes:
        if isinstance(n, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + n.text)
        else:
            out.append(n)
    return out


def join_lines(lines: list[list[Inline]]) -> list[Inline]:
    inl: list[Inline] = []
    for n, line in enumerate(lines):
        if n:
            inl.append(Text("\n"))
        inl.extend(line)
    return merge_text(inl)


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


def strip_prefix(inlines: list[Inline], pattern: re.Pattern) -> list[Inline]:
    inlines = list(inlines)
    if inlines and isinstance(inlines[0], Text):
        inlines[0] = Text(pattern.sub("", inlines[0].text, count=1))
    return strip_inlines(inlines)


def hrefs(node) -> list[str]:
    if isinstance(node, Link):
        return [node.href] if node.href else []
    return [h for c in getattr(node, "children", []) for h in hrefs(c)]


def split_at_lines(b: Raw, starts) -> list[Raw]:
    """Cut a paragraph before each of its lines whose first inline passes `starts`."""
    groups: list[list[Inline]] = [[]]
    begins = [0]
    for k, line in enumerate(soft_lines(b.inlines)):
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
                       inlines=merge_text(g)))
    return out


def is_sup_def(b) -> bool:
    """A paragraph that opens with a note label: `<sup>3</sup> The note …`."""
    return b is not None and b.type == "paragraph" and bool(b.inlines) and isinstance(b.inlines[0], NoteRef)


def text_calls(nodes: list[Inline], pattern: re.Pattern, labels: set[str],
               ref_id: str = "line:0") -> tuple[list[Inline], int]:
    """`nodes` with each match of `pattern` whose label (its first non-empty
    group) is in `labels` made a note call; and how many were made. A link's
    text is left alone: a call cannot sit inside a link."""
    out: list[Inline] = []
    found = 0
    for n in nodes:
        if isinstance(n, Text):
            pos = 0
            for m in pattern.finditer(n.text):
                label = next(g for g in m.groups() if g)
                if label not in labels:
                    continue
                if m.start() > pos:
                    out.append(Text(n.text[pos:m.start()]))
                out.append(NoteRef(label, ref_id=ref_id))
                pos = m.end()
                found += 1
            if pos < len(n.text):
                out.append(Text(n.text[pos:]))
        else:
            if hasattr(n, "children") and not isinstance(n, Link):
                n.children, k = text_calls(n.children, pattern, labels, ref_id)
                found += k
            out.append(n)
    return out, found

"""A letter's parts: dateline, address, salutation, closing, signature,
postscript, and the place and date after the signature.

    Personal                          address lines (short), then the
    12 Hill Row, London               salutation, perhaps with the first
    Dear Comrade,                     paragraph on the next line
    …
    Yours fraternally,                closing and signature, on two lines
    Jane Doe                          or on one ("Yours, Jane Doe")
    P.S. The proofs follow.           a postscript, or "Geneva, 3 May 1881"

The export may break these lines hard or soft. Without a salutation only a
closing with a letter's words ("Yours …") and a name count, or the author's
own name signing an essay.
"""
from __future__ import annotations

import re

from ...model import Inline, Text
from .. import patterns as P
from ..blocks import Raw
from ..names import is_name
from ..recognisers import find_salutation, salutation_line
from ..state import ReadState
from ..text import all_lines, join_lines, line_texts, norm, words


def dateline_like(b: Raw) -> bool:
    """"Nouméa, 10 December 1875", or a place on one line and the date on the next."""
    lines = line_texts(b)
    return (b.type == "paragraph" and 1 <= len(lines) <= 2 and words(" ".join(lines)) <= 12
            and bool(P.ENDS_WITH_DATE.search(lines[-1])) and not P.FIRST_PUBLISHED_HEAD.match(lines[0]))


def _split_after_line(state: ReadState, blocks: list[Raw], i: int, k: int) -> None:
    """Cut blocks[i] after its line k (the salutation, when the letter's
    first paragraph follows it without a blank line)."""
    b = blocks[i]
    lines = all_lines(b)
    src = b.source.split("\n")

    def part(ls: list[list[Inline]], a: int, z: int) -> Raw:
        return Raw("paragraph", b.start + a, b.start + z, "\n".join(src[a:z + 1]), inlines=join_lines(ls))
    head = part(lines[:k + 1], 0, k)
    rest = part(lines[k + 1:], k + 1, max(k + 1, len(src) - 1))
    blocks[i:i + 1] = [head, rest]
    state.log("paragraph split", b.start, b.end, "the salutation and the first paragraph of the letter")


def closing_like(t: str, strict: bool) -> bool:
    """A closing: a letter's words ("Yours", "fraternally"), ending as a
    closing does when there was no salutation (strict)."""
    t = t.strip()
    if words(t) > 8:
        return False
    has_words = bool(P.CLOSING_WORDS.search(t))
    if strict:
        return has_words and t.endswith((",", "!", "."))
    return has_words or t.endswith(",")        # after a salutation, "With love," too


def signature_like(t: str) -> bool:
    """A name or initials; on further short lines, the signer's office
    ("Jane Doe / Secretary, Women's Section")."""
    lines = [x.strip() for x in t.split("\n") if x.strip()]
    if not lines or len(lines) > 3 or any(words(x) > 6 for x in lines[1:]):
        return False
    first = lines[0].rstrip(",")          # "Jane Doe," above her office
    return 1 <= words(first) <= 5 and (is_name(first) or bool(re.match(r"^(?:[A-Z]\.\s*)+[A-Z]?\w*\.?$", first)))


def _split_closing_and_name(state: ReadState, b: Raw, strict: bool) -> bool:
    """A closing and the signature on one line, after a comma: the line is
    cut there (when it is plain text) so that each keeps its own line; the
    signer's office may follow on lines of its own."""
    if len(b.inlines) != 1 or not isinstance(b.inlines[0], Text):
        return False
    first, _, office = b.inlines[0].text.strip().partition("\n")
    m = re.match(r"^(.*[,!])\s+([^,!]+?)$", first.strip())
    if not m or not closing_like(m.group(1), strict) or not signature_like(m.group(2) + "\n" + office):
        return False
    if not P.CLOSING_WORDS.search(m.group(1)) and is_name(m.group(1).split(",")[0]) \
            and m.group(1).count(",") > 1:
        return False              # "Ada Marlowe, Secretary, Strike Committee": a name and an office
    b.inlines = [Text(m.group(1) + "\n" + m.group(2) + ("\n" + office if office else ""))]
    state.log("letter part", b.start, b.end, "the closing and the signature on one line")
    return True


def _closing_at(state: ReadState, blocks: list[Raw], strict: bool) -> bool:
    if len(blocks) < 2:
        return False
    last, before = blocks[-1], blocks[-2]
    if last.type != "paragraph" or last.role:
        return False
    lines = line_texts(last)
    if 2 <= len(lines) <= 4 and closing_like(lines[0], strict) and signature_like("\n".join(lines[1:])) \
            and not (len(lines) == 3 and P.ENDS_WITH_DATE.search(lines[2])):
        last.role = "closing+signature"       # "Yours, / Jane Doe / Secretary, Women's Section"
        return True
    if (len(lines) == 3 and closing_like(lines[0], strict) and signature_like(lines[1])
            and P.ENDS_WITH_DATE.search(lines[2]) and words(lines[2]) <= 8):
        last.role = "closing+signature+dateline"     # "Yours ever, / M. / Zurich, 4 June 1896"
        state.log("letter part", last.start, last.end, "closing, signature, place and date on three lines")
        return True
    if len(lines) <= 3 and _split_closing_and_name(state, last, strict):
        last.role = "closing+signature"       # "Your affectionate friend, Mary Stone"
        return True
    closing_before = (before.type == "paragraph" and not before.role
                      and 1 <= len(line_texts(before)) <= 3 and closing_like(before.text, strict))
    if closing_before and len(lines) == 1 and "," in lines[0]:
        name, office = lines[0].split(",", 1)
        if signature_like(name) and 1 <= words(office) <= 6:
            before.role, last.role = "closing", "signature"   # "Jane Doe, Secretary, Women's Section"
            return True
    if not signature_like("\n".join(lines)):
        return False
    # a closing of one to three lines ("I am, Sir, / Yours faithfully,")
    if closing_before:
        before.role = "closing"
        last.role = "signature"
        return True
    if strict and any(norm(last.text) == norm(a) for a in state.meta.authors):
        last.role = "signature"               # an essay signed with its author's name
        state.log("letter part", last.start, last.end, "the author's name signs the text")
        return True
    if not strict:
        last.role = "signature"
        return True
    return False


def _closing(state: ReadState, blocks: list[Raw], strict: bool) -> None:
    """Closing and signature at the end, perhaps followed by a postscript
    or by the place and date the letter was written."""
    end = len(blocks)
    tail: list[tuple[Raw, str]] = []
    while end > 2 and len(tail) < 2:
        b = blocks[end - 1]
        if b.type == "paragraph" and P.POSTSCRIPT.match(b.text):
            tail.append((b, "postscript"))
        elif b.type == "paragraph" and not b.role and dateline_like(b):
            tail.append((b, "dateline"))
        else:
            break
        end -= 1
    if _closing_at(state, blocks[:end], strict):
        for b, role in tail:
            b.role = role
            state.log("letter part", b.start, b.end, "a postscript after the signature"
                      if role == "postscript" else "place and date after the signature")
    elif tail:
        _closing_at(state, blocks, strict)


def rule(state: ReadState) -> None:
    blocks = state.blocks
    start = 1 if blocks and blocks[0].role == "dateline" else 0
    s = find_salutation(blocks[start:start + 4])
    if s is None:
        _closing(state, blocks, strict=True)
        return
    s += start
    k = salutation_line(blocks[s])
    if k is not None and k < len(all_lines(blocks[s])) - 1:
        _split_after_line(state, blocks, s, k)
    blocks[s].role = "salutation"
    for b in blocks[start:s]:
        lines = line_texts(b)
        if b.type == "paragraph" and lines and all(words(x) <= 10 for x in lines):
            b.role = b.role or ("dateline" if dateline_like(b) else "address")
    _closing(state, blocks, strict=False)

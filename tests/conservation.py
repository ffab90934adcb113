"""Word conservation: every word and every number of a raw text comes out of
the reader once and in order, in the body, in a note, or in a report entry
that says it was moved or dropped. A note's number is the one thing that
leaves the text: a call becomes a link and a definition a note, so the
numbers of calls and notes are the only ones allowed to go missing.

Raw HTML splits a source in two. What a browser shows (text between tags, an
image's alt, entities decoded) is visible: it must come out as text or in a
report entry of a rule that moved or dropped it as text. What a browser never
shows (script, style, template, noscript and iframe content, comments, a
title attribute, an image's target) is hidden: only the raw HTML rule's
entries account for it, and it must never become text."""
from __future__ import annotations

import html
import re
from collections import Counter

from kroppress.model import Document, Link
from kroppress.transforms.walk import inline_lists
from kroppress.plain import block_text

_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_WORD = re.compile(r"[^\W\d_]+|\d+")
# a script-like element: one that opens a line (an HTML block, which may hold
# blank lines) or one inside a paragraph (no blank line in it)
# (a paragraph ends at a blank line or where a table's head row begins)
_PARAGRAPH_GOES_ON = r"(?!\n[ \t]*\n)(?!\n[^\n]*\|[^\n]*\n[ \t>]*\|?[ \t]*:?-+:?[ \t]*\|)"
_HIDDEN = re.compile(r"^[ \t]*<(script|style)\b[^>]*>(.*?)</\1\s*>"
                     rf"|<(script|style|template|noscript|iframe|svg)\b[^>]*>((?:{_PARAGRAPH_GOES_ON}.)*?)</\3\s*>",
                     re.I | re.S | re.M)
# (like a script, one runs over a blank line only as an HTML block, opening a line)
_COMMENT = re.compile(rf"^[ \t]*<!--.*?-->|<!--(?:{_PARAGRAPH_GOES_ON}.)*?-->|<![A-Za-z\[][^>]*>"
                      rf"|<\?(?:{_PARAGRAPH_GOES_ON}.)*?\?>", re.S | re.M)
_ATTR = re.compile(r"""\b(alt|title)\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>]+)""", re.I)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]*)\)")
_MD_TITLE = re.compile(r"(\]\(\s*\S+)\s+(\"[^\"]*\"|'[^']*')\s*\)")
# a browser sets these apart from the words beside them
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|details|summary|blockquote|section|"
                        r"article|aside|header|footer|nav|main|figure|figcaption|table|caption|thead|"
                        r"tbody|tfoot|tr|td|th|pre|address|center|form|fieldset|legend)\b", re.I)
# the raw HTML rule's entries: what they carry is hidden matter (a title whole)
HIDDEN_ACTIONS = ("raw HTML dropped",)
TITLE_ACTIONS = ("link title reported",)
# a Markdown table: a row of cells over its delimiter row
_TABLE = re.compile(r"^[^\n]*\|[^\n]*\n[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$", re.M)
# an entity as the readers decode it: with its closing ";"
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# controls left in a text are dropped by the writers, fusing the words beside them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SUP = re.compile(r"<sup>([\d,\s\[\]()]+)</sup>", re.I)


def _attr(tag: str, name: str) -> list[str]:
    return [html.unescape(v.strip("\"'")) for k, v in _ATTR.findall(tag) if k.lower() == name]


def _shown(tag: re.Match) -> str:
    """What a browser shows for a tag: an image's alt, a space for a block."""
    alt = " ".join(_attr(tag.group(), "alt"))
    return f" {alt} " if alt or _BLOCK_TAG.match(tag.group()) else ""


def words(text: str, source: bool = True) -> list[str]:
    """The visible words of `text` (model text has no tags: all of it). A
    source's entities are decoded; model text must have had them decoded."""
    text = _COMMENT.sub(" ", _HIDDEN.sub(" ", text))
    text = _MD_TITLE.sub(r"\1)", _MD_IMAGE.sub(r" \1 ", text))
    # a superscript is a token of its own: "<sup>6</sup><sup>7</sup>" is two calls
    text = _TAG.sub(_shown, _SUP.sub(r" \1 ", text))
    return _WORD.findall(_decoded(text) if source else text)


def _decoded(text: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


def hidden_words(text: str) -> list[str]:
    """The words of `text` a browser never shows."""
    out: list[str] = []
    for m in _HIDDEN.finditer(text):
        out += _WORD.findall(_decoded(m.group(2) if m.group(2) is not None else m.group(4)))
    rest = _HIDDEN.sub(" ", text)
    for m in _COMMENT.finditer(rest):
        out += _WORD.findall(m.group())
    for m in _TAG.finditer(_COMMENT.sub(" ", rest)):
        out += [w for t in _attr(m.group(), "title") for w in _WORD.findall(t)]
    for m in _MD_IMAGE.finditer(rest):
        out += _WORD.findall(m.group(2))
    for m in _MD_TITLE.finditer(_MD_IMAGE.sub(" ", rest)):
        out += _WORD.findall(m.group(2))
    return out


def _hrefs(nodes) -> list[str]:
    out = []
    for n in nodes:
        if isinstance(n, Link) and n.href and n.href not in "".join(
                getattr(c, "text", "") for c in n.children):
            out.append(n.href)
        out += _hrefs(getattr(n, "children", []))
    return out


def _block_words(blocks, hrefs: bool = True) -> list[str]:
    out: list[str] = []
    for b in blocks:
        out += words(block_text(b, note_calls=False), source=False)
        for line in inline_lists(b) if hrefs else ():
            for href in _hrefs(line):
                out += words(href)
    return out


def _base(label: str) -> str:
    """A note label as the source wrote it ("3" for the second note 3, "3-2")."""
    return label.split("-")[0]


def _is_subsequence(needle: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(w == h for h in it) for w in needle)


def _joined(raw: str, doc: Document) -> str:
    """The source with each word the reader closed up across a line end
    ("agri-" / "culture", reported "agri-|culture -> agriculture") closed up."""
    for r in doc.report:
        if r.action == "word joined":
            a, b = r.detail.split(" -> ")[0].split("-|")
            raw = re.sub(rf"{re.escape(a)}-[ \t]*\n[ \t]*{re.escape(b)}", a + b, raw, count=1)
    return raw


def _reported(r) -> list[str]:
    if r.action in TITLE_ACTIONS:
        return _WORD.findall(r.text)
    return hidden_words(r.text) if r.action in HIDDEN_ACTIONS else words(r.text)


def assert_conserved(raw: str, doc: Document) -> None:
    joined = _joined(raw, doc)
    visible = words(joined)
    source = visible + hidden_words(joined)
    body = _block_words(doc.blocks)
    notes = [w for n in doc.notes for w in _block_words(n.blocks)]
    reported = [w for r in doc.report for w in _reported(r)]
    labels = Counter(_base(n.label) for n in doc.notes) + Counter(_base(x) for x in call_labels(doc))
    missing = Counter(source) - Counter(body) - Counter(notes) - Counter(reported) - labels
    extra = Counter(body) + Counter(notes) + Counter(reported) - Counter(source)
    assert not missing, f"words lost: {dict(list(missing.items())[:20])}"
    shown = Counter(body) + Counter(notes) - Counter(visible)
    assert not shown, f"words the source does not show made text (script, style, a comment, a title, an entity): {dict(list(shown.items())[:20])}"
    tables = sum(1 for b in _all_blocks(doc.blocks + [b for n in doc.notes for b in n.blocks])
                 if b.kind == "table")
    assert tables >= _markdown_tables(raw), "a Markdown table did not come out as a table"
    fused = [t for t in _texts(doc) if _CONTROL.search(t)]
    assert not fused, f"control characters left between words: {fused[0][:80]!r}"
    assert not extra, f"words added or doubled: {dict(list(extra.items())[:20])}"
    # a link's target is counted, not placed: its words stand after the block's;
    # a table's caption stands where its markup puts it (HTML first, Muse last)
    ordered = _block_words([b for b in doc.blocks if b.kind != "table"], hrefs=False)
    assert _is_subsequence(ordered, source), "body words out of order"
    notes_placed = [w for n in doc.notes for w in _block_words(n.blocks, hrefs=False)]
    assert _is_subsequence(notes_placed, source), "note words out of order"


def _markdown_tables(raw: str) -> int:
    """Tables as GFM reads them: a head row with as many cells as its delimiter row."""
    def cells(line: str) -> int:
        return len(line.strip(" \t>").strip("|").split("|"))
    return sum(1 for m in _TABLE.finditer(raw) if cells(m.group().split("\n")[0]) == cells(m.group().split("\n")[1]))


def _all_blocks(blocks) -> list:
    out = []
    for b in blocks:
        out.append(b)
        out += _all_blocks(getattr(b, "blocks", None) or [])
    return out


def _texts(doc) -> list[str]:
    return [block_text(b, note_calls=False) for b in doc.blocks] + [
        block_text(b, note_calls=False) for n in doc.notes for b in n.blocks]


def call_labels(doc) -> list[str]:
    """The labels of a document's note calls, in reading order (the body's,
    then those inside notes: a Muse note may call a secondary note)."""
    from kroppress.transforms.walk import note_refs
    return [n.label for n in note_refs(doc.blocks)] + [n.label for note in doc.notes
                                                        for n in note_refs(note.blocks)]


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

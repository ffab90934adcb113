"""Print-only passes that decide where words may break (`tree.print_tree`).

* each text is hyphenated by the patterns of its own English: a language
  tag that names its region is kept; a bare ``en`` is decided from the
  text's spelling (`transforms.spelling`), the book's own matter from the
  editorial prose;
* addresses (URLs, e-mail addresses, bare domains such as example.org) are
  never hyphenated: they may break after a ``/`` or a ``.``, without a
  hyphen (a zero-width space there, which the page list does not count);
* a paragraph's last word is never broken (`span.last-word`): a stub such
  as "selves." alone on the last line reads as a fault;
* a note call never begins a line (a word joiner ties it to its word).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...model import Book
from ...plain import block_text
from ...render.pagemap import WORD_JOINER, ZWSP
from ...transforms.spelling import hyphenation_language

#: a bare domain, or a web or mail address, as it stands in running text
ADDRESS = re.compile(
    r"(?<![\w@/.-])(?:(?:https?://|mailto:)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|int|info|io|uk|de|fr|it|es|ru|ca|au|nl|eu|"
    r"me|co|us|ch|be|at|se|no|dk|fi|pl|gr|pt|ie|nz|za|in|jp|cn|br|mx|ar)\b(?:/\S*)?)",
    re.I)
_TRAILING = ".,;:!?)]}’”'\""


def set_variants(root: ET.Element, book: Book) -> None:
    """`lang` on the document and on each text, as its hyphenation needs."""
    editorial = " ".join(block_text(b) for b in book.introduction)
    editorial += " ".join(block_text(b) for e in book.entries for b in e.headnote)
    html_lang, _ = hyphenation_language(book.meta.language, editorial)
    _lang(root, html_lang)
    entries = {e.id: e for e in book.entries}
    for section in root.iter("section"):
        entry = entries.get(section.get("id") or "")
        if entry is None or "text" not in (section.get("class") or "").split():
            continue
        language = entry.doc.metadata.language or book.meta.language
        words = " ".join(block_text(b) for b in entry.doc.blocks)
        lang, _ = hyphenation_language(language, words)
        _lang(section, lang)
        for headnote in section.iter("section"):
            if "headnote" in (headnote.get("class") or "").split():
                _lang(headnote, html_lang)


def _lang(el: ET.Element, tag: str) -> None:
    el.set("lang", tag)
    if "xml:lang" in el.attrib:
        el.set("xml:lang", tag)


def break_addresses(root: ET.Element) -> None:
    """Mark the addresses of running text and let them break after / and .
    only (print.css: `.url { hyphens: manual }`)."""
    skip = {"style", "script", "head"}
    for el in list(root.iter()):
        if el.tag in skip:
            continue
        classes = (el.get("class") or "").split()
        if "url" in classes or el.tag == "a" and (el.get("href") or "").startswith(
                ("http:", "https:", "mailto:")) and ADDRESS.fullmatch((el.text or "").strip()):
            _breakable(el)
            if "url" not in classes:
                el.set("class", " ".join([*classes, "url"]))
            continue
        if el.text and "url" not in classes:
            el.text = _mark(el, None, el.text)
        for child in list(el):
            if child.tail:
                child.tail = _mark(el, child, child.tail)


def _breakable(el: ET.Element) -> None:
    for node in el.iter():
        if node.text:
            node.text = _zwsp(node.text)
        if node is not el and node.tail:
            node.tail = _zwsp(node.tail)


def _zwsp(address: str) -> str:
    # after each / or . with more address after it ("//" stays whole)
    return re.sub(r"(?<=[/.@])(?=[^/\s])", ZWSP, address.replace(ZWSP, ""))


def _mark(parent: ET.Element, after: ET.Element | None, text: str) -> str:
    """`text` (the text of `parent`, or the tail of its child `after`) with each
    address in it wrapped in a span.url; returns what stays before the first."""
    matches = [m for m in ADDRESS.finditer(text)]
    if not matches:
        return text
    head = text[:matches[0].start()]
    index = list(parent).index(after) + 1 if after is not None else 0
    spans = []
    for n, m in enumerate(matches):
        address = m.group().rstrip(_TRAILING)
        end = m.start() + len(address)
        nxt = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        span = ET.Element("span", {"class": "url"})
        span.text = _zwsp(address)
        span.tail = text[end:nxt]
        spans.append(span)
    for offset, span in enumerate(spans):
        parent.insert(index + offset, span)
    return head


def glue_calls(root: ET.Element) -> None:
    """A note call never begins a line: a word joiner at the head of each call
    that follows its word directly (between two boxes WeasyPrint would
    otherwise allow the break, as after "truth.")."""
    for el in root.iter():
        for n, child in enumerate(list(el)):
            if "noteref" not in (child.get("class") or "").split():
                continue
            before = (list(el)[n - 1].tail if n else el.text) or ""
            if n and not before:
                before = "".join(list(el)[n - 1].itertext())
            if not before or before[-1].isspace():
                continue
            target = child
            while len(target) and not (target.text or "").strip():
                target = target[0]
            target.text = WORD_JOINER + (target.text or "")


_NO_LAST_WORD = {"verse", "stanza", "url", "noteref", "backlink", "headnote-label", "byline"}


def keep_last_words(root: ET.Element) -> None:
    """Wrap each running paragraph's last word in span.last-word (unhyphenated)."""
    for p in root.iter("p"):
        if set((p.get("class") or "").split()) & _NO_LAST_WORD:
            continue
        _wrap_last_word(p)


def _wrap_last_word(p: ET.Element) -> None:
    # the last text of the paragraph that is not a note call or a link back
    slots: list[tuple[ET.Element, ET.Element | None]] = []

    def walk(el: ET.Element) -> None:
        if set((el.get("class") or "").split()) & _NO_LAST_WORD and el is not p:
            return
        if el.text:
            slots.append((el, None))
        for child in el:
            walk(child)
            if child.tail:
                slots.append((el, child))
    walk(p)
    for parent, child in reversed(slots):
        text = child.tail if child is not None else parent.text
        m = re.search(r"(\S+)(\s*)$", text)
        if not m:
            continue
        if len(m.group(1).strip(_TRAILING)) < 6:
            return          # too short to be broken anyway
        span = ET.Element("span", {"class": "last-word"})
        span.text = m.group(1)
        span.tail = m.group(2)
        before = text[:m.start()]
        if child is not None:
            child.tail = before
            parent.insert(list(parent).index(child) + 1, span)
        else:
            parent.text = before
            parent.insert(0, span)
        _take_calls(parent, span)
        return


def _take_calls(parent: ET.Element, span: ET.Element) -> None:
    """The note calls right after the last word go into its span: a box edge
    between the word and its call would let the line break there."""
    if span.tail:
        return          # a space before the call: the call stands apart anyway
    siblings = list(parent)
    at = siblings.index(span) + 1
    while at < len(siblings) and "noteref" in (siblings[at].get("class") or "").split():
        call = siblings[at]
        parent.remove(call)
        span.append(call)
        span.tail, call.tail = call.tail, None
        at += 1
        if span.tail:
            break

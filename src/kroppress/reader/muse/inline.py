"""Muse inline markup to model inlines.

    *em* **strong** ***both*** <em>em</em> <strong>s</strong> <i>i</i> <b>b</b>
    1<sup>st</sup> H<sub>2</sub>O <sc>Caps</sc> <del>gone</del> =code= <code>x</code>
    [[http://x.org][the site]] [[http://x.org]] a call[1] a secondary call{1}
    line<br>break non~~breaking <verbatim>*kept as typed*</verbatim>

A `*` opens emphasis only where a word can start (after a space or a
punctuation mark, before a letter) and closes only where a word ends, so
"5 * 3 * 2" and "a*b" stay text. A tag or a marker that never closes is
kept as the text it is (a tag still open at the end of its paragraph
closes there; a closing tag that nothing opened is dropped); an unknown tag is kept as text and reported. `[1]`
is a note call only when a note `[1]` is defined (else it stays text).
An HTML entity (`&amp;`, `&#8212;`, `&eacute;`: an export's, Muse has none)
is the character it names, outside verbatim and code.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ...model import (Code, Emphasis, Inline, LineBreak, Link, NoteRef, SmallCaps, Strikeout, Strong, Subscript,
                      Superscript, Text)

_TOKEN = re.compile(
    r"(?P<verbatim><verbatim>(?P<vtext>.*?)</verbatim>)"
    r"|(?P<ctag><code>(?P<ctext>.*?)</code>)"
    r"|(?P<code>(?<![\w=])=(?P<eq>[^\s=](?:[^=]*?[^\s=])?)=(?![\w=]))"
    r"|(?P<link>\[\[(?P<href>[^\[\]]+)\](?:\[(?P<label>[^\[\]]*)\])?\])"
    r"|(?P<call>\[(?P<n>\d{1,4})\]|\{(?P<s>\d{1,4})\})"
    r"|(?P<br><br\s*/?>)"
    r"|(?P<tag><(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9]*)>)"
    r"|(?P<stars>\*{1,3})"
    r"|(?P<nbsp>~~)", re.S | re.I)

# an entity with its closing ";" (without it, "AT&T" and "?a=1&para=2" stay as written)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_IMAGE = re.compile(r"\.(?:jpe?g|png|gif|svg|webp)(?:\s+[\w.]+)*$", re.I)
_NODES = {"em": Emphasis, "i": Emphasis, "strong": Strong, "b": Strong, "sup": Superscript,
          "sub": Subscript, "sc": SmallCaps, "del": Strikeout}
_STAR_NODES = {1: "em", 2: "strong", 3: "both"}


@dataclass
class _Open:
    marker: str               # the source text that opened it: "*", "<em>", …
    name: str                 # em, strong, both, sup, …
    children: list[Inline] = field(default_factory=list)


class InlineReader:
    """Reads inline markup; knows which note labels exist and collects what it reports."""

    def __init__(self, primary: set[str] = frozenset(), secondary: set[str] = frozenset()) -> None:
        self.primary = set(primary)
        self.secondary = set(secondary)
        self.line = 0                          # the source line being read (set by the block reader)
        self.found: list[tuple[str, int, str, str]] = []   # (action, line, detail, source text) to report
        self.calls: list[str] = []             # labels of the calls read

    def read(self, text: str) -> list[Inline]:
        root = _Open("", "root")
        stack = [root]
        pos = 0
        for m in _TOKEN.finditer(text):
            if m.start() > pos:
                _add_text(stack[-1].children, _decoded(text[pos:m.start()]))
            pos = m.end()
            self._token(m, text, stack)
        if pos < len(text):
            _add_text(stack[-1].children, _decoded(text[pos:]))
        while len(stack) > 1:                  # never closed: its marker is text
            _unwind(stack)
        return _tidy(root.children)

    def _token(self, m: re.Match, text: str, stack: list[_Open]) -> None:
        cur = stack[-1].children
        if m.group("verbatim"):
            _add_text(cur, m.group("vtext"))
        elif m.group("ctag"):
            cur.append(Code(m.group("ctext")))
        elif m.group("code"):
            cur.append(Code(m.group("eq")))
        elif m.group("link"):
            href = m.group("href").strip()
            label = m.group("label")
            if href[:4].upper() == "URL:":          # "[[URL:x.jpg]]": a link to an image, not the image
                self._report("link prefix dropped", f"{href[:4]} marks a link to {href[4:]!r}", href[:4])
                href = href[4:]
            elif _IMAGE.search(href) and "://" not in href:
                # an image of the archive's own (not in the book): its caption stays as text
                self._report("image dropped", f"image {href!r}: the archive's picture is not in the book", href)
                if label and label.strip():
                    cur.extend(self.read(label))
                return
            children = self.read(label) if label is not None and label.strip() else [Text(href)]
            cur.append(Link(href, children))
        elif m.group("call"):
            n, s = m.group("n"), m.group("s")
            if n and n in self.primary:
                cur.append(NoteRef(n))
                self.calls.append(n)
            elif s and s in self.secondary:
                cur.append(NoteRef(secondary_label(s)))
                self.calls.append(secondary_label(s))
            else:
                _add_text(cur, m.group(0))     # no note defines it: it is text ("[sic]" numbers, years)
        elif m.group("br"):
            cur.append(LineBreak())
        elif m.group("tag"):
            self._tag(m, stack)
        elif m.group("stars"):
            self._stars(m, text, stack)
        elif m.group("nbsp"):
            _add_text(cur, "\u00a0")

    def _report(self, action: str, detail: str, text: str = "") -> None:
        self.found.append((action, self.line, detail, text))

    def _tag(self, m: re.Match, stack: list[_Open]) -> None:
        name = m.group("name").lower()
        if name not in _NODES:
            self._report("tag kept as text", f"{m.group(0)} is not Muse markup kroppress knows; kept as text")
            _add_text(stack[-1].children, m.group(0))
            return
        if not m.group("close"):
            stack.append(_Open(m.group(0), name))
            return
        depth = next((k for k in range(len(stack) - 1, 0, -1) if stack[k].name == name), None)
        if depth is None:                      # a closing tag with no opening one (it has no words)
            self._report("tag dropped", f"{m.group(0)} closes nothing in its paragraph (markup across paragraphs)")
            return
        while len(stack) - 1 > depth:
            _unwind(stack)
        _close(stack)

    def _stars(self, m: re.Match, text: str, stack: list[_Open]) -> None:
        run = m.group("stars")
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        name = _STAR_NODES[len(run)]
        can_close = not before.isspace() and not after.isalnum()
        can_open = not after.isspace() and after != "*" and not before.isalnum()
        if can_close:
            depth = next((k for k in range(len(stack) - 1, 0, -1) if stack[k].marker == run), None)
            if depth is not None:
                while len(stack) - 1 > depth:
                    _unwind(stack)
                _close(stack)
                return
        if can_open:
            stack.append(_Open(run, name))
            return
        _add_text(stack[-1].children, run)


def secondary_label(n: str) -> str:
    """The label of secondary note {n}: kept apart from footnote [n]."""
    return f"{n}-secondary"


def _close(stack: list[_Open]) -> None:
    top = stack.pop()
    children = _tidy(top.children)
    if top.name == "both":
        node: Inline = Strong([Emphasis(children)])
    else:
        node = _NODES[top.name](children)
    if children:
        stack[-1].children.append(node)


def _unwind(stack: list[_Open]) -> None:
    """An opener that never closed: a tag closes where the paragraph ends
    (as Text::Amuse closes it); a star's marker and children go back as text."""
    if stack[-1].marker.startswith("<"):
        _close(stack)
        return
    top = stack.pop()
    _add_text(stack[-1].children, top.marker)
    for child in top.children:
        if isinstance(child, Text):
            _add_text(stack[-1].children, child.text)
        else:
            stack[-1].children.append(child)


def _decoded(text: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text) if "&" in text else text


def _add_text(nodes: list[Inline], text: str) -> None:
    if not text:
        return
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text + text)
    else:
        nodes.append(Text(text))


def _tidy(nodes: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for n in nodes:
        if isinstance(n, Text):
            _add_text(out, n.text)
        else:
            out.append(n)
    return out


def strip(nodes: list[Inline]) -> list[Inline]:
    """Without the spaces at both ends (and a break left at either end)."""
    nodes = list(nodes)
    while nodes and isinstance(nodes[0], LineBreak):
        nodes.pop(0)
    while nodes and isinstance(nodes[-1], LineBreak):
        nodes.pop()
    if nodes and isinstance(nodes[0], Text):
        nodes[0] = Text(nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Text):
        nodes[-1] = Text(nodes[-1].text.rstrip())
    return [n for n in nodes if not (isinstance(n, Text) and not n.text)]

"""markdown-it inline tokens to model inlines.

Raw HTML is never passed through: `<sup>` becomes a note call or a
superscript, `<em>/<i>/<strong>/<b>/<br>` their model nodes, an image its alt
text, everything else is dropped (script-like elements with their content)
and reported. What a browser shows stays text: a block tag (`</p><p>`, a
table cell) keeps the words beside it apart, and a script-like element never
closed in its paragraph is a broken export, so only its tag goes.
"""
from __future__ import annotations

import html
import re

from ..links import SAFE_SCHEMES as _SAFE_SCHEMES
from ..model import (Emphasis, Inline, LineBreak, Link, NoteRef, Strong, Superscript, Text)
from .patterns import NOTE_LABEL, ORDINAL_SUFFIX

_TAG_NAME = re.compile(r"\s*(/?)\s*([a-zA-Z][\w-]*)")
# elements whose content a browser never shows as text
HIDDEN = {"script", "style", "iframe", "noscript", "template", "svg"}
# elements a browser sets apart from the words beside them
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
              "details", "summary", "blockquote", "section", "article", "aside", "header", "footer",
              "nav", "main", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot",
              "tr", "td", "th", "pre", "address", "center", "form", "fieldset", "legend", "hr"}
_ATTR = re.compile(r"""\s([a-zA-Z][\w-]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'<>]+)""")


def _tag(raw: str) -> tuple[str, str, str] | None:
    """(closing "/", name, self-closing "/") of one HTML tag, or None. Parsed
    by hand, not by a backtracking pattern: a tag may hold a megabyte of spaces."""
    raw = raw.strip()
    if len(raw) < 3 or raw[0] != "<" or raw[-1] != ">" or ">" in raw[1:-1]:
        return None
    inner = raw[1:-1]
    m = _TAG_NAME.match(inner)
    if not m:
        return None
    return m.group(1), m.group(2), "/" if inner.rstrip().endswith("/") else ""


def tag_name(raw: str) -> str:
    """The lower-case name of an opening tag, "/name" of a closing one, or ""."""
    m = _tag(raw)
    return "" if m is None else m[0] + m[1].lower()


def attribute(raw: str, name: str) -> str:
    """One attribute's value in a tag, entities decoded ("" when absent)."""
    for key, value in _ATTR.findall(raw):
        if key.lower() == name:
            return html.unescape(value.strip("\"'") if value[:1] in "\"'" else value)
    return ""


_BRACKETED = re.compile(r"^[\[(](\d{1,4})[\])]$")


# Deeper inline nesting carries no meaning in prose; flattening it keeps every
# later recursive pass (and the writers) safe from hostile input.
MAX_DEPTH = 16


class InlineBuilder:
    def __init__(self) -> None:
        self.dropped_html: list[str] = []      # tags and hidden content
        self.dropped_targets: list[str] = []   # unsafe link targets (javascript:, file:, data: …)
        self.titles: list[str] = []            # link titles: tooltips, not text
        self.skipped: dict[str, int] = {}

    def build(self, tokens) -> list[Inline]:
        root: list[Inline] = []
        stack: list[tuple[str, list[Inline], object]] = [("root", root, None)]
        skip_until: str | None = None
        closes = _last_closes(tokens)
        for i, tok in enumerate(tokens):
            if skip_until is not None:
                self.dropped_html.append(_as_written(tok))
                m = _tag(tok.content) if tok.type == "html_inline" else None
                if m and m[0] and m[1].lower() == skip_until:
                    skip_until = None
                continue
            cur = stack[-1][1]
            t = tok.type
            if t == "text":
                text = tok.content
                if i and tokens[i - 1].type in ("html_inline", "image") and text[:1] == " " \
                        and _last_char(cur) == " ":
                    text = text[1:]              # "wrote <tag> every": one space where the tag was
                _append_text(cur, text)
            elif t == "code_inline":
                _append_text(cur, tok.content)
            elif t == "softbreak":
                _append_text(cur, "\n")   # kept until the repairs have seen the lines
            elif t == "hardbreak":
                cur.append(LineBreak())
            elif t in ("em_open", "strong_open", "link_open") and len(stack) > MAX_DEPTH:
                kind = t.replace("_open", "")
                self.skipped[kind] = self.skipped.get(kind, 0) + 1
            elif t in ("em_close", "strong_close", "link_close") and self.skipped.get(
                    t.replace("_close", "")):
                self.skipped[t.replace("_close", "")] -= 1
            elif t in ("em_open", "strong_open", "link_open"):
                node: Inline
                if t == "em_open":
                    node = Emphasis([])
                elif t == "strong_open":
                    node = Strong([])
                else:
                    href = tok.attrs.get("href", "") or ""
                    if not href.lower().startswith(_SAFE_SCHEMES):
                        self.dropped_targets.append(href)   # javascript:, file:, data: … never live
                        href = ""
                    if tok.attrs.get("title"):
                        self.titles.append(str(tok.attrs["title"]))
                    node = Link(href, [])
                cur.append(node)
                stack.append((t.replace("_open", ""), node.children, node))
            elif t in ("em_close", "strong_close", "link_close"):
                self._close(stack, t.replace("_close", ""))
            elif t == "image":
                title = tok.attrs.get("title")
                target = f"{tok.attrs.get('src', '')}" + (f' "{title}"' if title else "")
                self.dropped_html.append(f"![{tok.content}]({target})")
                if tok.content:                  # the alt text is what a reader without the image sees
                    _append_text(cur, tok.content)
            elif t == "html_inline":
                skip_until = self._html(tok.content, stack)
                if skip_until is not None and closes.get(skip_until, -1) < i:
                    skip_until = None            # never closed here: a broken export, only the tag goes
            else:  # unknown inline token: keep its text
                if tok.content:
                    _append_text(cur, tok.content)
        while len(stack) > 1:  # unclosed raw-HTML wrappers
            stack.pop()
        return _merge(_mark_sup(_settle(root)))

    def _close(self, stack, name: str) -> None:
        for i in range(len(stack) - 1, 0, -1):
            if stack[i][0] == name:
                del stack[i:]
                return

    def _html(self, raw: str, stack) -> str | None:
        m = _tag(raw)
        if not m:
            self.dropped_html.append(raw)
            return None
        closing, name, selfclose = m[0], m[1].lower(), m[2]
        cur = stack[-1][1]
        mapping = {"sup": "sup", "em": "em", "i": "em", "cite": "em", "strong": "strong", "b": "strong"}
        if name == "br":
            cur.append(LineBreak())
        elif name == "img":
            self.dropped_html.append(raw)
            alt = attribute(raw, "alt")
            if alt:
                _append_text(cur, alt)
        elif name in BLOCK_TAGS:
            self.dropped_html.append(raw)
            last = _last_char(cur)
            if last and not last.isspace():
                _append_text(cur, " ")          # "word</p><p>word" is two words
        elif name in mapping:
            kind = mapping[name]
            if closing and self.skipped.get(kind):
                self.skipped[kind] -= 1
            elif not closing and len(stack) > MAX_DEPTH:
                self.skipped[kind] = self.skipped.get(kind, 0) + 1
            elif closing:
                self._close(stack, kind)
            else:
                node = {"sup": Superscript, "em": Emphasis, "strong": Strong}[kind]([])
                cur.append(node)
                stack.append((kind, node.children, node))
        elif name in HIDDEN and not closing and not selfclose:
            self.dropped_html.append(raw)
            return name
        else:
            self.dropped_html.append(raw)
        return None


def _as_written(tok) -> str:
    """A token's text as the source had it, near enough to report: an image's
    or a link's target and title are in its attributes."""
    if tok.type in ("image", "link_open"):
        title = tok.attrs.get("title")
        target = f"({tok.attrs.get('src' if tok.type == 'image' else 'href', '')}" + (
            f' "{title}")' if title else ")")
        return f"![{tok.content}]{target}" if tok.type == "image" else target
    return tok.content


def _last_closes(tokens) -> dict[str, int]:
    """The index of the last closing tag of each hidden element in `tokens`."""
    out: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.type == "html_inline" and tok.content.startswith("</"):
            name = tag_name(tok.content)
            if name[1:] in HIDDEN:
                out[name[1:]] = i
    return out


class _Run:
    """Text being gathered while the tokens are read: its pieces are joined
    once at the end (`+=` on a node's string copies it at every piece, which
    is quadratic in a paragraph of 80,000 lines)."""
    __slots__ = ("parts",)

    def __init__(self, text: str) -> None:
        self.parts = [text]


def _last_char(cur: list) -> str:
    """The last character of the text being gathered at the end of `cur` ("" if none)."""
    if cur and isinstance(cur[-1], _Run):
        return next((p[-1] for p in reversed(cur[-1].parts) if p), "")
    return ""


def _append_text(cur: list, text: str) -> None:
    if cur and isinstance(cur[-1], _Run):
        cur[-1].parts.append(text)
    else:
        cur.append(_Run(text))


def _settle(nodes: list) -> list[Inline]:
    """Every gathered run as one Text node, at every depth."""
    for i, node in enumerate(nodes):
        if isinstance(node, _Run):
            nodes[i] = Text("".join(node.parts))
        elif isinstance(node, (Emphasis, Strong, Link, Superscript)):
            _settle(node.children)
    return nodes


def _mark_sup(nodes: list[Inline]) -> list[Inline]:
    """<sup>N</sup> after a word is a note call; after a digit with a letter
    suffix it is an ordinal and stays a superscript."""
    out: list[Inline] = []
    for node in nodes:
        if isinstance(node, (Emphasis, Strong, Link)):
            node.children = _mark_sup(node.children)
        if isinstance(node, Superscript):
            inner = "".join(c.text for c in node.children if isinstance(c, Text)).strip()
            only_text = all(isinstance(c, Text) for c in node.children)
            prev = out[-1] if out else None
            after_digit = isinstance(prev, Text) and prev.text[-1:].isdigit()
            if only_text and ORDINAL_SUFFIX.match(inner) and after_digit:
                out.append(Superscript([Text(inner)]))
                continue
            if only_text and NOTE_LABEL.match(inner):
                out.append(NoteRef(inner))
                continue
            bracketed = _BRACKETED.match(inner) if only_text else None
            if bracketed:                       # <sup>[3]</sup>, <sup>(3)</sup>
                out.append(NoteRef(bracketed.group(1)))
                continue
            several = [x for x in re.split(r"\s*,\s*", inner)] if only_text and "," in inner else []
            if several and all(x.isdigit() and NOTE_LABEL.match(x) and not x.startswith("0") for x in several):
                out.extend(NoteRef(x) for x in several)   # <sup>1,2</sup>: two calls
                continue
        out.append(node)
    return out


def _merge(nodes: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    run: list[str] = []                # adjacent texts, joined once

    def close_run() -> None:
        if run:
            out.append(Text("".join(run)))
            run.clear()
    for node in nodes:
        if isinstance(node, (Emphasis, Strong, Link, Superscript)):
            node.children = _merge(node.children)
            if not node.children:
                continue
        if isinstance(node, Text):
            if node.text:
                run.append(node.text)
            continue
        close_run()
        out.append(node)
    close_run()
    return out

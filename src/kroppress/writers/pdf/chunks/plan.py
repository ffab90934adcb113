"""Where the print document is cut: into chunks at recto openings.

Every chunk after the front matter starts on a recto, so its layout does not
depend on what comes before it; only the page numbers do. The chunks depend
only on the book (never on the number of processes), so any ``jobs`` gives
the same bytes. A chunk's page references (contents, "p. 23" in the notes)
to another chunk are written as literal numbers (`Chunk.needs`: the chunks
it refers to are laid out first), and its links to another chunk as
``kroppress-anchor:ID`` links, made internal again by the join.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ....render.ids import book_id
from ..tree import serialize

#: scheme of a link to an anchor laid out in another chunk
ANCHOR_SCHEME = "kroppress-anchor:"
#: sections that open on a recto (print.css): the only places a chunk may start
_RECTO_IDS = {book_id(n) for n in ("toc", "introduction", "notes", "sources", "authors")}
_FRONT_IDS = {book_id(n) for n in ("halftitle", "titlepage", "imprint", "toc", "introduction")}
#: a chunk holds at least this much text: each one costs a fixed ~0.1 s to
#: set up and write, so tiny chunks are joined to the next
MIN_CHUNK_CHARS = 12_000
#: below this much text the single layout is as fast as any split
MIN_BOOK_CHARS = 60_000
#: chunks a book may have (the shared page-count table is made before the
#: book is read): a longer book (some 3 million characters) is laid out whole
MAX_CHUNKS = 256


def _classes(el: ET.Element) -> list[str]:
    return (el.get("class") or "").split()


def _opens_recto(el: ET.Element) -> bool:
    return el.get("id") in _RECTO_IDS or bool({"part", "text"} & set(_classes(el)))


def _size(el: ET.Element) -> int:
    return sum(len(t) for t in el.itertext())


@dataclass
class Chunk:
    index: int
    front: bool                      # the front matter: roman folios of its own
    sections: list[ET.Element]
    ids: set[str] = field(default_factory=set)
    needs: set[int] = field(default_factory=set)    # chunks whose pages it shows

    @property
    def size(self) -> int:
        return sum(_size(s) for s in self.sections)


def plan(root: ET.Element) -> list[Chunk]:
    """Cut the print document's body into chunks (see the module docstring)."""
    body = root.find("body")
    sections = list(body) if body is not None else []
    units: list[list[ET.Element]] = []
    for el in sections:
        if not units or (_opens_recto(el) and not (units[0][0].get("id") in _FRONT_IDS
                                                   and el.get("id") in _FRONT_IDS)):
            units.append([el])
        else:
            units[-1].append(el)
    chunks: list[Chunk] = []
    pending: list[ET.Element] = []
    for unit in units:
        front = unit[0].get("id") in _FRONT_IDS
        pending += unit
        is_part = "part" in _classes(unit[0]) and len(unit) == 1
        if front or (not is_part and sum(_size(s) for s in pending) >= MIN_CHUNK_CHARS) \
                or unit[0].get("id") == book_id("notes"):
            chunks.append(Chunk(len(chunks), front, pending))
            pending = []
    if pending:     # the back matter: a chunk of its own if it can open one
        if chunks and not chunks[-1].front and not _opens_recto(pending[0]):
            chunks[-1].sections += pending
        else:
            chunks.append(Chunk(len(chunks), False, pending))
    owner: dict[str, int] = {}
    for chunk in chunks:
        for section in chunk.sections:
            for el in section.iter():
                if el.get("id"):
                    chunk.ids.add(el.get("id"))
                    owner.setdefault(el.get("id"), chunk.index)
    for chunk in chunks:
        for a in page_refs(chunk):
            target = owner.get(link_target(a))
            if target is not None and target != chunk.index:
                chunk.needs.add(target)
    return chunks


def worth_splitting(root: ET.Element) -> bool:
    arabic = len([c for c in plan(root) if not c.front])
    body = root.find("body")
    return 2 <= arabic <= MAX_CHUNKS and body is not None and _size(body) >= MIN_BOOK_CHARS


def page_refs(chunk: Chunk):
    """The links of `chunk` that show the page of their target."""
    for section in chunk.sections:
        for a in section.iter("a"):
            if "backlink" in _classes(a) or section.get("id") == book_id("toc"):
                if link_target(a):
                    yield a


def link_target(a: ET.Element) -> str:
    """The id a link points to ("" for none), in either form."""
    href = a.get("href", "")
    if href.startswith("#"):
        return href[1:]
    if href.startswith(ANCHOR_SCHEME):
        return href[len(ANCHOR_SCHEME):]
    return ""


def chunk_html(root: ET.Element, chunk: Chunk, pages: dict[str, str], book_title: str) -> str:
    """The HTML of one chunk: the document's head, the chunk's sections;
    links out of the chunk as `ANCHOR_SCHEME` links, page references out of
    it as literal ``data-page`` numbers (from `pages`; print.css shows them)."""
    for section in chunk.sections:
        for a in section.iter("a"):
            href = a.get("href", "")
            if href.startswith("#") and href[1:] not in chunk.ids:
                a.set("href", ANCHOR_SCHEME + href[1:])
    for a in page_refs(chunk):
        if a.get("href", "").startswith(ANCHOR_SCHEME):
            a.set("data-page", pages[link_target(a)])
    html = ET.Element(root.tag, dict(root.attrib))
    head = root.find("head")
    if head is not None:
        html.append(head)
    body = ET.SubElement(html, "body", dict(root.find("body").attrib))
    body.extend(chunk.sections)
    if not chunk.front:
        # the verso head is the book's title, set by the half-title elsewhere
        style = ET.SubElement(head if head is not None else html, "style")
        style.text = ":root { string-set: book-title \"%s\"; }" % _css_string(book_title)
    text = serialize(html)
    if head is not None and not chunk.front:
        head.remove(style)
    return text


def _css_string(text: str) -> str:
    return "".join(c if c.isalnum() or c in " ,.;:'!?()-–—’‘“”" else f"\\{ord(c):x} "
                   for c in text)


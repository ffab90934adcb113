"""The shared rendering layer: a `Book` becomes a list of rendered sections.

Both writers call this module and only package its output:

* the EPUB writer calls ``render_book(book, target="epub")`` and wraps each
  section in its own XHTML file (``render_page``);
* the PDF writer calls ``render_book(book, target="print")`` (or
  ``render_print_html``) and concatenates the bodies into one document.

The only difference between the targets is how links between sections are
written (``notes.xhtml#x`` in the EPUB, ``#x`` in the single print document)
and a few EPUB-only bits (the landmarks nav, the title page and imprint in the
table of contents).

All markup lives in Jinja2 templates under ``templates/``; the model holds no
HTML. Autoescaping is on, undefined variables are errors, characters that are
not allowed in XML are dropped, and only http, https and mailto links become
``<a href>`` (anything else is rendered as its plain text).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..links import SAFE_SCHEMES
from .. import __version__
from ..errors import KroppressError
from ..model import Block, Book, Entry, Heading, Note, NoteRef, Paragraph, Part
from ..paths import STYLES_DIR, TEMPLATES_DIR
from ..plain import inline_text

Target = Literal["epub", "print"]
TARGETS: tuple[str, ...] = ("epub", "print")

from .ids import RESERVED_IDS  # noqa: E402 - kept importable from here

NOTE_KIND_LABELS = {"translator": "Translator’s note", "editor": "Editor’s note"}

# characters XML 1.0 forbids (C0 controls except tab/newline/return, surrogates,
# U+FFFE/U+FFFF): a raw text may carry them, a content document must not
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


class RenderError(KroppressError, ValueError):
    """The book cannot be rendered as given (e.g. two sections share an id)."""


# ------------------------------------------------------------------ results
@dataclass(frozen=True)
class Doc:
    """One rendered section of the book (one XHTML file in the EPUB).

    ``html_body`` is the ``<section>…</section>`` markup (a ``Markup``), with
    ``epub:type``/``role`` on the section element itself, so it can be
    concatenated as is into a single print document."""
    id: str            # id of the <section>; also the print link target
    filename: str      # EPUB file name, e.g. "notes.xhtml"
    title: str         # plain-text title (for <title>, nav, PDF bookmarks)
    epub_type: str     # e.g. "chapter", "endnotes", "halftitlepage"
    role: str          # matching DPUB-ARIA role, "" where none exists
    html_body: Markup
    kind: str          # halftitle, titlepage, imprint, contents, introduction,
    #                    part, text, endnotes, sources, authors, colophon, cover
    lang: str = "en"   # language of the section (a text may differ from the book)
    matter: str = "body"  # "front", "body" or "back" (for print page styles)


@dataclass(frozen=True)
class TocItem:
    """One entry of the table of contents; ``href`` is already target-specific."""
    title: str
    doc_id: str
    href: str
    children: tuple["TocItem", ...] = ()


@dataclass(frozen=True)
class Landmark:
    epub_type: str
    title: str
    doc_id: str
    href: str


# ------------------------------------------------------------------ environment
def _finalize(value):
    """Applied to every ``{{ … }}``: drop characters XML cannot carry."""
    if isinstance(value, Markup):
        return Markup(_XML_INVALID.sub("", str(value)))
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)
    return value


def _bytecode_cache():
    """Compiled templates kept in kroppress's cache folder: compiling them
    costs ~0.2 s a build. Jinja2 checks each against its template's source."""
    from jinja2 import FileSystemBytecodeCache

    from ..paths import cache_dir
    folder = cache_dir("jinja")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def make_env(templates_dir: Path | str = TEMPLATES_DIR) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates_dir)), autoescape=True,
                      undefined=StrictUndefined, finalize=_finalize,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      bytecode_cache=_bytecode_cache())
    env.filters["roman"] = roman
    env.filters["human_date"] = human_date
    env.filters["names"] = join_names
    env.filters["sentence"] = sentence
    env.filters["drop_label"] = drop_label
    env.filters["mentions_url"] = mentions_url
    env.filters["link_urls"] = link_urls
    env.tests["sentence"] = is_sentence
    env.globals["note_kind_label"] = lambda kind: NOTE_KIND_LABELS.get(kind, "")
    return env


_ENV: Environment | None = None


def env() -> Environment:
    global _ENV
    if _ENV is None:
        _ENV = make_env()
    return _ENV


# ------------------------------------------------------------------ small helpers
def roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def human_date(value: str | _dt.date | None) -> str:
    """'2025-05-01' -> '1 May 2025'; '1908-11' -> 'November 1908'; else unchanged."""
    if not value:
        return ""
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip())
    if m and 1 <= int(m.group(2)) <= 12:
        month = _MONTHS[int(m.group(2)) - 1]
        return f"{int(m.group(3))} {month} {m.group(1)}" if m.group(3) else f"{month} {m.group(1)}"
    return value


def join_names(names: Iterable[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def is_sentence(value: str) -> bool:
    """True for prose ('Editorial matter © 2026 …, licensed under …'), False for
    a bare name ('CC BY-SA 4.0') that a template should wrap in a sentence."""
    return len(value.split()) > 6 or value.rstrip().endswith((".", "!", "?"))


def sentence(value: str) -> str:
    """`value` ending with a full stop."""
    value = value.strip()
    return value if not value or value.endswith((".", "!", "?", "…")) else value + "."


def drop_label(value: str, label: str) -> str:
    """'Retrieved on March 1st, 2009 from x' -> 'March 1st, 2009 from x' (for label 'Retrieved')."""
    m = re.match(rf"(?i)\s*{re.escape(label)}\b[\s:]*(?:on\b\s*)?", value or "")
    rest = value[m.end():] if m else value
    return rest[:1].upper() + rest[1:] if m and rest else (rest if m else value)


def mentions_url(text: str | None, url: str | None) -> bool:
    """Whether `text` (a "Retrieved … from …" note) names `url`, scheme and
    trailing slash aside: the Sources record then gives the address once."""
    if not text or not url:
        return False
    bare = re.sub(r"(?i)^[a-z][a-z0-9+.-]*://", "", url).rstrip("/")
    return bool(bare) and bare.lower() in text.lower()


_TEXT_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")


def link_urls(text: str | None) -> Markup:
    """`text` escaped, its http(s) addresses made links (where safe_href allows)."""
    out, last = [], 0
    text = text or ""
    for m in _TEXT_URL.finditer(text):
        href = safe_href(m.group())
        out.append(escape(text[last:m.start()]))
        out.append(Markup('<a class="url" href="{}">{}</a>').format(href, m.group())
                   if href else escape(m.group()))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def safe_href(href: str) -> str | None:
    """The href to emit for a model `Link`, or None to render it as plain text.

    Only http(s) URLs with a host and mailto: addresses pass; the result is
    percent-encoded so that it is a valid URL (EPUBCheck rejects spaces)."""
    if not href:
        return None
    cleaned = _XML_INVALID.sub("", href).strip()
    if any(c.isspace() for c in cleaned):
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if f"{scheme}:" not in {x.rstrip("/") for x in SAFE_SCHEMES}:
        return None
    if scheme in ("http", "https") and not parts.netloc:
        return None
    if scheme == "mailto" and not parts.path:
        return None
    return quote(cleaned, safe=":/?#[]@!$&'()*+,;=%~-._")


def ncname(value: str, prefix: str = "x") -> str:
    """A valid XML NCName made from `value` (for ids the EPUB package needs)."""
    out = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-") or prefix
    if not re.match(r"[A-Za-z_]", out):
        out = f"{prefix}-{out}"
    return out


def entry_title(entry: Entry) -> str:
    return entry.doc.metadata.title.strip() or entry.id


def part_label(part: Part, index: int) -> str:
    """'Part I' unless the part's own title already says 'Part …'."""
    if re.match(r"(?i)part\b", part.title.strip()):
        return ""
    return f"Part {roman(index)}"


def part_title(part: Part, index: int) -> str:
    label = part_label(part, index)
    if label and part.title:
        return f"{label}: {part.title}"
    return part.title or label


def _part_id(part: Part, index: int) -> str:
    return part.id or f"part-{index}"


# ------------------------------------------------------------------ render context
class RenderContext:
    """What the macros need besides the nodes: hrefs, note look-up, heading levels.

    One context per rendered section; `entry` is set for a text (note calls
    resolve against that text's notes)."""

    def __init__(self, target: str, filenames: dict[str, str], entry: Entry | None = None,
                 heading_base: int = 2, id_prefix: str = ""):
        """`filenames` maps section ids to EPUB file names (see `filenames_for`)."""
        if target not in TARGETS:
            raise ValueError(f"target must be one of {TARGETS}, not {target!r}")
        self.target = target
        self.filenames = filenames
        self.entry = entry
        self._heading_levels: dict[int, int] = {}
        self._heading_base = heading_base
        self._notes_by_ref: dict[str, Note] = {}
        self._notes_by_label: dict[str, Note] = {}
        self._heading_counter = 0
        self._id_prefix = id_prefix or (entry.id if entry is not None else "section")
        #: ids of the note calls actually written (back-links point only there)
        self.calls: list[str] = []
        if entry is not None:
            for note in entry.doc.notes:
                for ref_id in note.ref_ids:
                    self._notes_by_ref[ref_id] = note
                self._notes_by_label.setdefault(note.label, note)
            self.set_headings(entry.doc.blocks)

    # links ----------------------------------------------------------
    def href(self, doc_id: str, fragment: str | None = None) -> str:
        """Link to a section (and optionally an id inside it)."""
        if self.target == "print":
            return "#" + (fragment or doc_id)
        filename = self.filenames[doc_id]
        return f"{filename}#{fragment}" if fragment else filename

    def safe_href(self, href: str) -> str | None:
        return safe_href(href)

    # notes ----------------------------------------------------------
    def note_for(self, ref: NoteRef) -> Note | None:
        if self.entry is None:
            return None
        note = self._notes_by_ref.get(ref.ref_id) if ref.ref_id else None
        if note is None and not ref.ref_id:
            note = self._notes_by_label.get(ref.label)
        if note is None or not note.id:
            return None
        return note

    def note_href(self, note: Note) -> str:
        return self.href("notes", note.id)

    def first_call(self, ref_id: str) -> bool:
        """True the first time a call id is written; a repeated id (which would
        make the XHTML invalid) is then written without its id."""
        if ref_id in self.calls:
            return False
        self.calls.append(ref_id)
        return True

    def backlinks(self, note: Note, calls: set[str]) -> list[str]:
        """The note's call ids that exist in the rendered text, in order."""
        return [r for r in note.ref_ids if r in calls]

    def call_label(self, ref: NoteRef, note: Note | None) -> str:
        if ref.number is not None:
            return str(ref.number)
        if note is not None and note.number is not None:
            return str(note.number)
        return ref.label

    # headings -------------------------------------------------------
    def set_headings(self, blocks: list[Block]) -> None:
        """Map the model's heading levels used in `blocks` onto h2, h3, … in order."""
        levels = sorted({b.level for b in _walk_blocks(blocks) if isinstance(b, Heading)})
        self._heading_levels = {lvl: min(6, self._heading_base + i) for i, lvl in enumerate(levels)}

    def heading_tag(self, heading: Heading) -> str:
        return f"h{self._heading_levels.get(heading.level, self._heading_base)}"

    def heading_id(self, heading: Heading) -> str:
        if heading.id:
            return heading.id
        self._heading_counter += 1
        return f"{self._id_prefix}-heading-{self._heading_counter}"

    def unknown(self, node) -> str:
        raise TypeError(f"render: no template for model node {type(node).__name__}")


def _walk_blocks(blocks: list[Block]):
    for b in blocks:
        yield b
        inner = getattr(b, "blocks", None)
        if isinstance(inner, list):
            yield from _walk_blocks(inner)


# ------------------------------------------------------------------ the book
def _doc_ids(book: Book) -> list[tuple[str, str]]:
    """(id, kind) of every section that render_book produces, in reading order."""
    ids = [("halftitle", "halftitle"), ("titlepage", "titlepage"), ("imprint", "imprint"),
           ("toc", "contents")]
    if book.introduction:
        ids.append(("introduction", "introduction"))
    for i, part in enumerate(book.parts, 1):
        ids.append((_part_id(part, i), "part"))
        ids.extend((e.id, "text") for e in part.entries)
    if any(e.doc.notes for e in book.entries):
        ids.append(("notes", "endnotes"))
    ids.append(("sources", "sources"))
    if _biographies(book):
        ids.append(("authors", "authors"))
    ids.append(("colophon", "colophon"))
    return ids


def _check_ids(book: Book, doc_ids: list[tuple[str, str]]) -> None:
    seen: set[str] = set()
    for doc_id, kind in doc_ids:
        if not doc_id or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", doc_id):
            raise RenderError(f"render: {kind} id {doc_id!r} cannot be a file name and an id; "
                             "use letters, digits, '.', '_' and '-'")
        if doc_id in seen:
            raise RenderError(f"render: id {doc_id!r} is used twice ({kind}); ids of parts and "
                             f"texts must be unique and must not be one of {', '.join(RESERVED_IDS)}")
        seen.add(doc_id)


def filenames_for(book: Book) -> dict[str, str]:
    """Section id -> EPUB file name, for every section of the book."""
    return {doc_id: f"{doc_id}.xhtml" for doc_id, _ in _doc_ids(book)}


def authors_title(book: Book) -> str:
    """"About the Author" for one biography (of one author), else "About the Authors"."""
    bios = _biographies(book)
    one = len(bios) == 1 and len(re.split(r",| and | & ", bios[0][0])) == 1
    return "About the Author" if one else "About the Authors"


def _biographies(book: Book) -> list[tuple[str, list[Block]]]:
    """(author names, biography) once per author (or group of co-authors), in book order."""
    seen: dict[str, list[Block]] = {}
    for e in book.entries:
        md = e.doc.metadata
        if not md.biography:
            continue
        key = join_names(md.authors) or entry_title(e)
        seen.setdefault(key, md.biography)
    return list(seen.items())


def book_toc(book: Book, target: Target = "epub") -> list[TocItem]:
    """The table of contents: front matter, parts with their texts, back matter."""
    fn = filenames_for(book)
    ctx = RenderContext(target, fn)
    items: list[TocItem] = []
    if target == "epub":
        items += [TocItem("Title Page", "titlepage", ctx.href("titlepage")),
                  TocItem("Imprint", "imprint", ctx.href("imprint"))]
    if book.introduction:
        items.append(TocItem(book.introduction_title or "Introduction", "introduction",
                             ctx.href("introduction")))
    for i, part in enumerate(book.parts, 1):
        pid = _part_id(part, i)
        children = tuple(TocItem(entry_title(e), e.id, ctx.href(e.id)) for e in part.entries)
        items.append(TocItem(part_title(part, i), pid, ctx.href(pid), children))
    if "notes" in fn:
        items.append(TocItem("Notes", "notes", ctx.href("notes")))
    items.append(TocItem("Sources and Rights", "sources", ctx.href("sources")))
    if "authors" in fn:
        items.append(TocItem(authors_title(book), "authors", ctx.href("authors")))
    items.append(TocItem("Colophon", "colophon", ctx.href("colophon")))
    return items


def book_landmarks(book: Book, target: Target = "epub") -> list[Landmark]:
    fn = filenames_for(book)
    ctx = RenderContext(target, fn)
    marks = [Landmark("toc", "Table of Contents", "toc", ctx.href("toc"))]
    first_body = next((d for d, kind in _doc_ids(book) if kind == "part"), None)
    if first_body:
        marks.append(Landmark("bodymatter", "Start of Content", first_body, ctx.href(first_body)))
    if "notes" in fn:
        marks.append(Landmark("endnotes", "Notes", "notes", ctx.href("notes")))
    return marks


def render_book(book: Book, target: Target = "epub", *,
                built: _dt.date | _dt.datetime | None = None) -> list[Doc]:
    """Render every section of `book` for `target` ("epub" or "print").

    `built` is the build date shown in the colophon (pass the date derived from
    the build epoch for reproducible output; None leaves the date out).
    Returns the sections in reading order; see `Doc` for the fields."""
    if target not in TARGETS:
        raise ValueError(f"target must be one of {TARGETS}, not {target!r}")
    doc_ids = _doc_ids(book)
    _check_ids(book, doc_ids)
    fn = {doc_id: f"{doc_id}.xhtml" for doc_id, _ in doc_ids}
    lang = book.meta.language or "en"
    base = dict(book=book, meta=book.meta, target=target, version=__version__,
                built=human_date(built) if built else "")
    docs: list[Doc] = []

    def add(doc_id: str, kind: str, template: str, title: str, epub_type: str, role: str,
            matter: str, section_lang: str = lang, ctx: RenderContext | None = None, **extra):
        ctx = ctx or RenderContext(target, fn)
        body = env().get_template(template).render(
            **base, ctx=ctx, id=doc_id, title=title, epub_type=epub_type, role=role,
            lang=section_lang, book_lang=lang, **extra)
        docs.append(Doc(id=doc_id, filename=fn[doc_id], title=title, epub_type=epub_type,
                        role=role, html_body=Markup(body.strip()), kind=kind,
                        lang=section_lang, matter=matter))

    m = book.meta
    add("halftitle", "halftitle", "halftitle.xhtml.j2", m.title, "halftitlepage", "", "front")
    add("titlepage", "titlepage", "titlepage.xhtml.j2", "Title Page", "titlepage", "", "front")
    add("imprint", "imprint", "imprint.xhtml.j2", "Imprint", "imprint", "", "front")
    add("toc", "contents", "contents.xhtml.j2", "Contents", "toc", "doc-toc", "front",
        toc=book_toc(book, target), landmarks=book_landmarks(book, target) if target == "epub" else [])
    if book.introduction:
        ctx = RenderContext(target, fn, id_prefix="introduction")
        ctx.set_headings(book.introduction)
        add("introduction", "introduction", "introduction.xhtml.j2",
            book.introduction_title or "Introduction", "introduction", "doc-introduction",
            "front", ctx=ctx, blocks=book.introduction)
    calls: dict[str, set[str]] = {}
    for i, part in enumerate(book.parts, 1):
        pid = _part_id(part, i)
        ctx = RenderContext(target, fn, id_prefix=pid)
        ctx.set_headings(part.intro)
        add(pid, "part", "part.xhtml.j2", part_title(part, i), "part", "doc-part", "body",
            ctx=ctx, part=part, label=part_label(part, i))
        for entry in part.entries:
            text_lang = entry.doc.metadata.language or lang
            ctx = RenderContext(target, fn, entry)
            add(entry.id, "text", "text.xhtml.j2", entry_title(entry), "chapter", "doc-chapter",
                "body", section_lang=text_lang, ctx=ctx, entry=entry, md=entry.doc.metadata,
                headnote_ctx=_headnote_ctx(target, fn, entry))
            calls[entry.id] = set(ctx.calls)
    if "notes" in fn:
        groups = []
        for e in book.entries:
            if e.doc.notes:
                notes = sorted(e.doc.notes, key=lambda n: (n.number is None, n.number or 0))
                # notes are rendered without the text's note table: a call
                # inside a note must not repeat the id of a call in the text
                nctx = RenderContext(target, fn, id_prefix=f"notes-{e.id}")
                groups.append((e, nctx, notes, calls.get(e.id, set())))
        add("notes", "endnotes", "endnotes.xhtml.j2", "Notes", "endnotes", "doc-endnotes",
            "back", groups=groups, split_last=_split_last)
    add("sources", "sources", "sources.xhtml.j2", "Sources and Rights", "appendix",
        "doc-appendix", "back", entries=book.entries)
    bios = _biographies(book)
    if bios:
        add("authors", "authors", "authors.xhtml.j2", authors_title(book), "appendix",
            "doc-appendix", "back", bios=bios,
            ctx=RenderContext(target, fn, heading_base=3, id_prefix="authors"))
    add("colophon", "colophon", "colophon.xhtml.j2", "Colophon", "colophon", "doc-colophon", "back")
    return docs


def _headnote_ctx(target: str, fn: dict[str, str], entry: Entry) -> RenderContext:
    ctx = RenderContext(target, fn, id_prefix=f"{entry.id}-headnote")
    ctx.set_headings(entry.headnote)
    return ctx


def _split_last(blocks: list[Block]) -> tuple[list[Block], Paragraph | None]:
    """(all but the last block, last block if it is a paragraph) — so that a
    note's kind label and back-links can close its last paragraph."""
    if blocks and isinstance(blocks[-1], Paragraph):
        return blocks[:-1], blocks[-1]
    return blocks, None


# ------------------------------------------------------------------ pages
def render_page(doc: Doc, *, stylesheets: Iterable[str] = (), book_lang: str | None = None,
                body_class: str = "") -> str:
    """A complete XHTML5 content document around `doc` (for the EPUB)."""
    lang = book_lang or doc.lang
    return env().get_template("page.xhtml.j2").render(
        doc=doc, lang=lang, stylesheets=list(stylesheets), body_class=body_class)


def render_cover(book: Book, image_href: str) -> Doc:
    """The EPUB cover page (a section holding the cover image with alt text)."""
    m = book.meta
    alt = m.title + (f": {m.subtitle}" if m.subtitle else "")
    if m.editors:
        alt += f". Edited by {join_names(m.editors)}"
    alt = f"Cover: {alt}."
    body = env().get_template("cover.xhtml.j2").render(image_href=image_href, alt=alt,
                                                        title=m.title)
    return Doc(id="cover", filename="cover.xhtml", title="Cover", epub_type="cover", role="",
               html_body=Markup(body.strip()), kind="cover", lang=m.language or "en",
               matter="front")


def render_print_html(book: Book, *, stylesheets: Iterable[str] = (),
                      built: _dt.date | _dt.datetime | None = None) -> str:
    """One HTML document with every section (target "print"), for WeasyPrint."""
    docs = render_book(book, "print", built=built)
    return env().get_template("book.html.j2").render(
        docs=docs, lang=book.meta.language or "en", title=book.meta.title,
        stylesheets=list(stylesheets), meta=book.meta)


def stylesheet_text(name: str) -> str:
    """Contents of styles/<name> (e.g. "common.css")."""
    return (STYLES_DIR / name).read_text(encoding="utf-8")

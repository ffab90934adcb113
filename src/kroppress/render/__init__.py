"""The shared rendering layer: a `Book` becomes a list of rendered sections.

Both writers call this module and only package its output:

* the EPUB writer calls ``render_book(book, target="epub")`` and wraps each
  section in its own XHTML file (``render_page``);
* the PDF writer calls ``render_book(book, target="print")`` (or
  ``render_print_html``) and concatenates the bodies into one document.

The only difference between the targets is how links between sections are
written (``kp-notes.xhtml#x`` in the EPUB, ``#x`` in the single print document)
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
from dataclasses import dataclass
from typing import Iterable

from markupsafe import Markup

from .. import __version__
from ..errors import KroppressError
from ..model import Block, Book, Entry, Paragraph, Part
from ..paths import STYLES_DIR
from .context import TARGETS, RenderContext, Target
from .environment import NOTE_KIND_LABELS, env, make_env
from .filters import (drop_label, human_date, is_sentence, join_names, link_urls, mentions_url,
                      ncname, roman, safe_href, sentence)
from .ids import RESERVED_IDS, book_id, derived


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
    filename: str      # EPUB file name, e.g. "kp-notes.xhtml"
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
    author: str = ""   # a text's author, when not the book's


@dataclass(frozen=True)
class Landmark:
    epub_type: str
    title: str
    doc_id: str
    href: str




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


def part_id(part: Part, index: int) -> str:
    return part.id or f"part-{index}"


def has_page(part: Part) -> bool:
    """A part opens with a page of its own when it has a title or an
    introduction; one without either only holds its texts in order."""
    return bool(part.title.strip() or part.intro)


# ------------------------------------------------------------------ the book
def _doc_ids(book: Book) -> list[tuple[str, str]]:
    """(id, kind) of every section that render_book produces, in reading order."""
    ids = [(book_id("halftitle"), "halftitle"), (book_id("titlepage"), "titlepage"),
           (book_id("imprint"), "imprint"), (book_id("toc"), "contents")]
    if book.introduction:
        ids.append((book_id("introduction"), "introduction"))
    for i, part in enumerate(book.parts, 1):
        if has_page(part):
            ids.append((part_id(part, i), "part"))
        ids.extend((e.id, "text") for e in part.entries)
    if any(e.doc.notes for e in book.entries):
        ids.append((book_id("notes"), "endnotes"))
    ids.append((book_id("sources"), "sources"))
    if _biographies(book):
        ids.append((book_id("authors"), "authors"))
    ids.append((book_id("colophon"), "colophon"))
    return ids


def _check_ids(book: Book, doc_ids: list[tuple[str, str]]) -> None:
    seen: set[str] = set()
    for doc_id, kind in doc_ids:
        if not doc_id or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", doc_id):
            raise RenderError(f"render: {kind} id {doc_id!r} cannot be a file name and an id; "
                             "use letters, digits, '.', '_' and '-'")
        if doc_id in seen:
            raise RenderError(f"render: id {doc_id!r} is used twice ({kind}); ids of parts and "
                             f"texts must be unique and must not begin with 'kp-'")
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


def book_author(book: Book) -> str:
    """The author most of the book's texts are by (more than half of them),
    else "": the contents names only the authors of the other texts."""
    names = [join_names(e.doc.metadata.authors) for e in book.entries]
    top = max(set(names), key=names.count, default="")
    return top if names.count(top) * 2 > len(names) else ""


def _toc_author(entry: Entry, main: str) -> str:
    names = join_names(entry.doc.metadata.authors)
    return names if names != main else ""


def book_toc(book: Book, target: Target = "epub") -> list[TocItem]:
    """The table of contents: front matter, parts with their texts (with
    their authors where not the book's), back matter."""
    fn = filenames_for(book)
    ctx = RenderContext(target, fn)
    main = book_author(book)
    items: list[TocItem] = []
    if target == "epub":
        items += [TocItem("Title Page", book_id("titlepage"), ctx.href(book_id("titlepage"))),
                  TocItem("Imprint", book_id("imprint"), ctx.href(book_id("imprint")))]
    if book.introduction:
        items.append(TocItem(book.introduction_title or "Introduction",
                             book_id("introduction"), ctx.href(book_id("introduction"))))
    for i, part in enumerate(book.parts, 1):
        pid = part_id(part, i)
        children = tuple(TocItem(entry_title(e), e.id, ctx.href(e.id), author=_toc_author(e, main))
                         for e in part.entries)
        if has_page(part):
            items.append(TocItem(part_title(part, i), pid, ctx.href(pid), children))
        else:
            items += children
    if book_id("notes") in fn:
        items.append(TocItem("Notes", book_id("notes"), ctx.href(book_id("notes"))))
    items.append(TocItem("Sources and Rights", book_id("sources"), ctx.href(book_id("sources"))))
    if book_id("authors") in fn:
        items.append(TocItem(authors_title(book), book_id("authors"), ctx.href(book_id("authors"))))
    items.append(TocItem("Colophon", book_id("colophon"), ctx.href(book_id("colophon"))))
    return items


def book_landmarks(book: Book, target: Target = "epub") -> list[Landmark]:
    fn = filenames_for(book)
    ctx = RenderContext(target, fn)
    marks = [Landmark("toc", "Table of Contents", book_id("toc"), ctx.href(book_id("toc")))]
    first_body = next((d for d, kind in _doc_ids(book) if kind in ("part", "text")), None)
    if first_body:
        marks.append(Landmark("bodymatter", "Start of Content", first_body, ctx.href(first_body)))
    if book_id("notes") in fn:
        marks.append(Landmark("endnotes", "Notes", book_id("notes"), ctx.href(book_id("notes"))))
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
    add(book_id("halftitle"), "halftitle", "halftitle.xhtml.j2", m.title, "halftitlepage", "", "front")
    add(book_id("titlepage"), "titlepage", "titlepage.xhtml.j2", "Title Page", "titlepage", "", "front")
    add(book_id("imprint"), "imprint", "imprint.xhtml.j2", "Imprint", "imprint", "", "front")
    add(book_id("toc"), "contents", "contents.xhtml.j2", "Contents", "toc", "doc-toc", "front",
        toc=book_toc(book, target), landmarks=book_landmarks(book, target) if target == "epub" else [])
    if book.introduction:
        ctx = RenderContext(target, fn, id_prefix=book_id("introduction"))
        ctx.set_headings(book.introduction)
        add(book_id("introduction"), "introduction", "introduction.xhtml.j2",
            book.introduction_title or "Introduction", "introduction", "doc-introduction",
            "front", ctx=ctx, blocks=book.introduction)
    calls: dict[str, set[str]] = {}
    for i, part in enumerate(book.parts, 1):
        pid = part_id(part, i)
        if has_page(part):
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
    if book_id("notes") in fn:
        groups = []
        for e in book.entries:
            if e.doc.notes:
                notes = sorted(e.doc.notes, key=lambda n: (n.number is None, n.number or 0))
                # notes are rendered without the text's note table: a call
                # inside a note must not repeat the id of a call in the text
                nctx = RenderContext(target, fn, id_prefix=derived(book_id("notes"), e.id))
                groups.append((e, nctx, notes, calls.get(e.id, set())))
        add(book_id("notes"), "endnotes", "endnotes.xhtml.j2", "Notes", "endnotes", "doc-endnotes",
            "back", groups=groups, split_last=_split_last)
    add(book_id("sources"), "sources", "sources.xhtml.j2", "Sources and Rights", "appendix",
        "doc-appendix", "back", entries=book.entries)
    bios = _biographies(book)
    if bios:
        add(book_id("authors"), "authors", "authors.xhtml.j2", authors_title(book), "appendix",
            "doc-appendix", "back", bios=bios,
            ctx=RenderContext(target, fn, heading_base=3, id_prefix=book_id("authors")))
    add(book_id("colophon"), "colophon", "colophon.xhtml.j2", "Colophon", "colophon", "doc-colophon", "back")
    return docs


def _headnote_ctx(target: str, fn: dict[str, str], entry: Entry) -> RenderContext:
    ctx = RenderContext(target, fn, id_prefix=derived(entry.id, "headnote"))
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
    return Doc(id=book_id("cover"), filename=f"{book_id('cover')}.xhtml", title="Cover", epub_type="cover", role="",
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


__all__ = ["Doc", "Landmark", "NOTE_KIND_LABELS", "RESERVED_IDS", "RenderContext", "RenderError",
           "TARGETS", "Target", "TocItem", "authors_title", "book_author", "book_landmarks", "book_toc",
           "drop_label", "entry_title", "env", "filenames_for", "human_date", "is_sentence",
           "has_page", "join_names", "link_urls", "make_env", "mentions_url", "ncname", "part_label",
           "part_title", "render_book", "render_cover", "render_page", "render_print_html",
           "roman", "safe_href", "sentence", "stylesheet_text"]

"""The reading view: the book's EPUB content documents, served as they are.

Pages come from the EPUB writer's own calls (`render_book(book, "epub")`,
`render_page`), at the same relative paths as inside the EPUB
(`/read/<section>.xhtml`, `/read/css/…`, `/read/images/cover.png`), so the
book's own links work unchanged. One `<script>` is added before `</body>`:
the EPUB writer never calls `inject`, so no book carries it.
"""
from __future__ import annotations

from markupsafe import escape

from ..render import book_toc, render_book, render_cover, render_page, stylesheet_text
from .project import Snapshot

STYLESHEETS = ("common.css", "epub.css")     # as writers.epub.STYLESHEETS
COVER_IMAGE = "images/cover.png"
XHTML = "application/xhtml+xml"


def inject(page: str, view: str, generation: int, text_id: str = "") -> str:
    """`page` with the live-reload script before its `</body>`."""
    tag = (f'<script src="/_serve/live.js" data-view="{view}" data-generation="{generation}"'
           f' data-text="{escape(text_id)}"></script>\n')
    head, sep, tail = page.rpartition("</body>")
    return head + tag + sep + tail if sep else page + tag


def pages(snap: Snapshot) -> dict[str, tuple[str, bytes]]:
    """{path under /read/: (media type, bytes)} for the snapshot's book."""
    if "read" in snap.cache:
        return snap.cache["read"]
    book = snap.book
    out: dict[str, tuple[str, bytes]] = {}
    if book is not None:
        from ..render.cover_image import cover_png
        lang = book.meta.language or "en"
        hrefs = [f"css/{name}" for name in STYLESHEETS]
        texts = {e.id for e in book.entries}
        docs = render_book(book, "epub", built=_built(book))
        cover = render_cover(book, COVER_IMAGE)
        page = render_page(cover, stylesheets=hrefs, book_lang=lang, body_class="cover-page")
        out[cover.filename] = (XHTML, inject(page, "read", snap.generation).encode())
        for doc in docs:
            page = render_page(doc, stylesheets=hrefs, book_lang=lang)
            tid = doc.id if doc.id in texts else ""
            out[doc.filename] = (XHTML, inject(page, "read", snap.generation, tid).encode())
        for name in STYLESHEETS:
            out[f"css/{name}"] = ("text/css", stylesheet_text(name).encode())
        out[COVER_IMAGE] = ("image/png", cover_png(book.meta))
    snap.cache["read"] = out
    return out


def _built(book):
    """The colophon's date, as the EPUB writer has it (`build.source_epoch`)."""
    from ..build.run import source_epoch
    from ..epoch import epoch_datetime
    return epoch_datetime(source_epoch(book.meta.date)).date()


def spine(snap: Snapshot) -> list[dict]:
    """The sections in reading order (cover first), for previous/next links."""
    if snap.book is None:
        return []
    return [{"href": f"/read/{d.filename}", "title": d.title}
            for d in render_book(snap.book, "epub")]


def toc(snap: Snapshot) -> list[dict]:
    """The book's contents, for the served pages' side navigation."""
    if snap.book is None:
        return []

    def item(i) -> dict:
        return {"title": i.title, "href": f"/read/{i.href}",
                "children": [item(c) for c in i.children]}
    return [item(i) for i in book_toc(snap.book, "epub")]

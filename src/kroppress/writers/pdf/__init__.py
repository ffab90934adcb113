"""PDF writer: lays out the print rendering of a `Book` with WeasyPrint.

What a press needs on top of the shared rendering, by module (each imports
only those below it; nothing imports this one but the build and tests):

* `weasy` (with `weasyfix`): everything asked of WeasyPrint, the only
  modules that import it; the fetcher (`kroppress.render.fetch.SafeFetcher`),
  metadata, a deterministic file (same book, profile and epoch give the
  same bytes);
* `geometry`: the page geometry of the print profile (trim size, mirrored
  margins, bleed, crop marks) and the text face, EB Garamond;
* `tree` (with `measure`): the print-only passes over the rendered
  document, never new content;
* `single`: the book laid out as one WeasyPrint document;
* `press`: what every written PDF gets after WeasyPrint (page labels) and a
  press file (no links, CMYK groups, marks in a slug);
* `wrap_cover` (with `barcode`): the paperback wrap cover;
* `chunks`: a long book laid out in chunks, in parallel, and joined.

WeasyPrint is imported lazily, inside functions; `kroppress.build` imports
this package lazily, so EPUB-only builds never load it.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import os
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

from ... import phases
from ...config import PrintProfile
from ...epoch import epoch_datetime
from ...render.fonts import use_project_fonts
from ...model import Book
from . import weasy
from .chunks import Workers, worth_splitting, write_chunked
from .booklet import booklet_default_profile, impose, layout_profile, same_layout
from .geometry import default_profile, font_css, font_files, is_pdfx, page_css, tagged, \
    type_area_height
from .pages import folio_labels, starts
from .press import finish
from .wrap_cover import count_pages, write_cover
from .single import write_single
from .tree import print_html, print_tree

__all__ = ["write_booklet", "count_pages", "interior_pages", "write_cover", "default_profile", "font_css", "font_files", "page_css", "print_html",
           "print_tree", "start_workers", "tagged", "type_area_height", "write_pdf"]


def write_pdf(book: Book, path: str | Path, *,
              epoch: int | float | _dt.datetime | _dt.date,
              profile: PrintProfile | None = None,
              warnings: list[str] | None = None,
              stylesheets: Iterable[str] = (),
              jobs: int | None = 1,
              on_page=None,
              layout: str = "auto",
              cache_dir: str | Path | None = None,
              reuse: bool = True,
              workers=None,
              page_starts: list | None = None,
              page_records: list | None = None) -> Path:
    """Write `book` as a PDF at `path` with the print `profile`; returns the path.

    `epoch` fixes every date in the file (and the colophon's build date).
    `warnings` receives one line per refused resource or layout problem;
    nothing here raises for them. `stylesheets` are extra CSS texts applied
    last (through the same fetcher; for tests and local tweaks).

    `layout` is "single" (one WeasyPrint document), "chunks" (laid out in
    chunks, `jobs` processes at a time, and joined: see
    `kroppress.writers.pdf.chunks`) or "auto": chunks for a long untagged book.
    The choice never depends on `jobs`, so neither do the bytes written.
    `on_page(done, total)` is told of the pages laid out. With `cache_dir`,
    the chunks of a long book are kept there, and a chunk that has not
    changed is not laid out again by the next build (unless not `reuse`).
    `workers`: processes from `start_workers` (shut down here in any case).
    `page_starts` receives, for each page, where its text begins
    (`kroppress.render.pagemap.PageStart`, None for a page without text): the
    EPUB's print page list. `page_records` receives every page's record
    (`pages.records`, with its lines: the typographic report)."""
    use_project_fonts()                  # before WeasyPrint's first use in this process
    path = Path(path)
    profile = profile or default_profile()
    sink: list[str] = [] if warnings is None else warnings
    moment = epoch_datetime(epoch)
    jobs = max(1, jobs or os.cpu_count() or 1)
    with phases.phase("print tree"):
        root = print_tree(book, profile, moment.date(), stamp=page_starts is not None)
    recs: list | None = [] if page_starts is not None else None
    meta = weasy.book_metadata(book, moment)
    seed = f"{book.meta.identifier}|{profile.name}|{weasy.w3c(moment)}"
    options = dict(pdf_identifier=weasy.pdf_identifier(book, profile),
                   pdf_variant=profile.pdf_variant or None,
                   finisher=weasy.finisher(seed, profile.pdf_variant))
    if layout == "chunks" or (layout == "auto" and not tagged(profile)
                              and worth_splitting(root)):
        if tagged(profile):
            raise ValueError(f"{profile.pdf_variant}: a tagged PDF cannot be laid out in chunks")
        front = dict(meta=meta, identifier=options["pdf_identifier"], seed=seed)
        folios: list = []
        write_chunked(root, path, profile, moment, front, sink, list(stylesheets), jobs, on_page,
                      cache_dir, reuse, workers, recs, folios)
    else:
        if workers is not None:
            workers.shutdown()
        folios = []
        write_single(root, path, profile, moment, meta, options, sink, stylesheets, on_page,
                     folios)
        recs = folios if recs is not None else None
    # page labels as the folios; a press file: no links, the marks in a slug
    with phases.phase("labels and press"):
        finish(path, labels=folio_labels(folios), press=is_pdfx(profile), marks=profile.crop_marks)
    if recs is not None:
        page_starts += starts(recs)
    if page_records is not None:
        page_records += folios
    return path


def start_workers(profile: PrintProfile, jobs: int | None, stylesheets: Sequence[str] = ()):
    """Worker processes for a long book's chunks, started before the texts are
    read: they import WeasyPrint (~1 s) and load the fonts while the parent
    reads and assembles the book. None for one process or a tagged PDF."""
    use_project_fonts()                  # before the fork: the workers inherit it
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs < 2 or tagged(profile):
        return None
    return Workers(jobs, [font_css() + page_css(profile), *stylesheets])


def interior_pages(book: Book, near: str | Path, *, epoch, profile: PrintProfile | None = None,
                   jobs: int | None = 1, cache_dir: str | Path | None = None,
                   reuse: bool = True, on_page=None) -> int:
    """The page count of `book`'s interior with `profile`, laid out once into
    a temp file next to `near` (the cover's temp file in the output folder,
    so a killed build's leftovers are cleared like the others) and removed."""
    near = Path(near)
    fd, name = tempfile.mkstemp(prefix=f".{near.name.lstrip('.')}.interior.", suffix=".tmp",
                                dir=near.parent)
    os.close(fd)
    try:
        write_pdf(book, name, epoch=epoch, profile=profile, jobs=jobs, cache_dir=cache_dir,
                      reuse=reuse, on_page=on_page, warnings=[])
        return count_pages(name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def write_booklet(book: Book, path: str | Path, *,
                  epoch: int | float | _dt.datetime | _dt.date,
                  profile: PrintProfile | None = None,
                  interior: str | Path | None = None,
                  interior_profile: PrintProfile | None = None,
                  warnings: list[str] | None = None,
                  stylesheets: Iterable[str] = (),
                  jobs: int | None = 1,
                  on_page=None,
                  cache_dir: str | Path | None = None,
                  reuse: bool = True) -> Path:
    """Write `book` as a booklet at `path` with the print `profile`.

    `interior`: a PDF of the book this build has written, laid out with
    `interior_profile`; imposed as it is when its pages are the booklet's
    (`same_layout`), else the book is laid out at the booklet's page size in
    a temp file next to `path` (removed again), its long book's chunks kept
    in `cache_dir`/booklet. The other arguments go to `write_pdf`."""
    path = Path(path)
    profile = profile or booklet_default_profile()
    wanted = layout_profile(profile)
    args = dict(epoch=epoch, title=book.meta.title, authors=weasy.authors(book))
    if interior is not None and interior_profile is not None \
            and same_layout(interior_profile, wanted):
        impose(Path(interior), path, profile, **args)
        return path
    # named after `path` (the build's temp file): a killed build's leftover
    # is removed by the next build (outdir.clear_stale_temps)
    name = path.name if path.name.startswith(".") else f".{path.name}"
    fd, tmp = tempfile.mkstemp(prefix=f"{name}.interior-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        # a chunk cache of its own: each layout forgets the chunks it did not use,
        # and the book's PDF (another page size) would lose its chunks to this one
        write_pdf(book, tmp, epoch=epoch, profile=wanted, warnings=warnings,
                  stylesheets=stylesheets, jobs=jobs, on_page=on_page,
                  cache_dir=Path(cache_dir) / "booklet" if cache_dir is not None else None,
                  reuse=reuse)
        impose(Path(tmp), path, profile, **args)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return path

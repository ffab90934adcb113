"""`kroppress build`: config -> Book -> EPUB and/or PDF in `dist/`.

All-or-nothing: the config, the selection, the edition and the print profile
are checked before any text is read; every output is written to a temp file
in the output folder (`build.atomic.write_atomic`) and only renamed into place once
*all* requested outputs have been written. On any error nothing appears in
the output folder (a folder we created for the build is removed again).

WeasyPrint is imported only when a PDF is requested.

The formats are the registry's (`kroppress.writers.known()`): each declares
its file name from the stem (`<slug of the book title>[-<edition>]`) and the
profile, and what it needs; the order of writing is planned from those needs
(`writers.registry.plan`: the PDF before an e-book with its page list, the
EPUB before the kepub and azw3, the interior before its cover).

Reproducibility: the epoch handed to the writers is `SOURCE_DATE_EPOCH` if
set, else the book's date (after edition overrides) at 00:00 UTC.
"""
from __future__ import annotations

import contextlib
import importlib
import os
from pathlib import Path
from typing import Callable, Sequence

from rich.console import Console
from rich.markup import escape
from slugify import slugify

from . import cache
from .. import phases
from .atomic import write_atomic
from ..config import Config, load_config
from ..epoch import source_epoch
from ..errors import KroppressError, quoted
from ..notice import Notice
from .outdir import clear_stale_temps, output_dir
from .pagesource import page_profile as _page_profile, print_page_list, print_pages
from .progress import Progress, estimate_pages
from ..writers import Format, WriteJob, known as _formats
from ..writers.registry import plan

__all__ = ["cap_jobs", "format_help", "output_paths", "parse_formats",
           "run_build", "source_epoch"]


def format_help() -> str:
    """`--format`'s list of choices, from the registry."""
    names = list(_formats())
    return f"{', '.join(names[:-1])}, {names[-1]} or all"


def __getattr__(name: str):
    if name == "FORMAT_HELP":
        return format_help()
    raise AttributeError(name)


def parse_formats(formats: str | Sequence[str]) -> list[str]:
    known = _formats()
    items = [formats] if isinstance(formats, str) else list(formats)
    out: list[str] = []
    for item in items:
        for f in str(item).split(","):
            f = f.strip().lower()
            if f == "all":
                wanted = [n for n, fmt in known.items() if fmt.in_all]
            elif f in known:
                wanted = [f]
            else:
                raise KroppressError(f"--format {quoted(f)}: unknown format; use {format_help()}")
            out += [w for w in wanted if w not in out]
    if not out:
        raise KroppressError(f"--format: no format given; use {format_help()}")
    return [f for f in known if f in out]


def cap_jobs(jobs: int | None, n_texts: int, console: Console | None) -> int | None:
    """More workers than cores, or than a book has chunks (about one a text,
    plus the front and back matter), only cost memory: cap them, and say so."""
    if jobs is None:
        return None
    cores = os.cpu_count() or 1
    limit = max(1, min(cores, n_texts + 2))
    if jobs > limit and console is not None:
        console.print(f"warning: --jobs {jobs}: using {limit} (this machine has {cores} core(s) "
                      f"and the book {n_texts} text(s))", style="yellow", markup=False, highlight=False)
    return min(jobs, limit)


def output_paths(config: Config, formats: Sequence[str], out_dir: Path,
                 edition: str | None = None, profile: str | None = None) -> dict[str, Path]:
    # a file name stays well under the file system's 255 bytes, however long the title
    stem = slugify(config.book.title, max_length=80, word_boundary=True) or "book"
    if edition:
        stem += f"-{edition}"
    known = _formats()
    return {f: out_dir / known[f].filename(stem, profile) for f in known if f in formats}


def _load_writer(fmt: str) -> Callable[[WriteJob], object]:
    """The format's `write`, after importing its writer module: a missing
    library is one line before any text is read."""
    declared: Format = _formats()[fmt]
    other = "pdf" if declared.kind == "ebook" else "epub"
    if declared.module:
        try:
            importlib.import_module(declared.module)
        except ModuleNotFoundError as exc:
            if exc.name in (declared.module, "kroppress.writers"):
                raise KroppressError(f"--format {fmt}: the {fmt.upper()} writer ({declared.module}) "
                                     f"is not part of this installation; build with --format "
                                     f"{other}") from None
            if exc.name and exc.name.split(".")[0] == "weasyprint":
                raise KroppressError(f"--format {fmt}: WeasyPrint is not installed; install it "
                                     "(pip install weasyprint) or build with --format epub") from None
            raise
        except OSError as exc:  # WeasyPrint without its system libraries (pango, harfbuzz)
            raise KroppressError(f"--format {fmt}: cannot load the system libraries it needs "
                                 f"({exc}); run `make system`, or build with --format {other}") from None
    declared.check()
    return declared.write


def run_build(config_path: Path, formats: str | Sequence[str] = "all", edition: str | None = None,
              only: Sequence[str] = (), exclude: Sequence[str] = (), profile: str | None = None,
              strict: bool = False, out_dir: Path = Path("dist"),
              console: Console | None = None, jobs: int | None = None,
              force: bool = False, page_source: str | None = None) -> list[Path]:
    """Build the requested outputs; return their paths (EPUB first).

    An output whose inputs have not changed since it was built is left as
    it is (see `kroppress.build.cache`); `force` rebuilds it anyway, every PDF
    chunk laid out again (see `kroppress.writers.pdf.chunks`). `jobs` is the
    number of processes laying out the PDF (None: one per core).

    `page_source`: the print profile whose pages the EPUB marks (its
    page-list); by default the PDF's when the EPUB and the PDF are built
    together, "none" for no page list."""
    wanted = parse_formats(formats)
    known = _formats()
    for fmt in wanted:
        if known[fmt].tool is not None:
            known[fmt].tool()     # a missing program is said before anything is read
    ebooks = [f for f in known if known[f].page_list]
    with phases.phase("config"):
        config = load_config(Path(config_path))
    # check every name the user gave before reading anything
    if edition is not None:
        config.edition(edition)
    print_profile = config.print_profile(profile)
    for fmt in wanted:
        if known[fmt].refuses is not None:
            known[fmt].refuses(config, print_profile)
    page_profile = _page_profile(config, wanted, print_profile, page_source, ebooks)
    config.select(edition, only, exclude)
    if jobs is not None and jobs < 1:
        raise KroppressError(f"--jobs {jobs}: give a number of processes of 1 or more")
    jobs = cap_jobs(jobs, len(config.select(edition, only, exclude).ids), console)
    targets = output_paths(config, wanted, Path(out_dir), edition, profile)

    options = dict(edition=edition, only=list(only), exclude=list(exclude), profile=profile,
                   strict=strict, page_source=page_profile.name if page_profile else None)
    fp = cache.fingerprint(config, options)
    if not force:
        fresh = {fmt: cache.up_to_date(Path(out_dir), t, fp) for fmt, t in targets.items()}
        if all(w is not None for w in fresh.values()):
            clear_stale_temps(Path(out_dir), targets.values())   # left by a build killed since
            _report(list(dict.fromkeys(w for ws in fresh.values() for w in ws)), False, console)
            if console is not None:
                console.print("up to date: nothing changed since the last build", style="dim")
            return list(targets.values())
        # an e-book's page list comes from laying out the PDF: lay it out again
        if page_profile is not None and page_profile.name == print_profile.name and \
                "pdf" in fresh and \
                any(fresh[f] is None for f in ebooks if f in fresh):
            fresh["pdf"] = None
        wanted = [fmt for fmt in wanted if fresh[fmt] is None]
    if page_profile is not None and not any(f in wanted for f in ebooks):
        page_profile = None
    with phases.phase("import writers"):
        writers = {fmt: _load_writer(fmt) for fmt in wanted}
        from ..book.assemble import assemble   # after the up-to-date check: it is the slow import
    warnings: list[Notice] = []
    n_texts = len(config.select(edition, only, exclude).ids)
    # a long PDF's worker processes start now, importing WeasyPrint while
    # the texts are read (before the progress bar's thread starts)
    workers = None
    if "pdf" in wanted and writers["pdf"] is known["pdf"].write:
        from ..writers.pdf import start_workers
        with phases.phase("start workers"):
            workers = start_workers(print_profile, jobs)
    run = _Run(config, edition, only, exclude, strict, Path(out_dir), console, jobs, force,
               print_profile, page_profile, workers, fp,
               output_paths(config, list(known), Path(out_dir), edition, profile))
    try:
        result = run.build(wanted, writers, targets, warnings, n_texts, assemble)
    except BaseException as exc:
        if workers is not None:
            # interrupted or failed: the workers stop now, not after their layout
            workers.kill() if not isinstance(exc, Exception) else workers.shutdown()
        raise
    if workers is not None:
        workers.shutdown()
    return result


def _report(warnings: Sequence[Notice | str], strict: bool, console: Console | None) -> None:
    """Show `warnings`; under --strict the first of them is the error."""
    if strict and warnings:
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        raise KroppressError(f"{warnings[0]}{more}; --strict makes warnings errors: fix "
                             "them, or build without --strict")
    if console is not None:
        for w in warnings:
            console.print(f"[yellow]warning:[/] {escape(str(w))}", markup=True, highlight=False,
                          soft_wrap=True)


class _Run:
    """One build's settings, and the writing of its outputs in planned order."""

    def __init__(self, config, edition, only, exclude, strict, out_dir: Path, console, jobs,
                 force, print_profile, page_profile, workers, fp, every: dict[str, Path]) -> None:
        self.config, self.edition, self.only, self.exclude = config, edition, only, exclude
        self.strict, self.out_dir, self.console, self.jobs = strict, out_dir, console, jobs
        self.force, self.print_profile, self.page_profile = force, print_profile, page_profile
        self.workers, self.fp = workers, fp
        self.every = every        # each format's final path in this build's naming
        self.starts: list | None = None

    def build(self, wanted, writers, targets, warnings, n_texts, assemble) -> list[Path]:
        known = _formats()
        with Progress(self.console, n_texts + len(wanted)) as progress:
            with phases.phase("read and assemble"):
                book = assemble(self.config, self.edition, self.only, self.exclude, warnings=warnings,
                                on_text=lambda tid: progress.step(f"Reading {tid}"),
                                print_glyphs=any(known[f].laid_out for f in wanted))
            _report(warnings, self.strict, self.console)
            epoch = source_epoch(book.meta.date)
            building = {fmt: targets[fmt] for fmt in wanted}
            pages = None
            order = plan(known, list(building), self.page_profile is not None)
            with output_dir(self.out_dir), contextlib.ExitStack() as stack:
                clear_stale_temps(self.out_dir, building.values())
                written: dict[str, Path] = {}
                page_counts: dict[str, int] = {}
                for fmt in order:
                    target = building[fmt]
                    if known[fmt].page_list and self.page_profile is not None and pages is None:
                        pages = self._pages(book, writers, epoch, target, progress)
                    progress.step(f"Writing {target.name}")
                    if fmt == "pdf":
                        progress.expect(cache.pages_of(self.out_dir, target) or estimate_pages(book))
                    job = WriteJob(book, stack.enter_context(write_atomic(target)), epoch,
                                   self.print_profile, self.config, jobs=self.jobs,
                                   cache_dir=self.out_dir / cache.CACHE_DIR, reuse=not self.force,
                                   on_page=progress.pages, workers=self.workers, written=written,
                                   pages=pages or None, target_of=self.every.__getitem__,
                                   fresh=self._fresh)
                    if fmt == "pdf":
                        job.page_records = []
                    if fmt == "pdf" and self.page_profile is not None and \
                            self.page_profile.name == self.print_profile.name:
                        self.starts = job.page_starts = []
                    with phases.phase(f"write {fmt}"):
                        writers[fmt](job)
                    if job.warnings:
                        late = [Notice(target.name, None, w, "writer")
                                for w in dict.fromkeys(job.warnings)]
                        _report(late, self.strict, self.console)
                        warnings += late
                    written[fmt] = job.path
                    with phases.phase("count pages"):
                        count = _page_count(job.path) if fmt == "pdf" else None
                    if count:
                        page_counts[target.name] = count
                    if fmt == "pdf" and job.page_records:
                        from ..proof.store import save
                        with phases.phase("save report"):
                            save(self.out_dir, target.name, job.page_records, self.print_profile)
            cache.record(self.out_dir, building.values(), self.fp, warnings, page_counts)
        return list(targets.values())

    def _fresh(self, path: Path) -> bool:
        return cache.up_to_date(self.out_dir, path, self.fp) is not None

    def _pages(self, book, writers, epoch, near: Path, progress):
        """The print page list for this run's e-books: the PDF's page starts
        when it was laid out in this run, else a layout of the page source."""
        if self.starts is None:
            progress.step(f"Laying out the {self.page_profile.name} pages")
            write = writers.get("pdf") or _load_writer("pdf")

            def lay_out(path: Path, starts: list) -> None:
                # its chunks are cached apart, so the book's own PDF keeps its own
                write(WriteJob(book, path, epoch, self.page_profile, self.config, jobs=self.jobs,
                               cache_dir=self.out_dir / cache.CACHE_DIR / "pages",
                               reuse=not self.force, page_starts=starts))
            self.starts = print_pages(lay_out, near)
        return print_page_list(book, self.starts, self.page_profile,
                               self.config.default_profile.name)


def _page_count(path: Path) -> int | None:
    """The PDF's page count, for the next build's progress bar (None when unreadable)."""
    import pikepdf
    try:
        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    except (pikepdf.PdfError, OSError, ValueError):
        return None

"""`kroppress build`: config -> Book -> EPUB and/or PDF in `dist/`.

All-or-nothing: the config, the selection, the edition and the print profile
are checked before any text is read; every output is written to a temp file
in the output folder (`atomic.write_atomic`) and only renamed into place once
*all* requested outputs have been written. On any error nothing appears in
the output folder (a folder we created for the build is removed again).

WeasyPrint is imported only when a PDF is requested.

Output names: `<slug of the book title>[-<edition>].epub` (`.kepub.epub` for
Kobo, `.azw3` for Kindle) and `<slug>[-<edition>][-<profile>].pdf` (the
profile only when one is named); the wrap cover (`--format cover`) is
`<slug>[-<edition>][-<profile>]-cover.pdf`, the booklet (`--format booklet`:
without --profile, the `booklet` profile) `<slug>[-<edition>][-<profile>]-booklet.pdf`.

Reproducibility: the epoch handed to the writers is `SOURCE_DATE_EPOCH` if
set, else the book's date (after edition overrides) at 00:00 UTC.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import importlib
import importlib.util
import os
import shutil
from pathlib import Path
from typing import Callable, Iterator, Sequence

from rich.console import Console
from rich.markup import escape
from slugify import slugify

from . import cache, interrupt
from .atomic import write_atomic
from .config import Config, load_config
from .errors import KroppressError

#: in the order the outputs are written and listed; `all` is the EPUB and the PDF
FORMATS = ("epub", "kepub", "azw3", "pdf", "booklet", "cover")
ALL = ("epub", "pdf")
#: the outputs that carry the print edition's page list
EBOOKS = ("epub", "kepub", "azw3")
#: the outputs WeasyPrint lays out
PRINTED = ("pdf", "booklet", "cover")
FORMAT_HELP = "epub, kepub, azw3, pdf, booklet, cover or all"
#: formats whose writer is not in a module named after them
_WRITER_MODULES = {"cover": "pdf", "booklet": "pdf"}


def parse_formats(formats: str | Sequence[str]) -> list[str]:
    items = [formats] if isinstance(formats, str) else list(formats)
    out: list[str] = []
    for item in items:
        for f in str(item).split(","):
            f = f.strip().lower()
            if f == "all":
                wanted = list(ALL)
            elif f in FORMATS:
                wanted = [f]
            else:
                raise KroppressError(f"--format {f!r}: unknown format; use {FORMAT_HELP}")
            out += [w for w in wanted if w not in out]
    if not out:
        raise KroppressError(f"--format: no format given; use {FORMAT_HELP}")
    return [f for f in FORMATS if f in out]


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


def source_epoch(book_date: str, env: dict[str, str] | os._Environ | None = None) -> int:
    """SOURCE_DATE_EPOCH if set (non-empty), else `book_date` (YYYY[-MM[-DD]]) at 00:00 UTC."""
    env = os.environ if env is None else env
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            value = int(raw)
        except ValueError:
            value = -1
        if value < 0:
            raise KroppressError(f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds since "
                                 "1970; set it to an integer such as 1700000000, or unset it")
        if value > _LAST_ZIP_TIME:
            raise KroppressError(f"SOURCE_DATE_EPOCH={raw!r} is after 2107-12-31, the last date a ZIP "
                                 "file (the EPUB) can record; set an earlier time, or unset it")
        return value
    parts = (book_date.split("-") + ["01", "01"])[:3]
    try:
        day = _dt.datetime(int(parts[0]), int(parts[1]), int(parts[2]), tzinfo=_dt.timezone.utc)
    except ValueError:
        raise KroppressError(f"book date {book_date!r} is not an ISO date; set [book] date "
                             "= YYYY-MM-DD") from None
    stamp = int(day.timestamp())
    if stamp > _LAST_ZIP_TIME:
        raise KroppressError(f"book date {book_date!r} is after 2107-12-31, the last date a ZIP file "
                             "(the EPUB) can record; set [book] date to the real publication date")
    return stamp


# ZIP timestamps (DOS dates) end with 2107; the EPUB is a ZIP file
_LAST_ZIP_TIME = int(_dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=_dt.timezone.utc).timestamp())


def output_paths(config: Config, formats: Sequence[str], out_dir: Path,
                 edition: str | None = None, profile: str | None = None) -> dict[str, Path]:
    # a file name stays well under the file system's 255 bytes, however long the title
    stem = slugify(config.book.title, max_length=80, word_boundary=True) or "book"
    if edition:
        stem += f"-{edition}"
    paths: dict[str, Path] = {}
    if "epub" in formats:
        paths["epub"] = out_dir / f"{stem}.epub"
    if "kepub" in formats:
        paths["kepub"] = out_dir / f"{stem}.kepub.epub"
    if "azw3" in formats:
        paths["azw3"] = out_dir / f"{stem}.azw3"
    if "pdf" in formats:
        paths["pdf"] = out_dir / (f"{stem}-{profile}.pdf" if profile else f"{stem}.pdf")
    if "cover" in formats:
        paths["cover"] = out_dir / (f"{stem}-{profile}-cover.pdf" if profile else f"{stem}-cover.pdf")
    if "booklet" in formats:
        paths["booklet"] = out_dir / (f"{stem}-{profile}-booklet.pdf" if profile
                                      else f"{stem}-booklet.pdf")
    return paths


def _load_writer(fmt: str) -> Callable:
    module = f"kroppress.writers.{_WRITER_MODULES.get(fmt, fmt)}"
    other = "pdf" if fmt == "epub" else "epub"
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name in (module, "kroppress.writers"):
            raise KroppressError(f"--format {fmt}: the {fmt.upper()} writer ({module}) is not "
                                 f"part of this installation; build with --format {other}") from None
        if exc.name and exc.name.split(".")[0] == "weasyprint":
            raise KroppressError("--format pdf: WeasyPrint is not installed; install it "
                                 "(pip install weasyprint) or build with --format epub") from None
        raise
    except OSError as exc:  # WeasyPrint without its system libraries (pango, harfbuzz)
        raise KroppressError(f"--format {fmt}: cannot load the system libraries it needs "
                             f"({exc}); run `make system`, or build with --format {other}") from None
    if fmt == "booklet" and importlib.util.find_spec("pdfimpose") is None:
        raise KroppressError("--format booklet: pdfimpose is not installed; install it "
                             "(pip install pdfimpose) or build with --format pdf")
    if fmt in PRINTED and importlib.util.find_spec("weasyprint") is None:
        raise KroppressError(f"--format {fmt}: WeasyPrint is not installed; install it "
                             "(pip install weasyprint) or build with --format epub")
    return getattr(mod, f"write_{fmt}")


class _Progress:
    """A rich progress bar on a terminal; silent otherwise."""

    def __init__(self, console: Console | None, total: int) -> None:
        self._progress = None
        self._pages = None
        self._started = False
        if console is not None and console.is_terminal:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                                       TextColumn)
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      BarColumn(), MofNCompleteColumn(), console=console,
                                      transient=True)
            self._task = self._progress.add_task("Building", total=total)

    def __enter__(self) -> "_Progress":
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def pages(self, done: int, total: int | None = None) -> None:
        """Pages laid out so far (a second bar, from the PDF writer)."""
        interrupt.check()
        if self._progress is None:
            return
        if self._pages is None:
            self._pages = self._progress.add_task("Laying out pages", total=total)
        self._progress.update(self._pages, completed=done, total=total)

    def step(self, description: str) -> None:
        """Start a step; the previous one (if any) counts as done."""
        interrupt.check()
        if self._progress is not None:
            self._progress.update(self._task, description=escape(description),
                                  advance=1 if self._started else 0)
            self._started = True


@contextlib.contextmanager
def _output_dir(out_dir: Path) -> Iterator[Path]:
    """Create `out_dir` if needed; if we created it and the build fails, and
    it is still empty, remove it again."""
    created: list[Path] = []
    probe = out_dir
    while not probe.exists():
        created.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KroppressError(f"{out_dir}: cannot create the output folder ({exc.strerror}); "
                             "choose another with --out") from None
    if not out_dir.is_dir():
        raise KroppressError(f"{out_dir}: is not a folder; choose another with --out")
    try:
        yield out_dir
    except BaseException:
        for folder in created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _clear_stale_temps(out_dir: Path, targets) -> None:
    """A build killed mid-write (SIGKILL, power loss) leaves its hidden temp
    files behind; the next build of the same target removes them. They are
    every name a build writes in the output folder: `atomic.write_atomic`'s
    `.NAME.*.tmp` (the books, the manifest, the chunk caches, the page list's
    layout folder) and the PDF writer's work folder `.NAME.*.tmp.chunks-*`
    (see writers/pdf/chunks)."""
    stale = list(out_dir.glob(f".{cache.MANIFEST}.*.tmp"))
    for target in targets:
        stale += target.parent.glob(f".{target.name}.*.tmp")
        stale += target.parent.glob(f".{target.name}.*.tmp.chunks-*")
    # the chunk caches: the PDF's, the booklet's (booklet/), the page list's (pages/)
    for chunks in (out_dir / cache.CACHE_DIR).glob("**/chunks"):
        stale += chunks.glob(".*.tmp")
    for path in stale:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()


def run_build(config_path: Path, formats: str | Sequence[str] = "all", edition: str | None = None,
              only: Sequence[str] = (), exclude: Sequence[str] = (), profile: str | None = None,
              strict: bool = False, out_dir: Path = Path("dist"),
              console: Console | None = None, jobs: int | None = None,
              force: bool = False, page_source: str | None = None) -> list[Path]:
    """Build the requested outputs; return their paths (EPUB first).

    An output whose inputs have not changed since it was built is left as
    it is (see `kroppress.cache`); `force` rebuilds it anyway, every PDF
    chunk laid out again (see `kroppress.writers.pdf.chunks`). `jobs` is the
    number of processes laying out the PDF (None: one per core).

    `page_source`: the print profile whose pages the EPUB marks (its
    page-list); by default the PDF's when the EPUB and the PDF are built
    together, "none" for no page list."""
    wanted = parse_formats(formats)
    if "azw3" in wanted:
        from .writers.azw3 import check_tool
        check_tool()        # a missing calibre is said before anything is read
    config = load_config(Path(config_path))
    # check every name the user gave before reading anything
    if edition is not None:
        config.edition(edition)
    print_profile = config.print_profile(profile)
    page_profile = _page_profile(config, wanted, print_profile, page_source)
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
            _clear_stale_temps(Path(out_dir), targets.values())   # left by a build killed since
            _report(list(dict.fromkeys(w for ws in fresh.values() for w in ws)), False, console)
            if console is not None:
                console.print("up to date: nothing changed since the last build", style="dim")
            return list(targets.values())
        # an e-book's page list comes from laying out the PDF: lay it out again
        if page_profile is not None and page_profile.name == print_profile.name and \
                "pdf" in fresh and \
                any(fresh[f] is None for f in EBOOKS if f in fresh):
            fresh["pdf"] = None
        wanted = [fmt for fmt in wanted if fresh[fmt] is None]
    if page_profile is not None and not any(f in wanted for f in EBOOKS):
        page_profile = None
    writers = {fmt: _load_writer(fmt) for fmt in wanted}

    from .assemble import assemble   # after the up-to-date check: it is the slow import
    warnings: list[str] = []
    n_texts = len(config.select(edition, only, exclude).ids)
    # a long PDF's worker processes start now, importing WeasyPrint while
    # the texts are read (before the progress bar's thread starts)
    workers = None
    if getattr(writers.get("pdf"), "__module__", "").startswith("kroppress.writers.pdf"):
        from .writers.pdf import start_workers
        workers = start_workers(print_profile, jobs)
    try:
        result = _build(config, wanted, writers, targets, fp, edition, only, exclude, strict,
                        out_dir, console, jobs, force, print_profile, warnings, n_texts, assemble,
                        workers, page_profile)
    except BaseException as exc:
        if workers is not None:
            # interrupted or failed: the workers stop now, not after their layout
            workers.kill() if not isinstance(exc, Exception) else workers.shutdown()
        raise
    if workers is not None:
        workers.shutdown()
    return result


def _report(warnings: list[str], strict: bool, console: Console | None) -> None:
    """Show `warnings`; under --strict the first of them is the error."""
    if strict and warnings:
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        raise KroppressError(f"{warnings[0]}{more}; --strict makes warnings errors: fix "
                             "them, or build without --strict")
    if console is not None:
        for w in warnings:
            console.print(f"[yellow]warning:[/] {escape(w)}", markup=True, highlight=False,
                          soft_wrap=True)


def _page_profile(config: Config, wanted: Sequence[str], print_profile, page_source: str | None):
    """The print profile whose pages an e-book of this build marks, or None."""
    if page_source is not None:
        name = page_source.strip()
        if name.lower() == "none":
            return None
        if name == config.default_profile.name:
            return config.default_profile
        if name not in config.profiles:
            known = ", ".join([config.default_profile.name, *sorted(config.profiles)])
            raise KroppressError(f"--page-source {name!r}: no such print profile; use one of: "
                                 f"{known}, or none for no page list")
        return config.profiles[name]
    if "pdf" in wanted and any(f in wanted for f in EBOOKS):
        return print_profile
    return None


def _print_pages(book, pdf_writer, page_profile, epoch, near: Path, jobs, force) -> list:
    """Lay out `page_profile` only for its page starts (the PDF is not kept).
    Its work folder is named after `near` (the e-book being built), so a
    killed build's is cleared by the next (`_clear_stale_temps`); its chunks
    are cached apart, so the book's own PDF keeps its cached chunks."""
    import tempfile
    starts: list = []
    with tempfile.TemporaryDirectory(prefix=f".{near.name}.pages-", suffix=".tmp",
                                     dir=near.parent) as tmp:
        pdf_writer(book, Path(tmp) / "book.pdf", epoch=epoch, profile=page_profile, jobs=jobs,
                   cache_dir=near.parent / cache.CACHE_DIR / "pages", reuse=not force,
                   warnings=[], page_starts=starts)
    return starts


def page_source_name(book, profile, default_name: str) -> str:
    """The print edition the markers follow: its ISBN or identifier, and the
    profile when it is not the default one."""
    ident = book.meta.identifier or book.meta.title
    return ident if profile.name == default_name else f"{ident} ({profile.name} print profile)"


def _build(config, wanted, writers, targets, fp, edition, only, exclude, strict, out_dir,
           console, jobs, force, print_profile, warnings, n_texts, assemble, workers,
           page_profile=None):
    with _Progress(console, n_texts + len(wanted)) as progress:
        book = assemble(config, edition, only, exclude, warnings=warnings,
                        on_text=lambda tid: progress.step(f"Reading {tid}"),
                        print_glyphs=any(f in wanted for f in PRINTED))
        _report(warnings, strict, console)
        epoch = source_epoch(book.meta.date)
        building = {fmt: targets[fmt] for fmt in wanted}
        pages = None
        starts: list | None = None
        # the PDF first when the e-books mark its pages
        order = sorted(building, key=lambda f: f != "pdf") if page_profile else list(building)
        with _output_dir(Path(out_dir)), contextlib.ExitStack() as stack:
            _clear_stale_temps(Path(out_dir), building.values())
            written: dict[str, Path] = {}
            for fmt in order:
                target = building[fmt]
                if fmt in EBOOKS and page_profile is not None and pages is None:
                    from .pagemap import PrintPages
                    if starts is None:
                        progress.step(f"Laying out the {page_profile.name} pages")
                        pdf_writer = writers.get("pdf") or _load_writer("pdf")
                        starts = _print_pages(book, pdf_writer, page_profile, epoch, target,
                                              jobs, force)
                    placed = tuple(s for s in starts if s is not None)
                    pages = PrintPages(placed, page_source_name(
                        book, page_profile, config.default_profile.name)) if placed else False
                progress.step(f"Writing {target.name}")
                tmp = stack.enter_context(write_atomic(target))
                late: list[str] = []
                if fmt == "pdf":
                    # what WeasyPrint met (a refused resource, a layout problem)
                    own = page_profile is not None and page_profile.name == print_profile.name
                    if own:
                        starts = []
                    writers[fmt](book, tmp, epoch=epoch, profile=print_profile, jobs=jobs,
                                 on_page=progress.pages,
                                 cache_dir=Path(out_dir) / cache.CACHE_DIR, reuse=not force,
                                 workers=workers, warnings=late,
                                 **({"page_starts": starts} if own else {}))
                elif fmt == "cover":
                    # the interior's page count sets the spine: from this build's PDF,
                    # else an up-to-date one in the output folder, else one layout
                    from .writers.pdf import count_pages, interior_pages
                    interior = target.with_name(target.name[:-len("-cover.pdf")] + ".pdf")
                    if "pdf" in written:
                        n_pages = count_pages(written["pdf"])
                    elif not force and cache.up_to_date(Path(out_dir), interior, fp) is not None:
                        n_pages = count_pages(interior)
                    else:
                        n_pages = interior_pages(book, tmp, epoch=epoch, profile=print_profile,
                                               jobs=jobs, cache_dir=Path(out_dir) / cache.CACHE_DIR,
                                               reuse=not force, on_page=progress.pages)
                    writers[fmt](book, tmp, epoch=epoch, profile=print_profile, page_count=n_pages,
                                 warnings=late)
                elif fmt == "booklet":
                    # `--format booklet` alone: the `booklet` profile ([print] without bleed
                    # or crop marks); this build's PDF is imposed when its pages fit
                    writers[fmt](book, tmp, epoch=epoch,
                                 profile=(config.profiles["booklet"]
                                          if print_profile is config.default_profile
                                          else print_profile),
                                 interior=written.get("pdf"), interior_profile=print_profile,
                                 jobs=jobs, on_page=progress.pages,
                                 cache_dir=Path(out_dir) / cache.CACHE_DIR, reuse=not force,
                                 warnings=late)
                elif fmt in ("kepub", "azw3"):
                    # from this build's EPUB when there is one (the same bytes either way)
                    writers[fmt](book, tmp, epoch=epoch, epub_path=written.get("epub"),
                                 **({"pages": pages} if pages else {}))
                elif fmt == "epub":
                    writers[fmt](book, tmp, epoch=epoch,
                                 **({"pages": pages, "warnings": late} if pages else {}))
                else:
                    writers[fmt](book, tmp, epoch=epoch)
                if late:
                    late = [f"{target.name}: {w}" for w in dict.fromkeys(late)]
                    _report(late, strict, console)
                    warnings += late
                written[fmt] = tmp
        cache.record(Path(out_dir), building.values(), fp, warnings)
    return list(targets.values())

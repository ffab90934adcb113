"""A long book laid out in parallel: the print document is cut into chunks at
recto openings, each chunk is laid out by WeasyPrint in its own process, and
the chunks' PDFs are joined into one book.

What a single layout gives for free, the join restores:

* folios: every chunk after the front matter starts on a recto, so its layout
  does not depend on what comes before it; only the page numbers do. Each
  chunk publishes its page count as soon as it is laid out, and waits, before
  drawing its running heads and folios, for the counts of the chunks before
  it (`_Folios`). A chunk that ends on a recto is followed by a blank verso,
  as the single layout would have.
* page references (contents, "p. 23" in the notes) to another chunk are
  written as literal numbers: such a chunk is laid out only once the chunks
  it refers to are (`Chunk.needs`). The contents come last.
* links to another chunk are laid out as ``kroppress-anchor:ID`` and turned
  back into internal links (``/Dest``) when joined; the named destinations
  and the bookmarks of every chunk are joined into one tree.

The chunks depend only on the book (never on the number of processes), so
any ``jobs`` gives the same bytes. Tagged PDFs (PDF/UA, PDF/A level a) keep
the single layout: their structure tree cannot be joined.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import io
import multiprocessing as mp
import os
import queue
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

#: scheme of a link to an anchor laid out in another chunk
ANCHOR_SCHEME = "kroppress-anchor:"
#: sections that open on a recto (print.css): the only places a chunk may start
_RECTO_IDS = {"toc", "introduction", "notes", "sources", "authors"}
_FRONT_IDS = {"halftitle", "titlepage", "imprint", "toc", "introduction"}
#: a chunk holds at least this much text: each one costs a fixed ~0.1 s to
#: set up and write, so tiny chunks are joined to the next
MIN_CHUNK_CHARS = 12_000
#: below this much text the single layout is as fast as any split
MIN_BOOK_CHARS = 60_000
#: how long a chunk waits for the page counts of those before it (a bug guard)
WAIT_LIMIT = 900.0
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
                or unit[0].get("id") == "notes":
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
        for a in _page_refs(chunk):
            target = owner.get(_target(a))
            if target is not None and target != chunk.index:
                chunk.needs.add(target)
    return chunks


def worth_splitting(root: ET.Element) -> bool:
    arabic = len([c for c in plan(root) if not c.front])
    body = root.find("body")
    return 2 <= arabic <= MAX_CHUNKS and body is not None and _size(body) >= MIN_BOOK_CHARS


def _page_refs(chunk: Chunk):
    """The links of `chunk` that show the page of their target."""
    for section in chunk.sections:
        for a in section.iter("a"):
            if "backlink" in _classes(a) or section.get("id") == "toc":
                if _target(a):
                    yield a


def _target(a: ET.Element) -> str:
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
    from .pdf import serialize
    for section in chunk.sections:
        for a in section.iter("a"):
            href = a.get("href", "")
            if href.startswith("#") and href[1:] not in chunk.ids:
                a.set("href", ANCHOR_SCHEME + href[1:])
    for a in _page_refs(chunk):
        if a.get("href", "").startswith(ANCHOR_SCHEME):
            a.set("data-page", pages[_target(a)])
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


# ------------------------------------------------------------------ workers
@dataclass
class Task:
    index: int
    html: str
    css: tuple[str, ...]          # generated + extra stylesheets (texts)
    path: str                     # where the chunk's PDF goes
    folios: int | None            # position among the arabic chunks; None: front
    variant: str | None
    epoch: int
    front: dict | None = None     # metadata, /ID and XMP seed: the first chunk only


@dataclass
class Result:
    index: int
    path: str
    pages: int
    anchors: dict[str, int]       # id -> page index in the chunk
    levels: list[int]             # bookmark levels, in document order
    warnings: list[str]
    offset: int | None = None     # pages before it (arabic chunks), as its folios show


#: shared between the processes: page counts of the arabic chunks (-1: not
#: laid out yet), and a queue the parent reads layout progress from
_COUNTS = None
_EARLY = None         # (chunk index, pages, anchors) as each chunk is laid out
_STATE: dict = {}


_PARENT = os.getpid()


def _init_worker(counts, early) -> None:
    global _COUNTS, _EARLY, _PARENT
    _COUNTS = counts
    _EARLY = early
    if mp.parent_process() is None:
        return                         # jobs = 1: the parent itself
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's: it stops us
    _PARENT = os.getppid()
    # a killed build must not leave its workers behind, waiting forever on a
    # queue whose other ends the sibling workers still hold open: on Linux
    # the kernel kills a worker as its parent dies, whatever the worker is
    # doing (the watching thread below needs the GIL, which a long layout
    # step may hold)
    _die_with_parent()
    if os.getppid() != _PARENT:        # the parent died before that took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == _PARENT:
            time.sleep(0.2)
        os._exit(1)

    import threading
    threading.Thread(target=watch, name="kroppress-parent-watch", daemon=True).start()


def _die_with_parent() -> None:
    """prctl(PR_SET_PDEATHSIG, SIGKILL) where there is one (Linux). It fires
    when the thread that forked us ends: the pool forks its workers from the
    thread that makes `Workers`, which also shuts them down (run_build)."""
    import ctypes
    import signal
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)          # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass                            # not Linux: the watching thread remains


def _warm(css_texts: Sequence[str]) -> None:
    """Load the fonts and parse the stylesheets once, in the parent: forked
    workers inherit them instead of paying ~1 s each to set them up.
    (Workers end with os._exit, so none of them removes WeasyPrint's
    temporary font folder, which belongs to the parent.)"""
    from weasyprint import CSS, HTML

    from ..fetch import SafeFetcher
    from ..render import STYLES_DIR
    from .pdf import _Fetcher

    fonts = _fonts()
    fetcher = _Fetcher(SafeFetcher(warnings=[]))
    base_url = STYLES_DIR.as_uri() + "/"
    css = [CSS(string=text, base_url=base_url, url_fetcher=fetcher, font_config=fonts)
           for text in css_texts]
    _STATE["css"] = (tuple(css_texts), css)
    HTML(string="<p>a <i>a</i> <b>a</b> <b><i>a</i></b></p>", base_url=base_url,
         url_fetcher=fetcher).render(stylesheets=css, font_config=fonts)


class _Folios:
    """Hooked between WeasyPrint's layout of the pages and of their margin
    boxes: report the chunk's pages and anchors to the parent (which can then
    start the chunks that show those pages), and shift the page counter of
    the margin boxes (running heads, folios) by the pages of the chunks
    before this one, once they are laid out."""

    def __init__(self, index: int, position: int | None) -> None:
        self.index = index
        self.position = position
        self.offset: int | None = None

    def wrap(self, original: Callable) -> Callable:
        def make_margin_boxes(context, page, state):
            if self.offset is None:
                pages = len(context.page_maker) - 1
                anchors: dict[str, int] = {}
                for i in range(pages):
                    for name in context.page_maker[i][-1].get("anchors", []):
                        anchors.setdefault(name, i)
                _EARLY.put((self.index, pages, anchors))
                if self.position is None:
                    self.offset = 0
                else:
                    _COUNTS[self.position] = pages
                    self.offset = self._wait()
            if not self.offset:
                return original(context, page, state)
            counters = dict(state[1])
            counters["page"] = [v + self.offset for v in counters.get("page", [0])]
            shifted = type(state)((state[0], counters, *state[2:]))
            return original(context, page, shifted)
        return make_margin_boxes

    def _wait(self) -> int:
        deadline = time.monotonic() + WAIT_LIMIT
        while time.monotonic() < deadline:
            before = list(_COUNTS[:self.position])
            if all(n >= 0 for n in before):
                return sum(n + n % 2 for n in before)
            time.sleep(0.005)
        raise RuntimeError(f"chunk {self.position}: the chunks before it were never laid out")


def render_task(task: Task) -> Result:
    """Lay out and write one chunk (in a worker, or in the parent for jobs=1)."""
    import weasyprint.layout as wl
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from ..fetch import SafeFetcher
    from ..render import STYLES_DIR
    from .pdf import _collect_weasyprint_warnings, _deterministic_xmp, _Fetcher, apply_metadata

    sink: list[str] = []
    fonts = _fonts()
    fetcher = _Fetcher(SafeFetcher(warnings=sink))
    base_url = STYLES_DIR.as_uri() + "/"
    original = wl.make_margin_boxes
    with _collect_weasyprint_warnings(sink), _epoch_env(task.epoch):
        texts, css = _STATE.get("css", ((), []))
        if texts != task.css:
            css = [CSS(string=text, base_url=base_url, url_fetcher=fetcher, font_config=fonts)
                   for text in task.css]
        folios = _Folios(task.index, task.folios)
        try:
            wl.make_margin_boxes = folios.wrap(original)
            document = HTML(string=task.html, base_url=base_url, url_fetcher=fetcher).render(
                stylesheets=css, font_config=fonts)
        finally:
            wl.make_margin_boxes = original
        anchors: dict[str, int] = {}
        levels: list[int] = []
        for i, page in enumerate(document.pages):
            for name in page.anchors:
                anchors.setdefault(name, i)
            levels += [b[0] for b in page.bookmarks]
        options: dict = {"pdf_variant": task.variant}
        if task.front is not None:
            apply_metadata(document, task.front["meta"])
            options.update(pdf_identifier=task.front["identifier"],
                           finisher=_deterministic_xmp(task.front["seed"]))
        document.write_pdf(task.path, **options)
    return Result(task.index, task.path, len(document.pages), anchors, levels, sink,
                  folios.offset if task.folios is not None else None)


@contextlib.contextmanager
def _epoch_env(epoch: int):
    """SOURCE_DATE_EPOCH while writing (fontTools stamps instantiated fonts)."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


class _ListQueue(list):
    """The queue's interface, for one process."""

    def put(self, item) -> None:
        self.append(item)

    def get_nowait(self):
        if not self:
            raise queue.Empty
        return self.pop(0)


class _InProcess:
    """The pool's interface, running each task at once (jobs = 1)."""

    def submit(self, fn, *args):
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:   # noqa: BLE001 - handed to the caller
            future.set_exception(exc)
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


class Workers:
    """The processes that lay chunks out: forked at once, each importing
    WeasyPrint and loading the fonts (`_warm`) while the parent goes on. One
    process (``jobs`` = 1) means the parent lays the chunks out itself."""

    def __init__(self, jobs: int, css_texts: Sequence[str]) -> None:
        self.jobs = max(1, jobs)
        self.css = tuple(css_texts)
        if self.jobs > 1:
            fork = mp.get_context("fork")
            self.counts = fork.Array("i", [-1] * MAX_CHUNKS, lock=False)
            self.early = fork.Queue()
            self.pool = cf.ProcessPoolExecutor(self.jobs, mp_context=fork,
                                               initializer=_init_worker,
                                               initargs=(self.counts, self.early))
            self.ready = [self.pool.submit(warm_task, self.css) for _ in range(self.jobs)]
        else:
            self.counts = [-1] * MAX_CHUNKS
            self.early = _ListQueue()
            self.pool = _InProcess()
            self.ready = []
            _init_worker(self.counts, self.early)

    def fits(self, css_texts: Sequence[str]) -> bool:
        return tuple(css_texts) == self.css

    def check(self) -> None:
        """Raise what a worker met while starting (WeasyPrint's libraries missing…)."""
        from ..errors import KroppressError
        try:
            for future in self.ready:
                future.result()
        except (OSError, ImportError) as exc:
            raise KroppressError(f"--format pdf: cannot load WeasyPrint or the system "
                                 f"libraries it needs ({exc}); run `make system`, or build "
                                 "with --format epub") from None
        self.ready = []

    def run(self, fn, *args):
        """`fn(*args)` in a worker, waited for."""
        return self.pool.submit(fn, *args).result()

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def kill(self) -> None:
        """Stop the workers now (Ctrl-C): no waiting for a layout to finish."""
        for proc in list((getattr(self.pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                proc.kill()
        if hasattr(self.early, "cancel_join_thread"):
            self.early.cancel_join_thread()
        with contextlib.suppress(Exception):
            self.pool.shutdown(wait=False, cancel_futures=True)


def warm_task(css_texts: tuple[str, ...]) -> None:
    _warm(css_texts)


def pad_task(css_texts: tuple[str, ...], variant: str | None, path: str) -> None:
    """One blank page with the book's geometry and marks (the verso left
    blank after a chunk that ends on a recto, and the pages rounding the
    book up), written to `path`."""
    from ..fetch import SafeFetcher
    from .pdf import _Fetcher, _pad_document
    from weasyprint import CSS
    from ..render import STYLES_DIR
    fonts = _fonts()
    fetcher = _Fetcher(SafeFetcher(warnings=[]))
    css = [CSS(string=css_texts[0], base_url=STYLES_DIR.as_uri() + "/", url_fetcher=fetcher,
               font_config=fonts)]
    _pad_document(1, css, fetcher, fonts).write_pdf(path, pdf_variant=variant)


def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    from .weasyfix import install
    install()       # every task lays out through here first
    if "fonts" not in _STATE:
        _STATE["fonts"] = FontConfiguration()
    return _STATE["fonts"]


# ------------------------------------------------------------------ the layout
@dataclass
class Laid:
    """What the parent knows of the laid-out chunks."""
    chunks: list[Chunk]
    results: dict[int, Result]
    order: list[int]            # arabic chunks, in book order
    #: pages and anchors of each chunk, known as soon as it is laid out
    #: (before it is drawn and written)
    early: dict[int, tuple[int, dict[str, int]]] = field(default_factory=dict)

    def known(self) -> set[int]:
        return set(self.results) | set(self.early)

    def pages(self, index: int) -> int:
        if index in self.results:
            return self.results[index].pages
        return self.early[index][0]

    def anchors(self, index: int) -> dict[str, int] | None:
        if index in self.results:
            return self.results[index].anchors
        return self.early[index][1] if index in self.early else None

    def folio_start(self, index: int) -> int:
        """Page number of the first page of arabic chunk `index`."""
        start = 1
        for i in self.order:
            if i == index:
                return start
            n = self.pages(i)
            start += n + n % 2
        raise KeyError(index)

    def folio(self, anchor: str) -> str | None:
        for i in self.order:
            anchors = self.anchors(i)
            if anchors is not None and anchor in anchors:
                return str(self.folio_start(i) + anchors[anchor])
        return None


def lay_out(root: ET.Element, css: Sequence[str], workdir: Path, *, workers: Workers,
            variant: str | None, epoch: int, book_title: str, front: dict | None = None,
            cache: "ChunkCache | None" = None,
            on_page: Callable[[int, int | None], None] | None = None) -> Laid:
    """Lay out every chunk of `root` (by `workers`); return their results.

    A chunk found in `cache` (same HTML, styles, options, and the same pages
    before it) is not laid out again: its PDF is taken from the cache."""
    chunks = plan(root)
    order = [c.index for c in chunks if not c.front]
    if len(order) > MAX_CHUNKS:
        raise RuntimeError(f"{len(order)} chunks: more than {MAX_CHUNKS}")
    position = {index: n for n, index in enumerate(order)}
    jobs = workers.jobs
    counts, early, pool = workers.counts, workers.early, workers.pool
    for n in range(len(order)):
        counts[n] = -1
    workers.check()
    if jobs == 1:
        _warm(css)
    laid = Laid(chunks, {}, order)
    first = chunks[0].index
    futures: dict[cf.Future, tuple[int, str]] = {}
    submitted: set[int] = set()
    cached: dict[int, tuple[Task, str, Result]] = {}   # found in the cache, not yet placed
    done_pages = 0

    def finish(result: Result) -> None:
        nonlocal done_pages
        laid.results[result.index] = result
        done_pages += result.pages
        if on_page is not None:
            on_page(done_pages, None)

    def pages_before(index: int) -> int | None:
        total = 0
        for i in order[:position[index]]:
            n = laid.pages(i) if i in laid.known() else counts[position[i]]
            if n < 0:
                return None
            total += n + n % 2
        return total

    def drain() -> None:
        while True:
            try:
                index, pages, anchors = early.get_nowait()
            except queue.Empty:
                return
            laid.early[index] = (pages, anchors)

    try:
        while len(laid.results) < len(chunks):
            drain()
            # a cached chunk is used once the pages before it are known to be
            # as they were; otherwise it is laid out again
            for index, (task, key, hit) in list(cached.items()):
                offset = pages_before(index) if index in position else None
                if index in position and offset is None:
                    continue
                del cached[index]
                if hit.offset == offset:
                    if index in position:
                        counts[position[index]] = hit.pages
                    finish(cache.restore(key, hit, task))
                else:
                    futures[pool.submit(render_task, task)] = (index, key)
            for chunk in chunks:
                # the pages it shows need the page counts of every chunk up
                # to the last one it refers to
                last = max((position[n] for n in chunk.needs if n in position), default=-1)
                if chunk.index in submitted or not \
                        (chunk.needs | set(order[:last + 1])) <= laid.known():
                    continue
                # an arabic chunk waits for the counts of those before it:
                # submit them in book order so a waiting one never blocks them
                earlier = [i for i in order if i < chunk.index]
                if not chunk.front and not set(earlier) <= submitted:
                    continue
                if jobs == 1 and cached:
                    break       # in one process, place the cached chunk first
                pages = {}
                for a in _page_refs(chunk):
                    target = _target(a)
                    if target not in chunk.ids:
                        pages[target] = laid.folio(target) or ""
                task = Task(chunk.index, chunk_html(root, chunk, pages, book_title),
                            tuple(css), str(workdir / f"chunk-{chunk.index}.pdf"),
                            position.get(chunk.index), variant, epoch,
                            front if chunk.index == first else None)
                submitted.add(chunk.index)
                key = cache.key(task) if cache is not None else ""
                hit = cache.get(key) if cache is not None else None
                if hit is not None:
                    cached[chunk.index] = (task, key, hit)
                    if jobs == 1:
                        break
                    continue
                futures[pool.submit(render_task, task)] = (chunk.index, key)
            if len(laid.results) == len(chunks):
                break
            if cached and (jobs == 1 or not futures):
                continue
            if not futures:
                raise RuntimeError("chunked layout: no chunk can be laid out")
            # wake up for a finished chunk, or to read the layout reports
            finished, _ = cf.wait(list(futures), timeout=0.02, return_when=cf.FIRST_COMPLETED)
            for future in finished:
                _, key = futures.pop(future)
                result = future.result()
                if cache is not None:
                    cache.put(key, result)
                finish(result)
    except BaseException:
        for future in futures:       # the caller shuts the workers down
            future.cancel()
        raise
    return laid


class ChunkCache:
    """Chunk PDFs kept between builds (in the output folder's
    ``.kroppress-cache/chunks``), keyed by everything that makes them."""

    def __init__(self, folder: Path, reuse: bool = True) -> None:
        self.folder = Path(folder)
        self.reuse = reuse      # False: lay every chunk out again, and keep it
        self.used: set[str] = set()

    def key(self, task: Task) -> str:
        import hashlib
        import json
        from importlib import metadata

        from .. import __version__
        digest = hashlib.sha256()
        for part in (__version__, metadata.version("weasyprint"), task.html, *task.css,
                     str(task.variant), str(task.epoch), str(task.folios is None),
                     json.dumps(task.front, sort_keys=True, default=str)):
            digest.update(part.encode() + b"\0")
        self.used.add(digest.hexdigest())
        return digest.hexdigest()

    def get(self, key: str) -> Result | None:
        import json
        if not self.reuse:
            return None
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            if not (self.folder / f"{key}.pdf").is_file():
                return None
            return Result(**data)
        except (OSError, ValueError, TypeError):
            return None

    def restore(self, key: str, hit: Result, task: Task) -> Result:
        import shutil
        shutil.copyfile(self.folder / f"{key}.pdf", task.path)
        return Result(task.index, task.path, hit.pages, hit.anchors, hit.levels, hit.warnings,
                      hit.offset)

    def put(self, key: str, result: Result) -> None:
        import dataclasses
        import json
        import shutil

        from ..atomic import write_atomic
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with write_atomic(self.folder / f"{key}.pdf") as tmp:
                shutil.copyfile(result.path, tmp)
            with write_atomic(self.folder / f"{key}.json") as tmp:
                Path(tmp).write_text(json.dumps(dataclasses.asdict(result)), encoding="utf-8")
        except OSError:
            pass     # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Forget the chunks this build did not use."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix == ".tmp" or (path.suffix in (".pdf", ".json")
                                          and path.stem not in self.used):
                with contextlib.suppress(OSError):
                    path.unlink()


# ------------------------------------------------------------------ the join
def join(laid: Laid, pad_pdf: Path, out: Path, round_to: int = 1) -> int:
    """Join the chunks' PDFs into `out` (the front chunk's file carries the
    book's metadata); return the page count."""
    import pikepdf

    front = next((c.index for c in laid.chunks if c.front), None)
    sequence = ([front] if front is not None else []) + laid.order
    base = pikepdf.open(laid.results[sequence[0]].path)
    pad = pikepdf.open(pad_pdf)
    dests: dict[str, pikepdf.Object] = {}
    outline: list[tuple[int, str, pikepdf.Array, bool]] = []
    sources = [base]
    for n, index in enumerate(sequence):
        result = laid.results[index]
        src = base if n == 0 else pikepdf.open(result.path)
        if n:
            sources.append(src)
        offset = len(base.pages) if n else 0
        local = {page.obj.objgen: i for i, page in enumerate(src.pages)}
        if n:
            for page in src.pages:
                base.pages.append(page)

        def moved(array):
            page = local.get(array[0].objgen)
            return pikepdf.Array([base.pages[offset + page].obj, *list(array)[1:]])

        names = src.Root.get("/Names", {}).get("/Dests", {}).get("/Names", [])
        for i in range(0, len(names), 2):
            dests.setdefault(str(names[i]), moved(names[i + 1]))
        flat = []
        if "/Outlines" in src.Root and "/First" in src.Root.Outlines:
            _flatten(src.Root.Outlines.First, flat)
        levels = result.levels if len(result.levels) == len(flat) else [1] * len(flat)
        for level, (title, dest, closed) in zip(levels, flat):
            outline.append((level, title, moved(dest), closed))
        if n + 1 < len(sequence) and result.pages % 2:
            base.pages.append(pad.pages[0])
    missing = -len(base.pages) % max(1, round_to)
    for _ in range(missing):
        base.pages.append(pad.pages[0])

    _internal_links(base)
    _write_dests(base, dests)
    _write_outline(base, outline)
    # saved to memory, then written by Python: qpdf aborts the whole process
    # (std::terminate) when the disk fills under it; Python raises ENOSPC
    buffer = io.BytesIO()
    base.save(buffer, deterministic_id=True, compress_streams=True,
              object_stream_mode=pikepdf.ObjectStreamMode.generate)
    Path(out).write_bytes(buffer.getvalue())
    count = len(base.pages)
    for src in sources:
        src.close()
    pad.close()
    return count


def _flatten(item, out: list) -> None:
    while item is not None:
        closed = int(item.get("/Count", 0)) < 0
        out.append((str(item.Title), item.Dest, closed))
        if "/First" in item:
            _flatten(item.First, out)
        item = item.get("/Next")


def _internal_links(pdf) -> None:
    import pikepdf
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(ANCHOR_SCHEME):
                del annot["/A"]
                annot.Dest = pikepdf.String(uri[len(ANCHOR_SCHEME):])


def _write_dests(pdf, dests: dict) -> None:
    import pikepdf
    names = pikepdf.Array()
    for name in sorted(dests):
        names.append(pikepdf.String(name))
        names.append(dests[name])
    if "/Names" not in pdf.Root:
        pdf.Root.Names = pikepdf.Dictionary()
    pdf.Root.Names.Dests = pdf.make_indirect(pikepdf.Dictionary(Names=names))


def _write_outline(pdf, items: list) -> None:
    """The bookmarks as one tree, nested by level (as WeasyPrint nests them)."""
    import pikepdf
    root = pikepdf.Dictionary(Type=pikepdf.Name.Outlines)
    root = pdf.make_indirect(root)
    stack: list[tuple[int, pikepdf.Object]] = [(0, root)]
    counts: dict[tuple, int] = {}
    for level, title, dest, closed in items:
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1]
        node = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title), Dest=dest,
                                                    Parent=parent))
        if closed:
            node["/kroppress-closed"] = True
        if "/Last" in parent:
            last = parent.Last
            last.Next = node
            node.Prev = last
        else:
            parent.First = node
        parent.Last = node
        stack.append((level, node))
    _counts(root)
    if "/First" in root:
        pdf.Root.Outlines = root
    elif "/Outlines" in pdf.Root:
        del pdf.Root["/Outlines"]


def _counts(node) -> int:
    """Set /Count: the open descendants (negative when closed), as WeasyPrint does."""
    total = 0
    child = node.get("/First")
    while child is not None:
        below = _counts(child)
        total += 1 + (below if below > 0 else 0)
        child = child.get("/Next")
    if "/kroppress-closed" in node:
        del node["/kroppress-closed"]
        node.Count = -total
        return 0
    if "/Title" in node or "/First" in node:
        node.Count = total
    return total

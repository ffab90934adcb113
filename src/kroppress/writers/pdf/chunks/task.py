"""One chunk's layout, in a worker process (or in the parent, for one job).

Each chunk publishes its page count as soon as it is laid out, and waits,
before drawing its running heads and folios, for the counts of the chunks
before it (`_Folios`): its folios then run on from theirs. A chunk that ends
on a recto is followed by a blank verso (`pad_task`), as the single layout
would have.
"""
from __future__ import annotations

import multiprocessing.util
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

from .... import phases
from ....render.fetch import SafeFetcher
from .. import weasy
from ..pages import Counters, records
from ..weasyfix import install

#: how long a chunk waits for the page counts of those before it (a bug guard)
WAIT_LIMIT = 900.0


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
    records: bool = False         # report where each page's text begins


@dataclass
class Result:
    index: int
    path: str
    pages: int
    anchors: dict[str, int]       # id -> page index in the chunk
    levels: list[int]             # bookmark levels, in document order
    warnings: list[str]
    offset: int | None = None     # pages before it (arabic chunks), as its folios show
    pages_at: list = field(default_factory=list)   # `pages.records` of its pages


#: shared between the processes: page counts of the arabic chunks (-1: not
#: laid out yet), and a queue the parent reads layout progress from
_COUNTS = None
_EARLY = None         # (chunk index, pages, anchors) as each chunk is laid out
_STATE: dict = {}


def share(counts, early) -> None:
    """The shared page counts and progress queue, in this process (`Workers`)."""
    global _COUNTS, _EARLY
    _COUNTS = counts
    _EARLY = early


def warm(css_texts: Sequence[str]) -> None:
    """Load the fonts and parse the stylesheets once, in the parent: forked
    workers inherit them instead of paying ~1 s each to set them up.
    (Workers end with os._exit, so none of them removes WeasyPrint's
    temporary font folder, which belongs to the parent.)"""
    fonts = _fonts()
    fetcher = weasy.Fetcher(SafeFetcher(warnings=[]))
    css = [weasy.stylesheet(text, fetcher, fonts) for text in css_texts]
    _STATE["css"] = (tuple(css_texts), css)
    weasy.render("<p>a <i>a</i> <b>a</b> <b><i>a</i></b></p>", css, fetcher, fonts)


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
                    with phases.phase(f"wait chunk {self.index}"):
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
    sink: list[str] = []
    fonts = _fonts()
    fetcher = weasy.Fetcher(SafeFetcher(warnings=sink))
    with weasy.collect_warnings(sink), weasy.source_date_epoch(task.epoch):
        texts, css = _STATE.get("css", ((), []))
        if texts != task.css:
            css = [weasy.stylesheet(text, fetcher, fonts) for text in task.css]
        folios = _Folios(task.index, task.folios)
        counters = Counters()
        with weasy.margin_boxes(lambda original: folios.wrap(counters.wrap(original))):
            with phases.phase(f"lay out chunk {task.index}"):
                document = weasy.render(task.html, css, fetcher, fonts)
        pages_at = records(document.pages, counters.of(document.pages), f"{task.index}:") \
            if task.records else []
        anchors: dict[str, int] = {}
        levels: list[int] = []
        for i, page in enumerate(document.pages):
            for name in page.anchors:
                anchors.setdefault(name, i)
            levels += [b[0] for b in page.bookmarks]
        options: dict = {"pdf_variant": task.variant}
        if task.front is not None:
            weasy.apply_metadata(document, task.front["meta"])
            options.update(pdf_identifier=task.front["identifier"],
                           finisher=weasy.finisher(task.front["seed"], task.variant))
        with phases.phase(f"draw chunk {task.index}"):
            document.write_pdf(task.path, **options)
    return Result(task.index, task.path, len(document.pages), anchors, levels, sink,
                  folios.offset if task.folios is not None else None, pages_at)


def warm_task(css_texts: tuple[str, ...]) -> None:
    with phases.phase("warm"):
        warm(css_texts)


def pad_task(css_texts: tuple[str, ...], variant: str | None, path: str) -> None:
    """One blank page with the book's geometry and marks (the verso left
    blank after a chunk that ends on a recto, and the pages rounding the
    book up), written to `path`."""
    fonts = _fonts()
    fetcher = weasy.Fetcher(SafeFetcher(warnings=[]))
    css = [weasy.stylesheet(css_texts[0], fetcher, fonts)]
    weasy.pad_document(1, css, fetcher, fonts).write_pdf(path, pdf_variant=variant)


def _fonts():
    install()       # every task lays out through here first
    if "fonts" not in _STATE:
        _STATE["fonts"] = weasy.font_config()
        # a pool worker ends without atexit: multiprocessing's own finalizers
        # run there, so its font folder goes with it
        multiprocessing.util.Finalize(None, weasy.remove_font_folders, exitpriority=10)
    return _STATE["fonts"]

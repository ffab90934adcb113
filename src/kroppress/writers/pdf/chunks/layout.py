"""The parent's side of a chunked layout: which chunk can be laid out next
(`lay_out`), and what is known of those laid out (`Laid`): their pages,
anchors and folios, as soon as each is laid out."""
from __future__ import annotations

import concurrent.futures as cf
import queue
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from .... import phases
from ....build import interrupt
from ....render.ids import book_id
from .plan import MAX_CHUNKS, Chunk, page_refs, link_target, chunk_html, plan
from .task import Result, Task, warm, render_task
from .workers import Workers

if TYPE_CHECKING:
    from .cache import ChunkCache


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
            on_page: Callable[[int, int | None], None] | None = None,
            records: bool = False) -> Laid:
    """Lay out every chunk of `root` (by `workers`); return their results.

    A chunk found in `cache` (same HTML, styles, options, and the same pages
    before it) is not laid out again: its PDF is taken from the cache."""
    chunks = plan(root)
    for c in chunks:
        phases.mark("chunk", index=c.index, kind=_kind(c), chars=c.size)
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
        warm(css)
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
                for a in page_refs(chunk):
                    target = link_target(a)
                    if target not in chunk.ids:
                        pages[target] = laid.folio(target) or ""
                task = Task(chunk.index, chunk_html(root, chunk, pages, book_title),
                            tuple(css), str(workdir / f"chunk-{chunk.index}.pdf"),
                            position.get(chunk.index), variant, epoch,
                            front if chunk.index == first else None, records)
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
            interrupt.check()
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


def _kind(chunk: Chunk) -> str:
    """What a chunk holds, for the bench's breakdown."""
    if chunk.front:
        return "front"
    ids = {s.get("id") for s in chunk.sections}
    if book_id("notes") in ids:
        return "notes"
    if any("text" in (s.get("class") or "").split() for s in chunk.sections):
        return "texts"
    return "back"

"""A long book laid out in parallel: the print document is cut into chunks at
recto openings (`plan`), each chunk is laid out by WeasyPrint in its own
process (`workers`, `task`, driven by `layout`; kept between builds by
`cache`), and the chunks' PDFs are joined into one book (`join`).

What a single layout gives for free, the join restores:

* folios: every chunk after the front matter starts on a recto, so its layout
  does not depend on what comes before it; only the page numbers do. Each
  chunk publishes its page count as soon as it is laid out, and waits, before
  drawing its running heads and folios, for the counts of the chunks before
  it (`task._Folios`). A chunk that ends on a recto is followed by a blank
  verso, as the single layout would have.
* page references (contents, "p. 23" in the notes) to another chunk are
  written as literal numbers: such a chunk is laid out only once the chunks
  it refers to are (`plan.Chunk.needs`). The contents come last.
* links to another chunk are laid out as ``kroppress-anchor:ID`` and turned
  back into internal links (``/Dest``) when joined; the named destinations
  and the bookmarks of every chunk are joined into one tree.

The chunks depend only on the book (never on the number of processes), so
any ``jobs`` gives the same bytes. Tagged PDFs (PDF/UA, PDF/A level a) keep
the single layout: their structure tree cannot be joined.
"""
from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path

from .... import phases
from ....config import PrintProfile
from .. import weasy
from ..geometry import font_css, page_css
from .cache import ChunkCache
from .join import join
from .layout import lay_out
from .plan import worth_splitting
from .task import pad_task
from .workers import Workers

__all__ = ["Workers", "worth_splitting", "write_chunked"]


def write_chunked(root, path: Path, profile: PrintProfile, moment: _dt.datetime, front: dict,
                  sink: list[str], stylesheets: list[str], jobs: int, on_page,
                  cache_dir: str | Path | None = None, reuse: bool = True,
                  workers=None, page_records: list | None = None,
                  folios: list | None = None) -> None:
    """Lay out `root` in chunks and join them (`front`: the metadata, /ID and
    XMP seed for the first chunk, whose file becomes the book's). WeasyPrint
    runs in the worker processes only (`workers`, started early by the build,
    or a pool started here). `folios` receives one record per page of the
    joined book (`pages.records`; a blank verso the join adds gets the
    counter after its page's), for the page labels."""
    css_texts = [font_css() + page_css(profile), *stylesheets]
    own = workers is None or not workers.fits(css_texts)
    if own:
        if workers is not None:
            workers.shutdown()
        workers = Workers(jobs, css_texts)
    try:
        # next to `path` (the build's temp file in the output folder), named
        # after it: a killed build leaves it there, and the next one removes it
        work = Path(path)
        with tempfile.TemporaryDirectory(prefix=f".{work.name.lstrip('.')}.chunks-",
                                         dir=work.parent) as tmp, \
                weasy.collect_warnings(sink), weasy.source_date_epoch(int(moment.timestamp())):
            workdir = Path(tmp)
            cache = ChunkCache(Path(cache_dir) / "chunks", reuse) if cache_dir else None
            with phases.phase("chunks laid out"):
                laid = lay_out(root, css_texts, workdir, workers=workers, cache=cache,
                               variant=profile.pdf_variant or None,
                               epoch=int(moment.timestamp()), front=front,
                               book_title=front["meta"]["title"], on_page=on_page,
                               records=page_records is not None or folios is not None)
            for result in sorted(laid.results.values(), key=lambda r: r.index):
                for w in result.warnings:
                    if w not in sink:
                        sink.append(w)
            pad = workdir / "pad.pdf"
            with phases.phase("pad"):
                workers.run(pad_task, tuple(css_texts), profile.pdf_variant or None, str(pad))
            with phases.phase("join"):
                join(laid, pad, path, round_to=int(profile.round_pages_to or 1))
            if page_records is not None:
                # in the joined book's order (the blank pages the join adds hold no text)
                for index in [c.index for c in laid.chunks if c.front] + laid.order:
                    page_records += laid.results[index].pages_at
            if folios is not None:
                folios += _with_blanks(laid)
            if cache is not None:
                cache.prune()
    except BaseException as exc:
        # Ctrl-C: the workers stop now, not after the layout they are doing
        workers.kill() if not isinstance(exc, Exception) else workers.shutdown()
        raise
    workers.shutdown()


def _with_blanks(laid) -> list[list]:
    """The records of the joined book's pages, the blank versos `join` puts
    after a chunk that ends on a recto included (as the page before them,
    one counter on, without text or folio)."""
    sequence = [c.index for c in laid.chunks if c.front] + laid.order
    out: list[list] = []
    for n, index in enumerate(sequence):
        result = laid.results[index]
        out += result.pages_at
        if n + 1 < len(sequence) and result.pages % 2 and out:
            last = out[-1]
            out.append([None, 0, [], last[3] + 1, last[4], [], None])
    return out

"""A book laid out in one process, as one WeasyPrint document (a short book,
or a tagged PDF, whose structure tree cannot be joined from chunks).

Blank pages at the end up to a multiple of ``round_pages_to`` (4 in
``press``) are taken from a second tiny document, so the book is laid out
once.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable

from ... import phases
from ...config import PrintProfile
from ...render.fetch import SafeFetcher
from . import weasy
from .geometry import font_css, page_css
from .pages import Counters, records
from .tree import serialize
from .weasyfix import install


def write_single(root: ET.Element, path: Path, profile: PrintProfile, moment: _dt.datetime,
                 meta: dict, options: dict, sink: list[str], stylesheets: Iterable[str],
                 on_page=None, page_records: list | None = None) -> None:
    """Lay out `root` and write it at `path` (`meta`: the document metadata;
    `options`: WeasyPrint's write options: /ID, variant, finisher).
    `page_records` receives where each page's text begins (`pages.records`)."""
    install()
    fetcher = weasy.Fetcher(SafeFetcher(warnings=sink))
    fonts = weasy.font_config()
    html_text = serialize(root)
    with weasy.collect_warnings(sink), weasy.source_date_epoch(int(moment.timestamp())), \
            weasy.page_progress(on_page):
        generated = [weasy.stylesheet(font_css() + page_css(profile), fetcher, fonts)]
        extra = [weasy.stylesheet(text, fetcher, fonts) for text in stylesheets]
        counters = Counters()
        with weasy.margin_boxes(counters.wrap) if page_records is not None \
                else contextlib.nullcontext():
            with phases.phase("lay out single"):
                document = weasy.render(html_text, [*generated, *extra], fetcher, fonts)
        if page_records is not None:
            page_records += records(document.pages, counters.of(document.pages))

        step = max(1, int(profile.round_pages_to or 1))
        missing = -len(document.pages) % step
        if missing:
            pad = weasy.pad_document(missing, generated, fetcher, fonts)
            document = document.copy([*document.pages, *pad.pages])

        weasy.apply_metadata(document, meta)
        with phases.phase("draw single"):
            document.write_pdf(path, **options)

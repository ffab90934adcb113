"""Everything kroppress asks of WeasyPrint, the only module (with `weasyfix`)
that imports it, and only inside its functions: `kroppress.build` imports
the PDF writer lazily, and an EPUB-only build never loads WeasyPrint.

Every resource goes through `kroppress.render.fetch.SafeFetcher` (`Fetcher`): only
the project's ``styles/`` and ``templates/`` and the font packages are read;
anything else is refused with a warning (appended to `warnings`), never
fetched, and the PDF is still written. The metadata (title, editors,
description, subjects, language, dates from the build epoch) and a
deterministic file: same book, profile and epoch give the same bytes.
"""
from __future__ import annotations

import atexit
import contextlib
import datetime as _dt
import functools
import hashlib
import logging
import os
import re
import shutil
import weakref
from typing import Callable, Iterator, Sequence

from ... import __version__
from ...config import PrintProfile
from ...render.fetch import SafeFetcher
from ...model import Book
from ...paths import STYLES_DIR
from ...render import join_names

#: the base URL of every document and stylesheet WeasyPrint is given
BASE_URL = STYLES_DIR.as_uri() + "/"


def Fetcher(policy: SafeFetcher):   # noqa: N802 - stands for a class
    """WeasyPrint's fetcher, answering only what SafeFetcher allows."""
    return _fetcher_class()(policy)


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):
        def __init__(self, policy: SafeFetcher) -> None:
            super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False,
                             fail_on_errors=False)
            self.policy = policy

        def fetch(self, url, headers=None):
            data, mime, real = self.policy.read(url)   # FetchRefused -> a WeasyPrint warning
            if mime.startswith("text/"):
                mime += "; charset=utf-8"
            return URLFetcherResponse(real.as_uri(), data, {"Content-Type": mime})

        def open(self, url, data=None, timeout=None):   # never urllib
            return self.fetch(getattr(url, "full_url", url))

    return Fetcher


#: WeasyPrint messages that say nothing new: an ``@charset`` rule (read by
#: the CSS parser, then reported as unknown), and WeasyPrint's echo of a
#: refusal SafeFetcher has already recorded
_NOISE = re.compile(r"Unknown empty rule <AtRule @charset|FetchRefused")


class _Collect(logging.Handler):
    """Collects WeasyPrint's warnings and errors while a book is laid out."""

    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if _NOISE.search(text):
            return
        message = f"PDF: {text.splitlines()[0]}"
        if message not in self.sink:
            self.sink.append(message)


@contextlib.contextmanager
def collect_warnings(sink: list[str]) -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect(sink)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)

# ------------------------------------------------------------------ layout
_FONT_CONFIGS: "weakref.WeakSet" = weakref.WeakSet()


def font_config():
    from weasyprint.text.fonts import FontConfiguration
    fonts = FontConfiguration()
    _FONT_CONFIGS.add(fonts)
    return fonts


@atexit.register
def remove_font_folders() -> None:
    # FontConfiguration.__del__ removes its temp folder of @font-face files, but
    # at interpreter exit `rmtree` is already gone and it prints a traceback:
    # remove them while the modules are still there, and leave __del__ nothing to do
    for fonts in list(_FONT_CONFIGS):
        folder, fonts._folder = fonts._folder, None
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def stylesheet(text: str, fetcher, fonts):
    """WeasyPrint's `CSS` of `text`; the colour profiles of its
    ``@color-profile`` rules are kept with it (`color_profiles`)."""
    from weasyprint import CSS
    profiles: dict = {}
    css = CSS(string=text, base_url=BASE_URL, url_fetcher=fetcher, font_config=fonts,
              color_profiles=profiles)
    for profile in profiles.values():
        # embedded as the file's own bytes: WeasyPrint's are LittleCMS's
        # serialization, which changes once the description has been read
        profile.__class__ = _raw_profile_class(type(profile))
        profile.raw = fetcher.policy.read(profile.src)[0]
    css.kroppress_color_profiles = profiles
    return css


@functools.cache
def _raw_profile_class(base: type) -> type:
    class RawProfile(base):
        @property
        def content(self) -> bytes:
            return self.raw
    return RawProfile


def color_profiles(stylesheets: Sequence) -> dict:
    """The colour profiles of `stylesheets`, for the document laid out with
    them (WeasyPrint keeps a stylesheet's own otherwise: no output intent)."""
    profiles: dict = {}
    for css in stylesheets:
        profiles.update(getattr(css, "kroppress_color_profiles", {}))
    return profiles


def render(html_text: str, stylesheets: Sequence, fetcher, fonts):
    """The laid-out document (WeasyPrint's `Document`) of `html_text`."""
    from weasyprint import HTML
    return HTML(string=html_text, base_url=BASE_URL, url_fetcher=fetcher).render(
        stylesheets=list(stylesheets), font_config=fonts,
        color_profiles=color_profiles(stylesheets))


@contextlib.contextmanager
def margin_boxes(wrap: Callable[[Callable], Callable]) -> Iterator[None]:
    """WeasyPrint's layout of the margin boxes replaced by `wrap(original)`
    for the duration (the chunks' folios: `chunks.task._Folios.wrap`)."""
    import weasyprint.layout as wl
    original = wl.make_margin_boxes
    try:
        wl.make_margin_boxes = wrap(original)
        yield
    finally:
        wl.make_margin_boxes = original


@contextlib.contextmanager
def page_progress(on_page) -> Iterator[None]:
    """Tell `on_page` of each page WeasyPrint lays out (from its progress log)."""
    if on_page is None:
        yield
        return
    logger = logging.getLogger("weasyprint.progress")

    class Pages(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.args and "Creating layout - Page" in str(record.msg):
                on_page(int(record.args[0]), None)

    handler = Pages(logging.INFO)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


# ------------------------------------------------------------------ the file
def w3c(moment: _dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def authors(book: Book) -> list[str]:
    if book.meta.editors:
        return [join_names(book.meta.editors)]
    seen: list[str] = []
    for e in book.entries:
        for a in e.doc.metadata.authors:
            if a and a not in seen:
                seen.append(a)
    return seen


def pdf_identifier(book: Book, profile: PrintProfile) -> bytes | bool:
    """The permanent half of the PDF /ID: the book's identifier, hashed."""
    if not book.meta.identifier:
        return True   # pydyf then derives it from the content: still deterministic
    key = f"{book.meta.identifier}|{profile.name}".encode()
    return hashlib.md5(key, usedforsecurity=False).hexdigest().encode()


_UUID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def deterministic_xmp(seed: str):
    """A WeasyPrint finisher: replace the random XMP DocumentID (PDF/X-4+)."""
    import uuid

    did = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}".encode()

    def finisher(document, pdf) -> None:
        for obj in pdf.objects:
            stream = getattr(obj, "stream", None)
            extra = getattr(obj, "extra", None)
            if not stream or not isinstance(extra, dict) or extra.get("Type") != "/Metadata":
                continue
            obj.stream = [_UUID.sub(did, part) if isinstance(part, bytes) else part
                          for part in stream]
    return finisher


def pdfx_info(variant: str | None):
    """A WeasyPrint finisher for a PDF/X variant (nothing for another): the
    conformance in the Info dictionary (WeasyPrint writes it in the XMP only
    for PDF/X-4 and later; preflight tools read both), /Trapped /False, and
    the output intent named by its registered printing condition (FOGRA39)
    rather than by the profile's description."""
    def finisher(document, pdf) -> None:
        import pydyf

        from ...render import icc
        if not (variant or "").startswith("pdf/x-"):
            return
        version = variant.split("-", 1)[1].upper()
        conformance = {"1A": "PDF/X-1a:2003", "3": "PDF/X-3:2003"}.get(version,
                                                                      f"PDF/X-{version}")
        pdf.info["GTS_PDFXVersion"] = pydyf.String(conformance)
        pdf.info["Trapped"] = "/False"
        for intent in pdf.catalog.get("OutputIntents", ()):
            intent["OutputConditionIdentifier"] = pydyf.String(icc.CONDITION)
            intent["OutputCondition"] = pydyf.String(icc.CONDITION_INFO)
            intent["Info"] = pydyf.String(icc.CONDITION_INFO)
            intent["RegistryName"] = pydyf.String(icc.REGISTRY)
    return finisher


def finisher(seed: str, variant: str | None):
    """The finisher of a book's file: a deterministic XMP, and the PDF/X
    entries of a PDF/X variant."""
    steps = (deterministic_xmp(seed), pdfx_info(variant))

    def finish(document, pdf) -> None:
        for step in steps:
            step(document, pdf)
    return finish


@contextlib.contextmanager
def source_date_epoch(epoch: int) -> Iterator[None]:
    """SOURCE_DATE_EPOCH for the duration of a write: fontTools stamps the
    fonts WeasyPrint instantiates from the variable files (``head.modified``)
    with it instead of the current time."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def pad_document(count: int, css: Sequence, fetcher, fonts):
    """`count` blank pages with the book's page geometry (and marks)."""
    from weasyprint import CSS, HTML
    body = "".join('<div class="pad"></div>' for _ in range(count))
    html = HTML(string=f"<!DOCTYPE html><html><body>{body}</body></html>",
                base_url=BASE_URL, url_fetcher=fetcher)
    pad_css = CSS(string="div.pad + div.pad { break-before: page; }", url_fetcher=fetcher)
    return html.render(stylesheets=[*css, pad_css], font_config=fonts,
                       color_profiles=color_profiles(css))


def book_metadata(book: Book, moment: _dt.datetime) -> dict:
    """The document metadata WeasyPrint writes (title, authors, dates…)."""
    return dict(title=book.meta.title, authors=authors(book),
                description=book.meta.description or None,
                # one keyword string: subjects may contain commas ("Kropotkin, Petr …")
                keywords=["; ".join(book.meta.subjects)] if book.meta.subjects else [],
                generator=f"kroppress {__version__}", created=w3c(moment),
                modified=w3c(moment), lang=book.meta.language or "en")


def apply_metadata(document, meta: dict) -> None:
    md = document.metadata
    for key, value in meta.items():
        if value is not None:
            setattr(md, key, value)


"""The only way the PDF writer reads a resource: a fenced-in URL policy.

WeasyPrint fetches every stylesheet, font and image through a *url fetcher*.
Its default one follows ``file:``, ``http:``, ``https:`` and ``data:`` URLs
anywhere, so a hostile stylesheet or text could make a build read
``/etc/passwd`` or call a server. :class:`SafeFetcher` serves only regular
files whose real path (symlinks resolved) lies inside an allowed folder:

* the project's ``styles/`` and ``templates/``,
* the folders of the installed font packages (``fontpkg_*``),
* kroppress's font cache (`kroppress.render.fonts`: static instances made from
  those packages' variable fonts, nothing else),
* one file besides: the CMYK output profile of a press PDF
  (`kroppress.render.icc.profile_path`), not the folder it is kept in.

Anything else — another file, a symlink that leaves those folders, ``http``,
``https``, ``data``, ``ftp`` — is refused: a one-line warning is recorded in
:attr:`SafeFetcher.warnings` (and logged), nothing is opened or fetched, and
the caller (WeasyPrint) goes on without the resource. Refusals never raise to
the build.

This module does not import WeasyPrint: the PDF writer wraps the policy in
WeasyPrint's fetcher class (``kroppress.writers.pdf.weasy``), and the policy can be
tested on its own.
"""
from __future__ import annotations

import logging
import mimetypes
import os
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..paths import STYLES_DIR, TEMPLATES_DIR, TEXT_PACKAGE, cache_dir, package_dir

LOG = logging.getLogger("kroppress.render.fetch")

_MIME = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff",
         ".woff2": "font/woff2", ".svg": "image/svg+xml", ".png": "image/png",
         ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
         ".icc": "application/vnd.iccprofile"}


class FetchRefused(ValueError):
    """A URL the policy does not serve (WeasyPrint turns it into a warning)."""


def font_dirs() -> list[Path]:
    """The package folder of the text face (the one font a print build embeds), if installed."""
    return [d for d in (package_dir(TEXT_PACKAGE),) if d is not None]


def default_roots() -> list[Path]:
    return [STYLES_DIR, TEMPLATES_DIR, *font_dirs(), cache_dir("fonts")]


def default_files() -> list[Path]:
    """Single files served besides the roots (not their folders)."""
    from .icc import profile_path
    return [profile_path()]


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[:limit - 1] + "…"


class SafeFetcher:
    """Serve files inside `roots`, and the single `files`, only; refuse (and
    record) everything else."""

    def __init__(self, roots: Iterable[Path | str] | None = None,
                 warnings: list[str] | None = None,
                 files: Iterable[Path | str] | None = None) -> None:
        if files is None:   # the default files go with the default roots
            files = default_files() if roots is None else ()
        roots = default_roots() if roots is None else roots
        self.roots: tuple[Path, ...] = tuple(Path(os.path.realpath(r)) for r in roots)
        #: files allowed one by one (their folders are not)
        self.files: frozenset[Path] = frozenset(Path(os.path.realpath(f)) for f in files)
        #: one line per refused URL, in the order they were asked for
        self.warnings: list[str] = [] if warnings is None else warnings
        #: real paths served so far (for tests and reports)
        self.served: list[Path] = []

    # policy ---------------------------------------------------------
    def _refuse(self, url: str, why: str) -> FetchRefused:
        message = f"PDF: refused to load {_short(url)!r}: {why}"
        if message not in self.warnings:
            self.warnings.append(message)
            LOG.warning(message)
        return FetchRefused(message)

    def resolve(self, url: str) -> Path:
        """The real path `url` stands for, or FetchRefused (recorded as a warning).

        Nothing is opened here: only the path is examined (``realpath`` reads
        symlinks, never file contents)."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise self._refuse(url, "not a valid URL") from None
        scheme = parts.scheme.lower()
        if scheme != "file":
            what = f"{scheme}: URLs" if scheme else "relative URLs without a base"
            raise self._refuse(url, f"{what} are not fetched; only files in the project's "
                                    "styles/ and templates/ and the font packages are")
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, "file URLs on another host are not read")
        raw = url2pathname(unquote(parts.path))
        if "\x00" in raw or not os.path.isabs(raw):
            raise self._refuse(url, "not an absolute file path")
        real = Path(os.path.realpath(raw))
        if real not in self.files and \
                not any(real == root or real.is_relative_to(root) for root in self.roots):
            raise self._refuse(url, "outside the project's styles/ and templates/ and the "
                                    "font packages (symlinks are followed before checking)")
        if not real.is_file():
            raise self._refuse(url, "no such file")
        return real

    def read(self, url: str) -> tuple[bytes, str, Path]:
        """(content, MIME type, real path) of an allowed URL; FetchRefused otherwise."""
        real = self.resolve(url)
        # open the checked real path without following a symlink swapped in since
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(real, flags)
        except OSError as exc:
            raise self._refuse(url, f"cannot be read ({exc.strerror})") from None
        with os.fdopen(fd, "rb") as fh:
            data = fh.read()
        self.served.append(real)
        mime = _MIME.get(real.suffix.lower()) or mimetypes.guess_type(real.name)[0] \
            or "application/octet-stream"
        return data, mime, real

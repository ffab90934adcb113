"""What `kroppress serve` shows, rebuilt from the files on each change.

A `Snapshot` is one consistent state of the project: the assembled book,
each text's raw source and reader `Document`, the `check` findings. A
rebuild makes a new snapshot and swaps it in whole, so a request never sees
half of one. When the config or a text is broken, the last good book stays
on show and `error` carries the one-line message the CLI would print.
"""
from __future__ import annotations

import copy
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KroppressError
from ..model import Book, Document, Entry
from ..paths import STYLES_DIR, TEMPLATES_DIR
from ..reader.decode import source_text


def cli_message(exc: BaseException) -> str:
    """The line `kroppress build` prints for `exc` (see cli._fail)."""
    return f"error: {exc}"


def raw_text(path: Path) -> str:
    """The source as the reader numbers its lines: BOMs off, CRLF and CR as LF.
    Undecodable bytes are shown replaced; the reader reports them."""
    return source_text(path.read_bytes())


@dataclass
class Text:
    """One text of the config, for its review page."""
    id: str
    cfg: object                  # config.TextConfig
    path: Path
    rel: str                     # path relative to the project
    raw: str = ""
    doc: Document | None = None  # as the reader made it (its report is inspect's)
    entry: Entry | None = None   # as it stands in the book (after corrections)
    error: str = ""


@dataclass
class Snapshot:
    generation: int = 0
    error: str = ""              # the CLI's one-line message, "" when all is well
    book: Book | None = None
    config: object | None = None
    texts: dict[str, Text] = field(default_factory=dict)
    findings: list = field(default_factory=list)     # check.Finding
    warnings: list[str] = field(default_factory=list)
    cache: dict = field(default_factory=dict)        # rendered pages of this generation


class Project:
    def __init__(self, config_path: Path, edition: str | None = None,
                 profile: str | None = None) -> None:
        self.config_path = Path(config_path).resolve()
        self.root = self.config_path.parent
        self.edition = edition
        self.profile = profile
        self.snap = Snapshot()
        self.watched: set[Path] = {self.config_path}
        self.named: set[Path] = {self.config_path}   # as the config names them, links not followed
        self._reads: dict[Path, tuple[tuple, Document]] = {}
        self._raws: dict[Path, tuple[tuple, str]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ files
    def shared_files(self) -> set[Path]:
        """Templates and styles: the rendering changes with them."""
        return {p.resolve() for d in (TEMPLATES_DIR, STYLES_DIR) if d.is_dir()
                for p in d.iterdir() if p.is_file()}

    def project_files(self) -> set[Path]:
        """The files the server may show: the config and what it names."""
        return {p for p in self.watched if p.is_relative_to(self.root)}

    def _read(self, path: Path) -> Document:
        """`read_file`, kept while the file is unchanged (assemble edits its
        document in place, so each caller gets a copy)."""
        from ..reader import read_file
        return copy.deepcopy(self._kept(self._reads, Path(path).resolve(), read_file))

    def _raw(self, path: Path) -> str:
        return self._kept(self._raws, Path(path).resolve(), raw_text)

    @staticmethod
    def _kept(store: dict, path: Path, make):
        """`make(path)`, made again only when the file's inode, time or size changed."""
        st = path.stat()
        key = (st.st_ino, st.st_mtime_ns, st.st_size)
        hit = store.get(path)
        if hit is None or hit[0] != key:
            hit = (key, make(path))
            store[path] = hit
        return hit[1]

    # ------------------------------------------------------------ rebuild
    def rebuild(self) -> Snapshot:
        """Read everything again; swap in the new snapshot (or keep the old
        book and set `error`). Called from a worker thread."""
        with self._lock:
            try:
                snap = self._build()
            except Exception as exc:    # a bug must not stop the server: say it, keep going
                old = self.snap
                snap = Snapshot(old.generation + 1, f"error: {type(exc).__name__}: {exc} "
                                "(a kroppress bug; please report it)", old.book, old.config,
                                old.texts, old.findings, old.warnings)
            self.snap = snap
            return snap

    def _build(self) -> Snapshot:
        from ..book.assemble import assemble
        from ..build.cache import config_paths, named_paths
        from ..book.check import check
        from ..config import load_config
        old = self.snap
        gen = old.generation + 1
        try:
            config = load_config(self.config_path)
        except KroppressError as exc:
            return Snapshot(gen, cli_message(exc), old.book, old.config, old.texts,
                            old.findings, old.warnings)
        self.watched = {self.config_path} | config_paths(config)
        self.named = {self.config_path} | {Path(os.path.abspath(p)) for p in named_paths(config)}
        texts = self._texts(config)
        findings = check(self.config_path, read=self._read, raw_of=self._raw)
        warnings: list[str] = []
        try:
            if self.edition is not None:
                config.edition(self.edition)
            config.print_profile(self.profile)
            book = assemble(config, self.edition, warnings=warnings, read=self._read)
        except KroppressError as exc:
            return Snapshot(gen, cli_message(exc), old.book, config, texts, findings,
                            old.warnings)
        for entry in book.entries:
            if entry.id in texts:
                texts[entry.id].entry = entry
        return Snapshot(gen, "", book, config, texts, findings, warnings)

    def _texts(self, config) -> dict[str, Text]:
        out: dict[str, Text] = {}
        for cfg in config.texts():
            path = Path(cfg.source).resolve()
            t = Text(cfg.id, cfg, path, config.relpath(Path(cfg.source)))
            try:
                t.raw = self._raw(path)
                t.doc = self._read(path)
            except OSError as exc:
                t.error = cli_message(KroppressError(f"{t.rel}: cannot read ({exc.strerror})"))
            except KroppressError as exc:
                t.error = cli_message(exc)
            out[cfg.id] = t
        return out

    def check_options(self) -> None:
        """Fail at start for an --edition or --profile the config does not
        define (a mistyped option, not a file being edited)."""
        from ..config import load_config
        try:
            config = load_config(self.config_path)
        except KroppressError:
            return          # shown as the banner once serving
        if self.edition is not None:
            config.edition(self.edition)
        config.print_profile(self.profile)

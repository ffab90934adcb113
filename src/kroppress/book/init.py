"""`kroppress init SEEDS`: write a commented starter anthology.toml.

Every `*.txt` / `*.md` / `*.muse` in the folder is read with the reader; each becomes a
`[[parts.texts]]` entry (id from the detected title, source relative to the
config) with what the reader detected written as a commented-out
`[parts.texts.metadata]` block to confirm or correct. `[book]` gets
placeholders that validate (a fresh urn:uuid, today's date), so
`kroppress init seeds && kroppress build` works straight away. The file is
validated with `load_config` before it replaces anything.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import uuid
from collections import Counter
from pathlib import Path
from typing import Callable

from slugify import slugify

from ..build.atomic import write_atomic
from ..config import SLUG_RE, load_config
from ..errors import ConfigError, KroppressError, cut
from ..model import Document
from ..render.ids import reserved_reason

Reader = Callable[[Path], Document]


# TOML forbids these raw in strings and comments (JSON leaves DEL raw)
_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _q(value: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def _qlist(values: list[str]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _comment(text: str) -> str:
    return " ".join(_CONTROLS.sub(" ", text).split())


class _Ids:
    """Unique text ids from titles; the next number of each base is kept, so
    that 10,000 texts with one title cost 10,000 steps, not 50 million."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}

    def make(self, title: str, fallback: str) -> str:
        base = slugify(title, max_length=48, word_boundary=True) or slugify(fallback) or "text"
        if not SLUG_RE.match(base):
            base = "text"
        if reserved_reason(base):           # "kp-…" is the book's own
            base = f"text-{base}"
        candidate, n = base, self.next.get(base, 2)
        while candidate in self.taken:
            candidate = f"{base}-{n}"
            n += 1
        self.next[base] = n
        self.taken.add(candidate)
        return candidate


def starter_toml(entries: list[tuple[str, str, Document]], *, sections: dict[str, str] | None = None,
                 today: _dt.date | None = None,
                 identifier: str | None = None) -> str:
    """The starter config text for (id, source relative path, document) entries."""
    today = today or _dt.date.today()
    identifier = identifier or f"urn:uuid:{uuid.uuid4()}"
    langs = Counter(doc.metadata.language or "en" for _, _, doc in entries)
    language = langs.most_common(1)[0][0] if langs else "en"
    authors = Counter(a for _, _, doc in entries for a in doc.metadata.authors)
    lines = [
        "# kroppress anthology configuration (starter written by `kroppress init`).",
        "# Paths are relative to this file's folder and must stay inside it.",
        "# Build with:  kroppress build        (EPUB and PDF into dist/)",
        "",
        "[book]",
        '# TODO: a real title, editors and publisher.',
        f"title = {_q('Untitled Anthology')}",
        "# subtitle = \"\"",
        "editors = []            # e.g. [\"A. N. Editor\"]",
        "publisher = \"\"",
        f"language = {_q(language)}",
        "# A fresh unique identifier; replace it with the ISBN-13 once you have one.",
        f"identifier = {_q(identifier)}",
        f"date = {today.isoformat()}       # publication date (YYYY-MM-DD)",
        "edition = \"\"",
        "description = \"\"",
        "subjects = []",
        "licence = \"\"",
        "# introduction = \"editorial/introduction.md\"",
    ]
    if authors:
        # every author, most texts first (a comment: an editor reads it once)
        found = [a for a, _ in authors.most_common()]
        top = ", ".join(found[:12]) + (f" and {len(found) - 12} more" if len(found) > 12 else "")
        lines.insert(7, f"# Authors found in the texts: {_comment(top)}")
    # one part without a title: no part page (a book without parts); a title
    # (or an introduction) gives it one
    lines += [
        "",
        "[[parts]]",
        "# title = \"Part title\"     # a titled part opens with a part page; split into several [[parts]] as needed",
        "# introduction = \"editorial/part-1.md\"",
    ]
    for text_id, source, doc in entries:
        meta = doc.metadata
        lines += ["", "[[parts.texts]]", f"id = {_q(text_id)}", f"source = {_q(source)}",
                  *([f"section = {_q(sections[text_id])}"] if text_id in (sections or {}) else []),
                  "# headnote = \"editorial/" + text_id + ".md\"",
                  "# include = true"]
        for w in doc.warnings[:5]:
            lines.append(f"# reader: {_comment(str(w))}")
        lines.append("# Detected by the reader; uncomment and correct to override:")
        lines.append("# [parts.texts.metadata]")
        detected = [("title", meta.title), ("subtitle", meta.subtitle),
                    ("authors", meta.authors), ("date", meta.date),
                    ("translator", meta.translator), ("first_published", meta.first_published),
                    ("source_url", meta.source_url), ("rights", meta.rights)]
        for key, value in detected:
            if value:
                shown = _qlist(value) if isinstance(value, list) else _q(_comment(value))
                lines.append(f"# {key} = {shown}")
        lines += [
            "# [[parts.texts.corrections]]",
            "# find = \"teh\"",
            "# replace = \"the\"",
            "# reason = \"misprint\"",
            "# count = 1",
        ]
    lines += [
        "",
        "[print]",
        "trim = \"5.5in 8.5in\"              # or A5, 6x9, letter, a4",
        "margins = \"0.75in 0.625in 0.875in 0.875in\"   # top outer bottom inner",
        "notes = \"endnotes\"                # or \"footnotes\"",
        "# pdf_variant = \"pdf/a-3b\"",
        "# Built-in profiles: press (crop marks, 0.125in bleed, pages rounded to 4)",
        "# and proof (no marks, no bleed). Use with: kroppress build --profile press",
        "# [print.profiles.press]",
        "# bleed = \"0.125in\"",
        "# crop_marks = true",
        "# round_pages_to = 4",
        "",
        "# A shorter edition, built with: kroppress build --edition short",
        "# [editions.short]",
        "# texts = [" + ", ".join(_q(e[0]) for e in entries[:2]) + "]",
        "",
    ]
    return "\n".join(lines)


def _utf8_name(path: Path) -> bool:
    """Whether the file's name can be written in a UTF-8 config (a name of
    bytes that are not UTF-8 cannot)."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(path: Path) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 as \\xNN."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def write_starter(seeds_dir: Path, config_path: Path, force: bool = False, *,
                  read: Reader | None = None, split: bool = False,
                  warn: Callable[[str], None] | None = None) -> Path:
    """Write a starter config listing every text in `seeds_dir` (with `split`:
    every top-level section of the book `seeds_dir`); return its path. A file
    that cannot be listed is skipped, and `warn` told why."""
    seeds_dir, config_path = Path(seeds_dir), Path(config_path)
    try:
        exists = config_path.exists()
    except OSError as exc:          # a name too long for the file system
        raise KroppressError(f"{cut(str(config_path), 120)}: cannot write a config there "
                             f"({exc.strerror}); give a shorter name with --config") from None
    if exists and not force:
        raise KroppressError(f"{config_path}: already exists; use --force to overwrite it, "
                             "or --config to write somewhere else")
    if split:
        return _write_split(seeds_dir, config_path, read)
    if not seeds_dir.is_dir():
        raise KroppressError(f"{seeds_dir}: no such folder; give the folder holding the raw texts")
    root = config_path.resolve().parent
    if not root.is_dir():
        raise KroppressError(f"{config_path.parent}: no such folder for the config; create it first")
    seeds = seeds_dir.resolve()
    if not seeds.is_relative_to(root):
        raise KroppressError(f"{seeds_dir}: is outside {root}, the config's folder; sources must "
                             "be inside it: move the texts there or write the config higher up")
    files = sorted(p for p in seeds.iterdir()
                   if p.is_file() and p.suffix.lower() in (".txt", ".md", ".muse") and not p.name.startswith("."))
    files = [p for p in files if p.resolve().is_relative_to(root)]
    for path in [p for p in files if not _utf8_name(p)]:
        files.remove(path)
        if warn is not None:
            warn(f"{_shown(path)}: skipped: its name is not valid UTF-8; rename the file "
                 "(e.g. with convmv) and run init again")
    if not files:
        raise KroppressError(f"{seeds_dir}: no .txt or .md files in this folder (nor .muse); "
                             "put the raw texts there first")
    if read is None:
        from ..reader import read_file as read
    ids = _Ids()
    entries: list[tuple[str, str, Document]] = []
    for path in files:
        doc = read(path)
        text_id = ids.make(doc.metadata.title, path.stem)
        entries.append((text_id, path.relative_to(root).as_posix(), doc))
    text = starter_toml(entries)
    with write_atomic(config_path) as tmp:
        tmp.write_text(text, encoding="utf-8")
        try:
            load_config(tmp)
        except ConfigError as exc:  # a bug in this module, never the user's fault
            raise KroppressError(f"internal error: the starter config does not validate ({exc})") from None
    return config_path


def _write_split(book: Path, config_path: Path, read: Reader | None) -> Path:
    from .split import split_book
    if not book.is_file():
        raise KroppressError(f"{book}: --split takes one book (a text file), not a folder")
    root = config_path.resolve().parent
    if not book.resolve().is_relative_to(root):
        raise KroppressError(f"{book}: is outside {root}, the config's folder; move the book there")
    if not _utf8_name(book):
        raise KroppressError(f"{_shown(book)}: its name is not valid UTF-8; rename the file")
    if read is None:
        from ..reader import read_file as read
    ids = _Ids()
    source = book.resolve().relative_to(root).as_posix()
    entries, sections = [], {}
    for doc, title in split_book(book, read):
        entries.append((ids.make(doc.metadata.title, book.stem), source, doc))
        sections[entries[-1][0]] = title        # each a cut of the book by its heading
    text = starter_toml(entries, sections=sections)
    with write_atomic(config_path) as tmp:
        tmp.write_text(text, encoding="utf-8")
        try:
            load_config(tmp)
        except ConfigError as exc:
            raise KroppressError(f"internal error: the starter config does not validate ({exc})") from None
    return config_path

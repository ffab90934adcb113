"""The reader: a raw text file to a `Document`, repairing export artifacts.

Pipeline: decode -> markdown-it blocks -> a chain of small repair rules
over one `ReadState` (`reader/chain.py`, one module a rule under
`reader/rules/`, each repair recorded in the report) -> model blocks. Every
rule is general; nothing looks at a file name.

A Muse file (The Anarchist Library's markup: a `.muse` file, or one that
opens with `#title …` directives) goes to the Muse reader (`reader/muse/`)
instead; both give the same `Document`.
"""
from __future__ import annotations

import errno
import re
import stat
from pathlib import Path

from ..errors import InputError
from ..model import Document
from ..notice import Notice
from .decode import clean_text, decode
from .blocks import parse_blocks
from .html_blocks import unclosed_openers
from .outline import outline
from .chain import book_chain, chain
from .book_recognisers import is_release
from .inlines import InlineBuilder
from .muse import is_muse, read_muse
from .ruler import Ruler
from .state import ReadState

MAX_BYTES = 64 * 1024 * 1024


def read_file(path: Path | str) -> Document:
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: is not a regular file (a device or a pipe); "
                             "give the path of a text file")
        if info.st_size > MAX_BYTES:
            raise InputError(f"{path}: {info.st_size} bytes is over the {MAX_BYTES} byte limit; split the text")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)    # never more than the limit, whatever stat said
    except FileNotFoundError:
        raise InputError(f"{path}: file not found; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a text file") from None
    except RuntimeError:                     # pathlib's "Symlink loop"
        raise InputError(f"{path}: a symbolic link that points to itself; point it at a text file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: a loop of symbolic links; point the link at a text file") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise InputError(f"{str(path)[:60]}…: the file name is longer than the file system allows; "
                             "rename the file") from None
        raise InputError(f"{path}: cannot read ({exc.strerror}); check the file") from None
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str = "<text>") -> Document:
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data)} bytes is over the {MAX_BYTES} byte limit; split the text")
    text, warnings = decode(data, name)
    return read_text(text, name, warnings)


def read_text(text: str, name: str = "<text>", warnings: list[Notice] | None = None) -> Document:
    if not text.strip():
        raise InputError(f"{name}: the file is empty; give it a text or remove it from the config")
    warnings = list(warnings or [])
    text = clean_text(text, name, warnings)     # a text given as a string is cleaned as bytes are
    doc = read_muse(text, name) if is_muse(text, name) else run_rules(text, name)
    doc.warnings[:0] = warnings
    doc.source_path = name
    if not doc.blocks:
        raise InputError(f"{name}: no body text left after removing boilerplate "
                         "(only a title, colophon or website matter); check the file")
    return doc


_QUOTE_DEPTH = re.compile(r"^((?:[ \t]*>){9,})", re.M)


def run_rules(text: str, name: str = "<text>", ruler: Ruler | None = None) -> Document:
    """Parse `text` and run the rule chain (the default one, or `ruler`)."""
    # nested block quotes deeper than 8 carry no meaning in prose; capped so
    # that markdown-it never hits its nesting limit (which would drop text)
    capped = _QUOTE_DEPTH.sub(lambda m: ">" * 8, text)
    warn = capped != text
    capped, openers = unclosed_openers(capped)
    state = ReadState(name, capped)
    if warn:
        state.warnings.append(Notice(name, None, "block quotes nested deeper than 8 levels were flattened to 8"))
    for line, tag in openers:
        state.log("raw HTML dropped", line, line, "a tag never closed (a broken export): the tag dropped, "
                  "the text after it kept", tag)
    state.blocks = parse_blocks(capped, InlineBuilder())
    # a whole book as released (Project Gutenberg's frame) has its own chain
    (ruler or (book_chain() if is_release(capped) else chain())).run(state)
    if not state.meta.title:
        state.warn(1, "no title found; set `title` for this text in the config")
    lines = state.body_lines if len(state.body_lines) == len(state.body) else []
    return Document(state.meta, state.body, state.notes, state.report, state.warnings,
                    sections=outline(state.body, lines, capped.count("\n") + 1), block_lines=lines)


__all__ = ["read_file", "read_bytes", "read_text", "run_rules"]

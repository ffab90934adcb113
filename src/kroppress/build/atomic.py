"""Atomic file output: a reader of the output folder never sees a partial file.

    with write_atomic(Path("dist/book.epub")) as tmp:
        write_epub(book, tmp, epoch=epoch)

`tmp` is a fresh path in the same folder (so `os.replace` is atomic). On a
clean exit the temp file is fsynced and renamed over the target, and the
folder is fsynced; on any error the temp file is removed and the target is
left as it was.

For the kill test only: ``KROPPRESS_TEST_STOP_AT=PHASE:GLOB`` makes the
process stop itself (SIGSTOP) at PHASE of writing a path that matches GLOB,
so that the test can SIGKILL it exactly there. PHASE is one of `PHASES`.
"""
from __future__ import annotations

import contextlib
import errno
import fnmatch
import os
import signal
import tempfile
from pathlib import Path
from typing import Iterator

from . import interrupt
from ..errors import KroppressError, cut


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


STOP_ENV = "KROPPRESS_TEST_STOP_AT"
PHASES = ("opened", "half-written", "fsynced", "before-rename", "after-rename")


def _stop_at(phase: str, path: Path, tmp: Path) -> None:
    spec = os.environ.get(STOP_ENV)
    if not spec:
        return
    want, _, pattern = spec.partition(":")
    if want != phase or not fnmatch.fnmatch(str(path), pattern or "*"):
        return
    if phase == "half-written":
        # what a kill in the middle of the writer leaves: the first half
        with open(tmp, "rb+") as fh:
            fh.truncate(os.fstat(fh.fileno()).st_size // 2)
    os.kill(os.getpid(), signal.SIGSTOP)


_FIXES = {
    errno.ENOSPC: "the disk is full; free some space or choose another folder with --out",
    errno.EDQUOT: "the disk quota is used up; free some space or choose another folder with --out",
    errno.EROFS: "the folder is on a read-only file system; choose another with --out",
    errno.EACCES: "no permission to write there; choose another folder with --out",
    errno.EPERM: "no permission to write there; choose another folder with --out",
    errno.EISDIR: "a folder has that name; move the folder away or choose another --out",
    # the name, or the hidden temp name beside it (`.NAME.xxxxxxxx.tmp`), is too long
    errno.ENAMETOOLONG: "the name is too long for the file system; give a shorter one",
}


def output_error(path: Path, exc: OSError) -> KroppressError:
    """The one-line error for a failed write of `path`."""
    fix = _FIXES.get(exc.errno or 0, "check the output folder, or choose another with --out")
    return KroppressError(f"{cut(str(path), 120)}: cannot write the file "
                          f"({exc.strerror or exc}); {fix}")


@contextlib.contextmanager
def write_atomic(path: Path) -> Iterator[Path]:
    """The temp file to write; a failed write (full disk, read-only folder,
    a folder in the way) is a one-line KroppressError, the target untouched."""
    try:
        with _write_atomic(path) as tmp:
            yield tmp
    except OSError as exc:
        if exc.errno not in _FIXES:
            raise                 # not the disk's or the folder's doing: a bug to see whole
        raise output_error(Path(path), exc) from None


@contextlib.contextmanager
def _write_atomic(path: Path) -> Iterator[Path]:
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        _stop_at("opened", path, tmp)
        yield tmp
        if not tmp.exists():
            raise FileNotFoundError(f"{tmp}: the writer did not create the file")
        _stop_at("half-written", path, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        _stop_at("fsynced", path, tmp)
        os.chmod(tmp, 0o666 & ~_umask())       # mkstemp made it 0600
        _stop_at("before-rename", path, tmp)
        interrupt.check()                       # a Ctrl-C swallowed on its way
        os.replace(tmp, path)
        _stop_at("after-rename", path, tmp)
        _fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise

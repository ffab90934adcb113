"""Kindle AZW3 (`--format azw3`), only through calibre's `ebook-convert`.

Amazon takes the EPUB itself (Send to Kindle, KDP), so this is for older
Kindles fed by cable. kroppress does not write MOBI/KF8 itself: calibre is
the one maintained converter, and a big package (Debian `calibre`), so it is
used when it is on PATH and asked for by name otherwise.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import KroppressError

TOOL = "ebook-convert"
#: seconds a conversion may take (calibre converts a long book in well under a minute)
TIMEOUT = 600
MISSING = (f"--format azw3: calibre's {TOOL} is not on PATH; install the Debian package "
           "calibre (apt-get install calibre), or build --format epub, which Amazon's Send to "
           "Kindle and KDP take as it is")


def check_tool() -> str:
    """The path of ebook-convert, or the one-line error naming the package."""
    found = shutil.which(TOOL)
    if found is None:
        raise KroppressError(MISSING)
    return found


def write_azw3(book, path: str | Path, *, epoch: int | float | _dt.datetime | _dt.date,
               epub_path: Path | None = None, pages=None) -> Path:
    """Convert this build's EPUB (or one written now) to AZW3 at `path`."""
    tool = check_tool()
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="kroppress-azw3-") as work:
        if epub_path is None:
            from .epub import write_epub
            epub_path = write_epub(book, Path(work) / "book.epub", epoch=epoch, pages=pages)
        elif Path(epub_path).suffix.lower() != ".epub":
            # calibre picks its reader by the extension, and the build hands over
            # its atomic write's temp file, which has none
            named = Path(work) / "book.epub"
            shutil.copyfile(epub_path, named)
            epub_path = named
        # ebook-convert picks the output format by the file's extension
        out = Path(work) / "book.azw3"
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(_epoch_seconds(epoch))))
        code, stdout, stderr = _convert([tool, str(epub_path), str(out)], env)
        if code != 0 or not out.is_file():
            last = (stderr or stdout).strip().splitlines()[-1:] or ["no output"]
            raise KroppressError(f"--format azw3: {TOOL} failed ({last[0]}); build --format "
                                 "epub, which Amazon takes as it is")
        shutil.copyfile(out, path)
    return path


def _convert(cmd: list[str], env: dict) -> tuple[int, str, str]:
    """Run ebook-convert in its own process group; one that hangs is stopped
    with every worker it started after `TIMEOUT` seconds (the temp folder
    is then removed as after any failure)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=TIMEOUT)
    except BaseException as exc:       # the timeout, or Ctrl-C: the converter goes too
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        if isinstance(exc, subprocess.TimeoutExpired):
            raise KroppressError(f"--format azw3: {TOOL} did not finish in {TIMEOUT:g} s and was "
                                 "stopped; check calibre alone on the EPUB, or build --format "
                                 "epub, which Amazon takes as it is") from None
        raise
    return proc.returncode, stdout, stderr


def _epoch_seconds(epoch) -> float:
    from ..epoch import epoch_datetime
    return epoch_datetime(epoch).timestamp()

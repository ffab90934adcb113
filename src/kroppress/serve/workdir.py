"""The one folder `kroppress serve` writes in: `<out>/.kroppress-serve/`.

A program deletes only what it made. Everything serve writes (the PDF
build's output, the page images) is inside this folder, which carries a
marker file naming it as serve's; a folder of that name without the marker,
or a symlink in its place, is the user's and is refused, never emptied.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..errors import KroppressError

NAME = ".kroppress-serve"
MARKER = "KROPPRESS-SERVE"
MARK = "kroppress serve's work folder: the served PDF and its page images; safe to delete\n"


def claim(out_dir: Path) -> Path:
    """serve's folder under `out_dir`, made and marked if new."""
    work = Path(out_dir).absolute() / NAME
    try:
        if work.is_symlink() or (work.exists() and not (work / MARKER).is_file()):
            raise KroppressError(f"{work}: exists and is not kroppress serve's folder "
                                 f"(no {MARKER} file in it); move it away or choose another --out")
        work.mkdir(parents=True, exist_ok=True)
        (work / MARKER).write_text(MARK)
    except OSError as exc:
        raise KroppressError(f"{work}: cannot write there ({exc.strerror}); "
                             "choose another folder with --out") from None
    return work


def fresh(work: Path, name: str) -> Path:
    """An empty folder `name` directly inside `work`: what stands there
    (a folder serve made, or a symlink someone planted) is removed first,
    a symlink as a link, never what it points to."""
    target = work / name
    if target.parent != work or os.sep in name:
        raise ValueError(f"{name!r} is not a name inside {work}")
    remove(work, target)
    target.mkdir()
    return target


def pages_name(generation: int) -> str:
    """The page images' folder of one generation: named by this process too,
    so that two servers on one `--out` never remove each other's pages."""
    return f"pages-{os.getpid()}-{generation}"


def clear_stale_pages(work: Path) -> None:
    """Remove the page folders of servers no longer running."""
    for folder in work.glob("pages-*"):
        pid = folder.name.split("-")[1:2]
        if not (len(folder.name.split("-")) == 3 and pid[0].isdigit() and _running(int(pid[0]))):
            remove(work, folder)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:             # another user's process: running
        return True
    return True


def remove(work: Path, target: Path) -> None:
    """Remove `target` if it is directly inside `work`; anything else is left."""
    if target.parent != work or target.name == MARKER:
        return
    if target.is_symlink() or target.is_file():
        target.unlink(missing_ok=True)
    elif target.is_dir():
        shutil.rmtree(target, ignore_errors=True)

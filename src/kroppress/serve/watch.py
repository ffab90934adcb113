"""Watch the files a build reads; call `on_change` after each burst of saves.

Only the folders of those files are watched, each without its subfolders
(a project folder may hold a virtualenv or `dist/`); when the config starts
naming a file in another folder, the watch is set up again.
"""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

from watchfiles import awatch


def _folders(files: set[Path]) -> list[Path]:
    return sorted({p.parent for p in files if p.parent.is_dir()})


async def watch_files(project, on_change, stop: asyncio.Event) -> None:
    def wanted() -> set[Path]:
        return project.watched | project.named | project.shared_files()

    def relevant(_change, path: str) -> bool:
        # an editor's atomic save is a new file at the same path: match by path,
        # by the name the config gives (a file replaced by a link to another
        # one) and by where a link leads (an edit to the file it points to)
        if Path(os.path.abspath(path)) in project.named:
            return True
        try:
            return Path(path).resolve() in wanted()
        except (OSError, RuntimeError):    # a link loop: not a file a build reads
            return False

    while not stop.is_set():
        folders = _folders(wanted())
        async for _changes in awatch(*folders, watch_filter=relevant, stop_event=stop,
                                     debounce=300, step=50, recursive=False):
            await on_change()
            if _folders(wanted()) != folders:
                break

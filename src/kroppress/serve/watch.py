"""Watch the files a build reads; call `on_change` after each burst of saves.

Only the folders of those files are watched, each without its subfolders
(a project folder may hold a virtualenv or `dist/`); when the config starts
naming a file in another folder, the watch is set up again.
"""
from __future__ import annotations

import asyncio
from pathlib import Path

from watchfiles import awatch


def _folders(files: set[Path]) -> list[Path]:
    return sorted({p.parent for p in files if p.parent.is_dir()})


async def watch_files(project, on_change, stop: asyncio.Event) -> None:
    def wanted() -> set[Path]:
        return project.watched | project.shared_files()

    while not stop.is_set():
        folders = _folders(wanted())
        # an editor's atomic save is a new file at the same path: match by path
        relevant = lambda _change, path: Path(path).resolve() in wanted()  # noqa: E731
        async for _changes in awatch(*folders, watch_filter=relevant, stop_event=stop,
                                     debounce=300, step=50, recursive=False):
            await on_change()
            if _folders(wanted()) != folders:
                break

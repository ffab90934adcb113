"""The print view: the book's PDF, rebuilt in the background, as page images.

The PDF is made by `kroppress build --format pdf` in a child process (the
build's own code and its chunk cache, in serve's own folder, see workdir.py;
so a change to one text lays out only the chunks that show it), then `pdftoppm` turns every page into a
PNG at screen resolution. A child process keeps WeasyPrint's long layout off
the server's event loop and can be stopped when the files change again.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import workdir

DPI = 96          # CSS pixels per inch: the page at its size on screen


@dataclass
class PrintState:
    generation: int = 0          # snapshot the current pages were made from
    pages: list[Path] = field(default_factory=list)
    pdf: Path | None = None
    built_at: float = 0.0
    building: int = 0            # snapshot being built now, 0 when idle
    error: str = ""

    def as_json(self, current: int) -> dict:
        return {"generation": self.generation, "pages": len(self.pages),
                "stale": self.generation != current, "building": bool(self.building),
                "built_at": time.strftime("%H:%M:%S", time.localtime(self.built_at))
                if self.built_at else "", "error": self.error}


class PrintJob:
    def __init__(self, project, work: Path, on_change) -> None:
        self.project = project
        self.work = Path(work)           # serve's own folder (workdir.claim)
        self.on_change = on_change       # called (no arguments) when the state changes
        self.state = PrintState()
        self._task: asyncio.Task | None = None
        self._proc: asyncio.subprocess.Process | None = None

    def command(self) -> list[str]:
        p = self.project
        cmd = [sys.executable, "-m", "kroppress", "build", "--config", str(p.config_path),
               "--format", "pdf", "--out", str(self.work / "pdf"),
               "--jobs", str(max(1, (os.cpu_count() or 2) - 1))]
        if p.edition:
            cmd += ["--edition", p.edition]
        if p.profile:
            cmd += ["--profile", p.profile]
        return cmd

    def schedule(self, generation: int) -> None:
        """Build for `generation`, stopping a build of an older one."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = asyncio.get_running_loop().create_task(self._run(generation))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    async def _exec(self, *cmd: str) -> tuple[int, str, str]:
        # its own process group: a stop ends the build and any worker it started
        self._proc = await asyncio.create_subprocess_exec(
            *cmd, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, start_new_session=True)
        try:
            out, err = await self._proc.communicate()
        except asyncio.CancelledError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, signal.SIGTERM)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._proc.wait(), 5)
            raise
        return (self._proc.returncode, out.decode("utf-8", "replace"),
                err.decode("utf-8", "replace"))

    async def _run(self, generation: int) -> None:
        s = self.state
        s.building = generation
        self.on_change()
        try:
            await asyncio.sleep(0.3)            # a burst of saves makes one build
            await self._build(generation)
        except asyncio.CancelledError:
            raise
        except Exception as exc:    # noqa: BLE001 - shown in the print view, not lost in a log
            s.error = f"error: the print view failed: {type(exc).__name__}: {exc}"
        finally:
            if s.building == generation:
                s.building = 0
            self.on_change()

    async def _build(self, generation: int) -> None:
        s = self.state
        code, out, err = await self._exec(*self.command())
        if code != 0:
            lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
            s.error = lines[-1] if lines else f"error: the PDF build failed ({code})"
            return
        pdf = self._pdf_of(out)
        if pdf is None:
            s.error = "error: the PDF build wrote no PDF"
            return
        pages = await self._pages(pdf, generation)
        if pages is None:
            return
        old = s.pages[0].parent if s.pages else None
        s.generation, s.pages, s.pdf = generation, pages, pdf
        s.built_at, s.error = time.time(), ""
        if old is not None and old != pages[0].parent:
            workdir.remove(self.work, old)

    def _pdf_of(self, stdout: str) -> Path | None:
        """The PDF this build wrote, by the name it printed: a file directly in
        its out folder, not a link (another edition's PDF, or one planted
        there, is never the book)."""
        folder = self.work / "pdf"
        for line in stdout.splitlines():
            path = Path(line.strip())
            if path.suffix == ".pdf" and path.parent == folder and not path.is_symlink() \
                    and path.is_file():
                return path
        return None

    async def _pages(self, pdf: Path, generation: int) -> list[Path] | None:
        if shutil.which("pdftoppm") is None:
            self.state.error = ("error: pdftoppm is missing (Debian package poppler-utils); "
                                "run `make system`")
            return None
        folder = workdir.fresh(self.work, workdir.pages_name(generation))
        done = False
        try:
            code, _, err = await self._exec("pdftoppm", "-png", "-r", str(DPI), str(pdf),
                                            str(folder / "p"))
            if code != 0:
                self.state.error = f"error: pdftoppm failed: {err.strip()[:200]}"
                return None
            # pdftoppm pads the numbers to the page count's width
            pages = sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
            done = bool(pages)
            if not done:
                self.state.error = "error: pdftoppm made no page images of the PDF"
            return pages or None
        finally:
            if not done:      # a failed or superseded run leaves no half folder behind
                workdir.remove(self.work, folder)

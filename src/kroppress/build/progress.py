"""The build's progress: a rich bar on a terminal, silent otherwise."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from . import interrupt


class Progress:
    """A rich progress bar on a terminal; silent otherwise."""

    def __init__(self, console: Console | None, total: int) -> None:
        self._progress = None
        self._pages = None
        self._started = False
        if console is not None and console.is_terminal:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                                       TextColumn)
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                      BarColumn(), MofNCompleteColumn(), console=console,
                                      transient=True)
            self._task = self._progress.add_task("Building", total=total)

    def __enter__(self) -> "Progress":
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def pages(self, done: int, total: int | None = None) -> None:
        """Pages laid out so far (a second bar, from the PDF writer)."""
        interrupt.check()
        if self._progress is None:
            return
        if self._pages is None:
            self._pages = self._progress.add_task("Laying out pages", total=total)
        self._progress.update(self._pages, completed=done, total=total)

    def step(self, description: str) -> None:
        """Start a step; the previous one (if any) counts as done."""
        interrupt.check()
        if self._progress is not None:
            self._progress.update(self._task, description=escape(description),
                                  advance=1 if self._started else 0)
            self._started = True

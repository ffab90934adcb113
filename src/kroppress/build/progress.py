"""The build's progress: a rich bar on a terminal, silent otherwise."""
from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from . import interrupt

#: a first build's guess at its page count (later builds know it from the
#: manifest): the trade paperback's body takes about this many words a page,
#: after about this many pages of front and back matter
WORDS_PER_PAGE = 280
MATTER_PAGES = 10


def estimate_pages(book) -> int:
    """About how many pages `book` will lay out to."""
    from ..plain import block_text
    words = 0
    for entry in book.entries:
        blocks = [*entry.headnote, *entry.doc.blocks,
                  *(b for note in entry.doc.notes for b in note.blocks)]
        words += sum(len(block_text(b).split()) for b in blocks)
    words += sum(len(block_text(b).split()) for b in book.introduction)
    return MATTER_PAGES + -(-words // WORDS_PER_PAGE)


class Progress:
    """A rich progress bar on a terminal; silent otherwise."""

    def __init__(self, console: Console | None, total: int) -> None:
        self._progress = None
        self._pages = None
        self._started = False
        self._expected: int | None = None
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

    def expect(self, pages: int | None) -> None:
        """The page count the next layout should reach (the bar's total), and a fresh bar."""
        self._expected = pages
        if self._progress is not None and self._pages is not None:
            self._progress.update(self._pages, completed=0, total=pages)

    def pages(self, done: int, total: int | None = None) -> None:
        """Pages laid out so far (a second bar, from the PDF writer)."""
        interrupt.check()
        if self._progress is None:
            return
        total = total or self._expected
        if total is not None:
            total = max(total, done)     # an estimate that fell short grows with the book
        if self._pages is None:
            self._pages = self._progress.add_task("Laying out pages", total=total)
        self._progress.update(self._pages, completed=done, total=total)

    @property
    def total_pages(self) -> int | None:
        """What the pages bar shows as its total (for the tests)."""
        if self._progress is None or self._pages is None:
            return self._expected
        return self._progress.tasks[self._pages].total

    def step(self, description: str) -> None:
        """Start a step; the previous one (if any) counts as done."""
        interrupt.check()
        if self._progress is not None:
            self._progress.update(self._task, description=escape(description),
                                  advance=1 if self._started else 0)
            self._started = True

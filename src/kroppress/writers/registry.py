"""The output formats, as one registry (after Pandoc's `writers` list and
WeasyPrint's PDF `VARIANTS`).

Each format is declared once, by a small module in `writers/formats/`
holding one `FORMAT = Format(...)`: its name, its file name, whether it is
an e-book or printed, what it needs (another output of the same run, the
print page list, a program on PATH, a Python package) and `write(job)`.
`writers.formats` collects them; `build` plans the order from the declared
needs and hands each writer one `WriteJob`. A declaration imports nothing
heavy: the writer itself (ebooklib, WeasyPrint) is imported in `write`.
"""
from __future__ import annotations

import importlib.util
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal

from ..errors import KroppressError


@dataclass
class WriteJob:
    """Everything one writer is given: the book, where to write, and what
    this run has already made."""
    book: Any
    path: Path                       # the temp file to write (renamed into place later)
    epoch: int
    profile: Any                     # the print profile of this build (PDF and its kin)
    config: Any                      # the loaded Config (profiles, the default profile)
    jobs: int | None = None
    cache_dir: Path | None = None    # the output folder's chunk cache
    reuse: bool = True               # False under --force: lay every chunk out again
    on_page: Callable | None = None  # told of pages laid out (the progress bar)
    workers: Any = None              # the PDF's worker processes, when started
    written: dict[str, Path] = field(default_factory=dict)   # format -> temp file, this run
    pages: Any = None                # the print page list for an e-book (PrintPages), if any
    page_starts: list | None = None  # the PDF fills these in when it is the page source
    warnings: list[str] = field(default_factory=list)        # what the writer met
    #: the final path of another format's output, and whether that file is
    #: up to date on disk (the cover reads its interior's page count from it)
    target_of: Callable[[str], Path] | None = None
    fresh: Callable[[Path], bool] = lambda path: False


@dataclass(frozen=True)
class Format:
    name: str
    help: str                        # a few words for `--format`'s help
    kind: Literal["ebook", "print"]
    filename: Callable[[str, str | None], str]   # (stem, profile name or None) -> file name
    write: Callable[[WriteJob], Any]
    order: int                       # its place in listings (and "all"'s order)
    in_all: bool = False             # part of `--format all`
    uses: tuple[str, ...] = ()       # outputs it takes when this run builds them
    page_list: bool = False          # marks the print edition's pages (an e-book)
    laid_out: bool = False           # WeasyPrint lays it out (the print glyphs are needed)
    tool: Callable[[], Any] | None = None      # raises KroppressError when a program is missing
    packages: tuple[tuple[str, str], ...] = ()  # (import name, pip name) it needs
    module: str = ""                 # the writer's module, imported before any text is read
    #: (config, print profile) -> None, raising ConfigError when this output
    #: cannot be made with that profile; called before any text is read
    refuses: Callable[[Any, Any], None] | None = None

    def check(self) -> None:
        """Say before anything is read that this output cannot be made here."""
        if self.tool is not None:
            self.tool()
        for module, pip_name in self.packages:
            if importlib.util.find_spec(module) is None:
                other = "epub" if self.kind == "print" else "pdf"
                raise KroppressError(f"--format {self.name}: {pip_name} is not installed; install "
                                     f"it (pip install {pip_name}) or build with --format {other}")


def on_path(program: str, message: str) -> Callable[[], str]:
    """A `Format.tool` check: the program's path, or `message` as the error."""
    def check() -> str:
        found = shutil.which(program)
        if found is None:
            raise KroppressError(message)
        return found
    return check


def plan(formats: dict[str, Format], wanted: list[str], page_list: bool) -> list[str]:
    """The order to write `wanted` in: each after the outputs it uses (and an
    e-book with the page list after the PDF that gives it), else by `order`."""
    after = {f: [u for u in formats[f].uses if u in wanted] for f in wanted}
    if page_list:
        for f in wanted:
            if formats[f].page_list and "pdf" in wanted:
                after[f].append("pdf")
    done: list[str] = []
    pending = sorted(wanted, key=lambda f: formats[f].order)
    while pending:
        ready = next((f for f in pending if all(a in done for a in after[f])), None)
        if ready is None:          # a circle of needs: a declaration is wrong
            raise RuntimeError(f"output formats that need each other: {', '.join(pending)}")
        done.append(ready)
        pending.remove(ready)
    return done

"""A warning as a small value: which file, which line, what, and who said it.

Readers, transforms, the editorial Markdown and the writers each make
`Notice`s; they are formatted only when shown (`str(notice)` is the one
line `file:line: message`), so nothing rewrites a warning's text to move
it to another file name or to tell where it came from."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Source = Literal["reader", "transform", "editorial", "fonts", "writer"]


@dataclass(frozen=True)
class Notice:
    file: str
    line: int | None
    message: str
    source: Source = "reader"
    text_id: str = ""          # a transform's: the text of the book it is about

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        about = f"text {self.text_id!r}: " if self.text_id else ""
        return f"{where}: {about}{self.message}"

    def filed(self, file: str) -> "Notice":
        """The same notice, naming its file as the user gave it (relative to the project)."""
        return replace(self, file=file)

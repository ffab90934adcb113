"""A length as the author wrote it, and what it is in points.

A length is parsed once, when the config is read (`fields.length`), into a
`Length`: the writers do their arithmetic with `.pt` and write CSS with
`str(length)`, the author's own text ("5.5in", "3mm"), so a stylesheet keeps
the unit it was given and a PDF its bytes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: "0", or a number with a CSS unit (lower case once read: `fields.length`)
#: (ASCII digits only: `\d` would take "١" or "２", which no PDF or CSS reads as a number)
LENGTH_RE = re.compile(r"^(?:0|(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(in|mm|cm|pt|pc|px|q))$", re.I)
#: points in one of each unit (CSS: 1in = 2.54cm = 72pt = 6pc = 96px)
PT_PER = {"in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "q": 72 / 101.6, "pt": 1.0,
          "pc": 12.0, "px": 0.75}


@dataclass(frozen=True, repr=False)
class Length:
    """A CSS length: `text` as written (lower case), `pt` its size in points."""
    text: str
    pt: float

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Length({self.text!r})"

    @property
    def inches(self) -> float:
        return self.pt / 72

    @classmethod
    def parse(cls, text: str) -> Length:
        """`text` ("0.75in", "3mm", "0": lower case, no spaces) as a Length.
        Raises ValueError for anything else (the config's checks say why to
        the author first: `fields.length`)."""
        m = LENGTH_RE.match(text)
        if not m or text != text.lower():
            raise ValueError(f"not a length: {text!r}")
        if m.group(1) is None:                 # "0" needs no unit
            return cls(text, 0.0)
        return cls(text, float(text[:-len(m.group(1))]) * PT_PER[m.group(1)])

    @classmethod
    def points(cls, pt: float) -> Length:
        """`pt` points, written to the hundredth ("12.35pt"), and exactly that
        size: a length made by scaling another is what its CSS says."""
        return cls.parse(f"{pt:.2f}pt")

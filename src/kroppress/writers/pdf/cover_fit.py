"""What the wrap cover must hold, fitted or refused: the spine a binder can
bind, and the back's description in the room between its head and the
barcode (smaller type down to a floor, a word wider than the measure broken
where it must be). A cover that cannot be made is one error saying by how much.
"""
from __future__ import annotations

from typing import Callable

from ...config import Paper
from ...config.bounds import SPINE_MAX_IN, SPINE_WARN_IN

#: the back's type is made smaller down to this, and no smaller
DESCRIPTION_MIN_PT = 7.0
#: line height of the description, in ems
DESCRIPTION_LEADING = 1.4
#: the measure the lines are set to, a little under the box: the layout's
#: kerning and the measuring font's may differ by a hair
_SAFETY = 0.97

#: the advance width of a text at a size in points
Measure = Callable[[str, float], float]


class SpineTooWide(ValueError):
    """No binder binds one volume this thick (`inches` of spine)."""

    def __init__(self, pages: int, inches: float) -> None:
        super().__init__(f"the wrap cover's spine would be {inches:.1f}in ({pages} pages); no "
                         f"binder binds one volume over {SPINE_MAX_IN:g}in")
        self.pages, self.inches = pages, inches


def check_spine(page_count: int, paper: Paper, warnings: list[str]) -> None:
    """Refuse an absurd spine; warn of one wider than binders usually bind."""
    inches = paper.spine_in(page_count)
    if inches > SPINE_MAX_IN:
        raise SpineTooWide(page_count, inches)
    if inches > SPINE_WARN_IN:
        warnings.append(f"the wrap cover's spine is {inches:.2f}in ({page_count} pages), wider "
                        f"than binders usually bind ({SPINE_WARN_IN:g}in); ask the printer, or "
                        "split the book into volumes (an edition each)")


class DescriptionTooLong(ValueError):
    """The description does not fit the back even at DESCRIPTION_MIN_PT."""

    def __init__(self, chars: int, room: int) -> None:
        super().__init__(f"the description ({chars} characters) does not fit the back cover even "
                         f"at {DESCRIPTION_MIN_PT:g}pt: about {chars - room} characters too long "
                         f"(it holds about {room})")
        self.chars, self.room = chars, room


_REF = 100.0           # words are measured once at this size; widths scale


def _pieces(word: str, width: float, measure: Measure, size: float) -> list[str]:
    """`word` cut into pieces each within `width` (a word no line can hold),
    by the widths of its letters (a piece's kerning is a hair)."""
    widths: dict[str, float] = {}
    out, piece, used = [], "", 0.0
    for ch in word:
        if ch not in widths:
            widths[ch] = measure(ch, _REF) * size / _REF
        if piece and used + widths[ch] > width:
            out.append(piece)
            piece, used = "", 0.0
        piece, used = piece + ch, used + widths[ch]
    return out + [piece]


def wrap(text: str, width: float, size: float, measure: Measure,
         known: dict[str, float] | None = None) -> list[str]:
    """`text` in lines of at most `width` points at `size`, greedily; each
    word measured once at _REF (`known` keeps the widths between sizes)."""
    known = {} if known is None else known
    space = measure(" ", _REF)
    lines: list[str] = []
    line, used = "", 0.0
    scale = size / _REF
    for word in text.split():
        if word not in known:
            known[word] = measure(word, _REF)
        w = known[word] * scale
        if w > width:                          # broken, each piece a line but the last
            pieces = _pieces(word, width, measure, size)
            if line:
                lines.append(line)
            lines += pieces[:-1]
            line, used = pieces[-1], measure(pieces[-1], size)
            continue
        gap = space * scale if line else 0.0
        if line and used + gap + w > width:
            lines.append(line)
            line, used = word, w
        else:
            line, used = (f"{line} {word}" if line else word), used + gap + w
    if line:
        lines.append(line)
    return lines


def fit_description(text: str, width: float, height: float, size: float,
                    measure: Measure) -> tuple[float, list[str]]:
    """(type size, lines) setting `text` in `width` × `height` points, from
    `size` down to DESCRIPTION_MIN_PT; raises DescriptionTooLong."""
    width *= _SAFETY
    known: dict[str, float] = {}
    while True:
        lines = wrap(text, width, size, measure, known)
        if len(lines) * size * DESCRIPTION_LEADING <= height:
            return size, lines
        if size <= DESCRIPTION_MIN_PT:
            room = int(len(text) * height / (len(lines) * size * DESCRIPTION_LEADING))
            raise DescriptionTooLong(len(text), room)
        size = max(DESCRIPTION_MIN_PT, size * 0.92)

"""Words split across a line end in a hard-wrapped book.

    … the whole of agri-           closed up ("agriculture") when the text
    culture, …                     writes the closed word elsewhere, or never
                                   writes the hyphenated one and the
    … a good-                      hyphenation dictionary allows the break;
    tempered man …                 kept ("good-tempered") when the text
                                   writes it with its hyphen
Each join is reported.
"""
from __future__ import annotations

from ..state import ReadState

def rule(state: ReadState) -> bool:
    return False

"""A text dated nowhere else takes the year of its first publication.

    # The Title
    Originally published in *Mother Earth*, 1910.     -> date "1910"

as a title page would.
"""
from __future__ import annotations

import re

from ..state import ReadState


def rule(state: ReadState) -> None:
    meta = state.meta
    if meta.date or not state.dated_by_publication:
        return
    years = re.findall(r"\b1\d{3}\b|\b20\d{2}\b", meta.first_published)
    if years:
        meta.date = years[-1]
        line = state.dated_by_publication
        state.log("date found", line, line, f"the year of first publication: {years[-1]}")

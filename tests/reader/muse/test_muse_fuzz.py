"""Random runs of Muse markup, broken and nested every way: the reader
never fails and never loses or adds a word (a fixed seed: the same runs
every time)."""
import random

import pytest

from kroppress.errors import InputError
from kroppress.reader import read_text

from muse_helpers import assert_conserved

PIECES = ["*", "**", "***", "=", "<em>", "</em>", "<strong>", "</strong>", "<verse>", "</verse>", "<quote>",
          "</quote>", "[1]", "{1}", "[2]", "[[a.jpg]]", "<br>", "~~", " - ", " 1. ", " a. ", " | ", " || ",
          "|+ c +|", "\n", "\n\n", "  ", "      ", "; ", "#anchor", "----", "* * *", "word", "other", "Dear Sir,",
          "Yours,", "Jane Doe", "<example>", "</example>", "{{{", "}}}", " :: ", "<center>", "</center>", "<sup>",
          "</sup>", "1890", "<blink>", "> "]


@pytest.mark.parametrize("seed", range(6))
def test_random_markup_conserves_words(seed):
    rng = random.Random(seed)
    for _ in range(150):
        body = "".join(rng.choice(PIECES) + " " for _ in range(rng.randint(1, 40)))
        raw = "#title T\n#author Jane Doe\n\n" + body
        try:
            doc = read_text(raw, "f.muse")
        except InputError:          # nothing left but markup: the file-level error, not a crash
            continue
        try:
            assert_conserved(raw, doc)
        except AssertionError as exc:
            # a link's target is counted after its block, so order may differ; never a count
            assert "out of order" in str(exc), (body, exc)

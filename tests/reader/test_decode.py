"""decode: bytes to clean text. Form feed, vertical tab, NEL and the
information separators break lines or pages in an export; between two words
they are the space between them."""
import pytest

from kroppress.model import Paragraph, Text
from kroppress.reader import read_bytes, read_text
from kroppress.plain import block_text

import helpers  # noqa: F401  (puts tests/ on the path)
from conservation import assert_conserved

HEAD = "# The Canal\n\nRuth Amsel\n\n"


@pytest.mark.parametrize("sep", ["\f", "\v", "\x85", "\x1e"])
def test_a_separator_between_words_is_a_space(sep):
    raw = HEAD + f"The lock{sep}keeper wrote{sep}{sep}daily.\n"
    for doc in (read_bytes(raw.encode(), "s.txt"), read_text(raw, "s.txt")):
        assert [block_text(b) for b in doc.blocks] == ["The lock keeper wrote daily."]
        assert any("control character(s) removed" in str(w) for w in doc.warnings)
        assert_conserved(raw, doc)


def test_a_separator_before_punctuation_or_a_space_adds_no_space():
    # false positive: no word on its right, so nothing to keep apart
    raw = HEAD + "The lock held\x85. It\f rained.\f\n"
    doc = read_bytes(raw.encode(), "s.txt")
    assert [block_text(b) for b in doc.blocks] == ["The lock held. It rained."]


def test_other_controls_inside_a_word_are_removed():
    doc = read_bytes((HEAD + "The lo\x00ck he\x07ld.\n").encode(), "s.txt")
    assert [block_text(b) for b in doc.blocks] == ["The lock held."]


def test_the_checker_catches_a_control_left_between_words():
    raw = HEAD + "The lock keeper wrote.\n"
    doc = read_text(raw, "s.txt")
    doc.blocks[0] = Paragraph([Text("The lock\fkeeper wrote.")])
    with pytest.raises(AssertionError, match="control characters"):
        assert_conserved(raw, doc)

"""setext_heading: lines underlined with '=' or '-' are headings."""
from kroppress.reader.rules import setext_heading

from helpers import apply


def test_setext_headings_and_a_page_foot_rule():
    s = apply("The Canal\n=========\n\nA Section\n---------\n\nText.\n", setext_heading.rule)
    assert [(b.type, b.level) for b in s.blocks][:2] == [("heading", 1), ("heading", 2)]
    s = apply("The diggers worked\n\n---\n\n<sup>1</sup> A note.\n", setext_heading.rule)
    assert [b.type for b in s.blocks] == ["paragraph", "hr", "paragraph"]

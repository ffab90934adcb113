"""raw_html: HTML blocks and tags dropped, the text kept."""
from kroppress.reader.rules import raw_html

from helpers import apply

HEAD = "# The Canal\n\nRuth Amsel\n\n"


def test_raw_html_blocks_and_tags_dropped_text_kept():
    s = apply(HEAD + "<div class=share>x</div>\n\nThe <span>lock</span> held.\n", raw_html.rule)
    assert [b.text for b in s.blocks][-1] == "The lock held."
    assert [r.action for r in s.report].count("raw HTML dropped") == 2
    clean = apply(HEAD + "The lock held.\n", raw_html.rule)
    assert not clean.report

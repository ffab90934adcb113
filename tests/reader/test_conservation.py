"""The word-conservation helper catches what it guards: a lost or doubled
number (a year, a range, a date) as surely as a lost word; a note's own
number is the only one allowed to leave the text."""
import pytest

from kroppress.model import Paragraph, Text
from kroppress.reader import read_text

import helpers  # noqa: F401  (puts tests/ on the path)
from conservation import assert_conserved

RAW = ("# The Canal\n\nRuth Amsel\n\n1911\n\nThe canal was dug in 1794 and filled in 1961; the locks ran "
       "720–750 barges a year.[1]\n\nOn 3 May the last barge passed.\n\n[1] Parish accounts, p. 41.\n")


def _doc():
    doc = read_text(RAW, "c.txt")
    assert_conserved(RAW, doc)
    return doc


@pytest.mark.parametrize("old, new", [("1794", ""), ("720–750", "720"), ("3 May", "May"),
                                      ("1961", "1961 1961")])
def test_a_lost_or_doubled_number_is_caught(old, new):
    doc = _doc()
    for b in doc.blocks:
        for i, n in enumerate(b.inlines):
            if isinstance(n, Text) and old in n.text:
                b.inlines[i] = Text(n.text.replace(old, new))
    with pytest.raises(AssertionError):
        assert_conserved(RAW, doc)


def test_a_lost_word_is_caught_and_a_note_number_may_leave():
    doc = _doc()
    assert [n.label for n in doc.notes] == ["1"]       # "[1]" twice in the source, in no output text
    doc.blocks.append(Paragraph([Text("An extra sentence.")]))
    with pytest.raises(AssertionError):
        assert_conserved(RAW, doc)


HTML_RAW = ("# The Canal\n\nRuth Amsel\n\n<div>The keeper &amp; his diary.</div>\n\n"
            "The lock held.<script>track('keeper')</script>\n")


def test_the_visible_text_of_raw_html_may_not_leave_as_raw_html():
    from kroppress.model import Repair
    doc = read_text(HTML_RAW, "h.txt")
    assert_conserved(HTML_RAW, doc)           # entities decoded, the script's code reported
    del doc.blocks[0]                         # the old reader: the block's text only in the report
    doc.report.append(Repair("raw HTML dropped", (5, 5), "HTML block", "<div>The keeper &amp; his diary.</div>"))
    with pytest.raises(AssertionError, match="words lost"):
        assert_conserved(HTML_RAW, doc)


def test_hidden_code_made_text_is_caught():
    doc = read_text(HTML_RAW, "h.txt")
    doc.blocks.append(Paragraph([Text("track keeper")]))
    with pytest.raises(AssertionError, match="does not show"):
        assert_conserved(HTML_RAW + "<script>track('keeper')</script>\n", doc)


def test_a_markdown_table_must_come_out_as_a_table():
    raw = "# The Canal\n\nRuth Amsel\n\nThe tolls.\n\n| Year | Coal |\n|---|---|\n| 1794 | 10 |\n"
    doc = read_text(raw, "t.txt")
    assert_conserved(raw, doc)
    doc.blocks[-1] = Paragraph([Text("Year Coal 1794 10")])
    with pytest.raises(AssertionError, match="table"):
        assert_conserved(raw, doc)


def test_an_entity_left_undecoded_in_the_text_is_caught():
    raw = "# The Canal\n\nRuth Amsel\n\nBread &amp; beer, caf&eacute; life.\n"
    doc = read_text(raw, "e.txt")
    assert_conserved(raw, doc)
    doc.blocks[0] = Paragraph([Text("Bread &amp; beer, caf&eacute; life.")])
    with pytest.raises(AssertionError):
        assert_conserved(raw, doc)


@pytest.mark.parametrize("raw, kept, dropped", [
    # an unclosed <script> that took the rest of its paragraph with it
    ("The keeper wrote <script> every day.\n", "The keeper wrote", "<script> every day."),
    # an image whose alt text went with the tag
    ('The gate <img src="g.jpg" alt="an iron gate"> held.\n', "The gate held.", '<img src="g.jpg" alt="an iron gate">'),
])
def test_visible_words_reported_as_raw_html_are_caught(raw, kept, dropped):
    from kroppress.model import Repair
    raw = "# The Canal\n\nRuth Amsel\n\n" + raw
    doc = read_text(raw, "h.txt")
    assert_conserved(raw, doc)                # today's reader keeps them
    doc.blocks[0] = Paragraph([Text(kept)])
    doc.report = [r for r in doc.report if r.action != "raw HTML dropped"]
    doc.report.append(Repair("raw HTML dropped", (5, 5), "tags", dropped))
    with pytest.raises(AssertionError, match="words lost"):
        assert_conserved(raw, doc)

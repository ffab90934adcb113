"""The small rules, each with a case it repairs and one it must leave:
raw_html, dash_rule, setext_heading, note_lines, dateline, note_calls,
build_blocks, publication_date."""
from kroppress.reader.rules import dash_rule, note_lines, raw_html, setext_heading

from helpers import P1, actions, apply, body, read, types

HEAD = "# The Canal\n\nRuth Amsel\n\n"


def test_raw_html_blocks_and_tags_dropped_text_kept():
    s = apply(HEAD + "<div class=share>x</div>\n\nThe <span>lock</span> held.\n", raw_html.rule)
    assert [b.text for b in s.blocks][-1] == "The lock held."
    assert [r.action for r in s.report].count("raw HTML dropped") == 2
    clean = apply(HEAD + "The lock held.\n", raw_html.rule)
    assert not clean.report


def test_dash_rule_a_line_of_dashes_but_not_a_dash_in_prose():
    s = apply("The end.\n\n—————\n\nMore — and more.\n", dash_rule.rule)
    assert [b.type for b in s.blocks] == ["paragraph", "hr", "paragraph"]


def test_setext_headings_and_a_page_foot_rule():
    s = apply("The Canal\n=========\n\nA Section\n---------\n\nText.\n", setext_heading.rule)
    assert [(b.type, b.level) for b in s.blocks][:2] == [("heading", 1), ("heading", 2)]
    s = apply("The diggers worked\n\n---\n\n<sup>1</sup> A note.\n", setext_heading.rule)
    assert [b.type for b in s.blocks] == ["paragraph", "hr", "paragraph"]


def test_note_lines_split_but_prose_lines_stay():
    s = apply("[1] First note.\n[2] Second note.\n", note_lines.rule)
    assert len(s.blocks) == 2
    s = apply("A line that mentions [1]\nin its middle.\n", note_lines.rule)
    assert len(s.blocks) == 1


def test_dateline_at_the_head_dates_the_text():
    data = read(HEAD + "Dmitrov, Russia, April 28, 1919\n\n" + P1 + "\n")
    assert types(data)[0] == "dateline" and data["metadata"]["date"] == "April 28, 1919"
    data = read(HEAD + "In 1919, the canal froze.\n\n" + P1 + "\n")
    assert types(data)[0] == "paragraph"


def test_note_calls_bracket_calls_only_where_a_list_defines_them():
    data = read(HEAD + "The lock[1] and the school[2] survive.\n\n[1] Built 1795.\n")
    assert body(data) == ["The lock[^1] and the school[2] survive."]
    data = read(HEAD + "Read the minutes [1890] of the union.\n")
    assert body(data) == ["Read the minutes [1890] of the union."] and data["notes"] == []


def test_build_blocks_list_lines_a_paragraph_each_prose_lines_joined():
    data = read(HEAD + "The demands:\n1. Bread.\n2. Land.\n\nThe diggers worked\nall winter.\n")
    assert body(data) == ["The demands:", "1. Bread.", "2. Land.", "The diggers worked all winter."]


def test_publication_date_from_the_first_publication_only_when_undated():
    data = read(HEAD.replace("Ruth Amsel", "Ruth Amsel\n\nOriginally published in *Freedom*, 1896.") + P1)
    assert data["metadata"]["date"] == "1896" and "date found" in actions(data)
    data = read(HEAD + "1901\n\n" + P1)
    assert data["metadata"]["date"] == "1901" and "date found" not in actions(data)

"""Headings, paragraphs, quotations, alignment, rules, comments, examples."""
from kroppress.model import BlockQuote, Emphasis, Heading, Paragraph, Preformatted

from muse_helpers import kinds, read, texts


def test_heading_levels():
    doc = read("* Part\n\n** Chapter\n\n*** Section\n\n**** Sub\n\n***** Subsub\n\nText.\n")
    heads = [b for b in doc.blocks if isinstance(b, Heading)]
    assert [(h.level, texts(doc)[k]) for k, h in enumerate(heads)] == [
        (1, "Part"), (2, "Chapter"), (3, "Section"), (4, "Sub"), (5, "Subsub")]


def test_line_starting_with_emphasis_is_not_a_heading():
    doc = read("*Emphasis* opens this paragraph.\n\n**Strong** opens this one.\n")
    assert kinds(doc) == ["paragraph", "paragraph"]
    assert isinstance(doc.blocks[0].inlines[0], Emphasis)


def test_six_stars_or_indented_stars_are_not_a_heading():
    doc = read(" *** not a heading, indented\n")
    assert "heading" not in kinds(doc)


def test_paragraphs_join_lines():
    doc = read("One line\nand the next.\n\nA second.\n")
    assert texts(doc) == ["One line and the next.", "A second."]


def test_quote_tag_and_indented_quotation():
    doc = read("<quote>\nQuoted one.\n\nQuoted two.\n</quote>\n\n  Indented two spaces\n  runs on.\n\n"
               "  A second indented one.\n\nFlush.\n")
    assert kinds(doc) == ["blockquote", "blockquote", "paragraph"]
    assert texts(doc)[0] == "Quoted one.\n\nQuoted two."
    assert len(doc.blocks[1].blocks) == 2            # consecutive indented paragraphs: one quotation


def test_one_space_indent_is_a_plain_paragraph():
    assert kinds(read(" Just one space.\n")) == ["paragraph"]


def test_center_and_right():
    doc = read("<center>\nCentred\n</center>\n\n<right>\nSet right\n</right>\n\n"
               "        Centred by spaces\n\n                         P. Kropotkin\n")
    assert [(b.kind, b.style) for b in doc.blocks] == [
        ("paragraph", "center"), ("paragraph", "right"), ("paragraph", "center"), ("paragraph", "right")]


def test_biblio_and_play():
    doc = read("<biblio>\nAuthor, *Title*, 1900.\n\nOther, *Book*.\n</biblio>\n")
    assert [b.style for b in doc.blocks] == ["biblio", "biblio"]


def test_rule_and_scene_breaks():
    doc = read("One.\n\n----\n\nTwo.\n\n       * * * * *\n\nThree.\n\n       * * *\n\nFour.\n")
    assert kinds(doc) == ["paragraph", "scene_break", "paragraph", "scene_break", "paragraph",
                          "scene_break", "paragraph"]


def test_flush_stars_are_a_break_not_a_heading():
    assert kinds(read("One.\n\n* * *\n\nTwo.\n")) == ["paragraph", "scene_break", "paragraph"]


def test_spaces_run_together():
    assert texts(read("Two  spaces   here.\n")) == ["Two spaces here."]


def test_three_dashes_are_text():
    assert texts(read("A --- dash.\n\n---\n")) == ["A --- dash.", "---"]


def test_comments_dropped_and_reported():
    doc = read("; an editor's comment\nText.\n\n<comment>\nHidden here.\n</comment>\n\nMore.\n")
    assert texts(doc) == ["Text.", "More."]
    dropped = [r.text for r in doc.report if r.action == "comment dropped"]
    assert dropped == ["; an editor's comment", "Hidden here."]


def test_semicolon_in_text_is_not_a_comment():
    assert texts(read(";no space, not a comment\n\nA; b.\n")) == [";no space, not a comment", "A; b."]


def test_example_and_braces():
    doc = read("<example>\n  if x:\n      *y*\n</example>\n\n{{{\nverbatim [1]\n}}}\n")
    assert [type(b) for b in doc.blocks] == [Preformatted, Preformatted]
    assert doc.blocks[0].text == "if x:\n    *y*"


def test_unclosed_tag_keeps_its_text():
    doc = read("<quote>\nA quotation never closed.\n\nAnd more.\n")
    assert texts(doc) == ["A quotation never closed.", "And more."]
    assert any(r.action == "tag dropped" for r in doc.report)


def test_br_alone_is_a_gap_not_text():
    assert texts(read("One.\n\n<br>\n\nTwo.\n")) == ["One.", "Two."]


def test_anchor_line_dropped_and_reported():
    doc = read("Intro.\n\n#here\nText.\n")
    assert texts(doc) == ["Intro.", "Text."]
    assert any(r.action == "anchor dropped" for r in doc.report)


def test_anchor_right_after_the_header_belongs_to_it():
    # as the manual says: a header line, a "dummy" directive with its line run on
    doc = read("#badanchor\nThis is part of the header.\n\n<br>\n\nThe text.\n")
    assert texts(doc) == ["The text."]


def test_quote_nests_blocks():
    doc = read("<quote>\n<verse>\nA line\nAnother\n</verse>\n</quote>\n")
    assert isinstance(doc.blocks[0], BlockQuote) and doc.blocks[0].blocks[0].kind == "verse"


def test_unknown_tag_kept_as_text():
    doc = read("A <blink>tag</blink> here.\n")
    assert texts(doc) == ["A <blink>tag</blink> here."]
    assert any(r.action == "tag kept as text" for r in doc.report)
    assert isinstance(doc.blocks[0], Paragraph)

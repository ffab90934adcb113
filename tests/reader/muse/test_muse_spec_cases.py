"""Cases of the markup's own tests (the Text::Amuse manual, Pandoc's Muse
reader tests, Amusewiki behaviour), each with its false positive."""
from kroppress.model import (Code, DefinitionList, Emphasis, Heading, LineBreak, ListBlock, NoteRef,
                             Preformatted, Strikeout, Table, Text, Verse)

from muse_helpers import kinds, read, texts


def test_block_elements_end_paragraphs():
    assert kinds(read("First paragraph\n----\nSecond paragraph\n")) == ["paragraph", "scene_break", "paragraph"]


def test_indentation_mid_paragraph_is_not_a_quote():
    assert texts(read("First line\n  second line\nthird line\n")) == ["First line second line third line"]


def test_one_line_tags():
    doc = read("<quote>Hello, world</quote>\n\n<verse>Foo bar</verse>\n\n<verse>\n   Foo</verse>\n\n"
               "<example>Example line</example>\n\n<center>Hello</center>\n")
    assert kinds(doc) == ["blockquote", "verse", "verse", "preformatted", "paragraph"]
    assert doc.blocks[-1].style == "center"


def test_no_headings_in_quotes_or_notes():
    doc = read("<quote>\n* Hi\n</quote>\n\nFoo[1]\n\n[1] * Bar\n")
    assert not any(isinstance(b, Heading) for b in doc.blocks)
    assert texts(doc)[0] == "* Hi"


def test_letter_after_closing_star():
    assert read("Foo *bar*x baz\n").blocks[0].inlines == [Text("Foo *bar*x baz")]
    a = read("Foo *bar*, baz\n").blocks[0].inlines
    assert isinstance(a[1], Emphasis) and a[2] == Text(", baz")


def test_tag_soup_is_kept():
    assert texts(read("foo <em> bar <strong>baz\n"))[0] == "foo  bar baz" or \
        "bar" in texts(read("foo <em> bar <strong>baz\n"))[0]


def test_code_edges():
    assert read("=c= and =foo(bar)=, ok\n").blocks[0].inlines[0] == Code("c")
    assert texts(read("=this is not a code =\n\n= nor this=\n\n===\n")) == [
        "=this is not a code =", "= nor this=", "==="]


def test_verbatim_inside_emphasis_and_code():
    assert read("*<verbatim>*</verbatim>*\n").blocks[0].inlines == [Emphasis([Text("*")])]
    assert read("<code><verbatim>foo</verbatim></code>\n").blocks[0].inlines == [
        Code("<verbatim>foo</verbatim>")]


def test_del_and_linebreak():
    a = read("<del>gone</del> Line <br>  break\n").blocks[0].inlines
    assert isinstance(a[0], Strikeout) and LineBreak() in a


def test_recursive_footnote_is_text():
    doc = read("Start recursion here[1]\n\n[1] Recursion continues here[1]\n")
    assert texts(doc) == ["Start recursion here[^1]"]
    assert doc.notes[0].blocks[0].inlines == [Text("Recursion continues here[1]")]


def test_multiparagraph_footnote_ends_at_a_flush_line():
    doc = read("Multiparagraph[1] footnotes[2]\n\n[1] First footnote paragraph\n\n    Second footnote paragraph\n"
               "Not a note\n[2] Second footnote\n")
    assert [len(n.blocks) for n in doc.notes] == [2, 1]
    assert texts(doc)[1] == "Not a note"


def test_lists_blank_lines():
    one = read(" - Foo\n\n - Bar\n")
    assert [len(b.items) for b in one.blocks] == [2]
    two = read(" - Foo\n\n\n - Bar\n")          # two blank lines: two lists
    assert [len(b.items) for b in two.blocks] == [1, 1]


def test_list_continuation_and_nesting():
    doc = read(" - a\n\n   b\n\n   c\n")
    assert [b.kind for b in doc.blocks[0].items[0]] == ["paragraph"] * 3
    doc = read(" - First item\n  - Not nested item\n")
    assert len(doc.blocks[0].items) == 2
    doc = read(" -    First item\n   - Nested item\n")
    (lst,) = doc.blocks
    assert len(lst.items) == 1 and isinstance(lst.items[0][1], ListBlock)


def test_empty_list_items():
    doc = read(" -\n\n - Item2\n")
    assert len(doc.blocks[0].items) == 2 and doc.blocks[0].items[0] == []


def test_definition_lists():
    doc = read(" First term :: Definition of first term\nand its continuation.\n"
               "   Second term :: Definition of second term.\n")
    (d,) = doc.blocks
    assert isinstance(d, DefinitionList) and len(d.items) == 2
    assert texts(doc)[0].startswith("First term :: Definition of first term and its continuation.")


def test_flush_definition_is_text():
    assert kinds(read("First :: second\nFoo :: bar\n")) == ["paragraph"]


def test_table_empty_cells():
    (t,) = read(" | Foo\n |\n bar |\n || baz\n").blocks
    assert isinstance(t, Table)
    assert [r.section for r in t.rows] == ["body", "body", "body", "head"]
    assert [len(r.cells) for r in t.rows] == [2, 2, 2, 2]


def test_bars_without_spaces_are_not_a_table():
    assert kinds(read(" One| Two\n\n One |Two\n")) == ["paragraph", "paragraph"]


def test_image_dropped_caption_kept():
    doc = read("Before.\n\n[[kropotkin.jpg][Kropotkin in 1900]]\n\n[[http://x.org/a.jpg]]\n")
    assert texts(doc)[1:] == ["Kropotkin in 1900", "http://x.org/a.jpg"]     # a remote picture: a link
    assert any(r.action == "image dropped" for r in doc.report)


def test_url_prefix_links_to_the_image():
    from kroppress.model import Link
    from kroppress.reader import read_text
    from muse_helpers import HEAD
    (link,) = [n for n in read_text(HEAD + "A link [[URL:image.jpg][to it]].\n", "t.muse").blocks[0].inlines
               if isinstance(n, Link)]
    assert link.href == "image.jpg"


def test_verse_with_blank_quote_lines():
    doc = read("> This is\n> First stanza\n>\n> And this is\n>   Second stanza\n")
    (v,) = doc.blocks
    assert isinstance(v, Verse) and [len(s) for s in v.stanzas] == [2, 2]


def test_example_keeps_lines():
    (p,) = read("{{{\n\nExample line\n}}}\n").blocks
    assert isinstance(p, Preformatted) and p.text == "\nExample line"


def test_secondary_note_call_in_footnote():
    doc = read("Text [4].\n\n[4] Regular footnote {2}\n\n{2} Secondary\n")
    assert isinstance(doc.notes[0].blocks[0].inlines[-1], NoteRef)

"""Inline markup: emphasis by stars and tags, code, links, breaks, escapes."""
from kroppress.model import (Code, Emphasis, LineBreak, Link, SmallCaps, Strikeout, Strong, Subscript,
                             Superscript, Text)

from muse_helpers import HEAD, read, texts


def inl(body):
    return read(body + "\n").blocks[0].inlines


def test_stars():
    a = inl("*em* and **strong** and ***both***")
    assert isinstance(a[0], Emphasis) and isinstance(a[2], Strong)
    assert isinstance(a[4], Strong) and isinstance(a[4].children[0], Emphasis)


def test_stars_that_are_not_emphasis():
    assert inl("5 * 3 * 2 and a*b*c stay") == [Text("5 * 3 * 2 and a*b*c stay")]
    assert inl("An *unclosed star") == [Text("An *unclosed star")]


def test_tags():
    a = inl("<em>e</em><strong>s</strong><i>i</i><b>b</b>1<sup>st</sup>H<sub>2</sub>O<sc>Caps</sc><del>x</del>")
    assert [type(n) for n in a] == [Emphasis, Strong, Emphasis, Strong, Text, Superscript, Text, Subscript,
                                    Text, SmallCaps, Strikeout]


def test_tag_open_at_paragraph_end_closes_there():
    doc = read("<em>Before the slave,\n\nbefore the free man.</em>\n")
    assert isinstance(doc.blocks[0].inlines[0], Emphasis)
    assert doc.blocks[1].inlines == [Text("before the free man.")]


def test_code():
    assert inl("Use =git log= or <code>a = b</code>.") == [Text("Use "), Code("git log"), Text(" or "),
                                                           Code("a = b"), Text(".")]


def test_equals_in_prose_is_not_code():
    assert inl("x = y and a=b=c") == [Text("x = y and a=b=c")]


def test_links():
    # read without the order check: Muse writes a link's target before its
    # text, and conservation counts a target after its block
    from kroppress.reader import read_text
    a = read_text(HEAD + "See [[http://amusewiki.org][AMuseWiki]] or [[http://amusewiki.org]].\n",
                  "t.muse").blocks[0].inlines
    assert a[1] == Link("http://amusewiki.org", [Text("AMuseWiki")])
    assert a[3] == Link("http://amusewiki.org", [Text("http://amusewiki.org")])


def test_single_brackets_are_text():
    assert inl("[in their letter] and [sic]") == [Text("[in their letter] and [sic]")]


def test_br_nbsp_verbatim():
    a = inl("one <br>two non~~breaking <verbatim>*this* [1]</verbatim>")
    assert a[1] == LineBreak()
    assert a[2] == Text("two non\u00a0breaking *this* [1]")


def test_tilde_alone_is_text():
    assert inl("about ~5 km") == [Text("about ~5 km")]


def test_entities_are_the_characters_they_name():
    doc = read("Bread &amp; beer &#8212; caf&eacute;&nbsp;life &#x2014; end\n",
               head="#title Caf&eacute; &amp; Bar\n#author Jane Doe\n\n")
    assert texts(doc) == ["Bread & beer — café\xa0life — end"]
    assert doc.metadata.title == "Café & Bar"
    # false positive: no closing ";", no entity ("AT&T", a query string)
    assert texts(read("AT&T and x.org/?a=1&para=2 &nbsp stay.\n")) == ["AT&T and x.org/?a=1&para=2 &nbsp stay."]

"""Where words may break in print (`writers/pdf/hyphenation.py`): addresses
break after / and . only, a paragraph's last word is whole, each text has
the hyphenation language of its spelling."""
from __future__ import annotations

import datetime as _dt
import xml.etree.ElementTree as ET

import pytest

from kroppress.render.pagemap import ZWSP, chars
from kroppress.writers.pdf import default_profile, print_tree
from kroppress.writers.pdf.hyphenation import break_addresses, keep_last_words


def tree(html: str) -> ET.Element:
    return ET.fromstring(f"<html><body>{html}</body></html>")


def spans(root: ET.Element, cls: str) -> list[str]:
    return ["".join(s.itertext()) for s in root.iter("span") if s.get("class") == cls]


@pytest.mark.parametrize("text, address", [
    ("published on robertgraham.wordpress.com, 27 September", "robertgraham.wordpress.com"),
    ("write to editor@example.org.", "editor@example.org"),
    ("see https://example.org/a/b?c=1 for more", "https://example.org/a/b?c=1"),
    ("found at lib.anarhija.net.", "lib.anarhija.net"),
])
def test_an_address_in_running_text_breaks_only_after_slash_and_dot(text, address):
    root = tree(f"<p>{text}</p>")
    break_addresses(root)
    [found] = spans(root, "url")
    assert found.replace(ZWSP, "") == address
    assert "-" not in found.replace(address, "").replace(ZWSP, "")
    assert all(found[i - 1] in "/.@" for i, c in enumerate(found) if c == ZWSP)
    assert "".join(root.itertext()).replace(ZWSP, "") == text        # no word lost
    assert chars(found) == chars(address)                             # the page list agrees


@pytest.mark.parametrize("text", [
    "e.g. the U.S. and i.e. the rest, etc.",
    "it rose 3.5 per cent in 1848.",
    "the Conquest of Bread. Fields, Factories",
    "Mr.Smith wrote",                     # no known ending: not a domain
])
def test_abbreviations_and_figures_are_not_addresses(text):
    root = tree(f"<p>{text}</p>")
    break_addresses(root)
    assert spans(root, "url") == []
    assert "".join(root.itertext()) == text


def test_a_link_showing_its_address_is_marked_and_a_worded_link_is_not():
    root = tree('<p><a href="https://example.org/x">https://example.org/x</a> and '
                '<a href="https://example.org/y">the archive</a></p>')
    break_addresses(root)
    links = list(root.iter("a"))
    assert "url" in links[0].get("class", "") and ZWSP in links[0].text
    assert "url" not in (links[1].get("class") or "") and links[1].text == "the archive"


def test_the_last_word_is_kept_whole_with_its_note_call():
    root = tree('<p>they threw them overboard.<sup class="noteref"><a href="#n1">1</a></sup></p>'
                '<p>A short one: yes.</p><p class="stanza">a line of verse ending</p>')
    keep_last_words(root)
    [word] = [s for s in root.iter("span") if s.get("class") == "last-word"]
    assert "".join(word.itertext()) == "overboard.1"                # call inside the span
    assert spans(root, "last-word") == ["overboard.1"]              # "yes." too short; verse left


def test_each_text_gets_the_language_of_its_spelling(make_book):
    from kroppress.model import Paragraph, Text

    def spell(book):
        book.parts[0].entries[0].doc.blocks = [Paragraph([Text(
            "The color of labor, organized by the neighbors, is a favorite theme.")])]
        book.parts[0].entries[1].doc.blocks = [Paragraph([Text(
            "The colour of labour, organised by the neighbours, is a favourite theme.")])]
        book.parts[0].entries[1].doc.metadata.language = "en-US"      # a tag says so: kept
        book.parts[1].entries[0].doc.blocks = [Paragraph([Text(
            "The colour of labour, organised by the neighbours, is a favourite theme.")])]
    book = make_book(extra=spell)
    root = print_tree(book, default_profile(), _dt.date(2025, 5, 1))
    langs = {s.get("id"): s.get("lang") for s in root.iter("section")
             if "text" in (s.get("class") or "").split()}
    first, second = book.parts[0].entries[0].id, book.parts[0].entries[1].id
    third = book.parts[1].entries[0].id
    assert (langs[first], langs[second], langs[third]) == ("en-US", "en-US", "en-GB")


def test_a_note_call_is_tied_to_its_word_but_not_to_a_space_before_it():
    from kroppress.render.pagemap import WORD_JOINER
    from kroppress.writers.pdf.hyphenation import glue_calls
    root = tree('<p>some truth.<sup class="noteref"><a href="#n6">6</a></sup> and '
                '<em>more</em><sup class="noteref"><a href="#n7">7</a></sup> then '
                '<sup class="noteref"><a href="#n8">8</a></sup></p>')
    glue_calls(root)
    calls = [a.text for a in root.iter("a")]
    assert calls == [WORD_JOINER + "6", WORD_JOINER + "7", "8"]     # after a space: left
    assert chars("".join(root.itertext())) == chars("some truth.6 and more7 then 8")

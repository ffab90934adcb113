"""Lists (nested, numbered in styles), description lists, tables."""
from kroppress.model import DefinitionList, ListBlock, Table

from muse_helpers import kinds, read, texts


def test_bullet_and_numbered_lists():
    doc = read("Normal text.\n\n      - bullet item one\n      - bullet item two\n\n"
               "      1. Enum item one\n      2. Enum item two\n")
    a, b = doc.blocks[1:]
    assert isinstance(a, ListBlock) and not a.ordered and len(a.items) == 2
    assert isinstance(b, ListBlock) and b.ordered and b.style == "1"
    assert texts(doc)[1] == "bullet item one\nbullet item two"


def test_nested_list_with_continuation():
    doc = read(" - Level 1, one\n   which continues\n\n   A second paragraph.\n\n"
               "   1. Level 2, one\n   2. Level 2, two\n      i.  Level 3, i\n      ii. Level 3, ii\n"
               " - Level 1, two\n")
    (top,) = doc.blocks
    assert len(top.items) == 2
    first = top.items[0]
    assert [b.kind for b in first] == ["paragraph", "paragraph", "list"]
    assert texts(doc)[0].startswith("Level 1, one which continues")
    inner = first[2]
    assert inner.ordered and inner.items[1][1].style == "i"


def test_letter_and_start():
    doc = read(" b. starts with b\n c. then c\n\n I. First\n II. Second\n")
    a, b = doc.blocks
    assert (a.style, a.start) == ("a", 2)
    assert b.style == "I"


def test_flush_number_is_not_a_list():
    assert kinds(read("1. The first point, at the margin.\n\n- not a bullet\n")) == ["paragraph", "paragraph"]


def test_indented_signature_is_not_a_list():
    doc = read("The letter.\n\n                         P. Kropotkin\n\n   M. Bakunin wrote this, quoted.\n")
    assert kinds(doc) == ["paragraph", "paragraph", "blockquote"]
    assert texts(doc)[1] == "P. Kropotkin"


def test_definition_list():
    doc = read(" First term :: definition one\n Second term :: definition two\n")
    (d,) = doc.blocks
    assert isinstance(d, DefinitionList) and len(d.items) == 2


def test_table():
    doc = read("     Triple bars ||| Separate footer fields\n     Double bars  || Separate header fields\n"
               "     Single bars   | Separate body fields\n     Here are more | body fields\n"
               "     |+ This is the caption +|\n")
    (t,) = doc.blocks
    assert isinstance(t, Table)
    assert [r.section for r in t.rows] == ["foot", "head", "body", "body"]
    assert [len(r.cells) for r in t.rows] == [2, 2, 2, 2]
    assert t.caption


def test_bar_in_flush_prose_is_not_a_table():
    assert kinds(read("Either this | or that, flush.\n")) == ["paragraph"]


def test_what_is_set_less_deep_after_a_blank_ends_the_list():
    doc = read(" a. letter a\n b. letter b\n\n Term :: its definition\n\n  A quoted paragraph.\n")
    assert kinds(doc) == ["list", "definitions"] and len(doc.blocks[0].items) == 2

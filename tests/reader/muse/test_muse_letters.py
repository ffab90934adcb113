"""A letter in Muse: its parts found by the reader's letter rules."""
from muse_helpers import kinds, read


def test_letter_parts():
    doc = read("Personal\n\nViola, Muswell Hill\n\nDear Comrade,\n\nYou are right about the movement here.\n\n"
               "Yours fraternally,\n\nJane Doe\n")
    assert kinds(doc) == ["address", "salutation", "paragraph", "closing", "signature"]
    assert len(doc.blocks[0].lines) == 2          # one address, a line a paragraph in the source


def test_essay_is_not_a_letter():
    doc = read("The strike spread from town to town.\n\nIt ended in the spring, with the harvest.\n")
    assert kinds(doc) == ["paragraph", "paragraph"]


def test_right_set_signature_stays_as_set():
    doc = read("Dear Sir,\n\nThe letter itself, long enough to be a letter.\n\n                         P. Kropotkin\n")
    assert doc.blocks[-1].kind == "paragraph" and doc.blocks[-1].style == "right"

"""The frame of a release, its header fields, its title page and contents."""
from gutenberg_helpers import HEAD, TAIL, book, texts

BODY = """ESSAYS

BY JANE DOE

TRANSLATED BY JOHN ROE

LONDON: A PRINTER, 1890




CONTENTS

  HISTORY
  SELF-RELIANCE




HISTORY


There is one mind common to all individual men. Every man is an inlet
to the same and to all of the same.

Title: a line that looks like a field stays in the body, because it is
not in the header.




SELF-RELIANCE


I read the other day some verses written by an eminent painter which
were original and not conventional.
"""


def test_frame_fields_and_front_matter():
    doc = book(BODY)
    m = doc.metadata
    assert (m.title, m.subtitle, m.authors, m.translator) == ("Essays", "First Series", ["Jane Doe"], "John Roe")
    assert m.date == ""                          # the release date is the archive's
    assert m.source_url.endswith("/12345")
    body = "\n".join(texts(doc))
    for gone in ("Gutenberg", "Produced by", "LICENSE", "CONTENTS", "BY JANE DOE", "LONDON"):
        assert gone not in body
    assert texts(doc)[0] == "HISTORY"
    assert any(t.startswith("Title: a line") for t in texts(doc))     # a Title: line inside a body
    actions = {r.action for r in doc.report}
    assert {"contents dropped", "title page dropped", "boilerplate dropped", "moved to metadata"} <= actions


def test_old_small_print_frame():
    head = """The Project Gutenberg Etext of Walks, by Jane Doe

**Welcome To The World of Free Plain Vanilla Electronic Texts**

Title: Walks

Author: Jane Doe

*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*




"""
    tail = "\n\n\nEnd of the Project Gutenberg Etext of Walks, by Jane Doe\n"
    doc = book("WALKING\n\n\nI wish to speak a word for Nature, for absolute freedom and wildness.\n",
               head, tail)
    assert doc.metadata.title == "Walks" and doc.metadata.authors == ["Jane Doe"]
    assert texts(doc) == ["WALKING", "I wish to speak a word for Nature, for absolute freedom and wildness."]


def test_transcribers_note_dropped():
    doc = book("""[Transcriber's Note: Obvious misprints have been corrected.
Italics are shown as _underscores_.]




CHAPTER I.

THE START.


It began on a Tuesday, when nobody was looking for it at all.
""")
    assert texts(doc)[0] == "CHAPTER I.\nTHE START."
    assert not any("Transcriber" in t for t in texts(doc))


def test_no_frame_no_book_rules():
    from kroppress.reader import read_text
    doc = read_text("A Title\n\nHISTORY\n\nSome text that is a paragraph of a web article.\n", "web.txt")
    assert not any(b.kind == "heading" and b.level == 2 and "HISTORY" == b.inlines[0].text for b in doc.blocks
                   if b.kind == "heading")


def test_end_line_run_into_the_last_paragraph():
    tail = "\nEnd of the Project Gutenberg EBook of Essays, by Jane Doe\n\n*** END OF THIS PROJECT GUTENBERG EBOOK ESSAYS ***\n"
    doc = book("HISTORY\n\n\nThere is one mind common to all individual men, and it is here.", tail=tail)
    assert texts(doc)[-1] == "There is one mind common to all individual men, and it is here."

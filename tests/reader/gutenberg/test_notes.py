"""Notes: FOOTNOTES blocks, [Footnote n: …], scoped per section."""
from gutenberg_helpers import book, texts

from kroppress.plain import block_text


def notes(doc):
    return {n.label: block_text(n.blocks[0]) for n in doc.notes}


def test_footnotes_block_after_a_chapter():
    doc = book("""CHAPTER I

OUR RICHES


The workers are many.[1] They make all.

FOOTNOTE:

[1] 4,013,711 now employed, in all the
1858. That is a wrapped line of the note.




CHAPTER II

WELL-BEING


Also here.[2]

FOOTNOTES:

[2] The second note.
""")
    assert notes(doc) == {"1": "4,013,711 now employed, in all the 1858. That is a wrapped line of the note.",
                          "2": "The second note."}
    assert "[^1]" in texts(doc)[1] and not any("FOOTNOTE" in t for t in texts(doc))
    assert not doc.warnings


def test_gutenberg_footnote_form_and_a_citation():
    doc = book("""ESSAY I


The claim is old.[1] As the list in [2] shows, it is older still.

[Footnote 1: See the first edition,
where it is plainer.]




ESSAY II


Nothing here calls a note, though it cites [1] as a source.
""")
    assert notes(doc) == {"1": "See the first edition, where it is plainer."}
    t = texts(doc)
    assert "[^1]" in t[1] and "[2]" in t[1]          # a [2] no note defines stays text
    assert t[-1].endswith("cites [1] as a source.")  # another essay's [1] is no call to this note


def test_numbers_restart_per_essay():
    doc = book("""ESSAY I


First essay.[1]

[1] Note one of the first essay.




ESSAY II


Second essay, no note of its own for this [2] and one for this.[1]

[1] Note one of the second essay.
""")
    by = {n.label: block_text(n.blocks[0]) for n in doc.notes}
    assert by == {"1": "Note one of the first essay.", "1-2": "Note one of the second essay."}
    t = texts(doc)
    assert "[^1]" in t[1] and "[^1-2]" in t[3] and "[2]" in t[3]


def test_footnote_set_into_a_paragraph():
    doc = book("""ESSAY I


The old ways of the[1] town were

[Footnote 1: A note set in where the page ended.]

kept by the people for a long time after.
""")
    assert texts(doc)[1] == "The old ways of the[^1] town were kept by the people for a long time after."
    assert notes(doc) == {"1": "A note set in where the page ended."}

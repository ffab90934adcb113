"""Headings and their levels, each with a false positive beside it."""
from gutenberg_helpers import book, headings, texts

PROSE = "The text runs on here for a while, as the text of a book does in its chapters.\n"


def test_part_holds_chapters_and_sections():
    doc = book(f"""PART I.




CHAPTER I.

INTRODUCTORY.


I

{PROSE}

II

{PROSE}



CHAPTER II.

THE SEQUEL.


{PROSE}



PART II.



CHAPTER III.

THE END OF IT.


{PROSE}""")
    assert headings(doc) == [(2, "PART I."), (3, "CHAPTER I.\nINTRODUCTORY."), (4, "I"), (4, "II"),
                             (3, "CHAPTER II.\nTHE SEQUEL."), (2, "PART II."), (3, "CHAPTER III.\nTHE END OF IT.")]
    levels = [(s.level, s.title) for s in doc.sections]
    assert levels[0] == (2, "PART I.") and levels[1] == (3, "CHAPTER I. INTRODUCTORY.")


def test_caps_line_is_heading_but_a_shout_is_not():
    doc = book(f"""HISTORY


It is a case of PRODUCING THE GREATEST AMOUNT OF GOODS
NECESSARY TO THE WELL-BEING OF ALL, and so the chapter goes on.

NO, NEVER!

{PROSE}



I. SELF-RELIANCE.


{PROSE}""")
    assert headings(doc) == [(2, "HISTORY"), (2, "I. SELF-RELIANCE.")]
    assert "NO, NEVER!" in texts(doc)


def test_speaker_names_in_a_play_are_not_headings():
    speeches = "".join(f"ROPER.\n\nLine {k} of what he says, and more of it.\n\nFARNCOMBE.\n\nAnd the answer {k}.\n\n"
                       for k in range(3))
    doc = book(f"THE FIRST ACT\n\n\n{speeches}\n\n\nTHE SECOND ACT\n\n\n{PROSE}")
    assert headings(doc) == [(2, "THE FIRST ACT"), (2, "THE SECOND ACT")]


def test_signature_and_illustration_are_not_headings():
    doc = book(f"""PREFACE


{PROSE}
  BRIGHTON.

     _January, 1913._




[Illustration: THE MILL AT DUSK.]

ESSAY I


{PROSE}""")
    assert headings(doc) == [(2, "PREFACE"), (2, "ESSAY I")]
    assert "THE MILL AT DUSK." in texts(doc)
    assert any(r.action == "illustration caption kept" for r in doc.report)

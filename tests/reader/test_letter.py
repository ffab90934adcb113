"""letter: a letter's parts, hard or soft line breaks."""
from helpers import P1, P2, body, read, types

HEAD = "# A Letter\n\nRuth Amsel\n\n"


def test_address_salutation_closing_and_signature():
    data = read(HEAD + "12 Canal Row\nStoke Lock\n\nDear Comrade,\n\n" + P1 + "\n\n" + P2 +
                "\n\nYours fraternally,\n\nRuth Amsel\n\nP.S. The plans follow by the next post.\n")
    assert types(data) == ["address", "salutation", "paragraph", "paragraph", "closing", "signature",
                           "postscript"]


def test_the_salutation_with_the_first_paragraph_and_a_one_line_closing():
    data = read(HEAD + "Dear Jonas,\n" + P1 + "\n\nWith love, Ruth Amsel\n")
    assert types(data) == ["salutation", "paragraph", "closing", "signature"]
    assert body(data)[-2:] == ["With love,", "Ruth Amsel"]


def test_an_essay_ending_on_a_short_line_is_not_signed():
    data = read(HEAD + P1 + "\n\n" + P2 + "\n\nThe lock is still there\n")
    assert types(data) == ["paragraph", "paragraph", "paragraph"]

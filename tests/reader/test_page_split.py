"""page_split: a paragraph split by a page break."""
from helpers import body, read

HEAD = "# The Canal\n\nRuth Amsel\n\n"


def test_a_lower_case_continuation_or_a_digit_after_an_open_word_is_joined():
    data = read(HEAD + "The diggers worked through the\n\nwinter of 1794 without a day off.\n\n"
                "They were paid at the end of\n\n1 December, when the frost came.\n")
    assert body(data) == ["The diggers worked through the winter of 1794 without a day off.",
                          "They were paid at the end of 1 December, when the frost came."]


def test_a_hyphenated_word_cut_by_the_page_is_closed_up():
    assert body(read(HEAD + "The co-\n\noperative bought the barge.\n")) == ["The co-operative bought the barge."]


def test_a_capitalised_paragraph_after_an_open_one_stays_apart():
    data = read(HEAD + "The diggers worked through the\n\nSpring came late that year.\n")
    assert body(data) == ["The diggers worked through the", "Spring came late that year."]

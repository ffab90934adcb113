"""title_block: the head of a text moved to metadata."""
from helpers import P1, P2, body, read, types


def _meta(head: str) -> dict:
    data = read(head + "\n\n" + P1 + "\n\n" + P2 + "\n")
    assert body(data)[-2:] == [P1, P2] or types(data)[0] == "dateline"
    return data["metadata"]


def test_heading_author_and_date_lines():
    m = _meta("# The Canal School: A Memoir\n\nRuth Amsel (1880–1951)\n\n1911")
    assert (m["title"], m["subtitle"], m["authors"], m["date"]) == (
        "The Canal School", "A Memoir", ["Ruth Amsel"], "1911")


def test_author_line_before_the_title_as_a_heading_or_a_line():
    for head in ("## Ruth Amsel\n\nThe Canal School", "Ruth Amsel\n\nThe Canal School"):
        m = _meta(head)
        assert (m["title"], m["authors"]) == ("The Canal School", ["Ruth Amsel"]), head


def test_posted_on_with_a_byline_and_by_with_a_date():
    m = _meta("# The Canal School\n\nPosted on 14 June 2016 by Ruth Amsel")
    assert (m["date"], m["authors"]) == ("14 June 2016", ["Ruth Amsel"])
    m = _meta("# The Canal School\n\nBy Ruth Amsel and Jonas Weil, 1883")
    assert (m["date"], m["authors"]) == ("1883", ["Ruth Amsel", "Jonas Weil"])


def test_first_published_keeps_the_language_it_names():
    m = _meta("# The Canal School\n\nRuth Amsel\n\nFirst published in German in *Der Kanal*, 1911.")
    assert m["first_published"] == "In German in Der Kanal, 1911" and m["date"] == "1911"
    m = _meta("# The Canal School\n\nRuth Amsel\n\nOriginally published in *Freedom*, 1896.")
    assert m["first_published"] == "Freedom, 1896"


def test_a_one_letter_roman_title():
    m = _meta("# IV\n\nRuth Amsel")
    assert m["title"] == "IV" and m["authors"] == ["Ruth Amsel"]


def test_a_first_paragraph_of_prose_is_not_a_title():
    data = read(P1 + "\n\n" + P2 + "\n")
    assert body(data) == [P1, P2] and data["metadata"]["title"] == ""


def test_a_year_under_a_letter_s_author_dates_it_a_day_is_its_dateline():
    letter = "\n\n12 Canal Row\nStoke Lock\n\nDear Comrade,\n\n" + P1 + "\n\nYours,\n\nRuth Amsel\n"
    data = read("# A Letter\n\nRuth Amsel\n\n1911" + letter)
    assert data["metadata"]["date"] == "1911" and types(data)[0] == "address"
    data = read("# A Letter\n\nRuth Amsel\n\n3 May 1911" + letter)
    assert types(data)[0] == "dateline"

"""dateline: a place and a date at the head of the body."""
from helpers import P1, read, types

HEAD = "# The Canal\n\nRuth Amsel\n\n"


def test_dateline_at_the_head_dates_the_text():
    data = read(HEAD + "Dmitrov, Russia, April 28, 1919\n\n" + P1 + "\n")
    assert types(data)[0] == "dateline" and data["metadata"]["date"] == "April 28, 1919"
    data = read(HEAD + "In 1919, the canal froze.\n\n" + P1 + "\n")
    assert types(data)[0] == "paragraph"

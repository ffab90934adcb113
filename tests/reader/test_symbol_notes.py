"""symbol_notes: footnotes marked *, †, ‡, § at page feet."""
from helpers import body, read

HEAD = "# The Hall\n\nRuth Amsel\n\n"


def test_symbol_calls_and_their_page_foot_notes():
    raw = (HEAD + "The vicar said it was for work and not for politics.* The hall was built in a year.†\n\n"
           "* Conversation at Long Marston, August 1920.\n† By the members themselves.\n\n"
           "It still stands.*\n\n* A later visit, 1931.\n")
    data = read(raw)
    assert body(data) == ["The vicar said it was for work and not for politics.[^*] The hall was built in a "
                          "year.[^†]", "It still stands.[^*-2]"]
    assert [n["text"] for n in data["notes"]] == ["Conversation at Long Marston, August 1920.",
                                                  "By the members themselves.", "A later visit, 1931."]


def test_asterisks_without_definitions_scene_breaks_and_emphasis_stay():
    raw = HEAD + "A footnote sign* with no note.\n\n* * *\n\nThe *hall* stood.\n"
    data = read(raw)
    assert body(data) == ["A footnote sign* with no note.", "* * *", "The hall stood."]
    assert data["notes"] == []

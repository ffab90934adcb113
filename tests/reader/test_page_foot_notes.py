"""page_foot_notes: notes printed at a page foot, cutting the text."""
from helpers import body, read

RAW = ("# The Canal\n\nRuth Amsel\n\nThe diggers were paid in bread<sup>1</sup> and beer, and the\n\n---\n\n"
       "<sup>1</sup> A loaf a day, by the accounts of 1794.\n\n"
       "engineer in coin.<sup>2</sup>\n\n---\n\n<sup>2</sup> Four shillings a week.\n\n"
       "Nobody thought this unfair at the time.\n")


def test_notes_become_endnotes_and_the_cut_paragraph_is_joined():
    data = read(RAW)
    assert body(data) == ["The diggers were paid in bread[^1] and beer, and the engineer in coin.[^2]",
                          "Nobody thought this unfair at the time."]
    assert [n["text"] for n in data["notes"]] == ["A loaf a day, by the accounts of 1794.",
                                                  "Four shillings a week."]


def test_a_rule_between_sections_without_notes_is_a_scene_break():
    data = read("# The Canal\n\nRuth Amsel\n\nThe first part ends here.\n\n---\n\nThe second begins.\n")
    assert body(data) == ["The first part ends here.", "* * *", "The second begins."]

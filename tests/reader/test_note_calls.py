"""note_calls: calls matched to their notes."""
from helpers import body, read

HEAD = "# The Canal\n\nRuth Amsel\n\n"


def test_note_calls_bracket_calls_only_where_a_list_defines_them():
    data = read(HEAD + "The lock[1] and the school[2] survive.\n\n[1] Built 1795.\n")
    assert body(data) == ["The lock[^1] and the school[2] survive."]
    data = read(HEAD + "Read the minutes [1890] of the union.\n")
    assert body(data) == ["Read the minutes [1890] of the union."] and data["notes"] == []

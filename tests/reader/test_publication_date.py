"""publication_date: a text dated nowhere else takes its first publication's year."""
from helpers import P1, actions, read

HEAD = "# The Canal\n\nRuth Amsel\n\n"


def test_publication_date_from_the_first_publication_only_when_undated():
    data = read(HEAD.replace("Ruth Amsel", "Ruth Amsel\n\nOriginally published in *Freedom*, 1896.") + P1)
    assert data["metadata"]["date"] == "1896" and "date found" in actions(data)
    data = read(HEAD + "1901\n\n" + P1)
    assert data["metadata"]["date"] == "1901" and "date found" not in actions(data)

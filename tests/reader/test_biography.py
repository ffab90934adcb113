"""biography: a paragraph about the author at the end."""
from helpers import P1, P2, actions, body, essay, read

NO_AUTHOR = "# A Plain Essay\n\n"


def _bio(bio: str, head: str = NO_AUTHOR, after: str = "") -> dict:
    raw = essay(P1, P2, bio, *( [after] if after else [] ), title=head)
    return read(raw)


def test_every_common_form_gives_the_biography_and_the_author():
    forms = {
        "Ines Varga is a historian of canals and the author of two books on inland shipping.": "Ines Varga",
        "Tomas Rieder (1902–1979) was a printer, a union organiser and a writer of pamphlets.": "Tomas Rieder",
        "Ada Konecki was born in Gdańsk in 1948 and has lived in Leeds since 1970.": "Ada Konecki",
        "Paul Meroe teaches economic history at a university in the north of England.": "Paul Meroe",
        "About the author: Lena Obi writes on housing and cities for several magazines.": "Lena Obi",
        "Sami Halvorsen has written three books about the Norwegian labour movement.": "Sami Halvorsen",
    }
    for bio, name in forms.items():
        data = _bio(bio)
        assert data["metadata"]["authors"] == [name], bio
        assert data["metadata"]["biography"].startswith(bio.replace("About the author: ", "")[:20]), bio
        assert body(data) == [P1, P2], bio


def test_a_heading_about_the_author_and_a_second_paragraph_go_with_it():
    data = read(essay(P1, P2, "## About the Author",
                      "Mira Holt is a journalist based in Glasgow.", "She is writing a book on the docks.",
                      title=NO_AUTHOR))
    assert body(data) == [P1, P2]
    assert data["metadata"]["biography"] == ("Mira Holt is a journalist based in Glasgow.\n\n"
                                             "She is writing a book on the docks.")


def test_a_known_author_s_biography():
    data = read(essay(P1, P2, "Ruth Amsel is a local historian who lives beside the old lock."))
    assert data["metadata"]["authors"] == ["Ruth Amsel"] and data["metadata"]["biography"]


def test_a_closing_paragraph_about_the_texts_subject_stays_body():
    subject = ("Edith Crane ran the canal school for thirty years. Her pupils remembered her long after "
               "the canal was gone.")
    last = "Edith Crane was born in a lock-keeper's cottage and died in the same house in 1931."
    data = read(essay(P1, subject, last, title=NO_AUTHOR))
    assert body(data) == [P1, subject, last]
    assert data["metadata"]["biography"] == "" and data["metadata"]["authors"] == []


def test_a_paragraph_about_someone_else_than_the_known_author_stays_body():
    last = "Jonas Weil was a carpenter who worked on the lock gates for forty years."
    data = read(essay(P1, P2, last))
    assert body(data)[-1] == last and data["metadata"]["biography"] == ""
    assert data["metadata"]["authors"] == ["Ruth Amsel"]
    assert not any(a == "moved to metadata" and "biography" in r["detail"]
                   for a, r in zip(actions(data), data["report"]))

"""head_fields: labelled fields in the head, and an ebook project's frame."""
from helpers import P1, P2, actions, body, read

ARCHIVE = ("## Ruth Amsel\n\n# The Canal School\n\nWritten: 1911\nSource: *The Canal Worker*, July 1911\n"
           "Transcription/Markup: A. Reader\nPublic Domain: Canal Archive (2004). You may copy it freely.\n\n"
           "---\n\n" + P1 + "\n\n" + P2 + "\n")

EBOOK = ("The Lantern eBook of The Canal School, by Ruth Amsel\n\nThis ebook is for the use of anyone "
         "anywhere at no cost.\n\nTitle: The Canal School\n\nAuthor: Ruth Amsel\n\nRelease date: May 4, 2015\n\n"
         "*** START OF THE LANTERN EBOOK THE CANAL SCHOOL ***\n\nTHE CANAL SCHOOL\n\nBY RUTH AMSEL\n\n"
         + P1 + "\n\n" + P2 + "\n\nTHE END.\n\n*** END OF THE LANTERN EBOOK THE CANAL SCHOOL ***\n\n"
         "Please do not remove this notice when you pass the file on.\n")


def test_an_archives_fields_fill_the_metadata_and_leave_the_body():
    data = read(ARCHIVE)
    m = data["metadata"]
    assert (m["title"], m["authors"], m["date"]) == ("The Canal School", ["Ruth Amsel"], "1911")
    assert m["first_published"] == "The Canal Worker, July 1911" and m["rights"] == "Public Domain"
    assert body(data) == [P1, P2]


def test_an_ebook_projects_frame_goes_and_its_fields_stay():
    data = read(EBOOK)
    m = data["metadata"]
    assert (m["title"], m["authors"]) == ("The Canal School", ["Ruth Amsel"])
    assert body(data) == [P1, P2]
    assert "boilerplate dropped" in actions(data)


def test_a_paragraph_with_one_colon_line_is_body():
    first = "Note: the canal was never finished, and the school outlived it by forty years."
    data = read("# The Canal School\n\nRuth Amsel\n\n" + first + "\n\n" + P1 + "\n")
    assert body(data) == [first, P1]


def test_a_body_paragraph_of_labelled_lines_after_the_head_stays():
    lines = "Bread: two loaves a day\nBeer: a quart\nWages: four shillings"
    data = read("# The Canal School\n\nRuth Amsel\n\n" + P1 + "\n\n" + P2 + "\n\n" + lines + "\n")
    assert "Bread: two loaves a day" in "\n".join(body(data))

"""colophon: a library's colophon and source lines after the text."""
from helpers import P1, P2, actions, body, essay, read

COLOPHON = ("Ruth Amsel  \nV  \n1911\n\nRetrieved on 3 May 2009 from www.canal-archive.org\n\n"
            "The Canal Archive  \nAnti-Copyright\n\n**canal-archive.org**")


def test_a_one_letter_title_repeated_in_the_colophon():
    raw = "# V\n\nRuth Amsel\n\n1911\n\n" + "\n\n".join([P1, P2, COLOPHON]) + "\n"
    data = read(raw)
    meta = data["metadata"]
    assert meta["title"] == "V" and body(data) == [P1, P2]
    assert meta["rights"] == "Anti-Copyright" and meta["source_site"] == "The Canal Archive"
    assert meta["source_url"] == "http://www.canal-archive.org"
    assert "Retrieved on 3 May 2009" in meta["retrieved"]


def test_a_roman_numeral_title_is_never_found_inside_another_word():
    # "I" must not match the "i" of words in a last sentence that names it
    last = "It is in its own time, I think, that a strike is won."
    raw = "# I\n\nRuth Amsel\n\n" + "\n\n".join([P1, last]) + "\n"
    assert body(read(raw)) == [P1, last]


def test_a_bold_last_line_of_the_text_is_body_unless_it_names_a_site():
    last = "**Workers of the canals, unite!**"
    assert body(read(essay(P1, P2, last))) == [P1, P2, "Workers of the canals, unite!"]
    data = read(essay(P1, P2, "**[canal-archive.org](https://canal-archive.org)**"))
    assert body(data) == [P1, P2] and "moved to metadata" in actions(data)


def test_a_periodical_and_date_line_is_the_first_publication():
    data = read(essay(P1, P2, "*The Canal Worker*, 3 March 1911", "The Canal Archive  \nAnti-Copyright"))
    assert data["metadata"]["first_published"] == "The Canal Worker, 3 March 1911"
    assert body(data) == [P1, P2]


def test_a_last_sentence_that_names_the_title_stays_body():
    raw = "# The Lock\n\nRuth Amsel\n\n" + "\n\n".join([P1, "They kept the lock, and the lock kept them."]) + "\n"
    assert body(read(raw))[-1] == "They kept the lock, and the lock kept them."


# an archive's name is a shape, in the words archives use, not one site's wording
ARCHIVES = ["Marxists Internet Archive", "Library of Congress", "The Canal Archive", "Bibliothèque anarchiste",
            "Biblioteca Anarquista", "Archivio Berneri", "Anarchistische Bibliothek", "Workers' Library and Archives"]


def test_an_archives_name_alone_after_the_text_names_the_site():
    for name in ARCHIVES:
        data = read(essay(P1, P2, name))
        assert body(data) == [P1, P2], name
        assert data["metadata"]["source_site"] == name, name


def test_a_sentence_or_a_signers_office_naming_a_library_stays_body():
    last = "He read every evening at the British Library."
    assert body(read(essay(P1, P2, last))) == [P1, P2, last]
    # the library under a name is where the signer works, not the archive the text came from
    assert "Hull Public Library" in body(read(essay(P1, P2, "Ines Varga  \nHull Public Library")))[-1]


def test_the_archive_shape_itself():
    from kroppress.reader.patterns import COLOPHON
    assert all(COLOPHON.search(n) for n in ARCHIVES)
    assert COLOPHON.search("The Anarchist Library\nAnti-Copyright")
    for not_a_name in ["The Library", "The Archive burned down", "Collection", "Share this Collection",
                       "In the Library of his father he found it", "Ines Varga\nHull Public Library"]:
        assert not COLOPHON.search(not_a_name), not_a_name

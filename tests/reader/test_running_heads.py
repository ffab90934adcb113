"""running_heads: running heads and folios between paragraphs."""
from helpers import body, read

HEAD = "# The Land\n\nRuth Amsel\n\n"


def test_a_head_with_its_folio_and_a_decorated_folio_go_and_the_cut_paragraph_joins():
    raw = (HEAD + "THE LAND 7\n\nThe labourer is patient, and it\n\nTHE LAND 8\n\nis said as a compliment.\n\n"
           "He has reason to be\n\n— 9 —\n\npatient, as his rent shows.\n")
    assert body(read(raw)) == ["The labourer is patient, and it is said as a compliment.",
                               "He has reason to be patient, as his rent shows."]


def test_a_bare_number_goes_only_where_it_cuts_a_sentence():
    raw = HEAD + "The labourer is patient, and it\n\n14\n\nis said as a compliment.\n\nThe rents rose.\n\n1894\n\nThey fell.\n"
    data = read(raw)
    assert body(data)[0] == "The labourer is patient, and it is said as a compliment."
    assert "1894" in body(data)


def test_a_caps_exhortation_or_section_title_without_a_folio_stays():
    raw = HEAD + "The labourer is patient.\n\nLAND AND LIBERTY\n\nHe has reason to be.\n"
    assert "LAND AND LIBERTY" in body(read(raw))

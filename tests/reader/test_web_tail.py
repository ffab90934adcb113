"""web_tail: a site's tail after the text, found by shape."""
from kroppress.reader.rules import web_tail

from helpers import P1, P2, P3, actions, apply, body, essay, read


def _tail_dropped(tail: str) -> dict:
    data = read(essay(P1, P2, P3, tail))
    assert body(data) == [P1, P2, P3], body(data)[3:]
    assert "boilerplate dropped" in actions(data)
    return data


def test_buttons_appeals_and_related_teasers_are_dropped():
    _tail_dropped("Share this:\n\nFacebook\n\nBluesky\n\n"
                  "We are funded by readers, not advertisers. Please consider a monthly gift.\n\n"
                  "Donate now\n\nRelated\n\nThe Lock Keepers of the North\n\n"
                  "How a canal town learned to live without its canal, and what it kept…")


def test_a_list_opener_takes_its_teasers_even_when_they_are_sentences():
    _tail_dropped("## You might also like\n\nThe Ferry Strike of 1922\n\n"
                  "A short history of the river workers who stopped the crossings for a week.\n\n"
                  "Three Pubs and a Union Banner\n\nTags: canals, labour, local history")


def test_a_short_paragraph_under_a_site_line_goes_with_it():
    _tail_dropped("Keep this magazine free\n\nWe depend on readers like you.\n\nSubscribe")


def test_a_mid_essay_heading_with_a_sites_words_keeps_the_essay_after_it():
    raw = essay(P1, "## Support the Strikers", P2, P3, "Donate\n\nSign up for our newsletter")
    data = read(raw)
    assert body(data) == [P1, "Support the Strikers", P2, P3]


def test_a_last_paragraph_about_donations_in_the_texts_own_voice_stays():
    last = "The strike fund lived on donations from the docks."
    assert body(read(essay(P1, P2, last))) == [P1, P2, last]


def test_a_single_short_last_line_before_a_tail_stays_body():
    last = "And so it goes on"
    data = read(essay(P1, P2, last, "Share\n\nTweet\n\nEmail"))
    assert body(data) == [P1, P2, last]


def test_a_signature_or_date_before_a_tail_is_left_for_the_other_rules():
    state = apply(essay(P1, P2, "Ruth Amsel", "Leave a reply"))
    k = web_tail.tail_start(state, state.blocks)
    assert [b.text for b in state.blocks[k:]] == ["Leave a reply"]


def test_no_site_line_no_tail():
    # short lines at the end without any of a site's lines: nothing is dropped
    raw = essay(P1, P2, "Lisbon, 1911", "Ruth Amsel")
    state = apply(raw)
    assert web_tail.tail_start(state, state.blocks) == len(state.blocks)


def test_site_lines_above_the_text_go_but_its_first_short_line_stays():
    data = read(essay("Print | Email | PDF", "Share this:", P1, P2))
    assert body(data) == [P1, P2] and "boilerplate dropped" in actions(data)
    first = "Bread first, then the rest"
    assert body(read(essay(first, P1, P2))) == [first, P1, P2]


TABLE = "| Year | Barges |\n|---|---|\n| 1794 | 720 |\n| 1800 | 750 |"


def test_a_short_sentence_after_a_table_is_the_texts():
    data = read(essay(P1, TABLE, "So the canal paid its way."))
    assert body(data)[-1] == "So the canal paid its way." and "boilerplate dropped" not in actions(data)


def test_a_two_row_table_followed_by_a_real_site_tail_loses_the_tail():
    # false positive: the table is content, the tail after it is still the site's
    data = read(essay(P1, TABLE, "Share this:\n\nFacebook\n\nDonate now"))
    assert body(data)[0] == P1 and body(data)[1].startswith("Year | Barges") and len(body(data)) == 2
    assert "boilerplate dropped" in actions(data)

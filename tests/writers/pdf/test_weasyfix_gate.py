"""weasyfix lays a text out again without its trailing space only when the
text after the line could still fit in the room the line left."""
from kroppress.writers.pdf.weasyfix import _may_fit

STYLE = {"font_size": 10.5, "font_style": "normal", "letter_spacing": "normal"}


def test_a_short_rest_in_enough_room_may_fit():
    assert _may_fit(b"of the Society, ", STYLE, 200.0)


def test_a_long_rest_cannot_fit_a_short_room():
    rest = ("and the rest of a long paragraph goes on " * 40).encode()
    assert not _may_fit(rest, STYLE, 120.0)
    assert not _may_fit(b"Organisation ", STYLE, 5.0)


def test_negative_letter_spacing_or_nothing_left_is_always_tried():
    rest = ("word " * 400).encode()
    assert _may_fit(rest, {**STYLE, "letter_spacing": -0.5}, 10.0)
    assert _may_fit(b"   ", STYLE, -1.0)


# composition's gate: the least of the next word a narrowed line must take up
from kroppress.writers.pdf.composition import _least_piece  # noqa: E402

HYPHENATED = {"hyphens": "auto", "lang": "en-GB", "hyphenate_limit_chars": (6, 3, 3),
              "hyphenate_character": "\u2010"}


def test_the_least_piece_is_the_first_syllable_a_line_may_end_on():
    piece = _least_piece("organisation,", HYPHENATED)
    assert piece.endswith("\u2010") and 3 <= len(piece) - 1 < len("organisation")
    assert "organisation".startswith(piece[:-1])
    assert _least_piece("(organisation", HYPHENATED).startswith("(org")     # punctuation kept


def test_a_word_that_cannot_be_broken_is_the_least_piece_whole():
    assert _least_piece("dogma", HYPHENATED) == "dogma"                        # under 6 letters
    assert _least_piece("organisation", {**HYPHENATED, "hyphens": "none"}) == "organisation"
    assert _least_piece("organisation", {**HYPHENATED, "hyphens": "manual"}) == "organisation"
    assert _least_piece("organ\u00adisation", {**HYPHENATED, "hyphens": "manual"}) == "organ\u2010"

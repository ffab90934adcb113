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

"""Spreads and openers on a real layout (WeasyPrint with the book's styles),
each with its pass switched off as the control: facing pages of equal depth
(`facing.ENABLED`) and an opener that never carries its title alone
(`opener.ENABLED`)."""
from __future__ import annotations

import pytest

from kroppress.model import Paragraph, Text
from kroppress.proof.findings import find, lines_of
from kroppress.writers.pdf import facing, opener, write_pdf
from kroppress.writers.pdf.pages import folio_labels

from test_composition import EPOCH, prose


def lay_out(make_book, tmp_path, blocks, headnote=None) -> list:
    def extend(book):
        entry = book.parts[0].entries[0]
        entry.doc.blocks = blocks
        if headnote is not None:
            entry.headnote = headnote
    records: list = []
    write_pdf(make_book(extra=extend), tmp_path / "book.pdf", epoch=EPOCH, page_records=records,
              layout="single")
    return records


def counts(records) -> dict:
    return find(records, folio_labels(records)).counts()["total"]


def words(records) -> list[str]:
    """The running text's words, the layout's hyphens joined again."""
    text = ""
    for line in lines_of(records):
        body = line.text.rstrip()
        text += body[:-1] if line.hyphen else body + " "
    return text.split()


@pytest.fixture
def off(monkeypatch):
    def switch(module):
        monkeypatch.setattr(module, "ENABLED", False)
    return switch


def test_facing_pages_end_level_with_no_widow_and_no_page_more(make_book, tmp_path, off):
    blocks = prose(22, 80, 120)
    after = lay_out(make_book, tmp_path, blocks)
    off(facing)
    before = lay_out(make_book, tmp_path, blocks)
    assert counts(before)["facing-depth"] >= 3, counts(before)   # widow control: uneven
    assert counts(after)["facing-depth"] == 0, counts(after)
    for records in (before, after):
        assert counts(records)["widow"] == counts(records)["orphan"] == 0
    assert abs(len(after) - len(before)) <= 1
    assert words(after) == words(before)                      # no word lost or moved out
    # a long page keeps its paper: every page is the size it was
    assert {tuple(r[6][3:5]) for r in after} == {tuple(r[6][3:5]) for r in before}


def opener_lines(records) -> tuple[int, list]:
    """The first text's opener: its page and its lines."""
    for n, record in enumerate(records):
        laid = record[6][2] if record[6] else []
        if any(raw[9] == "heading" and raw[10] == "action-of-the-masses" for raw in laid):
            return n, laid
    raise AssertionError("no opener")


def long_headnote(extra_words: int) -> list:
    return prose(3, 6, 70) + [Paragraph([Text(" ".join(["word"] * extra_words) + ".")])]


def test_a_long_headnote_stands_below_its_title_on_the_opener(make_book, tmp_path, off):
    """A headnote a few lines too long for the opener: without the pass it
    moves whole to the next page and the opener carries its title alone; with
    it, the opener's sink is given up and the headnote follows the title."""
    blocks = prose(4, 20, 80)
    after = lay_out(make_book, tmp_path, blocks, long_headnote(10))
    off(opener)
    before = lay_out(make_book, tmp_path, blocks, long_headnote(10))
    assert counts(before)["title-only"] == 1, counts(before)
    assert counts(after)["title-only"] == 0, counts(after)
    assert counts(after)["split-block"] == counts(after)["off-grid"] == 0
    page, laid = opener_lines(after)
    assert {"heading", "headnote"} <= {raw[9] for raw in laid}
    top = lambda records: opener_lines(records)[1][0][0]          # noqa: E731
    assert top(after) < top(before)                    # the title rose by the sink


def test_a_short_headnote_keeps_the_sink(make_book, tmp_path, off):
    """The false positive: a headnote that fits below the title changes nothing."""
    blocks = prose(4, 20, 80)
    after = lay_out(make_book, tmp_path, blocks, prose(3, 4, 70))
    off(opener)
    before = lay_out(make_book, tmp_path, blocks, prose(3, 4, 70))
    assert opener_lines(after) == opener_lines(before)
    assert counts(after)["title-only"] == 0


def test_a_headnote_too_long_even_so_moves_whole_and_is_reported(make_book, tmp_path, off):
    blocks = prose(4, 20, 80)
    after = lay_out(make_book, tmp_path, blocks, long_headnote(50))
    off(opener)
    before = lay_out(make_book, tmp_path, blocks, long_headnote(50))
    assert counts(after)["title-only"] == 1                  # the report names it
    assert counts(after)["split-block"] == 0                 # still whole
    assert opener_lines(after) == opener_lines(before)       # and the sink kept

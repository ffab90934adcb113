"""Composition on a real layout (WeasyPrint with the book's styles): the
typographic report's counts with the composition passes and without them
(`composition.ENABLED`, `grid.ENABLED`: WeasyPrint's own greedy lines).

The text is generated from a vocabulary of ordinary words, so that the
line breaks met are those of any prose, not of one text."""
from __future__ import annotations

import random

import pytest

from kroppress.model import Heading, Paragraph, Text
from kroppress.proof.findings import find
from kroppress.writers.pdf import composition, grid, write_pdf
from kroppress.writers.pdf.pages import folio_labels

EPOCH = 1746057600
VOCABULARY = ("the of and to in that it was for on are as with his they be at one have this "
              "from or had by but some what there we can out other were all your when up use "
              "word how said each she which do their time if will way about many then them "
              "would write like so these her long make thing see him two has look more day "
              "could go come did number sound most people over know water than call first who "
              "may down side been now find any new work part take get place made live where "
              "after back little only round man year came show every good give our under name "
              "very through just form sentence great think say help low line differ turn cause "
              "much mean before move right boy old too same tell does set three want air well "
              "also play small end put home read hand port large spell add even land here must "
              "big high such follow act why ask men change went light kind off need house "
              "picture try again animal point mother world near build self earth father "
              "revolution international organisation cooperation extraordinary circumstances "
              "consequence individual initiative government administration understanding "
              "characteristic responsibility unquestionably correspondence").split()


def prose(seed: int, paragraphs: int, words: int) -> list[Paragraph]:
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        chosen = [rng.choice(VOCABULARY) for _ in range(rng.randint(words // 2, words))]
        out.append(Paragraph([Text(" ".join(chosen).capitalize() + ".")]))
    return out


def report(make_book, tmp_path, blocks) -> dict:
    def extend(book):
        book.parts[0].entries[0].doc.blocks = blocks
    book = make_book(extra=extend)
    records: list = []
    write_pdf(book, tmp_path / "book.pdf", epoch=EPOCH, page_records=records, layout="single")
    return find(records, folio_labels(records)).counts()["total"]


@pytest.fixture
def without(monkeypatch):
    def off():
        monkeypatch.setattr(composition, "ENABLED", False)
        monkeypatch.setattr(grid, "ENABLED", False)
    return off


def test_loose_lines_fall_by_more_than_half_and_no_third_hyphen(make_book, tmp_path, without):
    blocks = prose(1, 40, 90)
    after = report(make_book, tmp_path, blocks)
    without()
    before = report(make_book, tmp_path, blocks)
    assert before["loose"] >= 20, before            # greedy lines are loose: the test can fail
    assert after["loose"] <= before["loose"] / 2, (before, after)
    assert after["hyphen-run"] == 0
    assert after["tight"] == 0                       # narrowed spaces stay within a fifth
    assert after["overfull"] == 0


def test_the_text_after_a_heading_is_back_on_the_grid(make_book, tmp_path, without):
    """A subheading with its own size and spacing: without the grid pass the
    text after it is off the grid; with it, on."""
    blocks = prose(2, 3, 60) + [Heading(2, [Text("A question of size")], id="h-a")] + \
        prose(3, 3, 60) + [Heading(3, [Text("And of spacing")], id="h-b")] + prose(4, 6, 60)
    after = report(make_book, tmp_path, blocks)
    without()
    before = report(make_book, tmp_path, blocks)
    assert before["off-grid"] > 0, before
    assert after["off-grid"] == 0, after


def test_plain_paragraphs_are_on_the_grid_and_cost_no_page(make_book, tmp_path, without):
    """The false positive: paragraphs with nothing between them need no space
    made up (only the title block above them does): the grid pass adds no page."""
    blocks = prose(5, 30, 80)
    records: list = []

    def pages(book_blocks):
        def extend(book):
            book.parts[0].entries[0].doc.blocks = book_blocks
        out: list = []
        write_pdf(make_book(extra=extend), tmp_path / "b.pdf", epoch=EPOCH, page_records=out,
                  layout="single")
        return out
    records = pages(blocks)
    assert find(records, folio_labels(records)).counts()["total"]["off-grid"] == 0
    without()
    assert len(pages(blocks)) == len(records)


def test_no_third_hyphen_across_inline_boxes(make_book, tmp_path, without):
    """Paragraphs cut into many inline boxes (italics, superscripts): a run of
    hyphens is counted across them, so the third is refused there too."""
    from kroppress.model import Emphasis, Superscript
    rng = random.Random(7)
    long_words = [w for w in VOCABULARY if len(w) > 9]
    blocks = []
    for _ in range(40):
        inlines = []
        for _ in range(rng.randint(40, 70)):
            word = rng.choice(long_words if rng.random() < 0.45 else VOCABULARY)
            roll = rng.random()
            if roll < 0.08:
                inlines.append(Emphasis([Text(word)]))
            elif roll < 0.12:
                inlines += [Text(word[:2]), Superscript([Text("th")])]
            else:
                inlines.append(Text(word))
            inlines.append(Text(" "))
        inlines.append(Text("end."))
        blocks.append(Paragraph(inlines))
    after = report(make_book, tmp_path, blocks)
    without()
    before = report(make_book, tmp_path, blocks)
    assert before["hyphen-run"] > 0, before        # long words: WeasyPrint makes ladders
    assert after["hyphen-run"] == 0, after

"""The fourteen real Muse files of The Anarchist Library in the shared
corpus (read where they are, never copied here): an editor's expectation of
each, written by reading the file, and word conservation on every one.
Three are the originals of seeds: the Muse reading and the export reading
of the seed agree."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kroppress.model import BlockQuote, Heading, Verse
from kroppress.plain import block_text
from kroppress.reader import read_file

from muse_helpers import assert_conserved
from shared_corpus import shared

ROOT = Path(__file__).resolve().parents[3]
CORPUS = shared("corpus", "anarchist-library")
SEEDS = ROOT / "seeds"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared corpus is not here ({CORPUS})")

K = "Pëtr Kropotkin"
# file: (title, headings as (level, count), verse stanza line counts, note labels 1..n, quotations)
EXPECT = {
    "Action_of_Masses": ("The Action of the Masses and the Individual", {}, [], 7, 0),
    "An_Appeal_To_The_Young": ("An Appeal to the Young", {3: 2}, [], 0, 4),
    "Anarchist_Morality": ("Anarchist Morality", {3: 10}, [], 0, 0),
    "Christmas_In_Prison": ("Christmas in Prison", {}, [], 0, 0),
    "Letter_Berkman": ("Kropotkin to Alexander Berkman, November 20, 1908", {}, [], 0, 0),
    "Letter_To_Lenin": ("Letter To Lenin (21 December 1920)", {}, [], 0, 1),
    "Modern_Science_and_Anarchism": ("Modern Science and Anarchism", {3: 10}, [], 10, 0),
    "Prisons_And_Their_Moral_Influence_On_Prisoners": ("Prisons and Their Moral Influence on Prisoners",
                                                       {3: 15}, [], 0, 0),
    "Revolutionary_Government": ("Revolutionary Government", {3: 3}, [], 0, 0),
    "The_Commune_Of_Paris": ("The Commune of Paris", {3: 3}, [], 0, 1),
    "The_Russian_Revolution_And_The_Soviet_Government_Letter_To_The_Workers_Of_Wester": (
        "The Russian Revolution and the Soviet Government: Letter to the Workers of Western Europe",
        {3: 1}, [], 0, 1),
    "The_Spirit_Of_Revolt": ("The Spirit of Revolt", {}, [], 0, 0),
    "What_Geography_Ought_To_Be": ("What Geography Ought to Be", {}, [[7, 7]], 4, 0),
    "Words_Of_A_Rebel_1": ("Words of a Rebel", {2: 21, 3: 28}, [], 77, 8),
}
# markup that must never reach the body or the notes as text
LEFTOVERS = ("#title", "#author", "#pubdate", "#source", "#lang", "#notes", "#SORT", "<quote>", "</quote>",
             "<verse>", "<em>", "</em>", "<strong>", "<sup>", "[[", "]]", "(translator)")


def _all_text(doc) -> str:
    return "\n".join([block_text(b) for b in doc.blocks] + [block_text(b) for n in doc.notes for b in n.blocks])


@pytest.mark.parametrize("stem", sorted(EXPECT))
def test_editors_expectation(stem):
    path = CORPUS / f"{stem}.muse"
    raw = path.read_text(encoding="utf-8")
    doc = read_file(path)
    title, headings, stanzas, notes, quotes = EXPECT[stem]
    assert doc.metadata.title == title
    assert doc.metadata.authors == [K]
    assert doc.metadata.language == "en"
    assert dict(Counter(b.level for b in doc.blocks if isinstance(b, Heading))) == headings
    assert [[len(s) for s in b.stanzas] for b in doc.blocks if isinstance(b, Verse)] == stanzas
    assert [n.label for n in doc.notes] == [str(k) for k in range(1, notes + 1)]
    assert sum(isinstance(b, BlockQuote) for b in doc.blocks) == quotes
    text = _all_text(doc)
    for leftover in LEFTOVERS:
        assert leftover not in text, leftover
    assert not doc.warnings
    assert_conserved(raw, doc)


def test_headings_by_name():
    doc = read_file(CORPUS / "Words_Of_A_Rebel_1.muse")
    heads = [(b.level, block_text(b)) for b in doc.blocks if isinstance(b, Heading)]
    assert heads[:3] == [(2, "Introduction by George Woodcock"),
                         (2, "Introduction to the First French Edition by Elisie Reclus"),
                         (2, "Chapter 1: The Situation Today")]
    assert (3, "1.") in heads


def test_archive_date_is_not_the_texts_date():
    doc = read_file(CORPUS / "The_Commune_Of_Paris.muse")
    assert doc.metadata.date == "1880"
    assert doc.metadata.archive_date.startswith("2009-02-26")


def test_source_and_notes_directives():
    doc = read_file(CORPUS / "Modern_Science_and_Anarchism.muse")
    m = doc.metadata
    assert m.source_url == "http://dwardmac.pitzer.edu/anarchist_archives/kropotkin/science/toc.html"
    assert m.source_site == "dwardmac.pitzer.edu"
    assert m.retrieved.startswith("Retrieved on July 2, 2012 from dwardmac.pitzer.edu")
    assert m.translator == "David A. Modell"
    assert "science" in m.subjects


def test_translators_notes_and_signature():
    doc = read_file(CORPUS / "Action_of_Masses.muse")
    assert {n.note_kind for n in doc.notes} == {"translator"}
    lenin = read_file(CORPUS / "Letter_To_Lenin.muse")
    assert (lenin.blocks[-1].kind, lenin.blocks[-1].style, block_text(lenin.blocks[-1])) == (
        "paragraph", "right", "P. Kropotkin")


# seed (a Markdown export) -> its Muse original
SEED_OF = {
    "000_bfb9fb97478a63a0.txt": "Action_of_Masses",
    "001_2899d77362680702.txt": "Letter_Berkman",
    "002_74b1c565100d97da.txt": "The_Russian_Revolution_And_The_Soviet_Government_Letter_To_The_Workers_Of_Wester",
}


@pytest.mark.parametrize("seed", sorted(SEED_OF))
def test_muse_and_its_export_agree(seed):
    from conservation import _block_words
    export = read_file(SEEDS / seed)
    muse = read_file(CORPUS / f"{SEED_OF[seed]}.muse")
    # the title agrees; the export reader splits "Title: Subtitle" as a title
    # page does, the Muse file has its own #subtitle directive (none here)
    assert muse.metadata.title.startswith(export.metadata.title)
    assert muse.metadata.authors == export.metadata.authors
    assert [(n.label, n.note_kind) for n in muse.notes] == [(n.label, n.note_kind) for n in export.notes]
    # the seed's heading is in sentence case ("What to do?"), the Muse file's in title case
    assert [block_text(b).lower() for b in muse.blocks if isinstance(b, Heading)] == \
        [block_text(b).lower() for b in export.blocks if isinstance(b, Heading)]
    # Block for block the same text, but for what each reading does apart:
    # - the export's place and date is a dateline in the body; the Muse file
    #   has it in #date (Berkman) or quotes it (<quote>, the Russian letter);
    # - the seed's page-foot notes cut a paragraph that the export reader
    #   could not rejoin ("Anarchists will be arrested …" starts a sentence);
    # - the export takes a closing source line ("La Révolte, 24th of May
    #   1890") into first_published; the Muse file prints it as a line;
    # - the seeds carry a few editorial spellings ("Nietzsche'ists" for
    #   "Nitzeche'ists", "re-establishment"), and "–" where Muse has "--".
    # Letter parts come from the same rules in both readings.
    from difflib import SequenceMatcher
    ka = [b.kind for b in export.blocks if b.kind != "dateline"]
    kb = [b.kind for b in muse.blocks if b.kind != "blockquote"]
    assert SequenceMatcher(None, ka, kb).ratio() >= 0.9, (ka, kb)
    parts = ("address", "salutation", "closing", "signature")
    assert [block_text(b) for b in muse.blocks if b.kind in parts] == \
        [block_text(b) for b in export.blocks if b.kind in parts]
    a, b = Counter(_block_words(export.blocks)), Counter(_block_words(muse.blocks))
    differ = sum(((a - b) + (b - a)).values())
    assert differ <= 16, ((a - b), (b - a))

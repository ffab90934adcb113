"""Real books as released, each with an editor's expectation; every word conserved."""
from pathlib import Path

import pytest
from gutenberg_helpers import CORPUS, assert_conserved, headings, texts

from kroppress.reader import read_file

FIXTURES = Path(__file__).parent / "fixtures"
LICENCE = ("Project Gutenberg", "Produced by", "LICENSE", "Transcriber", "START OF", "END OF THIS")


def read(path: Path):
    doc = read_file(path)
    assert_conserved(path.read_text(encoding="utf-8-sig"), doc)
    body = "\n".join(texts(doc))
    for word in LICENCE:
        assert word not in body, word
    return doc


def corpus(name: str) -> Path:
    hits = sorted(CORPUS.glob(name))
    if not hits:
        pytest.skip(f"no {name} in {CORPUS}")
    return hits[0]


def test_conquest_of_bread():
    doc = read(corpus("23428-*.txt"))
    m = doc.metadata
    assert (m.title, m.authors, m.date) == ("The Conquest of Bread", ["Peter Kropotkin"], "")
    h = headings(doc)
    chapters = [t for lv, t in h if lv == 2 and t.startswith("CHAPTER")]
    assert len(chapters) == 17 and chapters[0] == "CHAPTER I\nOUR RICHES"
    assert (2, "PREFACE") in h and (3, "I") in h
    assert not any("PRODUCING THE GREATEST" in t for _, t in h)     # a shout in the body
    assert [n.label for n in doc.notes] == [str(k) for k in range(1, 14)]
    assert not any("FOOTNOTE" in t for t in texts(doc))
    assert "CONTENTS" not in "\n".join(texts(doc))
    assert not doc.warnings


def test_place_of_anarchism():
    doc = read(corpus("31104-*.txt"))
    m = doc.metadata
    assert (m.title, m.subtitle, m.authors, m.translator) == (
        "The Place of Anarchism in Socialistic Evolution", "An Address Delivered in Paris",
        ["Pierre Kropotkin"], "Henry Glasse")
    assert headings(doc) == [(2, "PART I."), (2, "PART II."), (2, "PART III.")]
    assert texts(doc)[1].startswith("You must often have asked yourselves")
    assert texts(doc)[-1].endswith("Therefore, it will triumph.")


def test_lectures_with_notes_after_their_chapter():
    doc = read(FIXTURES / "macdowell-essays-16351-excerpt.txt")
    assert doc.metadata.title == "Critical & Historical Essays"
    assert doc.metadata.authors == ["Edward MacDowell"]
    assert headings(doc) == [(2, "PREFACE"), (2, "I\nTHE ORIGIN OF MUSIC"),
                             (2, "II\nORIGIN OF SONG vs. ORIGIN OF INSTRUMENTAL MUSIC")]
    assert [n.label for n in doc.notes] == ["01"]
    assert any("[^01]" in t for t in texts(doc))
    assert texts(doc)[0] == "PREFACE"                # the title page and contents are gone


def test_play():
    doc = read(FIXTURES / "pinero-paint-girl-21849-excerpt.txt")
    assert doc.metadata.title == "The 'Mind the Paint' Girl"
    assert doc.metadata.authors == ["Arthur Pinero"]
    h = [t for _, t in headings(doc)]
    assert "THE FIRST ACT" in h
    assert "ROPER." not in h and "ROPER." in texts(doc)       # a speaker, said again and again


def test_verse_in_a_prose_book():
    doc = read(FIXTURES / "walton-angler-9198-excerpt.txt")
    assert doc.metadata.title == "The Complete Angler, 1653"
    assert (2, "CHAP. II.") in headings(doc)
    verse = [b for b in doc.blocks if b.kind == "verse"]
    assert len(verse) >= 5
    assert not any(t.startswith("[Illustration") for t in texts(doc))


def test_essays_whose_notes_restart():
    doc = read(FIXTURES / "goldman-essays-2162-excerpt.txt")
    assert (doc.metadata.title, doc.metadata.authors) == ("Anarchism and Other Essays", ["Emma Goldman"])
    assert headings(doc) == [(2, "MINORITIES VERSUS MAJORITIES"), (2, "THE PSYCHOLOGY OF POLITICAL VIOLENCE")]
    assert [n.label for n in doc.notes] == ["1", "1-2", "2", "3", "4"]
    first = [t for t in texts(doc) if "[^1]" in t]
    second = [t for t in texts(doc) if "[^1-2]" in t]
    assert len(first) == 1 and len(second) == 1
    assert texts(doc).index(first[0]) < texts(doc).index("THE PSYCHOLOGY OF POLITICAL VIOLENCE") \
        < texts(doc).index(second[0])
    assert not doc.warnings


def test_headings_the_contents_names_in_mixed_case():
    doc = read(FIXTURES / "thoreau-walden-205-excerpt.txt")
    assert doc.metadata.title == "Walden, and On The Duty Of Civil Disobedience"
    assert doc.metadata.authors == ["Henry David Thoreau"]
    assert headings(doc) == [(2, "WALDEN"), (3, "Economy"), (3, "Where I Lived, and What I Lived For"),
                             (3, "Reading"), (2, "ON THE DUTY OF CIVIL DISOBEDIENCE")]
    verse = [texts(doc)[k] for k, b in enumerate(doc.blocks) if b.kind == "verse"]
    assert any(v.startswith("\"Not a drum was heard") for v in verse)
    assert "Contents" not in texts(doc)

"""Texts cut from a book: each holds exactly its section, and its own notes."""
import pytest
from gutenberg_helpers import CORPUS, book, texts

from kroppress.errors import ConfigError
from kroppress.plain import block_text
from kroppress.transforms.cut import Reading, cut, parse_cut

BODY = """ESSAY I

HISTORY


History is old.[1]

[1] The first essay's note.




ESSAY II

SELF-RELIANCE


I

Trust thyself, for every heart vibrates to that iron string.[1]

II

Accept the place the divine providence has found for you.

[1] The second essay's note.




ESSAY III

COMPENSATION


Ever since I was a boy.
"""


def spec(**table):
    return parse_cut(table, "anthology.toml:9: text 'x'")


def test_section_by_words_with_its_own_notes():
    doc = book(BODY)
    one = cut(doc, spec(section="self reliance"))
    assert one.metadata.title == "Self-Reliance" and one.metadata.authors == ["Jane Doe"]
    assert texts(one) == ["I", "Trust thyself, for every heart vibrates to that iron string.[^1-2]", "II",
                          "Accept the place the divine providence has found for you."]
    assert [(n.label, block_text(n.blocks[0])) for n in one.notes] == [("1-2", "The second essay's note.")]
    assert [b.level for b in one.blocks if b.kind == "heading"] == [2, 2]


def test_sections_from_to_and_lines():
    doc = book(BODY)
    two = cut(doc, spec(sections=["History", "Compensation"]))
    assert "History is old.[^1]" in texts(two) and "Ever since I was a boy." in texts(two)
    assert "I" not in texts(two)
    run = cut(doc, spec(**{"from": "Essay II", "to": "Essay III"}))
    assert texts(run)[0].startswith("ESSAY II") and texts(run)[-1] == "Ever since I was a boy."
    sec = next(s for s in doc.sections if "COMPENSATION" in s.title)
    by_lines = cut(doc, spec(lines=f"{sec.first}-{sec.last}"))
    assert texts(by_lines)[-1] == "Ever since I was a boy."


def test_unknown_section_names_the_closest():
    doc = book(BODY)
    with pytest.raises(ConfigError) as exc:
        cut(doc, spec(section="Self Reliant"))
    assert "\n" not in str(exc.value) and "SELF-RELIANCE" in str(exc.value)


def test_bad_keys():
    with pytest.raises(ConfigError):
        spec(section="A", lines="1-2")
    with pytest.raises(ConfigError):
        spec(lines="ten to twenty")
    assert spec() is None


def test_a_book_is_read_once():
    calls = []

    def read(path):
        calls.append(path)
        return book(BODY)
    reading = Reading(read)
    a = reading("b.txt", spec(section="History"))
    b = reading("b.txt", spec(section="Compensation"))
    assert len(calls) == 1 and a.metadata.title == "History" and b.metadata.title == "Compensation"


def test_cut_from_a_real_book():
    path = next(iter(sorted(CORPUS.glob("23428-*.txt"))), None)
    if path is None:
        pytest.skip("corpus not found")
    from kroppress.reader import read_file
    doc = read_file(path)
    one = cut(doc, spec(section="Our Riches"))
    assert one.metadata.title == "Our Riches"
    assert texts(one)[0] == "I" and not any(t.startswith("CHAPTER") for t in texts(one))
    assert [n.label for n in one.notes] == []
    food = cut(doc, spec(section="Food"))
    assert [n.label for n in food.notes] == ["3", "4"]

"""Which texts are Muse: the extension, or directives at the head."""
from kroppress.reader import read_text
from kroppress.reader.muse import is_muse

from muse_helpers import read


def test_extension_makes_muse():
    assert is_muse("Just prose, no directives.", "a.muse")


def test_directives_in_a_txt_make_muse():
    raw = "\ufeff\n\n#title The Commune\n#author Pëtr Kropotkin\n\nBody text."
    assert is_muse(raw, "download.txt")
    doc = read_text(raw, "download.txt")
    assert doc.metadata.title == "The Commune"
    assert "#title" not in " ".join(str(b) for b in doc.blocks)


def test_markdown_heading_is_not_muse():
    raw = "# Title\n\nA paragraph of Markdown.\n"
    assert not is_muse(raw, "a.md")
    assert read_text(raw, "a.md").metadata.title == "Title"


def test_hashtag_in_body_is_not_muse():
    raw = "A Title\n\nWe wrote #solidarity on the wall.\n\n#strike now, they said.\n"
    assert not is_muse(raw, "a.txt")


def test_hashtag_opening_line_is_not_muse():
    # one lowercase "#word text" line before prose is a hashtag, not a header
    raw = "#metoo was a movement of many voices.\n\nThe rest of the essay.\n"
    assert not is_muse(raw, "a.txt")


def test_two_lowercase_directives_are_muse():
    assert is_muse("#mytitle x\n#myauthor y\n\nBody", "a.txt")


def test_hash_in_muse_body_is_text():
    doc = read("We wrote #solidarity on the wall.\n\n#strike now, they said.\n")
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph"]
    assert "#strike now" in " ".join(t.text for b in doc.blocks for t in b.inlines)

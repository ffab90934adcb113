"""Words split across a line end: closed up or kept by the text's own usage."""
from gutenberg_helpers import book, texts

HEAD = "CHAPTER I\n\nTHE FIELDS\n\n\n"


def joined(doc):
    return [r.detail for r in doc.report if r.action == "word joined"]


def test_closed_word_used_elsewhere():
    doc = book(HEAD + "The whole of modern agri-\nculture rests on it, and agriculture is old.\n")
    assert texts(doc)[1].startswith("The whole of modern agriculture rests")
    assert joined(doc) == ["agri-|culture -> agriculture"]


def test_dictionary_allows_the_break():
    doc = book(HEAD + "The whole of modern agri-\nculture rests on the labour of the many.\n")
    assert "agriculture" in texts(doc)[1]


def test_hyphenated_form_kept():
    doc = book(HEAD + "He was a good-\ntempered man, as good-tempered men are.\n")
    assert "good-tempered man" in texts(doc)[1] and not joined(doc)


def test_prefix_and_name_kept():
    doc = book(HEAD + "The streams were all be-\nfountained, and the Anglo-\nSaxon field was wide.\n")
    assert "be-fountained" in texts(doc)[1] and "Anglo-Saxon" in texts(doc)[1]
    assert not joined(doc)

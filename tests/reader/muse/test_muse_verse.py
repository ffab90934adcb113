"""<verse> and "> " verse: stanzas by blank lines, indentation in steps."""
from kroppress.plain import inline_text

from muse_helpers import kinds, read


def test_verse_stanzas_and_indent():
    doc = read("<verse>\n     A line of Emacs verse;\n       forgive its being so terse.\n\n"
               "     In terms of terse verse,\n         you could do worse.\n</verse>\n")
    (v,) = doc.blocks
    assert [len(s) for s in v.stanzas] == [2, 2]
    assert [line.indent for s in v.stanzas for line in s] == [0, 1, 0, 2]
    assert inline_text(v.stanzas[0][1].inlines) == "forgive its being so terse."


def test_quoted_verse():
    doc = read("> A line of Emacs verse;\n>   forgive its being so terse.\n>\n> In terms of terse verse,\n")
    (v,) = doc.blocks
    assert v.kind == "verse" and [len(s) for s in v.stanzas] == [2, 1]
    assert v.stanzas[0][1].indent == 1


def test_greater_than_in_prose_is_not_verse():
    assert kinds(read("5 > 3 in this text.\n\n>not verse without a space\n")) == ["paragraph", "paragraph"]


def test_long_verse_is_never_dropped():
    lines = [f"Line number {k} of the poem" for k in range(16)]
    doc = read("<verse>\n" + "\n".join(lines) + "\n</verse>\n")
    assert sum(len(s) for s in doc.blocks[0].stanzas) == 16

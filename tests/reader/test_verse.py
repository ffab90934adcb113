"""verse: poems quoted or set apart, with or without hard breaks."""
from kroppress.reader import read_text

from helpers import P1, P2, essay, read, types

POEM = ["The barges came at early light,", "The horses leaning on the rope,",
        "And every lock-gate, swinging tight,", "Let through a little hope."]
POEM2 = ["They filled it in with rubble stone,", "They paved it for the cars,",
         "But on a summer night alone", "The water holds the stars."]


def _quoted(lines, hard=False):
    end = "  " if hard else ""
    return "\n".join(f"> {x}{end}" for x in lines[:-1]) + f"\n> {lines[-1]}"


def _verse(data):
    return [b["text"] for b in data["blocks"] if b["type"] == "verse"]


def test_a_quoted_poem_without_hard_breaks_keeps_its_lines_and_stanzas():
    data = read(essay(P1, _quoted(POEM) + "\n>\n" + _quoted(POEM2), P2))
    assert types(data) == ["paragraph", "verse", "paragraph"]
    assert _verse(data) == ["\n".join(POEM) + "\n\n" + "\n".join(POEM2)]


def test_hard_breaks_and_backslashes_alike():
    for raw in (_quoted(POEM, hard=True), "\n".join(f"> {x}\\" for x in POEM[:-1]) + f"\n> {POEM[-1]}"):
        assert _verse(read(essay(P1, raw, P2))) == ["\n".join(POEM)]


def test_lines_set_apart_by_indentation_outside_a_quote_and_turned_lines():
    raw = essay(P1, "\n".join("    " + x for x in POEM) + "\n\n" + "\n".join("    " + x for x in POEM2), P2)
    assert _verse(read(raw)) == ["\n".join(POEM) + "\n\n" + "\n".join(POEM2)]
    indented = "\n".join(("    " if k % 2 == 0 else "      ") + x for k, x in enumerate(POEM))
    doc = read_text(essay(P1, indented, P2), "x.txt")
    poem = next(b for b in doc.blocks if b.kind == "verse")
    assert [line.indent for line in poem.stanzas[0]] == [0, 1, 0, 1]


def test_a_poem_whose_every_line_is_a_quoted_paragraph_is_one_stanza():
    raw = essay(P1, "\n>\n".join(f"> {x}" for x in POEM), P2)
    assert _verse(read(raw)) == ["\n".join(POEM)]


def test_an_attribution_after_the_poem_stays_in_the_quotation():
    raw = essay(P1, _quoted(POEM) + "\n>\n> — Anonymous, 1890", P2)
    doc = read_text(raw, "x.txt")
    quote = doc.blocks[1]
    assert quote.kind == "blockquote" and [b.kind for b in quote.blocks] == ["verse", "paragraph"]


def test_a_prose_quotation_wrapped_by_the_export_stays_prose():
    wrapped = ("> The company offered the men a shilling more a week if they would give up the\n"
               "> union, and when they refused it brought in labourers from the next county and\n"
               "> housed them in the empty warehouse beside the basin.")
    data = read(essay(P1, wrapped, P2))
    assert types(data) == ["paragraph", "blockquote", "paragraph"]
    short = "> The worker is the slave of the company, and the company is the slave of\n> the bank."
    assert types(read(essay(P1, short, P2))) == ["paragraph", "blockquote", "paragraph"]


def test_a_letters_address_is_not_verse():
    raw = ("# A Letter\n\nRuth Amsel\n\n12 Canal Row\nStoke Lock\nStaffordshire\n\nDear Comrade,\n\n"
           f"{P1}\n\nYours fraternally,\n\nRuth Amsel\n")
    data = read(raw)
    assert "verse" not in types(data)
    assert types(data)[:2] == ["address", "salutation"]


def test_an_indented_prose_paragraph_is_not_verse():
    raw = essay(P1, "    " + P2, "  " + P1.replace("1794", "1795"))
    assert "verse" not in types(read(raw))

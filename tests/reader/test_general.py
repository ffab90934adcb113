"""The reader on texts written here, combining the artifacts in new ways.
None of these sentences is in a seed: the rules must be general."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kroppress.cli import app
from kroppress.errors import InputError
from kroppress.model import NoteRef
from kroppress.plain import block_text
from kroppress.reader import read_bytes, read_file, read_text

from conservation import assert_conserved, call_labels


def read(raw: str):
    doc = read_text(raw, "test.txt")
    assert_conserved(raw, doc)
    return doc


def texts(doc, kind=None):
    return [block_text(b) for b in doc.blocks if kind is None or b.kind == kind]


calls = call_labels


PAGE_NOTES_57 = """# On Granaries and Commons

Élisée Reclus

1881

The harvest of the 3<sup>rd</sup> year was gathered by the whole village,<sup>57</sup> and the
granary stood open to every household that

---

<sup>57</sup> The village is not named in the manuscript. (trans.)

<sup>58</sup> A measure of grain used in the valley. [Editor's note]

<sup>59</sup> Compare the chapter on the commons.

needed bread, as the custom of the 2<sup>nd</sup><sup>58</sup> century of the commune required.

Nobody kept accounts.<sup>59</sup> The elders said so.
"""


def test_notes_from_57_with_three_in_one_page_block_and_ordinal_before_call():
    doc = read(PAGE_NOTES_57)
    assert doc.metadata.title == "On Granaries and Commons"
    assert doc.metadata.authors == ["Élisée Reclus"]
    assert doc.metadata.date == "1881"
    assert [n.label for n in doc.notes] == ["57", "58", "59"]
    assert [n.note_kind for n in doc.notes] == ["translator", "editor", "author"]
    assert calls(doc) == ["57", "58", "59"]
    body = texts(doc, "paragraph")
    assert len(body) == 2
    assert "every household that needed bread, as the custom of the 2nd[^58] century" in body[0]
    assert "3rd year" in body[0]
    assert not doc.warnings


def test_windows_line_endings_and_bom_give_the_same_document():
    crlf = ("\ufeff" + PAGE_NOTES_57).replace("\n", "\r\n").encode("utf-8")
    a = read_bytes(crlf, "crlf.txt")
    b = read_text(PAGE_NOTES_57, "lf.txt")
    assert texts(a) == texts(b)
    assert [block_text(n.blocks[0]) for n in a.notes] == [block_text(n.blocks[0]) for n in b.notes]


BRACKET_NOTES = """## Louise Michel

Memoirs of the Barricades: A Fragment

The guns were hauled up the hill at dawn.[1] Women brought soup and bread; the soldiers
ate it and would not fire.[2]

Later the crowd sang, and the song carried across the square.[3]

[1] See the account in the Journal officiel,

vol. 2, p. 14.

[2] Witnesses disagree on the hour.
[3] The song is lost; only its refrain survives in a letter of 1872,
quoted by several historians.

Retrieved on 3 March 2020 from https://example.org/michel/barricades

Copyleft: take it and spread it.
"""


def test_bracket_notes_with_wrapped_definitions_and_other_colophon_wording():
    doc = read(BRACKET_NOTES)
    m = doc.metadata
    assert m.authors == ["Louise Michel"]
    assert (m.title, m.subtitle) == ("Memoirs of the Barricades", "A Fragment")
    assert [n.label for n in doc.notes] == ["1", "2", "3"]
    assert calls(doc) == ["1", "2", "3"]
    notes = [block_text(n.blocks[0]) for n in doc.notes]
    assert notes[0] == "See the account in the Journal officiel, vol. 2, p. 14."
    assert notes[1] == "Witnesses disagree on the hour."
    assert notes[2].endswith("quoted by several historians.")
    assert m.source_url == "https://example.org/michel/barricades"
    assert "Copyleft" in m.rights
    assert not any("Retrieved" in t or "Copyleft" in t for t in texts(doc))
    assert len(texts(doc)) == 2


LETTER = """# To the Jura Federation

Mikhail Bakunin

Locarno, 12 April 1873

My dear friends,

you will forgive the delay in my answer; the post from Geneva takes a week.

I enclose the pamphlet we spoke of.

With fraternal greetings,

M. Bakunin
"""


def test_letter_with_other_wording():
    doc = read(LETTER)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["dateline", "salutation", "paragraph", "paragraph", "closing", "signature"]
    assert texts(doc, "salutation") == ["My dear friends,"]
    assert texts(doc, "signature") == ["M. Bakunin"]
    assert "1873" in doc.metadata.date


WEB = """Why Cooperatives Last

A short piece of body text that ends here.

Another paragraph of argument, with a quotation: *mutual aid is a factor of evolution*.

Jane Roe is a historian of labour who lives in Lyon. She can be reached by letter.

Donate to Our Magazine

We depend on readers like you.

Subscribe

Related Articles

Some other article about something else entirely.
"""


def test_website_tail_and_biography():
    doc = read(WEB)
    assert doc.metadata.title == "Why Cooperatives Last"
    assert doc.metadata.authors == ["Jane Roe"]
    assert "historian of labour" in block_text(doc.metadata.biography[0])
    assert len(texts(doc)) == 2
    assert not any("Donate" in t or "other article" in t for t in texts(doc))
    assert any(r.action == "boilerplate dropped" for r in doc.report)


def test_page_break_split_without_notes_and_scene_breaks():
    raw = ("# A Note on Bread\n\nThe baker rose before the town and lit the\n\n"
           "ovens with wood from the common forest.\n\n\\* \\* \\*\n\n"
           "## The Second Morning\n\nHe did it again.\n\n> The oven is ours, said the village.\n")
    doc = read(raw)
    assert texts(doc)[0] == "The baker rose before the town and lit the ovens with wood from the common forest."
    assert [b.kind for b in doc.blocks] == ["paragraph", "scene_break", "heading", "paragraph", "blockquote"]


def test_problems_are_warned():
    raw = ("# Title Here\n\nFirst claim.<sup>1</sup> Second claim.<sup>2</sup>\n\n---\n\n"
           "<sup>1</sup> One.\n\n<sup>1</sup> One again.\n\n<sup>3</sup> Three.\n\nMore text follows.\n")
    doc = read(raw)
    joined = "\n".join(map(str, doc.warnings))
    assert "note call 2 has no note" in joined
    assert "used twice" in joined
    assert "note 3 is not referenced" in joined


def test_notes_restarting_per_page_attach_to_their_own_page():
    raw = ("# Pages\n\nAlpha claim.<sup>1</sup>\n\n---\n\n<sup>1</sup> First page note.\n\n"
           "Beta claim.<sup>1</sup>\n\n---\n\n<sup>1</sup> Second page note.\n")
    doc = read(raw)
    assert [block_text(n.blocks[0]) for n in doc.notes] == ["First page note.", "Second page note."]
    labels = calls(doc)
    assert labels[0] == doc.notes[0].label and labels[1] == doc.notes[1].label != labels[0]


def test_raw_html_is_dropped_never_kept():
    raw = ("# Safe\n\nText <script>alert('x')</script> with <iframe src=\"http://x\"></iframe> "
           "a [bad link](javascript:alert(1)) and <img src=\"file:///etc/passwd\"> here.\n\n"
           "<div onload=\"evil()\">block html</div>\n\nEnd.\n")
    doc = read(raw)
    body = json.dumps([block_text(b) for b in doc.blocks])
    assert "alert" not in body and "passwd" not in body and "evil" not in body
    link = [n for n in doc.blocks[0].inlines if n.kind == "link"][0]
    assert link.href == ""
    assert any(r.action == "raw HTML dropped" for r in doc.report)


def test_undecodable_bytes_name_the_offset(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(b"# Title\n\nCaf\xe9 society.\n")
    with pytest.raises(InputError, match=r"bad.txt: byte 12: not valid UTF-8"):
        read_file(p)
    result = CliRunner().invoke(app, ["inspect", str(p)])
    assert result.exit_code == 2
    assert "byte 12" in result.output and "Traceback" not in result.output


def test_empty_and_boilerplate_only_files_are_clear_errors():
    with pytest.raises(InputError, match="empty"):
        read_text("  \n\n", "e.txt")
    with pytest.raises(InputError, match="no body text"):
        read_text("# Title\n\nThe Anarchist Library  \nAnti-Copyright\n", "b.txt")


def test_reader_ignores_the_file_name(tmp_path):
    a = tmp_path / "000_bfb9fb97478a63a0.txt"
    b = tmp_path / "zzz.md"
    a.write_text(LETTER, encoding="utf-8")
    b.write_text(LETTER, encoding="utf-8")
    assert texts(read_file(a)) == texts(read_file(b))


def test_note_running_onto_the_next_page_foot_and_notes_heading():
    raw = ("# Running Notes\n\nFirst claim.<sup>1</sup> The argument goes on and on\n\n---\n\n"
           "<sup>1</sup> A long note that does not end on this\n\n"
           "continues the argument without a break.\n\n---\n\n"
           "page but on the next one.\n\n<sup>2</sup> Second note.\n\n"
           "Last claim.<sup>2</sup> More.<sup>3</sup>\n\n## Notes\n\n<sup>3</sup> End note.\n")
    doc = read(raw)
    assert texts(doc) == ["First claim.[^1] The argument goes on and on continues the argument "
                          "without a break.", "Last claim.[^2] More.[^3]"]
    assert not doc.warnings
    notes = [block_text(n.blocks[0]) for n in doc.notes]
    assert notes[0] == "A long note that does not end on this page but on the next one."
    assert notes[1] == "Second note."


def test_header_variants_subtitle_heading_translator_and_date_range():
    raw = ("# The Conquest of Bread\n\n## A Chapter\n\nPeter Kropotkin\n\nTranslated by A. N. Other\n\n"
           "1892–1906\n\nThe text begins here.\n")
    doc = read(raw)
    m = doc.metadata
    assert (m.title, m.subtitle, m.authors, m.translator, m.date) == (
        "The Conquest of Bread", "A Chapter", ["Peter Kropotkin"], "A. N. Other", "1892–1906")
    assert texts(doc) == ["The text begins here."]

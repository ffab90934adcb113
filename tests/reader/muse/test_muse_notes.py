"""Footnotes [n], secondary notes {n}, calls, and numbers that are not calls."""
from kroppress.model import NoteRef, Text

from muse_helpers import read, texts


def test_footnote_with_continuation_paragraph():
    doc = read("Text with a call [1] here.\n\n[1] This footnote\n    spans more lines\n\n"
               "    and a second paragraph.\n\n [2] Not a note: initial space.\n")
    (note,) = doc.notes
    assert note.label == "1" and len(note.blocks) == 2
    assert texts(doc)[0] == "Text with a call [^1] here."


def test_call_with_no_definition_stays_text():
    doc = read("In 1871 [1] no note defines it; nor {2}.\n")
    assert doc.blocks[0].inlines == [Text("In 1871 [1] no note defines it; nor {2}.")]
    assert doc.notes == []


def test_secondary_notes():
    doc = read("A regular [4] and a secondary {1}.\n\n[4] Regular, with a secondary {2}\n\n"
               "{1} Secondary one\n\n{2} Secondary two\n")
    assert [(n.label, n.note_kind) for n in doc.notes] == [
        ("4", "author"), ("1-secondary", "editor"), ("2-secondary", "editor")]
    calls = [n.label for n in doc.blocks[0].inlines if isinstance(n, NoteRef)]
    assert calls == ["4", "1-secondary"]
    assert isinstance(doc.notes[0].blocks[0].inlines[-1], NoteRef)


def test_translator_marker():
    doc = read("Call[1].\n\n[1] Moravia is in Czechia. (translator)\n")
    assert doc.notes[0].note_kind == "translator"
    assert texts(doc)[0] == "Call[^1]."


def test_consecutive_definitions_without_blank_lines():
    doc = read("A[1] b[2].\n\n[1] one\n[2] two\n")
    assert [n.label for n in doc.notes] == ["1", "2"]


def test_bracket_number_mid_line_is_a_call_not_a_definition():
    doc = read("See page [1] for this.\n\n[1] The note.\n")
    assert len(doc.notes) == 1 and texts(doc) == ["See page [^1] for this."]


def test_bracket_number_at_a_line_start_defines_a_note():
    # as Muse has it: "[1] " at the start of a line is a definition, even mid-paragraph
    doc = read("Call[1] and see\n[1] the note.\n")
    assert texts(doc) == ["Call[^1] and see"] and len(doc.notes) == 1

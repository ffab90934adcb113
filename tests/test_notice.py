"""Warnings are values (file, line, message, source), formatted only when
shown; the source text the check and the review number their lines by is the
reader's own decoding."""
from __future__ import annotations

import codecs

import pytest

from kroppress.notice import Notice
from kroppress.reader import read_bytes
from kroppress.reader.decode import decode, source_text


def test_a_notice_is_formatted_only_when_shown():
    n = Notice("seeds/a.txt", 3, "note call 2 has no note")
    assert str(n) == "seeds/a.txt:3: note call 2 has no note"
    assert str(Notice("a.txt", None, "file is UTF-16")) == "a.txt: file is UTF-16"
    t = Notice("/abs/seeds/a.txt", None, "note [^x] is never called", "transform", "essay")
    assert str(t.filed("seeds/a.txt")) == "seeds/a.txt: text 'essay': note [^x] is never called"
    assert t.filed("seeds/a.txt").source == "transform" and t.file == "/abs/seeds/a.txt"


@pytest.mark.parametrize("data", [
    b"one\rtwo\rthree\n",                                  # lone CR line ends (old Mac)
    b"one\r\ntwo\r\nthree\r\n",
    codecs.BOM_UTF8 + b"one\ntwo\n",
    "one\r\ntwo\rthree\n".encode("utf-16"),                # UTF-16 with its BOM, mixed ends
    b"one\x0btwo\x0c\nthree\n",                            # controls removed, lines kept
])
def test_source_text_is_the_readers_text(data):
    assert source_text(data) == decode(data, "x")[0]


def test_source_text_shows_what_the_reader_refuses():
    # the reader stops at a bad byte; the check still numbers the lines around it
    assert source_text(b"one\n\xfftwo\rthree") == "one\n\ufffdtwo\nthree"


def test_reader_warnings_carry_their_line_in_the_numbering_of_source_text():
    data = "# A Title\r\rSome text with a call[1].\r\r[2] A note never called.\r".encode("utf-16")
    doc = read_bytes(data, "t.txt")
    lines = source_text(data).split("\n")
    by_line = {w.line: w for w in doc.warnings if w.line}
    assert sorted(by_line) == [3, 5], [str(w) for w in doc.warnings]
    assert "[1] looks like a note call" in by_line[3].message and "call[1]" in lines[3 - 1]
    assert "note 2 is not referenced" in by_line[5].message and lines[5 - 1].startswith("[2]")
    assert all(w.file == "t.txt" and w.source == "reader" for w in doc.warnings)


def test_a_declared_single_byte_encoding_is_read_with_a_warning():
    # Project Gutenberg's older releases: "Character set encoding: ISO-8859-1"
    data = ("Title: Ljóð\nCharacter set encoding: ISO-8859-1\n\n# Ljóð\n\nÞá kvað hún.\n").encode("latin-1")
    doc = read_bytes(data, "old.txt")
    assert any("iso-8859-1, as its header declares" in str(w) for w in doc.warnings)
    assert "Þá kvað hún." in source_text(data)
    assert source_text(data) == decode(data, "x")[0]


def test_an_undeclared_single_byte_file_is_still_refused():
    from kroppress.errors import InputError
    data = "# Ljóð\n\nÞá kvað hún.\n".encode("latin-1")
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_bytes(data, "old.txt")
    # a declaration in the body, far into a long text, is not the file's header
    late = b"x\n" * 5000 + b"Character set encoding: ISO-8859-1\n" + "é".encode("latin-1")
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_bytes(late, "late.txt")

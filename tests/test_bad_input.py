"""Bad input: a precise one-line message and exit status 2, or a warning when
the book can still be made correctly. Never a traceback."""
from __future__ import annotations

import codecs

import pytest
from typer.testing import CliRunner

from kroppress.cli import app
from kroppress.plain import block_text
from kroppress.reader import read_bytes, read_text

from conservation import assert_conserved


def inspect(tmp_path, data: bytes, name="t.txt"):
    p = tmp_path / name
    p.write_bytes(data)
    return CliRunner().invoke(app, ["inspect", str(p)]), p


@pytest.mark.parametrize("data,expect", [
    (b"", "the file is empty"),
    (b"\n \n\t\n", "the file is empty"),
    (b"# Title\n\nThe Anarchist Library  \nAnti-Copyright\n\n**example.org**\n", "no body text"),
    (b"# Ok\n\nGood text \xff\xfe here.\n", "byte 16: not valid UTF-8"),
])
def test_errors_exit_2_with_one_line(tmp_path, data, expect):
    result, p = inspect(tmp_path, data)
    assert result.exit_code == 2
    assert expect in result.output and str(p.name) in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_file_is_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["inspect", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2 and "not found" in result.output


def test_utf16_with_bom_is_read_with_a_warning():
    raw = "# Title\n\nA sentence in UTF-16.\n"
    doc = read_bytes(codecs.BOM_UTF16_LE + raw.encode("utf-16-le"), "u16.txt")
    assert [block_text(b) for b in doc.blocks] == ["A sentence in UTF-16."]
    assert any("UTF-16" in w for w in map(str, doc.warnings))


def test_nul_and_control_characters_are_removed_with_a_warning():
    doc = read_bytes(b"# Title\n\nA sen\x00tence\x07 with\x1b controls.\n", "c.txt")
    assert [block_text(b) for b in doc.blocks] == ["A sentence with controls."]
    assert any("c.txt:3: 3 control character(s) removed" in w for w in map(str, doc.warnings))


def test_twenty_megabyte_text_reads():
    """Every paragraph of a 20 MB text comes out (`make bench` times it)."""
    para = "The granary stood open to every household in the valley, and nobody kept accounts. " * 8
    count = 20_000_000 // len(para)
    raw = "# Big Text\n\nAnn Author\n\n" + "\n\n".join([para.strip()] * count)
    doc = read_text(raw, "big.txt")
    assert len(doc.blocks) == count
    assert {block_text(b) for b in doc.blocks} == {para.strip()}


def test_duplicate_number_missing_note_and_unreferenced_block_are_warnings():
    raw = ("# Notes\n\nOne claim.<sup>1</sup> Two.<sup>4</sup>\n\n---\n\n<sup>1</sup> First.\n\n"
           "<sup>1</sup> First again.\n\nMore body.\n\n---\n\n<sup>8</sup> Orphan.\n\n<sup>9</sup> Orphan too.\n")
    doc = read_text(raw, "n.txt")
    assert_conserved(raw, doc)
    w = "\n".join(map(str, doc.warnings))
    assert "n.txt:3: note call 4 has no note" in w
    assert "n.txt:9: note number 1 used twice (lines 7 and 9)" in w
    assert "note 8 is not referenced" in w and "note 9 is not referenced" in w
    assert [block_text(b) for b in doc.blocks] == ["One claim.[^1] Two.[^4]", "More body."]


def test_raw_html_never_survives():
    raw = ("# Html\n\n<script>document.cookie</script>\n\nText <iframe src=x></iframe> and "
           "<span onload=\"steal()\">kept words</span> and [link](javascript:alert(1)).\n\n"
           "<p onclick=\"x()\">block</p>\n\nEnd.\n")
    doc = read_text(raw, "h.txt")
    assert_conserved(raw, doc)
    text = " ".join(block_text(b) for b in doc.blocks)
    assert "cookie" not in text and "steal" not in text and "alert" not in text and "onclick" not in text
    assert "kept words" in text and "link" in text


def test_ten_thousand_levels_of_nesting():
    for raw in ("# Deep\n\n" + ">" * 10_000 + " deep words.\n\nAfter.\n",
                "# Deep\n\n" + "*" * 10_000 + "x" + "*" * 10_000 + ".\n",
                "# Deep\n\n" + "<sup>" * 5000 + "y" + "</sup>" * 5000 + ".\n",
                "# Deep\n\n" + "[" * 10_000 + "z" + "]" * 10_000 + ".\n"):
        doc = read_text(raw, "deep.txt")
        assert doc.blocks
        assert_conserved(raw, doc)

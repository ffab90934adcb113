"""Messages are printed as they are: Rich reads "[n]" or "[bold]" in a message
as markup and swallows it (or makes the rest bold) unless the CLI escapes
it. Each kind of message is tried with both: CLI errors, warnings, check
findings, build output, and what `inspect` shows."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kroppress.cli import app

CONFIG = """
[book]
title = "A Test Book"
editors = ["An Editor"]
publisher = "Test Press"
language = "en"
identifier = "urn:uuid:12345678-1234-4234-8234-123456789abc"
date = "2026-01-01"

[[parts]]
title = "Texts"

[[parts.texts]]
id = "one"
source = "texts/{name}"
"""

#: a call without its note (a reader warning naming the file) and an `[n]`
#: marker that stays text (a check finding quoting it)
TEXT = ("# A Text\n\nAnn Author\n\nA claim.<sup>1</sup> A second claim.<sup>2</sup>\n\n"
        "See note [7] here.\n\n---\n\n<sup>1</sup> The note.\n")
NAME = "[bold]one.txt"


def project(tmp_path: Path, name: str = NAME) -> Path:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / NAME).write_text(TEXT, encoding="utf-8")
    (tmp_path / "texts" / "[n].md").write_text("Nobody names me.\n", encoding="utf-8")
    cfg = tmp_path / "anthology.toml"
    cfg.write_text(CONFIG.format(name=name), encoding="utf-8")
    return cfg


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_check_findings_keep_their_brackets(tmp_path):
    cfg = project(tmp_path)
    result = invoke("check", "--config", cfg)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "texts/[bold]one.txt:5: warning: note call 2 has no note" in out
    assert "an [n] marker that did not become a note: '[7]'" in out
    assert "add the [n] definition" in out
    assert "texts/[n].md:0: warning: file is not used by the config" in out


def test_cli_error_keeps_its_brackets(tmp_path):
    cfg = project(tmp_path, name="[bold]missing [n].txt")
    result = invoke("build", "--config", cfg, "--format", "epub", "--out", tmp_path / "dist")
    assert result.exit_code == 2
    assert "[bold]missing [n].txt" in result.output, result.output


def test_build_warnings_and_output_keep_their_brackets(tmp_path):
    cfg = project(tmp_path)
    out = tmp_path / "dist [bold] [n]"
    result = invoke("build", "--config", cfg, "--format", "epub", "--out", out)
    assert result.exit_code == 0, result.output
    assert f"[bold]one.txt:5: note call 2 has no note" in result.output, result.output
    assert str(out / "a-test-book.epub") in result.output


def test_inspect_keeps_brackets_in_its_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)          # a short name: the table's title wraps to its width
    (tmp_path / NAME).write_text(TEXT, encoding="utf-8")
    result = invoke("inspect", NAME)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(NAME + " ")              # the table's title
    assert f"warning: {NAME}:5: note call 2 has no note" in result.output

"""`kroppress check` finds what an editor must fix, with file:line and a hint."""
from __future__ import annotations

import json
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
source = "texts/one.txt"
{corrections}
"""

TEXT = """# A Text With Problems

Ann Author

A claim with a call.<sup>1</sup> Another with a missing note.<sup>2</sup>

A paragraph that stops in the middle of a

Sentence that starts again with a capital and has a URL http://example.org/x in it.

See note [7] here.

---

<sup>1</sup> The first note.

<sup>3</sup> A note nobody calls.
"""


def project(tmp_path: Path, corrections: str = "", text: str = TEXT) -> Path:
    (tmp_path / "texts").mkdir(parents=True)
    (tmp_path / "texts" / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "texts" / "stray.txt").write_text("# Stray\n\nNot in the book.\n", encoding="utf-8")
    cfg = tmp_path / "anthology.toml"
    cfg.write_text(CONFIG.format(corrections=corrections), encoding="utf-8")
    return cfg


def run(cfg: Path, *extra):
    return CliRunner().invoke(app, ["check", "--config", str(cfg), *extra])


def test_findings_name_file_line_and_fix(tmp_path):
    cfg = project(tmp_path)
    result = run(cfg, "--json")
    assert result.exit_code == 0, result.output      # only warnings
    findings = json.loads(result.output)
    by_msg = {f["message"]: f for f in findings}
    text = "\n".join(f"{f['file']}:{f['line']}: {f['message']}" for f in findings)
    assert "texts/one.txt:5: note call 2 has no note" in text
    assert "note 3 is not referenced" in text
    assert any("URL in the body" in m for m in by_msg)
    assert any("[n] marker" in m and by_msg[m]["line"] == 11 for m in by_msg)
    assert any("ends without punctuation" in m and by_msg[m]["line"] == 7 for m in by_msg)
    assert any(f["file"].endswith("stray.txt") and "not used" in f["message"] for f in findings)
    assert all(f["hint"] for f in findings if f["severity"] == "warning" and "note" not in f["message"])


def test_stale_correction_is_an_error_with_exit_1(tmp_path):
    cfg = project(tmp_path, corrections='[[parts.texts.corrections]]\nfind = "no such words"\n'
                                        'replace = "x"\nreason = "test"\n')
    result = run(cfg)
    assert result.exit_code == 1
    line = [l for l in result.output.splitlines() if "no such words" in l][0]
    assert line.startswith(str(cfg) + ":") and "error" in line and "occurs 0 times" in line


def test_config_error_is_reported_not_raised(tmp_path):
    cfg = project(tmp_path)
    cfg.write_text(cfg.read_text() + "\n[bogus]\nx = 1\n")
    result = run(cfg)
    assert result.exit_code == 1
    assert "bogus" in result.output and "Traceback" not in result.output


def test_clean_text_has_no_findings(tmp_path):
    cfg = project(tmp_path, text="# Clean\n\nAnn Author\n\nA “proper” sentence.\n\nAnother one.\n")
    (tmp_path / "texts" / "stray.txt").unlink()
    result = run(cfg, "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_shipped_anthology_has_no_errors():
    root = Path(__file__).resolve().parent.parent
    result = run(root / "anthology.toml", "--json")
    assert result.exit_code == 0, result.output
    assert not [f for f in json.loads(result.output) if f["severity"] == "error"]


def test_files_named_anywhere_in_the_config_are_used(tmp_path):
    """An edition's introduction or a text's biography is used even when the
    default book does not show it; a file nothing names is reported."""
    cfg = project(tmp_path, text="# Clean\n\nAnn Author\n\nA \u201cproper\u201d sentence.\n")
    (tmp_path / "texts" / "stray.txt").unlink()
    (tmp_path / "texts" / "bio.md").write_text("Ann Author wrote things.\n", encoding="utf-8")
    (tmp_path / "texts" / "edition-intro.md").write_text("An introduction.\n", encoding="utf-8")
    (tmp_path / "texts" / "forgotten.md").write_text("Nobody names me.\n", encoding="utf-8")
    cfg.write_text(cfg.read_text() + """
[parts.texts.metadata]
biography = "texts/bio.md"

[editions.short]
texts = ["one"]

[editions.short.book]
introduction = "texts/edition-intro.md"
""", encoding="utf-8")
    result = run(cfg, "--json")
    assert result.exit_code == 0, result.output
    unused = sorted(f["file"] for f in json.loads(result.output) if "not used" in f["message"])
    assert unused == ["texts/forgotten.md"]


def test_an_unmatched_bracket_call_is_reported_once(tmp_path):
    text = ("# A Text\n\nAnn Author\n\nA claim.[1] Another claim.[4]\n\n"
            "[1] The only note.\n")
    cfg = project(tmp_path, text=text)
    findings = json.loads(run(cfg, "--json").output)
    about_4 = [f for f in findings if "[4] looks like" in f["message"] or "[n] marker" in f["message"]]
    assert len(about_4) == 1 and about_4[0]["line"] == 5, about_4


def test_files_outside_the_config_folder_are_not_reported(tmp_path):
    """A project in a subfolder of a folder with other texts: only the
    project's own tree is looked at."""
    (tmp_path / "someone-elses.txt").write_text("# Other\n\nNot ours.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Not ours either.\n", encoding="utf-8")
    cfg = project(tmp_path / "project")
    findings = json.loads(run(cfg, "--json").output)
    unused = sorted(f["file"] for f in findings if "not used" in f["message"])
    assert unused == ["texts/stray.txt"]
    # a text next to the config: the project's root folder is looked at, not its parent
    cfg.write_text(cfg.read_text().replace('"texts/one.txt"', '"one.txt"'), encoding="utf-8")
    (tmp_path / "project" / "texts" / "one.txt").rename(tmp_path / "project" / "one.txt")
    (tmp_path / "project" / "forgotten.md").write_text("Nobody names me.\n", encoding="utf-8")
    findings = json.loads(run(cfg, "--json").output)
    assert sorted(f["file"] for f in findings if "not used" in f["message"]) == ["forgotten.md"]


def test_a_link_loop_in_the_texts_folder_is_reported(tmp_path):
    """l1.txt -> l2.txt -> l1.txt beside the texts: a warning each, no traceback;
    a link to a real file beside them is simply a file not used (the false positive)."""
    cfg = project(tmp_path)
    texts = tmp_path / "texts"
    (texts / "l1.txt").symlink_to("l2.txt")
    (texts / "l2.txt").symlink_to("l1.txt")
    (texts / "fine.txt").symlink_to("stray.txt")
    for extra in ((), ("--json",)):
        result = run(cfg, *extra)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code == 0, result.output
    findings = json.loads(run(cfg, "--json").output)
    loops = sorted(f["file"] for f in findings if "leads back to itself" in f["message"])
    assert loops == ["texts/l1.txt", "texts/l2.txt"]
    assert any(f["file"] == "texts/fine.txt" and "not used" in f["message"] for f in findings)
    assert "leads back to itself" in run(cfg).output

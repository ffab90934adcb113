"""Names too long for the file system, and names no option knows, of any
length: one line naming the place and the fix, exit 2, no traceback; a name
a message quotes is cut to 80 characters and "…"."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kroppress.cli import app

LONG = "a" * 5000
TEXT = "# A Short Essay\n\nBy Ann Author\n\nA paragraph about mutual aid, which ends.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["init", "seeds"])
    assert result.exit_code == 0, result.output
    return tmp_path


def one_line_error(args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert len(lines[0]) < 400, lines[0][:400]
    return lines[0]


def test_an_output_folder_named_too_long(project):
    line = one_line_error(["build", "--format", "epub", "--out", str(project / LONG)])
    assert "File name too long" in line and "--out" in line and line.count("a") < 200
    assert not list(project.glob("a" * 10 + "*"))
    # the false positive: a long name the file system takes is a folder like any
    ok = CliRunner().invoke(app, ["build", "--format", "epub", "--out", str(project / ("b" * 200))])
    assert ok.exit_code == 0, ok.output


@pytest.mark.parametrize("length", [5000, 250])   # 250: the name fits, its temp file's does not
def test_a_config_named_too_long(project, length):
    line = one_line_error(["init", "seeds", "--config", str(project / ("c" * length + ".toml"))])
    assert "too long" in line
    assert sorted(p.name for p in project.iterdir()) == ["anthology.toml", "seeds"]


@pytest.mark.parametrize("option", ["--page-source", "--profile", "--edition", "--only",
                                    "--exclude", "--format"])
def test_a_long_unknown_name_is_cut(project, option):
    name = "x" * 10_000
    line = one_line_error(["build", "--out", str(project / "dist"), option, name])
    assert "x" * 80 + "…" in line and "x" * 81 not in line
    # the false positive: a short unknown name is quoted whole
    short = one_line_error(["build", "--out", str(project / "dist"), option, "nope"])
    assert "'nope'" in short and "…" not in short


def test_a_long_jobs_or_bleed_value_is_cut(project):
    value = "9" * 3000 + "x"
    line = one_line_error(["build", "--out", str(project / "dist"), "--jobs", value])
    assert "9" * 80 + "…" in line and "9" * 81 not in line
    assert "'2x'" in one_line_error(["build", "--out", str(project / "dist"), "--jobs", "2x"])
    pdf = project / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    result = CliRunner().invoke(app, ["check", "--press", str(pdf), "--bleed", value])
    assert result.exit_code == 2 and "9" * 80 + "…" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "9" * 81 not in result.output
    short = CliRunner().invoke(app, ["check", "--press", str(pdf), "--bleed", "3qq"])
    assert short.exit_code == 2 and "'3qq'" in short.output      # a short one is quoted whole

"""`kroppress --help` and every command's help read as Typer's own examples do:
flags bare, options with their value's name, no stray type labels."""
from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from kroppress.cli import app

runner = CliRunner()
COMMANDS = ["build", "check", "init", "inspect", "serve"]


def _help(*args: str) -> str:
    done = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert done.exit_code == 0, done.output
    return done.output


def test_the_main_help_names_every_command_and_no_type_of_a_flag():
    text = _help()
    for name in COMMANDS:
        assert re.search(rf"^\W*{name}\s", text, re.M), name
    assert "--version" in text and "Print the version and exit." in text
    assert "<bool>" not in text


@pytest.mark.parametrize("command", COMMANDS)
def test_a_commands_flags_carry_no_type_label(command):
    text = _help(command)
    assert "--help" in text
    assert "<bool>" not in text
    flag_lines = [line for line in text.splitlines() if re.search(r"--(force|json|strict)\b", line)]
    for line in flag_lines:
        # a flag takes no value: nothing in angle brackets or capitals after its name
        assert not re.search(r"--(force|json|strict)\s+(<\w+>|[A-Z]{3,})", line), line


def test_an_option_that_takes_a_value_still_names_it():
    """The false positive: `--out` takes a folder and its help must say so."""
    text = _help("build")
    line = next(line for line in text.splitlines() if "--out" in line)
    assert re.search(r"--out\s+\S", line)
    assert re.search(r"--out\s+(PATH|DIRECTORY|OUT|TEXT|[A-Z]+|<\w+>)", line), line


def test_jobs_reads_as_a_number_of_processes():
    line = next(line for line in _help("build").splitlines() if "--jobs" in line)
    assert "<str>" not in line and re.search(r"--jobs\s+-j\s+N\b", line), line

"""The one table of print keys (`kroppress.config.print.PRINT_KEYS`): the
defaults, the settings model, the profile and the README's table are all
made from it, a new key is one row, and a length is parsed once."""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kroppress
from kroppress.config import (PRINT_DEFAULTS, PRINT_KEYS, Length, PrintProfile, PrintSettings,
                              builtin_profile, default_profile, load_config)
from kroppress.config import print as print_keys

from test_config import BASE, make_project

ROOT = Path(__file__).resolve().parents[1]


def test_readme_key_table_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert print_keys.README_MARKERS[0] in readme and print_keys.README_MARKERS[1] in readme
    assert print_keys.with_key_table(readme) == readme, (
        "README.md's print key table differs from PRINT_KEYS; run "
        "python -c 'from kroppress.config import print as p; p.update_readme()'")


def test_the_table_makes_the_model_the_defaults_and_the_profile():
    names = [key.name for key in PRINT_KEYS]
    assert list(PrintSettings.model_fields) == names
    fields = [f.name for f in dataclasses.fields(PrintProfile)]
    assert fields == ["name", *[n for k in PRINT_KEYS for n in (k.fields or (k.name,))]]
    assert list(PRINT_DEFAULTS) == fields[1:]
    assert PrintProfile() == default_profile()       # the dataclass's defaults are PRINT_DEFAULTS
    for key in PRINT_KEYS:                           # every row's help reaches the README
        assert f"| `{key.name}` |" in print_keys.key_table() and key.help


def test_default_and_booklet_profiles_are_the_configs_resolution(tmp_path):
    text = BASE.split("[print]")[0]                  # a file without [print]
    config = load_config(make_project(tmp_path, text))
    assert config.default_profile == default_profile()
    assert config.profiles["booklet"] == builtin_profile("booklet")
    from kroppress.writers.pdf import booklet, geometry
    assert geometry.default_profile() == config.default_profile
    assert booklet.booklet_default_profile() == config.profiles["booklet"]


@pytest.mark.parametrize("text, pt", [("5.5in", 396.0), ("3mm", 3 * 72 / 25.4), ("0", 0.0),
                                      ("12pt", 12.0), ("1pc", 12.0), ("96px", 72.0)])
def test_length_keeps_its_text_and_knows_its_points(text, pt):
    length = Length.parse(text)
    assert str(length) == f"{length}" == text
    assert length.pt == pytest.approx(pt)
    with pytest.raises(ValueError):
        Length.parse(text.upper() if text != "0" else "0 in")


def test_scaled_lengths_are_what_their_css_says():
    assert Length.points(12.3456) == Length.parse("12.35pt")
    assert Length.points(12.3456).pt == 12.35


def test_profile_lengths_are_parsed_once_in_the_config(tmp_path):
    text = BASE.replace('trim = "A5"', 'trim = "6IN 9in"')
    profile = load_config(make_project(tmp_path, text)).print_profile(None)
    assert isinstance(profile.width, Length) and str(profile.width) == "6in"
    assert profile.width.pt == 432.0 and isinstance(profile.paper.caliper, Length)


NEW_ROW = '''    PrintKey("gutter_rule", Length, "0", "a rule down the gutter of every spread, this thick",
             length),
'''


def test_a_new_key_is_one_row(tmp_path):
    """A copy of the package with one row added: the key is checked, inherited,
    resolved onto the profile and listed in the README's table."""
    copy = tmp_path / "src" / "kroppress"
    shutil.copytree(Path(kroppress.__file__).parent, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    module = copy / "config" / "print.py"
    source = module.read_text(encoding="utf-8")
    end = source.index("\n)\n", source.index("PRINT_KEYS: tuple")) + 1     # the table's last line
    module.write_text(source[:end] + NEW_ROW + source[end:], encoding="utf-8")
    good = make_project(tmp_path / "good", BASE.replace("[print]", "[print]\ngutter_rule = \"0.5PT\"", 1))
    bad = make_project(tmp_path / "bad", BASE.replace("[print]", "[print]\ngutter_rule = 3", 1))
    script = f"""
from kroppress.config import load_config, key_table
from kroppress.errors import ConfigError
c = load_config({str(good)!r})
for p in (c.default_profile, c.profiles["press"], c.profiles["big"]):
    print(p.gutter_rule, p.gutter_rule.pt)
print('| `gutter_rule` | `"0"` | a rule down the gutter of every spread, this thick |' in key_table())
try:
    load_config({str(bad)!r})
except ConfigError as exc:
    print(str(exc).split("anthology.toml:", 1)[1])
"""
    env = {**os.environ, "PYTHONPATH": str(copy.parent)}
    run = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = run.stdout.splitlines()
    assert out[:3] == ["0.5pt 0.5"] * 3             # checked, inherited by every profile
    assert out[3] == "True"
    assert out[4] == ("59: key 'print.gutter_rule': expected a length string, got the integer 3; "
                      'write it with a unit in quotes, e.g. "0.125in" or "3mm"')

"""anthology.toml: loading, typed values, one-line errors with exact lines,
paths kept inside the project, selection rules, and CLI exit status 2."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroppress.cli import app
from kroppress.config import (PrintProfile, check_project_path, isbn13_ok, load_config)
from kroppress.errors import ConfigError

BASE = """\
# a test anthology
[book]
title = "Masses and Individuals"
subtitle = "Essays"
editors = ["A. Editor", "B. Editor"]
publisher = "Test Press"
language = "en-GB"
identifier = "978-0-306-40615-7"
date = 2024-05-01
edition = "First"
description = "A book."
subjects = ["Anarchism"]
licence = "CC BY-SA 4.0"
introduction = "editorial/intro.md"

[[parts]]
title = "Part One"
introduction = "editorial/part1.md"

[[parts.texts]]
id = "alpha"
source = "seeds/a.txt"
headnote = "editorial/alpha.md"

[parts.texts.metadata]
title = "Alpha Title"
authors = ["Ann Author"]
date = 1890-05-01
source_url = "https://example.org/alpha"

[[parts.texts.corrections]]
find = "teh"
replace = "the"
reason = "misprint"

[[parts.texts.corrections]]
find = "recieve"
replace = "receive"
reason = "misspelling"
count = 2

[[parts.texts]]
id = "beta"
source = "seeds/b.txt"
include = false

[[parts]]
title = "Part Two"

[[parts.texts]]
id = "gamma"
source = "seeds/c.txt"

[[parts.texts]]
id = "delta"
source = "seeds/d.txt"

[print]
trim = "A5"
margins = "0.7in 0.6in 0.8in 0.9in"
notes = "footnotes"

[print.profiles.press]
crop_marks = true
bleed = "3mm"
round_pages_to = 4

[print.profiles.big]
trim = "6in 9in"
pdf_variant = "pdf/a-3b"

[editions.short]
texts = ["delta", "alpha"]

[editions.short.book]
title = "Short Masses"
"""


def make_project(root: Path, text: str = BASE) -> Path:
    for name in ("seeds/a.txt", "seeds/b.txt", "seeds/c.txt", "seeds/d.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"# {name}\n\nSome text.\n", encoding="utf-8")
    for name in ("intro.md", "part1.md", "alpha.md"):
        (root / "editorial").mkdir(exist_ok=True)
        (root / "editorial" / name).write_text("Editorial *text*.\n", encoding="utf-8")
    cfg = root / "anthology.toml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    assert len(hits) > nth, f"{needle!r} not in config"
    return hits[nth]


def load_error(tmp_path: Path, text: str) -> str:
    cfg = make_project(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    msg = str(info.value)
    assert "\n" not in msg, "errors must be one line"
    return msg


# ------------------------------------------------------------------ valid config

def test_valid_config_loads_typed_values(tmp_path):
    cfg = make_project(tmp_path)
    config = load_config(cfg)
    book = config.book
    assert book.title == "Masses and Individuals"
    assert book.editors == ["A. Editor", "B. Editor"]
    assert book.language == "en-GB"
    assert book.identifier == "urn:isbn:9780306406157"     # normalised
    assert book.date == "2024-05-01"                      # TOML date -> ISO string
    assert book.introduction == (tmp_path / "editorial/intro.md").resolve()
    assert [p.title for p in config.parts] == ["Part One", "Part Two"]
    alpha, beta = config.parts[0].texts
    assert alpha.source == (tmp_path / "seeds/a.txt").resolve()
    assert alpha.headnote == (tmp_path / "editorial/alpha.md").resolve()
    assert alpha.include is True and beta.include is False
    assert alpha.metadata.title == "Alpha Title"
    assert alpha.metadata.date == "1890-05-01"
    assert alpha.metadata.authors == ["Ann Author"]
    assert alpha.metadata.model_fields_set == {"title", "authors", "date", "source_url"}
    assert [(c.find, c.count) for c in alpha.corrections] == [("teh", 1), ("recieve", 2)]
    assert config.editions["short"].texts == ["delta", "alpha"]
    assert config.book_meta("short").title == "Short Masses"
    assert config.book_meta("short").subtitle == "Essays"      # not overridden
    assert config.book_meta().title == "Masses and Individuals"


def test_print_profiles_resolve_layers(tmp_path):
    config = load_config(make_project(tmp_path))
    default = config.print_profile(None)
    assert isinstance(default, PrintProfile)
    assert (str(default.width), str(default.height)) == ("148mm", "210mm")     # A5
    # CSS shorthand order: top outer bottom inner
    assert tuple(map(str, (default.margin_top, default.margin_outer, default.margin_bottom,
                           default.margin_inner))) == ("0.7in", "0.6in", "0.8in", "0.9in")
    assert default.margin_inner.pt == pytest.approx(0.9 * 72)      # parsed once, in the config
    assert default.notes == "footnotes"
    assert default.crop_marks is False and str(default.bleed) == "0"
    assert default.round_pages_to == 1 and default.pdf_variant is None

    press = config.print_profile("press")          # file's own press wins
    assert press.crop_marks and str(press.bleed) == "3mm" and press.round_pages_to == 4
    assert str(press.width) == "148mm" and press.notes == "footnotes"   # inherited from [print]

    big = config.print_profile("big")
    assert (str(big.width), str(big.height), big.pdf_variant) == ("6in", "9in", "pdf/a-3b")
    assert str(big.margin_inner) == "0.9in" and big.crop_marks is False

    proof = config.print_profile("proof")          # built in: file has none
    assert proof.crop_marks is False and str(proof.bleed) == "0"
    assert str(proof.width) == "148mm"


def test_builtin_press_and_proof_when_file_has_no_profiles(tmp_path):
    text = BASE.split("[print]")[0] + "[editions.short]\ntexts = [\"alpha\"]\n"
    config = load_config(make_project(tmp_path, text))
    press, proof = config.print_profile("press"), config.print_profile("proof")
    assert press.crop_marks and press.round_pages_to == 4 and str(press.bleed) == "0.125in"
    assert not proof.crop_marks and str(proof.bleed) == "0"
    assert (str(press.width), str(press.height)) == ("5.5in", "8.5in")    # built-in default trim


@pytest.mark.parametrize("margins, expected", [
    ('"1in"', ("1in", "1in", "1in", "1in")),
    ('"1in 2cm"', ("1in", "2cm", "1in", "2cm")),
    ('"1in 2cm 3mm"', ("1in", "2cm", "3mm", "2cm")),
    ('{ top = "1in", inner = "20mm" }', ("1in", "0.625in", "0.875in", "20mm")),
])
def test_margin_forms(tmp_path, margins, expected):
    text = BASE.replace('margins = "0.7in 0.6in 0.8in 0.9in"', f"margins = {margins}")
    p = load_config(make_project(tmp_path, text)).print_profile(None)
    sides = (p.margin_top, p.margin_outer, p.margin_bottom, p.margin_inner)
    assert tuple(map(str, sides)) == expected


@pytest.mark.parametrize("trim, size", [("letter", ("8.5in", "11in")), ("6x9", ("6in", "9in")),
                                        ("a4", ("210mm", "297mm")), ("5in 8in", ("5in", "8in"))])
def test_trim_names(tmp_path, trim, size):
    text = BASE.replace('trim = "A5"', f'trim = "{trim}"')
    p = load_config(make_project(tmp_path, text)).print_profile(None)
    assert (str(p.width), str(p.height)) == size


def test_identifier_forms(tmp_path):
    text = BASE.replace('"978-0-306-40615-7"', '"urn:uuid:5F3E6C2A-0B7D-4E8F-9A1B-2C3D4E5F6A7B"')
    assert load_config(make_project(tmp_path, text)).book.identifier == \
        "urn:uuid:5f3e6c2a-0b7d-4e8f-9a1b-2c3d4e5f6a7b"
    assert isbn13_ok("9780306406157") and not isbn13_ok("9780306406158")


# ------------------------------------------------------------------ errors: file, line, key

ERROR_CASES = [
    # (name, old, new, needle for expected line, key in message, words in message)
    ("unknown key", 'source = "seeds/b.txt"', 'sourc = "seeds/b.txt"', "sourc =",
     "parts[0].texts[1].sourc", ["unknown key", "did you mean 'source'"]),
    ("unknown book key", 'subtitle = "Essays"', 'subtitel = "Essays"', "subtitel",
     "book.subtitel", ["unknown key", "did you mean 'subtitle'"]),
    ("unknown table", "[print]", "[prnt]", "[prnt]", "prnt", ["unknown key"]),
    ("unknown metadata key", 'authors = ["Ann Author"]', 'author = ["Ann Author"]', "author =",
     "parts[0].texts[0].metadata.author", ["did you mean 'authors'"]),
    ("wrong type bool", "include = false", 'include = "no"', "include =",
     "parts[0].texts[1].include", ["expected true or false", "'no'"]),
    ("wrong type int", "count = 2", 'count = "2"', "count =",
     "parts[0].texts[0].corrections[1].count", ["expected a whole number"]),
    ("wrong type list", 'editors = ["A. Editor", "B. Editor"]', 'editors = "A. Editor"',
     "editors =", "book.editors", ["expected a list"]),
    ("count below one", "count = 2", "count = 0", "count =",
     "parts[0].texts[0].corrections[1].count", ["at least 1"]),
    ("missing required key", 'id = "gamma"\n', "", ("[[parts.texts]]", 2),
     "parts[1].texts[0].id", ["required key is missing", "add id ="]),
    ("missing file", "seeds/c.txt", "seeds/nope.txt", "seeds/nope.txt",
     "parts[1].texts[0].source", ["does not exist", "nope.txt"]),
    ("missing headnote", "editorial/alpha.md", "editorial/nope.md", "editorial/nope.md",
     "parts[0].texts[0].headnote", ["does not exist"]),
    ("duplicate id", 'id = "delta"', 'id = "alpha"', ('id = "alpha"', 1),
     "parts[1].texts[1].id", ["duplicate text id 'alpha'", "line 21"]),
    ("bad slug", 'id = "gamma"', 'id = "Gamma Text"', 'id = "Gamma Text"',
     "parts[1].texts[0].id", ["not a slug", "'gamma-text'"]),
    ("isbn check digit", "978-0-306-40615-7", "978-0-306-40615-8", "identifier =",
     "book.identifier", ["check digit", "expected 7"]),
    ("bad identifier", '"978-0-306-40615-7"', '"doi:10.1000/182"', "identifier =",
     "book.identifier", ["neither urn:uuid"]),
    ("bad date", "date = 2024-05-01", 'date = "2024-02-30"', 'date = "2024-02-30"',
     "book.date", ["not a real date"]),
    ("bad language", 'language = "en-GB"', 'language = "English!"', "language =",
     "book.language", ["not a language tag"]),
    ("bad url", "https://example.org/alpha", "example.org", "source_url",
     "parts[0].texts[0].metadata.source_url", ["not an http(s) URL"]),
    ("edition unknown id", '["delta", "alpha"]', '["delta", "alpah"]', '["delta", "alpah"]',
     "editions.short.texts[1]", ["no text has id 'alpah'", "did you mean 'alpha'"]),
    ("edition duplicate", '["delta", "alpha"]', '["delta", "delta"]', '["delta", "delta"]',
     "editions.short.texts[1]", ["listed twice"]),
    ("edition book key", 'title = "Short Masses"', 'titl = "Short Masses"', "titl =",
     "editions.short.book.titl", ["unknown key"]),
    ("bad trim", 'trim = "A5"', 'trim = "A9"', 'trim = "A9"', "print.trim",
     ["not a trim size", "a5"]),
    ("bad length", 'bleed = "3mm"', 'bleed = "3"', 'bleed = "3"', "print.profiles.press.bleed",
     ["not a length"]),
    ("bad notes", 'notes = "footnotes"', 'notes = "sidenotes"', "notes =", "print.notes",
     ["'sidenotes' is not allowed", "endnotes"]),
    ("bad variant", '"pdf/a-3b"', '"pdf/a-9"', "pdf_variant", "print.profiles.big.pdf_variant",
     ["unknown PDF variant"]),
    ("bad profile name", "[print.profiles.big]", "[print.profiles.Big]", "[print.profiles.Big]",
     "print.profiles.Big", ["not usable in a file name"]),
    ("path traversal", "seeds/d.txt", "../../etc/passwd", "../../etc/passwd",
     "parts[1].texts[1].source", ["outside the project"]),
    ("absolute path", "seeds/d.txt", "/etc/passwd", '"/etc/passwd"',
     "parts[1].texts[1].source", ["absolute path", "relative"]),
    ("intro traversal", "editorial/intro.md", "../intro.md", "../intro.md",
     "book.introduction", ["outside the project"]),
]


@pytest.mark.parametrize("name, old, new, needle, key, words", ERROR_CASES,
                         ids=[c[0] for c in ERROR_CASES])
def test_config_errors_name_file_line_and_key(tmp_path, name, old, new, needle, key, words):
    assert old in BASE
    text = BASE.replace(old, new, 1)
    msg = load_error(tmp_path, text)
    cfg = tmp_path / "anthology.toml"
    expected_line = line_of(text, *needle) if isinstance(needle, tuple) else line_of(text, needle)
    assert msg.startswith(f"{cfg}:{expected_line}: key '{key}': "), msg
    for word in words:
        assert word in msg, msg
    assert "; " in msg.split(f"key '{key}': ", 1)[1], "message must say how to fix"


def test_exact_line_numbers_are_right(tmp_path):
    # pin a few lines by hand, so the locator is not only checked against itself
    msg = load_error(tmp_path, BASE.replace('source = "seeds/b.txt"', 'sourc = "seeds/b.txt"'))
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:44: key 'parts[0].texts[1].sourc'")
    msg = load_error(tmp_path, BASE.replace("count = 2", 'count = "2"'))
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:40: ")
    msg = load_error(tmp_path, BASE.replace('id = "delta"', 'id = "alpha"'))
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:55: ")
    assert "(first used on line 21)" in msg
    msg = load_error(tmp_path, BASE.replace('bleed = "3mm"', "bleed = 3"))
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:65: key 'print.profiles.press.bleed'")


def test_missing_book_table(tmp_path):
    msg = load_error(tmp_path, BASE.replace("[book]", "[bookk]"))
    # the unknown [bookk] is reported at its header line, not line 1
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:2: key 'bookk': unknown key")


def test_toml_syntax_error_has_line(tmp_path):
    text = BASE.replace('title = "Part Two"', 'title = "Part Two')
    msg = load_error(tmp_path, text)
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:{line_of(text, 'Part Two')}: "
                          "TOML syntax error")
    assert "; " in msg


def test_toml_duplicate_key_is_syntax_error(tmp_path):
    text = BASE.replace('subtitle = "Essays"', 'subtitle = "Essays"\nsubtitle = "Again"')
    msg = load_error(tmp_path, text)
    # the line of the second key, and what is wrong there
    assert msg == (f"{tmp_path / 'anthology.toml'}:{line_of(text, 'Again')}: TOML syntax error at column 19: "
                   "Cannot overwrite a value; fix the syntax on that line")


def test_more_problems_are_counted(tmp_path):
    text = BASE.replace("include = false", 'include = "no"').replace("count = 2", "count = 0")
    msg = load_error(tmp_path, text)
    assert msg.endswith("(and 1 more problem)")
    assert f":{line_of(text, 'count = 0')}:" in msg      # the first one in file order


def test_config_file_not_found(tmp_path):
    with pytest.raises(ConfigError, match="config file not found.*kroppress init"):
        load_config(tmp_path / "missing.toml")


def test_config_not_utf8(tmp_path):
    cfg = make_project(tmp_path)
    cfg.write_bytes(BASE.encode() + b'\n# caf\xe9\n')
    with pytest.raises(ConfigError, match=r"anthology.toml:\d+: the config is not valid UTF-8"):
        load_config(cfg)


# ------------------------------------------------------------------ paths outside the project

def test_symlink_pointing_outside_is_rejected(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    project = tmp_path / "project"
    project.mkdir()
    make_project(project)
    (project / "seeds" / "evil.txt").symlink_to(outside / "secret.txt")
    text = BASE.replace("seeds/d.txt", "seeds/evil.txt")
    msg = load_error(project, text)
    assert msg.startswith(f"{project / 'anthology.toml'}:{line_of(text, 'evil.txt')}: "
                          "key 'parts[1].texts[1].source'")
    assert "symlink" in msg and "outside the project" in msg


def test_symlinked_folder_pointing_outside_is_rejected(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.txt").write_text("x")
    project = tmp_path / "project"
    project.mkdir()
    make_project(project)
    (project / "linked").symlink_to(outside, target_is_directory=True)
    msg = load_error(project, BASE.replace("seeds/d.txt", "linked/x.txt"))
    assert "symlink linked" in msg and "outside the project" in msg


def test_symlink_inside_the_project_is_fine(tmp_path):
    make_project(tmp_path)
    (tmp_path / "seeds" / "alias.txt").symlink_to(tmp_path / "seeds" / "d.txt")
    text = BASE.replace("seeds/d.txt", "seeds/alias.txt")
    (tmp_path / "anthology.toml").write_text(text)
    config = load_config(tmp_path / "anthology.toml")
    assert config.parts[1].texts[1].source == (tmp_path / "seeds/d.txt").resolve()


def test_check_project_path_directly(tmp_path):
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub").mkdir()
    assert check_project_path("a.txt", tmp_path) == (tmp_path / "a.txt").resolve()
    assert check_project_path("sub/../a.txt", tmp_path) == (tmp_path / "a.txt").resolve()
    for bad, why in [("../a.txt", "outside"), ("/etc/passwd", "absolute"), ("sub", "not a file"),
                     ("", "empty"), ("nope.txt", "does not exist")]:
        with pytest.raises(ValueError, match=why):
            check_project_path(bad, tmp_path)


# ------------------------------------------------------------------ selection

def test_selection_default_skips_excluded_texts(tmp_path):
    config = load_config(make_project(tmp_path))
    sel = config.select()
    assert sel.ids == ["alpha", "gamma", "delta"]          # beta has include = false
    assert [p.title for p, _ in sel.parts] == ["Part One", "Part Two"]


def test_selection_edition_sets_order_and_groups_parts(tmp_path):
    config = load_config(make_project(tmp_path))
    sel = config.select("short")
    assert sel.ids == ["delta", "alpha"]
    # parts come in the order their first text appears in the edition
    assert [p.title for p, _ in sel.parts] == ["Part Two", "Part One"]


def test_selection_only_and_exclude(tmp_path):
    config = load_config(make_project(tmp_path))
    assert config.select(only=["delta", "alpha"]).ids == ["alpha", "delta"]   # book order
    sel = config.select(exclude=["alpha"])
    assert sel.ids == ["gamma", "delta"]
    assert [p.title for p, _ in sel.parts] == ["Part Two"]     # Part One left empty: gone
    assert config.select("short", exclude=["delta"]).ids == ["alpha"]
    assert config.select("short", only=["alpha"]).ids == ["alpha"]


@pytest.mark.parametrize("kwargs, needle, words", [
    ({"only": ["omega"]}, "[[parts]]", ["--only 'omega'", "no text has this id"]),
    ({"only": ["alpah"]}, "[[parts]]", ["did you mean 'alpha'"]),
    ({"exclude": ["omega"]}, "[[parts]]", ["--exclude 'omega'"]),
    ({"only": ["beta"]}, "include = false", ["--only 'beta': it has include = false"]),
    ({"edition": "short", "only": ["gamma"]}, '["delta", "alpha"]',
     ["not in edition 'short'"]),
    ({"edition": "long"}, "[editions.short]", ["--edition 'long'", "no such edition", "short"]),
    ({"exclude": ["alpha", "gamma", "delta"]}, "[[parts]]", ["nothing to build"]),
])
def test_selection_errors(tmp_path, kwargs, needle, words):
    config = load_config(make_project(tmp_path))
    with pytest.raises(ConfigError) as info:
        config.select(**kwargs)
    msg = str(info.value)
    # points at the line where the valid choices are defined
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:{line_of(BASE, needle)}: "), msg
    assert "\n" not in msg
    for word in words:
        assert word in msg, msg


def test_unknown_profile(tmp_path):
    config = load_config(make_project(tmp_path))
    line = line_of(BASE, "[print.profiles.press]")
    with pytest.raises(ConfigError, match=rf"anthology.toml:{line}: --profile 'nope': no such "
                                          r"print profile; use one of: big, booklet, press, proof"):
        config.print_profile("nope")


# ------------------------------------------------------------------ through the CLI

CLI_CASES = [
    ("unknown key", BASE.replace('source = "seeds/b.txt"', 'sourc = "seeds/b.txt"'), [], "sourc ="),
    ("wrong type", BASE.replace("include = false", "include = 1"), [], "include = 1"),
    ("missing file", BASE.replace("seeds/c.txt", "seeds/zzz.txt"), [], "zzz.txt"),
    ("duplicate id", BASE.replace('id = "delta"', 'id = "gamma"'), [], ('id = "gamma"', 1)),
    ("traversal", BASE.replace("seeds/c.txt", "../../etc/passwd"), [], "passwd"),
    ("syntax", BASE.replace("[print]", "[print"), [], "[print"),
    ("unknown edition", BASE, ["--edition", "nope"], "[editions.short]"),
    ("unknown profile", BASE, ["--profile", "nope"], "[print.profiles.press]"),
    ("unknown only", BASE, ["--only", "nope"], "[[parts]]"),
    ("unknown exclude", BASE, ["--exclude", "nope"], "[[parts]]"),
]


@pytest.mark.parametrize("name, text, args, needle", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_config_errors_exit_2_and_write_nothing(tmp_path, name, text, args, needle):
    cfg = make_project(tmp_path, text)
    out = tmp_path / "dist"
    result = CliRunner().invoke(app, ["build", "--config", str(cfg), "--out", str(out),
                                      "--format", "epub", *args])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    line = line_of(text, *needle) if isinstance(needle, tuple) else line_of(text, needle)
    assert lines[0].startswith(f"error: {cfg}:{line}: "), lines[0]
    if args:
        assert lines[0].startswith(f"error: {cfg}:{line}: {args[0]} '{args[1]}'"), lines[0]
    assert not out.exists()


def test_cli_missing_config_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["build", "--config", str(tmp_path / "nope.toml"),
                                      "--out", str(tmp_path / "dist")])
    assert result.exit_code == 2
    assert "config file not found" in result.output
    assert not (tmp_path / "dist").exists()


def test_shipped_config_is_valid():
    root = Path(__file__).resolve().parent.parent
    config = load_config(root / "anthology.toml")
    assert config.select().ids
    for name in config.editions:
        assert config.select(name).ids
    assert {"press", "proof"} <= set(config.profiles)


def test_locator_skips_multiline_strings_and_arrays(tmp_path):
    text = BASE.replace('description = "A book."', 'description = """\nA book.\n[[parts]]\n'
                        'title = "not a table"\n"""').replace(
        'subjects = ["Anarchism"]', 'subjects = [\n  "Anarchism",\n  "id = x",\n]').replace(
        'title = "Alpha Title"', 'title = "Alpha Title"\nauthor.name = "dotted"')
    msg = load_error(tmp_path, text)
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:{line_of(text, 'author.name')}: "
                          "key 'parts[0].texts[0].metadata.author': unknown key")


def test_locator_dotted_key_in_parent_table(tmp_path):
    text = BASE.replace('headnote = "editorial/alpha.md"',
                        'headnote = "editorial/alpha.md"\nmetadata.titel = "x"')
    text = text.replace('[parts.texts.metadata]\ntitle = "Alpha Title"\n', '')
    text = text.replace('authors = ["Ann Author"]\ndate = 1890-05-01\n'
                        'source_url = "https://example.org/alpha"\n', '')
    msg = load_error(tmp_path, text)
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:{line_of(text, 'metadata.titel')}: "
                          "key 'parts[0].texts[0].metadata.titel': unknown key; did you mean 'title'")


def test_single_bracket_array_table_explained(tmp_path):
    text = BASE.replace("[[parts.texts.corrections]]", "[parts.texts.corrections]", 1)
    text = text.replace("[[parts.texts.corrections]]", "[parts.texts.corrections2]", 1)
    text = text.replace("[parts.texts.corrections2]", "# gone")
    text = text.replace('find = "recieve"\nreplace = "receive"\nreason = "misspelling"\n'
                        'count = 2\n', "")
    msg = load_error(tmp_path, text)
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:"
                          f"{line_of(text, '[parts.texts.corrections]')}: "
                          "key 'parts[0].texts[0].corrections': expected a list of tables")
    assert "[[parts.texts.corrections]]" in msg


def test_builtin_screen_profile_is_tagged_without_bleed():
    from kroppress.config import load_config
    cfg = load_config(Path(__file__).resolve().parent.parent / "anthology.toml")
    screen = cfg.print_profile("screen")
    assert screen.pdf_variant == "pdf/ua-1" and not screen.crop_marks
    assert str(screen.bleed) in ("0", "0in")

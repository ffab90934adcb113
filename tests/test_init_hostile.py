"""`kroppress init` on folders of hostile names and titles: titles like the
book's own sections, control characters and bytes that are not UTF-8 in file
names. It never writes a config it cannot read back, and the config builds."""
from __future__ import annotations

import os

from typer.testing import CliRunner

from kroppress.book.init import write_starter
from kroppress.cli import app
from kroppress.config import load_config

#: titles of this field that begin or end like the book's own ids
TITLES = ["Introduction", "Notes on Anarchism", "Sources of Revolution",
          "Cover Letter to the Workers", "Authors and Readers", "Imprint of Power",
          "Landmarks of Revolt", "Toc", "Colophon", "Letter on a Title", "Notes",
          "KP Lane"]

BODY = ("The first paragraph of this text is long enough to be a paragraph of prose, "
        "and it says what the text is about.\n\nA second paragraph follows it.\n")


def _write(folder, name, title: str) -> None:
    path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else name.encode())
    with open(path, "wb") as f:
        f.write(f"{title}\n\n{BODY}".encode())


def test_init_and_build_on_titles_like_the_books_sections(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i, title in enumerate(TITLES):
        _write(seeds, f"t{i:02d}.txt", title)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["init", "seeds"])
    assert result.exit_code == 0, result.output
    ids = [t.id for t in load_config(tmp_path / "anthology.toml").texts()]
    assert ids[:3] == ["introduction", "notes-on-anarchism", "sources-of-revolution"]
    assert "notes" in ids and "letter-on-a-title" in ids and "toc" in ids
    assert "text-kp-lane" in ids                  # "kp-…" is the book's own
    result = runner.invoke(app, ["build", "--format", "epub"])
    assert result.exit_code == 0, result.output


def test_init_escapes_a_control_character_and_skips_a_name_not_utf8(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    _write(seeds, "del\x7fname.txt", "A Text with DEL")
    _write(seeds, b"bad\xffname.txt", "A Text Not UTF-8")
    _write(seeds, "plain.txt", "A Plain Text")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["init", "seeds"])
    assert result.exit_code == 0, result.output
    assert "bad\\xffname.txt: skipped: its name is not valid UTF-8" in result.output
    assert "Traceback" not in result.output
    raw = (tmp_path / "anthology.toml").read_text(encoding="utf-8")
    assert 'source = "seeds/del\\u007fname.txt"' in raw
    sources = sorted(t.source.name for t in load_config(tmp_path / "anthology.toml").texts())
    assert sources == ["del\x7fname.txt", "plain.txt"]
    result = runner.invoke(app, ["build", "--format", "epub"])
    assert result.exit_code == 0, result.output


def test_init_names_only_what_it_skipped(tmp_path):
    """The false positive: ordinary names are listed and no warning is given."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    _write(seeds, "ça-va.txt", "Ça va")
    said = []
    cfg = write_starter(seeds, tmp_path / "anthology.toml", warn=said.append)
    assert said == [] and [t.source.name for t in load_config(cfg).texts()] == ["ça-va.txt"]

"""The output formats' registry: a format is one module in writers/formats/.

A toy format is added here as one new module (written to a temp folder that
joins the `kroppress.writers.formats` package), and nothing else is edited:
`--format` knows it, its help lists it, the build names its file, writes it
after the output it declares it uses, and hands it that output."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kroppress.writers as writers
import kroppress.writers.formats as formats_pkg
from kroppress.build.run import format_help, output_paths, parse_formats, run_build
from kroppress.config import load_config
from kroppress.errors import KroppressError
from kroppress.writers.registry import Format, plan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_build import CONFIG, TEXT  # noqa: E402

TOY = '''
"""A plain list of the book's texts, after its EPUB (a toy format)."""
from kroppress.writers.registry import Format


def write(job):
    epub = job.written["epub"]
    lines = [e.id for e in job.book.entries] + [f"epub bytes: {epub.stat().st_size}"]
    job.path.write_text("\\n".join(lines) + "\\n")


FORMAT = Format("toy", "toy (a list of texts)", "ebook",
                lambda stem, profile: f"{stem}.toy.txt", write, order=15, uses=("epub",))
'''


@pytest.fixture
def project(tmp_path):
    (tmp_path / "seeds").mkdir()
    for name in ("first", "second"):
        (tmp_path / f"seeds/{name}.txt").write_text(TEXT.format(title=name.title() + " Text"))
    (tmp_path / "intro.md").write_text("An *introduction*.\n")
    (tmp_path / "anthology.toml").write_text(CONFIG)
    return tmp_path / "anthology.toml"


@pytest.fixture
def toy(tmp_path, monkeypatch):
    folder = tmp_path / "plugin"
    folder.mkdir()
    (folder / "toy.py").write_text(textwrap.dedent(TOY))
    monkeypatch.setattr(formats_pkg, "__path__", [*formats_pkg.__path__, str(folder)])
    writers.forget()
    yield
    monkeypatch.undo()
    writers.forget()
    sys.modules.pop("kroppress.writers.formats.toy", None)


def test_the_shipped_formats_declare_themselves():
    known = writers.known()
    assert list(known) == ["epub", "kepub", "azw3", "pdf", "booklet", "cover"]
    assert [n for n, f in known.items() if f.in_all] == ["epub", "pdf"]
    assert {n for n, f in known.items() if f.kind == "print"} == {"pdf", "booklet", "cover"}
    assert known["cover"].uses == ("pdf",) and known["kepub"].uses == ("epub",)
    assert "toy" not in format_help()


def test_plan_follows_the_declared_needs():
    known = writers.known()
    every = list(known)
    assert plan(known, every, page_list=False) == every
    # with the page list the e-books wait for the PDF that gives their pages
    assert plan(known, every, page_list=True) == ["pdf", "epub", "kepub", "azw3", "booklet", "cover"]
    assert plan(known, ["cover", "pdf"], page_list=False) == ["pdf", "cover"]


def test_a_circle_of_needs_is_refused():
    a = Format("a", "a", "ebook", lambda s, p: s, lambda job: None, order=1, uses=("b",))
    b = Format("b", "b", "ebook", lambda s, p: s, lambda job: None, order=2, uses=("a",))
    with pytest.raises(RuntimeError, match="need each other"):
        plan({"a": a, "b": b}, ["a", "b"], page_list=False)


def test_a_toy_format_is_one_module(project, toy, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert format_help() == "epub, toy, kepub, azw3, pdf, booklet, cover or all"
    assert parse_formats("toy,epub") == ["epub", "toy"]
    config = load_config(project)
    out = project.parent / "dist"
    assert output_paths(config, ["toy"], out) == {"toy": out / "a-small-book.toy.txt"}
    paths = run_build(project, "toy,epub", out_dir=out)
    assert paths == [out / "a-small-book.epub", out / "a-small-book.toy.txt"]
    text = (out / "a-small-book.toy.txt").read_text()
    size = (out / "a-small-book.epub").stat().st_size
    assert text == f"first\nsecond\nepub bytes: {size}\n"       # written after the EPUB, from it

    with pytest.raises(KroppressError, match=r"unknown format; use epub, .*toy"):
        parse_formats("toys")


def test_the_cli_help_comes_from_the_registry():
    from kroppress.cli import app
    shown = " ".join(CliRunner().invoke(app, ["build", "--help"], env={"COLUMNS": "300"})
                     .output.replace("│", " ").split())
    for fmt in writers.known().values():
        assert fmt.help in shown, fmt.help
    assert "or all (epub and pdf)" in shown


def test_unknown_format_names_the_registry():
    with pytest.raises(KroppressError, match=r"--format 'docx': unknown format; use epub, kepub, "
                                             r"azw3, pdf, booklet, cover or all"):
        parse_formats("docx")

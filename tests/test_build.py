"""Build orchestration: epoch, names, atomic all-or-nothing output, strict
mode, lazy WeasyPrint import, `init`."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroppress.build import run as build_mod
from kroppress.build.atomic import write_atomic
from kroppress.build.cache import MANIFEST
from kroppress.build.run import output_paths, parse_formats, run_build, source_epoch
from kroppress.cli import app
from kroppress.config import PrintProfile, load_config
from kroppress.errors import ConfigError, KroppressError
from kroppress.book.init import write_starter
from kroppress.model import Document, Metadata, Paragraph, Text

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))

CONFIG = """\
[book]
title = "A Small Book"
identifier = "urn:uuid:12345678-1234-5678-1234-567812345678"
date = 2024-05-01
introduction = "intro.md"

[[parts]]
title = "Texts"

[[parts.texts]]
id = "first"
source = "seeds/first.txt"

[[parts.texts]]
id = "second"
source = "seeds/second.txt"

[print.profiles.big]
trim = "6x9"

[editions.one]
texts = ["second"]
"""

TEXT = "# {title}\n\nBy Some Author\n\nA paragraph of {title} with \"quotes\" -- and more.\n\nAnother one.\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds/first.txt").write_text(TEXT.format(title="First Text"))
    (tmp_path / "seeds/second.txt").write_text(TEXT.format(title="Second Text"))
    (tmp_path / "intro.md").write_text("An *introduction*.\n")
    cfg = tmp_path / "anthology.toml"
    cfg.write_text(CONFIG)
    return cfg


def listing(folder: Path) -> list[str]:
    """The files in `folder`, but for the build manifest (kroppress.build.cache)."""
    return sorted(p.name for p in folder.iterdir() if p.name != MANIFEST) \
        if folder.exists() else []


class FakeWriters:
    """Stands in for kroppress.writers.{epub,pdf}; records calls."""

    def __init__(self, fail: str | None = None) -> None:
        self.calls: list[tuple] = []
        self.fail = fail

    def load(self, fmt):
        def write(job):
            self.calls.append((fmt, job.book, Path(job.path), job))
            Path(job.path).write_bytes(f"{fmt} for {job.book.meta.title}".encode())
            if self.fail == fmt:
                raise RuntimeError(f"{fmt} writer broke")
        return write


@pytest.fixture
def fake(monkeypatch):
    writers = FakeWriters()
    monkeypatch.setattr(build_mod, "_load_writer", writers.load)
    return writers


# ------------------------------------------------------------------ small pieces

def test_source_epoch_from_env_or_book_date():
    assert source_epoch("2024-05-01", env={}) == 1714521600          # 00:00 UTC
    assert source_epoch("2024", env={}) == 1704067200                # 1 January
    assert source_epoch("2024-05-01", env={"SOURCE_DATE_EPOCH": "1234"}) == 1234
    assert source_epoch("2024-05-01", env={"SOURCE_DATE_EPOCH": ""}) == 1714521600
    with pytest.raises(KroppressError, match="SOURCE_DATE_EPOCH='soon'"):
        source_epoch("2024-05-01", env={"SOURCE_DATE_EPOCH": "soon"})


def test_output_names(project):
    config = load_config(project)
    out = Path("dist")
    assert output_paths(config, ["epub", "pdf"], out) == {
        "epub": out / "a-small-book.epub", "pdf": out / "a-small-book.pdf"}
    assert output_paths(config, ["epub", "pdf"], out, edition="one", profile="press") == {
        "epub": out / "a-small-book-one.epub", "pdf": out / "a-small-book-one-press.pdf"}


def test_parse_formats():
    assert parse_formats("all") == ["epub", "pdf"]
    assert parse_formats("pdf") == ["pdf"]
    assert parse_formats(["pdf", "epub"]) == ["epub", "pdf"]
    with pytest.raises(KroppressError, match="--format 'docx'"):
        parse_formats("docx")


# ------------------------------------------------------------------ atomic writes

def test_write_atomic_replaces_on_success(tmp_path):
    target = tmp_path / "book.epub"
    target.write_text("old")
    with write_atomic(target) as tmp:
        assert tmp.parent == tmp_path and tmp != target
        tmp.write_text("new")
        assert target.read_text() == "old"          # not visible until the end
    assert target.read_text() == "new"
    assert listing(tmp_path) == ["book.epub"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_write_atomic_error_keeps_old_file_and_removes_temp(tmp_path):
    target = tmp_path / "book.epub"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with write_atomic(target) as tmp:
            tmp.write_text("half a fi")
            raise RuntimeError("writer crashed")
    assert target.read_text() == "old"
    assert listing(tmp_path) == ["book.epub"]


def test_write_atomic_writer_that_writes_nothing(tmp_path):
    target = tmp_path / "book.epub"
    with pytest.raises(FileNotFoundError):
        with write_atomic(target) as tmp:
            tmp.unlink()
    assert listing(tmp_path) == []


# ------------------------------------------------------------------ run_build with fake writers

def test_build_calls_writers_with_epoch_and_profile(project, fake, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = project.parent / "dist"
    paths = run_build(project, "all", profile="big", out_dir=out)
    assert paths == [out / "a-small-book.epub", out / "a-small-book-big.pdf"]
    assert listing(out) == ["a-small-book-big.pdf", "a-small-book.epub"]
    # the PDF first: the EPUB would mark its pages (the fake lays out none)
    (pfmt, _, _, pjob), (efmt, ebook, _, ejob) = fake.calls
    assert (efmt, pfmt) == ("epub", "pdf")
    assert ejob.epoch == 1714521600 and ejob.pages is None     # no page laid out: no list
    assert pjob.page_starts == []
    assert pjob.epoch == 1714521600
    assert isinstance(pjob.profile, PrintProfile) and pjob.profile.name == "big"
    assert str(pjob.profile.width) == "6in"
    assert [e.id for e in ebook.entries] == ["first", "second"]


def test_build_edition_and_env_epoch(project, fake, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    out = project.parent / "dist"
    paths = run_build(project, "epub", edition="one", out_dir=out)
    assert paths == [out / "a-small-book-one.epub"]
    (_, book, _, job), = fake.calls
    assert job.epoch == 1000000000 and job.pages is None and job.page_starts is None
    assert [e.id for e in book.entries] == ["second"]


def test_failing_pdf_writer_leaves_nothing(project, monkeypatch):
    writers = FakeWriters(fail="pdf")
    monkeypatch.setattr(build_mod, "_load_writer", writers.load)
    out = project.parent / "dist"
    with pytest.raises(RuntimeError, match="pdf writer broke"):
        run_build(project, "all", out_dir=out)
    # the PDF comes first (the EPUB marks its pages): it broke, nothing else ran
    assert [c[0] for c in writers.calls] == ["pdf"]
    assert not out.exists()                                  # ...but never published


def test_failing_writer_keeps_previous_outputs(project, monkeypatch):
    out = project.parent / "dist"
    out.mkdir()
    (out / "a-small-book.epub").write_text("previous build")
    monkeypatch.setattr(build_mod, "_load_writer", FakeWriters(fail="pdf").load)
    with pytest.raises(RuntimeError):
        run_build(project, "all", out_dir=out)
    assert listing(out) == ["a-small-book.epub"]
    assert (out / "a-small-book.epub").read_text() == "previous build"


def test_input_error_writes_nothing(project, fake):
    (project.parent / "seeds/second.txt").write_text("   \n")      # empty text
    out = project.parent / "dist"
    with pytest.raises(KroppressError):
        run_build(project, "epub", out_dir=out)
    assert fake.calls == [] and not out.exists()


def test_unknown_profile_fails_before_reading(project, fake, monkeypatch):
    import kroppress.book.assemble as assemble_mod
    monkeypatch.setattr(assemble_mod, "assemble", lambda *a, **k: pytest.fail("read texts"))
    with pytest.raises(ConfigError, match="--profile 'nope'"):
        run_build(project, "epub", profile="nope", out_dir=project.parent / "dist")


def test_strict_turns_warnings_into_errors(project, fake):
    (project.parent / "intro.md").write_text("## A heading\n\nText.\n")   # warns
    out = project.parent / "dist"
    with pytest.raises(KroppressError, match=r"intro.md:1: headings are not used.*--strict"):
        run_build(project, "epub", strict=True, out_dir=out)
    assert not out.exists() and fake.calls == []
    # without --strict the same build succeeds and reports the warning
    from rich.console import Console
    import io
    buf = io.StringIO()
    run_build(project, "epub", out_dir=out, console=Console(file=buf, width=200))
    assert "warning: intro.md:1: headings are not used" in buf.getvalue()
    assert listing(out) == ["a-small-book.epub"]


def test_cli_build_error_exit_2_nothing_written(project, fake):
    out = project.parent / "dist"
    result = CliRunner().invoke(app, ["build", "--config", str(project), "--out", str(out),
                                      "--only", "third"])
    assert result.exit_code == 2
    line = CONFIG.splitlines().index("[[parts]]") + 1
    assert result.output.startswith(f"error: {project}:{line}: --only 'third': no text has "
                                    "this id")
    assert not out.exists()


def test_epub_only_build_never_imports_weasyprint(project, tmp_path):
    """Run in a fresh interpreter with a stand-in EPUB writer, so this holds
    whatever the real writer does; the PDF path is never touched."""
    code = textwrap.dedent(f"""
        import sys, types
        from pathlib import Path
        fake = types.ModuleType("kroppress.writers.epub")
        def write_epub(book, path, *, epoch):
            Path(path).write_bytes(b"epub")
        fake.write_epub = write_epub
        sys.modules["kroppress.writers.epub"] = fake
        from kroppress.build.run import run_build
        run_build(Path({str(project)!r}), "epub", out_dir=Path({str(tmp_path / 'out')!r}))
        bad = sorted(m for m in sys.modules if m.split(".")[0] == "weasyprint"
                     or m == "kroppress.writers.pdf")
        print("IMPORTED:", bad)
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "IMPORTED: []" in res.stdout
    assert listing(tmp_path / "out") == ["a-small-book.epub"]


# ------------------------------------------------------------------ with the real writers

def test_real_epub_build_is_reproducible(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = run_build(project, "epub", out_dir=project.parent / "a")[0]
    b = run_build(project, "epub", out_dir=project.parent / "b")[0]
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        assert z.read("mimetype") == b"application/epub+zip"
        text = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                        if n.endswith((".xhtml", ".html")))
    assert "A paragraph of First Text" in text
    assert "\u201cquotes\u201d" in text                       # typography reached the file
    assert listing(project.parent / "a") == ["a-small-book.epub"]


def test_real_epub_only_build_does_not_import_weasyprint(project, tmp_path):
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from kroppress.build.run import run_build
        run_build(Path({str(project)!r}), "epub", out_dir=Path({str(tmp_path / 'out')!r}))
        print("IMPORTED:", sorted(m for m in sys.modules if m.split(".")[0] == "weasyprint"))
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "IMPORTED: []" in res.stdout


def test_real_pdf_build(project):
    paths = run_build(project, "pdf", profile="press", out_dir=project.parent / "dist")
    assert paths == [project.parent / "dist" / "a-small-book-press.pdf"]
    assert paths[0].read_bytes().startswith(b"%PDF-")


def test_shipped_anthology_builds_epub(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    paths = run_build(REPO / "anthology.toml", "epub", out_dir=tmp_path)
    assert len(paths) == 1 and paths[0].stat().st_size > 10_000


# ------------------------------------------------------------------ init

def stub_reader(path: Path) -> Document:
    title = {"a": "The Action of the Masses", "b": "A Letter", "c": "A Letter"}[path.stem]
    return Document(metadata=Metadata(title=title, authors=["P. K."], date="1890"),
                    blocks=[Paragraph([Text("x")])], warnings=[f"{path}:1: something odd"])


def seeds_folder(root: Path) -> Path:
    folder = root / "texts"
    folder.mkdir()
    for name in ("a.txt", "b.md", "c.txt", "skip.pdf", ".hidden.txt"):
        (folder / name).write_text("x")
    return folder


def test_init_writes_a_config_that_validates(tmp_path):
    folder = seeds_folder(tmp_path)
    cfg = write_starter(folder, tmp_path / "anthology.toml", read=stub_reader)
    config = load_config(cfg)
    texts = config.parts[0].texts
    assert [t.id for t in texts] == ["the-action-of-the-masses", "a-letter", "a-letter-2"]
    assert [t.source for t in texts] == [(folder / n).resolve() for n in ("a.txt", "b.md", "c.txt")]
    raw = cfg.read_text()
    assert 'source = "texts/a.txt"' in raw                  # relative to the config
    assert '# title = "The Action of the Masses"' in raw       # detected metadata as comments
    assert "# reader: " in raw and "something odd" in raw
    assert config.book.identifier.startswith("urn:uuid:")
    assert listing(tmp_path) == ["anthology.toml", "texts"]     # no temp files left


def test_init_makes_no_part_for_a_book_without_parts(tmp_path):
    """The starter's one part has no title: the book has no part page, and
    its texts follow the contents; a part given a title opens with its page."""
    from kroppress.book.assemble import assemble
    from kroppress.render import book_landmarks, book_toc, render_book
    folder = seeds_folder(tmp_path)
    cfg = write_starter(folder, tmp_path / "anthology.toml", read=stub_reader)
    assert "\ntitle = \"Texts\"" not in cfg.read_text()

    def read(path):
        doc = stub_reader(path)
        doc.warnings = []
        return doc
    book = assemble(load_config(cfg), read=read)
    assert [d.kind for d in render_book(book)].count("part") == 0
    toc = book_toc(book)
    assert [t.doc_id for t in toc][2:5] == ["the-action-of-the-masses", "a-letter", "a-letter-2"]
    assert not any(t.children for t in toc)
    assert book_landmarks(book)[1].doc_id == "the-action-of-the-masses"      # bodymatter
    # the false positive: a titled part keeps its page and holds its texts
    cfg.write_text(cfg.read_text().replace('# title = "Part title"', 'title = "Letters"'))
    book = assemble(load_config(cfg), read=read)
    assert [d.kind for d in render_book(book)].count("part") == 1
    assert [c.doc_id for c in book_toc(book)[2].children] == ["the-action-of-the-masses", "a-letter",
                                                              "a-letter-2"]


def test_init_refuses_to_overwrite_without_force(tmp_path):
    folder = seeds_folder(tmp_path)
    cfg = tmp_path / "anthology.toml"
    cfg.write_text("# mine\n")
    with pytest.raises(KroppressError, match="already exists; use --force"):
        write_starter(folder, cfg, read=stub_reader)
    assert cfg.read_text() == "# mine\n"
    write_starter(folder, cfg, force=True, read=stub_reader)
    assert "[[parts.texts]]" in cfg.read_text()


def test_init_cli_refusal_exit_2(tmp_path):
    folder = seeds_folder(tmp_path)
    cfg = tmp_path / "anthology.toml"
    cfg.write_text("# mine\n")
    result = CliRunner().invoke(app, ["init", str(folder), "--config", str(cfg)])
    assert result.exit_code == 2 and "already exists" in result.output
    assert cfg.read_text() == "# mine\n"


def test_init_rejects_bad_folders(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(KroppressError, match="no .txt or .md files"):
        write_starter(tmp_path / "empty", tmp_path / "anthology.toml", read=stub_reader)
    with pytest.raises(KroppressError, match="no such folder"):
        write_starter(tmp_path / "missing", tmp_path / "anthology.toml", read=stub_reader)
    inner = tmp_path / "project"
    inner.mkdir()
    seeds_folder(tmp_path)
    with pytest.raises(KroppressError, match="outside"):
        write_starter(tmp_path / "texts", inner / "anthology.toml", read=stub_reader)
    assert not (tmp_path / "anthology.toml").exists()


def test_init_then_build_with_real_reader_and_writer(tmp_path, monkeypatch):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["init", "seeds"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["build", "--format", "epub"])
    assert result.exit_code == 0, result.output
    assert listing(tmp_path / "dist") == ["untitled-anthology.epub"]
    config = load_config(tmp_path / "anthology.toml")
    assert len(config.parts[0].texts) == len(SEEDS)


# ------------------------------------------------------------------ no-op rebuilds
def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()
            if p.name != MANIFEST}


def test_a_build_with_nothing_changed_writes_nothing(project, fake):
    import io

    from rich.console import Console
    out = project.parent / "dist"
    first = run_build(project, "all", out_dir=out)
    assert [c[0] for c in fake.calls] == ["pdf", "epub"]
    before = _stamps(out)
    console = Console(file=io.StringIO(), width=200)
    again = run_build(project, "all", out_dir=out, console=console)
    assert again == first
    assert len(fake.calls) == 2                      # no writer ran
    assert _stamps(out) == before                    # no file was replaced
    assert "up to date" in console.file.getvalue()


@pytest.mark.parametrize("change", ["text", "config", "epoch", "force", "tampered", "deleted"])
def test_a_changed_input_rebuilds(project, fake, monkeypatch, change):
    out = project.parent / "dist"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run_build(project, "all", out_dir=out)
    assert len(fake.calls) == 2
    if change == "text":
        with open(project.parent / "seeds/second.txt", "a", encoding="utf-8") as fh:
            fh.write("\nOne more paragraph.\n")
    elif change == "config":
        project.write_text(project.read_text().replace("A Small Book", "A Smaller Book"))
    elif change == "epoch":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    elif change == "tampered":
        (out / "a-small-book.epub").write_bytes(b"not the book we wrote")
    elif change == "deleted":
        (out / "a-small-book.pdf").unlink()
    run_build(project, "all", out_dir=out, force=change == "force")
    rebuilt = [c[0] for c in fake.calls[2:]]
    # a damaged PDF is rebuilt alone; any changed input rebuilds both, and so
    # does a damaged EPUB: its print page list comes from laying out the PDF
    expected = {"deleted": ["pdf"]}.get(change, ["pdf", "epub"])
    assert rebuilt == expected


def test_a_new_format_builds_only_what_is_missing(project, fake):
    out = project.parent / "dist"
    run_build(project, "epub", out_dir=out)
    run_build(project, "epub,kepub", out_dir=out)
    assert [c[0] for c in fake.calls] == ["epub", "kepub"]
    # with the PDF, the EPUB is another book (it marks the PDF's pages)
    run_build(project, "all", out_dir=out)
    assert [c[0] for c in fake.calls[2:]] == ["pdf", "epub"]


def test_second_cli_build_is_quick_and_writes_nothing(project, tmp_path):
    """The real thing, through the console script: the second build only
    checks (the figure itself is measured by bench/run.py)."""
    out = tmp_path / "dist"
    cmd = [sys.executable, "-m", "kroppress.cli", "build", "--config", str(project),
           "--format", "epub", "--out", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)
    before = _stamps(out)
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    assert _stamps(out) == before
    assert "up to date" in done.stderr


def test_progress_bar_on_a_terminal_and_quiet_otherwise(project, monkeypatch):
    """Texts read and pages laid out on a terminal; nothing in CI."""
    import io

    from rich.console import Console

    def writer(fmt):
        def write(job):
            for page in range(1, 4):
                job.on_page(page, None)
            Path(job.path).write_bytes(fmt.encode())
        return write
    monkeypatch.setattr(build_mod, "_load_writer", writer)
    terminal = Console(file=io.StringIO(), force_terminal=True, width=100)
    run_build(project, "all", out_dir=project.parent / "a", console=terminal)
    shown = terminal.file.getvalue()      # the bar's last frame, at least
    assert "Writing" in shown and "Laying out pages" in shown
    # the bar has a total (an estimate on a first build), never "3/?"
    assert re.search(r"\b3/\d+", shown) and "3/?" not in shown
    quiet = Console(file=io.StringIO(), force_terminal=False, width=100)
    run_build(project, "all", out_dir=project.parent / "b", console=quiet)
    assert quiet.file.getvalue() == ""


def test_pdf_writer_warnings_are_shown_kept_and_strict(project, monkeypatch):
    """What WeasyPrint met while laying out (a refused resource, say) reaches
    the user, is replayed by the no-op rebuild, and fails a --strict build
    with nothing written."""
    import io

    from rich.console import Console

    def writer(fmt):
        def write(job):
            if fmt == "pdf":
                job.warnings.append("refused to fetch file:///etc/passwd")
            Path(job.path).write_bytes(fmt.encode())
        return write
    monkeypatch.setattr(build_mod, "_load_writer", writer)
    out = project.parent / "out"
    console = Console(file=io.StringIO(), force_terminal=False, width=200)
    run_build(project, "pdf", out_dir=out, console=console)
    first = console.file.getvalue()
    assert "warning:" in first and ".pdf: refused to fetch file:///etc/passwd" in first
    again = Console(file=io.StringIO(), force_terminal=False, width=200)
    run_build(project, "pdf", out_dir=out, console=again)
    assert "up to date" in again.file.getvalue()
    assert "refused to fetch file:///etc/passwd" in again.file.getvalue()

    strict_out = project.parent / "strict"
    with pytest.raises(KroppressError, match="refused to fetch.*--strict"):
        run_build(project, "pdf", out_dir=strict_out, strict=True)
    assert not list(strict_out.glob("*.pdf")) and not list(strict_out.glob(".*.tmp"))

"""Hostile or broken configs give one line naming the file, the place and the
fix, never a traceback: control characters, blank strings in lists, dates no
ZIP file can record, nesting deep enough to exhaust the parser, titles long
enough to break file names."""
from __future__ import annotations

import os

import pytest

from kroppress.build.run import output_paths, source_epoch
from kroppress.config import load_config
from kroppress.errors import ConfigError, KroppressError

from test_config import BASE, make_project


def _load(tmp_path, text):
    return load_config(make_project(tmp_path, text))


@pytest.mark.parametrize("key, bad", [
    ('title = "Masses and Individuals"', 'title = "Masses\\u0000 and Individuals"'),
    ('subtitle = "Essays"', 'subtitle = "Essays\\u001b"'),
    ('description = "A book."', 'description = "\\u0085"'),
    ('publisher = "Test Press"', 'publisher = "Test\\u009bPress"'),
    ('title = "Part One"', 'title = "Part\\u0007 One"'),
    ('title = "Alpha Title"', 'title = "Alpha\\u0000"'),
])
def test_a_control_character_in_any_text_is_refused_at_its_line(tmp_path, key, bad):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, BASE.replace(key, bad, 1))
    msg = str(exc.value)
    assert "anthology.toml:" in msg and "control character U+" in msg and "\n" not in msg


@pytest.mark.parametrize("key, bad", [
    ('editors = ["A. Editor", "B. Editor"]', 'editors = [""]'),
    ('editors = ["A. Editor", "B. Editor"]', 'editors = ["   "]'),
    ('subjects = ["Anarchism"]', 'subjects = ["Anarchism", ""]'),
    ('description = "A book."', 'description = "   "'),
    ('authors = ["Ann Author"]', 'authors = [" "]'),
])
def test_blank_strings_where_a_name_or_text_is_due_are_refused(tmp_path, key, bad):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, BASE.replace(key, bad, 1))
    assert "anthology.toml:" in str(exc.value)


def test_ordinary_text_still_loads(tmp_path):
    cfg = _load(tmp_path, BASE.replace('description = "A book."', 'description = "Tabs\\tand\\nlines."'))
    assert cfg.book.description == "Tabs\tand\nlines."


@pytest.mark.parametrize("date", ["9999-12-31", "2108-01-01"])
def test_a_date_after_2107_is_refused_at_its_line(tmp_path, date):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, BASE.replace("date = 2024-05-01", f"date = {date}", 1))
    assert "anthology.toml:" in str(exc.value) and "2107" in str(exc.value)
    _load(tmp_path, BASE.replace("date = 2024-05-01", "date = 2107-12-31", 1))


@pytest.mark.parametrize("value", ["4356000000", "99999999999999999999"])
def test_a_source_date_epoch_no_zip_can_record_is_one_line(value):
    with pytest.raises(KroppressError) as exc:
        source_epoch("2024-05-01", {"SOURCE_DATE_EPOCH": value})
    assert "2107" in str(exc.value)
    assert source_epoch("2024-05-01", {"SOURCE_DATE_EPOCH": "1700000000"}) == 1700000000


@pytest.mark.parametrize("shape", ["a = " + "[" * 5000 + "]" * 5000,
                                   "".join(f"[{'x.' * 3000}y]\n"),
                                   "a = " + "{b = " * 3000 + "1" + "}" * 3000])
def test_nesting_that_exhausts_the_parser_is_one_line(tmp_path, shape):
    (tmp_path / "anthology.toml").write_text(shape)
    with pytest.raises(ConfigError) as exc:
        load_config(tmp_path / "anthology.toml")
    assert "\n" not in str(exc.value)


def test_a_title_of_twenty_thousand_words_gives_a_short_file_name(tmp_path):
    title = " ".join(["word"] * 20000)
    cfg = _load(tmp_path, BASE.replace('title = "Masses and Individuals"', f'title = "{title}"', 1))
    paths = output_paths(cfg, ["epub", "pdf"], tmp_path / "dist").values()
    assert all(len(p.name.encode()) < 120 for p in paths)
    assert all(p.name.startswith("word-word") for p in paths)


@pytest.mark.parametrize("bad", ["kp-notes", "kp-toc", "kp-my-text"])
def test_a_text_id_in_the_books_own_namespace_is_refused_at_its_line(tmp_path, bad):
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, BASE.replace('id = "alpha"', f'id = "{bad}"', 1))
    assert "anthology.toml:" in str(exc.value) and "choose another id" in str(exc.value)


@pytest.mark.parametrize("good", ["notes", "cover", "toc", "introduction", "notes-alpha",
                                  "sources-x", "beta-title", "beta-headnote", "alpha-note-1",
                                  "kp", "title-deeds-notes"])
def test_ids_with_the_words_of_the_books_sections_load(tmp_path, good):
    cfg = _load(tmp_path, BASE.replace('"alpha"', f'"{good}"'))
    assert cfg.texts()[0].id == good


def test_texts_named_like_the_books_own_ids_render_with_unique_ids(tmp_path):
    """Text ids that are the book's section names and the templates' suffixes
    ("beta" and "beta-title"), headings named like them: every id in the
    printed book once."""
    import re
    from kroppress.book.assemble import assemble
    from kroppress.render import render_print_html
    text = BASE.replace('"alpha"', '"notes"').replace('"gamma"', '"delta-title"')
    text = text.replace("include = false", "include = true")
    cfg = make_project(tmp_path, text)
    (tmp_path / "seeds/a.txt").write_text(
        "# A Title\n\nSome teh text.\n\n"
        "## Title\n\nMore words[^1] here, in a second paragraph of the text.\n\n"
        "## Headnote\n\nWe recieve it; we recieve all.\n\n[^1]: A note.\n")
    html = render_print_html(assemble(load_config(cfg)))
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert {"notes", "delta", "delta-title", "kp-sources", "notes_title"} <= set(ids)
    assert len(ids) == len(set(ids)), sorted(i for i in set(ids) if ids.count(i) > 1)


@pytest.mark.parametrize("make", ["self", "loop", "long"])
def test_source_paths_that_cannot_be_resolved_are_one_line(tmp_path, make):
    import os
    if make == "self":
        os.symlink("a-self.txt", tmp_path / "a-self.txt")
        name = "a-self.txt"
    elif make == "loop":
        os.symlink("l2.txt", tmp_path / "l1.txt")
        os.symlink("l1.txt", tmp_path / "l2.txt")
        name = "l1.txt"
    else:
        name = "n" * 300 + ".txt"
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, BASE.replace('source = "seeds/a.txt"', f'source = "{name}"', 1))
    assert "anthology.toml:" in str(exc.value) and "\n" not in str(exc.value)


@pytest.mark.parametrize("make", ["self", "dev", "sparse"])
def test_inspect_refuses_what_is_not_a_readable_text_before_reading_it(tmp_path, make):
    import os
    from kroppress.reader import read_file
    from kroppress.errors import InputError
    if make == "self":
        path = tmp_path / "x.txt"
        os.symlink("x.txt", path)
    elif make == "dev":
        path = tmp_path / "zero"
        os.symlink("/dev/zero", path)
    else:
        path = tmp_path / "big.txt"
        with open(path, "wb") as fh:
            fh.truncate(3 * 1024 ** 3)        # sparse: no disk used, 3 GB by stat
    with pytest.raises(InputError) as exc:
        read_file(path)
    assert str(path) in str(exc.value) and "\n" not in str(exc.value)


def test_a_folder_where_the_book_goes_is_one_line_and_exit_2(tmp_path):
    from typer.testing import CliRunner
    from kroppress.cli import app
    cfg = make_project(tmp_path)
    (tmp_path / "seeds/a.txt").write_text("# A\n\nSome teh text. We recieve; we recieve.\n")
    book = tmp_path / "dist" / "masses-and-individuals.epub"
    book.mkdir(parents=True)
    result = CliRunner().invoke(app, ["build", "--config", str(cfg), "--format", "epub",
                                      "--out", str(tmp_path / "dist")])
    assert result.exit_code == 2, result.output
    assert "a folder has that name" in result.output and "Traceback" not in result.output
    assert [p.name for p in (tmp_path / "dist").iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("code", ["ENOSPC", "EROFS", "EACCES"])
def test_a_write_that_fails_leaves_the_old_file_and_no_temp(tmp_path, code):
    import errno
    from kroppress.build.atomic import write_atomic
    target = tmp_path / "book.epub"
    target.write_bytes(b"old")
    with pytest.raises(KroppressError) as exc:
        with write_atomic(target) as tmp:
            tmp.write_bytes(b"half")
            raise OSError(getattr(errno, code), os.strerror(getattr(errno, code)))
    assert str(target) in str(exc.value) and "--out" in str(exc.value)
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["book.epub"]


def _tmpfs(path, size):
    import subprocess
    path.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                       capture_output=True)
    if r.returncode:
        pytest.skip("mounting a small tmpfs (a disk that fills) needs root; CI runs as root")


@pytest.fixture(scope="module")
def build_bytes(tmp_path_factory):
    """What a build of the shipped book writes in all (books, cache, manifest)."""
    import subprocess
    import sys
    from pathlib import Path
    repo = Path(__file__).resolve().parent.parent
    out = tmp_path_factory.mktemp("full") / "dist"
    subprocess.run([sys.executable, "-m", "kroppress", "build", "--config", str(repo / "anthology.toml"),
                    "--format", "all", "--out", str(out)], check=True, capture_output=True)
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file())


# a disk that fills early, and one that fills late (the sizes follow the book's)
@pytest.mark.parametrize("share", [0.3, 0.8])
def test_a_full_disk_during_the_pdf_is_one_line_exit_2_and_leaves_no_temp(tmp_path, share,
                                                                          build_bytes):
    import subprocess
    import sys
    from pathlib import Path
    repo = Path(__file__).resolve().parent.parent
    disk = tmp_path / "disk"
    _tmpfs(disk, f"{int(build_bytes * share) // 1024}k")
    try:
        r = subprocess.run([sys.executable, "-m", "kroppress", "build", "--config", str(repo / "anthology.toml"),
                            "--format", "all", "--out", str(disk / "dist")], capture_output=True, text=True)
        assert r.returncode == 2, r.stderr
        assert "No space left on device" in r.stderr and len(r.stderr.strip().splitlines()) == 1
        left = [p.name for p in (disk / "dist").iterdir()] if (disk / "dist").exists() else []
        assert all(not n.endswith(".tmp") and ".pikepdf" not in n and ".tmp." not in n for n in left), left
    finally:
        subprocess.run(["umount", str(disk)])


@pytest.mark.parametrize("value", ["x", "2.5", ""])
def test_a_jobs_value_that_is_not_a_number_is_one_line(tmp_path, value):
    from typer.testing import CliRunner
    from kroppress.cli import app
    result = CliRunner().invoke(app, ["build", "--config", str(make_project(tmp_path)), "--jobs", value])
    assert result.exit_code == 2
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert len(lines) == 1 and "--jobs" in lines[0] and "╭" not in result.output


def test_more_jobs_than_cores_or_chunks_are_capped_with_a_warning():
    from rich.console import Console
    from kroppress.build.run import cap_jobs
    console = Console(record=True, width=200)
    assert cap_jobs(48, 3, console) == min(os.cpu_count() or 1, 5)
    assert "--jobs 48: using" in console.export_text()
    quiet = Console(record=True)
    assert cap_jobs(1, 3, quiet) == 1 and cap_jobs(None, 3, quiet) is None and quiet.export_text() == ""


@pytest.mark.parametrize("old, bad, good", [
    ('trim = "A5"', 'trim = "١٤٨mm 210mm"', 'trim = "148mm 210mm"'),
    ('trim = "A5"', 'trim = "A5"\ncreep = "١mm"', 'trim = "A5"\ncreep = "0.1mm"'),
    ('trim = "A5"', 'trim = "A5"\npaper = { caliper = "0.00２in" }',
     'trim = "A5"\npaper = { caliper = "0.002in" }'),
    ('margins = "0.7in 0.6in 0.8in 0.9in"', 'margins = "0.7in 0.6in 0.8in ０.9in"',
     'margins = "0.7in 0.6in 0.8in 0.9in"'),
    ('identifier = "978-0-306-40615-7"', 'identifier = "９７８-0-306-40615-7"',
     'identifier = "978-0-306-40615-7"'),
])
def test_digits_that_are_not_ascii_are_refused_at_their_line(tmp_path, old, bad, good):
    key = bad.split("\n")[-1].split(" =")[0]
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, BASE.replace(old, bad, 1))
    line = BASE.replace(old, bad, 1).splitlines().index(bad.split("\n")[-1]) + 1
    assert f"anthology.toml:{line}: key " in str(exc.value) and key in str(exc.value)
    assert "which is not an ASCII digit; write " in str(exc.value)
    assert _load(tmp_path, BASE.replace(old, good, 1))         # the same in ASCII digits loads


def _error_line(tmp_path, text) -> str:
    with pytest.raises(ConfigError) as exc:
        _load(tmp_path, text)
    return str(exc.value)


@pytest.mark.parametrize("bad, key", [
    ('trim = "0.0mm 0.0mm"', "print.trim"),
    ('trim = "1pt 1pt"', "print.trim"),
    ('trim = "5.5in 8.5in"\nmargins = { outer = "2in", inner = "2in" }', "print.margins"),
])
def test_a_trim_or_margins_leaving_no_type_area_is_refused_at_its_line(tmp_path, bad, key):
    text = BASE.replace('trim = "A5"', bad, 1).replace('margins = "0.7in 0.6in 0.8in 0.9in"\n', "")
    msg = _error_line(tmp_path, text)
    line = text.splitlines().index(bad.split("\n")[-1 if key == "print.margins" else 0]) + 1
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:{line}: key '{key}': ")
    assert "of type area" in msg and "make the margins smaller or the trim larger" in msg


def test_a_profile_whose_own_trim_leaves_no_measure_is_refused_at_that_trim(tmp_path):
    text = BASE.replace("round_pages_to = 4", 'round_pages_to = 4\ntrim = "3in 8in"', 1)
    line = text.splitlines().index('trim = "3in 8in"') + 1
    assert f":{line}: key 'print.profiles.press.trim'" in _error_line(tmp_path, text)


def test_a_small_book_with_room_for_type_loads(tmp_path):
    """The false positive: a 4 × 6 in page with half-inch margins is a book."""
    text = BASE.replace('trim = "A5"', 'trim = "4in 6in"', 1).replace(
        'margins = "0.7in 0.6in 0.8in 0.9in"', 'margins = "0.5in"')
    p = _load(tmp_path, text).print_profile(None)
    assert p.width.inches - p.margin_inner.inches - p.margin_outer.inches == 3.0


@pytest.mark.parametrize("creep, ok", [("10in", False), ("3in", False), ("2mm", False),
                                       ("0.1mm", True), ("1mm", True)])
def test_creep_is_bounded_by_a_sheets_thickness(tmp_path, creep, ok):
    text = BASE.replace('trim = "A5"', f'trim = "A5"\ncreep = "{creep}"', 1)
    if ok:
        assert str(_load(tmp_path, text).print_profile(None).creep) == creep
    else:
        line = text.splitlines().index(f'creep = "{creep}"') + 1
        msg = _error_line(tmp_path, text)
        assert f"anthology.toml:{line}: key 'print.creep'" in msg and "thicker than any sheet" in msg


def test_a_line_range_in_digits_that_are_not_ascii_is_refused():
    from kroppress.transforms.cut import parse_cut
    with pytest.raises(ConfigError, match="a range of source lines"):
        parse_cut({"lines": "١٢٠-٤٨٠"}, "anthology.toml:9: text 'x'")
    assert parse_cut({"lines": "120-480"}, "anthology.toml:9: text 'x'").lines == (120, 480)

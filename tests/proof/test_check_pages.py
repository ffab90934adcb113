"""`kroppress check --pages` on the shipped book: the report names pages a
reader finds the quoted lines on, reuses the build's layout, and its JSON
adds up."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kroppress", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=600,
                          env={**__import__("os").environ, "SOURCE_DATE_EPOCH": "1746057600"})


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped book built (PDF and EPUB: the PDF stamped for the page list)."""
    out = tmp_path_factory.mktemp("dist")
    done = _run("build", "--config", str(ROOT / "anthology.toml"), "--format", "pdf,epub",
                "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def report(built):
    start = time.monotonic()
    done = _run("check", "--pages", "--json", "--config", str(ROOT / "anthology.toml"),
                "--out", str(built))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), time.monotonic() - start


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [_plain(p) for p in text.split("\f")]


def _plain(text: str) -> str:
    # the joiners and soft hyphens the layout sets, which pdftotext drops
    return " ".join(re.sub("[\u2060\u00ad\u200b]", "", text).split())


def test_the_report_covers_every_page_and_adds_up(report, built):
    data, _ = report
    import pikepdf
    with pikepdf.open(next(built.glob("*.pdf"))) as pdf:
        assert data["pages"] == len(pdf.pages)
    total = data["counts"]["total"]
    assert sum(f["lines"] for f in data["findings"]) == sum(total.values())
    per_text = [c for tid, c in data["counts"].items() if tid != "total"]
    for kind, n in total.items():
        assert n == sum(c[kind] for c in per_text)
    assert data["lines"] > 500 and data["settings"]["loose_lines"] == 0.5


def test_each_loose_line_is_on_the_page_it_names(report, built):
    data, _ = report
    pages = _page_texts(next(built.glob("*.pdf")))
    loose = [f for f in data["findings"] if f["kind"] == "loose"]
    assert loose
    for f in loose:
        quoted = re.search(r"“(.*?)…?”$", f["detail"])[1].rstrip("…")
        words = _plain(" ".join(quoted.split()[:4]))
        assert words in pages[f["page"] - 1], (f, pages[f["page"] - 1][:200])


def test_the_text_report_prints_a_table_with_a_total(built):
    done = _run("check", "--pages", "--config", str(ROOT / "anthology.toml"), "--out", str(built))
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()
    assert any(r.startswith("total ") for r in rows)
    header = next(r for r in rows if r.startswith("text "))
    assert "lines" in header and "loose" in header


def test_a_missing_profile_is_one_line_and_exit_2(built):
    done = _run("check", "--pages", "--profile", "nope", "--config", str(ROOT / "anthology.toml"),
                "--out", str(built))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "nope" in done.stderr


def test_after_a_build_the_report_lays_nothing_out_again(built, monkeypatch):
    from kroppress.proof.run import page_report
    from kroppress.writers.pdf.chunks import layout

    def refuse(task):
        raise AssertionError(f"chunk {task.index} laid out again")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1746057600")
    monkeypatch.setattr(layout, "render_task", refuse)
    before = sorted(p.name for p in (built / ".kroppress-cache").rglob("*"))
    report = page_report(ROOT / "anthology.toml", out_dir=built, jobs=1)
    assert report.pages > 40
    assert sorted(p.name for p in (built / ".kroppress-cache").rglob("*")) == before  # read only
    # the false positive's guard: without the build's chunks it must lay them out
    with pytest.raises(AssertionError, match="laid out again"):
        page_report(ROOT / "anthology.toml", out_dir=built / "elsewhere", jobs=1)

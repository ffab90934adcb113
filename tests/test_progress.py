"""The build's progress bar knows how many pages it is laying out: the
previous build's count from the manifest, else an estimate from the words."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pikepdf
from rich.console import Console

from kroppress.build import cache
from kroppress.build.progress import Progress, estimate_pages
from kroppress.build.run import run_build
from kroppress.book.assemble import assemble
from kroppress.config import load_config

ROOT = Path(__file__).resolve().parents[1]


def _spy(monkeypatch) -> list[tuple[int, int | None]]:
    seen: list[tuple[int, int | None]] = []
    original = Progress.pages

    def pages(self, done, total=None):
        original(self, done, total)
        seen.append((done, self.total_pages))
    monkeypatch.setattr(Progress, "pages", pages)
    return seen


def test_the_pages_bar_has_a_total_first_estimated_then_known(tmp_path, monkeypatch):
    seen = _spy(monkeypatch)
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    out = tmp_path / "dist"
    [pdf] = run_build(ROOT / "anthology.toml", "pdf", out_dir=out, console=console)
    with pikepdf.open(pdf) as doc:
        count = len(doc.pages)
    assert seen and all(total is not None for _, total in seen)      # never "350/?"
    first = seen[0][1]
    assert 0.6 * count <= first <= 1.4 * count, (first, count)       # a fair estimate
    assert seen[-1][1] >= seen[-1][0]                                 # done never past the total
    manifest = json.loads((out / cache.MANIFEST).read_text())
    assert manifest["outputs"][pdf.name]["pages"] == count

    seen.clear()
    run_build(ROOT / "anthology.toml", "pdf", out_dir=out, console=console, force=True)
    assert seen and {total for _, total in seen} == {count}          # now it knows


def test_no_terminal_no_bar_and_no_cost(tmp_path, monkeypatch):
    """The false positive: piped output draws nothing, yet the count is still kept."""
    console = Console(file=io.StringIO(), force_terminal=False)
    [pdf] = run_build(ROOT / "anthology.toml", "pdf", out_dir=tmp_path, console=console)
    assert console.file.getvalue() == ""
    assert cache.pages_of(tmp_path, pdf) is not None


def test_a_manifest_page_count_that_is_not_a_count_is_ignored(tmp_path):
    target = tmp_path / "book.pdf"
    for bad in ("12", -3, 0, True, None, 2.5):
        (tmp_path / cache.MANIFEST).write_text(json.dumps({"outputs": {"book.pdf": {"pages": bad}}}))
        assert cache.pages_of(tmp_path, target) is None, bad
    (tmp_path / cache.MANIFEST).write_text(json.dumps({"outputs": {"book.pdf": {"pages": 52}}}))
    assert cache.pages_of(tmp_path, target) == 52


def test_the_estimate_grows_with_the_words():
    book = assemble(load_config(ROOT / "anthology.toml"), None, (), (), warnings=[])
    one = estimate_pages(book)
    book.parts[0].entries *= 3
    assert estimate_pages(book) > 2 * (one - 10)

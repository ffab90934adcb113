"""A chunk kept by other layout code is laid out again: the PDF writer's own
code is part of a chunk's key (a working copy changes it, the version not)."""
from kroppress.writers.pdf.chunks import cache as cache_mod
from kroppress.writers.pdf.chunks.task import Task


def _task() -> Task:
    return Task(1, "<html><body><p>a</p></body></html>", ("p {}",), "/x.pdf", 0, None, 0)


def test_the_same_code_gives_the_same_key(tmp_path):
    cache = cache_mod.ChunkCache(tmp_path)
    assert cache.key(_task()) == cache.key(_task())
    assert len(cache_mod.layout_code()) == 64


def test_other_layout_code_gives_another_key(tmp_path, monkeypatch):
    cache = cache_mod.ChunkCache(tmp_path)
    before = cache.key(_task())
    monkeypatch.setattr(cache_mod, "layout_code", lambda: "0" * 64)
    assert cache.key(_task()) != before

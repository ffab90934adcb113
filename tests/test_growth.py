"""Work that grows faster than the input, counted rather than timed (a busy
machine makes timings noise; `bench/pathological.py` times the same shapes):
Python lines run in one module, characters copied into text nodes, characters
scanned in a source. Each measure at two sizes: a linear pass doubles, a
quadratic one quadruples."""
from __future__ import annotations

import random
import sys

from kroppress.book import check as check_mod
from kroppress.book.init import write_starter
from kroppress.model import Document, Metadata, Paragraph, Text
from kroppress.reader import inlines, read_text

HEAD = "# A Title\n\nAnn Author\n\n"


def lines_run(module_file: str, fn) -> int:
    """Python lines executed in `module_file` while `fn()` runs."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename.endswith(module_file):
            if event == "line":
                count += 1
            return tracer
        return None
    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def grows_linearly(measure, n: int) -> bool:
    small, large = measure(n), measure(2 * n)
    return large <= 2.6 * max(small, 1), (small, large)


def _symbol_text(n: int) -> str:
    return HEAD + "Body text begins here.\n\n" + "".join(
        f"A sentence with a call{'*' if i % 2 else '†'} here.\n\n{'*' if i % 2 else '†'} The note.\n\n"
        for i in range(n))


def test_symbol_notes_grow_linearly_and_are_still_found():
    ok, seen = grows_linearly(lambda n: _eq_calls(lambda: read_text(_symbol_text(n), "s.txt")), 150)
    assert ok, seen
    doc = read_text(_symbol_text(3), "s.txt")
    assert len(doc.notes) == 3                   # the false positive: notes still made


def test_lines_beginning_with_a_star_and_no_calls_grow_linearly():
    text = lambda n: HEAD + "Body.\n\n" + "* a line with words\n\n" * n  # noqa: E731
    ok, seen = grows_linearly(lambda n: _eq_calls(lambda: read_text(text(n), "s.txt")), 200)
    assert ok, seen
    assert not read_text(text(3), "s.txt").notes   # bullets, not notes


def _eq_calls(fn) -> int:
    """Calls of the reader blocks' `==` while `fn()` runs (a `b in list` is one each)."""
    from kroppress.reader.blocks import Raw
    calls = 0
    original = Raw.__eq__

    def counting(self, other):
        nonlocal calls
        calls += 1
        return original(self, other)
    Raw.__eq__ = counting
    try:
        fn()
    finally:
        Raw.__eq__ = original
    return calls


def test_note_calls_find_their_notes_by_bisection():
    ok, seen = grows_linearly(lambda n: lines_run("rules/note_calls.py",
                                                  lambda: read_text(_symbol_text(n), "s.txt")), 150)
    assert ok, seen


class _CountingText(Text):
    """A Text that counts the characters put into it (each `+=` copies the whole)."""
    copied = 0

    def __setattr__(self, name, value):
        if name == "text":
            _CountingText.copied += len(value)
        super().__setattr__(name, value)


def test_a_paragraph_of_many_lines_copies_its_text_a_bounded_number_of_times(monkeypatch):
    monkeypatch.setattr(inlines, "Text", _CountingText)
    raw = HEAD + "a line of words in one paragraph\n" * 3000
    _CountingText.copied = 0
    read_text(raw, "p.txt")
    assert _CountingText.copied < 8 * len(raw), _CountingText.copied   # old: ~1500 × len(raw)


class _CountingSource(str):
    """A source that counts the characters its searches pass over."""
    scanned = 0

    def find(self, sub, start=0, end=None):
        at = str.find(self, sub, start, end)
        _CountingSource.scanned += (at if at >= 0 else len(self) if end is None else end) - start
        return at

    def count(self, sub, start=0, end=None):
        _CountingSource.scanned += (len(self) if end is None else end) - start
        return str.count(self, sub, start, end)


def test_check_places_the_blocks_of_a_long_text_in_one_forward_pass():
    raw = HEAD + "".join(f"Paragraph {k} of a long text with words.\n\n" for k in range(3000))
    doc = read_text(raw, "long.txt")
    _CountingSource.scanned = 0
    check_mod._scan("long.txt", _CountingSource(raw), doc, [])
    assert _CountingSource.scanned < 4 * len(raw), _CountingSource.scanned


def test_check_gives_a_repeated_paragraph_its_own_line():
    """The false positive of the forward pass: the same words twice are two places."""
    raw = HEAD + "The same paragraph, said once\n\nThe same paragraph, said once\n\nEnd.\n"
    found: list = []
    check_mod._scan("t.txt", raw, read_text(raw, "t.txt"), found)
    lines = [f.line for f in found if "without punctuation" in f.message]
    assert lines == [5, 7], found


def test_init_makes_ids_of_one_title_in_linear_work(tmp_path):
    def init(n: int) -> int:
        seeds = tmp_path / f"s{n}"
        seeds.mkdir()
        for i in range(n):
            (seeds / f"{i:04d}.txt").write_text("x")
        doc = lambda path: Document(Metadata(title="A Letter"), [Paragraph([Text("x")])])  # noqa: E731
        return lines_run("book/init.py", lambda: write_starter(seeds, seeds / "a.toml", read=doc))
    ok, seen = grows_linearly(init, 300)
    assert ok, seen


def test_init_skips_an_id_another_title_took():
    from kroppress.book.init import _Ids
    ids = _Ids()
    made = [ids.make(t, "f") for t in ("A Letter", "A Letter 2", "A Letter", "A Letter")]
    assert made == ["a-letter", "a-letter-2", "a-letter-3", "a-letter-4"]


def test_the_review_index_finds_what_a_scan_finds():
    from kroppress.serve.review import Item, _Placed
    rnd = random.Random(7)
    items = []
    for i in range(300):
        first = rnd.randrange(1, 400) if rnd.random() > 0.1 else None
        items.append(Item(f"x{i}", "", first, None if first is None else first + rnd.randrange(4)))
    placed = _Placed(items)
    for _ in range(500):
        a = rnd.randrange(1, 420)
        b = a + rnd.randrange(-2, 6)
        scan = [x for x in items if x.first is not None and x.first <= b and x.last >= a]
        assert placed.over(a, b) is (scan[0] if scan else None)
        after = [x for x in placed.items if x.first > b]
        assert placed.after(b) is (after[0] if after else None)


def test_the_review_page_is_made_once_per_snapshot(monkeypatch):
    from kroppress.serve import review
    from kroppress.serve.project import Snapshot, Text as ServedText
    made = []
    monkeypatch.setattr(review, "_context", lambda text, snap: made.append(text.id) or {"n": len(made)})
    text = ServedText("t1", None, None, "t1.txt")
    snap = Snapshot(generation=1)
    assert review.context(text, snap) is review.context(text, snap) and made == ["t1"]
    review.context(text, Snapshot(generation=2))            # a rebuild: made anew
    assert made == ["t1", "t1"]


def test_a_long_muse_paragraph_line_is_split_in_linear_time():
    """A Muse paragraph is one source line: finding a closing tag at its end
    must not try every start in it (the old pattern took 0.8 s for 8,000
    characters, and four times that for twice as many). A regex's work
    cannot be counted, so this is the one timed shape here, with a wide
    margin: 200,000 characters in well under a second."""
    import time

    from kroppress.reader.muse.blocks import split_tag_lines
    line = "word " * 40_000
    start = time.process_time()
    assert split_tag_lines([(1, line)]) == [(1, line)]
    assert split_tag_lines([(1, line + "</quote>")]) == [(1, line), (1, "</quote>")]
    assert split_tag_lines([(1, "   </Quote>  ")]) == [(1, "   </Quote>  ")]   # the tag alone stays
    assert time.process_time() - start < 1.0

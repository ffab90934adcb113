"""The print edition's page numbers inside the EPUB (issue 12), for a
generated 250-page book in the single and the chunked layout: the checks of
test_page_list.py, in a file of their own so that pytest-xdist can run them
beside that file's (a file's tests stay on one worker)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pikepdf
import pytest

from kroppress.book.assemble import assemble
from kroppress.config import load_config
from kroppress.render.pagemap import PrintPages
from kroppress.writers.epub import write_epub
from kroppress.writers.pdf import write_pdf
from test_page_list import EPOCH, ROOT, Epub, check_pages


# ------------------------------------------------------------------ a long book
def _generate(folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.generate(folder, n_texts=6, words=80_000, notes=120)


@pytest.fixture(scope="module")
def long_book(tmp_path_factory):
    folder = tmp_path_factory.mktemp("long")
    config = load_config(_generate(folder / "book"))
    return config, assemble(config, None, (), (), warnings=[]), folder


@pytest.mark.parametrize("layout", ["single", "chunks"])
def test_a_250_page_book_in_both_layouts(long_book, layout):
    config, book, folder = long_book
    profile = config.print_profile(None)
    starts: list = []
    pdf = write_pdf(book, folder / f"{layout}.pdf", epoch=EPOCH, profile=profile, layout=layout,
                    jobs=2, page_starts=starts)
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) >= 250
    epub = write_epub(book, folder / f"{layout}.epub", epoch=EPOCH,
                      pages=PrintPages(tuple(s for s in starts if s), "urn:test"))
    assert check_pages(pdf, epub, profile, sample=30) == 30
    if layout == "chunks":
        single = (folder / "single.epub")
        if single.exists():
            assert Epub(single).page_list() == Epub(epub).page_list()

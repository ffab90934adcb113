"""`init BOOK --split`, and cuts through the config and the assembly."""
import pytest
from gutenberg_helpers import HEAD, TAIL
from test_cut import BODY

from kroppress.book.assemble import assemble
from kroppress.config import load_config
from kroppress.errors import ConfigError
from kroppress.book.init import write_starter

BOOK_TOML = """[book]
title = "A Test"
identifier = "urn:uuid:3f1c1a52-8d7e-4c1e-9a4e-1b2c3d4e5f60"
date = 2026-01-01

[[parts]]
title = "Essays"
{texts}
"""


def project(tmp_path, texts: str):
    (tmp_path / "book.txt").write_text(HEAD + BODY + TAIL, encoding="utf-8")
    cfg = tmp_path / "anthology.toml"
    cfg.write_text(BOOK_TOML.format(texts=texts), encoding="utf-8")
    return cfg


def test_init_split(tmp_path):
    (tmp_path / "book.txt").write_text(HEAD + BODY + TAIL, encoding="utf-8")
    cfg = write_starter(tmp_path / "book.txt", tmp_path / "anthology.toml", split=True)
    text = cfg.read_text(encoding="utf-8")
    assert text.count("[[parts.texts]]") == 3
    assert 'section = "ESSAY II: SELF-RELIANCE"' in text
    book = assemble(load_config(cfg))
    assert [e.doc.metadata.title for e in book.entries] == ["History", "Self-Reliance", "Compensation"]


def test_two_cuts_of_one_book_read_once(tmp_path):
    cfg = project(tmp_path, """
[[parts.texts]]
id = "history"
source = "book.txt"
section = "History"

[[parts.texts]]
id = "trust"
source = "book.txt"
section = "Self-Reliance"
""")
    calls = []

    def read(path):
        from kroppress.reader import read_file
        calls.append(path)
        return read_file(path)
    book = assemble(load_config(cfg), read=read)
    assert len(calls) == 1
    trust = book.entries[1].doc
    assert trust.metadata.title == "Self-Reliance" and trust.metadata.authors == ["Jane Doe"]
    assert [n.number for n in trust.notes] == [1]


def test_unknown_section_and_bad_key(tmp_path):
    cfg = project(tmp_path, '\n[[parts.texts]]\nid = "x"\nsource = "book.txt"\nsection = "Nature"\n')
    with pytest.raises(ConfigError) as exc:
        assemble(load_config(cfg))
    assert "closest headings" in str(exc.value) and "\n" not in str(exc.value)
    cfg = project(tmp_path, '\n[[parts.texts]]\nid = "x"\nsource = "book.txt"\nlines = "ten"\n')
    with pytest.raises(ConfigError) as exc:
        load_config(cfg)
    assert "anthology.toml:" in str(exc.value) and "lines" in str(exc.value)

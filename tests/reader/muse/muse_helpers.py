"""Reading Muse in the tests: every read is checked for word conservation."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))     # tests/conservation.py

from kroppress.plain import block_text, inline_text  # noqa: E402
from kroppress.reader import read_text  # noqa: E402

from conservation import assert_conserved  # noqa: E402

HEAD = "#title A Title\n#author Jane Doe\n\n"


def read(body: str, head: str = HEAD, name: str = "t.muse"):
    raw = head + body
    doc = read_text(raw, name)
    assert_conserved(raw, doc)
    return doc


def kinds(doc) -> list[str]:
    return [b.kind for b in doc.blocks]


def texts(doc) -> list[str]:
    return [block_text(b) for b in doc.blocks]


__all__ = ["read", "kinds", "texts", "block_text", "inline_text", "HEAD"]

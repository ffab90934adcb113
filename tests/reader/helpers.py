"""Running reader rules alone or in the whole chain, for the rule tests."""
from __future__ import annotations

import sys
from pathlib import Path

# the shared reader helpers live one folder up (tests/conservation.py)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kroppress.reader import read_text, run_rules
from kroppress.reader.blocks import parse_blocks
from kroppress.reader.chain import chain
from kroppress.reader.inlines import InlineBuilder
from kroppress.reader.state import ReadState
from kroppress.reader.report import document_json

from conservation import assert_conserved


def state_of(raw: str) -> ReadState:
    """The read state before any rule ran."""
    state = ReadState("rule.txt", raw)
    state.blocks = parse_blocks(raw, InlineBuilder())
    return state


def apply(raw: str, *rules) -> ReadState:
    """`raw` parsed, then only `rules` (functions) run, in order."""
    state = state_of(raw)
    for rule in rules:
        rule(state)
    return state


def read(raw: str) -> dict:
    """The whole chain, as `inspect --json` shows it; every word conserved."""
    doc = read_text(raw, "rule.txt")
    assert_conserved(raw, doc)
    return document_json(doc)


def read_without(raw: str, *names: str) -> dict:
    doc = run_rules(raw, "rule.txt", chain().disable(*names))
    return document_json(doc)


def body(data: dict) -> list[str]:
    return [b["text"] for b in data["blocks"]]


def types(data: dict) -> list[str]:
    return [b["type"] for b in data["blocks"]]


def actions(data: dict) -> list[str]:
    return [r["action"] for r in data["report"]]


def essay(*paragraphs: str, title: str = "# A Plain Essay\n\nRuth Amsel\n\n") -> str:
    return title + "\n\n".join(paragraphs) + "\n"


# Body paragraphs of an essay no rule should touch (written for these tests).
P1 = ("The canal was dug by hand in the winter of 1794, by men paid in bread and beer, and it carried "
      "coal to the city for a hundred and forty years before the railway took its trade away.")
P2 = ("Nobody now remembers the names of the diggers, but the parish books record their deaths: "
      "eleven in the first winter, most of them from fever, two from a collapse at the deep cutting.")
P3 = ("When the canal was filled in, in 1961, the council kept one lock as a monument, and children "
      "still climb on its gates in summer, as their grandparents did when barges still passed.")

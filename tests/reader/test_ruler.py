"""The chain of rules: order as data, rules listed, disabled, extended; the
ordering constraints of `chain.ORDER` kept; no rule importing a rule."""
import ast
from pathlib import Path

import pytest

from kroppress.reader import run_rules
from kroppress.reader.chain import END, ORDER, chain, end_chain, order_errors
from kroppress.reader.ruler import Ruler
from kroppress.reader.report import document_json

from helpers import P1, P2, essay, read, read_without, body

RULES = Path(__file__).resolve().parents[2] / "src" / "kroppress" / "reader" / "rules"


def test_the_chain_lists_every_rule_in_order():
    names = chain().names()
    assert names[0] == "raw_html" and names[-1] == "publication_date"
    assert names.index("title_block") < names.index("end_matter") < names.index("page_foot_notes")
    assert names.index("letter") < names.index("verse") < names.index("build_blocks")
    assert [n for n, _ in END] == ["web_tail", "colophon", "biography", "notes_list"]


def test_the_chain_keeps_every_ordering_constraint():
    assert order_errors(chain()) == []
    known = set(chain().names()) | set(end_chain().names())
    for first, then, why in ORDER:
        assert {first, then} <= known, (first, then)     # a renamed rule must not void its constraint
        assert why


def _reordered(names: list[str], name: str, after: str) -> Ruler:
    """A chain of the same names with `name` moved after `after` (the checker reads names only)."""
    names = [n for n in names if n != name]
    names.insert(names.index(after) + 1, name)
    return Ruler([(n, lambda state: None) for n in names])


def test_a_chain_that_breaks_a_constraint_is_caught():
    late_letter = _reordered(chain().names(), "letter", "verse")
    assert [e.split(":")[0] for e in order_errors(late_letter)] == [
        "letter must run before dateline", "letter must run before page_split", "letter must run before verse"]
    assert "verse leaves a block with a role" in order_errors(late_letter)[-1]      # the reason comes along
    notes_first = Ruler([(n, lambda state: None) for n in ["notes_list", "web_tail", "colophon", "biography"]])
    assert [e.split(":")[0] for e in order_errors(chain(), notes_first)] == [
        "biography must run before notes_list", "web_tail must run before notes_list",
        "colophon must run before notes_list"]
    # a disabled rule constrains nothing
    assert order_errors(late_letter.disable("dateline", "page_split", "verse")) == []


def test_the_broken_order_loses_what_the_constraint_keeps():
    """Why "biography before the notes list": run after it, the list's last
    note takes the biography."""
    bio = "Ines Varga is a historian of canals who lives in Birmingham."
    raw = essay(P1, "The first lock was finished in 1795.[1]", "[1] Parish accounts, vol. 3, p. 41.", bio,
                title="# A Plain Essay\n\n")
    kept = document_json(run_rules(raw, "rule.txt"))
    assert kept["metadata"]["biography"] and kept["notes"][0]["text"] == "Parish accounts, vol. 3, p. 41."
    notes_first = Ruler([(n, f) for n, f in END if n == "notes_list"] + [(n, f) for n, f in END if n != "notes_list"])
    lost = document_json(run_rules(raw, "rule.txt", chain(notes_first)))
    assert not lost["metadata"]["biography"] and "Ines Varga" in lost["notes"][0]["text"]


def test_no_rule_imports_another_rule():
    """Shared recognisers live in `reader/recognisers.py`: the rules are one floor."""
    rules = {p.stem for p in RULES.glob("*.py")} - {"__init__"}
    for path in RULES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                mod = node.module or ""
                sibling = node.level == 1 and (mod in rules or not mod)
                absolute = mod.startswith("kroppress.reader.rules")
                assert not (sibling or absolute), f"{path.name} imports a rule: {mod or [a.name for a in node.names]}"
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("kroppress.reader.rules") for a in node.names), path.name


def test_a_disabled_rule_does_not_run():
    raw = essay(P1, P2, "Share this:\n\nFacebook\n\nTwitter")
    assert "Facebook" not in "\n".join(body(read(raw)))
    kept = body(read_without(raw, "end_matter"))
    assert "Facebook" in "\n".join(kept)
    assert chain().disable("verse").names().count("verse") == 0
    assert "verse" in chain().disable("verse").names(enabled_only=False)


def test_a_rule_can_be_added_before_another():
    seen = []
    r = chain()
    r.before("build_blocks", "spy", lambda state: seen.append(len(state.blocks)))
    assert r.names().index("spy") == r.names().index("build_blocks") - 1
    run_rules(essay(P1, P2), "x.txt", r)
    assert seen == [2]


def test_an_unknown_rule_name_is_an_error():
    with pytest.raises(KeyError):
        chain().disable("no_such_rule")


#: the whole-book rules (Project Gutenberg's releases) are tested together,
#: through the book chain, in tests/reader/gutenberg/: each in this file
BOOK_RULE_TESTS = {"gutenberg_frame": "test_frame", "book_front": "test_frame",
                   "book_headings": "test_headings", "illustration": "test_headings",
                   "book_notes": "test_notes", "hyphen_join": "test_hyphens",
                   "book_quotes": "test_books", "book_spaces": "test_books"}


def test_every_rule_has_its_own_test_file():
    tests = Path(__file__).resolve().parent
    missing = [p.stem for p in RULES.glob("*.py") if p.stem != "__init__"
               and not (tests / f"test_{p.stem}.py").is_file()
               and not (tests / "gutenberg" / f"{BOOK_RULE_TESTS.get(p.stem, '-')}.py").is_file()]
    assert missing == []

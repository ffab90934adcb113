"""The chain of rules: order as data, rules listed, disabled, extended."""
from kroppress.reader.chain import END, chain

from helpers import P1, P2, essay, read, read_without, body


def test_the_chain_lists_every_rule_in_order():
    names = chain().names()
    assert names[0] == "raw_html" and names[-1] == "publication_date"
    assert names.index("title_block") < names.index("end_matter") < names.index("page_foot_notes")
    assert names.index("letter") < names.index("verse") < names.index("build_blocks")
    assert [n for n, _ in END] == ["web_tail", "colophon", "biography", "notes_list"]


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
    from kroppress.reader import run_rules
    run_rules(essay(P1, P2), "x.txt", r)
    assert seen == [2]


def test_an_unknown_rule_name_is_an_error():
    import pytest
    with pytest.raises(KeyError):
        chain().disable("no_such_rule")

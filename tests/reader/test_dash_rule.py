"""dash_rule: a line of dashes is a rule."""
from kroppress.reader.rules import dash_rule

from helpers import apply


def test_dash_rule_a_line_of_dashes_but_not_a_dash_in_prose():
    s = apply("The end.\n\n—————\n\nMore — and more.\n", dash_rule.rule)
    assert [b.type for b in s.blocks] == ["paragraph", "hr", "paragraph"]

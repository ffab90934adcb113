"""contents_table: a source edition's contents near the head."""
from helpers import P1, P2, actions, body, read


def test_a_contents_table_with_page_numbers_or_headings_is_dropped():
    for toc in ("Contents\n\nThe Locks\t\t6\nThe School .......... 14", "## Contents\n\nThe Locks\nThe School"):
        raw = f"# The Canal\n\nRuth Amsel\n\n{toc}\n\n{P1}\n\n## The Locks\n\n{P2}\n\n## The School\n\n{P1}\n"
        data = read(raw)
        assert body(data)[0] == P1 and "contents dropped" in actions(data), toc


def test_a_heading_named_contents_above_prose_stays():
    raw = f"# The Canal\n\nRuth Amsel\n\n## Contents\n\n{P1}\n\n{P2}\n"
    data = read(raw)
    assert body(data) == ["Contents", P1, P2] and "contents dropped" not in actions(data)

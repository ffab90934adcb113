"""build_blocks: the repaired raw blocks become the model's blocks."""
from helpers import body, read, types

HEAD = "# The Canal\n\nRuth Amsel\n\n"


def test_build_blocks_list_lines_a_paragraph_each_prose_lines_joined():
    data = read(HEAD + "The demands:\n1. Bread.\n2. Land.\n\nThe diggers worked\nall winter.\n")
    assert body(data) == ["The demands:", "1. Bread.", "2. Land.", "The diggers worked all winter."]


TABLE = "| Year | Coal (tons) | Lime |\n|---|---:|---|\n| 1794 | 1,200 | *none* |\n| 1800 | 3,400 | 40 |"


def test_a_markdown_table_is_a_table_block():
    from kroppress.reader import read_text
    data = read(HEAD + "The tolls rose.\n\n" + TABLE + "\n\nThe canal paid.\n")
    assert types(data) == ["paragraph", "table", "paragraph"]
    assert body(data)[1] == "Year | Coal (tons) | Lime\n1794 | 1,200 | none\n1800 | 3,400 | 40"
    table = read_text(HEAD + "The tolls rose.\n\n" + TABLE + "\n", "t.txt").blocks[1]
    assert [r.section for r in table.rows] == ["head", "body", "body"]
    assert table.rows[1].cells[2][0].kind == "emphasis"
    # false positive: lines with bars but no delimiter row stay prose
    data = read(HEAD + "Coal | lime | salt were the trade.\nIt paid | it failed.\n")
    assert types(data) == ["paragraph"]


def test_a_line_without_a_bar_under_a_table_is_prose_not_a_row():
    data = read(HEAD + "The tolls rose.\n\n" + TABLE + "\nThat is all the ledger says.\n")
    assert types(data) == ["paragraph", "table", "paragraph"]
    assert body(data)[2] == "That is all the ledger says."
    # false positive: a row with bars is a row, even without a leading one
    data = read(HEAD + "The tolls rose.\n\n" + TABLE + "\n1810 | 5,000 | 60\n")
    assert body(data)[1].endswith("1810 | 5,000 | 60") and types(data) == ["paragraph", "table"]

"""build_blocks: the repaired raw blocks become the model's blocks."""
from helpers import body, read

HEAD = "# The Canal\n\nRuth Amsel\n\n"


def test_build_blocks_list_lines_a_paragraph_each_prose_lines_joined():
    data = read(HEAD + "The demands:\n1. Bread.\n2. Land.\n\nThe diggers worked\nall winter.\n")
    assert body(data) == ["The demands:", "1. Bread.", "2. Land.", "The diggers worked all winter."]

"""note_lines: note definitions on consecutive lines are separate notes."""
from kroppress.reader.rules import note_lines

from helpers import apply


def test_note_lines_split_but_prose_lines_stay():
    s = apply("[1] First note.\n[2] Second note.\n", note_lines.rule)
    assert len(s.blocks) == 2
    s = apply("A line that mentions [1]\nin its middle.\n", note_lines.rule)
    assert len(s.blocks) == 1

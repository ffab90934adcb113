"""letter: a letter's parts, hard or soft line breaks."""
from helpers import P1, P2, body, read, types

HEAD = "# A Letter\n\nRuth Amsel\n\n"


def test_address_salutation_closing_and_signature():
    data = read(HEAD + "12 Canal Row\nStoke Lock\n\nDear Comrade,\n\n" + P1 + "\n\n" + P2 +
                "\n\nYours fraternally,\n\nRuth Amsel\n\nP.S. The plans follow by the next post.\n")
    assert types(data) == ["address", "salutation", "paragraph", "paragraph", "closing", "signature",
                           "postscript"]


def test_the_salutation_with_the_first_paragraph_and_a_one_line_closing():
    data = read(HEAD + "Dear Jonas,\n" + P1 + "\n\nWith love, Ruth Amsel\n")
    assert types(data) == ["salutation", "paragraph", "closing", "signature"]
    assert body(data)[-2:] == ["With love,", "Ruth Amsel"]


def test_an_essay_ending_on_a_short_line_is_not_signed():
    data = read(HEAD + P1 + "\n\n" + P2 + "\n\nThe lock is still there\n")
    assert types(data) == ["paragraph", "paragraph", "paragraph"]


def _signature_lines(raw: str) -> list[str]:
    """The signature's lines, as the model keeps them (a line break between)."""
    from kroppress.model import LineBreak, Signature
    from kroppress.plain import inline_text
    from kroppress.reader import read_text
    from conservation import assert_conserved
    doc = read_text(raw, "rule.txt")
    assert_conserved(raw, doc)
    sig = [b for b in doc.blocks if isinstance(b, Signature)]
    assert sig, doc.blocks
    lines, line = [], []
    for node in sig[-1].inlines:
        if isinstance(node, LineBreak):
            lines.append(inline_text(line)); line = []
        else:
            line.append(node)
    return lines + [inline_text(line)]


NAME_AND_OFFICE = ["Ada Marlowe", "Secretary, Women's Strike Committee"]


def test_the_signers_office_keeps_its_line_after_a_closing_of_its_own():
    raw = HEAD + "Dear Comrades,\n\n" + P1 + "\n\nYours in the struggle,\n\nAda Marlowe\nSecretary, Women's Strike Committee\n"
    assert _signature_lines(raw) == NAME_AND_OFFICE


def test_closing_name_and_office_in_one_paragraph():
    raw = HEAD + "Dear Comrades,\n\n" + P1 + "\n\nYours in the struggle,\nAda Marlowe\nSecretary, Women's Strike Committee\n"
    assert types(read(raw))[-2:] == ["closing", "signature"]
    assert _signature_lines(raw) == NAME_AND_OFFICE
    # with no salutation too, when the closing has a letter's words
    assert _signature_lines(HEAD + P1 + "\n\nYours in the struggle,\nAda Marlowe\n"
                            "Secretary, Women's Strike Committee\n") == NAME_AND_OFFICE


def test_closing_and_name_on_one_line_then_the_office():
    raw = HEAD + "Dear Comrades,\n\n" + P1 + "\n\nYours in the struggle, Ada Marlowe\nSecretary, Women's Strike Committee\n"
    assert body(read(raw))[-2] == "Yours in the struggle,"
    assert _signature_lines(raw) == NAME_AND_OFFICE


def test_a_name_and_office_on_one_line_is_not_cut_into_a_closing():
    raw = HEAD + "Dear Comrades,\n\n" + P1 + "\n\nYours in the struggle,\n\nAda Marlowe, Secretary, Women's Strike Committee\n"
    data = read(raw)
    assert types(data)[-2:] == ["closing", "signature"]
    assert body(data)[-2:] == ["Yours in the struggle,", "Ada Marlowe, Secretary, Women's Strike Committee"]


def test_a_closing_paragraph_and_a_short_last_line_of_prose_stay_prose():
    # false positive: a last paragraph of three lines that is no closing and no name
    raw = HEAD + P1 + "\n\nThe lock is still there,\nand the barges pass it\nevery morning at six.\n"
    assert types(read(raw))[-1] == "paragraph"

"""notes_list: a list of notes at the end, in every form and position."""
from helpers import P1, P2, actions, body, essay, read

CALLED = ("The first lock was finished in 1795.[1] The second took two more years, and the third "
          "was never built at all.[2]")
SUP_CALLED = ("The first lock was finished in 1795.<sup>1</sup> The second took two more years, and "
              "the third was never built at all.<sup>2</sup>")
CARET_CALLED = ("The first lock was finished in 1795.^1 The second took two more years, and the third "
                "was never built at all.^2")
N1, N2 = "Parish accounts, vol. 3, p. 41.", "The plans survive in the county record office."


def _notes(data):
    return {n["label"]: n["text"] for n in data["notes"]}


def test_every_form_under_every_heading_or_none():
    forms = ["[1] {}\n\n[2] {}", "[1]. {}\n\n[2]. {}", "^1 {}\n\n^2 {}", "1. {}\n2. {}", "1) {}\n\n2) {}"]
    for heading in ["Notes", "## Endnotes", "Footnotes:", "References", ""]:
        for form in forms:
            calls = CARET_CALLED if form.startswith("^") else CALLED
            defs = form.format(N1, N2)
            raw = essay(P1, calls, *([heading] if heading else []), defs)
            data = read(raw)
            assert _notes(data) == {"1": N1, "2": N2}, (heading, form)
            assert body(data) == [P1, calls.replace(".[1]", ".[^1]").replace("all.[2]", "all.[^2]")
                                  .replace(".^1", ".[^1]").replace("all.^2", "all.[^2]")], (heading, form)


def test_parenthesised_numbers_are_notes_under_a_heading():
    data = read(essay(P1, CALLED, "Notes", f"(1) {N1}\n\n(2) {N2}"))
    assert _notes(data) == {"1": N1, "2": N2}


def test_notes_before_and_after_a_biography_and_a_site_tail():
    bio = "Ines Varga is a historian of canals who lives in Birmingham."
    for tail in [[f"[1] {N1}", f"[2] {N2}", bio, "Share this:", "Facebook"],
                 [bio, "Notes", f"[1] {N1}", f"[2] {N2}", "Subscribe to our newsletter"]]:
        data = read(essay(P1, SUP_CALLED, *tail, title="# A Plain Essay\n\n"))
        assert _notes(data) == {"1": N1, "2": N2}
        assert body(data)[0] == P1 and len(body(data)) == 2
        assert data["metadata"]["authors"] == ["Ines Varga"]


def test_a_wrapped_note_and_a_note_of_two_paragraphs_stay_whole():
    data = read(essay(P1, CALLED, "[1] The accounts are kept in the vestry and were\nread in 1960.",
                      f"[2] {N2}", "A second paragraph of the second note, added by the editor."))
    notes = _notes(data)
    assert notes["1"] == "The accounts are kept in the vestry and were read in 1960."
    assert notes["2"] == N2 + "\n\nA second paragraph of the second note, added by the editor."


def test_a_numbered_programme_nobody_calls_stays_body():
    demands = "1. An eight-hour day on the locks.\n2. A wage for the winter months.\n3. A school."
    data = read(essay(P1, P2, "Our demands are few:", demands))
    assert data["notes"] == []
    assert body(data)[-3:] == ["1. An eight-hour day on the locks.", "2. A wage for the winter months.",
                               "3. A school."]
    assert "notes list found" not in actions(data)


def test_a_list_introduced_by_a_colon_is_a_list_even_when_numbers_are_called():
    data = read(essay(P1, CALLED, "Two questions remain:", f"1. {N1}\n2. {N2}"))
    assert data["notes"] == []


def test_a_call_with_no_list_entry_stays_text_and_is_reported():
    raw = essay(P1, CALLED + " See also [3].", f"[1] {N1}", f"[2] {N2}")
    from kroppress.reader import read_text
    doc = read_text(raw, "x.txt")
    assert "[3]" in body(read(raw))[1]
    assert any("[3] looks like a note call" in w for w in map(str, doc.warnings))

"""Which English a text is spelled in (`transforms.spelling`), for its
hyphenation patterns; words spelled alike on both sides count for neither."""
from __future__ import annotations

import pytest

from kroppress.transforms.spelling import english_variant, hyphenation_language


@pytest.mark.parametrize("text, tag", [
    ("The colour of labour, organised by the neighbours.", "en-GB"),
    ("The color of labor, organized by the neighbors.", "en-US"),
    ("the realisation of a favourite plan", "en-GB"),
    ("the realization of a favorite plan", "en-US"),
    # Oxford spelling: -ize with -our is British
    ("The colour and honour of labour, organized.", "en-GB"),
])
def test_the_spelling_tells(text, tag):
    assert english_variant(text).tag == tag


@pytest.mark.parametrize("text", [
    # -our, -or, -ise, -ize words spelled alike in both
    "our hour four your tour flour pour",
    "actor motor doctor author error mirror minor",
    "rise wise otherwise promise surprise exercise advertise advised",
    "size prize seize capsize",
    "",
])
def test_words_spelled_alike_tell_nothing(text):
    assert english_variant(text).tag is None


def test_a_tag_with_a_region_is_kept_and_a_bare_one_decided():
    assert hyphenation_language("en-US", "the colour of labour")[0] == "en-US"
    assert hyphenation_language("fr", "la couleur")[0] == "fr"
    assert hyphenation_language("en", "the color of labor")[0] == "en-US"
    assert hyphenation_language("en", "nothing that differs")[0] == "en-GB"


@pytest.mark.parametrize("body, tag", [
    ("The color of labor, organized by the neighbors, is a favorite theme.", "en-US"),
    ("The colour of labour, organized by the neighbours, is a favourite theme.", "en-GB"),
])
def test_inspect_says_how_a_text_will_be_hyphenated(tmp_path, body, tag):
    import json
    from typer.testing import CliRunner
    from kroppress.cli import app
    path = tmp_path / "t.md"
    path.write_text(f"# A Title\n\n{body}\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["inspect", "--json", str(path)])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)["hyphenation"]
    assert data["language"] == tag and "-our" in data["from"]
    text = CliRunner().invoke(app, ["inspect", str(path)]).output
    assert f"hyphenated as {tag}" in text

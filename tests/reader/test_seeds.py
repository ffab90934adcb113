"""What the four shipped seeds must yield."""
from __future__ import annotations

import hashlib
import json
import re
import typing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kroppress import model
from kroppress.cli import app
from kroppress.model import NoteRef
from kroppress.plain import block_text
from kroppress.reader import read_file
from kroppress.reader.report import BLOCK_TYPES, document_json

from conservation import assert_conserved, call_labels
from shared_corpus import shared

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SHARED = shared("seeds")
ALL = sorted(SEEDS.glob("*.txt"))


def load(name: str):
    path = SEEDS / name
    return read_file(path), path.read_text(encoding="utf-8")


def texts(doc, kind=None):
    return [block_text(b) for b in doc.blocks if kind is None or b.kind == kind]


def one_paragraph_with(doc, *fragments):
    hits = [t for t in texts(doc) if all(f in t for f in fragments)]
    assert len(hits) == 1, f"{fragments} not in one block: {len(hits)} hits"
    return hits[0]


def block_text_of(node):
    return "".join(c.text for c in node.children)


all_calls = call_labels


def test_four_seeds_present():
    assert len(ALL) == 4


#: SHA-256 of the seeds as shared (../shared/seeds): a clone without that
#: folder still checks that no seed was edited (corrections go in the config)
SEED_SHA256 = {
    "000_bfb9fb97478a63a0.txt": "d289231ff99a9cb3b7f047b0ecc24c1b99d564654a16cc8960e2a4abd8619116",
    "001_2899d77362680702.txt": "e365740eba9349bfc776e2daf14b26773602f557f984b6d34b034f7eba516e90",
    "002_74b1c565100d97da.txt": "19165f84a236711c1f6ad71d1cc2a8f27e9f4c900bb4397b179a0b19bbf6b0de",
    "003_313c5c03497de804.txt": "5297f467ab47bb1da29d0c559cd32a4c793f5675ff659d29f5ee6b98ac70e6eb",
}


def test_seeds_byte_identical_to_shared():
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in ALL} == SEED_SHA256
    if SHARED.is_dir():
        for p in ALL:
            assert p.read_bytes() == (SHARED / p.name).read_bytes()


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name[:3])
def test_every_word_conserved(path):
    assert_conserved(path.read_text(encoding="utf-8"), read_file(path))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name[:3])
def test_no_leftover_artifacts(path):
    doc = read_file(path)
    for t in texts(doc) + [block_text(b) for n in doc.notes for b in n.blocks]:
        assert "<sup>" not in t and "</sup>" not in t
        assert t.strip() != "---"
    assert not doc.warnings, doc.warnings


def test_action_of_the_masses():
    doc, raw = load("000_bfb9fb97478a63a0.txt")
    m = doc.metadata
    assert m.title == "The Action of the Masses and the Individual"
    assert m.authors == ["Pëtr Kropotkin"]
    assert m.date == "1890"
    assert "La Révolte" in m.first_published and "May 1890" in m.first_published
    assert m.source_url.startswith("http://robertgraham.wordpress.com/2014/09/27/")
    assert [n.label for n in doc.notes] == [str(i) for i in range(1, 8)]
    assert all(n.note_kind == "translator" for n in doc.notes)
    assert all_calls(doc) == [str(i) for i in range(1, 8)]
    # ordinals stay ordinals
    assert "“So be it, see you on the 1st of May!”" in one_paragraph_with(doc, "tell each other")
    assert "24th" not in "".join(texts(doc)) and "1st May to the Paris Congress.[^4]" in "".join(texts(doc))
    sup = [n for b in doc.blocks for n in getattr(b, "inlines", []) if n.kind == "superscript"]
    assert sup and {block_text_of(n) for n in sup} <= {"st", "nd", "th"}
    p = one_paragraph_with(doc, "is enough and they tell each other: “So be it")
    assert p.count("[^") == 1  # note 2 only
    one_paragraph_with(doc, "the idea of a general strike has only been postponed")
    assert not any("Anarhija" in t or "Retrieved" in t or "Library" in t for t in texts(doc))
    assert doc.blocks[-1].kind == "paragraph" and texts(doc)[-1].endswith("by misunderstanding.")
    notes = {n.label: block_text(n.blocks[0]) for n in doc.notes}
    assert "2nd district" in notes["6"] and not notes["6"].endswith("(translator)")


def test_letter_to_berkman():
    doc, raw = load("001_2899d77362680702.txt")
    m = doc.metadata
    assert m.authors == ["Pëtr Kropotkin"]
    assert "1908" in m.date and "November 20" in m.date
    kinds = [b.kind for b in doc.blocks]
    assert kinds[:3] == ["dateline", "address", "salutation"]
    assert kinds[-2:] == ["closing", "signature"]
    assert texts(doc, "dateline") == ["November 20, 1908."]
    address = texts(doc, "address")[0].split("\n")
    assert address[0] == "Personal; not for print"
    assert "London, N." in address
    assert texts(doc, "salutation") == ["Dear Berkman"]
    assert texts(doc, "closing") == ["Much brotherly love,"]
    assert texts(doc, "signature") == ["Peter Kropotkin"]
    one_paragraph_with(doc, "the most \"terrific\" paradoxes, only better to sell afterwards")
    assert m.rights == "Anti-Copyright"
    assert m.source_url or m.source_site
    assert "RevoltLib.com" in m.retrieved
    assert not any("Anarchist Library" in t for t in texts(doc))


def test_russian_revolution():
    doc, raw = load("002_74b1c565100d97da.txt")
    m = doc.metadata
    assert m.title == "The Russian Revolution and the Soviet Government"
    assert m.subtitle == "Letter to the Workers of Western Europe"
    assert m.authors == ["Pëtr Kropotkin"]
    assert texts(doc)[0] == "Dmitrov, Russia, April 28, 1919" and doc.blocks[0].kind == "dateline"
    assert texts(doc, "heading") == ["What to do?"]
    assert not any(t.startswith("Contents") or "\t6" in t for t in texts(doc))
    one_paragraph_with(doc, "new forms of more independent life")
    one_paragraph_with(doc, "people who will be capable of undertaking")
    assert "Labour Leader" in m.first_published and "1920" in m.first_published
    assert "marxists.org" in m.source_url
    assert m.rights == "Anti-Copyright"
    assert not any("Anti-Copyright" in t or "Anarchist Library" in t for t in texts(doc))


def test_mutual_aid_essay():
    doc, raw = load("003_313c5c03497de804.txt")
    m = doc.metadata
    # The colon separates a main title from its subtitle, as on any title page.
    assert m.title == "Reconciling Mutual Aid With Revolutionary Violence"
    assert m.subtitle == "The Case of Peter Kropotkin"
    assert m.authors == ["Milan Djurasovic"]
    bio = " ".join(block_text(b) for b in m.biography)
    assert bio.startswith("Milan Djurasovic is a Bosnian American collage artist")
    assert not any("Bosnian American" in t for t in texts(doc))
    assert [n.label for n in doc.notes] == [str(i) for i in range(1, 9)]
    assert all_calls(doc) == [str(i) for i in range(1, 9)]
    note1 = block_text(doc.notes[0].blocks[0])
    assert note1.startswith("Stephen Jay. Gould, Kropotkin Was No Crackpot")
    assert note1.endswith("(accessed 8 January, 2015).")
    joined = "\n".join(texts(doc))
    for gone in ("Support Countercurrents", "Newsletter", "WhatsApp", "Related Posts", "Latest News",
                 "Marxism and Anarchism"):
        assert gone not in joined
    assert texts(doc)[-1].endswith("indispensible.")


def test_inspect_json_contract():
    path = SEEDS / "000_bfb9fb97478a63a0.txt"
    result = CliRunner().invoke(app, ["inspect", "--json", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"metadata", "blocks", "notes", "report", "warnings"}
    assert set(data["metadata"]) >= {"title", "subtitle", "authors", "date", "first_published",
                                     "source_url", "rights", "biography"}
    assert isinstance(data["metadata"]["authors"], list)
    assert {b["type"] for b in data["blocks"]} <= set(BLOCK_TYPES)
    counts = data["counts"]
    assert set(counts) == {"paragraphs", "headings", "notes", "note_references"}
    assert counts["paragraphs"] == [b["type"] for b in data["blocks"]].count("paragraph") > 0
    assert counts["headings"] == [b["type"] for b in data["blocks"]].count("heading")
    assert counts["notes"] == len(data["notes"]) == 7           # the seed's translator's notes
    assert counts["note_references"] == sum(b["text"].count("[^") for b in data["blocks"]) == 7
    assert "[^2]" in data["blocks"][1]["text"]
    assert {n["kind"] for n in data["notes"]} == {"translator"}
    assert all(set(r) >= {"action", "lines", "detail"} and len(r["lines"]) == 2 for r in data["report"])
    assert any(r["action"] == "paragraph joined" for r in data["report"])
    assert data == document_json(read_file(path))


def test_readme_lists_the_block_types_of_the_code():
    """The README's `inspect --json` table names every block type the code can
    emit, and only those; the code's list is the model's block kinds."""
    readme = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `blocks` |"))
    listed = re.findall(r"`(\w+)`", row.split("is one of", 1)[1].split(";", 1)[0])
    assert sorted(listed) == sorted(BLOCK_TYPES), "README.md `blocks` row vs report.BLOCK_TYPES"
    assert len(set(BLOCK_TYPES)) == len(BLOCK_TYPES)
    assert set(BLOCK_TYPES) == {cls.kind for cls in typing.get_args(model.Block)}


def test_inspect_human_output_lists_repairs():
    result = CliRunner().invoke(app, ["inspect", str(SEEDS / "002_74b1c565100d97da.txt")])
    assert result.exit_code == 0
    assert "contents dropped" in result.output and "paragraph joined" in result.output


_QUOTED = re.compile(r"(?<!\w)'([^'\n]+)'(?!\w)")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name[:3])
def test_every_repair_names_the_lines_that_hold_its_text(path):
    """A report entry's 1-based `lines` hold the text it removed (`text`) and
    any source string its detail quotes ('…')."""
    source = path.read_text(encoding="utf-8-sig").splitlines()
    doc = read_file(path)
    assert doc.report
    checked = 0
    for r in doc.report:
        first, last = r.lines
        assert 1 <= first <= last <= len(source), r
        span = _squeeze("\n".join(source[first - 1:last]))
        named = ([r.text] if r.text.strip() else []) + _QUOTED.findall(r.detail)
        for fragment in named:
            assert _squeeze(fragment) in span, \
                f"{r.action} at lines {first}-{last}: {fragment!r} is not there ({span[:200]!r})"
            checked += 1
        # "lines 11-11 and 19-19: …" (the halves of a joined paragraph): text lines
        ranges = r.detail.split(":")[0] if r.detail.startswith("lines ") else ""
        for a, b in re.findall(r"(\d+)-(\d+)", ranges):
            a, b = int(a), int(b)
            assert first <= a <= b <= last and all(source[i - 1].strip() for i in (a, b)), r
            checked += 1
    assert checked

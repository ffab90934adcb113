"""Generated raw texts from the artifact grammar: page-foot note blocks cutting
paragraphs, page splits, ordinals, `[n]` notes, colophons, letters.

`make test` runs a few hundred examples; `make fuzz` runs thousands
(KROPPRESS_FUZZ_EXAMPLES)."""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings, strategies as st

from kroppress.model import NoteRef
from kroppress.plain import block_text, inline_text
from kroppress.reader import read_text

from conservation import assert_conserved, call_labels

EXAMPLES = int(os.environ.get("KROPPRESS_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="KROPPRESS_FUZZ_EXAMPLES" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VOCAB = ("bread land river granary village commune worker field harvest market council "
         "forest road meeting week morning evening letter mill school house cart garden "
         "question answer custom hill valley bridge well").split()
NAMES = ["Anna Volkova", "Jean Grave", "Emma Roth", "Luigi Fabbri", "Mary Hale"]
ORDINALS = [("1", "st"), ("2", "nd"), ("3", "rd"), ("24", "th")]

word = st.sampled_from(VOCAB)


@st.composite
def sentence(draw):
    ws = draw(st.lists(word, min_size=3, max_size=12))
    if draw(st.booleans()):
        n, suf = draw(st.sampled_from(ORDINALS))
        k = draw(st.integers(0, len(ws) - 1))
        ws.insert(k, f"{n}<sup>{suf}</sup>")
    return ws


@st.composite
def document(draw):
    """Returns (raw text, expected paragraphs, expected notes {label: text})."""
    bracket = draw(st.booleans())
    first = draw(st.integers(1, 90))
    n_par = draw(st.integers(1, 7))
    paras = []             # each: list of tokens (words), '.' ends sentences
    for _ in range(n_par):
        toks = []
        for s in draw(st.lists(sentence(), min_size=1, max_size=4)):
            s = list(s)
            s[0] = s[0].capitalize()
            s[-1] += "."
            toks += s
        paras.append(toks)
    label = first
    notes: dict[str, str] = {}
    raw_pars: list[str] = []
    pending: list[str] = []            # page-foot definitions not yet printed
    for toks in paras:
        out = []
        cut = None
        if len(toks) > 4 and draw(st.booleans()):
            cut = draw(st.integers(1, len(toks) - 2))
            if not toks[cut][0].islower() or toks[cut - 1].endswith("."):
                cut = None
        for k, t in enumerate(toks):
            if k == cut:
                out.append(None)      # page break here
            tail = ""
            if draw(st.integers(0, 5)) == 0 and "<sup>" not in t:
                text = " ".join(draw(st.lists(word, min_size=2, max_size=8))).capitalize() + "."
                notes[str(label)] = text
                tail = f"[{label}]" if bracket else f"<sup>{label}</sup>"
                pending.append(f"[{label}] {text}" if bracket else f"<sup>{label}</sup> {text}")
                label += 1
            out.append(t + tail)
        chunks, cur = [], []
        for t in out:
            if t is None:
                chunks.append(cur)
                cur = []
            else:
                cur.append(t)
        chunks.append(cur)
        piece = " ".join(chunks[0])
        for rest in chunks[1:]:
            if pending and not bracket:
                piece += "\n\n---\n\n" + "\n\n".join(pending)
                pending = []
            piece += "\n\n" + " ".join(rest)
        raw_pars.append(piece)
    tail_defs = "\n\n".join(pending)
    header = f"# {draw(word).capitalize()} and {draw(word).capitalize()}\n\n{draw(st.sampled_from(NAMES))}\n\n1891\n\n"
    letter = draw(st.booleans())
    body = "\n\n".join(raw_pars)
    if letter:
        body = "Dear comrade,\n\n" + body + "\n\nYours fraternally,\n\nA. Martin"
    raw = header + body
    if tail_defs:
        raw += ("\n\n---\n\n" if not bracket else "\n\n") + tail_defs
    if draw(st.booleans()):
        raw += "\n\nThe Anarchist Library  \nAnti-Copyright\n\nRetrieved on May 1, 2001 from www.example.org"
    if draw(st.booleans()):
        raw = raw.replace("\n", "\r\n")
    expected = [" ".join(p).replace("<sup>", "").replace("</sup>", "") for p in paras]
    return raw, expected, notes, letter


@FUZZ
@given(document())
def test_generated_texts_are_repaired_without_losing_a_word(case):
    raw, expected, notes, letter = case
    doc = read_text(raw.replace("\r\n", "\n"), "gen.txt")
    assert_conserved(raw, doc)
    body = [b for b in doc.blocks if b.kind == "paragraph"]
    assert [block_text(b, note_calls=False) for b in body] == expected
    if letter:
        assert "salutation" in [b.kind for b in doc.blocks][:2]
        assert [b.kind for b in doc.blocks][-2:] == ["closing", "signature"]
    got = {n.label: block_text(n.blocks[0]) for n in doc.notes}
    assert got == notes
    assert call_labels(doc) == list(notes)
    assert not doc.warnings, doc.warnings
    _assert_renders_well_formed(doc)


def _assert_renders_well_formed(doc):
    """The repaired text through the shared templates is well-formed XHTML,
    with every note call and back-link pointing at something that exists."""
    from lxml import etree

    from kroppress.model import Book, BookMeta, Entry, Part
    from kroppress.render import render_book, render_page
    from kroppress.transforms import notes as notes_mod, typography

    typography.smarten(doc)
    notes_mod.number("gen", doc)
    book = Book(BookMeta(title="Fuzz", identifier="urn:uuid:00000000-0000-4000-8000-000000000000"),
                [Part("Texts", [Entry("gen", doc)], id="part-texts")])
    ids, hrefs = set(), []
    for section in render_book(book, "epub"):
        root = etree.fromstring(render_page(section).encode("utf-8"))   # raises if malformed
        ids |= {f"{section.filename}#{i}" for i in root.xpath("//@id")}
        hrefs += [h for h in root.xpath("//*[local-name()='a']/@href") if ".xhtml#" in h]
    assert not [h for h in hrefs if h not in ids]


@FUZZ
@given(st.text(max_size=400))
def test_reader_never_crashes_on_arbitrary_text(text):
    try:
        doc = read_text(text, "any.txt")
    except Exception as exc:  # only clear input errors are allowed
        from kroppress.errors import InputError
        assert isinstance(exc, InputError), repr(exc)
        return
    for b in doc.blocks:
        block_text(b)
    for n in doc.notes:
        inline_text(n.blocks[0].inlines)

"""Generated raw texts from the artifact grammar: page-foot note blocks cutting
paragraphs, page splits, ordinals, `[n]` notes, colophons, letters; and, in a
second grammar, block quotes, words cut at a hyphen, verse and website
tails. Every text goes through a real file, in UTF-8 with or without a BOM
or UTF-16, with LF, CRLF, CR or mixed line ends.

`make test` runs a few hundred examples, the same ones every run
(derandomized); `make fuzz` runs thousands (KROPPRESS_FUZZ_EXAMPLES) from a
fresh seed it prints (`make fuzz KROPPRESS_FUZZ_SEED=N` runs that seed again)."""
from __future__ import annotations

import codecs
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from kroppress.plain import block_text, inline_text
from kroppress.reader import read_file, read_text
from kroppress.reader.report import document_json

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
    expected = [" ".join(p).replace("<sup>", "").replace("</sup>", "") for p in paras]
    return raw, expected, notes, letter


# ------------------------------------------------------------------ on disk
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be")
_BOM = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


@st.composite
def file_form(draw):
    """How a text is saved: (encoding, a line end for each line end)."""
    encoding = draw(st.sampled_from(ENCODINGS))
    style = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=50))
    return encoding, style, ends


def saved(raw: str, form) -> bytes:
    """`raw` (LF line ends) as the bytes of a file saved in `form`."""
    encoding, style, ends = form
    lines = raw.split("\n")
    out = [lines[0]]
    previous = ""
    for i, line in enumerate(lines[1:]):
        end = style if style != "mixed" else ends[i % len(ends)]
        if previous == "\r" and out[-1] == "" and end == "\n":
            end = "\r\n"     # a CR, an empty line, an LF would read as one CRLF
        out += [end, line]
        previous = end
    text = "".join(out)
    return _BOM.get(encoding, b"") + text.encode(encoding)


def read_saved(raw: str, form):
    """Write `raw` to a real file in `form` and read it back with read_file;
    return the document and the warnings the file form alone explains."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.txt"
        path.write_bytes(saved(raw, form))
        doc = read_file(path)
    expected = [str(w) for w in doc.warnings if "UTF-16 (BOM found)" in str(w)]
    assert len(expected) == form[0].startswith("utf-16")
    return doc, expected


def same_reading(doc, raw: str) -> None:
    """The file reads exactly as its text with LF line ends does."""
    plain = document_json(read_text(raw, "gen.txt"))
    got = document_json(doc)
    got["warnings"] = [w.replace(doc.source_path, "gen.txt") for w in got["warnings"]
                       if "UTF-16 (BOM found)" not in w]
    assert got == plain


@FUZZ
@given(document(), file_form())
def test_generated_texts_are_repaired_without_losing_a_word(case, form):
    raw, expected, notes, letter = case
    doc, form_warnings = read_saved(raw, form)
    same_reading(doc, raw)
    assert_conserved(raw, doc)
    body = [b for b in doc.blocks if b.kind == "paragraph"]
    assert [block_text(b, note_calls=False) for b in body] == expected
    if letter:
        assert "salutation" in [b.kind for b in doc.blocks][:2]
        assert [b.kind for b in doc.blocks][-2:] == ["closing", "signature"]
    got = {n.label: block_text(n.blocks[0]) for n in doc.notes}
    assert got == notes
    assert call_labels(doc) == list(notes)
    assert [str(w) for w in doc.warnings] == form_warnings
    _assert_renders_well_formed(doc)


# ------------------------------------------------------------------ a wider grammar
#: words a page break cuts after their hyphen ("co-" / "operation")
SPLITS = [("co", "operation"), ("re", "organisation"), ("self", "government"),
          ("agri", "culture"), ("vil", "lages"), ("work", "shops")]
#: website matter after a text (support appeals, newsletters, channels, related posts)
WEB = ["Share this:", "Related Posts", "Join Our Newsletter", "Support Independent Media",
       "Subscribe to our newsletter", "Follow us on Telegram and WhatsApp", "Leave a Reply",
       "Latest News", "Annual Subscription", "Donate to keep this site free"]


def _sentence_text(draw) -> str:
    ws = [w for w in draw(sentence())]
    return " ".join(ws).capitalize() + "."


@st.composite
def block_quote(draw) -> str:
    paras = [" ".join(_sentence_text(draw) for _ in range(draw(st.integers(1, 3))))
             for _ in range(draw(st.integers(1, 2)))]
    if draw(st.booleans()):      # each line quoted, the export's hard line breaks kept
        paras = [p.replace(". ", ".\n") for p in paras]
    lazy = draw(st.booleans())
    quoted = ["\n".join(("> " + line) if k == 0 or not lazy else line
                        for k, line in enumerate(p.split("\n"))) for p in paras]
    return "\n>\n".join(quoted)


@st.composite
def hyphen_split(draw) -> str:
    head, tail = draw(st.sampled_from(SPLITS))
    before = " ".join(draw(st.lists(word, min_size=2, max_size=10))).capitalize()
    after = " ".join(draw(st.lists(word, min_size=1, max_size=10)))
    return f"{before} {head}-\n\n{tail} {after}."


@st.composite
def verse(draw) -> str:
    stanzas = []
    for _ in range(draw(st.integers(1, 3))):
        lines = [" ".join(draw(st.lists(word, min_size=2, max_size=6))).capitalize()
                 + draw(st.sampled_from(["", ",", ";", "  "]))
                 for _ in range(draw(st.integers(2, 6)))]
        indent = draw(st.sampled_from(["", "    ", "\t"]))
        stanzas.append("\n".join(indent + line for line in lines))
    return "\n\n".join(stanzas)


@st.composite
def web_tail(draw) -> str:
    out = []
    for _ in range(draw(st.integers(1, 6))):
        out.append(draw(st.sampled_from(WEB)))
        if draw(st.booleans()):     # a related post: its title and a teaser
            out.append(" ".join(draw(st.lists(word, min_size=2, max_size=5))).title())
            out.append(_sentence_text(draw))
    return "\n\n".join(out)


@st.composite
def wider_document(draw) -> str:
    """A text of the first grammar with block quotes, hyphen splits and verse
    put between its paragraphs, and website matter after it."""
    raw = draw(document())[0]
    blocks = raw.split("\n\n")
    head, body = blocks[:3], blocks[3:]          # title, author, date
    for extra in draw(st.lists(st.one_of(block_quote(), hyphen_split(), verse()), max_size=5)):
        body.insert(draw(st.integers(0, len(body))), extra)
    text = "\n\n".join(head + body)
    if draw(st.booleans()):
        text += "\n\n" + draw(web_tail())
    return text + draw(st.sampled_from(["", "\n", "\n\n"]))


@FUZZ
@given(wider_document(), file_form())
def test_quotes_hyphen_splits_verse_and_web_tails_lose_no_word(raw, form):
    """What becomes of a quote, a verse or a tail is the reader's to decide;
    here only that it reads the file without failing and keeps every word."""
    doc, _ = read_saved(raw, form)
    same_reading(doc, raw)
    assert_conserved(raw, doc)


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

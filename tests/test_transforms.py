"""Transforms (corrections, typography, notes, heading ids), editorial
Markdown, and `assemble` with a stub reader (no dependency on the real one)."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from kroppress.notice import Notice
from hypothesis import given, settings
from hypothesis import strategies as st

from kroppress.book.assemble import assemble, parse_markdown
from kroppress.config import load_config
from kroppress.errors import ConfigError
from kroppress.model import (Address, BlockQuote, Correction, Document, Emphasis, Heading,
                             LineBreak, Link, Metadata, Note, NoteRef, Paragraph,
                             Strong, Superscript, Text)
from kroppress.plain import block_text, inline_text
from kroppress.transforms import corrections, headings, notes, typography
from kroppress.transforms.typography import smarten_text

NB = "\u00a0"


def doc_of(*blocks, notes_=(), title="T") -> Document:
    return Document(metadata=Metadata(title=title), blocks=list(blocks), notes=list(notes_))


def para(*inlines) -> Paragraph:
    return Paragraph([Text(i) if isinstance(i, str) else i for i in inlines])


# ------------------------------------------------------------------ corrections

def test_correction_replaces_and_records():
    d = doc_of(para("He saw teh cat."), notes_=[Note("1", [para("See teh note.")])])
    applied = corrections.apply(d, [Correction("teh", "the", "misprint", count=2)], text_id="t1")
    assert block_text(d.blocks[0]) == "He saw the cat."
    assert block_text(d.notes[0].blocks[0]) == "See the note."       # notes are corrected too
    assert applied == [Correction("teh", "the", "misprint", 2)]


def test_correction_spanning_adjacent_text_nodes():
    d = doc_of(para("the the ", "oppresion of"))
    corrections.apply(d, [Correction("the the oppresion", "the oppression", "doubled")])
    assert block_text(d.blocks[0]) == "the oppression of"


def test_correction_inside_emphasis_heading_address_and_blockquote():
    d = doc_of(para("a ", Emphasis([Text("Tempes Nouveau")])),
               Heading(2, [Text("Tempes Nouveau")]),
               Address([[Text("Tempes Nouveau")]]),
               BlockQuote([para("Tempes Nouveau")]))
    corrections.apply(d, [Correction("Tempes Nouveau", "Temps Nouveaux", "title", count=4)])
    assert "Tempes" not in " ".join(block_text(b) for b in d.blocks)


def test_corrections_apply_in_order():
    d = doc_of(para("abc"))
    corrections.apply(d, [Correction("abc", "abd", "1"), Correction("abd", "xyz", "2")])
    assert block_text(d.blocks[0]) == "xyz"


@pytest.mark.parametrize("text, count, found, fix", [
    ("no match here", 1, 0, "check find against the source"),
    ("teh and teh", 1, 2, "set count = 2"),
    ("only one teh", 3, 1, "set count = 1"),
])
def test_correction_count_mismatch(text, count, found, fix):
    d = doc_of(para(text))
    before = copy.deepcopy(d)
    with pytest.raises(ConfigError) as info:
        corrections.apply(d, [Correction("teh", "the", "misprint", count=count)],
                          text_id="letter", where=["anthology.toml:12: key 'parts[0].texts[1]"
                                                   ".corrections[0]'"])
    msg = str(info.value)
    assert msg.startswith("anthology.toml:12: key 'parts[0].texts[1].corrections[0]': ")
    assert "text 'letter'" in msg and "find 'teh'" in msg
    assert f"occurs {found} time" in msg and f"expected count = {count}" in msg
    assert fix in msg and "\n" not in msg
    assert d == before          # nothing changed when the count is wrong


def test_correction_across_formatting_is_explained():
    d = doc_of(para("the ", Emphasis([Text("Temps")]), " Nouveaux"))
    with pytest.raises(ConfigError, match=r"occurs 0 times.*1 more crosses formatting.*split the "
                                          r"correction"):
        corrections.apply(d, [Correction("the Temps", "les Temps", "x")], text_id="t")


def test_correction_does_not_touch_link_href():
    d = doc_of(para(Link("http://teh.org/", [Text("teh site")])))
    corrections.apply(d, [Correction("teh", "the", "x")])
    link = d.blocks[0].inlines[0]
    assert link.href == "http://teh.org/" and inline_text(link.children) == "the site"


# ------------------------------------------------------------------ typography

TYPO_CASES = [
    ('"Hello," she said.', "\u201cHello,\u201d she said."),
    ("don't won't Kropotkin's", "don\u2019t won\u2019t Kropotkin\u2019s"),
    ("in '48 and '94", "in \u201948 and \u201994"),
    ("the workers' cause", "the workers\u2019 cause"),
    ("'tis true", "\u2019tis true"),
    ("he said 'yes' ('maybe')", "he said \u2018yes\u2019 (\u2018maybe\u2019)"),
    ('["quoted"]', "[\u201cquoted\u201d]"),
    ('"\'Nested\' quote"', "\u201c\u2018Nested\u2019 quote\u201d"),
    ('said\u2014"No!"', "said\u2014\u201cNo!\u201d"),
    ("word -- word", f"word{NB}\u2013 word"),
    ("word - word", f"word{NB}\u2013 word"),
    ("word \u2013 word", f"word{NB}\u2013 word"),
    ("word \u2014 word", f"word{NB}\u2013 word"),
    ("word--word", f"word{NB}\u2013 word"),
    ("word\u2014word", f"word{NB}\u2013 word"),
    ('I was--"', "I was\u2014\u201d"),
    ("1890--1900", "1890\u20131900"),
    ("1826\u20131900", "1826\u20131900"),          # ranges untouched
    ("grew to 720-750 pages.", "grew to 720\u2013750 pages."),
    ("pp. 1-9", "pp. 1\u20139"),
    ("(1842-1921)", "(1842\u20131921)"),
    ("ISBN 0-19-283984-6", "ISBN 0-19-283984-6"),   # codes keep their hyphens
    ("on 1842-12-09", "on 1842-12-09"),
    ("zip 12345-6789", "zip 12345-6789"),
    ("3.5-4 km", "3.5-4 km"),
    ("form B-52", "form B-52"),
    ("well-known", "well-known"),                  # hyphens untouched
    ("of 1793, 1848- 1871;", "of 1793, 1848\u20131871;"),   # a range that kept a line's space
    ("pp. 98-102", "pp. 98\u2013102"),
    ("pp. 998-1002", "pp. 998\u20131002"),
    ("call 555-1234 now", "call 555-1234 now"),    # a telephone number is no range
    ("on 2026-12-03", "on 2026-12-03"),
    ("from 5 -3 degrees", "from 5 -3 degrees"),    # a negative number stays
    ("in nature. \u201c", "in nature.\u201d"),    # no space before a closing quote
    ("\u00ab\u00a0Oui\u00a0\u00bb", "\u00ab\u00a0Oui\u00a0\u00bb"),   # guillemets keep theirs
    (f"said{NB}\u2013 \u201d", f"said{NB}\u2013 \u201d"),     # a dash before it: no close-up
    ('he said "yes " and', "he said \u201cyes\u201d and"),
    ("go. ' and", "go.\u2019 and"),
    ("rock \u2019n\u2019 roll", "rock \u2019n\u2019 roll"),   # spaced elisions stay
    ("she said \u201cno\u201d and", "she said \u201cno\u201d and"),
    ("Wait...", "Wait\u2026"),
    ("so . . . on", "so \u2026 on"),
    ("nature.\u201c", "nature.\u201d"),              # misdirected curly quote fixed
    ("nature.\u00a0\u201c", "nature.\u201d"),        # and the export's no-break space before it gone
    ("see http://example.org/a--b...c's \"x\"", "see http://example.org/a--b...c's \u201cx\u201d"),
    ("http://example.org/\"q\"...", "http://example.org/\"q\"..."),
    ("go to www.example.org/it's", "go to www.example.org/it's"),
    ("mail me@example.org's", "mail me@example.org\u2019s"),
    ("write to a--b...c@example.org", "write to a--b...c@example.org"),
]


@pytest.mark.parametrize("source, expected", TYPO_CASES)
def test_typography(source, expected):
    assert smarten_text(source) == expected
    assert smarten_text(expected) == expected       # idempotent


def test_quotes_spanning_emphasis_and_links():
    p = para('He said "', Emphasis([Text("Where are we")]), '?" and \'',
             Link("https://x.org/\"q\"", [Text("this")]), "' too.")
    d = doc_of(p)
    typography.smarten(d)
    assert block_text(d.blocks[0]) == ("He said \u201cWhere are we?\u201d and \u2018this\u2019 "
                                       "too.")
    # each character stays in its own node
    assert p.inlines[0].text == "He said \u201c"
    assert p.inlines[1].children[0].text == "Where are we"
    assert p.inlines[3].href == 'https://x.org/"q"'       # hrefs never touched


def test_quote_opening_inside_emphasis():
    p = para(Emphasis([Text('"Temps')]), ' Nouveaux"')
    typography.smarten(doc_of(p))
    assert p.inlines[0].children[0].text == "\u201cTemps"
    assert p.inlines[1].text == " Nouveaux\u201d"


def test_note_calls_superscripts_and_line_breaks_are_context_only():
    p = para('the "end', NoteRef("1"), '" and 7', Superscript([Text("th")]), "'s", LineBreak(),
             '"new line"')
    typography.smarten(doc_of(p))
    assert p.inlines[0].text == "the \u201cend"
    assert p.inlines[2].text == "\u201d and 7"           # closing after a note call
    assert p.inlines[3].children[0].text == "th"        # superscript untouched
    assert p.inlines[4].text == "\u2019s"
    assert p.inlines[6].text == "\u201cnew line\u201d"   # opening after a line break


def test_url_link_text_untouched():
    p = para(Link("http://a.org/x--y", [Text("http://a.org/x--y")]), " -- done")
    typography.smarten(doc_of(p))
    assert p.inlines[0].children[0].text == "http://a.org/x--y"
    assert p.inlines[1].text == f"{NB}\u2013 done"


def test_smarten_covers_notes_headings_and_title():
    d = doc_of(Heading(2, [Text("Don't")]), notes_=[Note("1", [para('"n"')])],
               title="The 'Masses'")
    typography.smarten(d)
    assert block_text(d.blocks[0]) == "Don\u2019t"
    assert block_text(d.notes[0].blocks[0]) == "\u201cn\u201d"
    assert d.metadata.title == "The \u2018Masses\u2019"


_ALPHABET = st.sampled_from(list("ab1 .-'\"()\u2014\u2013\u201c\u201d\u2018\u2019\u00a0") +
                            ["http://x.y/", "www.", "...", "--", " - ", "'48", "n't"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_smarten_is_idempotent(text):
    once = smarten_text(text)
    assert smarten_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_ALPHABET, max_size=8).map("".join), min_size=1, max_size=4))
def test_smarten_across_nodes_equals_smarten_of_whole(chunks):
    """Splitting text into nodes (e.g. at emphasis) never changes the result."""
    nodes = [Emphasis([Text(c)]) if i % 2 else Text(c) for i, c in enumerate(chunks)]
    typography.smarten_inlines(nodes)
    assert inline_text(nodes) == smarten_text("".join(chunks))


# ------------------------------------------------------------------ notes

def test_notes_numbered_in_order_of_first_call_with_backlink_ids():
    d = doc_of(para("x", NoteRef("b"), " y", NoteRef("a")),
               para(Emphasis([Text("z"), NoteRef("b")])),
               notes_=[Note("a", [para("A")]), Note("b", [para("B")]), Note("c", [para("C")])])
    notes.number("ess", d)
    b, a, c = d.notes                        # reordered by number; uncalled last
    assert (b.label, b.number, b.id) == ("b", 1, "ess_note-1")
    assert (a.label, a.number, a.id) == ("a", 2, "ess_note-2")
    assert (c.label, c.number, c.id, c.ref_ids) == ("c", 3, "ess_note-3", [])
    assert b.ref_ids == ["ess_noteref-1", "ess_noteref-1-b"]
    assert a.ref_ids == ["ess_noteref-2"]
    r1, r2 = d.blocks[0].inlines[1], d.blocks[0].inlines[3]
    r3 = d.blocks[1].inlines[0].children[1]
    assert (r1.number, r1.ref_id) == (1, "ess_noteref-1")
    assert (r2.number, r2.ref_id) == (2, "ess_noteref-2")
    assert (r3.number, r3.ref_id) == (1, "ess_noteref-1-b")
    assert any("[^c] is never called" in w for w in map(str, d.warnings))


def test_third_call_and_dangling_call():
    d = doc_of(para(NoteRef("1"), NoteRef("1"), NoteRef("1"), NoteRef("9")),
               notes_=[Note("1", [para("one")])])
    notes.number("t", d)
    assert d.notes[0].ref_ids == ["t_noteref-1", "t_noteref-1-b", "t_noteref-1-c"]
    dangling = d.blocks[0].inlines[3]
    assert dangling.number is None and dangling.ref_id == ""
    assert any("[^9] has no note" in w for w in map(str, d.warnings))


def test_notes_numbering_is_rerunnable():
    d = doc_of(para(NoteRef("x"), NoteRef("x")), notes_=[Note("x", [para("X")])])
    notes.number("t", d)
    notes.number("t", d)
    assert d.notes[0].ref_ids == ["t_noteref-1", "t_noteref-1-b"]


def test_note_suffix_letters():
    assert [notes._suffix(k) for k in (0, 1, 2, 25, 26)] == ["", "-b", "-c", "-z", "-aa"]


# ------------------------------------------------------------------ heading ids

def test_heading_ids_unique_and_prefixed():
    d = doc_of(Heading(2, [Text("What to do?")]), Heading(2, [Text("What to do")]),
               Heading(3, [Text("***")]),
               BlockQuote([Heading(2, [Text("Inner")])]))
    taken = {"t-inner"}
    headings.assign_ids("t", d, taken)
    ids = [d.blocks[0].id, d.blocks[1].id, d.blocks[2].id, d.blocks[3].blocks[0].id]
    assert ids == ["t-what-to-do", "t-what-to-do-2", "t-section-3", "t-inner-2"]
    assert set(ids) <= taken


# ------------------------------------------------------------------ editorial Markdown

def test_markdown_paragraphs_emphasis_strong_links():
    blocks, title = parse_markdown("One *two* **three** [four](https://x.org).\nNext line.\n\n"
                                   "Second.\n")
    assert title is None
    p = blocks[0]
    assert isinstance(p.inlines[1], Emphasis) and isinstance(p.inlines[3], Strong)
    assert isinstance(p.inlines[5], Link) and p.inlines[5].href == "https://x.org"
    assert inline_text(p.inlines) == "One two three four. Next line."
    assert block_text(blocks[1]) == "Second."


def test_markdown_html_is_dropped_and_reported_as_the_reader_does():
    warnings: list[str] = []
    blocks, _ = parse_markdown('Hi <b>bold</b> <script>alert(1)</script>\n\n<div>x</div>\n\nEnd\x85.\n',
                               "ed.md", warnings)
    assert block_text(blocks[0]).strip() == "Hi bold"
    assert isinstance(blocks[0].inlines[1], Strong)
    assert "alert" not in "".join(block_text(b) for b in blocks) and block_text(blocks[1]) == "x"
    assert any("raw HTML dropped: '<script>'" in w for w in map(str, warnings))
    assert any(w.startswith("ed.md:3: raw HTML dropped: '<div>x</div>', its text kept") for w in map(str, warnings))
    assert block_text(blocks[-1]) == "End." and any("U+0085" in w for w in map(str, warnings))


@pytest.mark.parametrize("text", ["Kropotkin wrote <script> this headnote's last words.\n",
                                  "<script>\nKropotkin wrote this headnote's last words.\n",
                                  "<iframe src=\"https://x.example\">Kropotkin wrote this headnote's last words.\n"])
def test_an_unclosed_script_in_a_headnote_keeps_the_words_after_it(text):
    warnings: list[str] = []
    blocks, _ = parse_markdown("First paragraph.\n\n" + text + "\nLast paragraph.\n", "ed.md", warnings)
    texts = [" ".join(block_text(b).split()) for b in blocks]
    assert texts == ["First paragraph.", "Kropotkin wrote this headnote's last words.", "Last paragraph."]
    assert any("raw HTML dropped" in w for w in map(str, warnings))
    # false positive: a closed script's code is never text
    blocks, _ = parse_markdown("First.\n\n<script>\nsteal();\n</script>\n\nKept <script>x()</script>words.\n",
                               "ed.md", [])
    assert [block_text(b) for b in blocks] == ["First.", "Kept words."]


def test_markdown_unsafe_link_dropped_keeps_text():
    warnings: list[str] = []
    blocks, _ = parse_markdown("[click](javascript:alert(1)) [ok](mailto:a@b.c)", "ed.md",
                               warnings)
    kinds = [type(n).__name__ for n in blocks[0].inlines]
    assert kinds == ["Text", "Link"] and inline_text(blocks[0].inlines) == "click ok"
    assert any("link to 'javascript:alert(1)' dropped" in w for w in map(str, warnings))
    blocks, _ = parse_markdown("see [the *notes*](notes.html) here", "ed.md", warnings)
    assert blocks[0].inlines[0] == Text("see the ")
    assert isinstance(blocks[0].inlines[1], Emphasis)
    assert not any(isinstance(n, Link) for n in blocks[0].inlines)
    assert any("link to 'notes.html' dropped" in w for w in map(str, warnings))


def test_markdown_other_constructs_flattened_with_warnings():
    warnings: list[str] = []
    text = "# Introduction\n\nPara.\n\n## Sub\n\n- item one\n- item two\n\n> quoted\n\n---\n"
    blocks, title = parse_markdown(text, "intro.md", warnings, title_allowed=True)
    assert title == "Introduction"
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Paragraph",
                                                  "Paragraph", "BlockQuote", "SceneBreak"]
    assert isinstance(blocks[1].inlines[0], Strong)
    assert any(w.startswith("intro.md:5: headings") for w in map(str, warnings))
    assert any(w.startswith("intro.md:7: lists") for w in map(str, warnings))


# ------------------------------------------------------------------ assemble (stub reader)

CONFIG = """\
[book]
title = "The 'Book'"
identifier = "urn:uuid:12345678-1234-5678-1234-567812345678"
date = 2024-01-02
introduction = "ed/intro.md"

[[parts]]
title = "First"
introduction = "ed/p1.md"

[[parts.texts]]
id = "one"
source = "s/one.txt"
headnote = "ed/one.md"
[parts.texts.metadata]
title = "Overridden"
authors = ["X"]
[[parts.texts.corrections]]
find = "teh"
replace = "the"
reason = "misprint"

[[parts.texts]]
id = "two"
source = "s/two.txt"

[[parts]]
title = "Second"

[[parts.texts]]
id = "three"
source = "s/three.txt"

[editions.rev]
texts = ["three", "two"]
[editions.rev.book]
title = "Reversed"
"""


def stub_reader(path: Path) -> Document:
    name = path.stem
    return Document(metadata=Metadata(title=f"Read {name}", authors=["Reader"]),
                    blocks=[Heading(2, [Text("Notes")]),
                            para(f'"{name}" says teh thing', NoteRef("1"))],
                    notes=[Note("1", [para("a 'note'")])], source_path=str(path))


@pytest.fixture
def project(tmp_path):
    for f in ("s/one.txt", "s/two.txt", "s/three.txt"):
        (tmp_path / f).parent.mkdir(exist_ok=True)
        (tmp_path / f).write_text("x")
    (tmp_path / "ed").mkdir()
    (tmp_path / "ed/intro.md").write_text("# Foreword\n\nWe \"edited\" <i>it</i>.\n")
    (tmp_path / "ed/p1.md").write_text("Part *one* -- first.\n")
    (tmp_path / "ed/one.md").write_text("About 'one'.\n")
    cfg = tmp_path / "anthology.toml"
    cfg.write_text(CONFIG)
    return load_config(cfg)


def test_assemble_full_book(project):
    warnings: list[str] = []
    seen: list[str] = []
    book = assemble(project, read=stub_reader, warnings=warnings, on_text=seen.append)
    assert seen == ["one", "two", "three"]
    assert book.meta.title == "The \u2018Book\u2019"
    assert book.introduction_title == "Foreword"
    assert block_text(book.introduction[0]) == "We \u201cedited\u201d it."
    assert isinstance(book.introduction[0].inlines[1], Emphasis)
    assert [p.title for p in book.parts] == ["First", "Second"]
    assert [p.id for p in book.parts] == ["part-first", "part-second"]
    assert block_text(book.parts[0].intro[0]) == f"Part one{NB}\u2013 first."
    one = book.parts[0].entries[0]
    assert one.doc.metadata.title == "Overridden" and one.doc.metadata.authors == ["X"]
    assert block_text(one.doc.blocks[1], note_calls=False) == "\u201cone\u201d says the thing"
    assert one.corrections == [Correction("teh", "the", "misprint", 1)]
    assert block_text(one.headnote[0]) == "About \u2018one\u2019."
    assert one.doc.notes[0].id == "one_note-1"
    assert one.doc.blocks[1].inlines[-1].ref_id == "one_noteref-1"
    assert block_text(one.doc.notes[0].blocks[0]) == "a \u2018note\u2019"
    assert one.doc.blocks[0].id == "one-notes"
    two = book.parts[0].entries[1]
    assert two.doc.metadata.title == "Read two"         # no override
    assert "teh" in block_text(two.doc.blocks[1])       # corrections are per text
    assert warnings == []


def test_assemble_smartens_config_strings(project, tmp_path):
    """Every config string a reader sees gets the house typography, as the
    texts do: book fields, a text's authors and source, a correction's reason."""
    cfg = tmp_path / "anthology.toml"
    cfg.write_text(CONFIG.replace('date = 2024-01-02', 'date = 2024-01-02\neditors = ["Mary O\'Neill"]\n'
                                  'publisher = "Workers\' Press"\nlicence = "Rights 1998-2004"')
                   .replace('reason = "misprint"', 'reason = "misprint in the translator\'s note"'))
    book = assemble(load_config(cfg), read=stub_reader)
    assert book.meta.editors == ["Mary O\u2019Neill"]
    assert book.meta.publisher == "Workers\u2019 Press"
    assert book.meta.licence == "Rights 1998\u20132004"
    one = book.parts[0].entries[0]
    assert one.corrections == [Correction("teh", "the", "misprint in the translator\u2019s note", 1)]


def test_shown_correction_keeps_a_typographic_one_as_written():
    from kroppress.book.assemble import _shown
    shown = _shown(Correction("don't", "don\u2019t", "curly apostrophe"))
    assert (shown.find, shown.replace) == ("don't", "don\u2019t")      # not "don’t → don’t"
    shown = _shown(Correction("the 'Masses'", "the 'masses'", "capital"))
    assert (shown.find, shown.replace) == ("the \u2018Masses\u2019", "the \u2018masses\u2019")


def test_assemble_edition_order_and_metadata(project):
    book = assemble(project, "rev", read=stub_reader)
    assert [e.id for e in book.entries] == ["three", "two"]
    assert [p.title for p in book.parts] == ["Second", "First"]
    assert book.meta.title == "Reversed"


def test_assemble_only_and_exclude(project):
    book = assemble(project, only=["three", "one"], read=stub_reader)
    assert [e.id for e in book.entries] == ["one", "three"]
    book = assemble(project, exclude=["three"], read=stub_reader)
    assert [p.title for p in book.parts] == ["First"]       # empty part disappears
    with pytest.raises(ConfigError, match="--only 'four'"):
        assemble(project, only=["four"], read=stub_reader)


def test_assemble_correction_mismatch_points_at_config_line(project, tmp_path):
    def reader(path):
        d = stub_reader(path)
        d.blocks = [para("nothing to fix")]
        return d
    with pytest.raises(ConfigError) as info:
        assemble(project, read=reader)
    msg = str(info.value)
    line = CONFIG.splitlines().index("[[parts.texts.corrections]]") + 1
    assert msg.startswith(f"{tmp_path / 'anthology.toml'}:{line}: key "
                          "'parts[0].texts[0].corrections[0]': text 'one': find 'teh' occurs 0 times")


def test_assemble_ids_unique_across_book(project):
    def reader(path):
        d = stub_reader(path)
        d.blocks.insert(0, Heading(2, [Text("note 1")]))     # the note is "<id>_note-1"
        return d
    book = assemble(project, read=reader)
    ids = [p.id for p in book.parts] + [e.id for e in book.entries]
    for e in book.entries:
        ids += [b.id for b in e.doc.blocks if isinstance(b, Heading)]
        ids += [n.id for n in e.doc.notes] + [r for n in e.doc.notes for r in n.ref_ids]
    assert len(ids) == len(set(ids))
    assert book.entries[0].doc.blocks[0].id == "one-note-1"


def test_assemble_collects_warnings(project):
    def reader(path):
        d = stub_reader(path)
        d.warnings.append(Notice(str(path), 3, "reader saw something"))
        d.notes.append(Note("orphan", [para("never called")]))
        return d
    warnings: list[Notice] = []
    assemble(project, only=["two"], read=reader, warnings=warnings)
    assert Notice("s/two.txt", 3, "reader saw something") in warnings      # path made relative
    orphan, = [w for w in warnings if w.source == "transform"]
    assert (orphan.file, orphan.line, orphan.text_id) == ("s/two.txt", None, "two")
    assert str(orphan).startswith("s/two.txt: text 'two': note [^orphan] is never called")

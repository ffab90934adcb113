"""The reader's default order of rules. The order is data: `chain()` gives
a fresh `Ruler` to list, disable or extend; `END` peels a text's end
matter (a site's tail, a notes list, a biography, a library colophon, in any
order) until nothing changes. `ORDER` says which rule must run before which,
and why; `order_errors` checks a chain against it."""
from __future__ import annotations

from .ruler import Ruler
from .rules import (book_front, book_headings, book_notes, book_quotes, book_spaces, gutenberg_frame, hyphen_join, illustration)
from .rules import (biography, build_blocks, colophon, contents_table, dash_rule, dateline, head_fields, letter,
                    note_calls, note_lines, notes_list, page_foot_notes, page_split, publication_date, running_heads, symbol_notes,
                    raw_html, setext_heading, title_block, verse, web_tail)

END = (
    ("web_tail", web_tail.rule),
    ("colophon", colophon.rule),
    ("biography", biography.rule),
    ("notes_list", notes_list.rule),
)

# (first, then, why): `first` must run before `then` wherever both are on.
# The end chain's rules count as standing where `end_matter` stands.
ORDER = [
    ("raw_html", "title_block", "an HTML block above the title would be taken for the text's first line"),
    ("setext_heading", "title_block", "a first line underlined with '===' is the title once it is a heading"),
    ("head_fields", "title_block", "an ebook project's header goes before the title is looked for, "
                                   "and a title its fields named keeps their case"),
    ("title_block", "web_head", "a site's widget lines are found right after the title, once it has left the blocks"),
    ("title_block", "colophon", "a colophon repeats the head: it is compared with the title and authors"),
    ("title_block", "biography", "a biography names the known author"),
    ("web_tail", "biography", "a biography is the last paragraph only once the site's tail is peeled, "
                              "and it must be taken in that pass, before notes_list"),
    ("colophon", "biography", "a biography is the last paragraph only once the colophon is peeled, "
                              "and it must be taken in that pass, before notes_list"),
    ("biography", "notes_list", "a list may run on into a biography: its last note would take it"),
    ("web_tail", "notes_list", "a notes list takes the paragraphs after its last note: the site's tail goes first"),
    ("colophon", "notes_list", "a notes list takes the paragraphs after its last note: the colophon goes first"),
    ("end_matter", "letter", "a letter's closing and signature are its last blocks once the end matter is peeled"),
    ("note_lines", "page_foot_notes", "notes on consecutive lines are one paragraph, one note, until split"),
    ("symbol_notes", "page_foot_notes", "symbol notes become page-foot notes, which page_foot_notes moves "
                                        "and matches page by page"),
    ("running_heads", "page_split", "a running head between the halves of a paragraph goes first, "
                                    "so that page_split can join them"),
    ("page_foot_notes", "page_split", "halves cut by a page foot are joined where its notes came out; "
                                      "page_split first would join the wrong neighbours"),
    ("letter", "dateline", "an address ending in a date is the letter's address: dateline leaves a block with a role"),
    ("letter", "page_split", "a letter's parts have roles, and page_split never joins a block with a role"),
    ("letter", "verse", "a letter's address or closing is never verse: verse leaves a block with a role"),
    ("letter", "build_blocks", "build_blocks makes letter parts of the roles letter gave"),
    ("dateline", "build_blocks", "build_blocks makes a dateline of the block dateline marked"),
    ("verse", "build_blocks", "build_blocks makes verse of the blocks verse marked"),
    ("build_blocks", "note_calls", "calls are matched in the model blocks build_blocks makes"),
    ("page_foot_notes", "note_calls", "calls are matched to the notes page_foot_notes collected"),
    ("notes_list", "note_calls", "calls are matched to the notes notes_list collected"),
    ("title_block", "publication_date", "the first-publication line that dates a text is found by title_block"),
    ("dateline", "publication_date", "only a text dated nowhere else takes its first publication's year"),
    ("build_blocks", "publication_date", "only a text dated nowhere else takes its first publication's year "
                                         "(build_blocks dates it by a letter's dateline)"),
]


def order_errors(main: Ruler, end: Ruler | None = None) -> list[str]:
    """The constraints of `ORDER` that `main` breaks, with `end` (default
    `END`) peeling the end matter where `end_matter` stands."""
    names: list[str] = []
    for n in main.names():
        names.append(n)
        if n == "end_matter":
            names += (end or end_chain()).names()
    at = {n: i for i, n in enumerate(names)}
    return [f"{first} must run before {then}: {why}" for first, then, why in ORDER
            if first in at and then in at and at[first] > at[then]]


def end_matter(ruler: Ruler):
    def rule(state) -> bool:
        return ruler.run_to_fixpoint(state)
    return rule


def end_chain() -> Ruler:
    return Ruler(END)


def chain(end: Ruler | None = None) -> Ruler:
    return Ruler([
        ("raw_html", raw_html.rule),
        ("dash_rule", dash_rule.rule),
        ("setext_heading", setext_heading.rule),
        ("note_lines", note_lines.rule),
        ("head_fields", head_fields.rule),
        ("title_block", title_block.rule),
        ("contents_table", contents_table.rule),
        ("web_head", web_tail.head_rule),
        ("end_matter", end_matter(end or end_chain())),
        ("running_heads", running_heads.rule),
        ("symbol_notes", symbol_notes.rule),
        ("page_foot_notes", page_foot_notes.rule),
        ("letter", letter.rule),
        ("dateline", dateline.rule),
        ("page_split", page_split.rule),
        ("verse", verse.rule),
        ("build_blocks", build_blocks.rule),
        ("note_calls", note_calls.rule),
        ("publication_date", publication_date.rule),
    ])


def book_chain() -> Ruler:
    """A whole book as released (Project Gutenberg): its frame, front matter,
    headings with levels and notes by section, then the general rules that
    fit a book (verse, the model's blocks, calls). A web page's tail, a
    letter's parts or a pamphlet's page breaks are not what a book has."""
    return Ruler([
        ("raw_html", raw_html.rule),
        ("dash_rule", dash_rule.rule),
        ("gutenberg_frame", gutenberg_frame.rule),
        ("illustration", illustration.rule),
        ("book_front", book_front.rule),
        ("book_headings", book_headings.rule),
        ("book_notes", book_notes.rule),
        ("hyphen_join", hyphen_join.rule),
        ("book_quotes", book_quotes.rule),
        ("verse", verse.rule),
        ("book_spaces", book_spaces.rule),
        ("build_blocks", build_blocks.rule),
        ("note_calls", note_calls.rule),
    ])

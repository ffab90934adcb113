"""The reader's default order of rules. The order is data: `chain()` gives
a fresh `Ruler` to list, disable or extend; `END` peels a text's end
matter (a site's tail, a notes list, a biography, a library colophon, in any
order) until nothing changes."""
from __future__ import annotations

from .ruler import Ruler
from .rules import (book_front, book_headings, book_notes, book_quotes, book_spaces, gutenberg_frame, hyphen_join, illustration)
from .rules import (biography, build_blocks, colophon, contents_table, dash_rule, dateline, head_fields, letter,
                    note_calls, note_lines, notes_list, page_foot_notes, page_split, publication_date, running_heads, symbol_notes,
                    raw_html, setext_heading, title_block, verse, web_tail)

END = (
    ("web_tail", web_tail.rule),
    ("colophon", colophon.rule),
    ("biography", biography.rule),       # before the notes: a list may run on into it
    ("notes_list", notes_list.rule),
)


def end_matter(ruler: Ruler):
    def rule(state) -> bool:
        ruler.run_to_fixpoint(state)
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

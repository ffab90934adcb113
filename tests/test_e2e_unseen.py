"""Found by making a new anthology end to end (five new raw texts through
init, check, build, EPUBCheck and a page-by-page look at the PDF), then by
variants of what went wrong. Each text is new (none of these sentences is in a
seed); every reader test checks word conservation and that no artifact is
left in the body or the notes."""
from __future__ import annotations

import re

from kroppress.model import BlockQuote, Document, Metadata, Note, NoteRef, Paragraph, Text
from kroppress.plain import block_text
from kroppress.reader import read_text
from kroppress.transforms import notes as note_numbers

from conservation import assert_conserved, call_labels, kinds, read_checked, texts
from conservation import notes_of as notes

_LEFTOVER = re.compile(r"</?sup>|^\s*-{3,}\s*$|\[\d{1,4}\]|</?[a-z]+[^>]*>", re.M)


def read(raw: str):
    return read_checked(raw, "e2e.txt", _LEFTOVER, False)


# ---------------------------------------------------------------- biographies
WEB_REPRINT = """Why the Miners Read

When the first reading room opened above the pit-head baths in 1893, the owners called it a waste of good timber.[1] Within a year it lent more books than the town library.

It will be said -- it is always said -- that a tired man does not read. The borrowing ledgers say otherwise.[2]

Owen Pritchard (1858-1931) was a Welsh collier, lay preacher and librarian of the Tredegar reading room, whose notebooks are now in the county archive.

[1] The owners' minute book, 14 March 1893.

[2] The ledgers for 1894-1896 survive; they record some
eleven thousand loans.

Support Forgotten Pages

Become a member

Share this:

Twitter

Related
"""


def test_a_biography_with_life_dates_names_the_author_before_a_bracket_list_and_web_tail():
    doc = read(WEB_REPRINT)
    m = doc.metadata
    assert m.title == "Why the Miners Read"
    assert m.authors == ["Owen Pritchard"]
    assert block_text(m.biography[0]).startswith("Owen Pritchard (1858-1931) was a Welsh collier")
    assert len(texts(doc)) == 2 and not any("collier" in t for t in texts(doc))
    assert notes(doc)["2"] == ["The ledgers for 1894-1896 survive; they record some eleven thousand loans."]
    assert call_labels(doc) == ["1", "2"]
    assert "Support" not in " ".join(texts(doc))


def test_a_biography_that_starts_with_the_authors_name_and_another_verb():
    raw = ("# The Night School\n\nBy Ruth Calder\n\nPosted on 2 May 2017\n\n"
           "The night school of the weavers met in a chapel vestry.\n\nIt taught arithmetic first.\n\n"
           "Ruth Calder teaches history at a sixth-form college and writes on adult education.\n\n"
           "Share this:\n\nEmail\n")
    doc = read(raw)
    assert doc.metadata.authors == ["Ruth Calder"]
    assert block_text(doc.metadata.biography[0]).startswith("Ruth Calder teaches history")
    assert texts(doc) == ["The night school of the weavers met in a chapel vestry.", "It taught arithmetic first."]


def test_a_closing_paragraph_about_someone_else_stays_in_the_body():
    raw = ("# The Night School\n\nRuth Calder\n\n2017\n\n"
           "The night school of the weavers met in a chapel vestry.\n\n"
           "William Lovett teaches us still that a chartist was first of all a reader, "
           "and the author of a petition.\n")
    doc = read(raw)
    assert doc.metadata.biography == []
    assert texts(doc)[-1].startswith("William Lovett teaches us still")


# ---------------------------------------------------------------- heads and colophons
TRANSLATED_ESSAY = """The Beehive and the Barracks
============================

Wilhelmine Kessler (1851–1920)

Translated from the German by A. B. Norris

Originally published in *Die Gleichheit*, 1898.

Nobody has ever seen a hive obey an order, and nobody who has watched one for an afternoon will believe that it needs any.<sup>1</sup> The work is divided without a

---

<sup>1</sup> Compare the 4<sup>th</sup> chapter of Büchner's book on the mind of animals. (translator)

division of ranks.

Source: *Die Gleichheit*, vol. 8 (1897-1898), pp. 33-41.
Transcribed by a volunteer for an online archive, 2004.

Public domain.
"""


def test_public_domain_with_a_full_stop_names_no_site_and_the_year_of_publication_dates_the_text():
    doc = read(TRANSLATED_ESSAY)
    m = doc.metadata
    assert (m.title, m.authors, m.translator) == ("The Beehive and the Barracks", ["Wilhelmine Kessler"],
                                                  "A. B. Norris")
    assert m.first_published == "Die Gleichheit, 1898"
    assert m.date == "1898"                    # from the "Originally published" line
    assert m.rights == "Public domain"
    assert m.source_site == ""                 # not "." (what is left of "Public domain.")
    assert texts(doc) == ["Nobody has ever seen a hive obey an order, and nobody who has watched one for an "
                          "afternoon will believe that it needs any.[^1] The work is divided without a "
                          "division of ranks."]
    assert notes(doc)["1"] == ["Compare the 4th chapter of Büchner's book on the mind of animals."]
    assert doc.notes[0].note_kind == "translator"


def test_a_date_elsewhere_wins_over_the_year_of_publication():
    raw = ("# The Fields\n\nJane Doe\n\n1890\n\nOriginally published in *Freedom*, 1892.\n\n"
           "The fields were common once.\n")
    doc = read(raw)
    assert (doc.metadata.date, doc.metadata.first_published) == ("1890", "Freedom, 1892")


def test_first_published_in_a_language_in_a_periodical_keeps_both():
    raw = ("## Vera Sokolova\n\nThe Moraines: A Report\n\n"
           "Every glacier writes its own history in stones.\n\nThe guides can read it.\n\n"
           "## The Anarchist Library Anti-Copyright\n\nMarch 3, 2011\n\n"
           "> First published in French in *Le Révolté*, Geneva, 12 March 1882. "
           "Retrieved on May 2nd, 2009 from www.example.org\n")
    doc = read(raw)
    m = doc.metadata
    assert m.first_published == "In French in Le Révolté, Geneva, 12 March 1882"
    assert m.rights == "Anti-Copyright" and m.source_site == "The Anarchist Library"


def test_creative_commons_licence_with_a_version_number_is_kept_whole():
    raw = ("# On Schools\n\nMaria Gale\n\n1911\n\nThe school should be a workshop of free minds.\n\n"
           "This work is licensed under a Creative Commons Attribution-ShareAlike 4.0 International License.\n")
    doc = read(raw)
    assert doc.metadata.rights == "Creative Commons Attribution-ShareAlike 4.0 International License"


def test_a_retrieved_line_whose_link_text_shortens_the_address_keeps_the_full_address():
    raw = ("# Two Notes\n\nAda Frost\n\n1894\n\nA ballot is a paper stone.[1]\n\n[1] A phrase of the time.\n\n"
           "Retrieved on 3 March 2012 from [www.example.org](http://www.example.org/frost/ballots.html)\n")
    doc = read(raw)
    assert doc.metadata.source_url == "http://www.example.org/frost/ballots.html"
    assert doc.metadata.retrieved == "Retrieved on 3 March 2012 from www.example.org"


def test_a_byline_with_the_date_after_a_comma():
    doc = read("# The Right to Be Idle\n\nBy Paul Marchetti, 1883\n\nWork is a virtue only to those who do not do it.\n")
    m = doc.metadata
    assert (m.authors, m.date) == (["Paul Marchetti"], "1883")
    assert kinds(doc) == ["paragraph"]


def test_a_place_and_a_date_under_the_title_is_not_a_byline():
    doc = read("# The Exhibition\n\nNew York, 1890\n\nThe hall was full by noon.\n")
    assert doc.metadata.authors == [] and doc.metadata.date == "1890"


# ---------------------------------------------------------------- headings, quotes
def test_a_line_underlined_with_dashes_is_a_heading_but_a_page_foot_rule_is_not():
    raw = """# On Tools

Jane Roe

1901

The plane and the chisel<sup>1</sup> came first, and the lathe after them, and none of them had

---

<sup>1</sup> In the joiners' shops of Sheffield.

an owner who did not also use it.

The Workshop
------------

Then came the engine, and with it the owner who never touched a tool.

* * *

Nobody asked the joiners.
"""
    doc = read(raw)
    assert kinds(doc) == ["paragraph", "heading", "paragraph", "scene_break", "paragraph"]
    assert texts(doc, "heading") == ["The Workshop"]
    assert texts(doc)[0].endswith("none of them had an owner who did not also use it.")
    assert notes(doc)["1"] == ["In the joiners' shops of Sheffield."]


def test_a_block_quote_cut_by_page_foot_notes_is_one_quotation():
    raw = """# A Quoted Letter

Jane Roe

1890

He wrote to me from Oldham:

> The spinners of the north<sup>1</sup> are ready, but the weavers are not, and they will not be until the

---

<sup>1</sup> That is, of the Oldham and Bolton mills.

> price of cotton falls again.
>
> Tell the committee so.

That was all he wrote.
"""
    doc = read(raw)
    assert kinds(doc) == ["paragraph", "blockquote", "paragraph"]
    quote = doc.blocks[1]
    assert [block_text(b) for b in quote.blocks] == [
        "The spinners of the north[^1] are ready, but the weavers are not, and they will not be "
        "until the price of cotton falls again.",
        "Tell the committee so."]
    assert notes(doc)["1"] == ["That is, of the Oldham and Bolton mills."]


def test_a_block_quote_split_by_a_page_break_is_joined_and_two_quotes_are_not():
    raw = ("# Quotes\n\nJane Roe\n\n1890\n\nShe said:\n\n> We shall not go back to the mill until\n\n"
           "> every girl who was sacked is taken on again.\n\nAnd another said:\n\n"
           "> We have waited long enough.\n\n> Now they can wait.\n")
    doc = read(raw)
    assert kinds(doc) == ["paragraph", "blockquote", "paragraph", "blockquote", "blockquote"]
    assert block_text(doc.blocks[1]) == ("We shall not go back to the mill until every girl who was "
                                         "sacked is taken on again.")


# ---------------------------------------------------------------- letters and signatures
def test_a_closing_and_the_signature_on_one_line():
    raw = ("# To a Young Friend\n\nMary Stone\n\nLondon, June 3rd, 1888\n\nMy dear Tom,\n\n"
           "You ask me what to read. Read everything, and believe half.\n\n"
           "Your affectionate friend, Mary Stone\n")
    doc = read(raw)
    assert kinds(doc) == ["dateline", "salutation", "paragraph", "closing", "signature"]
    assert texts(doc, "closing") == ["Your affectionate friend,"]
    assert texts(doc, "signature") == ["Mary Stone"]


def test_an_essay_signed_with_its_authors_name():
    raw = ("# The Strike Fund\n\nAda Frost\n\n1894\n\nThe strike fund is the treasury of the poor.\n\n"
           "It must never be spent on lawyers.\n\nAda Frost\n")
    doc = read(raw)
    assert kinds(doc) == ["paragraph", "paragraph", "signature"]
    assert texts(doc, "signature") == ["Ada Frost"]


def test_an_essay_ending_with_another_name_keeps_it_as_text():
    raw = ("# Heroes\n\nAda Frost\n\n1894\n\nThe strike fund is the treasury of the poor.\n\n"
           "Who kept it? One name above all:\n\nJohn Burns\n")
    doc = read(raw)
    assert kinds(doc) == ["paragraph", "paragraph", "paragraph"]


# ---------------------------------------------------------------- note numbers
def test_a_note_called_inside_a_block_quote_gets_one_call_id():
    ref = NoteRef("1")
    again = NoteRef("1")
    doc = Document(Metadata(title="T"),
                   [Paragraph([Text("He wrote:")]),
                    BlockQuote([Paragraph([Text("The mills are idle."), ref])]),
                    Paragraph([Text("And again."), again])],
                   [Note("1", [Paragraph([Text("Oldham, 1878.")])])])
    note_numbers.number("q", doc)
    note = doc.notes[0]
    assert ref.ref_id == "q_noteref-1" and again.ref_id == "q_noteref-1-b"
    assert note.ref_ids == ["q_noteref-1", "q_noteref-1-b"]
    assert not doc.warnings


def test_reader_and_note_numbers_together_for_a_bracket_call_in_a_quote():
    raw = ("# Wise Farmers\n\nJane Doe\n\n1906\n\nAn old report puts it so:\n\n"
           "> The creamery made them wise, one meeting at a time.[1]\n\nThat is the whole secret.\n\n"
           "[1] Annual report for 1898-1899,\np. 17.\n")
    doc = read(raw)
    note_numbers.number("wf", doc)
    assert doc.notes[0].ref_ids == ["wf_noteref-1"]
    assert notes(doc)["1"] == ["Annual report for 1898-1899, p. 17."]


# ---------------------------------------------------------------- the last sentence, the first lines
def test_a_last_sentence_that_names_the_title_is_text_not_a_colophon():
    raw = ("# The Commune\n\nJane Roe\n\n1880\n\nThe Commune lasted seventy-two days.\n\n"
           "It was drowned in blood, but it showed the way.\n\nLong live the Commune!\n\n"
           "The Anarchist Library\nAnti-Copyright\n\nJane Roe\nThe Commune\n1880\n")
    doc = read(raw)
    assert texts(doc) == ["The Commune lasted seventy-two days.",
                          "It was drowned in blood, but it showed the way.", "Long live the Commune!"]
    assert doc.metadata.rights == "Anti-Copyright"


def test_a_closing_sentence_with_the_title_words_and_a_full_stop_stays():
    raw = ("# Mutual Aid\n\nJane Roe\n\n1880\n\nAnimals help one another.\n\n"
           "So should we, for the future belongs to mutual aid.\n")
    assert texts(read(raw))[-1] == "So should we, for the future belongs to mutual aid."


def test_title_author_and_date_on_the_lines_of_one_first_paragraph():
    raw = "The Village Smithy  \nThomas Wren  \n1899\n\nThe smith was the first engineer of the village.\n"
    doc = read(raw)
    m = doc.metadata
    assert (m.title, m.authors, m.date) == ("The Village Smithy", ["Thomas Wren"], "1899")
    assert texts(doc) == ["The smith was the first engineer of the village."]


def test_an_untitled_letter_keeps_its_address_and_never_takes_it_for_a_title():
    raw = ("14 Tenter Street\nSpitalfields\nMarch 3, 1889\n\nDear Comrade,\n\nThe hall is booked.\n\n"
           "Yours fraternally,\n\nJane Roe\n")
    doc = read_text(raw, "e2e.txt")
    assert_conserved(raw, doc)
    assert doc.metadata.title == ""
    assert kinds(doc) == ["address", "salutation", "paragraph", "closing", "signature"]
    assert texts(doc, "address") == ["14 Tenter Street\nSpitalfields\nMarch 3, 1889"]
    assert any("no title found" in w for w in map(str, doc.warnings))

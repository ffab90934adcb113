"""The reader on unseen variants of the seed conventions, written for these
tests (none of these sentences is in a seed). Each text combines artifacts in
a way the seeds do not; every test also checks word conservation and that no
artifact is left in the body or the notes."""
from __future__ import annotations

import re

from kroppress.model import NoteRef
from kroppress.plain import block_text
from kroppress.reader import read_bytes, read_text

from conservation import assert_conserved, call_labels, kinds, read_checked, texts
from conservation import notes_of as notes

calls = call_labels
_LEFTOVER = re.compile(r"</?sup>|^\s*-{3,}\s*$|\[\d{1,4}\]|</?[a-z]+[^>]*>", re.M)


def read(raw: str, warnings_ok: bool = False):
    return read_checked(raw, "unseen.txt", _LEFTOVER, warnings_ok)


def actions(doc):
    return [r.action for r in doc.report]


# ---------------------------------------------------------------- page-foot notes
MULTI_PARAGRAPH_NOTE = """# Bread and Books: Notes on a Reading Room

Élisée Reclus

1884

The reading room of the Geneva workers was opened in a cellar beneath a bakery,<sup>1</sup> and for a winter it was warm only because the ovens above it burned through the night. Nobody had planned it so; the baker, a quiet man from the Valais, had simply offered the space and refused any

---

<sup>1</sup> The bakery stood in the Rue du Rhône; the building was pulled down in 1902.

<sup>2</sup> The catalogue survives in two copies. One is in private hands.

The second copy, which lists the donors by trade rather than by name, is the one used here. (translator)

rent for it, saying that a man who sells bread should not grow rich on books.

The catalogue<sup>2</sup> ran to some six hundred titles by the spring. Most were pamphlets.

It is easy to laugh at such places. They had no rules beyond the one painted over the door: *take a book, bring a book*.
"""


def test_a_page_foot_note_of_two_paragraphs_does_not_end_up_in_the_cut_paragraph():
    doc = read(MULTI_PARAGRAPH_NOTE)
    m = doc.metadata
    assert (m.title, m.subtitle, m.authors, m.date) == (
        "Bread and Books", "Notes on a Reading Room", ["Élisée Reclus"], "1884")
    body = texts(doc)
    assert len(body) == 3
    assert "had simply offered the space and refused any rent for it, saying" in body[0]
    assert "second copy" not in " ".join(body)
    assert notes(doc)["2"] == ["The catalogue survives in two copies. One is in private hands.",
                               "The second copy, which lists the donors by trade rather than by name, "
                               "is the one used here."]
    assert [n.note_kind for n in doc.notes] == ["author", "translator"]
    assert calls(doc) == ["1", "2"]
    assert body[2].endswith("take a book, bring a book.")


def test_a_note_paragraph_is_known_by_its_translator_marker_even_when_the_text_was_not_cut():
    raw = ("# Marked Notes\n\nJane Doe\n\n1890\n\nThe strike ended in May.<sup>1</sup>\n\n---\n\n"
           "<sup>1</sup> The date is given differently in the police reports.\n\n"
           "The workers' paper gives the 3<sup>rd</sup> of May. (trans.)\n\n"
           "The next morning the mills were open again.\n")
    doc = read(raw)
    assert texts(doc) == ["The strike ended in May.[^1]", "The next morning the mills were open again."]
    assert notes(doc)["1"] == ["The date is given differently in the police reports.",
                               "The workers' paper gives the 3rd of May."]
    assert doc.notes[0].note_kind == "translator"


PAGES_THREE = """# The Long Sentence

Errico Malatesta

1897

Those who tell us that the revolution must wait for the education of the masses<sup>1</sup> forget that the masses are educated chiefly by what they do, and that a people which has once held a town in its own hands has learned

---

<sup>1</sup> A phrase common in the reformist press of the period.

more about self-government than a hundred lectures could teach it, and that the habit of obedience, once broken, is not easily mended by the police, the priest or the schoolmaster, who all<sup>1</sup> depend upon it and who all

---

<sup>1</sup> Malatesta often grouped these three together.

know it very well.

That is why we do not wait.
"""


def test_a_paragraph_over_three_pages_with_notes_restarting_on_each_page():
    doc = read(PAGES_THREE)   # numbering afresh on each page is the convention: no warning
    body = texts(doc)
    assert len(body) == 2
    assert "has learned more about self-government" in body[0]
    assert body[0].endswith("who all[^1-2] depend upon it and who all know it very well.")
    assert body[0].count("[^") == 2
    assert notes(doc) == {"1": ["A phrase common in the reformist press of the period."],
                          "1-2": ["Malatesta often grouped these three together."]}
    assert calls(doc) == ["1", "1-2"]


def test_notes_restarting_per_page_two_per_page_attach_by_page():
    raw = ("# Mutual Aid Among the Swallows\n\nPëtr Kropotkin\n\n1890\n\n"
           "The swallows gather in autumn on the wires.<sup>1</sup> They wait for one another.\n\n---\n\n"
           "<sup>1</sup> Observed near Harrow in September.\n\n"
           "Even the weakest are not left behind.<sup>1</sup> A naturalist<sup>2</sup> said so.\n\n---\n\n"
           "<sup>1</sup> Compare the observations of Brehm.\n\n"
           "<sup>2</sup> His notes were never published.\n\n"
           "This is not sentiment.\n")
    doc = read(raw)
    n = notes(doc)
    assert [n[label][0] for label in calls(doc)] == [
        "Observed near Harrow in September.", "Compare the observations of Brehm.",
        "His notes were never published."]


def test_a_number_used_twice_on_one_page_is_still_warned():
    raw = ("# Twice\n\nA claim.<sup>1</sup>\n\n---\n\n<sup>1</sup> One.\n\n<sup>1</sup> One again.\n\n"
           "More text.\n\nLast claim.<sup>1</sup>\n\n---\n\n<sup>1</sup> A new page.\n")
    doc = read_text(raw, "t.txt")
    assert_conserved(raw, doc)
    dup = [str(w) for w in doc.warnings if "used twice" in str(w)]
    assert len(dup) == 1 and "lines 7 and 9" in dup[0]


def test_two_page_foot_blocks_in_a_row_and_a_cut_resuming_with_a_quotation():
    raw = """# A Visit to Bromley

Emma Goldman

1899

He was asking about the comrades in New York, about the strike in Pennsylvania,<sup>1</sup> about

---

<sup>1</sup> The miners' strike of that summer.

---

<sup>2</sup> The paper was printed on Second Avenue.

“the little paper,”<sup>2</sup> as he called it.

— He talks too much, she said to me afterwards, but he talks well.
"""
    doc = read(raw)
    assert texts(doc) == [
        "He was asking about the comrades in New York, about the strike in Pennsylvania,[^1] about "
        "“the little paper,”[^2] as he called it.",
        "— He talks too much, she said to me afterwards, but he talks well."]
    assert calls(doc) == ["1", "2"]


def test_ordinals_of_every_kind_next_to_note_calls():
    raw = """# The Calendar of the Revolution

Jean Grave

1892

The 21<sup>st</sup> of January is remembered for a king's head, but the 2<sup>nd</sup> of September<sup>1</sup> deserves a longer memory.

The decree of the 1<sup>er</sup> Vendémiaire<sup>2</sup> made the calendar law. For the 3<sup>rd</sup> time the French counted their days anew,<sup>3</sup> and in 1793<sup>4</sup> they began again.

---

<sup>1</sup> The 2<sup>nd</sup> of September 1792.

<sup>2</sup> That is, 22 September 1793.

<sup>3</sup> The author's count is generous. (editor)

<sup>4</sup> Year II of the Republic.
"""
    doc = read(raw)
    body = " ".join(texts(doc))
    for o in ("21st of January", "2nd of September[^1]", "1er Vendémiaire[^2]", "3rd time",
              "anew,[^3]", "1793[^4]"):
        assert o in body
    sups = {"".join(c.text for c in n.children) for b in doc.blocks for n in b.inlines
            if n.kind == "superscript"}
    assert sups == {"st", "nd", "er", "rd"}
    assert calls(doc) == ["1", "2", "3", "4"]
    assert notes(doc)["1"] == ["The 2nd of September 1792."]
    assert doc.notes[2].note_kind == "editor"


def test_notes_list_after_a_rule_and_heading_leaves_no_scene_break_and_calls_in_other_forms():
    raw = """# The Teacher's Duty

Francisco Ferrer

1906

The teacher who obeys the state teaches obedience.<sup>1</sup> Only the teacher who obeys the child teaches freedom.<sup>2,3</sup>

We do not ask for much: a room, some books, and the right to say what we think.<sup>[4]</sup>

---

## Notes

<sup>1</sup> The Ministry of Public Instruction.

<sup>2</sup> Most village schools were run by religious orders.

<sup>3</sup> Compare Robin at Cempuis.

<sup>[4]</sup> From the prospectus of the Modern School, 1901.
"""
    doc = read(raw)
    assert kinds(doc) == ["paragraph", "paragraph"]
    assert calls(doc) == ["1", "2", "3", "4"]
    assert notes(doc)["4"] == ["From the prospectus of the Modern School, 1901."]


# ---------------------------------------------------------------- [n] notes
def test_bracket_notes_inside_quotes_after_punctuation_wrapped_and_after_a_notes_heading():
    raw = """The Use of Memory

William Morris

1886

There is a saying among the weavers that "a cloth remembers its loom."[1] I heard it first in Blackburn.

Ruskin wrote that "all great art is praise",[2] and I do not quarrel with him.

> "We remember what our tools remember,"[3] said an old weaver.

Notes

[1] I have not found this saying in any printed collection, though
it is quoted in a letter of 1879.

[2] John Ruskin, *The Stones of Venice*, vol. II, ch. vi,

where the thought recurs in several forms.

[3] Told to the author at Hammersmith.
"""
    doc = read(raw)
    assert doc.metadata.authors == ["William Morris"] and doc.metadata.date == "1886"
    assert calls(doc) == ["1", "2", "3"]  # the third inside the block quote
    assert texts(doc)[1] == 'Ruskin wrote that "all great art is praise",[^2] and I do not quarrel with him.'
    assert kinds(doc) == ["paragraph", "paragraph", "blockquote"]
    assert "remember,\"[^3] said" in texts(doc)[2]
    assert notes(doc) == {
        "1": ["I have not found this saying in any printed collection, though it is quoted in a letter of 1879."],
        "2": ["John Ruskin, The Stones of Venice, vol. II, ch. vi, where the thought recurs in several forms."],
        "3": ["Told to the author at Hammersmith."]}


def test_bracket_note_with_a_second_paragraph_inside_the_list_and_a_colophon_after():
    raw = """## Rudolf Rocker

The Schools of the Workers: An Address

The Chartists had their reading rooms,[1] the German workers their societies.

Ferrer wrote that "the school must not be a temple of obedience".[2] He paid for it with his life.

[1] See the history of the movement in Lovett's memoirs.

Lovett himself ran one such room in London for many years.

[2] Francisco Ferrer, *The Origin and Ideals of the Modern School*,
translated by Joseph McCabe.

The Anarchist Library
Anti-Copyright

Retrieved on 4 April 2015 from http://www.example.com/rocker/schools
"""
    doc = read(raw)
    m = doc.metadata
    assert (m.title, m.subtitle, m.authors) == ("The Schools of the Workers", "An Address", ["Rudolf Rocker"])
    assert len(texts(doc)) == 2 and calls(doc) == ["1", "2"]
    assert notes(doc)["1"] == ["See the history of the movement in Lovett's memoirs.",
                               "Lovett himself ran one such room in London for many years."]
    assert notes(doc)["2"] == ["Francisco Ferrer, The Origin and Ideals of the Modern School, "
                               "translated by Joseph McCabe."]
    assert m.source_url == "http://www.example.com/rocker/schools" and m.rights == "Anti-Copyright"


def test_subtitle_line_rule_and_footnotes_heading_before_a_bracket_list():
    raw = """# The Great Refusal

An Essay on the General Strike

Jane Doe

1890

The Chartists called it the "grand national holiday."[1]

Today a strike in the docks can stop the trade of half the world.[2]

---

Footnotes

[1] Benbow's pamphlet of 1832.

[2] The London dock strike of 1889.
"""
    doc = read(raw)
    m = doc.metadata
    assert (m.title, m.subtitle, m.authors, m.date) == (
        "The Great Refusal", "An Essay on the General Strike", ["Jane Doe"], "1890")
    assert kinds(doc) == ["paragraph", "paragraph"]
    assert calls(doc) == ["1", "2"]


def test_bracket_list_then_biography_then_first_publication():
    raw = """# Why We Strike

Lucy Parsons

1886

The employers say that we strike because we are lazy.[1] Let them come to the stockyards.

We strike because the eight-hour day is a matter of life and death.[2]

[1] The *Chicago Tribune* of 3 May 1886.
[2] The demand was first raised in 1884, and the date of May 1 was fixed for
its general adoption.

Lucy Parsons was an American labor organizer and writer, born in Texas around 1851.

Originally published in The Alarm, 1886.
"""
    doc = read(raw)
    m = doc.metadata
    assert m.first_published == "The Alarm, 1886"
    assert " ".join(block_text(b) for b in m.biography).startswith("Lucy Parsons was an American")
    assert len(texts(doc)) == 2
    assert notes(doc)["2"] == ["The demand was first raised in 1884, and the date of May 1 was fixed "
                               "for its general adoption."]


# ---------------------------------------------------------------- letters
def test_letter_with_address_lines_before_the_date_and_a_colophon():
    raw = """# Letter to the Sheffield Socialists

Edward Carpenter

Millthorpe, near Chesterfield,
Derbyshire,
England

3rd June 1889

Dear Comrade,

Your letter reached me only yesterday. I am glad the meeting went well.

Print the pamphlet as it stands.

Yours fraternally,

Edward Carpenter

The Anarchist Library
Anti-Copyright

Edward Carpenter
Letter to the Sheffield Socialists
3rd June 1889

Retrieved on March 3, 2009 from http://www.example.org/carpenter/sheffield.html
"""
    doc = read(raw)
    assert kinds(doc) == ["address", "dateline", "salutation", "paragraph", "paragraph", "closing", "signature"]
    assert texts(doc, "address") == ["Millthorpe, near Chesterfield,\nDerbyshire,\nEngland"]
    assert texts(doc, "salutation") == ["Dear Comrade,"]
    assert texts(doc, "closing") == ["Yours fraternally,"] and texts(doc, "signature") == ["Edward Carpenter"]
    m = doc.metadata
    assert m.date == "3rd June 1889"
    assert m.rights == "Anti-Copyright" and m.source_site == "The Anarchist Library"
    assert m.source_url == "http://www.example.org/carpenter/sheffield.html"
    assert m.retrieved.startswith("Retrieved on March 3, 2009")


def test_letter_with_address_and_salutation_in_one_paragraph_closing_on_two_lines_and_postscript():
    raw = """# Letter to Jean Grave

Pëtr Kropotkin

Bromley, Kent,
14th February 1897

Citizen Grave,
Office of Les Temps Nouveaux,
140 Rue Mouffetard, Paris
Dear Comrade,

I send you the article on the prisons. Cut it where you like, but not the figures.

Yours fraternally,
P. Kropotkin

P.S. Sophie sends her greetings to Madame Grave.
"""
    doc = read(raw)
    assert kinds(doc) == ["dateline", "address", "salutation", "paragraph", "closing", "signature", "postscript"]
    assert texts(doc, "dateline") == ["Bromley, Kent, 14th February 1897"]
    assert texts(doc, "address") == ["Citizen Grave,\nOffice of Les Temps Nouveaux,\n140 Rue Mouffetard, Paris"]
    assert texts(doc, "closing") == ["Yours fraternally,"] and texts(doc, "signature") == ["P. Kropotkin"]
    assert texts(doc)[-1].startswith("P.S. Sophie")
    assert doc.metadata.date == "14th February 1897"


def test_letter_salutation_run_into_first_paragraph_and_closing_on_two_lines():
    raw = """Élisée Reclus to Jean Grave

Élisée Reclus

Brussels, 2nd March 1895

Dear Comrade,
I write in haste, for the post leaves within the hour.

Send me the list of subscribers in the Ardennes.

Fraternally yours,
E. Reclus
"""
    doc = read(raw)
    assert kinds(doc) == ["dateline", "salutation", "paragraph", "paragraph", "closing", "signature"]
    assert texts(doc)[2] == "I write in haste, for the post leaves within the hour."
    assert texts(doc, "signature") == ["E. Reclus"]


def test_letter_with_place_and_date_after_the_signature():
    raw = """# A Letter from Exile

Louise Michel

Dear Friends,

Here on the island the days are long and the nights longer.

I have planted a garden.

Your sister in the struggle,

Louise

Nouméa, 10 December 1875
"""
    doc = read(raw)
    assert kinds(doc) == ["salutation", "paragraph", "paragraph", "closing", "signature", "dateline"]
    assert texts(doc, "dateline") == ["Nouméa, 10 December 1875"]
    assert doc.metadata.date == "10 December 1875"


def test_letter_with_address_date_and_hard_break_closing_still_read():
    raw = ("# To a Young Comrade\n\nWilliam Morris\n\nKelmscott House,\nUpper Mall,\nHammersmith, London W.\n\n"
           "April 9th, 1890\n\nDear Comrade,\n\nKeep at the verses.\n\nYours fraternally,  \nWilliam Morris\n")
    doc = read(raw)
    assert kinds(doc) == ["address", "dateline", "salutation", "paragraph", "closing", "signature"]
    assert texts(doc, "address")[0].split("\n") == ["Kelmscott House,", "Upper Mall,", "Hammersmith, London W."]


# ---------------------------------------------------------------- heads and tails
def test_first_publication_line_under_the_title_is_metadata_not_a_dateline():
    raw = """## Voltairine de Cleyre

The Dominant Idea: A Lecture

Originally published in Mother Earth, May and June 1910.

In everything that lives, if one looks searchingly, is limned the shadow line of an idea.

And we meet also living souls dominating dead shapes.

The Anarchist Library
Anti-Copyright

Voltairine de Cleyre
The Dominant Idea: A Lecture
1910

Retrieved on 12 May 2011 from http://dwardmac.pitzer.edu
"""
    doc = read(raw)
    m = doc.metadata
    assert (m.title, m.subtitle, m.authors) == ("The Dominant Idea", "A Lecture", ["Voltairine de Cleyre"])
    assert m.first_published == "Mother Earth, May and June 1910"
    assert m.date == "1910"
    assert kinds(doc) == ["paragraph", "paragraph"]
    assert m.source_url == "http://dwardmac.pitzer.edu"


def test_contents_table_of_several_lines_and_quoted_colophon():
    raw = """## Gustav Landauer

Socialism and the Village: Three Short Chapters

## Contents

The Village		3
The Town		5
-------------	--	---

## The Village

The village is older than the state and will outlive it.

## The Town

The town forgot the village, and so it forgot itself.

## The Anarchist Library Anti-Copyright

June 2, 2013



Gustav Landauer Socialism and the Village: Three Short Chapters

> Originally published in Der Sozialist, 1909. Retrieved on June 1, 2013 from www.example.org/landauer
"""
    doc = read(raw)
    assert kinds(doc) == ["heading", "paragraph", "heading", "paragraph"]
    assert texts(doc, "heading") == ["The Village", "The Town"]
    assert doc.metadata.first_published == "Der Sozialist, 1909"
    assert doc.metadata.source_url == "http://www.example.org/landauer"
    assert "contents dropped" in actions(doc)


def test_colophon_with_source_transcriber_and_public_domain_lines():
    raw = """# A Word on Prisons

Pëtr Kropotkin

1877

The prison does not reform.

Ask any warder. He will tell you that the same faces come back year after year.

Published in Le Révolté, 1877.

Source: Kropotkin's Revolutionary Pamphlets, 1927

Transcribed for marxists.org by a volunteer, 2002.

Public Domain: This work is free of known copyright restrictions.

theanarchistlibrary.org
"""
    doc = read(raw)
    m = doc.metadata
    assert texts(doc) == ["The prison does not reform.",
                          "Ask any warder. He will tell you that the same faces come back year after year."]
    assert m.first_published == "Le Révolté, 1877"
    assert m.rights == "Public Domain"
    assert m.retrieved == "Source: Kropotkin's Revolutionary Pamphlets, 1927"
    assert m.source_site == "theanarchistlibrary.org"


def test_share_buttons_and_widgets_after_an_italic_biography():
    raw = """# The Pleasures of Idleness

*Jane Harrow*

1<sup>st</sup> May 1893

It is said by our masters that idleness is the mother of all vices.

But the idleness of the worker is another thing altogether.

*Jane Harrow is a pseudonym used by a writer for the anarchist press in London during the 1890s.*

Like this:

Like Loading...

Click to share on Twitter (Opens in new window)

Click to share on Facebook (Opens in new window)
"""
    doc = read(raw)
    m = doc.metadata
    assert m.authors == ["Jane Harrow"] and m.date == "1st May 1893"
    assert len(texts(doc)) == 2
    assert block_text(m.biography[0]).startswith("Jane Harrow is a pseudonym")


def test_posted_on_date_share_print_email_and_comment_count():
    raw = """# In Praise of the Village Smithy

by Thomas Wren

Posted on 14 June 2016

The smith was the first engineer of the village.

His forge was also a parliament.

Thomas Wren is a writer and historian of rural England.

Share this post

Print

Email

Comments (3)
"""
    doc = read(raw)
    m = doc.metadata
    assert (m.authors, m.date) == (["Thomas Wren"], "14 June 2016")
    assert texts(doc) == ["The smith was the first engineer of the village.", "His forge was also a parliament."]
    assert m.biography


def test_two_authors_about_the_author_heading_and_post_navigation():
    raw = """# Ruskin's Workmen

Mary Lowe and Thomas Pike

2014

When Ruskin set his Oxford students to mend the road at Hinksey, the newspapers laughed.

Yet the point was serious.

About the Author

Mary Lowe is a historian of Victorian culture. Thomas Pike teaches English in Leeds.

Please support independent writing

Previous post

Next post
"""
    doc = read(raw)
    m = doc.metadata
    assert m.authors == ["Mary Lowe", "Thomas Pike"]
    assert texts(doc) == ["When Ruskin set his Oxford students to mend the road at Hinksey, the newspapers laughed.",
                          "Yet the point was serious."]
    assert block_text(m.biography[0]).startswith("Mary Lowe is a historian")


def test_about_the_author_prefix_and_ampersand_authors_in_a_heading():
    raw = ("## Jane Doe & John Roe\n\nThe Village Cooperative: A History\n\n"
           "In 1844 twenty-eight weavers in Rochdale opened a shop.\n\nIt sold flour.\n\n"
           "About the author: Jane Doe is a writer who lives in Manchester.\n")
    doc = read(raw)
    m = doc.metadata
    assert m.authors == ["Jane Doe", "John Roe"]
    assert block_text(m.biography[0]) == "Jane Doe is a writer who lives in Manchester."
    assert len(texts(doc)) == 2


def test_bread_and_roses_stays_a_title():
    doc = read("Bread and Roses\n\nA Short Essay on Wages\n\nThe text begins here.\n")
    assert doc.metadata.title == "Bread and Roses" and not doc.metadata.authors


def test_crlf_bom_headings_emphasis_block_quote_and_scene_break():
    raw = """# On Walking

## An Essay

Henry Thoreau

1861

## I. The Art of Sauntering

I have met but one or two persons who understood the art of *sauntering*.

> He who sits still in a house all the time may be the greatest vagrant of all;
> but the saunterer is no more vagrant than the meandering river.

* * *

## II. The Wild

The _wildness_ of the swamp refreshes me, a *sanctum sanctorum*.
"""
    doc = read_bytes(("\ufeff" + raw).replace("\n", "\r\n").encode("utf-8"), "walk.txt")
    assert_conserved(raw, doc)
    m = doc.metadata
    assert (m.title, m.subtitle, m.authors, m.date) == ("On Walking", "An Essay", ["Henry Thoreau"], "1861")
    assert kinds(doc) == ["heading", "paragraph", "blockquote", "scene_break", "heading", "paragraph"]
    last = doc.blocks[-1].inlines
    assert [n.kind for n in last if n.kind == "emphasis"] == ["emphasis", "emphasis"]
    assert texts(doc)[2].startswith("He who sits still") and texts(doc)[2].endswith("meandering river.")
    assert not doc.warnings


def test_underlined_title_and_section_heading():
    raw = ("On Liberty of the Press\n=======================\n\nJohn Most\n\n1881\n\n"
           "The press is free, they say, for those who own one.\n\nThe Second Part\n===============\n\n"
           "We must build our own presses.\n")
    doc = read(raw)
    assert doc.metadata.title == "On Liberty of the Press" and doc.metadata.authors == ["John Most"]
    assert kinds(doc) == ["paragraph", "heading", "paragraph"]
    assert texts(doc, "heading") == ["The Second Part"]


def test_page_split_with_hyphen_and_without_notes():
    raw = """The Commons of the Moor

By Margaret Hale

March 1887

No one owned the moor, and every-

one used it.

Then came the enclosure, and there was a wall where there had been open

ground, and a gate with a lock.
"""
    doc = read(raw)
    m = doc.metadata
    assert (m.title, m.authors, m.date) == ("The Commons of the Moor", ["Margaret Hale"], "March 1887")
    assert texts(doc) == ["No one owned the moor, and every-one used it.",
                          "Then came the enclosure, and there was a wall where there had been open ground, "
                          "and a gate with a lock."]


def test_first_publication_in_italics_before_a_colophon_and_page_notes_at_the_end():
    raw = """# Freedom and the Land

Charlotte Wilson

1888

Every rent paid in Whitechapel<sup>1</sup> is paid in the end to a landlord.

The remedy is not to change the landlord but to abolish him.<sup>2</sup>

---

<sup>1</sup> About three shillings a week for a single room.

<sup>2</sup> The wording follows Kropotkin's lecture of the previous year.

*Freedom*, March 1888

The Anarchist Library
Anti-Copyright

Retrieved on March 3, 2009 from http://www.example.net/wilson/land
"""
    doc = read(raw)
    m = doc.metadata
    assert m.first_published == "Freedom, March 1888"
    assert m.source_url == "http://www.example.net/wilson/land"
    assert kinds(doc) == ["paragraph", "paragraph"]
    assert calls(doc) == ["1", "2"] and len(doc.notes) == 2
    assert not any(isinstance(n, NoteRef) and not n.label for b in doc.blocks for n in b.inlines)


def test_note_kind_written_at_the_start_of_the_note_and_wordpress_widgets():
    raw = """# The Moravian Strikes

Pëtr Kropotkin

1890

The miners of Moravia<sup>1</sup> came out on the 2<sup>nd</sup> of May, a day late.

The owners sent for soldiers.<sup>2</sup>

---

<sup>1</sup> Translator's note: Moravia was then a crown land of Austria.

<sup>2</sup> [Editor's note] The troops came from Olmütz.

Print Friendly, PDF & Email

Categories: History, Labour

Related
"""
    doc = read(raw)
    assert len(texts(doc)) == 2
    assert notes(doc) == {"1": ["Moravia was then a crown land of Austria."],
                          "2": ["The troops came from Olmütz."]}
    assert [n.note_kind for n in doc.notes] == ["translator", "editor"]


def test_bracket_definitions_with_a_colon_or_period_after_the_number():
    raw = ("# The Water Question\n\nJane Doe\n\n1902\n\nThe town bought its water.[1] Then it dug wells.[2]\n\n"
           "[1]: The Thames Valley Water Company.\n[2]. Three wells, behind the church.\n")
    doc = read(raw)
    assert notes(doc) == {"1": ["The Thames Valley Water Company."], "2": ["Three wells, behind the church."]}
    assert calls(doc) == ["1", "2"]


def test_library_letter_whose_address_and_closing_lines_are_not_hard_breaks():
    raw = """

# Kropotkin to Max Nettlau, March 5, 1902

Pëtr Kropotkin

March 5, 1902.

Private
6, Crescent Road
Bromley, Kent
Dear Comrade,

Your parcel of old papers came safely, and I have spent two evenings with them.

A movement that forgets its past repeats its mistakes.

Yours fraternally,
Peter Kropotkin

The Anarchist Library  
Anti-Copyright



Pëtr Kropotkin  
Kropotkin to Max Nettlau, March 5, 1902  
March 5, 1902.

Retrieved on 2 June 2014 from RevoltLib.com

**[theanarchistlibrary.org](http://theanarchistlibrary.org)**
"""
    doc = read(raw)
    assert kinds(doc) == ["dateline", "address", "salutation", "paragraph", "paragraph", "closing", "signature"]
    assert texts(doc, "dateline") == ["March 5, 1902."]
    assert texts(doc, "address") == ["Private\n6, Crescent Road\nBromley, Kent"]
    assert texts(doc, "signature") == ["Peter Kropotkin"]
    m = doc.metadata
    assert m.date == "March 5, 1902" and m.rights == "Anti-Copyright"
    assert m.retrieved == "Retrieved on 2 June 2014 from RevoltLib.com"


def test_author_with_life_dates_date_in_brackets_and_this_essay_first_appeared():
    raw = ("# The Poor Man's Library\n\nThomas Cooper (1805–1892)\n\n(1872)\n\n"
           "I learned Latin at a cobbler's stall, with the grammar propped against the last.\n\n"
           "This essay first appeared in The Plain Speaker, March 1872.\n")
    doc = read(raw)
    m = doc.metadata
    assert (m.authors, m.date, m.first_published) == (
        ["Thomas Cooper"], "1872", "The Plain Speaker, March 1872")
    assert texts(doc) == ["I learned Latin at a cobbler's stall, with the grammar propped against the last."]


def test_list_lines_become_a_paragraph_each_and_prose_stays_whole():
    raw = """# The Programme

Ann Author

The congress adopted three points:
1. The land to those who work it.
2. The factories to the workers' unions.
3. Bread, and then the rest, for all.

And the demands of the smaller section were these:

- a shorter working day
- no fines in the workshops

A sentence that wraps
over two lines, and a year
1890. The last line starts with a year, not a list.
"""
    doc = read(raw)
    body = texts(doc)
    assert body[:4] == ["The congress adopted three points:", "1. The land to those who work it.",
                        "2. The factories to the workers' unions.",
                        "3. Bread, and then the rest, for all."]
    assert body[5:7] == ["a shorter working day", "no fines in the workshops"]   # the bullets are the list's marks
    assert body[7].startswith("A sentence that wraps over two lines, and a year 1890. The last")
    assert "list lines kept" in actions(doc)

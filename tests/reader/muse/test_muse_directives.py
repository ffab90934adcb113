"""Directives to metadata; the rest to the report; none in the body."""
from muse_helpers import read, texts

HEAD = """#pubdate 2009-02-26 17:55:26 +0100
#author Pëtr Kropotkin
#SORTauthors Pëtr Kropotkin
#title The Commune of Paris
#subtitle A Lecture
#LISTtitle Commune of Paris
#lang fr
#date 1880
#SORTtopics history, revolution; the State
#source Retrieved on February 25<sup>th</sup>, 2009 from [[http://dwardmac.pitzer.edu/x/pcommune.html][dwardmac.pitzer.edu]]
#notes First published in Le Révolté, 1880. Translated by Nicolas Walter.
#teaser A text
  that runs on
#coverwidth 0.5
#frobnicate yes

"""


def test_directives_fill_metadata():
    doc = read("The body.\n", HEAD)
    m = doc.metadata
    assert m.title == "The Commune of Paris" and m.subtitle == "A Lecture"
    assert m.authors == ["Pëtr Kropotkin"]
    assert m.date == "1880"                       # the text's date
    assert m.archive_date == "2009-02-26 17:55:26 +0100"   # #pubdate: the archive's, never `date`
    assert m.language == "fr"
    assert m.subjects == ["history", "revolution", "the State"]
    assert m.source_url == "http://dwardmac.pitzer.edu/x/pcommune.html"
    assert m.source_site == "dwardmac.pitzer.edu"
    assert m.retrieved == "Retrieved on February 25th, 2009 from dwardmac.pitzer.edu"
    assert m.first_published == "Le Révolté, 1880"
    assert m.translator == "Nicolas Walter"
    assert texts(doc) == ["The body."]


def test_continuation_and_unknown_directives_reported():
    doc = read("The body.\n", HEAD)
    by_detail = {r.detail: r for r in doc.report}
    teaser = next(r for r in doc.report if "#teaser" in r.detail)
    assert teaser.lines == (12, 13)               # the indented line continues it
    unknown = [r for r in doc.report if r.action == "directive kept in the report"]
    assert [r.text for r in unknown] == ["#frobnicate yes"]
    assert by_detail


def test_author_from_sortauthors_and_bare_source_url():
    doc = read("Body.\n", "#title T\n#SORTauthors Emma Goldman; Alexander Berkman\n"
                          "#source Retrieved on 13 May, 2019 from http://www.ditext.com/k/rebel.html\n\n")
    assert doc.metadata.authors == ["Emma Goldman", "Alexander Berkman"]
    assert doc.metadata.source_url == "http://www.ditext.com/k/rebel.html"
    assert doc.metadata.source_site == "www.ditext.com"


def test_notes_that_name_no_publication_set_none():
    # "First published during …" names no place: not a first publication
    doc = read("Body.\n", "#title T\n#notes First published during his imprisonment, this book grew.\n\n")
    assert doc.metadata.first_published == ""


def test_directive_after_body_is_text():
    doc = read("The body.\n\n#title Not a directive\n")
    assert texts(doc) == ["The body.", "#title Not a directive"]
    assert doc.metadata.title == "A Title"


def test_no_title_warns():
    doc = read("Body.\n", "#author Jane Doe\n\n")
    assert any("no title" in w for w in doc.warnings)

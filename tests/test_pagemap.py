"""The print page markers' placing (kroppress.render.pagemap), without a layout:
the two sides agree on the blocks, a page's place becomes a marker before
the right word, and a section no page begins in keeps its bytes."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from kroppress.render import pagemap
from kroppress.render.pagemap import PageStart, PrintPages

SECTION = ('<section id="essay" epub:type="chapter">\n<h1 id="essay-title">An <em>Essay</em></h1>\n'
           '<p>One two &amp; three <em>four</em>five six.</p>\n<!-- a comment <p>no</p> -->\n'
           '<blockquote><p>Quoted<br/> words here</p></blockquote>\n<ol>\n<li>First item</li>\n'
           '<li><p>Second</p></li>\n</ol>\n</section>')
NS = 'xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'


def _tree_keys(markup: str) -> dict[str, str]:
    body = ET.fromstring(f"<body {NS}>{markup}</body>")
    for el in body.iter():
        el.tag = el.tag.rsplit("}", 1)[-1]
    pagemap.stamp(body)
    return {el.get(pagemap.ATTR): el.tag for el in body.iter() if el.get(pagemap.ATTR)}


def test_the_print_tree_and_the_epub_markup_number_the_blocks_alike():
    blocks = pagemap._blocks(SECTION)
    assert {k: b.tag for k, b in blocks.items()} == _tree_keys(SECTION)
    p = blocks["essay/2"]
    assert [w.text for w in p.words] == ["One", "two", "&", "three", "fourfive", "six."]
    assert p.count == pagemap.chars("Onetwo&threefourfivesix.")


def _marked(offset: int, words: tuple[str, ...], anchor: str = "essay/2") -> str:
    new, missed = pagemap.mark_pages(SECTION, [(PageStart("7", anchor, offset, words), "page-7")])
    assert not missed
    return new


def test_a_page_that_begins_inside_a_paragraph_gets_its_marker_before_that_word():
    new = _marked(len("Onetwo&"), ("three", "four"))
    assert '&amp; <span epub:type="pagebreak" role="doc-pagebreak" id="page-7" aria-label="7"/>three' in new
    assert new.replace(pagemap.marker("7", "page-7"), "") == SECTION


def test_a_word_broken_across_the_pages_gets_the_marker_before_the_whole_word():
    # the page begins with "five", the end of "<em>four</em>five"
    new = _marked(len("Onetwo&threefour"), ("five", "six."))
    assert f"{pagemap.marker('7', 'page-7')}<em>four</em>five" in new


def test_a_page_that_begins_with_a_block_gets_the_marker_before_it():
    # a heading: before it
    new = _marked(0, ("An", "Essay"), "essay/1")
    assert f"{pagemap.marker('7', 'page-7')}<h1 " in new
    # a paragraph: inside, before its first word, so that "h1 + p" or
    # "section.headnote + p" still find it (the marker is no sibling between)
    new = _marked(0, ("One", "two"))
    assert f"</h1>\n<p>{pagemap.marker('7', 'page-7')}One" in new
    # and the first paragraph of a quotation stays its first child
    new = _marked(0, ("Quoted", "words"), "essay/4")
    assert f"<blockquote><p>{pagemap.marker('7', 'page-7')}Quoted" in new
    # a list item takes it inside (an <ol> holds only items)
    new = _marked(0, ("First", "item"), "essay/6")
    assert f"<li>{pagemap.marker('7', 'page-7')}First" in new


def test_in_a_navigation_document_the_marker_goes_inside_the_heading():
    nav = '<nav id="toc" epub:type="toc">\n<h1 id="toc-title">Contents</h1>\n<ol><li><a href="a.xhtml">A</a></li></ol>\n</nav>'
    new, _ = pagemap.mark_pages(nav, [(PageStart("v", "toc/1", 0, ("Contents",)), "page-v")])
    assert f'<h1 id="toc-title">{pagemap.marker("v", "page-v")}Contents' in new


def test_a_count_that_drifted_is_corrected_by_the_page_s_first_words():
    # the print text had two characters more before the place (say a call)
    new = _marked(len("Onetwo&three") + 2, ("four",))
    assert f"&amp; three {pagemap.marker('7', 'page-7')}<em>four</em>" in new


def test_a_section_without_a_page_start_keeps_its_bytes_and_unknown_blocks_are_reported():
    sections = [("a.xhtml", SECTION), ("b.xhtml", '<section id="other"><p>Text</p></section>')]
    start = PageStart("3", "essay/2", 0, ("One",))
    lost = PageStart("4", "nowhere/1", 0, ("x",))
    out, entries, missed = pagemap.mark_sections(sections, PrintPages((start, lost), "urn:x"))
    assert out[1] == sections[1][1]
    assert entries == [("3", "a.xhtml#kp-page-3")]
    assert missed == [lost]


def test_page_ids_are_unique():
    starts = [PageStart(label, "a/1", 0, ()) for label in ("i", "1", "1", "x")]
    assert pagemap.page_ids(starts) == ["kp-page-i", "kp-page-1", "kp-page-1-2", "kp-page-x"]


def test_labels_follow_the_printed_folios_and_number_the_pages_that_print_none():
    pages = [(1, "display", []), (2, "display", []), (3, "front", ["iii", "a running head"]),
             (4, "front", ["Contents"]), (1, "main", ["1"]), (2, "main", ["2", "The Title"]),
             (3, "main", [])]
    assert pagemap.labels(pages) == ["i", "ii", "iii", "iv", "1", "2", "3"]


def test_a_running_head_that_is_a_number_is_not_taken_for_a_folio():
    # "1919" on page 5: not the folio; the page prints none
    pages = [(4, "main", ["4"]), (5, "main", ["1919"])]
    assert pagemap.labels(pages) == ["4", "5"]
    assert pagemap.folio_style("v", 5) == "lower-roman" and pagemap.folio_style("V", 5) == "upper-roman"
    assert pagemap.folio_style("v", 4) is None

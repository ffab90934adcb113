"""raw_html: tags dropped and reported; what a browser shows is kept as text."""
import pytest

from kroppress.reader.rules import raw_html

from helpers import P1, P2, actions, apply, body, essay, read, types

HEAD = "# The Canal\n\nRuth Amsel\n\n"


def test_raw_html_blocks_and_tags_dropped_text_kept():
    s = apply(HEAD + "<div class=share></div>\n\nThe <span>lock</span> held.\n", raw_html.rule)
    assert [b.text for b in s.blocks][-1] == "The lock held."
    assert [r.action for r in s.report].count("raw HTML dropped") == 2
    clean = apply(HEAD + "The lock held.\n", raw_html.rule)
    assert not clean.report


@pytest.mark.parametrize("html, kept", [
    ('<div class="note">The lock keeper kept a diary.</div>', ["The lock keeper kept a diary."]),
    ("<p>The lock keeper kept a diary.</p>", ["The lock keeper kept a diary."]),
    ("<details><summary>The diary</summary>It ran to nine volumes.</details>",
     ["The diary", "It ran to nine volumes."]),
    ("<div>\n<p>One entry a day.</p>\n<p>Some in French &amp; &eacute;t&eacute;&#8212;summer.</p>\n</div>",
     ["One entry a day.", "Some in French & été—summer."]),
    ("<ul><li>Coal</li><li>Lime</li></ul>", ["Coal", "Lime"]),
])
def test_the_text_of_an_html_block_is_kept_as_paragraphs(html, kept):
    data = read(essay(P1, html, P2))
    assert body(data) == [P1, *kept, P2]
    assert "raw HTML dropped" in actions(data)


def test_an_html_heading_is_a_heading():
    data = read(essay(P1, "<h2>The Flood</h2>", P2))
    assert types(data) == ["paragraph", "heading", "paragraph"] and body(data)[1] == "The Flood"


def test_script_style_and_template_content_is_never_text():
    # false positive: code and styles are not what a reader sees
    for html in ("<script>var lock = 'keeper'; track(lock);</script>",
                 "<style>.lock { color: red }</style>",
                 "<template><p>Lock keeper</p></template>",
                 "<div><script>track('keeper')</script></div>",
                 "<script>\nvar a = 1;\n\nvar keeper = 2;\n</script>",
                 "<!-- the keeper's note -->"):
        data = read(essay(P1, html, P2))
        assert body(data) == [P1, P2], html
        assert "raw HTML dropped" in actions(data)


def test_an_html_block_keeps_its_text_beside_its_script():
    data = read(essay(P1, "<div>The keeper wrote.<script>track()</script> Daily.</div>", P2))
    assert body(data) == [P1, "The keeper wrote. Daily.", P2]


def test_an_image_keeps_its_alt_text():
    data = read(essay(P1 + ' <img src="gate.jpg" alt="The lock gate, 1910"> The gate still stands.'))
    assert body(data) == [P1 + " The lock gate, 1910 The gate still stands."]
    data = read(essay(P1 + " ![The lock gate](gate.jpg) The gate still stands."))
    assert body(data) == [P1 + " The lock gate The gate still stands."]
    # false positive: an image without alt text adds no words
    data = read(essay(P1 + ' <img src="gate.jpg"> The gate still stands.'))
    assert body(data) == [P1 + " The gate still stands."]


@pytest.mark.parametrize("link", ['[the trust](https://canal.example "The Canal Trust")',
                                  '<a href="https://canal.example" title="The Canal Trust">the trust</a>'])
def test_a_links_title_is_reported_not_made_text(link):
    data = read(essay(f"The lock is kept by {link} to this day."))
    assert body(data) == ["The lock is kept by the trust to this day."]
    assert any("The Canal Trust" in r["detail"] or r["action"] == "raw HTML dropped" for r in data["report"])


@pytest.mark.parametrize("tag", ["<script>", "<iframe src=\"https://x.example\">", "<style>"])
def test_an_unclosed_script_like_tag_keeps_the_rest_of_its_paragraph(tag):
    data = read(essay(f"The keeper wrote {tag} every day of the year.", P2))
    assert body(data) == ["The keeper wrote every day of the year.", P2]
    assert "raw HTML dropped" in actions(data)
    # false positive: closed, its content goes
    data = read(essay(f"The keeper wrote {tag}track(){tag[0]}/{tag[1:].split()[0].rstrip('>')}> every day.", P2))
    assert body(data) == ["The keeper wrote every day.", P2]


def test_an_unclosed_script_opening_a_line_keeps_the_rest_of_the_text():
    data = read(essay(P1, "<script>", "## The Flood", P2))
    assert body(data) == [P1, "The Flood", P2] and types(data)[1] == "heading"
    assert "raw HTML dropped" in actions(data)
    data = read(essay(P1, "<script> The keeper wrote every day.", P2))
    assert body(data) == [P1, "The keeper wrote every day.", P2]
    data = read(essay(P1, '<script\n  src="track.js">\nThe keeper wrote every day.', P2))
    assert body(data) == [P1, "The keeper wrote every day.", P2]


def test_a_sites_menu_footer_and_form_are_dropped_with_their_words_reported():
    html = ('<div><nav><ul><li>Home</li><li>About us</li></ul></nav>\n<p>The keeper wrote daily.</p>\n'
            '<form><label>Your e-mail</label><button>Send</button></form>\n<footer>Canal Press 2024</footer></div>')
    data = read(essay(P1, html, P2))
    assert body(data) == [P1, "The keeper wrote daily.", P2]
    dropped = [r for r in data["report"] if r["action"] == "boilerplate dropped"]
    assert len(dropped) == 3 and "menu, footer or form" in dropped[0]["detail"]
    # false positive: the same words in an article's own paragraphs stay
    data = read(essay(P1, "<div><p>Home, about us, the keeper wrote.</p><p>Canal Press, 2024.</p></div>", P2))
    assert body(data) == [P1, "Home, about us, the keeper wrote.", "Canal Press, 2024.", P2]


def test_an_html_table_is_a_table():
    from kroppress.reader import read_text
    html = ("<table><caption>Tolls at the upper lock</caption>\n<tr><th>Year</th><th>Coal</th></tr>\n"
            "<tr><td>1794</td><td><b>1,200</b></td></tr>\n<tr><td>1800<td>3,400</table>")
    data = read(essay(P1, html, P2))
    assert types(data) == ["paragraph", "table", "paragraph"]
    table = read_text(essay(P1, html, P2), "t.txt").blocks[1]
    assert [r.section for r in table.rows] == ["head", "body", "body"]
    assert [[c[0].text if c[0].kind == "text" else c[0].kind for c in r.cells] for r in table.rows] == [
        ["Year", "Coal"], ["1794", "strong"], ["1800", "3,400"]]
    assert table.caption[0].text == "Tolls at the upper lock"
    # false positive: a table never closed is a broken export: its cells stay text, not a table
    data = read(essay(P1, "<table><tr><td>Year</td><td>Coal</td></tr>", P2))
    assert types(data) == ["paragraph"] * 4 and body(data)[1:3] == ["Year", "Coal"]


def test_a_script_reports_the_links_and_images_it_swallowed_whole():
    # the words of a target and a title inside hidden content are reported, not lost
    data = read(essay('The keeper <script>go("[x](http://canal.example \\"Tip\\") ![a](p.png)")</script> wrote.'))
    assert body(data) == ["The keeper wrote."]
    # false positive: outside a script the link stays a link, its title reported
    data = read(essay('The keeper [wrote](http://canal.example "Tip").'))
    assert body(data) == ["The keeper wrote."] and "link title reported" in actions(data)

"""Each class of the typographic report's findings, on planted pages, with
the clean case beside it (`kroppress.proof.findings`)."""
from __future__ import annotations

from kroppress.proof.findings import find
from kroppress.writers.pdf.lines import FIELDS

PITCH = 14.5
TOP = 54.0
MEASURE = (63.0, 351.0)


def line(n: int, text: str = "a line of running text set full out to the measure", *,
         block: str = "b1", kind: str = "body", text_id: str = "essay", stretch: float | None = 0.2,
         hyphen: bool = False, width: float | None = None, baseline: float | None = None,
         url: bool = False, right: float | None = None) -> list:
    """The record of the n-th line of a page (on the grid unless `baseline`)."""
    left = MEASURE[0]
    if right is None:
        right = MEASURE[1] if width is None else left + width
    values = dict(baseline=TOP + 11 + n * PITCH if baseline is None else baseline,
                  left=left, right=right, measure_left=MEASURE[0], measure_right=MEASURE[1],
                  text=text, hyphen=hyphen, stretch=stretch, block=block, kind=kind,
                  text_id=text_id, url=url, size=11.0, pitch=PITCH)
    return [values[f] for f in FIELDS]


def page(lines: list, counter: int = 1) -> list:
    return [None, 0, [], counter, "main", [], [TOP, TOP + 495, lines]]


def full_page(block: str, rows: int = 34, **kw) -> list:
    return [line(n, block=block, **kw) for n in range(rows)]


def kinds(pages: list, **kw) -> list[str]:
    report = find(pages, [str(i + 1) for i in range(len(pages))], **kw)
    return [f.kind for f in report.findings]


def test_a_clean_page_reports_nothing():
    lines = full_page("b1", 33) + [line(33, "the end.", block="b1", stretch=None, width=120)]
    assert kinds([page(lines)]) == []


def test_a_loose_line_and_the_limit_beside_it():
    lines = full_page("b1", 30)
    lines[5] = line(5, block="b1", stretch=0.9)
    lines[6] = line(6, block="b1", stretch=0.49)          # under the limit: not loose
    lines.append(line(30, "end.", block="b1", stretch=None, width=100))
    assert kinds([page(lines)]) == ["loose"]
    assert kinds([page(lines)], loose=1.0) == []           # the profile's limit decides


def test_tight_lines():
    lines = full_page("b1", 10) + [line(10, "end.", block="b1", stretch=None, width=100)]
    lines[2] = line(2, block="b1", stretch=-0.3)
    lines[3] = line(3, block="b1", stretch=-0.1)           # a little shrink is fine
    assert kinds([page(lines)]) == ["tight"]


def test_three_hyphens_in_a_row_but_not_two():
    two = full_page("b1", 10)
    for n in (2, 3):
        two[n] = line(n, block="b1", hyphen=True)
    two.append(line(10, "end of it.", block="b1", stretch=None, width=100))
    assert kinds([page(two)]) == []
    three = [list(x) for x in two]
    three[4] = line(4, block="b1", hyphen=True)
    assert kinds([page(three)]) == ["hyphen-run"]


def test_a_hyphen_at_the_foot_of_a_page():
    first = full_page("b1", 34)
    first[-1] = line(33, block="b1", hyphen=True)
    second = [line(0, block="b1"), line(1, "end.", block="b1", stretch=None, width=100)]
    assert kinds([page(first), page(second, 2)]) == ["hyphen-page-end"]
    first[-1] = line(33, block="b1", hyphen=False)
    first[-3] = line(31, block="b1", hyphen=True)          # higher on the page: fine
    assert kinds([page(first), page(second, 2)]) == []


def test_a_stub_and_a_short_last_line_and_a_fair_one():
    stub = full_page("b1", 5)
    stub[-1] = line(4, block="b1", hyphen=True)
    stub.append(line(5, "selves.", block="b1", stretch=None, width=30))
    assert kinds([page(stub)]) == ["stub"]
    short = full_page("b1", 5) + [line(5, "out.", block="b1", stretch=None, width=20)]
    assert kinds([page(short)]) == ["short-last-line"]
    fair = full_page("b1", 5) + [line(5, "a last line of a few words.", block="b1",
                                      stretch=None, width=120)]
    assert kinds([page(fair)]) == []
    # a one-line paragraph is short by nature
    assert kinds([page([line(0, "Yes.", block="b2", stretch=None, width=20)])]) == []


def test_widow_and_orphan_and_a_two_line_break():
    first = full_page("b1", 33) + [line(33, block="b2")]     # b2's first line alone
    second = [line(0, block="b2"), line(1, block="b2"),
              line(2, "end.", block="b2", stretch=None, width=100)]
    assert kinds([page(first), page(second, 2)]) == ["orphan"]
    first = full_page("b1", 34)
    second = [line(0, "end.", block="b1", stretch=None, width=100)] + \
        [line(n, block="b2") for n in range(1, 5)] + [line(5, "end.", block="b2", stretch=None,
                                                          width=100)]
    assert kinds([page(first), page(second, 2)]) == ["widow"]
    # two lines each side of the break: what widows: 2 and orphans: 2 allow
    first = full_page("b1", 32) + [line(32, block="b2"), line(33, block="b2")]
    second = [line(0, block="b2"), line(1, "end.", block="b2", stretch=None, width=100)]
    assert kinds([page(first), page(second, 2)]) == []


def test_a_heading_at_the_foot_of_a_page():
    first = full_page("b1", 33) + [line(33, "What to do?", block="h", kind="heading",
                                        stretch=None, width=80)]
    second = full_page("b2", 3)
    assert "heading-at-foot" in kinds([page(first), page(second, 2)])
    first = full_page("b1", 31) + [line(31, "What to do?", block="h", kind="heading",
                                        stretch=None, width=80)] + full_page("b2", 34)[32:]
    assert "heading-at-foot" not in kinds([page(first), page(second, 2)])


def test_a_split_headnote_and_a_whole_one():
    label = dict(kind="headnote-label", stretch=None, width=60)
    first = full_page("b0", 30) + [line(30, "Editor’s note", block="l", **label)] + \
        [line(n, block="h1", kind="headnote") for n in (31, 32, 33)]
    second = [line(0, block="h1", kind="headnote"),
              line(1, "end.", block="h1", kind="headnote", stretch=None, width=90)] + \
        [line(n, block="t1") for n in range(2, 30)]
    assert "split-block" in kinds([page(first), page(second, 2)])
    whole = [line(0, "Editor’s note", block="l", **label)] + \
        [line(n, block="h1", kind="headnote") for n in range(1, 5)] + \
        [line(5, "end.", block="h1", kind="headnote", stretch=None, width=90)] + \
        full_page("t1", 34)[6:]
    assert "split-block" not in kinds([page(whole)])


def test_an_opener_with_its_title_alone_and_one_with_its_headnote():
    title = [line(n, t, block="t", kind=k, stretch=None, width=150)
             for n, (t, k) in enumerate([("Reconciling Mutual Aid", "heading"),
                                         ("The Case of Peter Kropotkin", "display"),
                                         ("milan djurasovic", "display")], start=3)]
    label = dict(kind="headnote-label", stretch=None, width=60)
    headnote = [line(0, "Editor’s note", block="l", **label)] + \
        [line(n, block="h1", kind="headnote") for n in range(1, 27)]
    alone = [page(title, 1), page(headnote + full_page("t1", 34)[27:], 2)]
    assert kinds(alone) == ["title-only"]
    opener = [page(title + [line(n, block="h1", kind="headnote") for n in range(7, 30)], 1),
              page(full_page("t1", 34), 2)]
    assert "title-only" not in kinds(opener)
    # a part's page carries its title alone by design (no text's id), and a
    # text whose opener is its last page is not continued
    part = [page([line(5, "Part II", block="p", kind="heading", text_id="", stretch=None,
                       width=50)], 1), page(full_page("t1", 34), 2)]
    assert "title-only" not in kinds(part)
    assert "title-only" not in kinds([page(title, 1)])


def test_facing_pages_of_unequal_depth_but_not_at_a_texts_end():
    pages = [page(full_page("b0", 34), 1), page(full_page("b1", 33), 2),
             page(full_page("b1", 34), 3), page(full_page("b1", 34), 4)]
    assert "facing-depth" in kinds(pages)
    even = [page(full_page("b0", 34), 1), page(full_page("b1", 34), 2),
            page(full_page("b1", 34), 3), page(full_page("b1", 34), 4)]
    assert "facing-depth" not in kinds(even)
    # the recto ends the text: the next page opens another
    ending = [page(full_page("b0", 34), 1), page(full_page("b1", 34), 2),
              page(full_page("b1", 20), 3),
              page([line(0, "Next", block="h", kind="heading", text_id="other", stretch=None,
                         width=60)] + full_page("c1", 10, text_id="other")[1:], 4)]
    assert "facing-depth" not in kinds(ending)


def test_lines_off_the_grid_after_a_heading_with_odd_space():
    lines = full_page("b1", 12) + [line(n, block="b2", baseline=TOP + 11 + n * PITCH + 6)
                                   for n in range(12, 20)]
    found = find([page(lines)], ["1"])
    off = [f for f in found.findings if f.kind == "off-grid"]
    assert len(off) == 1 and off[0].lines == 8
    assert kinds([page(full_page("b1", 20))]) == []


def test_overfull_lines_and_a_url_broken_with_a_hyphen():
    lines = full_page("b1", 5)
    lines[1] = line(1, block="b1", right=MEASURE[1] + 4)
    lines[2] = line(2, block="b1", right=MEASURE[1] + 0.2)    # rounding, not overfull
    lines[3] = line(3, "robertgra‐", block="b1", hyphen=True, url=True)
    lines.append(line(5, "end.", block="b1", stretch=None, width=100))
    assert kinds([page(lines)]) == ["overfull", "url-hyphen"]


def test_counts_per_text_and_per_hundred_lines():
    lines = full_page("b1", 20) + full_page("c1", 20, text_id="other")
    lines[3] = line(3, block="b1", stretch=1.2)
    report = find([page(lines)], ["1"])
    data = report.json()
    assert data["counts"]["essay"]["loose"] == 1 and data["counts"]["total"]["loose"] == 1
    assert data["per_100_lines"]["essay"]["loose"] == 5.0          # 1 in 20
    assert data["per_100_lines"]["total"]["loose"] == 2.5          # 1 in 40
    assert data["lines"] == 40 and data["findings"][0]["folio"] == "1"

"""The build keeps the typographic report of its PDF (no second layout), and
serve's print view marks the findings on the page images."""
from __future__ import annotations

import re

import pytest

from kroppress.proof.findings import KINDS
from kroppress.proof.store import load, path_of



@pytest.fixture(scope="module")
def built(shipped_all_kepub):
    """The shipped book's build (its PDF is the one `--format pdf` writes:
    tests/writers/test_page_list.py)."""
    pdf = shipped_all_kepub[2]
    return pdf.parent, pdf


def test_the_build_keeps_its_report(built):
    out, pdf = built
    data = load(out, pdf.name)
    assert data is not None and path_of(out, pdf.name).is_file()
    import pikepdf
    with pikepdf.open(pdf) as doc:
        assert data["pages"] == len(doc.pages)
    assert data["findings"] and all(f["kind"] in KINDS for f in data["findings"])
    for f in data["findings"]:
        x0, y0, x1, y1 = f["area"]
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1, f


def test_a_report_that_is_not_one_is_ignored(tmp_path):
    target = path_of(tmp_path, "book.pdf")
    target.parent.mkdir(parents=True)
    for bad in ("", "[]", '{"findings": 3}', "{"):
        target.write_text(bad)
        assert load(tmp_path, "book.pdf") is None


def test_the_print_view_marks_each_finding_on_its_page(built, tmp_path):
    from kroppress.serve.app import _pages
    from kroppress.serve.printing import PrintState, _findings
    out, pdf = built
    by_page = _findings(out, pdf.name)
    data = load(out, pdf.name)
    assert sum(len(v) for v in by_page.values()) == len(data["findings"])
    pages = [tmp_path / f"p-{n}.png" for n in range(1, data["pages"] + 1)]
    state = PrintState(generation=1, pages=pages, pdf=pdf, findings=by_page)
    snap = type("Snap", (), {"generation": 1, "errors": [], "warnings": [], "book": None})()
    html = _pages.get_template("print.html.j2").render(view="print", job=state, snap=snap,
                                                       status=state.as_json(1))
    marks = re.findall(r'<span class="kp-finding kp-([\w-]+)"[^>]*style="left: ([\d.]+)%; '
                       r'top: ([\d.]+)%; width: ([\d.]+)%; height: ([\d.]+)%"', html)
    assert len(marks) == len(data["findings"])
    page, first = min(by_page.items())
    section = html.split(f'id="page-{page}"', 1)[1].split("</figure>", 1)[0]
    assert first[0]["what"] in section and "typographic finding" in section
    # a page without findings has no marks (the false positive)
    clean = next(n for n in range(1, data["pages"] + 1) if n not in by_page)
    section = html.split(f'id="page-{clean}"', 1)[1].split("</figure>", 1)[0]
    assert "kp-finding" not in section and "typographic finding" not in section

"""`writers.pdf.press.finish` mends what the preflight reports of a press
file as WeasyPrint writes it: a link in the trim, a DeviceRGB transparency
group (Kozea/WeasyPrint#2723), marks drawn in the bleed (MediaBox =
BleedBox), no page labels. Planted in a clean file, found, then gone."""
from __future__ import annotations

import pytest

import pikepdf

from kroppress.preflight import Options, preflight
from kroppress.writers.pdf.press import SLUG_PT, finish

from pdfx_files import BLEED, CLEAN_CONTENT, make_fixture

@pytest.fixture
def make(tmp_path):
    return make_fixture(tmp_path)


NO_INK = Options(ink=False)


def test_finish_mends_links_groups_marks_and_labels(make):
    def edit(pdf):
        del pdf.Root["/PageLabels"]
        for page in pdf.pages:
            page.obj.MediaBox = pikepdf.Array(BLEED)         # no slug
            page.obj.Group = pikepdf.Dictionary(Type=pikepdf.Name.Group,
                                                S=pikepdf.Name.Transparency,
                                                CS=pikepdf.Name.DeviceRGB)
            page.obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 72, 144, 90],
                Dest=pikepdf.Array([page.obj, pikepdf.Name.Fit])))])
    path = make(edit=edit)
    before = {(f.check, f.message.split(":")[0][:30]) for f in preflight(path, NO_INK)}
    assert {c for c, _ in before} == {"boxes", "colour", "pdfx"}
    finish(path, labels=["i", "ii", "1", "2"], press=True, marks=True)
    assert preflight(path, NO_INK) == []
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        assert [float(v) for v in page.mediabox] == [b + d for b, d in
                                                     zip(BLEED, (-SLUG_PT, -SLUG_PT,
                                                                 SLUG_PT, SLUG_PT))]
        assert "/Annots" not in page.obj and page.obj.Group.CS == "/DeviceCMYK"


def test_finish_keeps_links_and_adds_no_marks_outside_a_press_file(make):
    def edit(pdf):
        pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 72, 144, 90],
            Dest=pikepdf.Array([pdf.pages[1].obj, pikepdf.Name.Fit])))])
    path = make(CLEAN_CONTENT, edit=edit)
    finish(path, labels=["1", "2", "3", "4"])
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages[0].obj.Annots) == 1
        assert [float(v) for v in pdf.pages[0].mediabox] == [-27, -27, 387, 567]

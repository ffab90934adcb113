"""Print settings that make a broken book are refused or fitted: the back
cover's description (smaller type to a floor, a word wider than the measure
broken, then one error saying how much is too long), a spine no binder binds,
creep wider than the inner margin, a booklet asked to keep a PDF standard."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from kroppress.build.run import run_build
from kroppress.config import Length, load_config
from kroppress.errors import ConfigError
from kroppress.model import Book
from kroppress.writers.formats import booklet as booklet_format
from kroppress.writers.formats import cover as cover_format
from kroppress.writers.pdf import booklet
from kroppress.writers.pdf.cover_fit import (DESCRIPTION_MIN_PT, DescriptionTooLong, SpineTooWide,
                                             check_spine, fit_description, wrap)
from kroppress.writers.pdf.wrap_cover import write_cover
from kroppress.writers.registry import WriteJob

from test_wrap_cover import CONFIG, EPOCH, TRIM_W, BLEED, book_and_profile, make_config


def even(text: str, size: float) -> float:
    """A font whose every character is half an em wide."""
    return len(text) * size / 2


# ------------------------------------------------------------------ the description
def test_a_word_wider_than_the_measure_is_broken_and_ordinary_words_are_not():
    lines = wrap("a " + "x" * 100 + " end", width=100, size=10, measure=even)
    assert all(even(line, 10) <= 100 for line in lines)
    assert "".join(lines).replace(" ", "") == "a" + "x" * 100 + "end"      # no letter lost
    assert wrap("one two three four", width=100, size=10, measure=even) == ["one two three four"]


def test_a_long_description_gets_smaller_type_and_a_short_one_keeps_its_size():
    short = fit_description("A short description.", 300, 200, 12, even)
    assert short == (12, ["A short description."])
    size, lines = fit_description("word " * 400, 300, 400, 12, even)
    assert DESCRIPTION_MIN_PT <= size < 12 and len(lines) * size * 1.4 <= 400


def test_a_description_too_long_at_the_smallest_type_says_how_much():
    with pytest.raises(DescriptionTooLong) as exc:
        fit_description("word " * 12_000, 300, 400, 12, even)
    assert exc.value.chars == 60_000 and 0 < exc.value.room < exc.value.chars
    assert f"about {60_000 - exc.value.room} characters too long" in str(exc.value)


def test_an_unbreakable_word_stays_on_the_back_panel(tmp_path):
    book, profile = book_and_profile(tmp_path)
    book.meta.description = "The opening words, then " + "x" * 600 + " and the end."
    out = write_cover(book, tmp_path / "cover.pdf", page_count=100, profile=profile, epoch=EPOCH)
    with pdfplumber.open(out) as pdf:
        xs = [c for c in pdf.pages[0].chars if c["text"] == "x"]
    with pikepdf.open(out) as doc:
        trim_left = float(doc.pages[0].TrimBox[0])
    assert len(xs) == 600
    assert max(c["x1"] for c in xs) < trim_left + TRIM_W          # never on the spine or front


def _job(tmp_path, description: str, pages: int, monkeypatch) -> WriteJob:
    config = load_config(make_config(tmp_path))
    book = Book(meta=dataclasses.replace(config.book_meta(), description=description), parts=[])
    monkeypatch.setattr(cover_format, "interior_page_count", lambda job: pages)
    return WriteJob(book=book, path=tmp_path / "c.pdf", epoch=EPOCH,
                    profile=config.print_profile("press"), config=config)


def test_the_cover_refuses_a_description_it_cannot_hold_at_its_line(tmp_path, monkeypatch):
    job = _job(tmp_path, "A long text. " * 5000, 100, monkeypatch)
    with pytest.raises(ConfigError) as exc:
        cover_format.write(job)
    line = CONFIG.splitlines().index(next(x for x in CONFIG.splitlines()
                                          if x.startswith("description"))) + 1
    assert str(exc.value).startswith(f"{job.config.path}:{line}: key 'book.description': ")
    assert "characters too long" in str(exc.value) and not job.path.exists()


# ------------------------------------------------------------------ the spine
def test_a_spine_wider_than_binders_bind_warns_and_an_absurd_one_is_refused(tmp_path):
    _, profile = book_and_profile(tmp_path)
    said: list[str] = []
    check_spine(400, profile.paper, said)                    # 0.9in: quiet
    assert said == []
    check_spine(1500, profile.paper, said)                   # 3.4in: a warning
    assert len(said) == 1 and "3.38in" in said[0] and "wider than binders" in said[0]
    with pytest.raises(SpineTooWide):
        check_spine(20_000, profile.paper, said)             # 45in


def test_the_cover_of_twenty_thousand_pages_is_one_line(tmp_path, monkeypatch):
    job = _job(tmp_path, "A short one.", 20_000, monkeypatch)
    with pytest.raises(ConfigError) as exc:
        cover_format.write(job)
    assert "spine would be 45.0in (20000 pages)" in str(exc.value)
    assert str(exc.value).startswith(f"{job.config.path}:") and not job.path.exists()


# ------------------------------------------------------------------ booklets
def _blank_pdf(path: Path, pages: int) -> Path:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(396, 612))
    pdf.save(path)
    return path


def test_creep_wider_than_the_inner_margin_is_refused(tmp_path):
    source = _blank_pdf(tmp_path / "pages.pdf", 96)          # 24 sheets
    profile = dataclasses.replace(booklet.booklet_default_profile(), creep=Length.parse("1mm"))
    with pytest.raises(booklet.CreepTooWide) as exc:
        booklet.impose(source, tmp_path / "b.pdf", profile, epoch=EPOCH)
    assert exc.value.sheets == 24 and exc.value.shift > exc.value.margin
    thin = dataclasses.replace(profile, creep=Length.parse("0.1mm"))
    assert booklet.impose(source, tmp_path / "ok.pdf", thin, epoch=EPOCH) == 24


def test_a_booklet_with_a_pdf_variant_is_refused_before_anything_is_read(tmp_path):
    cfg = make_config(tmp_path, 'pdf_variant = "pdf/a-3b"\n\n[print.profiles.tagged]\n'
                                'pdf_variant = "pdf/ua-1"')
    config = load_config(cfg)
    with pytest.raises(ConfigError) as exc:
        run_build(cfg, "booklet", profile="tagged", out_dir=tmp_path / "dist")
    line = cfg.read_text().splitlines().index('pdf_variant = "pdf/ua-1"') + 1
    assert str(exc.value).startswith(f"{cfg}:{line}: key 'print.profiles.tagged.pdf_variant': ")
    with pytest.raises(ConfigError, match="--profile press: profile 'press' has pdf_variant"):
        run_build(cfg, "booklet", profile="press", out_dir=tmp_path / "dist")
    assert not (tmp_path / "dist").exists()
    # without --profile the booklet profile has none, whatever [print] says
    assert booklet_format.refuses(config, config.default_profile) is None
    assert config.profiles["booklet"].pdf_variant is None

"""Shared fixtures: a hand-made `Book`, numbered the way assemble.py numbers it.

Two parts, three texts: an essay with translator's notes, ordinals, a block
quote, a scene break and a heading; a letter (dateline, address, salutation,
closing, signature) with an author's note; a commentary with headings, links
and an editor's note. Note ids are "{entry}_note-{n}", call ids
"{entry}_noteref-{n}" (a second call of the same note gets a "-2" suffix).
"""
from __future__ import annotations

from typing import Callable, Iterable

import pytest

from kroppress.model import (Address, BlockQuote, Book, BookMeta, Closing, Correction, Dateline,
                             Document, Emphasis, Entry, Heading, LineBreak, Link, Metadata, Note,
                             NoteRef, Paragraph, Part, Salutation, SceneBreak, Signature, Strong,
                             Superscript, Text)

T = Text
KROPOTKIN = "Pëtr Kropotkin"
KROPOTKIN_BIO = [
    Paragraph([T("Pëtr Kropotkin (1842–1921) was a Russian geographer, zoologist and "
                 "anarchist. Born a prince in Moscow, he served in Siberia, renounced his title, "
                 "was imprisoned in Russia and France, and lived in exile in England from 1886 "
                 "to 1917. His books include "), Emphasis([T("Mutual Aid")]), T(" and "),
               Emphasis([T("The Conquest of Bread")]), T(".")]),
]


def P(*inlines) -> Paragraph:
    return Paragraph([T(i) if isinstance(i, str) else i for i in inlines])


def ref(entry: str, n: int, call: int = 1) -> NoteRef:
    suffix = "" if call == 1 else f"-{call}"
    return NoteRef(label=str(n), number=n, ref_id=f"{entry}_noteref-{n}{suffix}")


def note(entry: str, n: int, blocks, kind="author", calls: int = 1) -> Note:
    ids = [f"{entry}_noteref-{n}" + ("" if c == 1 else f"-{c}") for c in range(1, calls + 1)]
    return Note(label=str(n), blocks=blocks, note_kind=kind, number=n,
                id=f"{entry}_note-{n}", ref_ids=ids)


def essay() -> Entry:
    e = "action-of-the-masses"
    blocks = [
        P("Our comrades are perfectly right to say that the May strikes are a consequence of "
          "general economic conditions. But what our comrades ignore is that, ",
          Emphasis([T("outside all socialist organisations")]),
          ", an immense work to press on to a general strike is taking place.", ref(e, 1)),
        P("Whether it is enough to say that this international movement comes from America;",
          ref(e, 2), " that it is taking form outside all organisation. They tell each other: "
          "“So be it, see you on the 1", Superscript([T("st")]), " of May!”"),
        BlockQuote([P("“We are overwhelmed by this movement,” we were told, two years ago, by "
                      "a Belgian socialist.")]),
        SceneBreak(),
        Heading(2, [T("The idea spreads")], id=f"{e}-the-idea-spreads"),
        P("Every strike of the last two years, in Belgium, in England, in Moravia, is due to "
          "this ", Emphasis([T("spontaneous")]), " spreading of the idea.", ref(e, 1, call=2)),
    ]
    notes = [
        note(e, 1, [P("A reference to the 1889 London Dock Strike; see Kropotkin’s article "
                      "“What a Strike is”, ", Emphasis([T("La Révolte")]), ", 7",
                      Superscript([T("th")]), " of September 1889.")],
             kind="translator", calls=2),
        note(e, 2, [P("A reference to the 1886 eight-hour day movement in America that called "
                      "upon workers to strike on the 1", Superscript([T("st")]), " of May.")],
             kind="translator"),
    ]
    md = Metadata(title="The Action of the Masses and the Individual", authors=[KROPOTKIN],
                  date="1890", first_published="La Révolte, 1890",
                  source_url="https://theanarchistlibrary.org/library/petr-kropotkin-the-action-of-the-masses",
                  source_site="The Anarchist Library", retrieved="2024-03-02",
                  translator="Iain McKay", rights="Public domain; translation CC0",
                  biography=KROPOTKIN_BIO)
    return Entry(id=e, doc=Document(metadata=md, blocks=blocks, notes=notes),
                 headnote=[P("Written for ", Emphasis([T("La Révolte")]), " after the first "
                             "international May Day, this short piece argues that the strike "
                             "wave came from below.")])


def letter() -> Entry:
    e = "letter-to-berkman"
    blocks = [
        Dateline([T("November 20, 1908.")]),
        Address([[T("Personal; not for print")], [T("Viola, Muswell Hill Road")],
                 [T("London, N.")]]),
        Salutation([T("Dear Berkman,")]),
        P("You are quite right in taking a hopeful view of the progress of our ideas in "
          "America.", ref(e, 1), " It would have been far greater if the American anarchists "
          "had succeeded in ", Emphasis([T("merging themselves into the mass of the "
                                           "workingmen")]), "."),
        P("I was lately in Paris, and on all sides I heard that the work that we began only "
          "as a handful in 1878 is bearing fruit."),
        Closing([T("Yours fraternally,")]),
        Signature([T("P. Kropotkin")]),
    ]
    notes = [note(e, 1, [P("Berkman had written from New York about the ",
                           Emphasis([T("Mother Earth")]), " group.")], kind="author")]
    md = Metadata(title="Kropotkin to Alexander Berkman, November 20, 1908",
                  authors=[KROPOTKIN], date="1908-11-20",
                  source_url="https://example.org/letters/1908",
                  source_site="Letters archive", retrieved="2024-03-02",
                  rights="Public domain", biography=KROPOTKIN_BIO)
    return Entry(id=e, doc=Document(metadata=md, blocks=blocks, notes=notes),
                 headnote=[P("Berkman, released from prison in 1906, had asked Kropotkin how "
                             "the movement looked from Europe.")],
                 corrections=[Correction("nill", "nil", "spelling"),
                              Correction("the the", "the", "doubled word", count=2)])


def commentary() -> Entry:
    e = "mutual-aid-and-violence"
    blocks = [
        Heading(2, [T("Mutual aid")], id=f"{e}-mutual-aid"),
        P("Stephen Jay Gould wrote that Kropotkin ", Strong([T("was no crackpot")]), ".",
          ref(e, 1), LineBreak(), T("See "),
          Link("https://en.wikipedia.org/wiki/Mutual_Aid:_A_Factor_of_Evolution",
               [Emphasis([T("Mutual Aid")])]),
          T(" or write to "), Link("mailto:editor@example.org", [T("the editor")]), T(".")),
        Heading(3, [T("Violence")], id=f"{e}-violence"),
        P("Kropotkin argued that these acts were linked to the policies of oppressive "
          "governments."),
    ]
    notes = [note(e, 1, [P("Stephen Jay Gould, “Kropotkin Was No Crackpot”, ",
                           Emphasis([T("Natural History")]), " 97 (1988).")], kind="editor")]
    md = Metadata(title="Reconciling Mutual Aid With Revolutionary Violence",
                  subtitle="The Case of Peter Kropotkin", authors=["Jana Novak"],
                  date="2019", source_site="Student essays", rights="CC BY 4.0",
                  biography=[P("Jana Novak studies the history of political thought.")])
    return Entry(id=e, doc=Document(metadata=md, blocks=blocks, notes=notes),
                 headnote=[P("A modern reading, included to close the anthology.")])


def build_book(exclude: Iterable[str] = (), extra: Callable[[Book], None] | None = None) -> Book:
    excluded = set(exclude)
    parts = [
        Part(title="Writings", id="part-writings",
             intro=[P("Two pieces by Kropotkin: an essay and a letter.")],
             entries=[essay(), letter()]),
        Part(title="Commentary", id="part-commentary", entries=[commentary()]),
    ]
    for p in parts:
        p.entries = [e for e in p.entries if e.id not in excluded]
    meta = BookMeta(title="Mutual Aid and Revolt", subtitle="Writings of Pëtr Kropotkin",
                    editors=["Ada Lovelace-Smith"], publisher="Kroppress Editions",
                    language="en", identifier="urn:uuid:6f1c3c1e-2b7a-4c55-9d1e-0c3f2a8b9e10",
                    date="2025-05-01", edition="First edition",
                    description="Essays and letters by Pëtr Kropotkin, with commentary.",
                    subjects=["Anarchism", "Political science"], licence="CC BY-SA 4.0")
    book = Book(meta=meta, parts=parts,
                introduction=[P("This anthology gathers texts by and about Kropotkin."),
                              P("Each text is preceded by a short editor’s note.")])
    if extra:
        extra(book)
    return book


@pytest.fixture
def book() -> Book:
    return build_book()


@pytest.fixture
def make_book():
    return build_book


#: Debian's chromium, driven by PyPI playwright (tests/test_serve.py, the
#: first-indent test of tests/writers); as the probe starts it, without the
#: background networking this machine's closed network refuses
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the browser tests need PyPI playwright (make test installs it)")
    from pathlib import Path
    if not Path(CHROMIUM).exists():
        pytest.skip("the browser tests need Debian's chromium at /usr/bin/chromium "
                    "(apt-get install chromium, or KROPPRESS_WITH_CHROMIUM=1 make system)")
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:     # noqa: BLE001 - any launch failure is a reason to skip
            pytest.skip(f"Debian chromium would not start under playwright: {exc}")
        yield b
        b.close()


# ------------------------------------------------------------------ books the modules share
def _shipped(formats: str):
    """A session fixture: the shipped book built with `--format formats`,
    once per test run (tests/shared.py); its paths, in run_build's order."""
    @pytest.fixture(scope="session")
    def fixture(tmp_path_factory) -> list:
        import os
        from pathlib import Path

        from kroppress.build.run import run_build
        from shared import build_once, shared_folder
        config = Path(__file__).resolve().parent.parent / "anthology.toml"
        folder = shared_folder(tmp_path_factory, os.environ.get("PYTEST_XDIST_WORKER", "master"))
        return build_once(folder, formats.replace(",", "-"),
                          lambda out: run_build(config, formats=formats, out_dir=out))
    return fixture


#: (epub, kepub, pdf): the EPUBs with the print edition's page list
shipped_all_kepub = _shipped("all,kepub")
#: (epub, kepub), no PDF and so no page list
shipped_epub_kepub = _shipped("epub,kepub")
#: (epub,) built alone
shipped_epub = _shipped("epub")

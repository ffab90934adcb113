"""`kroppress serve`: path safety (Starlette's TestClient) and the three views
in a real browser (PyPI playwright driving Debian's chromium).

Every test serves a copy of the shipped project in tmp_path: the edits the
live-reload tests make never touch the checkout."""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = {"action-of-the-masses": "seeds/000_bfb9fb97478a63a0.txt",
         "letter-to-berkman": "seeds/001_2899d77362680702.txt",
         "russian-revolution": "seeds/002_74b1c565100d97da.txt",
         "mutual-aid-and-violence": "seeds/003_313c5c03497de804.txt"}
HEADNOTE = "editorial/action-of-the-masses.md"


def copy_project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "anthology.toml", folder)
    for name in ("seeds", "editorial"):
        shutil.copytree(ROOT / name, folder / name)
    return folder / "anthology.toml"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*"))}


def cli_error(config: Path, tmp: Path) -> str:
    """The one line `kroppress build` prints for a broken project."""
    r = subprocess.run([sys.executable, "-m", "kroppress", "build", "--config", str(config),
                        "--format", "epub", "--out", str(tmp / "cli-out")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stderr
    return r.stderr.strip()


def inspect_json(seed: Path) -> dict:
    r = subprocess.run([sys.executable, "-m", "kroppress", "inspect", "--json", str(seed)],
                       capture_output=True, text=True, timeout=120, check=True)
    return json.loads(r.stdout)


# ------------------------------------------------------------------ without a browser
@pytest.fixture
def client(tmp_path):
    from starlette.testclient import TestClient

    from kroppress.serve.app import create_app
    from kroppress.serve.project import Project
    config = copy_project(tmp_path / "project")
    project = Project(config)
    with TestClient(create_app(project, tmp_path / "out", watch=False, pdf=False),
                    base_url="http://localhost:8000") as c:
        c.project = project
        yield c


OUTSIDE = [
    "/files/%2e%2e/%2e%2e/etc/passwd",
    "/files/..%2f..%2f..%2fetc%2fpasswd",
    "/files/%2E%2E%2Fanthology.toml",
    "/files/%252e%252e/%252e%252e/etc/passwd",
    "/files/%2Fetc%2Fpasswd",
    "/files//etc/passwd",
    "/files/..%5c..%5cetc%5cpasswd",
    "/files/anthology.toml%00.png",
    "/files/seeds/outside.txt",            # a symlink out of the project
    "/files/linked/secret.txt",            # through a symlinked folder
    "/files/unlisted.txt",                 # in the project, but no file the config names
    "/files/seeds",
    "/read/..%2f..%2fanthology.toml",
    "/read/%2e%2e/%2e%2e/etc/passwd",
    "/read/css/..%2f..%2fpyproject.toml",
    "/print/page/0.png",
    "/print/page/99999.png",
    "/review/..%2fanthology.toml",
    "/_serve/..%2fapp.py",
    "/_serve/%2e%2e%2f__init__.py",
]


def test_paths_outside_the_project_are_404(client, tmp_path):
    project = tmp_path / "project"
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE")
    (project / "seeds" / "outside.txt").symlink_to(secret)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.txt").write_text("SECRET-OUTSIDE")
    (project / "linked").symlink_to(tmp_path / "elsewhere")
    (project / "unlisted.txt").write_text("SECRET-UNLISTED")
    for path in OUTSIDE:
        r = client.get(path)
        assert r.status_code == 404, path
        assert "SECRET" not in r.text and "root:" not in r.text, path
    # the project's own files are served
    assert client.get("/files/anthology.toml").text.startswith("# Kroppress anthology")
    assert client.get("/files/" + SEEDS["letter-to-berkman"]).status_code == 200
    assert client.get("/files/" + HEADNOTE).status_code == 200


def test_no_endpoint_writes_to_the_project(client, tmp_path):
    project = tmp_path / "project"
    before = tree(project)
    gets = ["/", "/read/kp-toc.xhtml", "/read/action-of-the-masses.xhtml", "/read/css/common.css",
            "/read/images/cover.png", "/print/", "/review/", "/_serve/state.json",
            "/_serve/live.js", "/files/anthology.toml"] + [f"/review/{t}" for t in SEEDS]
    for path in gets:
        assert client.get(path).status_code in (200, 302), path
    for path in gets:
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            assert client.request(method, path).status_code in (404, 405), (method, path)
    assert tree(project) == before


def test_reading_view_is_the_epub_plus_one_script(client, tmp_path):
    from kroppress.build.run import run_build
    epub = run_build(tmp_path / "project" / "anthology.toml", formats="epub",
                     out_dir=tmp_path / "dist")[0]
    script = re.compile(r'<script src="/_serve/live\.js"[^>]*></script>\n')
    with zipfile.ZipFile(epub) as z:
        names = [n for n in z.namelist() if n.startswith("EPUB/") and n.endswith((".xhtml", ".css"))]
        assert len(names) > 10
        for name in names:
            inside = z.read(name).decode()
            assert "live.js" not in inside and "EventSource" not in inside, name
            rel = name[len("EPUB/"):]
            if rel == "nav.xhtml" or rel.endswith(".ncx"):
                continue
            served = client.get(f"/read/{rel}")
            assert served.status_code == 200, rel
            if rel.endswith(".xhtml"):
                assert served.headers["content-type"].startswith("application/xhtml+xml")
                assert len(script.findall(served.text)) == 1, rel
            assert script.sub("", served.text) == inside, rel


def test_review_page_marks_every_report_entry(client, tmp_path):
    from lxml import html
    for text_id, seed in SEEDS.items():
        report = inspect_json(tmp_path / "project" / seed)["report"]
        page = html.fromstring(client.get(f"/review/{text_id}").text)
        marks = page.xpath("//div[@id='source']//a[contains(concat(' ', @class, ' '), ' mark ')]")
        got = sorted((m.get("data-action"), int(m.get("data-first")), int(m.get("data-last")),
                      m.xpath("ancestor::div[@class='row']/@id")[0]) for m in marks)
        want = sorted((r["action"], r["lines"][0], r["lines"][1], f"L{r['lines'][0]}")
                      for r in report)
        assert got == want, text_id
        assert len(page.xpath("//section[@id='entries']//li[contains(@class, 'entry')]")) == len(report)


def test_unknown_actions_get_the_default_style():
    from kroppress.serve.review import style_of
    assert style_of("boilerplate dropped") == "drop"
    assert style_of("moved to metadata") == "meta"
    assert style_of("page-bottom notes moved") == "footnote"
    assert style_of("paragraph joined") == "join"
    assert style_of("letter part") == "letter"
    assert style_of("verse found") == "verse"
    assert style_of("hyphen closed") == "hyphen"
    assert style_of("a rule nobody wrote yet") == "structure"
    assert style_of("something quite new") == "other"


def test_review_draws_seams_hyphen_closures_and_new_actions(tmp_path):
    """A join is marked at its seam, a hyphen closed across it is shown, and
    actions the reader does not have yet ("verse found") still get drawn."""
    from lxml import html

    from kroppress.book.init import write_starter
    from kroppress.model import Repair
    from kroppress.serve.app import _pages
    from kroppress.serve.project import Project
    from kroppress.serve.review import context
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(
        "# Mutual Aid Among Animals\n\nMutual aid is a factor of evolution, and the "
        "naturalist saw co-\n\noperation among the animals of the steppe.\n\n"
        "The second paragraph ends here.\n")
    write_starter(tmp_path / "seeds", tmp_path / "anthology.toml")
    snap = Project(tmp_path / "anthology.toml").rebuild()
    assert snap.error == ""
    text = next(iter(snap.texts.values()))
    text.doc.report += [Repair("verse found", (7, 7), "two lines of verse"),
                        Repair("a repair from next year", (7, 7), "something new")]
    page = html.fromstring(_pages.get_template("review.html.j2").render(
        snap=snap, view="review", **context(text, snap)))
    styles = {m.get("data-action"): m.get("class").split()[2]
              for m in page.xpath("//a[contains(@class, 'mark')]")}
    assert styles == {"moved to metadata": "m-meta", "paragraph joined": "m-join",
                      "verse found": "m-verse", "a repair from next year": "m-other"}
    row = lambda n: page.xpath(f"//div[@id='L{n}']/span[contains(@class, 'tx')]")[0]  # noqa: E731
    assert "seam-after" in row(3).get("class") and row(3).xpath("span[@class='hyph']")
    assert "seam-before" in row(5).get("class")
    assert "s-meta" in row(1).get("class") and "s-verse" in row(7).get("class")
    repaired = page.xpath("//div[@id='repaired']/div[@data-first='3']")[0]
    assert "co-operation" in repaired.text_content()


def test_a_broken_config_keeps_the_last_book_and_says_what_the_cli_says(client, tmp_path):
    config = tmp_path / "project" / "anthology.toml"
    good = config.read_text()
    config.write_text(good.replace('find = "Muswill Hill"', 'find = "Muswill Hil Hill"'))
    snap = client.project.rebuild()
    assert snap.error == cli_error(config, tmp_path)
    assert snap.book is not None                        # the last good book stays on show
    assert client.get("/read/kp-toc.xhtml").status_code == 200
    config.write_text(good)
    assert client.project.rebuild().error == ""


def test_the_watcher_sees_templates_styles_and_named_files(tmp_path):
    """Each kind of input a book is made from triggers a rebuild; other files
    in the same folders (an editor's backup) do not."""
    import asyncio

    from kroppress.paths import STYLES_DIR, TEMPLATES_DIR
    from kroppress.serve.project import Project
    from kroppress.serve.watch import watch_files
    shared = Project(ROOT / "anthology.toml").shared_files()
    assert (TEMPLATES_DIR / "text.xhtml.j2").resolve() in shared
    assert (STYLES_DIR / "epub.css").resolve() in shared

    for name in ("styles", "templates", "editorial"):
        (tmp_path / name).mkdir()
    style, template = tmp_path / "styles" / "epub.css", tmp_path / "templates" / "text.xhtml.j2"
    headnote, config = tmp_path / "editorial" / "a.md", tmp_path / "anthology.toml"
    for f in (style, template, headnote, config):
        f.write_text("x")

    class Fake:
        watched = {config.resolve(), headnote.resolve()}
        named = {config, headnote}

        def shared_files(self):
            return {style.resolve(), template.resolve()}

    async def run() -> list[str]:
        seen: list[str] = []
        stop = asyncio.Event()
        changed = asyncio.Event()

        async def on_change():
            seen.append("change")
            changed.set()
        task = asyncio.create_task(watch_files(Fake(), on_change, stop))
        await asyncio.sleep(0.5)
        for f in (tmp_path / "editorial" / "a.md~", style, template, headnote, config):
            changed.clear()
            f.write_text("changed")
            try:
                await asyncio.wait_for(changed.wait(), 5)
                seen.append(f.name)
            except asyncio.TimeoutError:
                seen.append(f"no change: {f.name}")
        stop.set()
        await asyncio.wait_for(task, 5)
        return [s for s in seen if s != "change"]

    assert asyncio.run(run()) == ["no change: a.md~", "epub.css", "text.xhtml.j2", "a.md",
                                  "anthology.toml"]


# ------------------------------------------------------------------ hosts, folders, print job
@pytest.mark.parametrize("host, code", [
    ("localhost:8000", 200), ("localhost", 200), ("127.0.0.1:8000", 200), ("[::1]:8000", 200),
    ("LOCALHOST:8000", 200),
    ("evil.example", 421), ("evil.example:8000", 421), ("", 421), ("127.0.0.1.evil.example", 421),
    ("localhost.", 421), ("[::1", 421), ("localhost:99999", 421)])
def test_only_the_served_address_is_answered(client, host, code):
    """DNS rebinding: a page on a name its author controls reaches 127.0.0.1,
    but its requests carry that name in Host."""
    for path in ("/files/anthology.toml", "/read/kp-toc.xhtml", "/review/",
                 "/_serve/state.json"):
        r = client.get(path, headers={"Host": host})
        assert r.status_code == code, (host, path)
        if code != 200:
            assert "Kroppress anthology" not in r.text and "<html" not in r.text


def first_status(app, path: str, headers: dict[str, str]) -> int:
    """The status an ASGI app starts its answer with (an event stream never ends)."""
    import asyncio
    scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "scheme": "http", "http_version": "1.1",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    started: asyncio.Future

    async def receive():
        await asyncio.sleep(30)
        return {"type": "http.disconnect"}

    async def send(message):
        if message["type"] == "http.response.start" and not started.done():
            started.set_result(message["status"])

    async def go() -> int:
        nonlocal started
        started = asyncio.get_running_loop().create_future()
        task = asyncio.create_task(app(scope, receive, send))
        try:
            return await asyncio.wait_for(asyncio.shield(started), 10)
        finally:
            task.cancel()
    return asyncio.run(go())


def test_a_foreign_origin_is_refused(client):
    app = client.app
    for origin in ("http://evil.example", "http://evil.example:8000", "null",
                   "http://localhost.evil.example:8000"):
        headers = {"Host": "localhost:8000", "Origin": origin}
        assert first_status(app, "/_serve/events", headers) == 403, origin
        assert client.get("/_serve/state.json", headers={"Origin": origin}).status_code == 403
    # the server's own pages send their own origin
    for origin in ("http://localhost:8000", "http://127.0.0.1:8000"):
        headers = {"Host": "localhost:8000", "Origin": origin}
        assert first_status(app, "/_serve/events", headers) == 200, origin
        assert client.get("/_serve/state.json", headers={"Origin": origin}).status_code == 200


def test_hosts_follow_the_address_bound():
    from kroppress.serve.hosts import Hosts
    local = Hosts("127.0.0.1", "127.0.0.1", 8000)
    assert local.allows("localhost:8000") and local.allows("127.0.0.1") and local.allows("[::1]:8000")
    assert not local.allows("localhost:8001")            # another port is another server
    assert not local.allows("192.168.1.5:8000")
    named = Hosts("box.lan", "192.168.1.5", 8000)        # --host names this machine on a LAN
    assert named.allows("box.lan:8000") and named.allows("192.168.1.5:8000")
    assert not named.allows("localhost:8000") and not named.allows("evil.example:8000")
    every = Hosts("0.0.0.0", "0.0.0.0", 8000)            # every interface: any literal address
    assert every.allows("192.168.1.5:8000") and every.allows("localhost:8000")
    assert not every.allows("evil.example:8000")


@pytest.mark.parametrize("host, local", [
    ("127.0.0.1", True), ("127.1", True), ("0x7f000001", True), ("2130706433", True),
    ("127.255.0.1", True), ("::1", True), ("localhost", True),
    ("10.0.0.1", False), ("0.0.0.0", False), ("::", False), ("192.168.1.5", False)])
def test_any_loopback_address_is_local(host, local):
    from kroppress.serve.hosts import is_loopback
    assert is_loopback(host) is local


@pytest.mark.parametrize("port, message", [("70000", "from 1 to 65535"), ("-1", "from 1 to 65535"),
                                            ("http", "from 1 to 65535"), ("８０", "from 1 to 65535")])
def test_a_port_out_of_range_is_one_line(tmp_path, port, message):
    config = copy_project(tmp_path / "project")
    r = subprocess.run([sys.executable, "-m", "kroppress", "serve", "--config", str(config),
                        "--port", port, "--out", str(tmp_path / "out")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and message in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "out").exists()


def test_port_bounds():
    from kroppress.errors import KroppressError
    from kroppress.serve import check_port
    for port in (0, 1, 8000, 65535):            # 0: any free port, as the tests use
        check_port(port)
    for port in (-1, 65536, 70000):
        with pytest.raises(KroppressError):
            check_port(port)


FAKE_BUILD = r"""
import sys, pikepdf
from pathlib import Path
out = Path(sys.argv[sys.argv.index("--out") + 1])
out.mkdir(parents=True, exist_ok=True)
pdf = pikepdf.new()
for _ in range(3):
    pdf.add_blank_page(page_size=(200, 300))
pdf.save(out / "book.pdf")
print(out / "book.pdf")
"""


def run_job(project, out: Path, generations=(1,), pages=None, script=FAKE_BUILD):
    """A print job with a stand-in build (a 3-page PDF, printed by name, as
    `kroppress build` prints what it wrote); returns the job and its task."""
    import asyncio

    from kroppress.serve.app import create_app

    app = create_app(project, out, watch=False)
    job = app.state.job
    job.command = lambda: [sys.executable, "-c", script] + build_args(job)
    if pages is not None:
        job._pages = pages

    async def go():
        for g in generations:
            job.schedule(g)
            task = job._task
            await asyncio.wait_for(asyncio.shield(task), 60)
        return task
    return job, asyncio.run(go())


def build_args(job) -> list[str]:
    """The real command's arguments after `python -m kroppress`."""
    from kroppress.serve.printing import PrintJob
    return PrintJob.command(job)[3:]


def test_serve_removes_nothing_of_the_users(tmp_path):
    """`--out` may hold the user's own folders; serve works in its own, marked."""
    from kroppress.serve.project import Project
    config = copy_project(tmp_path / "project")
    out = tmp_path / "out"
    for name in ("pages-1", "pages-2", "pdf"):
        (out / name).mkdir(parents=True)
        (out / name / "mine.txt").write_text("the user's")
    before = tree(out)
    job, task = run_job(Project(config), out, generations=(1, 2))
    assert task.exception() is None and job.state.error == ""
    assert len(job.state.pages) == 3                     # the false positive: pages are made
    after = tree(out)
    assert {k: v for k, v in after.items() if k in before} == before
    assert all(k.startswith(".kroppress-serve") for k in set(after) - set(before))
    assert (out / ".kroppress-serve" / "KROPPRESS-SERVE").is_file()


def test_a_folder_not_marked_as_serves_is_refused(tmp_path):
    from kroppress.errors import KroppressError
    from kroppress.serve import workdir
    (tmp_path / "a" / ".kroppress-serve").mkdir(parents=True)
    (tmp_path / "a" / ".kroppress-serve" / "notes.txt").write_text("mine")
    with pytest.raises(KroppressError, match="not kroppress serve's folder"):
        workdir.claim(tmp_path / "a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".kroppress-serve").symlink_to(tmp_path / "a")
    with pytest.raises(KroppressError, match="not kroppress serve's folder"):
        workdir.claim(tmp_path / "b")
    assert (tmp_path / "a" / ".kroppress-serve" / "notes.txt").read_text() == "mine"
    assert workdir.claim(tmp_path / "c") == tmp_path / "c" / ".kroppress-serve"   # a new one is made
    assert workdir.claim(tmp_path / "c").is_dir()                                  # and used again


def test_two_servers_on_one_folder_keep_each_others_pages(tmp_path):
    """A server starting removes the page folders of servers gone, never
    those of one still running (the false positive: a dead one's go)."""
    from kroppress.serve import workdir
    work = workdir.claim(tmp_path / "out")
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True).stdout.strip()
        for name in (f"pages-{child.pid}-3", f"pages-{dead}-2", "pages-7"):
            (work / name).mkdir()
            (work / name / "p-1.png").write_bytes(b"png")
        workdir.clear_stale_pages(work)
        assert sorted(p.name for p in work.iterdir()) == ["KROPPRESS-SERVE", f"pages-{child.pid}-3"]
    finally:
        child.kill()
        child.wait()


def test_planted_links_and_other_pdfs_are_not_served(tmp_path):
    """A pages-N link is replaced, not followed; a newer PDF or a link to
    one beside the book is not the book: the build's own file, by name."""
    import time as _time

    from kroppress.serve import workdir
    from kroppress.serve.project import Project
    config = copy_project(tmp_path / "project")
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep")
    work = workdir.claim(out)
    (work / "pages-1").symlink_to(elsewhere)                    # an old name
    (work / f"pages-{os.getpid()}-1").symlink_to(elsewhere)     # the one this job makes
    (work / "pdf").mkdir()
    (elsewhere / "secret.pdf").write_bytes(b"%PDF-1.4 SECRET")
    (work / "pdf" / "zz-newer.pdf").symlink_to(elsewhere / "secret.pdf")
    (work / "pdf" / "other-edition.pdf").write_bytes(b"%PDF-1.4 OTHER")
    future = _time.time() + 3600
    for p in (work / "pdf" / "other-edition.pdf", elsewhere / "secret.pdf"):
        os.utime(p, (future, future))
    job, task = run_job(Project(config), out)
    assert task.exception() is None and job.state.error == ""
    assert job.state.pdf == work / "pdf" / "book.pdf"
    assert len(job.state.pages) == 3 and not (work / "pages-1").is_symlink()
    assert not (work / f"pages-{os.getpid()}-1").is_symlink()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt", "secret.pdf"]


def test_a_print_job_failure_is_shown_not_lost(tmp_path):
    from kroppress.serve.project import Project
    config = copy_project(tmp_path / "project")

    async def broken(pdf, generation):
        raise OSError(28, "No space left on device")
    job, task = run_job(Project(config), tmp_path / "out", pages=broken)
    assert task.exception() is None                 # no "Task exception was never retrieved"
    assert "No space left on device" in job.state.error
    assert not job.state.building


def test_a_pdf_pdftoppm_cannot_read_leaves_no_page_folder(tmp_path):
    from kroppress.serve.project import Project
    broken = FAKE_BUILD.replace('pdf.save(out / "book.pdf")',
                                '(out / "book.pdf").write_bytes(b"not a PDF")')
    job, task = run_job(Project(copy_project(tmp_path / "project")), tmp_path / "out",
                        script=broken)
    assert task.exception() is None and job.state.error.startswith("error: pdftoppm failed")
    assert not list((tmp_path / "out" / ".kroppress-serve").glob("pages-*"))
    # the false positive: a readable PDF keeps its page folder
    job, _ = run_job(Project(tmp_path / "project" / "anthology.toml"), tmp_path / "out")
    assert job.state.error == "" and len(list((tmp_path / "out" / ".kroppress-serve")
                                              .glob("pages-*"))) == 1


def test_a_page_removed_while_sent_is_404(client, tmp_path):
    import asyncio

    png = tmp_path / "p-1.png"
    png.write_bytes(b"\x89PNG" + b"x" * 200_000)

    class Vanishing(type(png)):
        """A page a rebuild removes just as the server first touches it."""
        def _gone(self):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(str(self))

        def is_file(self):
            found = os.path.isfile(str(self))
            self._gone()
            return found

        def __fspath__(self):
            self._gone()
            return str(self)
    job = client.app.state.job
    job.state.pages = [png]
    r = client.get("/print/page/1.png")
    assert r.status_code == 200 and r.content == png.read_bytes()   # the false positive
    job.state.pages = [Vanishing(png)]
    r = client.get("/print/page/1.png")
    assert r.status_code == 404 and not png.exists()
    # once it is open, its removal does not cut the answer short
    from kroppress.serve.app import sent_file
    png.write_bytes(b"\x89PNG" + b"y" * 200_000)
    response = sent_file(png, "image/png")
    png.unlink()

    async def body() -> bytes:
        return b"".join([chunk async for chunk in response.body_iterator])
    assert asyncio.run(body()) == b"\x89PNG" + b"y" * 200_000


def test_a_save_reads_only_the_text_that_changed(tmp_path, monkeypatch):
    import kroppress.reader as reader
    from kroppress.serve.project import Project
    config = copy_project(tmp_path / "project")
    project = Project(config)
    assert project.rebuild().error == ""
    read: list[str] = []
    real = reader.read_file

    def counted(path, *args, **kwargs):
        read.append(Path(path).name)
        return real(path, *args, **kwargs)
    monkeypatch.setattr(reader, "read_file", counted)
    assert project.rebuild().error == "" and read == []          # nothing changed: nothing read
    seed = tmp_path / "project" / SEEDS["letter-to-berkman"]
    seed.write_text(seed.read_text() + "\nA POSTSCRIPT ADDED.\n")
    snap = project.rebuild()
    assert snap.error == "" and set(read) == {seed.name}
    assert "A POSTSCRIPT ADDED" in snap.texts["letter-to-berkman"].raw


def test_a_source_replaced_by_a_link_is_noticed(tmp_path):
    import asyncio

    from kroppress.serve.project import Project
    from kroppress.serve.watch import watch_files
    config = copy_project(tmp_path / "project")
    project = Project(config)
    assert project.rebuild().error == ""
    outside = tmp_path / "outside"
    outside.mkdir()
    seed = tmp_path / "project" / SEEDS["letter-to-berkman"]
    (outside / seed.name).write_text(seed.read_text() + "\nFROM OUTSIDE.\n")
    stray = tmp_path / "project" / "seeds" / "stray.txt"
    stray.write_text("not in the config")

    async def run() -> list[str]:
        seen, stop, changed = [], asyncio.Event(), asyncio.Event()

        async def on_change():
            changed.set()
        task = asyncio.create_task(watch_files(project, on_change, stop))
        await asyncio.sleep(0.5)
        for f in (stray, seed):
            changed.clear()
            f.unlink()
            f.symlink_to(outside / seed.name)
            try:
                await asyncio.wait_for(changed.wait(), 5)
                seen.append(f.name)
            except asyncio.TimeoutError:
                seen.append(f"no change: {f.name}")
        stop.set()
        await asyncio.wait_for(task, 5)
        return seen
    assert asyncio.run(run()) == ["no change: stray.txt", seed.name]


# ------------------------------------------------------------------ a live server
class Server:
    def __init__(self, config: Path, out: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kroppress", "serve", "--config", str(config), "--port", "0",
             "--out", str(out), *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, env=env, start_new_session=True)
        self.lines: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()
        deadline = time.time() + 60
        while not any("http://" in ln for ln in self.lines):
            assert self.proc.poll() is None, "".join(self.lines)
            assert time.time() < deadline, "no URL printed"
            time.sleep(0.1)
        self.url = re.search(r"http://\S+?/", "".join(self.lines)).group(0)
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)

    def raw_get(self, path: str, host_header: str | None = None) -> int:
        """Status of a request sent byte for byte (no client tidies `..`)."""
        host = self.url.split("//")[1].split(":")[0]
        if host_header is None:
            host_header = f"{host}:{self.port}"
        with socket.create_connection((host, self.port), timeout=10) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host_header}\r\n"
                      "Connection: close\r\n\r\n".encode())
            head = s.recv(200).decode("latin-1")
        return int(head.split()[1])

    def stop(self) -> int:
        """Ctrl-C, as a person stops it."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                return self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
                return -9
        return self.proc.returncode


def listening(port: int) -> set[str]:
    """Local addresses listening on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for name in ("tcp", "tcp6"):
        try:
            rows = Path(f"/proc/net/{name}").read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            local, state = row.split()[1], row.split()[3]
            addr, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:
                found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(addr)[::-1])
                          if name == "tcp" else f"tcp6:{addr}")
    return found




@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    config = copy_project(tmp / "project")
    server = Server(config, tmp / "out")
    server.config, server.tmp = config, tmp
    yield server
    assert server.stop() == 0, "".join(server.lines)


@pytest.fixture
def page(browser, served):
    p = browser.new_page(viewport={"width": 1400, "height": 900})
    yield p
    p.close()


def wait_live(page) -> None:
    page.wait_for_selector("#kp-live:text-matches('^live')", timeout=15000)


def test_server_binds_loopback_only(served, page):
    assert served.url.startswith("http://127.0.0.1:")
    assert "127.0.0.1" in "".join(served.lines) and "only this machine" in "".join(served.lines)
    assert listening(served.port) == {"127.0.0.1"}
    page.goto(served.url)                   # / leads to the contents
    assert page.url.endswith("/read/kp-toc.xhtml")
    wait_live(page)


@pytest.mark.parametrize("text_id", list(SEEDS))
def test_review_marks_match_inspect_json(served, page, text_id):
    report = inspect_json(served.config.parent / SEEDS[text_id])["report"]
    page.goto(served.url + f"review/{text_id}")
    wait_live(page)
    marks = page.eval_on_selector_all(
        "#source .mark", "els => els.map(e => [e.dataset.action, +e.dataset.first, "
        "+e.dataset.last, e.closest('.row').id, e.getBoundingClientRect().height > 0])")
    want = [[r["action"], r["lines"][0], r["lines"][1], f"L{r['lines'][0]}", True] for r in report]
    assert sorted(marks) == sorted(want)
    # clicking the last entry brings its lines and its place in the repaired text into view
    last = len(report) - 1
    page.click(f'#entries .entry[data-entry="{last}"]')
    first = report[last]["lines"][0]
    assert in_view(page, f"#L{first}", "#source")
    target = page.get_attribute(f'#source .mark[data-entry="{last}"]', "data-target")
    assert target
    assert in_view(page, f"#{target}", "#meta" if target.startswith("meta") else "#repaired")
    assert page.locator(f"#{target}.kp-selected").count() == 1
    assert page.locator(f"#L{first} .tx.kp-selected").count() == 1


def in_view(page, selector: str, pane: str) -> bool:
    return page.evaluate("""([sel, pane]) => {
        const a = document.querySelector(sel).getBoundingClientRect();
        const b = document.querySelector(pane).getBoundingClientRect();
        return a.top >= b.top - 1 && a.top < b.bottom; }""", [selector, pane])


def test_headnote_edit_reloads_the_reading_view(served, page):
    page.goto(served.url + "read/action-of-the-masses.xhtml")
    wait_live(page)
    headnote = served.config.parent / HEADNOTE
    old = headnote.read_text()
    assert "A NEW FIRST SENTENCE" not in page.inner_text("body")
    start = time.time()
    headnote.write_text("A NEW FIRST SENTENCE of the headnote. " + old)
    try:
        page.wait_for_function("document.body.textContent.includes('A NEW FIRST SENTENCE')",
                               timeout=10000)
        assert time.time() - start < 10
        assert "A NEW FIRST SENTENCE" in page.inner_text("#action-of-the-masses_headnote")
    finally:
        headnote.write_text(old)
    page.wait_for_function("!document.body.textContent.includes('A NEW FIRST SENTENCE')",
                           timeout=10000)


def test_save_to_view_takes_at_most_two_seconds(served, page):
    """Issue 26: from saving a headnote to the reading view (Chromium) showing
    its new words, the median of 3 saves, printed (-s) and held to 2 s. Each
    save also starts the print job: the reading view must not wait for it."""
    page.goto(served.url + "read/action-of-the-masses.xhtml")
    wait_live(page)
    headnote = served.config.parent / HEADNOTE
    old, times = headnote.read_text(), []
    try:
        for n in range(3):
            word = f"Savedword{n}"
            assert word not in page.inner_text("body")      # not there before the save
            start = time.perf_counter()
            headnote.write_text(f"{word} {old}")
            page.wait_for_function(f"document.body && document.body.textContent.includes({word!r})",
                                   timeout=30000)
            times.append(time.perf_counter() - start)
            assert word in page.inner_text("#action-of-the-masses_headnote")
            wait_live(page)
            time.sleep(1)                   # saves a person makes, not one burst
    finally:
        headnote.write_text(old)
    median = statistics.median(times)
    print(f"serve: save to view {median:.2f} s, median of {', '.join(f'{t:.2f}' for t in times)}")
    assert median <= 2


@pytest.mark.parametrize("breakage", ["toml", "correction"])
def test_config_error_shows_a_banner_until_fixed(served, page, breakage):
    config = served.config
    good = config.read_text()
    bad = (good.replace("[book]", "[book", 1) if breakage == "toml"
           else good.replace('find = "Muswill Hill"', 'find = "Muswill Hil Hill"'))
    page.goto(served.url + "read/letter-to-berkman.xhtml")
    wait_live(page)
    assert page.locator("#kp-banner").is_hidden()
    config.write_text(bad)
    try:
        message = cli_error(config, served.tmp)
        page.wait_for_selector("#kp-banner:not([hidden])", timeout=15000)
        assert page.inner_text("#kp-banner").strip() == message
        assert page.locator("section.text").count() == 1     # the last good book stays
    finally:
        config.write_text(good)
    page.wait_for_selector("#kp-banner[hidden]", state="attached", timeout=15000)
    wait_live(page)


def test_traversal_returns_404(served, page):
    for path in ("/files/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/read/..%2f..%2fanthology.toml",
                 "/files/..%2f..%2f..%2fetc%2fpasswd"):
        response = page.goto(served.url.rstrip("/") + path)
        assert response.status == 404, path
        assert "root:" not in page.content()
    for path in ("/files/../../../etc/passwd", "/read/../../anthology.toml",
                 "/files/seeds/../../../../etc/passwd", "/_serve/../app.py"):
        assert served.raw_get(path) == 404, path
    assert served.raw_get("/files/anthology.toml") == 200


def test_print_view_shows_the_pdf_pages(served, page):
    page.goto(served.url + "print/")
    # no reload by hand: the page reloads itself once the PDF is laid out
    page.wait_for_selector(".kp-sheet img", timeout=300000)
    wait_live(page)
    n = page.locator(".kp-sheet img").count()
    assert n >= 20 and page.inner_text("#page-1 figcaption") == f"page 1 of {n}"
    assert "Up to date" in page.inner_text("#kp-print-status")
    page.locator("#page-5 img").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('#page-5 img').naturalWidth > 300")
    chunks = served.tmp / "out" / ".kroppress-serve" / "pdf" / ".kroppress-cache" / "chunks"
    before = {p.name: p.stat().st_mtime_ns for p in chunks.glob("*.pdf")}
    assert before
    # a change to one text: the pages are stale until the PDF is laid out again
    seed = served.config.parent / SEEDS["russian-revolution"]
    old = seed.read_text()
    seed.write_text(old.replace("The evils inherent", "The many evils inherent", 1))
    try:
        page.wait_for_selector("#kp-print-status.kp-stale", timeout=20000)
        assert "Stale" in page.inner_text("#kp-print-status")
        page.wait_for_selector("#kp-print-status:has-text('Up to date')", timeout=300000)
        after = {p.name: p.stat().st_mtime_ns for p in chunks.glob("*.pdf")}
        assert set(after) - set(before), "the changed text's chunk was laid out again"
        kept = {k for k in before if after.get(k) == before[k]}
        assert kept, "the other chunks came from the cache"
    finally:
        seed.write_text(old)


def test_host_option_and_ctrl_c(tmp_path):
    config = copy_project(tmp_path / "project")
    server = Server(config, tmp_path / "out", "--host", "127.0.0.2")
    try:
        assert server.url.startswith("http://127.0.0.2:")
        assert listening(server.port) == {"127.0.0.2"}
        for host, code in ((f"127.0.0.2:{server.port}", 200), (f"localhost:{server.port}", 200),
                           ("evil.example", 421), (f"evil.example:{server.port}", 421), ("", 421)):
            assert server.raw_get("/files/anthology.toml", host) == code, host
        with socket.create_connection(("127.0.0.2", server.port), timeout=10) as s:
            # an open event stream must not hold Ctrl-C up
            s.sendall(f"GET /_serve/events HTTP/1.1\r\nHost: 127.0.0.2:{server.port}\r\n\r\n"
                      .encode())
            got = b""
            while b"event: state" not in got:
                chunk = s.recv(4096)
                assert chunk, got
                got += chunk
            started = time.time()
            assert server.stop() == 0
            assert time.time() - started < 10
    finally:
        server.stop()


def test_a_mistyped_edition_stops_serve_at_start(tmp_path):
    """An option the config does not define is the user's typo: one line, exit 2
    (the TOML table it names printed as text, not eaten as markup)."""
    config = copy_project(tmp_path / "project")
    r = subprocess.run([sys.executable, "-m", "kroppress", "serve", "--config", str(config),
                        "--edition", "nope", "--port", "0"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip().startswith("error: ") and "[editions.nope]" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1

"""The Starlette app of `kroppress serve`: routes, live reload, file safety.

Every route only reads. What a route can return is looked up, never
joined onto a folder from the URL: the reading view's pages are a dict of
rendered sections, page images a list, and `/files/` serves only the
files the config names (resolved, inside the project). A request whose
decoded path has a `..` segment, a backslash or a NUL is a 404 before
any route sees it.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import stat
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.responses import (FileResponse, HTMLResponse, JSONResponse, PlainTextResponse,
                                 RedirectResponse, Response, StreamingResponse)
from starlette.routing import Route

from . import reading, review, workdir
from .hosts import HostCheck, Hosts
from .printing import PrintJob
from .project import Project

HERE = Path(__file__).resolve().parent
LOCAL = "127.0.0.1"
STATIC = {"live.js": "text/javascript", "serve.css": "text/css"}
_pages = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                     autoescape=select_autoescape(default=True), trim_blocks=True,
                     lstrip_blocks=True)


class Hub:
    """Server-Sent Events: every open page gets each new state."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue] = set()
        self.closed = False

    def publish(self, data: dict) -> None:
        for q in self.queues:
            q.put_nowait(data)

    def close(self) -> None:
        """Let every stream end (so Ctrl-C does not wait for open pages)."""
        self.closed = True
        for q in self.queues:
            q.put_nowait(None)

    async def stream(self, first: dict):
        q: asyncio.Queue = asyncio.Queue()
        self.queues.add(q)
        try:
            yield _event(first)
            while not self.closed:
                try:
                    data = await asyncio.wait_for(q.get(), 15)
                except asyncio.TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                if data is None:
                    break
                yield _event(data)
        finally:
            self.queues.discard(q)


def _event(data: dict) -> str:
    return f"event: state\ndata: {json.dumps(data)}\n\n"


def _unsafe(path: str) -> bool:
    parts = path.split("/")
    return ".." in parts or "\\" in path or "\x00" in path or "//" in path.lstrip("/")


class _Safety:
    """ASGI middleware: traversal-shaped paths are a 404 everywhere."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and _unsafe(scope.get("path", "")):
            await PlainTextResponse("not found", 404)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(project: Project, out_dir: Path, watch: bool = True, pdf: bool = True,
               hosts: Hosts | None = None) -> Starlette:
    """`watch` and `pdf` off: no file watcher, no PDF build (for tests).
    `hosts`: the names answered (default: this machine's, any port)."""
    work = workdir.claim(out_dir)
    workdir.clear_stale_pages(work)
    hub = Hub()
    stop = asyncio.Event()

    def state() -> dict:
        snap = project.snap
        return {"generation": snap.generation, "error": snap.error,
                "title": snap.book.meta.title if snap.book else "",
                "print": job.state.as_json(snap.generation)}

    job = PrintJob(project, work, lambda: hub.publish(state()))

    async def refresh() -> None:
        snap = await asyncio.to_thread(project.rebuild)
        hub.publish(state())
        if pdf and not snap.error:
            job.schedule(snap.generation)

    async def watcher() -> None:
        from .watch import watch_files
        await watch_files(project, refresh, stop)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        app.state.loop = asyncio.get_running_loop()
        await refresh()
        task = asyncio.create_task(watcher()) if watch else None
        try:
            yield
        finally:
            stop.set()
            hub.close()
            await job.stop()
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task

    def page(name: str, code: int = 200, **ctx) -> HTMLResponse:
        snap = project.snap
        html = _pages.get_template(name).render(snap=snap, **ctx)
        return HTMLResponse(html, code)

    async def home(request):
        return RedirectResponse("/read/kp-toc.xhtml", 302)

    async def read(request):
        name = request.path_params["path"] or "kp-toc.xhtml"
        snap = project.snap
        if snap.book is None:
            return page("nobook.html.j2", 503, view="read")
        pages = await asyncio.to_thread(reading.pages, snap)
        if name not in pages:
            return PlainTextResponse("not found", 404)
        media, body = pages[name]
        return Response(body, media_type=media, headers={"Cache-Control": "no-store"})

    async def print_view(request):
        return page("print.html.j2", view="print", job=job.state,
                    status=job.state.as_json(project.snap.generation))

    async def print_page(request):
        n = request.path_params["n"]
        pages = job.state.pages
        if not 1 <= n <= len(pages):
            return PlainTextResponse("not found", 404)
        return sent_file(pages[n - 1], "image/png")

    async def print_pdf(request):
        pdf = job.state.pdf
        if pdf is None:
            return PlainTextResponse("not found", 404)
        return sent_file(pdf, "application/pdf")

    async def review_index(request):
        return page("reviews.html.j2", view="review")

    async def review_text(request):
        snap = project.snap
        text = snap.texts.get(request.path_params["text_id"])
        if text is None:
            return PlainTextResponse("not found", 404)
        ctx = await asyncio.to_thread(review.context, text, snap)
        return page("review.html.j2", view="review", **ctx)

    async def files(request):
        target = safe_file(project, request.path_params["path"])
        if target is None:
            return PlainTextResponse("not found", 404)
        return PlainTextResponse(target.read_bytes().decode("utf-8", "replace"),
                                 headers={"X-Content-Type-Options": "nosniff"})

    async def static(request):
        name = request.path_params["name"]
        if name not in STATIC:
            return PlainTextResponse("not found", 404)
        return FileResponse(HERE / "static" / name, media_type=STATIC[name])

    async def state_json(request):
        snap = project.snap
        if "spine" not in snap.cache:
            snap.cache["spine"] = await asyncio.to_thread(reading.spine, snap)
        return JSONResponse({**state(), "toc": reading.toc(snap), "spine": snap.cache["spine"],
                             "texts": list(snap.texts)})

    async def events(request):
        return StreamingResponse(hub.stream(state()), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    get = ["GET", "HEAD"]
    routes = [Route("/", home, methods=get),
              Route("/read/{path:path}", read, methods=get),
              Route("/print/", print_view, methods=get),
              Route("/print/page/{n:int}.png", print_page, methods=get),
              Route("/print/book.pdf", print_pdf, methods=get),
              Route("/review/", review_index, methods=get),
              Route("/review/{text_id}", review_text, methods=get),
              Route("/files/{path:path}", files, methods=get),
              Route("/_serve/state.json", state_json, methods=get),
              Route("/_serve/events", events, methods=get),
              Route("/_serve/{name}", static, methods=get)]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.hub, app.state.job, app.state.refresh = hub, job, refresh
    app.add_middleware(_Safety)
    app.add_middleware(HostCheck, hosts=hosts or Hosts(LOCAL))
    return app


def sent_file(path: Path, media_type: str) -> Response:
    """`path` as a response, or a 404 when it is gone: opened once, without
    following a link, and streamed from that handle, so a rebuild that
    removes it mid-send does not cut the answer short."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return PlainTextResponse("not found", 404)
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        return PlainTextResponse("not found", 404)
    handle, size = os.fdopen(fd, "rb"), st.st_size

    def chunks():
        with handle:
            while block := handle.read(1 << 16):
                yield block
    return StreamingResponse(chunks(), media_type=media_type,
                             headers={"Content-Length": str(size), "Cache-Control": "no-store"})


def safe_file(project: Project, rel: str) -> Path | None:
    """The project file at `rel`, or None: only files the config names, after
    following symlinks, and only inside the project folder."""
    if _unsafe("/" + rel) or not rel or rel.startswith("/"):
        return None
    root = project.root
    target = (root / rel).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        return None
    if target not in project.project_files():
        return None
    # a symlink inside the project that points out is refused by is_relative_to;
    # one that points back in is the file it points to, which is listed
    return target

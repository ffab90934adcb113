"""`kroppress serve`: the book live in the browser (reading, print and review
views), rebuilt and reloaded when a file it is made from changes.

Starlette + uvicorn + watchfiles, as sphinx-autobuild does. The server binds
127.0.0.1 unless `--host` names another address; it never writes into the
project (the PDF and its page images go to `<out_dir>/.kroppress-serve/`,
by default in kroppress's cache folder; see workdir.py).
"""
from __future__ import annotations

import hashlib
import socket
from pathlib import Path

from ..errors import KroppressError

LOOPBACK = "127.0.0.1"


def default_out_dir(config_path: Path) -> Path:
    from ..paths import cache_dir
    key = hashlib.sha256(str(Path(config_path).resolve()).encode()).hexdigest()[:16]
    return cache_dir("serve") / key


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on exactly `host` (so the URL we print is the real one)."""
    try:
        family, kind, proto, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        sock.listen(64)
    except OSError as exc:
        raise KroppressError(f"--host {host} --port {port}: cannot listen there "
                             f"({exc.strerror or exc}); choose another port with --port") from None
    return sock


def check_port(port: int) -> None:
    if not 0 <= port <= 65535:
        raise KroppressError(f"--port {port}: no such port; give one from 1 to 65535 "
                             "(or 0 for any free port)")


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def run(config_path: Path, *, host: str = LOOPBACK, port: int = 8000, edition: str | None = None,
        profile: str | None = None, out_dir: Path | None = None, say=print) -> None:
    """Serve until Ctrl-C. `say` prints the start-up lines."""
    import uvicorn

    from .app import create_app
    from .hosts import Hosts, is_loopback
    from .workdir import claim
    from .project import Project

    config_path = Path(config_path)
    if not config_path.is_file():
        raise KroppressError(f"{config_path}: config file not found; give it with --config "
                             "(or write one with `kroppress init`)")
    check_port(port)
    project = Project(config_path, edition, profile)
    project.check_options()
    out_dir = Path(out_dir) if out_dir else default_out_dir(config_path)
    claim(out_dir)          # a folder serve may not use is one line before anything listens
    sock = bind(host, port)
    bound, real_port = sock.getsockname()[:2]
    app = create_app(project, out_dir, hosts=Hosts(host, bound, real_port))

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:
            loop = getattr(app.state, "loop", None)   # open pages' event streams end now
            if loop is not None:
                loop.call_soon_threadsafe(app.state.hub.close)
            super().handle_exit(sig, frame)

    server = Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=3,
                                   lifespan="on"))
    url = url_of(sock)
    where = ("only this machine can open it" if is_loopback(bound)
             else "other machines can open it too (--host)")
    say(f"kroppress serve: {config_path} at {url} ({where}); Ctrl-C stops")
    say(f"  reading {url}read/kp-toc.xhtml   print {url}print/   review {url}review/")
    # Ctrl-C is how serve stops, not an interruption: uvicorn handles it and
    # raises it again once shut down, as Python's own KeyboardInterrupt
    import signal
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:   # uvicorn raises Ctrl-C again once it has shut down
        pass
    finally:
        sock.close()
    say("kroppress serve: stopped")

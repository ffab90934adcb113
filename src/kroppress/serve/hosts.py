"""Which `Host` and `Origin` headers `kroppress serve` answers.

A web page the editor visits can point a name it controls at 127.0.0.1
(DNS rebinding) and then read the server as its own origin; the one thing
it cannot forge is the name in `Host`. So only the names of the address
served are answered (421 otherwise), and the event stream and every other
route refuse an `Origin` that is not one of them (403).
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from starlette.responses import PlainTextResponse

LOCAL_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(address: str) -> bool:
    """Any loopback address in any notation the resolver takes (127.1,
    0x7f000001, ::1, localhost), as it would be bound."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(address, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(a[4][0].split("%")[0]).is_loopback
                               for a in found)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


class Hosts:
    """The names a request may use for this server: `host` as given and the
    address bound, the local names when that is a loopback address; bound to
    every interface, also this machine's name and any address literal (a
    literal cannot be rebound)."""

    def __init__(self, host: str, bound: str | None = None, port: int | None = None) -> None:
        self.port = port                  # None: any port (a test client)
        names = {host.lower().strip("[]")}
        if bound:
            names.add(bound.lower())
        if any(is_loopback(n) for n in names):
            names |= LOCAL_NAMES
        self.any_address = any(_is_ip(n) and ipaddress.ip_address(n).is_unspecified
                               for n in names)
        if self.any_address:
            names |= LOCAL_NAMES | {socket.gethostname().lower()}
        self.names = names

    def allows(self, value: str) -> bool:
        """`value` is a Host header: name, `[v6]`, either with `:port`."""
        try:
            parts = urlsplit("//" + value)
            name, port = (parts.hostname or ""), parts.port
        except ValueError:                # a port out of range, a broken bracket
            return False
        if not name or (port is not None and self.port is not None and port != self.port):
            return False
        if name in self.names:
            return True
        return self.any_address and _is_ip(name)

    def allows_origin(self, origin: str) -> bool:
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and self.allows(parts.netloc)


class HostCheck:
    """ASGI middleware: a foreign or missing Host is 421, a foreign Origin 403."""

    def __init__(self, app, hosts: Hosts) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            if not self.hosts.allows(headers.get("host", "")):
                await PlainTextResponse("misdirected request: this server answers only "
                                        "its own address", 421)(scope, receive, send)
                return
            origin = headers.get("origin")
            if origin is not None and not self.hosts.allows_origin(origin):
                await PlainTextResponse("forbidden: another site's page", 403)(
                    scope, receive, send)
                return
        await self.app(scope, receive, send)

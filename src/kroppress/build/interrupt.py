"""Ctrl-C that must not be lost.

The SIGINT handler (`kroppress.entry`) raises at once, but Python only
prints an exception raised inside a finalizer, a weakref callback or an
at-fork hook (logging's runs at every fork of a layout worker), and goes on.
So the handler also notes the interrupt here, and the build looks at the
note where it can stop cleanly: between steps, between pages, while it waits
for the layout workers, and before it renames a finished file into place."""
from __future__ import annotations

import os


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) in the main process."""


_MAIN = os.getpid()
_pending = False


def note() -> None:
    """Called by the SIGINT handler in the main process."""
    global _pending
    _pending = True


def pending() -> bool:
    return _pending and os.getpid() == _MAIN


def check() -> None:
    """Raise `Interrupted` if a Ctrl-C came and was swallowed on its way."""
    if pending():
        raise Interrupted()

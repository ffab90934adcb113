"""The `kroppress` command's entry point: Ctrl-C, at any moment, prints one
"interrupted" line and exits 130.

The SIGINT handler is set before anything heavy is imported, and raises an
exception Click does not catch (it would print "Aborted!" and exit 1). The
writers' forked layout workers inherit it and ignore it there: the parent
stops them. Temp files are removed by `atomic.write_atomic` on the way out.
"""
from __future__ import annotations

import os
import signal
import sys

_MAIN = os.getpid()


class Interrupted(BaseException):
    """Ctrl-C (SIGINT) in the main process."""


def _on_sigint(signum, frame) -> None:
    if os.getpid() != _MAIN:
        return                    # a forked worker: the parent stops it
    raise Interrupted()


def main() -> None:
    signal.signal(signal.SIGINT, _on_sigint)
    try:
        from .cli import app
        app(prog_name="kroppress")
    except (Interrupted, KeyboardInterrupt):
        signal.signal(signal.SIGINT, signal.SIG_IGN)   # a second Ctrl-C changes nothing now
        try:
            sys.stderr.write("interrupted\n")
            sys.stderr.flush()
        finally:
            os._exit(130)         # no interpreter shutdown to wait on a dead worker's queue

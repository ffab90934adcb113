"""The `kroppress` command's entry point: Ctrl-C, at any moment, prints one
"interrupted" line and exits 130.

The SIGINT handler is set before anything heavy is imported, and raises an
exception Click does not catch (it would print "Aborted!" and exit 1). The
writers' forked layout workers inherit it and ignore it there: the parent
stops them. Temp files are removed by `build.atomic.write_atomic` on the way out.
"""
from __future__ import annotations

import os
import signal
import sys

from . import phases
from .build import interrupt
from .build.interrupt import Interrupted

_MAIN = os.getpid()


def _on_sigint(signum, frame) -> None:
    if os.getpid() != _MAIN:
        return                    # a forked worker: the parent stops it
    interrupt.note()              # in case the exception below is swallowed
    raise Interrupted()


def _unraisable(hook):
    """Python's hook for exceptions it cannot raise (in a finalizer, an
    at-fork hook): a swallowed Ctrl-C is not a traceback; it is noted."""
    def quiet(info) -> None:
        if isinstance(info.exc_value, (Interrupted, KeyboardInterrupt)):
            return
        hook(info)
    return quiet


def main() -> None:
    signal.signal(signal.SIGINT, _on_sigint)
    phases.mark("entry")
    sys.unraisablehook = _unraisable(sys.unraisablehook)
    try:
        with phases.phase("import cli"):
            from .cli import app
        try:
            app(prog_name="kroppress")
        except SystemExit:
            interrupt.check()     # a build that ran on past a swallowed Ctrl-C
            raise
        interrupt.check()
    except (Interrupted, KeyboardInterrupt):
        signal.signal(signal.SIGINT, signal.SIG_IGN)   # a second Ctrl-C changes nothing now
        try:
            sys.stderr.write("interrupted\n")
            sys.stderr.flush()
        finally:
            os._exit(130)         # no interpreter shutdown to wait on a dead worker's queue

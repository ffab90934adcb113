"""The processes that lay the chunks out: forked early (the build starts
them before the texts are read), sharing a table of the arabic chunks' page
counts and a queue of layout reports with the parent."""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing as mp
import os
import queue
import time
from typing import Sequence

from . import task
from .plan import MAX_CHUNKS

_PARENT = os.getpid()


def _init_worker(counts, early) -> None:
    global _PARENT
    task.share(counts, early)
    if mp.parent_process() is None:
        return                         # jobs = 1: the parent itself
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's: it stops us
    _PARENT = os.getppid()
    # a killed build must not leave its workers behind, waiting forever on a
    # queue whose other ends the sibling workers still hold open: on Linux
    # the kernel kills a worker as its parent dies, whatever the worker is
    # doing (the watching thread below needs the GIL, which a long layout
    # step may hold)
    _die_with_parent()
    if os.getppid() != _PARENT:        # the parent died before that took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == _PARENT:
            time.sleep(0.2)
        os._exit(1)

    import threading
    threading.Thread(target=watch, name="kroppress-parent-watch", daemon=True).start()


def _die_with_parent() -> None:
    """prctl(PR_SET_PDEATHSIG, SIGKILL) where there is one (Linux). It fires
    when the thread that forked us ends: the pool forks its workers from the
    thread that makes `Workers`, which also shuts them down (run_build)."""
    import ctypes
    import signal
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)          # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass                            # not Linux: the watching thread remains



class _ListQueue(list):
    """The queue's interface, for one process."""

    def put(self, item) -> None:
        self.append(item)

    def get_nowait(self):
        if not self:
            raise queue.Empty
        return self.pop(0)


class _InProcess:
    """The pool's interface, running each task at once (jobs = 1)."""

    def submit(self, fn, *args):
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:   # noqa: BLE001 - handed to the caller
            future.set_exception(exc)
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


class Workers:
    """The processes that lay chunks out: forked at once, each importing
    WeasyPrint and loading the fonts (`warm`) while the parent goes on. One
    process (``jobs`` = 1) means the parent lays the chunks out itself."""

    def __init__(self, jobs: int, css_texts: Sequence[str]) -> None:
        self.jobs = max(1, jobs)
        self.css = tuple(css_texts)
        if self.jobs > 1:
            fork = mp.get_context("fork")
            self.counts = fork.Array("i", [-1] * MAX_CHUNKS, lock=False)
            self.early = fork.Queue()
            self.pool = cf.ProcessPoolExecutor(self.jobs, mp_context=fork,
                                               initializer=_init_worker,
                                               initargs=(self.counts, self.early))
            self.ready = [self.pool.submit(task.warm_task, self.css) for _ in range(self.jobs)]
        else:
            self.counts = [-1] * MAX_CHUNKS
            self.early = _ListQueue()
            self.pool = _InProcess()
            self.ready = []
            _init_worker(self.counts, self.early)

    def fits(self, css_texts: Sequence[str]) -> bool:
        return tuple(css_texts) == self.css

    def check(self) -> None:
        """Raise what a worker met while starting (WeasyPrint's libraries missing…)."""
        from ....errors import KroppressError
        try:
            for future in self.ready:
                future.result()
        except (OSError, ImportError) as exc:
            raise KroppressError(f"--format pdf: cannot load WeasyPrint or the system "
                                 f"libraries it needs ({exc}); run `make system`, or build "
                                 "with --format epub") from None
        self.ready = []

    def run(self, fn, *args):
        """`fn(*args)` in a worker, waited for."""
        return self.pool.submit(fn, *args).result()

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def kill(self) -> None:
        """Stop the workers now (Ctrl-C): no waiting for a layout to finish."""
        for proc in list((getattr(self.pool, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                proc.kill()
        if hasattr(self.early, "cancel_join_thread"):
            self.early.cancel_join_thread()
        with contextlib.suppress(Exception):
            self.pool.shutdown(wait=False, cancel_futures=True)


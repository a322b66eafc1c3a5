"""SIGTERM handled like Ctrl-C, and pool workers that never outlive the process that made them."""
from __future__ import annotations

import contextlib
import os
import signal
import threading
from typing import Iterator

from ..errors import Terminated

_OWNER: dict[str, int] = {}


def _on_sigterm(signum, frame) -> None:
    if os.getpid() != _OWNER.get("pid"):
        # a forked child inherited the handler: it has nothing to clean up, so it ends as
        # SIGTERM's default would have ended it
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise Terminated()


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Terminated`` (a ``KeyboardInterrupt``) in this process.

    Only the main thread can install a handler; elsewhere the block changes nothing.  The
    previous handler comes back on exit (nested blocks keep the outer one).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    owner = _OWNER.get("pid")
    _OWNER["pid"] = os.getpid()
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
        if owner is None:
            _OWNER.pop("pid", None)
        else:
            _OWNER["pid"] = owner


def worker_dies_with_parent() -> None:
    """In a pool worker: SIGTERM ends it (the default), and so does its parent's death.

    Linux's PR_SET_PDEATHSIG delivers SIGTERM when the parent ends, even by ``kill -9``, so
    no worker is left blocked on a pipe or a lock that nobody will ever read or release.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the main process's terminate() still applies
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)

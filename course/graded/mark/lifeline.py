"""A grading process never outlives the one that started it.

If `cours nbgrader corriger` is killed (Ctrl+C twice, kill -9, a closed terminal), its workers, their kernel
zygotes and the kernels would otherwise go on grading, outside the assignment lock, beside a rerun. Linux can
kill a child when its parent dies (prctl PR_SET_PDEATHSIG); each of them asks for it when it starts.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Be killed when `parent` (the process that started this one) dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            return
    if os.getppid() != parent:  # the parent died before the request: this process is an orphan already
        os._exit(1)


PARENT_ENV = "COURS_PROCESSUS_PARENT"  # the worker's pid, for the zygote it starts

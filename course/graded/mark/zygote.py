"""A kernel "zygote" for cohort grading: one process that has imported ipykernel (and the grading code)
once, and forks a brand-new kernel process for each submission.

Every learner's notebook still runs in its own fresh process, started from the same pristine parent that
never runs learner code, so no state passes from one learner to another; what is saved is the
interpreter start-up and the imports (most of a kernel's CPU on these machines).

Protocol: one JSON request per line on stdin ({"argv": [...], "cwd": ..., "env": {...}}), one JSON
answer per line on stdout ({"pid": ...})."""

from __future__ import annotations

import json
import os
import signal
import sys

from .lifeline import PARENT_ENV, die_with_parent


def _become_kernel(request: dict) -> None:
    """In the forked child: a new session, the submission's folder and environment, then ipykernel."""
    parent = os.getppid()
    os.setsid()  # its own process group, so that an interrupt or a kill reaches it alone
    die_with_parent(parent)  # and it dies with the zygote: no kernel grades on for a killed `corriger`
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)  # never write on the zygote's answer pipe
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    sys.path[0] = request["cwd"]  # what `python -m ipykernel_launcher` would have
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance()


def _reap(kernels_cpu: list[float]) -> None:
    """Collect every exited kernel (never a zombie) and the CPU it used."""
    while True:
        try:
            pid, _, usage = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        kernels_cpu.append(usage.ru_utime + usage.ru_stime)


def main() -> None:
    die_with_parent(int(os.environ.get(PARENT_ENV, os.getppid())))
    # Paid once: the imports every grading kernel needs.
    import ipykernel.kernelapp  # noqa: F401
    import IPython  # noqa: F401

    import course.graded  # noqa: F401

    kernels_cpu: list[float] = []
    signal.signal(signal.SIGCHLD, lambda *_: _reap(kernels_cpu))
    answers = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                _become_kernel(request)
            finally:
                os._exit(0)
        answers.write(json.dumps({"pid": pid}) + "\n")
        answers.flush()
    _reap(kernels_cpu)
    record_cpu("noyaux", sum(kernels_cpu), len(kernels_cpu))
    record_cpu("zygote", own_cpu(), 1)


def own_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def record_cpu(role: str, seconds: float, processes: int) -> None:
    """For the benchmark only: when COURS_RELEVE_CPU names a file, add one line of CPU seconds to it."""
    ledger = os.environ.get("COURS_RELEVE_CPU")
    if ledger:
        with open(ledger, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"role": role, "cpu": seconds, "processus": processes}) + "\n")


if __name__ == "__main__":
    main()

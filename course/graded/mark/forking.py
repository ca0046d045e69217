"""A jupyter_client kernel manager whose kernels are forked by a zygote (see zygote.py) instead of
being started as new Python processes. Used by the cohort command only; anything that is not a plain
ipykernel command is launched the usual way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

from jupyter_client.manager import AsyncKernelManager

from .lifeline import PARENT_ENV


class ForkedKernel:
    """The Popen-like handle jupyter_client's provisioner expects, for a process we did not start ourselves."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        try:
            os.kill(self.pid, signum)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class Zygote:
    """The zygote process of this worker, started on first use."""

    _lock = threading.Lock()
    _process: subprocess.Popen | None = None

    @classmethod
    def fork(cls, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        with cls._lock:
            if cls._process is None or cls._process.poll() is not None:
                cls._process = subprocess.Popen([sys.executable, "-m", "course.graded.mark.zygote"],
                                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                                env={**os.environ, PARENT_ENV: str(os.getpid())})
            cls._process.stdin.write(json.dumps({"argv": argv, "cwd": cwd, "env": env}) + "\n")
            cls._process.stdin.flush()
            answer = cls._process.stdout.readline()
            if not answer:
                raise RuntimeError("le processus zygote des noyaux s'est arrêté")
            return json.loads(answer)["pid"]

    @classmethod
    def stop(cls) -> None:
        """End the zygote (it stops when its input closes) and wait for it, so that nothing outlives a worker."""
        with cls._lock:
            if cls._process is not None:
                cls._process.stdin.close()
                cls._process.wait(timeout=30)
                cls._process = None


def _ipykernel_arguments(command: list[str]) -> list[str] | None:
    """['python', '-m', 'ipykernel_launcher', '-f', 'x.json'] -> ['-f', 'x.json']; None for anything else."""
    if len(command) >= 3 and command[1:3] == ["-m", "ipykernel_launcher"] and \
            os.path.realpath(command[0]) == os.path.realpath(sys.executable):
        return command[3:]
    return None


class ForkingKernelManager(AsyncKernelManager):
    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        arguments = _ipykernel_arguments(kernel_cmd)
        if arguments is None:
            await super()._async_launch_kernel(kernel_cmd, **kw)
            return
        cwd = str(kw.get("cwd") or os.getcwd())
        env = {key: str(value) for key, value in (kw.get("env") or os.environ).items()}
        pid = Zygote.fork(arguments, cwd, env)
        provisioner = self.provisioner
        provisioner.process = ForkedKernel(pid)
        provisioner.pid = provisioner.pgid = pid
        provisioner.cwd = cwd
        self._reconcile_connection_info(provisioner.connection_info)

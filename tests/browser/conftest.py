"""Real JupyterLab in real Chromium (Debian's), driven by Playwright: one server per test module.

Every server binds 127.0.0.1 on a free port with a token, gets fresh Jupyter config/data/settings/workspace
folders and serves a temporary copy of the course (JupyterLab autosaves into notebooks). It is the learner's
JupyterLab (course/learner/lab.py), in French, as learners get it; the instructor's formgrader pages are
served by nbgrader's server extension, which it keeps."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import REPO

from course.learner import lab as learner_lab

# A widget's answer goes through the kernel and back: with the suite on two processes (make test), a loaded machine
# can take more than Playwright's 5 s default. Waiting longer costs nothing when the page is right.
expect.set_options(timeout=20_000)

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module", autouse=True)
def requires_chromium():
    if not CHROMIUM.exists():
        pytest.skip("Chromium absent (/usr/bin/chromium) : tests navigateur ignorés ; "
                    "installez-le avec « apt-get install chromium »")


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    process: subprocess.Popen | None
    log: Path

    def address(self, path: str) -> str:
        return f"{self.url}/{path}?token={self.token}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def jupyter_folders(state: Path, environment: dict[str, str] | None = None) -> dict[str, str]:
    """The environment with fresh, empty Jupyter folders under state: nothing of this machine's Jupyter leaks in."""
    env = dict(os.environ if environment is None else environment)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
                 "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(state / name.lower())
        Path(env[name]).mkdir(parents=True, exist_ok=True)
    return env


def lab_environment(state: Path, root: Path, **extra: str) -> dict[str, str]:
    """A learner's JupyterLab (course/learner/lab.py: French, no news, no instructor tools, modules saved without
    outputs) on fresh Jupyter folders, plus what the tests need."""
    env = learner_lab.lab_environment(root, jupyter_folders(state, {**os.environ, **extra}))
    # Render every cell (no windowing), so that widgets far down a module exist in the page.
    tracker = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    return env


def server_options(port: int, token: str) -> list[str]:
    return ["--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1", f"--port={port}", "--port-retries=0",
            f"--IdentityProvider.token={token}"]


def start_lab(root: Path, state: Path, cwd: Path | None = None, **extra_env: str) -> Lab:
    """A learner's JupyterLab on root (a copy of the course, or a learner's home)."""
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter", "lab", *server_options(port, token), f"--ServerApp.root_dir={root}"]
    return serve(command, cwd or root, lab_environment(state, root, **extra_env), Lab(
        f"http://127.0.0.1:{port}", token, root, None, state / "jupyterlab.log"))


def serve(command: list[str], cwd: Path, env: dict[str, str], lab: Lab) -> Lab:
    """Start the server of lab with command, and return once it answers."""
    with lab.log.open("w") as output:
        lab.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT,
                                       start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if lab.process.poll() is not None:
            raise RuntimeError(f"JupyterLab s'est arrêté :\n{lab.log.read_text()}")
        try:
            with urllib.request.urlopen(lab.address("api/status"), timeout=5):
                return lab
        except OSError:
            time.sleep(0.3)
    stop_lab(lab)
    raise RuntimeError(f"JupyterLab ne répond pas :\n{lab.log.read_text()}")


def stop_lab(lab: Lab) -> None:
    """Stop the process group this test started, and nothing else."""
    try:
        os.killpg(lab.process.pid, signal.SIGTERM)
        lab.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(lab.process.pid, signal.SIGKILL)
        lab.process.wait()
    except ProcessLookupError:
        pass


def shut_down_kernels(lab: Lab) -> None:
    """Stop every kernel of lab, as closing a notebook and its kernel does: a long test of many notebooks then
    never has more than one kernel competing for the machine's two cores."""
    with urllib.request.urlopen(lab.address("api/kernels"), timeout=10) as answer:
        kernels = json.load(answer)
    for kernel in kernels:
        request = urllib.request.Request(lab.address(f"api/kernels/{kernel['id']}"), method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def course_copy(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("notebooks", "quizzes", "data"):
        shutil.copytree(REPO / name, target / name)
    return target


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def new_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def open_notebook(page, lab: Lab, path: str) -> None:
    page.goto(lab.address(f"lab/tree/{path}"))
    wait_for_kernel(page)


def wait_for_kernel(page) -> None:
    """The kernel itself is idle (the learner's JupyterLab is in French)."""
    page.get_by_text("Python 3 (ipykernel) | Inactif").first.wait_for()


def run_all(page) -> None:
    """Menu « Exécution », then « Exécuter toutes les cellules », as a learner does."""
    page.get_by_role("menuitem", name="Exécution", exact=True).click()
    page.get_by_text("Exécuter toutes les cellules", exact=True).click()


EVERY_CELL_RAN = ("[...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]"
                  ".every(prompt => /\\[\\d+\\]/.test(prompt.textContent))")


def wait_until_every_cell_ran(page, timeout_ms: int = 120_000) -> None:
    """Every code cell of the open notebook has its execution number; if not in time, say which cells did not
    run and what the notebook printed as errors (a slow machine and a broken cell look alike otherwise)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    try:
        page.wait_for_function(EVERY_CELL_RAN, timeout=timeout_ms)
    except PlaywrightTimeout:
        state = page.evaluate("""() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
            const errors = [...panel.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')]
                .map(e => e.textContent.slice(0, 400));
            const status = document.querySelector('.jp-StatusBar-Widget')?.textContent;
            return {prompts, errors, status};
        }""")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        getattr(page, "page", page).screenshot(path=str(ARTIFACTS / "cellules-non-executees.png"))  # a frame's page
        raise AssertionError(f"cells not all run after {timeout_ms} ms: {state}") from None


def tick_right_options(widget, question) -> None:
    """Click, in a question's widget, each option the bank marks right (one for a single choice)."""
    for option in question.options:
        if option.correct:
            widget.get_by_text(option.text.strip(), exact=True).click()


def click_graded_answers(page, clicks, after_each=lambda item_id: None) -> None:
    """Answer a released graded notebook by clicking, as a learner: for each item, the option labels to tick
    (for a scenario, one choice per step, each validated), then « Valider », until « Réponse enregistrée »."""
    for item_id, labels in clicks:
        widget = page.locator(f".cours-item-{item_id}")
        widget.scroll_into_view_if_needed()
        for number, label in enumerate(labels, start=1):
            widget.get_by_text(label, exact=True).click()
            if item_id == "essai-scenario" or number == len(labels):
                widget.get_by_role("button", name="Valider").click()
        widget.get_by_text("Réponse enregistrée.").wait_for()
        after_each(item_id)


def save(page) -> None:
    page.keyboard.press("Control+s")
    page.get_by_text("Enregistrement effectué").first.wait_for()


class Screenshots:
    """One picture per step of a flow, in test-artifacts/browser/."""

    def __init__(self, flow: str):
        self.flow, self.count = flow, 0
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(self, page, step: str) -> None:
        self.count += 1
        page.screenshot(path=str(ARTIFACTS / f"{self.flow}-{self.count:02d}-{step}.png"))


def report_latency(name: str, seconds: list[float]) -> None:
    """A figure for the test output, never an assertion (machines are noisy)."""
    if seconds:
        print(f"\n[mesure] {name} : médiane {statistics.median(seconds) * 1000:.0f} ms "
              f"sur {len(seconds)} clics (min {min(seconds) * 1000:.0f}, max {max(seconds) * 1000:.0f})")

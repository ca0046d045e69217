"""A cohort on a real JupyterHub started by the test (loopback, its npm proxy, one system user per account as
nbgrader needs): the instructor generates and releases a graded quiz through his server's formgrader; two
learners log in with the login form, fetch it, answer by clicking its widgets in JupyterLab, and submit; the
instructor collects and autogrades through the hub; the grades are the expected ones. Everything is stopped by
PID at the end, and the system users are removed."""

from __future__ import annotations

import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from accounts import accounts_bin as python_for_accounts
from accounts import system_accounts
from conftest import REPO
from course.graded.prepare.keys import KEYS_DIR, SEED_FILE
from tests_graded_helpers import ASSIGNMENT, released, write_graded_bank

from .conftest import ARTIFACTS, Screenshots, click_graded_answers, new_page, run_all, save, wait_for_kernel

PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
COURSE_ID = "reseaux-sociaux-sante"
PASSWORD = secrets.token_hex(8)
# What each learner clicks, and what it is worth (single 1 pt, multiple 2 pts, scenario 3 pts).
SUFFIX = secrets.token_hex(3)
INSTRUCTOR, ANA, BEN, CYR = f"formateur-{SUFFIX}", f"ana-{SUFFIX}", f"ben-{SUFFIX}", f"cyr-{SUFFIX}"
CLICKS = {
    ANA: ([("essai-single", ["LinkedIn"]), ("essai-multiple", ["Esanum", "MedPics"]),
             ("essai-scenario", ["Je refuse poliment.", "Je propose une consultation."])], 6.0),
    BEN: ([("essai-single", ["Snapchat"]), ("essai-multiple", ["Esanum"]),
             ("essai-scenario", ["J'accepte.", "Je propose une consultation."])], 2.5),
}


class Hub:
    def __init__(self, url: str, service_token: str, state: Path, process: subprocess.Popen):
        self.url, self.service_token, self.state, self.process = url, service_token, state, process

    def api(self, method: str, path: str, token: str | None = None, data: dict | None = None, form: bool = False):
        body = None
        headers = {"Authorization": f"token {token or self.service_token}"}
        if data is not None:
            body = (urllib.parse.urlencode(data) if form else json.dumps(data)).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded" if form else "application/json"
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=300) as response:
            text = response.read().decode()
        return json.loads(text) if text else None

    def start_server(self, user: str) -> str:
        """Start the user's server (if it is not running) and return a token of theirs for its API."""
        if self.api("GET", f"/hub/api/users/{user}")["server"] is None:
            self.api("POST", f"/hub/api/users/{user}/server", data={})
        deadline = time.monotonic() + 120
        while self.api("GET", f"/hub/api/users/{user}")["server"] is None:
            assert time.monotonic() < deadline, f"le serveur de {user} ne démarre pas"
            time.sleep(0.5)
        return self.api("POST", f"/hub/api/users/{user}/tokens", data={"note": "tests"})["token"]


def free_ports(count: int) -> int:
    """A first port with the next ones free too (hub, its API, the proxy's API)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port + count < 65535 and all(_free(port + n) for n in range(count)):
            return port


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def stop_by_pid_file(path: Path) -> None:
    try:
        os.kill(int(path.read_text().strip()), signal.SIGTERM)
    except (OSError, ValueError):
        pass


@pytest.fixture(scope="module")
def accounts():
    """One system user per account, as on a real server; removed afterwards."""
    with system_accounts([INSTRUCTOR, *CLICKS, CYR], "test JupyterHub ignoré : il crée des comptes système") as homes:
        yield homes


@pytest.fixture(scope="module")
def accounts_bin() -> Path:
    return python_for_accounts()


@pytest.fixture(scope="module")
def hub(accounts, accounts_bin):
    if not PROXY.exists():
        pytest.skip("configurable-http-proxy absent (« npm install » dans le dépôt) : test JupyterHub ignoré")
    folder = Path(tempfile.mkdtemp(prefix="cours-hub-"))  # readable by every account, unlike pytest's tmp
    folder.chmod(0o755)
    port, token = free_ports(3), secrets.token_hex(16)
    env = {**os.environ, "COURS_HUB_ETAT": str(folder / "etat"), "COURS_HUB_PORT": str(port),
           "COURS_HUB_MOT_DE_PASSE": PASSWORD, "COURS_HUB_FORMATEUR": INSTRUCTOR,
           "COURS_HUB_APPRENANTS": ",".join([*CLICKS, CYR]), "COURS_HUB_COMPTES": "systeme", "COURS_HUB_JETON_SERVICE": token,
           "COURS_HUB_BANQUE": str(write_graded_bank(folder)),
           "PATH": f"{accounts_bin}{os.pathsep}{os.environ['PATH']}"}
    env.pop("COURS_MES_DONNEES", None)  # on a hub, each learner's data goes to their own home
    log = folder / "hub.log"
    with log.open("w") as output:
        process = subprocess.Popen([str(accounts_bin / "jupyterhub"), "-f",
                                    str(REPO / "deploy" / "hub" / "jupyterhub_config.py")], cwd=folder, env=env,
                                   stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    running = Hub(f"http://127.0.0.1:{port}", token, folder / "etat", process)
    deadline = time.monotonic() + 60
    while True:
        try:
            running.api("GET", "/hub/api/users")
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.3)
    yield running
    stop_by_pid_file(running.state / "jupyterhub.pid")  # the hub stops the users' servers as it exits
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    stop_by_pid_file(running.state / "proxy.pid")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(log, ARTIFACTS / "jupyterhub.log")  # kept for a failure's diagnosis
    shutil.rmtree(folder, ignore_errors=True)


def learner_answers(browser, hub: Hub, learner: str) -> None:
    """The learner logs in with the form, fetches the quiz, answers by clicking, saves and submits."""
    page = new_page(browser)
    shots = Screenshots(f"hub-{learner}")
    try:
        page.goto(f"{hub.url}/hub/login")
        page.locator("#username_input").fill(learner)
        page.locator("#password_input").fill(PASSWORD)
        page.locator("#login_submit").click()
        # The course home opens first, in the learner's own copy, in single-document mode, in French, without the
        # instructor's nbgrader menu.
        page.wait_for_url(f"**/user/{learner}/doc/tree/cours-reseaux-sociaux/notebooks/00_accueil.ipynb*",
                          timeout=120_000)
        wait_for_kernel(page)
        assert page.get_by_role("menuitem", name="Fichier", exact=True).is_visible()
        assert page.get_by_role("menuitem", name="Nbgrader").count() == 0
        token = hub.api("POST", f"/hub/api/users/{learner}/tokens", data={"note": "tests"})["token"]
        hub.api("POST", f"/user/{learner}/assignments/fetch", token,
                {"assignment_id": ASSIGNMENT, "course_id": COURSE_ID}, form=True)
        # ?reset: a workspace with only this notebook, so that « Idle » below is its own kernel's.
        page.goto(f"{hub.url}/user/{learner}/lab/tree/{ASSIGNMENT}/{ASSIGNMENT}.ipynb?reset")
        page.get_by_role("tab", name=f"{ASSIGNMENT}.ipynb").first.wait_for()
        wait_for_kernel(page)
        run_all(page)
        click_graded_answers(page, CLICKS[learner][0])
        shots.take(page, "reponses")
        save(page)
        result = hub.api("POST", f"/user/{learner}/assignments/submit", token,
                         {"assignment_id": ASSIGNMENT, "course_id": COURSE_ID}, form=True)
        assert result.get("success", True), result
    except Exception:
        shots.take(page, "echec")  # what the learner saw, for the diagnosis
        raise
    finally:
        page.context.close()


def test_a_cohort_runs_end_to_end_through_the_hub(browser, hub):
    instructor = hub.start_server(INSTRUCTOR)
    formgrader = f"/user/{INSTRUCTOR}/formgrader/api/assignment/{ASSIGNMENT}"
    assert hub.api("POST", f"{formgrader}/assign", instructor, data={})["success"]
    assert hub.api("POST", f"{formgrader}/release", instructor, data={})["success"]
    for learner in CLICKS:
        learner_answers(browser, hub, learner)
    assert hub.api("POST", f"{formgrader}/collect", instructor, data={})["success"]
    for learner in CLICKS:
        result = hub.api("POST", f"/user/{INSTRUCTOR}/formgrader/api/submission/{ASSIGNMENT}/{learner}/autograde",
                         instructor, data={})
        assert result["success"], result
    submissions = hub.api("GET", f"/user/{INSTRUCTOR}/formgrader/api/submissions/{ASSIGNMENT}", instructor)
    scores = {submission["student"]: submission["score"] for submission in submissions}
    assert scores == {learner: expected for learner, (_, expected) in CLICKS.items()}
    # The answers were written by the kernel on the learner's own server, in their home, as that user.
    answers = Path(f"~{ANA}").expanduser() / ASSIGNMENT / f"{ASSIGNMENT}.reponses.json"
    assert answers.exists() and answers.owner() == ANA
    # Her own copy of the modules, made by her account (course/learner_copy.py), is hers too.
    home_page = Path(f"~{ANA}").expanduser() / "cours-reseaux-sociaux" / "notebooks" / "00_accueil.ipynb"
    assert home_page.exists() and home_page.owner() == ANA


def test_a_server_killed_during_a_submission_loses_nothing(hub):
    """Cyr's server dies (SIGKILL) while he submits. His answers file is on disk, written when he clicked; once
    his server is back he submits again, and the instructor's collect takes the complete, latest submission."""
    import threading

    instructor = hub.start_server(INSTRUCTOR)
    token = hub.start_server(CYR)
    hub.api("POST", f"/user/{CYR}/assignments/fetch", token, {"assignment_id": ASSIGNMENT, "course_id": COURSE_ID},
            form=True)
    # The right answers (6 points) in the letters of this course, whose order seed is in the instructor's keys.
    seed = (Path(f"~{INSTRUCTOR}").expanduser() / "cours-nbgrader" / KEYS_DIR / SEED_FILE).read_text().strip()
    right = released({"essai-single": "a", "essai-multiple": ["esanum", "medpics"],
                      "essai-scenario": ["refuser", "rediriger"]}, seed=seed)
    answers = json.dumps({"format": "cours-reponses", "version": 1, "answers": right})
    hub.api("PUT", f"/user/{CYR}/api/contents/{ASSIGNMENT}/{ASSIGNMENT}.reponses.json", token,
            {"type": "file", "format": "text", "content": answers})
    outcome: list = []

    def submit():
        try:
            outcome.append(hub.api("POST", f"/user/{CYR}/assignments/submit", token,
                                   {"assignment_id": ASSIGNMENT, "course_id": COURSE_ID}, form=True))
        except Exception as error:  # the server died under the request
            outcome.append(error)

    request = threading.Thread(target=submit)
    request.start()
    subprocess.run(["pkill", "-KILL", "-u", CYR, "-f", "jupyterhub-singleuser"], check=True)
    request.join(timeout=120)
    assert outcome, "the submission request never ended"
    hub.api("DELETE", f"/hub/api/users/{CYR}/server")  # what « Stop My Server » does: the hub tidies up
    deadline = time.monotonic() + 60
    while hub.api("GET", f"/hub/api/users/{CYR}")["server"] is not None:
        assert time.monotonic() < deadline, "le hub ne voit pas le serveur arrêté"
        time.sleep(0.5)
    token = hub.start_server(CYR)
    assert (Path(f"~{CYR}").expanduser() / ASSIGNMENT / f"{ASSIGNMENT}.reponses.json").read_text() == answers
    result = hub.api("POST", f"/user/{CYR}/assignments/submit", token,
                     {"assignment_id": ASSIGNMENT, "course_id": COURSE_ID}, form=True)
    assert result.get("success", True), result
    base = f"/user/{INSTRUCTOR}/formgrader/api"
    assert hub.api("POST", f"{base}/assignment/{ASSIGNMENT}/collect", instructor, data={})["success"]
    assert hub.api("POST", f"{base}/submission/{ASSIGNMENT}/{CYR}/autograde", instructor, data={})["success"]
    scores = {s["student"]: s["score"] for s in hub.api("GET", f"{base}/submissions/{ASSIGNMENT}", instructor)}
    assert scores[CYR] == 6.0


def test_a_learner_account_reaches_no_graded_question_nor_the_course_folder(hub, accounts_bin):
    """As Ana's system user, with the environment her server was given: loading the bank yields no graded
    question, and the graded banks, the instructor's course folder, keys and gradebook cannot be read."""
    hub.start_server(INSTRUCTOR)
    hub.start_server(ANA)
    [pid] = subprocess.run(["pgrep", "-u", ANA, "-f", "jupyterhub-singleuser"], capture_output=True, text=True,
                           check=True).stdout.split()
    server_env = dict(line.split("=", 1) for line in Path(f"/proc/{pid}/environ").read_text().split("\0") if "=" in line)
    assert Path(server_env["COURSE_ROOT"]) == hub.state / "cours-apprenants"
    instructor = Path(f"~{INSTRUCTOR}").expanduser()
    private = [REPO / "quizzes" / "notees" / "06_evaluation.yml", hub.state.parent / "banque" / "notees" / "09_essai.yml",
               instructor / "banque" / "notees" / "09_essai.yml", instructor / "cours-nbgrader",
               instructor / "cours-nbgrader" / KEYS_DIR / f"{ASSIGNMENT}.json", instructor / "cours-nbgrader" / "gradebook.db"]
    assert all(path.exists() for path in private)  # as root: they are there, so a refusal below means something
    probe = textwrap.dedent("""\
        import json, os, sys
        from pathlib import Path
        from course.bank import load_bank
        from course.show import bank
        seen = {"graded": [m.number for m in [*load_bank().modules, *bank().modules] if m.graded]}
        for path in map(Path, sys.argv[1:]):
            try:
                os.listdir(path) if path.is_dir() else path.read_bytes()
                seen[str(path)] = "lu"
            except PermissionError:
                seen[str(path)] = "refusé"
        print(json.dumps(seen))
        """)
    result = subprocess.run(["runuser", "-u", ANA, "--", str(accounts_bin / "python"), "-c", probe,
                             *map(str, private)], capture_output=True, text=True, cwd="/",
                            env={**server_env, "COURS_MES_DONNEES": str(Path(f"~{ANA}").expanduser() / "donnees")})
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen.pop("graded") == []
    assert seen == {str(path): "refusé" for path in private}


def test_links_left_in_an_inbound_folder_steal_nothing(hub, accounts_bin):
    """Ben submits again, then, as his own system user, replaces his answers in the exchange by a link to
    Ana's and adds a link to the instructor's key. The instructor collects and grades through formgrader: Ben
    gets none of Ana's points, no key is copied, and the bilan names Ben and says what was left out."""
    instructor = hub.start_server(INSTRUCTOR)
    token = hub.start_server(BEN)
    result = hub.api("POST", f"/user/{BEN}/assignments/submit", token,
                     {"assignment_id": ASSIGNMENT, "course_id": COURSE_ID}, form=True)
    assert result.get("success", True), result
    inbound = hub.state / "echange-nbgrader" / COURSE_ID / "inbound"
    newest = lambda name: max(inbound.glob(f"{name}+{ASSIGNMENT}+*"), key=lambda path: path.name)  # noqa: E731
    course = Path(f"~{INSTRUCTOR}").expanduser() / "cours-nbgrader"
    key = course / KEYS_DIR / f"{ASSIGNMENT}.json"
    answers = f"{ASSIGNMENT}.reponses.json"
    mine, hers = shlex.quote(str(newest(BEN) / answers)), shlex.quote(str(newest(ANA) / answers))
    swap = f"rm -f {mine} && ln -s {hers} {mine} && ln -s {shlex.quote(str(key))} {shlex.quote(str(newest(BEN)))}/cle.json"
    subprocess.run(["runuser", "-u", BEN, "--", "sh", "-c", swap], check=True)
    base = f"/user/{INSTRUCTOR}/formgrader/api"
    assert hub.api("POST", f"{base}/assignment/{ASSIGNMENT}/collect", instructor, data={})["success"]
    hub.api("POST", f"{base}/submission/{ASSIGNMENT}/{BEN}/autograde", instructor, data={})
    scores = {s["student"]: s["score"] for s in hub.api("GET", f"{base}/submissions/{ASSIGNMENT}", instructor)}
    assert scores[ANA] == 6.0 and scores[BEN] == 0.0  # his clicks are gone with the link; none of Ana's count
    collected = course / "submitted" / BEN / ASSIGNMENT
    assert not (collected / answers).exists() and not (collected / "cle.json").exists()
    bilan = subprocess.run([str(accounts_bin / "cours"), "nbgrader", "bilan", ASSIGNMENT, "--dossier", str(course)],
                           capture_output=True, text=True).stdout.replace("\u00a0", " ")
    [line] = [line for line in bilan.splitlines() if line.startswith(f"{BEN} :")]
    assert f"« {answers} » est un lien symbolique" in line and "« cle.json » est un lien symbolique" in line

"""`cours nbgrader corriger`: the whole cohort in parallel workers, the same grades as plain nbgrader,
every failure reported with its reason, and a safe re-run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ASSIGNMENT, create_course, nbgrader, run
from .test_bad_submissions import CASES, NOTEBOOK, exported_scores, submit_cases

# Every kind of broken or tampered submission, beside a right one.
COHORT = CASES


def cours(*args: str, cwd) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "course", "nbgrader", *args], cwd=cwd, check=False)


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """The same submissions graded twice: once by plain `nbgrader autograde`, once by the cohort command."""
    graded = {}
    for way in ("nbgrader", "cours"):
        root = create_course(tmp_path_factory.mktemp(way))
        nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
        submit_cases(root, COHORT)
        if way == "nbgrader":
            result = nbgrader("autograde", ASSIGNMENT, cwd=root, check=False)
        else:
            result = cours("corriger", ASSIGNMENT, "--processus=2", cwd=root)
        graded[way] = (root, result, exported_scores(root))
    return graded


def test_the_cohort_command_gives_exactly_the_plain_nbgrader_grades(cohort):
    assert cohort["cours"][2] == cohort["nbgrader"][2]
    assert set(cohort["cours"][2]) == set(COHORT)  # nobody missing


def test_every_learner_without_a_grade_is_listed_with_the_reason_and_the_exit_status_says_so(cohort):
    _, result, _ = cohort["cours"]
    assert result.returncode == 1
    assert "corrompu" in result.stderr and "notebook illisible" in result.stderr
    assert "renomme" in result.stderr and "absent" in result.stderr
    ungradable = 2  # the unreadable notebook and the renamed one
    assert f"Bilan\u00a0: {len(COHORT) - ungradable} noté(s)" in result.stdout
    assert f"{ungradable} non noté(s)" in result.stdout
    assert f"{len(COHORT)}/{len(COHORT)} copies" in result.stderr  # the progress bar reached the end


def test_a_rerun_grades_only_what_is_not_done_and_resumes_a_half_graded_learner(cohort):
    root, _, before = cohort["cours"]
    # An interrupted run leaves a learner's autograded folder without a complete grade.
    (root / "autograded" / "temoin" / ASSIGNMENT / NOTEBOOK).unlink()
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "essai-cours") as gradebook:
        grade = gradebook.find_grade("essai-single", ASSIGNMENT, ASSIGNMENT, "temoin")
        grade.auto_score = None
        gradebook.db.commit()
    result = cours("corriger", ASSIGNMENT, cwd=root)
    assert "3/3 copies" in result.stderr  # temoin again, and the two that cannot be graded; nobody else
    assert exported_scores(root) == before


def test_the_help_is_in_french():
    result = run([sys.executable, "-m", "course", "nbgrader", "corriger", "--help"], cwd=".", check=False)
    assert "Corrige toutes les copies remises" in result.stdout and "--processus" in result.stdout


def test_a_locked_gradebook_is_reported_for_each_learner_never_dropped(tmp_path):
    """Provoke the database error that stops a plain nbgrader process: every learner must come back failed
    with the reason (after one retry), none silently missing."""
    import sqlite3

    from course.graded.mark.cohort import autograde_cohort

    root = create_course(tmp_path)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    submit_cases(root, {name: CASES[name] for name in ("temoin", "option-inconnue")})
    lock = sqlite3.connect(root / "gradebook.db", timeout=1)
    lock.execute("BEGIN EXCLUSIVE")  # another writer holds the gradebook for the whole run
    try:
        outcomes = autograde_cohort(root, ASSIGNMENT, workers=2, progress=None)
    finally:
        lock.rollback()
        lock.close()
    assert sorted(outcome.student for outcome in outcomes) == ["option-inconnue", "temoin"]
    assert not any(outcome.ok for outcome in outcomes)
    assert all("database is locked" in " ".join(outcome.errors) for outcome in outcomes), [o.errors for o in outcomes]
    # Once the gradebook is free again, a re-run grades them: nothing was lost.
    assert all(outcome.ok for outcome in autograde_cohort(root, ASSIGNMENT, workers=2, progress=None))
    assert exported_scores(root) == {"temoin": 6.0, "option-inconnue": 5.0}


def _kill_first_forked_kernel(stop) -> list[int]:
    """Kill (SIGKILL) the first kernel the zygote forks, as a port race or an out-of-memory kill would."""
    import os
    import signal
    from pathlib import Path

    killed: list[int] = []

    def parent_of(pid: str) -> str:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]

    def mine(pid: str) -> bool:
        """pid descends from this test's process (another test process may be grading at the same time)."""
        while pid not in ("0", "1"):
            if pid == str(os.getpid()):
                return True
            pid = parent_of(pid)
        return False

    def parent_is_zygote(pid: str) -> bool:
        try:
            parent = parent_of(pid)
            return "course.graded.mark.zygote" in Path(f"/proc/{parent}/cmdline").read_text() and mine(parent)
        except (OSError, IndexError):
            return False

    def watch():
        while not stop.is_set() and not killed:
            for pid in (entry.name for entry in Path("/proc").iterdir() if entry.name.isdigit()):
                if parent_is_zygote(pid):
                    os.kill(int(pid), signal.SIGKILL)
                    killed.append(int(pid))
                    return
            stop.wait(0.002)

    import threading

    threading.Thread(target=watch, daemon=True).start()
    return killed


def test_a_killed_kernel_is_retried_once_and_the_learner_is_graded(tmp_path):
    """Provoke the kernel death a port race causes: the learner is graded at the second try, and the
    first failure is kept for the report, not hidden."""
    import threading

    from course.graded.mark.cohort import autograde_cohort

    root = create_course(tmp_path)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    submit_cases(root, {"temoin": CASES["temoin"]})
    stop = threading.Event()
    killed = _kill_first_forked_kernel(stop)
    try:
        [outcome] = autograde_cohort(root, ASSIGNMENT, workers=1, progress=None)
    finally:
        stop.set()
    assert killed, "no kernel was forked"
    assert outcome.ok and any("died" in error.lower() for error in outcome.first_try), outcome
    assert exported_scores(root) == {"temoin": 6.0}


def _descendants(pid: int) -> set[int]:
    """Every live process below pid, read from /proc."""
    from pathlib import Path

    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":  # a zombie is already dead
            parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_run_leaves_no_process_behind_and_a_rerun_grades_everyone(tmp_path):
    import os
    import signal
    import time

    root = create_course(tmp_path)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    submit_cases(root, {name: CASES[name] for name in ("temoin", "boucle-infinie", "option-inconnue")})
    running = subprocess.Popen([sys.executable, "-m", "course", "nbgrader", "corriger", ASSIGNMENT, "--processus=2"],
                               cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, seen = time.monotonic() + 90, set()
    while time.monotonic() < deadline and len(seen) < 5:  # two workers, a zygote, a kernel, a resource tracker
        seen |= _descendants(running.pid)
        time.sleep(0.2)
    assert len(seen) >= 5, seen
    os.kill(running.pid, signal.SIGKILL)  # the instructor's terminal is closed mid-run
    running.wait()
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in seen) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in seen if _alive(pid)], "des processus de correction survivent à « corriger »"
    result = cours("corriger", ASSIGNMENT, cwd=root)
    assert "0 non noté(s)" in result.stdout, result.stdout + result.stderr
    assert exported_scores(root) == {"temoin": 6.0, "boucle-infinie": 6.0, "option-inconnue": 5.0}

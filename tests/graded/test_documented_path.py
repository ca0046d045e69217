"""The instructor's path of docs/formateurs.md (« Évaluations notées avec nbgrader »), run command by command as written,
on a fresh course, with two learners who are real system accounts: they fetch, answer and submit through nbgrader's
exchange, and fetch their feedback. Only the placeholders are filled in: the course folder, the learners' ids and
the identifier printed on an attestation. Every documented command must succeed."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from accounts import accounts_bin, system_accounts
from bank_answers import best_answer
from conftest import REPO
from course.bank import load_bank
from course.graded.prepare.keys import KEYS_DIR, order_seed
from course.graded.prepare.public import released_answer

SUFFIX = f"{os.getpid() % 10000}"
GOOD, PARTIAL = f"doc-bon-{SUFFIX}", f"doc-moyen-{SUFFIX}"
COURSE_ID = "reseaux-sociaux-sante"  # creer's default, as in the README
EXCHANGE = Path("/usr/local/share/nbgrader/exchange")


def documented_commands() -> list[str]:
    """The instructors' page's first block, comment lines included (they mark the steps done by people)."""
    text = (REPO / "docs" / "formateurs.md").read_text(encoding="utf-8")
    block = next(block for block in re.findall(r"```bash\n(.*?)```", text, re.S) if "cours nbgrader creer" in block)
    return [line.strip() for line in block.splitlines() if line.strip()]


def without_comment(line: str) -> str:
    return line.split("#", 1)[0].strip() if not line.startswith("#") else ""


def as_learner(account: str, bin_dir: Path, command: str, home: Path) -> subprocess.CompletedProcess:
    env = f"PATH={bin_dir}:/usr/bin:/bin HOME={home}"
    return subprocess.run(["runuser", "-u", account, "--", "sh", "-c", f"cd {home} && env {env} {command}"],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def learners():
    with system_accounts([GOOD, PARTIAL], "parcours documenté ignoré : il crée des comptes système") as homes:
        yield homes


def test_the_documented_instructor_path_runs_to_the_end(learners, tmp_path):
    if EXCHANGE.joinpath(COURSE_ID).exists():
        shutil.rmtree(EXCHANGE / COURSE_ID)  # a course left by an earlier run of this test
    bin_dir = accounts_bin()
    instructor_bin = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{instructor_bin}{os.pathsep}{os.environ['PATH']}"}
    env.pop("COURSE_ROOT", None)
    course = Path(tempfile.mkdtemp(prefix="cours-nbgrader-doc-")) / "cours-nbgrader"
    cwd, done, identifier = tmp_path, [], None
    graded = [item for item in load_bank().items.values() if item.graded and item.kind != "open"]
    try:
        for line in documented_commands():
            command = without_comment(line).replace("~/cours-nbgrader", str(course))
            if line.startswith("# complétez apprenants.csv"):
                with (course / "apprenants.csv").open("a", encoding="utf-8") as learners_file:
                    learners_file.write(f"{GOOD},Bonne,Élève,\n{PARTIAL},Moyenne,Élève,\n")
                continue
            if line.startswith("# … les apprenants"):
                answer_and_submit(course, learners, bin_dir, graded)
                continue
            if line.startswith("# corrigez les réponses rédigées"):
                grade_written_answers_by_hand(course)
                continue
            if not command or command.startswith("source "):
                continue  # the environment is already this one
            if command.startswith("sudo "):
                command = command[len("sudo "):]  # the tests run as root
            if command.startswith("cd "):
                cwd = Path(command[3:])
                continue
            if "IDENTIFIANT" in command:
                command = command.replace("IDENTIFIANT", identifier)
            result = subprocess.run(shlex.split(command), cwd=cwd, env=env, capture_output=True, text=True,
                                    timeout=600)
            assert result.returncode == 0, f"« {line} » a échoué :\n{result.stdout}\n{result.stderr}"
            done.append(command.split()[:3])
            if "attestations" in command:
                identifier = re.search(rf"{GOOD} : .*\(identifiant ([^)]+)\)", result.stdout.replace("\u00a0", " "))
                assert identifier, result.stdout
                identifier = identifier.group(1)
        assert ["nbgrader", "export", "--to=notes.csv"] in done
        with (course / "notes.csv").open(encoding="utf-8") as notes:
            rows = {row["student_id"]: row for row in csv.DictReader(notes) if row["assignment"] == "quiz-06"}
        assert float(rows[GOOD]["score"]) == float(rows[GOOD]["max_score"]) > 0, rows[GOOD]
        assert 0 < float(rows[PARTIAL]["score"]) < float(rows[GOOD]["score"]), rows[PARTIAL]
        # Each learner gets their own feedback back through the exchange, and nobody else's.
        for account in (GOOD, PARTIAL):
            home = learners / account
            fetched = as_learner(account, bin_dir, f"nbgrader fetch_feedback quiz-06 --course {COURSE_ID}", home)
            assert fetched.returncode == 0, fetched.stderr
            pages = list(home.glob("quiz-06/feedback/*/quiz-06.html"))
            assert len(pages) == 1, fetched.stdout + fetched.stderr
    finally:
        shutil.rmtree(EXCHANGE / COURSE_ID, ignore_errors=True)
        shutil.rmtree(course.parent, ignore_errors=True)


def answer_and_submit(course: Path, homes: Path, bin_dir: Path, graded: list) -> None:
    """Each learner fetches quiz-06, answers (the good one everything right, the other half of it) by the file the
    notebook's « Valider » writes, and submits, from their own account."""
    seed = order_seed(course / KEYS_DIR)
    for account, share in ((GOOD, graded), (PARTIAL, graded[: len(graded) // 2])):
        home = homes / account
        fetched = as_learner(account, bin_dir, f"nbgrader fetch_assignment quiz-06 --course {COURSE_ID}", home)
        assert fetched.returncode == 0, fetched.stderr
        write_the_written_answers(home / "quiz-06" / "quiz-06.ipynb", account)
        answers = {item.id: released_answer(item, seed, best_answer(item)) for item in share}
        sidecar = home / "quiz-06" / "quiz-06.reponses.json"
        sidecar.write_text(json.dumps({"format": "cours-reponses", "version": 1, "answers": answers}),
                           encoding="utf-8")
        shutil.chown(sidecar, account, account)
        time.sleep(1)  # distinct submission times
        submitted = as_learner(account, bin_dir, f"nbgrader submit quiz-06 --course {COURSE_ID}", home)
        assert submitted.returncode == 0, submitted.stderr


def write_the_written_answers(notebook_path: Path, account: str) -> None:
    """The learner types an answer in each written-answer cell (an unchanged one is graded 0 by nbgrader)."""
    import nbformat

    notebook = nbformat.read(notebook_path, as_version=4)
    for cell in notebook.cells:
        settings = cell.metadata.get("nbgrader", {})
        if settings.get("solution") and settings.get("grade"):
            cell.source = "Je propose une consultation et je ne donne aucun avis personnalisé en ligne."
    nbformat.write(notebook, notebook_path)
    shutil.chown(notebook_path, account, account)


def grade_written_answers_by_hand(course: Path) -> None:
    """What the instructor does in formgrader: every written answer gets its points (full for the good learner)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
        for submission in gradebook.assignment_submissions("quiz-06"):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    if grade.needs_manual_grade:
                        grade.manual_score = grade.max_score if submission.student.id == GOOD else 0
                        grade.needs_manual_grade = False
        gradebook.db.commit()

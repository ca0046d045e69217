"""A graded bank, a course directory built from it with the `cours` CLI, and the real nbgrader CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import VALID_MODULE
from course.graded.prepare.keys import KEYS_DIR, SEED_FILE

OPEN_ITEM = """\
  - id: essai-ouverte
    kind: open
    prompt: Un patient vous écrit en message privé pour un avis. Rédigez votre réponse.
    rubric:
      - points: 1
        text: Propose une consultation.
      - points: 1
        text: Ne donne aucun avis personnalisé.
    explanation: Pas de téléconseil personnalisé sur un réseau social.
    references:
      - source: cnom-charte-2025
"""
COURSE_ID = "essai-cours"
ASSIGNMENT = "quiz-09"
# The course's seed for the order of options, written before `creer` (as an instructor who rebuilds a course
# elsewhere would), so that the tests know which neutral letter each option gets in the released notebook.
ORDER_SEED = "graine-des-tests"


def released(answers: dict, bank_text: str | None = None, seed: str = ORDER_SEED) -> dict:
    """Answers written with the bank's ids (VALID_MODULE: single a = LinkedIn, right, b = Snapchat; multiple
    esanum and medpics right, pinterest wrong; scenario accepter / refuser, then repondre / rediriger), as a
    learner clicks them in the released notebook: neutral letters, in the order drawn from the course's seed."""
    import yaml

    from course.bank.serialize import item_from_data
    from course.graded.prepare.public import released_answer

    items = {data["id"]: item_from_data(data, "09")
             for data in yaml.safe_load(bank_text or VALID_MODULE + OPEN_ITEM)["items"]}
    return {item_id: released_answer(items[item_id], seed, answer) for item_id, answer in answers.items()}


def run(args: list[str], cwd: Path, check: bool = True, **options) -> subprocess.CompletedProcess:
    # nbgrader calls `alembic` by name: the environment's own bin/ must come first on PATH.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, **options)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} a échoué ({result.returncode}) :\n{result.stdout}\n{result.stderr}")
    return result


def nbgrader(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, check=check)


def write_graded_bank(folder: Path) -> Path:
    """quizzes/ with the valid module as a graded file (quizzes/notees/), plus an open question."""
    quizzes = folder / "banque"
    (quizzes / "notees").mkdir(parents=True)
    (quizzes / "notees" / "09_essai.yml").write_text(VALID_MODULE + OPEN_ITEM, encoding="utf-8")
    return quizzes


def create_course(folder: Path, db_url: str | None = None) -> Path:
    """A course directory made by the `cours` CLI from the graded bank, as an instructor would (its gradebook
    on a PostgreSQL server when db_url is given)."""
    root = folder / "cours"
    (root / KEYS_DIR).mkdir(parents=True)
    (root / KEYS_DIR / SEED_FILE).write_text(ORDER_SEED, encoding="utf-8")
    run([sys.executable, "-m", "course", "nbgrader", "creer", str(root), "--id-cours", COURSE_ID,
         "--banque", str(write_graded_bank(folder)), *(["--base", db_url] if db_url else [])], cwd=folder)
    return root


def make_exchange(folder: Path) -> Path:
    path = folder / "exchange"
    path.mkdir()
    os.chmod(path, 0o777)
    return path


@pytest.fixture
def course_dir(tmp_path) -> Path:
    return create_course(tmp_path)


def drive_notebook(folder: Path, notebook: str, clicks: dict[str, object], written: dict[str, str] = {}) -> None:
    """Run the released notebook's code cells here, as a kernel would, then answer by clicking its widgets.

    clicks maps item ids to what the learner selects: an option letter, a list of letters (checkboxes),
    or the list of choices of a scenario, one click per step. written maps open questions to the text
    typed in their answer cell (then the notebook is saved)."""
    from course.graded import learner

    learner.DISPLAYED.clear()
    document = nbformat.read(folder / notebook, as_version=4)
    for cell in document.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in written:
            cell.source = written[grade_id]
    nbformat.write(document, folder / notebook)
    cells = document.cells
    previous = Path.cwd()
    os.chdir(folder)
    try:
        namespace: dict = {}
        for cell in cells:
            if cell.cell_type == "code" and not cell.metadata.get("nbgrader", {}).get("grade"):
                exec(cell.source, namespace)  # the display cells, exactly as released
        widgets = {widget_item_id(widget): widget for widget in learner.DISPLAYED}
        for item_id, answer in clicks.items():
            click(widgets[item_id], answer)
    finally:
        os.chdir(previous)


def widget_item_id(widget) -> str:
    return widget.scenario.id if hasattr(widget, "scenario") else widget.question.id


def click(widget, answer) -> None:
    if hasattr(widget, "scenario"):
        for choice in answer:
            widget.value = [choice]
            widget.choose()
    else:
        widget.answer = answer
        widget.validate()


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target

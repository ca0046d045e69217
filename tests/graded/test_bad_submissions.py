"""One broken or tampered submission never stops the cohort, never raises a score, and is recorded."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import nbformat
import pytest

from .conftest import ASSIGNMENT, create_course, nbgrader, released

NOTEBOOK = f"{ASSIGNMENT}.ipynb"
ANSWERS = f"{ASSIGNMENT}.reponses.json"
RIGHT = released({"essai-single": "a", "essai-multiple": ["esanum", "medpics"],
                  "essai-scenario": ["refuser", "rediriger"]})  # 6 points


def answers_file(answers: dict) -> str:
    return json.dumps({"format": "cours-reponses", "version": 1, "answers": answers})


def tamper_test_cells(notebook):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code":
            cell.source = "6.0"  # claims full points


def delete_test_cells(notebook):
    notebook.cells = [cell for cell in notebook.cells
                      if not (cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code")]


def add_cell(source: str):
    def change(notebook):
        notebook.cells.insert(2, nbformat.v4.new_code_cell(source))
    return change


def rename_test_cell(notebook):
    # A copy of a grading cell under a new id that would run first and fake every grade.
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "essai-single":
            cell.metadata["nbgrader"]["grade_id"] = "a-moi"
            cell.source = "import course.graded.learner as l\nl.score_item = lambda *a: None\n1.0"


# student: (answers file text or None, notebook change, expected raw score or None when nbgrader cannot grade)
CASES = {
    "temoin": (answers_file(RIGHT), None, 6.0),
    "corrompu": (answers_file(RIGHT), "truncate", None),
    "sans-reponses": (None, None, 0.0),
    "option-inconnue": (answers_file({**RIGHT, "essai-single": "z"}), None, 5.0),
    "mauvais-type": (answers_file({**RIGHT, "essai-multiple": "a"}), None, 4.0),
    "doublon": (answers_file({**RIGHT, "essai-multiple": ["a", "a"]}), None, 4.0),
    "json-casse": ("{pas du json", None, 0.0),
    "enorme": (answers_file({**RIGHT, "bourrage": "x" * 400_000}), None, 0.0),
    "tests-trafiques": (answers_file(released({"essai-single": "b"})), tamper_test_cells, 0.0),
    "tests-supprimes": (answers_file(RIGHT), delete_test_cells, 6.0),
    "boucle-infinie": (answers_file(RIGHT), add_cell("while True:\n    pass"), 6.0),
    "singe": (answers_file({}), add_cell("import course.graded.learner as l\nl.grade = lambda *a: 2.0"), 0.0),
    "id-renomme": (answers_file({}), rename_test_cell, 0.0),
    "notebook-en-plus": (answers_file(RIGHT), "extra", 6.0),
    "renomme": (answers_file(RIGHT), "rename", 0.0),
    "module-pirate": (answers_file({}), "shadow", 0.0),
    # Honest or hostile files that once stopped a whole command: read, or given a reason, never a traceback.
    "bom": ("\ufeff" + answers_file(RIGHT), None, 6.0),
    "json-profond": ('{"format": "cours-reponses", "version": 1, "answers": {"essai-single": '
                     + "[" * 50_000 + "]" * 50_000 + "}}", None, 0.0),
    "entier-geant": ('{"format": "cours-reponses", "version": 1, "answers": {"essai-single": ' + "9" * 5000 + "}}",
                     None, 0.0),
    "reponse-profonde": (answers_file({**RIGHT, "essai-single": [[["a"]]], "essai-multiple": {"a": 1}}), None, 3.0),
}


def submit_cases(root, cases: dict) -> None:
    """Put each case's submission where `nbgrader collect` would, and register the learners."""
    released = root / "release" / ASSIGNMENT / NOTEBOOK
    for student, (answers, change, _) in cases.items():
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-11-22 10:00:00.000000 UTC")
        shutil.copy(released, folder / NOTEBOOK)
        if answers is not None:
            (folder / ANSWERS).write_text(answers, encoding="utf-8")
        if callable(change):
            notebook = nbformat.read(folder / NOTEBOOK, as_version=4)
            change(notebook)
            nbformat.write(notebook, folder / NOTEBOOK)
        elif change == "truncate":
            text = (folder / NOTEBOOK).read_text(encoding="utf-8")
            (folder / NOTEBOOK).write_text(text[: len(text) // 2], encoding="utf-8")
        elif change == "extra":
            shutil.copy(released, folder / "brouillon.ipynb")
        elif change == "rename":
            (folder / NOTEBOOK).rename(folder / f"{ASSIGNMENT} (copie).ipynb")
        elif change == "shadow":
            fake = folder / "course"
            (fake / "graded").mkdir(parents=True)
            (fake / "__init__.py").write_text("")
            (fake / "graded" / "__init__.py").write_text(
                "def show_graded(*a):\n    pass\ndef grade(*a):\n    return 2.0\n")
    learners = root / "apprenants.csv"  # one import for all: each nbgrader command costs seconds
    learners.write_text("id\n" + "".join(f"{student}\n" for student in cases), encoding="utf-8")
    nbgrader("db", "student", "import", str(learners), cwd=root)


def exported_scores(root) -> dict[str, float]:
    nbgrader("export", "--to=notes.csv", cwd=root)
    with (root / "notes.csv").open(encoding="utf-8") as handle:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def autograded(tmp_path_factory):
    root = create_course(tmp_path_factory.mktemp("copies"))
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    submit_cases(root, CASES)
    result = nbgrader("autograde", ASSIGNMENT, cwd=root, check=False)
    return root, result, exported_scores(root)


@pytest.mark.parametrize("student", sorted(CASES))
def test_each_bad_submission_gets_exactly_what_its_clicks_deserve(autograded, student):
    _, _, scores = autograded
    expected = CASES[student][2]
    assert scores[student] == (0.0 if expected is None else expected)


def test_nothing_stops_the_cohort_and_the_failure_is_loud(autograded):
    root, result, scores = autograded
    assert set(scores) == set(CASES)  # every learner has a line in the export
    assert result.returncode != 0  # nbgrader signals that one submission could not be graded
    assert "corrompu" in result.stdout + result.stderr
    graded = {path.parent.parent.name for path in (root / "autograded").glob(f"*/{ASSIGNMENT}/{NOTEBOOK}")}
    assert graded == set(CASES) - {"corrompu", "renomme"}


def test_learner_python_files_never_reach_the_grading_kernel(autograded):
    root, _, _ = autograded
    assert not (root / "autograded" / "module-pirate" / ASSIGNMENT / "course").exists() or not any(
        (root / "autograded" / "module-pirate" / ASSIGNMENT / "course").rglob("*.py"))


def test_the_reason_of_a_zero_is_written_in_the_graded_notebook(autograded):
    root, _, _ = autograded
    text = (root / "autograded" / "enorme" / ASSIGNMENT / NOTEBOOK).read_text(encoding="utf-8")
    assert "fichier de réponses trop volumineux" in text
    text = (root / "autograded" / "option-inconnue" / ASSIGNMENT / NOTEBOOK).read_text(encoding="utf-8")
    assert "réponse illisible" in text


def cours(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course", "nbgrader", *args], cwd=cwd, capture_output=True,
                          text=True)


def test_the_report_gives_every_learner_a_line_and_a_reason(autograded):
    root, _, _ = autograded
    result = cours("bilan", ASSIGNMENT, cwd=root)
    assert result.returncode == 1  # some learners have no grade: a script can tell
    lines = {line.split("\u00a0")[0]: line for line in result.stdout.splitlines() if "\u00a0: " in line}
    assert set(CASES) <= set(lines)
    assert "noté" in lines["temoin"] and "non noté" not in lines["temoin"]
    assert "non noté" in lines["corrompu"] and "notebook illisible" in lines["corrompu"]
    assert "absent, trouvé\u00a0: quiz-09 (copie).ipynb" in lines["renomme"]
    assert "trop volumineux" in lines["enorme"] and "aucun fichier de réponses" in lines["sans-reponses"]
    assert "réponse illisible (0 point)\u00a0: essai-multiple" in lines["mauvais-type"]


def test_repairing_grades_the_clicks_of_unreadable_and_renamed_notebooks(autograded):
    root, _, _ = autograded
    repaired = cours("reparer", ASSIGNMENT, cwd=root)
    assert repaired.returncode == 0
    assert "corrompu" in repaired.stdout and "renomme" in repaired.stdout
    assert (root / "submitted" / "corrompu" / ASSIGNMENT / f"{NOTEBOOK}.illisible").exists()  # nothing lost
    commands = [line.split() for line in repaired.stdout.splitlines() if line.startswith("  nbgrader autograde")]
    assert sorted(command[-1] for command in commands) == ["--student=corrompu", "--student=renomme"]
    for command in commands:
        nbgrader(*command[1:], cwd=root)
    scores = exported_scores(root)
    assert scores["corrompu"] == 6.0 and scores["renomme"] == 6.0
    assert scores["temoin"] == 6.0 and scores["tests-trafiques"] == 0.0  # the others are untouched

"""After grading, a learner reads a feedback page in French, like a course document: for each question the statement,
their own answer in words, the points and the explanation; their written answer and the grader's comment. No code,
no prompt, no cell label, no English heading, no key. And submitting from a folder JupyterLab worked in is silent."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course.graded.prepare.build import feedback_config
from course.learner.lab import config_path

from .conftest import ASSIGNMENT, COURSE_ID, create_course, drive_notebook, make_exchange, nbgrader, released

NOTEBOOK = f"{ASSIGNMENT}.ipynb"
# Alice: everything right, and a written answer her grader scores 2 of 2 with a comment. Bruno: Snapchat, one right
# box of two, a scenario left after its first step, no written answer.
CLICKS = {"alice": released({"essai-single": "a", "essai-multiple": ["esanum", "medpics"],
                             "essai-scenario": ["refuser", "rediriger"]}),
          "bruno": released({"essai-single": "b", "essai-multiple": ["esanum"], "essai-scenario": ["accepter"]})}
WRITTEN = {"alice": {"essai-ouverte": "Je vous propose **une consultation** : nous en parlerons de vive voix."}}
COMMENT = "Réponse juste et courtoise : la consultation est bien le cadre."
# nbgrader's own feedback page: code, prompts, cell labels and headings in English.
NBGRADER_PAGE = ("show_graded", "grade(", "course.graded", "In [", "Out[", "Grade cell", "Test cell",
                 "Written response", "Student's answer", "Comments:", "Score:", "(Top)", "No response.")


def submit(home: Path, student: str, exchange: Path, learner_config: bool) -> str:
    """nbgrader submit from the learner's folder, as their JupyterLab does it; everything nbgrader said."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "JUPYTER_CONFIG_DIR": str(home / ".jupyter-vide"),  # no settings of this machine's user
           "JUPYTER_CONFIG_PATH": config_path() if learner_config else ""}
    result = subprocess.run([sys.executable, "-m", "nbgrader", "submit", ASSIGNMENT, f"--course={COURSE_ID}",
                             f"--student={student}", f"--Exchange.root={exchange}"], cwd=home, env=env,
                            capture_output=True, text=True, check=True)
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """One course, two learners: release, answer, submit, collect, autograde, a grader's score and comment on the
    written answer, then nbgrader's generate_feedback. Returns the course folder and what each submission said."""
    from nbgrader.api import Gradebook

    folder = tmp_path_factory.mktemp("retour")
    course, exchange = create_course(folder), make_exchange(folder)
    settings = course / "nbgrader_config.py"
    if feedback_config() not in settings.read_text(encoding="utf-8"):  # until nbgrader_config() writes it itself
        settings.write_text(settings.read_text(encoding="utf-8") + "\n" + feedback_config(), encoding="utf-8")
    flag = f"--Exchange.root={exchange}"
    for student in CLICKS:
        nbgrader("db", "student", "add", student, cwd=course)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=course)
    nbgrader("release_assignment", ASSIGNMENT, flag, cwd=course)
    said = {}
    for student, clicks in CLICKS.items():
        home = folder / "apprenants" / student
        home.mkdir(parents=True)
        nbgrader("fetch_assignment", ASSIGNMENT, f"--course={COURSE_ID}", flag, cwd=home)
        drive_notebook(home / ASSIGNMENT, NOTEBOOK, clicks, WRITTEN.get(student, {}))
        # What JupyterLab writes beside a notebook it saves, and nbgrader never hands in.
        (home / ASSIGNMENT / ".ipynb_checkpoints").mkdir()
        (home / ASSIGNMENT / ".ipynb_checkpoints" / f"{ASSIGNMENT}-checkpoint.ipynb").write_bytes(
            (home / ASSIGNMENT / NOTEBOOK).read_bytes())
        said[student] = {"sans": submit(home, student, exchange, learner_config=False),
                         "apprenant": submit(home, student, exchange, learner_config=True)}
    nbgrader("collect", ASSIGNMENT, flag, "--CollectApp.check_owner=False", cwd=course)
    nbgrader("autograde", ASSIGNMENT, cwd=course)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
        grade = gradebook.find_grade("essai-ouverte", ASSIGNMENT, ASSIGNMENT, "alice")
        grade.manual_score, grade.needs_manual_grade = 2, False  # what the formgrader stores for a score
        gradebook.find_comment("essai-ouverte", ASSIGNMENT, ASSIGNMENT, "alice").manual_comment = COMMENT
        gradebook.db.commit()
    nbgrader("generate_feedback", ASSIGNMENT, cwd=course)
    return course, said


def page(course: Path, student: str) -> str:
    return (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")


def shown_text(document: str) -> str:
    """The text a reader sees: no style sheet, no tags, entities decoded, runs of spaces and line breaks made one
    space (non-breaking spaces are kept)."""
    document = re.sub(r"<style.*?</style>|<title>.*?</title>", " ", document, flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", document)))


def read(course: Path, student: str) -> str:
    """The page's text, with its non-breaking spaces as ordinary ones (to compare with plain sentences)."""
    return re.sub(r"[\u00a0\u202f]", " ", shown_text(page(course, student)))


def test_each_question_shows_its_statement_the_learners_answer_in_words_and_the_points(graded):
    course, _ = graded
    alice, bruno = read(course, "alice"), read(course, "bruno")
    for statement in ("Quel réseau est le plus « carrière » ?", "Lesquels sont des réseaux pour professionnels de "
                      "santé ?", "Une patiente vous demande en ami.", "Un patient vous écrit en message privé pour "
                      "un avis. Rédigez votre réponse."):
        assert statement in alice and statement in bruno
    assert "Note : 8 / 8 point(s)" in alice and "Note : 1 / 8 point(s)" in bruno  # 0 + 1 + 0 (accepting) + 0
    assert "Votre réponse LinkedIn" in alice and "Votre réponse Snapchat" in bruno
    assert "Vos réponses cochées Esanum MedPics" in alice and "Vos réponses cochées Esanum Explication" in bruno
    # A scenario: each step read, and the choice made there.
    assert ("Votre parcours Que faites-vous ? Votre choix : Je refuse poliment. Elle vous écrit en message privé. "
            "Votre choix : Je propose une consultation.") in alice
    assert "Votre choix : J'accepte." in bruno and "Le scénario s'est arrêté ici" in bruno
    assert "Question 1 1 / 1 point(s)" in alice and "Question 2 1 / 2 point(s)" in bruno
    assert "Question 3 — Une demande d'ami 0 / 3 point(s)" in bruno


def test_each_question_ends_with_its_explanation_readable_as_prose(graded):
    course, _ = graded
    document = page(course, "bruno")
    for explanation in ("LinkedIn est orienté vers la carrière.", "Esanum et MedPics visent les soignants.",
                        "Le cadre de la consultation protège les deux parties."):
        assert re.search(r'<div class="explication"><p>' + re.escape(explanation) + "</p>", document)
    assert "<pre" not in document and "white-space: pre" not in document  # never a monospace line cut at the edge


def test_a_written_answer_shows_the_learners_text_and_the_graders_comment(graded):
    course, _ = graded
    alice = page(course, "alice")
    assert "Je vous propose <strong>une consultation</strong>" in alice  # their Markdown, inert but formatted
    assert COMMENT in read(course, "alice")
    assert "Question 4 (réponse rédigée) 2 / 2 point(s)" in read(course, "alice")
    bruno = read(course, "bruno")
    assert "Vous n'avez pas rédigé de réponse." in bruno
    assert "Question 4 (réponse rédigée) 0 / 2 point(s)" in bruno


def test_the_page_holds_no_code_no_prompt_no_cell_label_and_no_english_heading(graded):
    course, _ = graded
    for student in CLICKS:
        document = page(course, student)
        for trace in NBGRADER_PAGE + ("<script", "<code", "cours-reponses", "quiz-09.reponses.json", '"answers"',
                                      "essai-", "etape-", "fin-"):
            assert trace not in document, f"{student} : {trace!r}"


def test_no_key_reaches_the_page(graded):
    """Never an option's or a choice's feedback, an ending, a right answer flag, nor the rubric of a written
    question or what it expects: only the explanation, which is what feedback is for."""
    course, _ = graded
    keys = json.loads((course / "cles" / f"{ASSIGNMENT}.json").read_text(encoding="utf-8"))["items"]
    secrets = ["Grille de correction", "&quot;correct&quot;", '"correct"', keys["essai-ouverte"]["explanation"]]
    secrets += [criterion["text"] for criterion in keys["essai-ouverte"]["rubric"]]
    for key in keys.values():
        secrets += [option["feedback"] for option in key.get("options", [])]
        secrets += [choice["feedback"] for step in key.get("steps", []) for choice in step["choices"]]
        secrets += [ending["text"] for ending in key.get("endings", [])]
    for student in CLICKS:
        text = html.unescape(page(course, student))
        assert not [secret for secret in secrets if html.unescape(secret) in text], student


def test_the_page_follows_french_typography(graded):
    """Everything but the learner's own written answer, shown as they typed it."""
    from test_french_typography import typography_problems

    course, _ = graded
    for student in CLICKS:
        document = re.sub(r'<div class="cours-reponse-redigee">.*?</div>', " ", page(course, student), flags=re.S)
        assert not typography_problems(shown_text(document)), student


def test_the_formgraders_generate_feedback_writes_the_same_page(graded):
    """The formgrader's « Generate Feedback » goes through NbGraderAPI, which sets nbgrader's own template: the
    course's page comes out all the same."""
    course, _ = graded
    before = page(course, "bruno")
    script = ("from nbgrader.apps import NbGraderAPI\nfrom nbgrader.apps.baseapp import NbGrader\n"
              "app = NbGrader()\napp.initialize([])\n"
              f"api = NbGraderAPI(coursedir=app.coursedir, parent=app)\n"
              f"result = api.generate_feedback({ASSIGNMENT!r}, 'bruno', force=True)\n"
              "assert result['success'], result\n")
    subprocess.run([sys.executable, "-c", script], cwd=course, check=True, capture_output=True, text=True)
    assert page(course, "bruno") == before


def test_submitting_from_a_folder_jupyterlab_worked_in_is_silent(graded):
    """JupyterLab keeps a checkpoint of each notebook in .ipynb_checkpoints/, which nbgrader never hands in. With
    nbgrader's settings alone, every submission warns of it as an « EXTRA » notebook and of a missing
    nbgrader_config.py; with the learner's settings (course/learner/lab_config/), submitting says nothing."""
    _, said = graded
    for student, output in said.items():
        assert "EXTRA" in output["sans"] and "No nbgrader_config.py" in output["sans"]  # the check can fail
        assert "WARNING" not in output["apprenant"], output["apprenant"]


def test_a_missing_notebook_is_still_reported_to_the_learner(tmp_path):
    """Leaving out checkpoints leaves nbgrader's check itself in place: a renamed notebook is reported."""
    course, exchange = create_course(tmp_path), make_exchange(tmp_path)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=course)
    nbgrader("release_assignment", ASSIGNMENT, f"--Exchange.root={exchange}", cwd=course)
    home = tmp_path / "apprenant"
    home.mkdir()
    nbgrader("fetch_assignment", ASSIGNMENT, f"--course={COURSE_ID}", f"--Exchange.root={exchange}", cwd=home)
    (home / ASSIGNMENT / NOTEBOOK).rename(home / ASSIGNMENT / "copie.ipynb")
    output = submit(home, "zoe", exchange, learner_config=True)
    output = output.replace("\u00a0", " ")
    assert "manquant(s) : quiz-09.ipynb" in output and "en plus : copie.ipynb" in output


def test_the_written_answer_cell_says_in_french_how_to_type_the_answer(graded):
    course, _ = graded
    document = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    cells = {cell.metadata["nbgrader"]["grade_id"]: cell for cell in document.cells}
    statement = cells["essai-ouverte-enonce"].source.replace("\u00a0", " ")
    assert ("**Pour répondre :** double-cliquez sur la phrase « Rédigez votre réponse ici. » juste en dessous"
            in statement)
    answer = cells["essai-ouverte"]
    assert answer.cell_type == "markdown" and answer.source == "Rédigez votre réponse ici."
    assert answer.metadata["nbgrader"]["solution"] and answer.metadata.get("editable", True)

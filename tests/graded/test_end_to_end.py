"""An instructor releases a graded quiz; learners answer by clicking; nbgrader grades exactly those clicks."""

from __future__ import annotations

import csv
import json

import pytest

from .conftest import ASSIGNMENT, COURSE_ID, create_course, drive_notebook, make_exchange, nbgrader, released, run

NOTEBOOK = f"{ASSIGNMENT}.ipynb"
ANSWERS = f"{ASSIGNMENT}.reponses.json"

# What each learner clicks, by the bank's ids (released() turns them into the notebook's neutral letters):
# single a = LinkedIn (right), b = Snapchat; multiple esanum and medpics right, pinterest wrong; scenario: refuse
# (2 pts) or accept, then offer a consultation (2 pts) or answer the question. Points: 1 + 2 + 3 (+ 2 by hand).
LEARNERS = {
    "alice": (released({"essai-single": "a", "essai-multiple": ["esanum", "medpics"],
                        "essai-scenario": ["refuser", "rediriger"]}), 6.0),
    "bruno": (released({"essai-single": "b", "essai-multiple": ["esanum"],
                        "essai-scenario": ["accepter", "rediriger"]}), 2.5),
    "chloe": (released({"essai-multiple": ["esanum", "pinterest"], "essai-scenario": ["refuser"]}), 1.5),  # unfinished
    "damien": ({}, 0.0),  # opens the notebook, clicks nothing
    "eve": ({}, 0.0),  # writes an answer that carries scripts
    "fanny": ({}, 0.0),  # writes an answer, then turns its cell into a code cell by mistake
}
HOSTILE = ("Je propose une consultation. <script>document.title='pirate'</script>"
           "<img src=x onerror=\"document.title='pirate'\"> [voir](javascript:document.title='pirate') "
           "<a href=\"javascript:alert(1)\">lien</a>")
WRITTEN = {"alice": {"essai-ouverte": "Je vous propose d'en parler en consultation."},
           "eve": {"essai-ouverte": HOSTILE},
           "fanny": {"essai-ouverte": "Une consultation, pas un avis en message privé."}}


def convert_answer_to_code(folder, grade_id: str) -> None:
    """What one key press (« Y ») does in JupyterLab to the selected Markdown cell."""
    import nbformat

    document = nbformat.read(folder / NOTEBOOK, as_version=4)
    for index, cell in enumerate(document.cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            document.cells[index] = nbformat.v4.new_code_cell(cell.source, metadata=cell.metadata)
    nbformat.write(document, folder / NOTEBOOK)


@pytest.fixture(scope="module")
def graded_cohort(tmp_path_factory):
    """The whole flow with the real nbgrader CLI: generate, release, fetch, click, submit, collect, autograde."""
    tmp_path = tmp_path_factory.mktemp("cohorte")
    course_dir, exchange = create_course(tmp_path), make_exchange(tmp_path)
    exchange_flag = f"--Exchange.root={exchange}"
    for student in LEARNERS:
        nbgrader("db", "student", "add", student, cwd=course_dir)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=course_dir)
    nbgrader("release_assignment", ASSIGNMENT, exchange_flag, cwd=course_dir)
    for student, (clicks, _) in LEARNERS.items():
        home = tmp_path / "apprenants" / student
        home.mkdir(parents=True)
        nbgrader("fetch_assignment", ASSIGNMENT, f"--course={COURSE_ID}", exchange_flag, cwd=home)
        drive_notebook(home / ASSIGNMENT, NOTEBOOK, clicks, WRITTEN.get(student, {}))
        if student == "fanny":
            convert_answer_to_code(home / ASSIGNMENT, "essai-ouverte")
        nbgrader("submit", ASSIGNMENT, f"--course={COURSE_ID}", f"--student={student}", exchange_flag, cwd=home)
    nbgrader("collect", ASSIGNMENT, exchange_flag, "--CollectApp.check_owner=False", cwd=course_dir)
    nbgrader("autograde", ASSIGNMENT, cwd=course_dir)
    return course_dir


def exported_scores(course_dir) -> dict[str, float]:
    nbgrader("export", "--to=notes.csv", cwd=course_dir)
    with (course_dir / "notes.csv").open(encoding="utf-8") as handle:
        return {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}


def test_the_release_holds_questions_and_no_key(graded_cohort):
    course_dir = graded_cohort
    released = sorted(path.name for path in (course_dir / "release" / ASSIGNMENT).iterdir())
    assert released == [NOTEBOOK]  # no answers file, no key beside the notebook
    text = (course_dir / "release" / ASSIGNMENT / NOTEBOOK).read_text(encoding="utf-8")
    assert "LinkedIn" in text and "Je propose une consultation." in text  # the questions are there
    for secret in ("'correct'", "'feedback'", "'score'", "'explanation'", "'rubric'", "Il met en avant le parcours", "Vous gardez la bonne distance",
                   "Vous avez protégé la relation de soin", "rediriger", "refuser", "esanum",
                   "LinkedIn est orienté vers la carrière", "Propose une consultation.", "fin-sure"):
        assert secret not in text, f"fuite dans le devoir distribué : {secret!r}"
    assert not (course_dir / "source" / ASSIGNMENT / ANSWERS).exists()


def test_clicked_answers_are_what_autograde_grades(graded_cohort):
    assert exported_scores(graded_cohort) == {student: score for student, (_, score) in LEARNERS.items()}


def test_a_learner_with_no_click_has_no_answers_file_and_scores_zero(graded_cohort):
    submitted = graded_cohort / "submitted"
    assert not (submitted / "damien" / ASSIGNMENT / ANSWERS).exists()
    recorded = json.loads((submitted / "alice" / ASSIGNMENT / ANSWERS).read_text(encoding="utf-8"))
    assert recorded["answers"]["essai-scenario"] == LEARNERS["alice"][0]["essai-scenario"]


def test_open_answers_wait_for_a_grader_who_sees_the_rubric(graded_cohort):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded_cohort / 'gradebook.db'}", COURSE_ID) as gradebook:
        written = gradebook.find_grade("essai-ouverte", ASSIGNMENT, ASSIGNMENT, "alice")
        assert written.needs_manual_grade and written.max_score == 2
        untouched = gradebook.find_grade("essai-ouverte", ASSIGNMENT, ASSIGNMENT, "bruno")
        assert not untouched.needs_manual_grade and untouched.score == 0  # an unchanged cell scores 0
    autograded = (graded_cohort / "autograded" / "alice" / ASSIGNMENT / NOTEBOOK).read_text(encoding="utf-8")
    assert "Grille de correction" in autograded and "Propose une consultation." in autograded


def test_written_answers_reach_grader_and_learner_inert_and_a_converted_cell_is_kept(graded_cohort):
    from nbgrader.api import Gradebook

    nbgrader("generate_feedback", ASSIGNMENT, cwd=graded_cohort)
    for page in (graded_cohort / "autograded" / "eve" / ASSIGNMENT / NOTEBOOK,
                 graded_cohort / "feedback" / "eve" / ASSIGNMENT / f"{ASSIGNMENT}.html"):
        text = page.read_text(encoding="utf-8")
        assert "Je propose une consultation." in text
        for active in ("<script>document", "onerror=", 'href="javascript'):
            assert active not in text, f"{page.name} : {active}"
    fanny = (graded_cohort / "autograded" / "fanny" / ASSIGNMENT / NOTEBOOK).read_text(encoding="utf-8")
    assert "Une consultation, pas un avis en message privé." in fanny
    with Gradebook(f"sqlite:///{graded_cohort / 'gradebook.db'}", COURSE_ID) as gradebook:
        assert gradebook.find_grade("essai-ouverte", ASSIGNMENT, ASSIGNMENT, "fanny").needs_manual_grade


def test_feedback_explains_without_giving_the_key(graded_cohort):
    nbgrader("generate_feedback", ASSIGNMENT, cwd=graded_cohort)
    html = (graded_cohort / "feedback" / "bruno" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    assert "LinkedIn est orienté vers la carrière" in html  # the explanation of each question
    assert "0 / 1 point(s)" in html
    for secret in ("Grille de correction", "Propose une consultation.", "Il met en avant le parcours",
                   "Vous gardez la bonne distance", "&quot;correct&quot;", "fin-sure"):
        assert secret not in html, f"fuite dans le retour : {secret!r}"


def test_rerunning_the_notebook_shows_recorded_answers_and_keeps_them(graded_cohort, tmp_path):
    from course.graded import learner

    folder = tmp_path / "relance"
    run(["cp", "-r", str(graded_cohort / "release" / ASSIGNMENT), str(folder)], cwd=tmp_path)
    clicks = released({"essai-single": "b", "essai-scenario": ["accepter"]})
    drive_notebook(folder, NOTEBOOK, clicks)
    before = (folder / ANSWERS).read_text(encoding="utf-8")
    drive_notebook(folder, NOTEBOOK, {})  # a re-run: rendering writes nothing
    assert (folder / ANSWERS).read_text(encoding="utf-8") == before
    shown = {getattr(w, "question", getattr(w, "scenario", None)).id: w for w in learner.DISPLAYED}
    assert shown["essai-single"].answer == clicks["essai-single"]
    assert "Réponse enregistrée." in shown["essai-single"].feedback
    assert shown["essai-scenario"].path == clicks["essai-scenario"]


def test_a_hand_grade_of_an_open_answer_reaches_the_export(graded_cohort):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded_cohort / 'gradebook.db'}", COURSE_ID) as gradebook:
        grade = gradebook.find_grade("essai-ouverte", ASSIGNMENT, ASSIGNMENT, "alice")
        grade.manual_score = 2  # what the formgrader stores when the grader enters a score
        gradebook.db.commit()
    assert exported_scores(graded_cohort)["alice"] == 8.0

"""A real click in JupyterLab survives autograde; the instructor sees the assignment in formgrader."""

from __future__ import annotations

import csv

import pytest

from tests_graded_helpers import ASSIGNMENT, COURSE_ID, create_course, make_exchange, nbgrader

from .conftest import Screenshots, click_graded_answers, new_page, open_notebook, run_all, save, start_lab, stop_lab

LEARNER = "lea"
# What Léa clicks in the released notebook, and what it is worth: single right (1), multiple with one
# of its two right options (1 of 2), scenario on its best path (3 of 3).
CLICKS = [("essai-single", ["LinkedIn"]), ("essai-multiple", ["Esanum"]),
          ("essai-scenario", ["Je refuse poliment.", "Je propose une consultation."])]
EXPECTED = 5.0


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    folder = tmp_path_factory.mktemp("graded")
    course, exchange = create_course(folder), make_exchange(folder)
    nbgrader("db", "student", "add", LEARNER, cwd=course)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=course)
    nbgrader("release_assignment", ASSIGNMENT, f"--Exchange.root={exchange}", cwd=course)
    home = folder / LEARNER
    home.mkdir()
    nbgrader("fetch_assignment", ASSIGNMENT, f"--course={COURSE_ID}", f"--Exchange.root={exchange}", cwd=home)
    return course, exchange, home, folder


@pytest.fixture(scope="module")
def clicked(browser, released, tmp_path_factory):
    """Léa answers in her own JupyterLab, by clicking, and saves."""
    course, exchange, home, _ = released
    lab = start_lab(home, tmp_path_factory.mktemp("jupyter-lea"))
    page = new_page(browser)
    shots = Screenshots("evaluation")
    try:
        open_notebook(page, lab, f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        run_all(page)
        click_graded_answers(page, CLICKS, after_each=lambda item_id: shots.take(page, item_id))
        save(page)
        text = page.locator(".jp-Notebook").inner_text()
    finally:
        page.context.close()
        stop_lab(lab)
    return text


def test_the_learner_never_sees_right_or_wrong(clicked):
    for verdict in ("Bonne réponse", "Réponse incorrecte", "partiellement", "Score du parcours"):
        assert verdict not in clicked


def test_a_real_click_is_what_autograde_grades(clicked, released):
    course, exchange, home, _ = released
    nbgrader("submit", ASSIGNMENT, f"--course={COURSE_ID}", f"--student={LEARNER}", f"--Exchange.root={exchange}",
             cwd=home)
    nbgrader("collect", ASSIGNMENT, f"--Exchange.root={exchange}", "--CollectApp.check_owner=False", cwd=course)
    nbgrader("autograde", ASSIGNMENT, cwd=course)
    nbgrader("export", "--to=notes.csv", cwd=course)
    with (course / "notes.csv").open(encoding="utf-8") as handle:
        scores = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(handle)}
    assert scores == {LEARNER: EXPECTED}


def test_formgrader_lists_the_assignment_and_the_graded_submission(browser, released, tmp_path_factory):
    course = released[0]
    if not (course / "autograded" / LEARNER).exists():
        pytest.skip("dépend de la correction du test précédent")
    lab = start_lab(course, tmp_path_factory.mktemp("jupyter-formateur"), cwd=course)
    page = new_page(browser)
    shots = Screenshots("formateur")
    try:
        page.goto(lab.address("formgrader"))
        page.get_by_text(ASSIGNMENT).first.wait_for()
        shots.take(page, "devoirs")
        page.goto(lab.address(f"formgrader/gradebook/{ASSIGNMENT}/{ASSIGNMENT}"))
        # Formgrader lists copies anonymously (« Submission #1 ») until the names are revealed.
        page.get_by_role("link", name="Submission #1", exact=True).wait_for()
        page.locator("#toggle_names").click()
        name = page.get_by_role("link", name=LEARNER, exact=True)
        name.wait_for()
        shots.take(page, "copies")
        assert name.count() == 1
    finally:
        page.context.close()
        stop_lab(lab)


# A written answer that would run code in whatever page shows it (formgrader is the instructor's origin).
HOSTILE = ("Je propose une consultation. <script>window.pirate = 1; document.title = 'pirate'</script>"
           "<img src=x onerror=\"window.pirate = 1; document.title = 'pirate'\"> "
           "[voir](javascript:window.pirate=1) <a href=\"javascript:window.pirate=1\">lien</a> "
           "<svg onload=\"window.pirate = 1\"></svg>")


def test_no_learner_script_runs_in_formgrader_nor_in_the_feedback(browser, released, tmp_path_factory):
    """Léa's written answer carries scripts, event handlers and javascript: links. In Chromium, on the
    instructor's formgrader page of her copy and on her feedback page, nothing of it runs, even when the
    links are clicked; her text is still there to read."""
    import nbformat
    from nbgrader.api import Gradebook

    course = released[0]
    submitted = course / "submitted" / LEARNER / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    if not submitted.exists():
        pytest.skip("dépend de la remise du test précédent")
    document = nbformat.read(submitted, as_version=4)
    [answer] = [cell for cell in document.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "essai-ouverte"]
    answer.source = HOSTILE
    nbformat.write(document, submitted)
    nbgrader("autograde", ASSIGNMENT, "--force", f"--student={LEARNER}", cwd=course)
    nbgrader("generate_feedback", ASSIGNMENT, "--force", f"--student={LEARNER}", cwd=course)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gradebook:
        notebook_id = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, LEARNER).id
    feedback = course / "feedback" / LEARNER / ASSIGNMENT / f"{ASSIGNMENT}.html"
    lab = start_lab(course, tmp_path_factory.mktemp("jupyter-formateur-xss"), cwd=course)
    shots = Screenshots("reponse-hostile")
    try:
        for name, address in (("formgrader", lab.address(f"formgrader/submissions/{notebook_id}/")),
                              ("retour", feedback.as_uri())):
            page = new_page(browser)
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            try:
                page.goto(address)
                page.get_by_text("Je propose une consultation.").first.wait_for()
                for link in page.get_by_text("voir").all() + page.get_by_text("lien", exact=True).all():
                    link.click(timeout=5_000)
                page.wait_for_timeout(500)
                shots.take(page, name)
                assert page.evaluate("window.pirate") is None, name
                assert page.title() != "pirate" and not dialogs, name
            finally:
                page.context.close()
    finally:
        stop_lab(lab)

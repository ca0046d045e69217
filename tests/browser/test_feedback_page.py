"""A learner answers a graded quiz in her JupyterLab, types her written answer as the notebook tells her, submits
without a warning; once graded by hand, her feedback page reads in Chromium like a course document."""

from __future__ import annotations

import getpass
import json
import re
import urllib.parse
import urllib.request

import pytest

from course.graded.prepare.build import ANSWER_STUB, feedback_config
from tests_graded_helpers import ASSIGNMENT, COURSE_ID, create_course, make_exchange, nbgrader

from .conftest import (ARTIFACTS, Screenshots, click_graded_answers, new_page, open_notebook, run_all, save,
                       start_lab, stop_lab)

# nbgrader's submit from JupyterLab hands in under the name of the account the server runs as.
LEARNER = getpass.getuser()
CLICKS = [("essai-single", ["LinkedIn"]), ("essai-multiple", ["Esanum"]),
          ("essai-scenario", ["Je refuse poliment.", "Je propose une consultation."])]
TYPED = "Je vous propose d'en parler lors d'une consultation, pas par message."
COMMENT = "Réponse juste : la consultation est le bon cadre, et vous restez courtoise."
EXPECTED = "Note : 7 / 8 point(s)"  # 1 + 1 (one right box of two) + 3 + 2 for the written answer


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course with the feedback page, its quiz released and fetched into the learner's home."""
    folder = tmp_path_factory.mktemp("retour-navigateur")
    root, exchange = create_course(folder), make_exchange(folder)
    settings = root / "nbgrader_config.py"
    if feedback_config() not in settings.read_text(encoding="utf-8"):  # until nbgrader_config() writes it itself
        settings.write_text(settings.read_text(encoding="utf-8") + "\n" + feedback_config(), encoding="utf-8")
    nbgrader("db", "student", "add", LEARNER, cwd=root)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    nbgrader("release_assignment", ASSIGNMENT, f"--Exchange.root={exchange}", cwd=root)
    home = folder / "apprenante"
    home.mkdir()
    nbgrader("fetch_assignment", ASSIGNMENT, f"--course={COURSE_ID}", f"--Exchange.root={exchange}", cwd=home)
    return root, exchange, home


def site_settings(state, exchange) -> None:
    """The site's nbgrader settings, in the learner's Jupyter folder, as the hub writes them: course and exchange."""
    folder = state / "jupyter_config_dir"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\nc.Exchange.root = {str(exchange)!r}\n")


def submit_from_jupyterlab(lab) -> dict:
    """What the assignment list's « Submit » button sends to the learner's server."""
    body = urllib.parse.urlencode({"course_id": COURSE_ID, "assignment_id": ASSIGNMENT}).encode()
    request = urllib.request.Request(f"{lab.url}/assignments/submit", data=body, method="POST",
                                     headers={"Authorization": f"token {lab.token}"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def submitted(browser, course, tmp_path_factory):
    """The learner clicks her answers, types her written answer (double-click, type, Maj+Entrée), saves and
    submits from her JupyterLab. Returns what the notebook showed and the server's log of the submission."""
    root, exchange, home = course
    state = tmp_path_factory.mktemp("jupyter-apprenante")
    site_settings(state, exchange)
    lab = start_lab(home, state)
    page = new_page(browser)
    shots = Screenshots("retour")
    try:
        open_notebook(page, lab, f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb")
        run_all(page)
        click_graded_answers(page, CLICKS)
        how = page.locator(".jp-MarkdownCell", has_text="Pour répondre").inner_text()
        # The answer cell as shown (rendered), not the statement quoting its sentence nor its hidden editor.
        stub = page.locator(".jp-MarkdownCell .jp-RenderedMarkdown p",
                            has_text=re.compile(f"^{re.escape(ANSWER_STUB)}$"))
        stub.scroll_into_view_if_needed()
        stub.dblclick()
        editor = page.locator(".jp-MarkdownCell.jp-mod-active .cm-content")
        editor.click()  # the typing cursor in the box that opened
        page.wait_for_function("document.activeElement?.classList.contains('cm-content')")
        page.keyboard.press("Control+a")
        page.keyboard.type(TYPED)
        shots.take(page, "reponse-tapee")
        page.keyboard.press("Shift+Enter")
        page.locator(".jp-MarkdownCell .jp-RenderedMarkdown p", has_text=TYPED).wait_for()  # shown again, rendered
        shots.take(page, "reponse-affichee")
        save(page)
        log_before = lab.log.read_text(errors="replace")
        result = submit_from_jupyterlab(lab)
        log = lab.log.read_text(errors="replace")[len(log_before):]
    finally:
        page.context.close()
        stop_lab(lab)
    return {"how": how, "result": result, "log": log}


def test_the_statement_says_in_french_how_to_type_the_answer(submitted):
    how = submitted["how"].replace("\u00a0", " ")
    assert "double-cliquez sur la phrase « Rédigez votre réponse ici. »" in how and "Maj+Entrée" in how


def test_submitting_from_jupyterlab_says_nothing_of_its_checkpoints(submitted, course):
    _, _, home = course
    assert (home / ASSIGNMENT / ".ipynb_checkpoints").is_dir()  # JupyterLab made its checkpoint: the case at hand
    assert submitted["result"].get("success", True), submitted["result"]
    for warning in ("EXTRA", "extra notebooks", "en plus", "No nbgrader_config.py"):
        assert warning not in submitted["log"], submitted["log"]


@pytest.fixture(scope="module")
def feedback(submitted, course):
    """The instructor collects and autogrades; the typed answer waits for a grader, who scores and comments it;
    then nbgrader writes the feedback."""
    from nbgrader.api import Gradebook

    root, exchange, _ = course
    nbgrader("collect", ASSIGNMENT, f"--Exchange.root={exchange}", "--CollectApp.check_owner=False", cwd=root)
    nbgrader("autograde", ASSIGNMENT, cwd=root)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", COURSE_ID) as gradebook:
        grade = gradebook.find_grade("essai-ouverte", ASSIGNMENT, ASSIGNMENT, LEARNER)
        waited = grade.needs_manual_grade
        grade.manual_score, grade.needs_manual_grade = 2, False  # what the formgrader stores
        gradebook.find_comment("essai-ouverte", ASSIGNMENT, ASSIGNMENT, LEARNER).manual_comment = COMMENT
        gradebook.db.commit()
    nbgrader("generate_feedback", ASSIGNMENT, cwd=root)
    return root / "feedback" / LEARNER / ASSIGNMENT / f"{ASSIGNMENT}.html", waited


def test_the_typed_answer_is_graded_by_hand(feedback):
    _, waited = feedback
    assert waited


def test_the_learner_reads_her_feedback_like_a_course_document(browser, feedback):
    path, _ = feedback
    page = new_page(browser)
    try:
        page.goto(path.as_uri())
        page.get_by_text(TYPED).wait_for()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "retour-apprenant.png"), full_page=True)
        text = re.sub(r"[ \u00a0\u202f]+", " ", page.locator("body").inner_text())
        title = page.title()
    finally:
        page.context.close()
    assert title.startswith("Votre retour")
    assert EXPECTED in text
    assert "votre réponse\nlinkedin" in text.lower()  # (headings are shown in capitals)
    for seen in ("Quel réseau est le plus « carrière » ?", "Esanum",
                 "Votre choix : Je refuse poliment.", "Votre choix : Je propose une consultation.",
                 "LinkedIn est orienté vers la carrière.", "Le cadre de la consultation protège les deux parties.",
                 "Un patient vous écrit en message privé pour un avis.", TYPED, COMMENT,
                 "Question 4 (réponse rédigée)\n2 / 2 point(s)"):
        assert seen in text, seen
    for unseen in ("show_graded", "In [", "Out[", "Grade cell", "Test cell", "Written response", "Student's answer",
                   "Score:", "Grille de correction", "Propose une consultation.", "essai-"):
        assert unseen not in text, unseen

"""The cohort report: values on a four-learner cohort, computed by hand below. Four learners are too few for a
discrimination index or an alpha: the report says so, and the hand-computed values are checked on the same four
learners thirteen times over (52 learners: the correlations, and alpha, do not change when every learner is
repeated)."""

from __future__ import annotations

import csv
import json
import sys

import pytest

from .conftest import ASSIGNMENT, create_course, nbgrader, released, run
from .test_bad_submissions import submit_cases


def answers(**chosen) -> str:
    """An answers file, from the bank's ids to the released letters."""
    return json.dumps({"format": "cours-reponses", "version": 1, "answers": released({
        f"essai-{item}": value for item, value in chosen.items()})})


# single (1 pt) a right, b wrong; multiple (2 pts) esanum, medpics right, pinterest wrong; scenario (3 pts),
# best path refuser → rediriger (4 of 4), accepter → rediriger 2 of 4.
COHORT = {
    "alice": (answers(single="a", multiple=["esanum", "medpics"], scenario=["refuser", "rediriger"]), None, None),  # 6
    "bruno": (answers(single="b", multiple=["esanum"], scenario=["accepter", "rediriger"]), None, None),  # 0 + 1 + 1,5
    "chloe": (answers(multiple=["esanum", "pinterest"], scenario=["refuser"]), None, None),  # 0 + 0 + 1,5 = 1,5
    "damien": (None, None, None),                                                            # 0
}
REPEATS = 13  # 4 × 13 = 52 learners, above MIN_LEARNERS_FOR_ITEM_STATISTICS


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from course.graded.report.analysis import cohort_report

    root = create_course(tmp_path_factory.mktemp("rapport"))
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    submit_cases(root, COHORT)
    nbgrader("autograde", ASSIGNMENT, cwd=root)
    return root, cohort_report(root, ASSIGNMENT)


def test_scores_per_learner(report):
    _, result = report
    assert result.totals == {"alice": 6.0, "bruno": 2.5, "chloe": 1.5, "damien": 0.0}
    assert result.scores["bruno"] == {"essai-single": 0.0, "essai-multiple": 1.0, "essai-scenario": 1.5}


def test_facility_index_is_the_mean_score_over_the_maximum(report):
    _, result = report
    facility = {item.item_id: round(item.facility, 2) for item in result.items}
    # single: 1/4 of 1 point; multiple: (2 + 1 + 0 + 0)/4 = 0,75 of 2; scenario: (3 + 1,5 + 1,5 + 0)/4 = 1,5 of 3.
    assert facility == {"essai-single": 25.0, "essai-multiple": 37.5, "essai-scenario": 50.0}


def repeated(root, result):
    """The item analysis of the same four learners, each one REPEATS times over."""
    from course.graded.report.analysis import item_statistics
    from course.graded.prepare.answers import read_answers
    from course.graded.prepare.keys import KEYS_DIR, read_keys

    copies = [(f"{learner}-{n}", learner) for learner in result.scores for n in range(REPEATS)]
    answers = {learner: read_answers(root / "submitted" / learner / ASSIGNMENT / f"{ASSIGNMENT}.reponses.json")[0]
               for learner in result.scores}
    return item_statistics(read_keys(root / KEYS_DIR, ASSIGNMENT), {copy: result.scores[learner] for copy, learner in copies},
                           {copy: answers[learner] for copy, learner in copies})


def test_discrimination_index_correlates_an_item_with_the_rest_of_the_test(report):
    root, result = report
    assert all(item.discrimination is None for item in result.items)  # four learners: not computed
    single = next(item for item in repeated(root, result) if item.item_id == "essai-single")
    # scores [1, 0, 0, 0] against rest of test [5, 2.5, 1.5, 0]: Σdxdy = 2.75, Σdx² = 0.75, Σdy² = 13.25,
    # r = 2.75 / √(0.75 × 13.25) = 0.8724.
    assert single.discrimination == pytest.approx(87.24, abs=0.01)
    assert single.facility == 25.0


def test_cronbach_alpha(report):
    from course.graded.report.analysis import cronbach_alpha

    _, result = report
    assert result.alpha is None  # four learners: not computed, and the report says why
    columns = [[result.scores[learner][item] for learner in sorted(result.scores) for _ in range(REPEATS)]
               for item in ("essai-single", "essai-multiple", "essai-scenario")]
    # sample variances: items 0.25, 0.91667, 1.5; totals [6, 2.5, 1.5, 0] → 6.5;
    # α = 3/2 × (1 − 2.66667/6.5) = 0.8846 (the same with every learner repeated: each variance scales alike).
    assert cronbach_alpha(columns) == pytest.approx(0.8846, abs=0.0001)


def test_a_small_cohort_is_told_why_it_gets_no_discrimination_index_nor_alpha(report):
    _, result = report
    [warning] = [text for text in result.warnings if "trop petite" in text]
    for said in ("cohorte de 4\u00a0apprenant(s)", "à partir de 50\u00a0apprenants", "±29\u00a0points à 50\u00a0apprenants",
                 "avec 4, plus que toute l'échelle, de −100 à 100", "30\u00a0points"):
        assert said.replace("\u00a0", " ") in warning.replace("\u00a0", " "), said


def test_options_chosen_and_scenario_paths_taken_are_shown_by_their_words(report):
    _, result = report
    choices = {item.item_id: item.choices for item in result.items}
    # Every option by its words, right ones marked, in the order the released notebook showed them; then no answer.
    assert choices["essai-single"] == {"LinkedIn (bonne réponse)": 25.0, "Snapchat": 25.0, "(sans réponse)": 50.0}
    assert list(choices["essai-multiple"])[-1] == "(sans réponse)"
    assert choices["essai-multiple"] == {"Esanum (bonne réponse)": 75.0, "MedPics (bonne réponse)": 25.0,
                                         "Pinterest": 25.0, "(sans réponse)": 25.0}
    # Scenario paths, choice after choice; chloé stopped after her first choice.
    assert choices["essai-scenario"] == {"J'accepte → Je propose une consultation": 25.0,
                                         "Je refuse poliment → (parcours non terminé)": 25.0,
                                         "Je refuse poliment → Je propose une consultation": 25.0,
                                         "(sans réponse)": 25.0}


def test_the_command_writes_csv_exports_a_moodle_import_and_charts(report, tmp_path):
    root, _ = report
    result = run([sys.executable, "-m", "course", "nbgrader", "rapport", ASSIGNMENT, "--sortie", str(tmp_path)],
                 cwd=root)
    assert "alpha de Cronbach\u00a0: —" in result.stdout  # four learners: no alpha
    with (tmp_path / f"{ASSIGNMENT}-moodle.csv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Numéro d'identification", ASSIGNMENT, "Réponses rédigées"]
    assert ["bruno", "2.50", "comptées dans ce total"] in rows  # nobody wrote anything: nothing waits
    with (tmp_path / f"{ASSIGNMENT}-analyse-par-question.csv").open(encoding="utf-8") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert ["essai-single", "choix unique", "1,00", "25,00", "non calculé"] == lines[1][:5]
    assert "LinkedIn (bonne réponse)\u00a0: 25\u00a0%" in lines[1][5]
    assert lines[5] == ["alpha de Cronbach (questions autocorrigées)", "non calculé (moins de 50 apprenants)"]
    assert "trop petite pour l'analyse des questions" in lines[6][0]
    assert (tmp_path / f"{ASSIGNMENT}-repartition-des-notes.png").stat().st_size > 1000
    assert (tmp_path / f"{ASSIGNMENT}-facilite-discrimination.png").stat().st_size > 1000


def test_attestations_for_learners_above_the_pass_mark_with_an_id_the_cli_verifies(report, tmp_path):
    root, _ = report
    run([sys.executable, "-m", "course", "nbgrader", "attestations", ASSIGNMENT, "--seuil", "60",
                "--organisme", "Organisme Essai Santé", "--sortie", str(tmp_path)], cwd=root)
    assert sorted(path.name for path in tmp_path.glob("*.html")) == ["alice.html"]  # 6/8 = 75 %; bruno 31 %
    page = (tmp_path / "alice.html").read_text(encoding="utf-8")
    identifier = page.split('class="id">')[1].split("<")[0]
    for expected in ("Attestation de formation", "alice", "Réseaux sociaux et professionnels de santé",
                     "6 / 8", "75\u00a0%", "Organisme Essai Santé", identifier,
                     # nothing was recorded for this learner: said so, not made up, and never read as her name
                     "<strong>alice</strong> a suivi", "<strong>Profession\u00a0:</strong> non déclarée par l’apprenant.",
                     "Aucun temps déclaré", "non enregistrées", "test final\nnon passé"):
        assert expected in page, expected
    assert "0 min" not in page and "(non déclarée" not in page
    verified = run([sys.executable, "-m", "course", "nbgrader", "verifier-attestation", ASSIGNMENT, identifier],
                   cwd=root)
    assert verified.returncode == 0 and "Valide\u00a0: alice (alice)" in verified.stdout
    forged = identifier[:-1] + ("0" if identifier[-1] != "0" else "1")
    refused = run([sys.executable, "-m", "course", "nbgrader", "verifier-attestation", ASSIGNMENT, forged],
                  cwd=root, check=False)
    assert refused.returncode == 1 and "non valide" in refused.stderr


def test_an_attestation_no_longer_verifies_once_the_grade_changed(report):
    from nbgrader.api import Gradebook

    from course.graded.certify.attestation import attestations, verify

    root, _ = report
    [alice] = [item for item in attestations(root, ASSIGNMENT, 60)[0] if item.student == "alice"]
    assert verify(root, ASSIGNMENT, alice.identifier).student == "alice"
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "essai-cours") as gradebook:
        grade = gradebook.find_grade("essai-ouverte", ASSIGNMENT, ASSIGNMENT, "alice")
        before, grade.manual_score = grade.manual_score, 1
        gradebook.db.commit()
        try:
            assert verify(root, ASSIGNMENT, alice.identifier) is None
        finally:  # the other tests of this module read the hand-computed grades
            grade.manual_score = before
            gradebook.db.commit()


def run_instructor_notebook(folder, tmp_path, assignment: str = ASSIGNMENT) -> str:
    """Run formateur/rapport_de_cohorte.ipynb in a fresh kernel on `folder`; return its HTML output."""
    import os
    from pathlib import Path

    import nbformat
    from nbclient import NotebookClient

    path = Path(__file__).resolve().parents[2] / "formateur" / "rapport_de_cohorte.ipynb"
    notebook = nbformat.read(path, as_version=4)
    os.environ.update(COURS_DOSSIER_NBGRADER=str(folder), COURS_DEVOIR=assignment)
    try:
        NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        del os.environ["COURS_DOSSIER_NBGRADER"], os.environ["COURS_DEVOIR"]
    return "".join(output.get("data", {}).get("text/html", "") for cell in notebook.cells
                   for output in cell.get("outputs", []))


def test_the_instructor_notebook_shows_the_report_and_its_two_charts(report, tmp_path):
    root, result = report
    shown = run_instructor_notebook(root, tmp_path)
    assert shown.count('<img src="data:image/png;base64,') == 2
    assert "alice" in shown and "6,00 / 8" in shown and "damien" in shown
    assert "<td>essai-single</td><td>choix unique</td><td>1</td><td>25</td><td>—</td>" in shown  # hand-computed above
    assert "LinkedIn (bonne réponse)\u00a0: 25\u00a0%" in shown
    assert "Alpha de Cronbach\u00a0: — (non calculé\u00a0: moins de 50 apprenants)" in shown
    assert "trop petite pour l&#x27;analyse des questions" in shown


def test_the_instructor_notebook_explains_what_to_do_without_a_course_folder(tmp_path):
    shown = run_instructor_notebook(tmp_path / "absent", tmp_path)
    assert "Aucun cours nbgrader" in shown and "cours nbgrader creer" in shown

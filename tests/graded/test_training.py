"""The continuing-education side of a cohort, with the real nbgrader CLI: positioning and final tests and the
satisfaction questionnaire released as assignments, gains per objective computed by hand, satisfaction,
time on task from recorded clicks, and an attestation carrying every field an organiser needs."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from conftest import VALID_MODULE
from test_evaluation import OBJECTIVES, evaluation_module

from course.graded.prepare.keys import KEYS_DIR, SEED_FILE

from .conftest import ORDER_SEED, nbgrader, released, run

SATISFACTION = textwrap.dedent("""\
    questions:
      - id: utile
        kind: likert
        texte: Cette formation est utile pour ma pratique.
      - id: changer
        kind: texte
        texte: Que changerez-vous dans votre pratique ?
    """)
ORGANISER = {"organisme": "Organisme Essai Santé", "numero_enregistrement": "1234", "numero_action": "56789"}


def write_organiser(root: Path, **changes) -> None:
    """formation.yml as an organiser fills it in; the session began on 1 November 2026."""
    from course.formation import template

    text = template("2026-11-01")
    for key, value in {**ORGANISER, **changes}.items():
        text = text.replace(f'{key}: ""', f'{key}: "{value}"')
    (root / "formation.yml").write_text(text, encoding="utf-8")


def answers_document(answers: dict, moments: list[str] = (), shared: dict | None = None) -> str:
    document = {"format": "cours-reponses", "version": 1, "answers": answers, "moments": list(moments)}
    if shared:
        document["partage"] = shared
    return json.dumps(document)


def submit(root: Path, assignment: str, student: str, document: str | None = None, folder: Path | None = None):
    target = root / "submitted" / student / assignment
    if folder is not None:
        shutil.copytree(folder, target)
    else:
        target.mkdir(parents=True)
        shutil.copy(root / "release" / assignment / f"{assignment}.ipynb", target)
        (target / f"{assignment}.reponses.json").write_text(document, encoding="utf-8")
    (target / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC")


def answer_questionnaire_in_the_released_notebook(root: Path, work: Path, learner_events: list[dict]) -> Path:
    """Ana opens the released questionnaire, answers by clicking, ticks « joindre », and saves."""
    from course.graded import satisfaction
    from course.learner.store import LearnerStore

    store = LearnerStore()
    store.save({**store.load(), "profil": {"profession": "infirmier", "pays": "france"}, "activite": learner_events})
    folder = work / "ana-satisfaction"
    shutil.copytree(root / "release" / "satisfaction", folder)
    previous = Path.cwd()
    os.chdir(folder)
    try:
        namespace: dict = {}
        for cell in nbformat.read(folder / "satisfaction.ipynb", as_version=4).cells:
            if cell.cell_type == "code":
                exec(cell.source, namespace)
        widget = satisfaction.DISPLAYED[-1]
        widget.fields["utile"].value = 5
        widget.fields["changer"].value = "Je vérifierai mes sources."
        widget.consent.value = True
        widget.save_button.click()
    finally:
        os.chdir(previous)
    return folder


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    work = tmp_path_factory.mktemp("formation")
    before = os.environ["COURS_MES_DONNEES"]
    os.environ["COURS_MES_DONNEES"] = str(work / "mes-donnees-ana")  # ana's own machine
    bank = work / "banque"
    (bank / "notees").mkdir(parents=True)
    (bank / "parcours").mkdir()
    # A graded evaluation names the objective of each question.
    (bank / "notees" / "09_essai.yml").write_text(VALID_MODULE.replace("\n    kind: ", "\n    objectif: o1\n    kind: "),
                                                 encoding="utf-8")
    (bank / "parcours" / "objectifs.yml").write_text(OBJECTIVES, encoding="utf-8")
    (bank / "parcours" / "satisfaction.yml").write_text(SATISFACTION, encoding="utf-8")
    pre = evaluation_module("00", "positionnement", "pre", tuple(f"Pré {letter} ?" for letter in "ABCDEF"))
    post = evaluation_module("07", "final", "post", tuple(f"Post {letter} ?" for letter in "ABCDEF"))
    (bank / "00_pre.yml").write_text(pre)
    (bank / "07_post.yml").write_text(post)
    root = work / "cours"
    (root / KEYS_DIR).mkdir(parents=True)
    (root / KEYS_DIR / SEED_FILE).write_text(ORDER_SEED, encoding="utf-8")
    run([sys.executable, "-m", "course", "nbgrader", "creer", str(root), "--id-cours", "essai-cours",
         "--banque", str(bank)], cwd=work)
    for assignment in ("quiz-00", "quiz-07", "quiz-09", "satisfaction"):
        nbgrader("generate_assignment", assignment, cwd=root)
        shutil.copytree(root / "source" / assignment, root / "release" / assignment, dirs_exist_ok=True)
    (root / "apprenants.csv").write_text("id,first_name,last_name\nana,Ana,Martin\nben,Ben,Roux\ncyr,Cyr,Blanc\n")
    nbgrader("db", "student", "import", "apprenants.csv", cwd=root)
    # Answers by the bank's ids (« bon » right, « mauvais » wrong), turned into the released letters.
    # Objective o1: questions 1 to 3; o2: questions 4 to 6.
    on_pre = lambda answers: released(answers, pre)  # noqa: E731
    on_post = lambda answers: released(answers, post)  # noqa: E731
    right, wrong = "bon", "mauvais"
    clicks = ["2026-11-20T10:00:00+00:00", "2026-11-20T10:03:00+00:00", "2026-11-20T10:05:00+00:00"]
    submit(root, "quiz-00", "ana", answers_document(on_pre({"pre-1": wrong, "pre-4": right, "pre-5": right}), clicks))
    submit(root, "quiz-00", "ben", answers_document(on_pre({f"pre-{n}": right for n in (1, 2, 3)})))
    submit(root, "quiz-00", "cyr", answers_document(on_pre({f"pre-{n}": right for n in range(1, 7)})))
    submit(root, "quiz-07", "ana", answers_document(on_post({f"post-{n}": right for n in range(1, 7)})))
    submit(root, "quiz-07", "ben", answers_document(on_post({**{f"post-{n}": right for n in range(1, 6)},
                                                             "post-6": wrong})))
    right = released({"essai-single": "a", "essai-multiple": ["esanum", "medpics"],
                      "essai-scenario": ["refuser", "rediriger"]}, VALID_MODULE)
    submit(root, "quiz-09", "ana", answers_document(right, ["2026-11-21T09:00:00+00:00", "2026-11-21T09:04:00+00:00"]))
    submit(root, "quiz-09", "ben", answers_document(released({"essai-single": "a"}, VALID_MODULE)))
    events = [{"quand": f"2026-11-02T08:{minute:02d}:00+00:00", "module": "01", "quoi": "cellule"}
              for minute in (0, 8, 16)]
    submit(root, "satisfaction", "ana", folder=answer_questionnaire_in_the_released_notebook(root, work, events))
    submit(root, "satisfaction", "ben", answers_document({"utile": 4}))
    os.environ["COURS_MES_DONNEES"] = before
    for assignment in ("quiz-00", "quiz-07", "quiz-09"):
        run([sys.executable, "-m", "course", "nbgrader", "corriger", assignment], cwd=root)
    return root


def test_the_tests_and_the_questionnaire_are_built_as_assignments_without_keys(cohort):
    released = (cohort / "release" / "quiz-00" / "quiz-00.ipynb").read_text(encoding="utf-8")
    assert "Pré A ?" in released and "Juste." not in released and '\"correct\"' not in released
    questionnaire = (cohort / "release" / "satisfaction" / "satisfaction.ipynb").read_text(encoding="utf-8")
    assert "Cette formation est utile pour ma pratique." in questionnaire
    assert (cohort / "formation.yml").exists() and (cohort / "cles" / "objectifs.json").exists()


def test_gains_per_objective_are_those_computed_by_hand(cohort):
    from course.graded.report.training_report import training_report

    report = training_report(cohort)
    o1, o2 = report.objectives
    # cyr took only the positioning test: no gain can be measured for him.
    assert o1.learners == o2.learners == ["ana", "ben"]
    # o1: ana 0 → 100, ben 100 → 100; o2 (three questions each): ana 2/3 → 100, ben 0 → 2/3.
    assert (o1.mean_pre, o1.mean_post, o1.mean_gain, o1.normalised_gain) == (50.0, 100.0, 50.0, 1.0)
    assert (o2.mean_pre, o2.mean_post, o2.mean_gain) == pytest.approx((100 / 3, 250 / 3, 50.0))
    assert o2.normalised_gain == pytest.approx(50 / (200 / 3))
    assert o2.gains == pytest.approx({"ana": 100 / 3, "ben": 200 / 3})


def test_satisfaction_and_time_on_task_come_from_what_the_learners_handed_in(cohort):
    from course.graded.report.training_report import training_report

    report = training_report(cohort)
    useful, change = report.satisfaction
    assert dict(useful.levels) == {5: 1, 4: 1} and useful.mean == 4.5
    assert change.texts == ["Je vérifierai mes sources."]
    # ana's clicks: 10:00, 10:03, 10:05 in the positioning test (5 min); 09:00, 09:04 in quiz-09 (4 min);
    # module 01 in her own file: 08:00, 08:08, 08:16 (16 min), attached because she ticked the box.
    assert report.time_on_task["ana"] == {"quiz-00": 300.0, "quiz-09": 240.0, "module-01": 960.0}
    assert report.shared["ana"]["profil"] == {"profession": "infirmier", "pays": "france"}
    assert "ben" not in report.shared  # he attached nothing: nothing is assumed


def test_the_formation_command_writes_the_exports(cohort):
    run([sys.executable, "-m", "course", "nbgrader", "formation"], cwd=cohort)
    with (cohort / "rapports" / "formation" / "formation-progression-par-objectif.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[2] == ["o2", "Protéger le secret.", "2", "33,3", "83,3", "50,0", "0,75"]
    assert (cohort / "rapports" / "formation" / "formation-progression.png").stat().st_size > 1000
    with (cohort / "rapports" / "formation" / "formation-objectifs-questions.csv").open(encoding="utf-8") as f:
        matrix = list(csv.reader(f, delimiter=";"))
    assert matrix[0] == ["objectif", "quiz-00 (questions)", "quiz-07 (questions)", "quiz-09 (questions)"]
    assert matrix[2] == ["o2", "pre-4 pre-5 pre-6", "post-4 post-5 post-6", ""]


def test_the_formation_summary_names_each_objective_by_its_words(cohort):
    """What `cours nbgrader formation` prints: the objectives' words from the pathway (objectifs.yml), never o1, o2."""
    from course.graded.report.training_report import summary_lines, training_report

    lines = [line.replace("\u00a0", " ") for line in summary_lines(training_report(cohort))]
    assert lines[0] == "Progression par objectif, du test de positionnement (quiz-00) au test final (quiz-07) :"
    assert lines[1:4] == ["- Choisir une plateforme",
                          "    50,0 % → 100,0 % (2 apprenant(s) ayant passé les deux tests), gain normalisé 1,00",
                          "    questions qui le mesurent : quiz-00 : 3, quiz-07 : 3, quiz-09 : 3"]
    assert lines[4:7] == ["- Protéger le secret",
                          "    33,3 % → 83,3 % (2 apprenant(s) ayant passé les deux tests), gain normalisé 0,75",
                          "    questions qui le mesurent : quiz-00 : 3, quiz-07 : 3"]
    assert not any(re.search(r"\bo[12]\b", line) for line in lines)
    assert lines[-1] == "Questionnaires de satisfaction : 2 réponse(s) ; temps par module joint par 1 apprenant(s)."
    # The progress chart names its rows the same way.
    import matplotlib.pyplot as plt

    from course.graded.report.training_exports import gains_chart

    chart = gains_chart(training_report(cohort))
    assert [label.get_text() for label in chart.figure.axes[0].get_yticklabels()] == ["Choisir une plateforme",
                                                                                      "Protéger le secret"]
    plt.close(chart.figure)


def test_the_attestation_carries_every_field_and_leaves_empty_organiser_fields_off(cohort, tmp_path):
    from datetime import datetime, timezone

    from course.graded.certify.attestation import _day

    write_organiser(cohort)
    result = run([sys.executable, "-m", "course", "nbgrader", "attestations", "quiz-09", "--sortie", str(tmp_path)],
                 cwd=cohort)
    assert "Orientation" in result.stderr  # left empty: the instructor is told, the attestation leaves it off
    assert sorted(path.name for path in tmp_path.glob("*.html")) == ["ana.html"]  # ben: 1/6, below 60 %
    page = (tmp_path / "ana.html").read_text(encoding="utf-8")
    identifier = page.split('class="id">')[1].split("<")[0]
    for expected in ("<strong>Ana Martin</strong> a suivi", "Profession\u00a0:</strong> infirmier·e (déclarée par l’apprenant).",
                     "Réseaux sociaux et professionnels de santé",
                     "Choisir une plateforme.", "Protéger le secret.", "Formation en ligne (e-learning)",
                     # from her first recorded action to the questionnaire she saved today
                     f"du 2 novembre 2026 au {_day(datetime.now(timezone.utc).date())}", "Module 01</td><td>16 min", "Temps déclaré",
                     "Test de positionnement</td><td>5 min", "Total</th><th>25 min",
                     "Durée prévue du parcours\u00a0:</strong> 3 h",
                     # what was not measured is named, with the reason
                     "Sans temps déclaré\u00a0:</strong> Test final — moins de deux actions horodatées remises, pas de "
                     "durée mesurable\u00a0; Module 04 — aucune activité enregistrée dans ce module.",
                     "test de positionnement 33\u00a0%", "test final\n100\u00a0%", "6 / 6", "Organisme Essai Santé",
                     "Numéro d’enregistrement de l’organisme</th><td>1234", "Numéro de l’action</th><td>56789",
                     identifier):
        assert expected in page, expected
    assert "Orientation" not in page
    verified = run([sys.executable, "-m", "course", "nbgrader", "verifier-attestation", "quiz-09", identifier],
                   cwd=cohort)
    assert "Valide\u00a0: Ana Martin (ana)" in verified.stdout
    for shown in ("Profession\u00a0: infirmier·e (déclarée par l’apprenant)", "Test de positionnement\u00a0: 33\u00a0%",
                  "Évaluation finale\u00a0: 6 / 6 (100\u00a0%)", "Temps déclaré\u00a0: Module 01\u00a0: 16 min",
                  "total\u00a0: 25 min", f"Dates de l’activité déclarée\u00a0: du 2 novembre 2026"):
        assert shown in verified.stdout, shown
    pasted = run([sys.executable, "-m", "course", "nbgrader", "verifier-attestation", "quiz-09",
                  f"  {identifier.lower()} \n"], cwd=cohort)  # copied from a page: spaces, lower case
    assert "Valide\u00a0: Ana Martin" in pasted.stdout
    for assignment, text, said in (("quiz-09", "20261122-€✓ invente", "non valide"),
                                   ("quiz-99", identifier, "Aucun devoir «\u00a0quiz-99\u00a0»")):
        refused = run([sys.executable, "-m", "course", "nbgrader", "verifier-attestation", assignment, text],
                      cwd=cohort, check=False)
        assert refused.returncode == 1 and said in refused.stderr and "Traceback" not in refused.stderr


def test_declared_time_dates_and_profession_are_bounded_labelled_and_signed(cohort, tmp_path):
    """Ana edits what she hands in: thousands of clicks in 2019 and 2031, a day in each of 99 « modules », a
    profession she does not have. The attestation caps and bounds it, says it is declared, and its id signs
    what it prints: an altered register no longer verifies."""
    from datetime import date, datetime, timedelta, timezone

    from course.graded.certify.attestation import _day
    from course.graded.prepare.keys import KEYS_DIR

    root = tmp_path / "cours"
    shutil.copytree(cohort, root)
    write_organiser(root)
    answers = root / "submitted" / "ana" / "quiz-09" / "quiz-09.reponses.json"
    document = json.loads(answers.read_text(encoding="utf-8"))
    clicks = [datetime(year, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=9 * n)
              for year in (2019, 2031) for n in range(2500)]
    document["moments"] = [moment.isoformat() for moment in clicks]
    answers.write_text(json.dumps(document), encoding="utf-8")
    questionnaire = root / "submitted" / "ana" / "satisfaction" / "satisfaction.reponses.json"
    document = json.loads(questionnaire.read_text(encoding="utf-8"))
    document["partage"].update({"profil": {"profession": "medecin"}, "debut": "2019-01-01T00:00:00+00:00",
                                "temps_par_module": {f"{n:02d}": 86400 for n in range(1, 100)}})
    questionnaire.write_text(json.dumps(document), encoding="utf-8")

    out = tmp_path / "attestations"
    run([sys.executable, "-m", "course", "nbgrader", "attestations", "quiz-09", "--sortie", str(out)], cwd=root)
    page = (out / "ana.html").read_text(encoding="utf-8")
    identifier = page.split('class="id">')[1].split("<")[0]
    planned = "3 h"  # formation.yml's duree_prevue_heures, the home page's « environ 3 h »
    assert f"Total</th><th>{planned}</th>" in page and "Module 01</td><td>3 h<" in page
    assert "Module 02" not in page  # the course's objectives name module 01 only
    assert "plafonné" in page and "Temps mesuré" not in page and "n’est pas vérifié par l’organisme" in page
    # The 2019 and 2031 clicks are outside the session (from 1 November 2026 to today): not printed.
    today = _day(date.today())
    assert f"du 2 novembre 2026 au {today}" in page and "2019" not in page and "2031" not in page
    assert "Profession\u00a0:</strong> médecin (déclarée par l’apprenant)." in page

    verified = run([sys.executable, "-m", "course", "nbgrader", "verifier-attestation", "quiz-09", identifier],
                   cwd=root)
    for shown in ("Valide\u00a0: Ana Martin (ana)", "Profession\u00a0: médecin (déclarée par l’apprenant)",
                  f"total\u00a0: {planned}", f"Dates de l’activité déclarée\u00a0: du 2 novembre 2026 au {today}"):
        assert shown in verified.stdout, shown
    register = root / KEYS_DIR / "attestations-delivrees.jsonl"
    assert oct(register.stat().st_mode & 0o777) == "0o600"
    lines = register.read_text(encoding="utf-8").splitlines()
    altered = [line.replace("médecin", "infirmier·e") if identifier in line else line for line in lines]
    assert altered != lines
    register.write_text("\n".join(altered) + "\n", encoding="utf-8")
    refused = run([sys.executable, "-m", "course", "nbgrader", "verifier-attestation", "quiz-09", identifier],
                  cwd=root, check=False)
    assert refused.returncode == 1 and "non valide" in refused.stderr


def test_the_instructor_notebook_shows_the_training_report(cohort, tmp_path):
    from .test_report import run_instructor_notebook

    shown = run_instructor_notebook(cohort, tmp_path, assignment="quiz-09").replace("\u00a0", " ")
    assert "<td>o2 — Protéger le secret.</td><td>2</td><td>33,3</td><td>83,3</td><td>50,0</td><td>0,75</td>" in shown
    assert "<td>Cette formation est utile pour ma pratique.</td><td>2</td><td>4,50</td>" in shown
    assert "Je vérifierai mes sources." in shown
    assert shown.count('<img src="data:image/png;base64,') == 3  # two item-analysis charts and the gains


@pytest.mark.parametrize("line, said", [("debut_session: demain", "debut_session «\u00a0demain\u00a0» n'est pas une date"),
                                        ("seuil: 60", "clé inconnue «\u00a0seuil\u00a0»"),
                                        ("titre: a: b", "ligne 2\u00a0: YAML illisible")])
def test_a_broken_organiser_file_is_a_located_french_error(tmp_path, line, said):
    (tmp_path / "formation.yml").write_text(f"organisme: Essai\n{line}\n", encoding="utf-8")
    result = run([sys.executable, "-m", "course", "nbgrader", "attestations", "quiz-09", "--dossier", str(tmp_path)],
                 cwd=tmp_path, check=False)
    assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr

"""What an instructor reads after grading reads as a training document: the cohort of the issue (three learners,
one good who wrote an answer still to grade, one partial, one who clicked nothing, and one registered learner who
handed nothing in), graded by the real nbgrader; charts read from their matplotlib axes; the attestations and
their verification."""

from __future__ import annotations

import csv
import importlib.util
import json
import random
import re
import shutil
import sys
from datetime import date
from pathlib import Path

import matplotlib
import nbformat
import pytest

from .conftest import ASSIGNMENT, ORDER_SEED, create_course, nbgrader, released, run

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
ANSWERS = f"{ASSIGNMENT}.reponses.json"


def plain(text: str) -> str:
    """Text with its no-break spaces as ordinary ones, to compare words (typography is tested elsewhere)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def answers(**chosen) -> str:
    return json.dumps({"format": "cours-reponses", "version": 1,
                       "answers": released({f"essai-{item}": value for item, value in chosen.items()})})


def write_in_open_cell(notebook):
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "essai-ouverte":
            cell.source = "Je lui propose une consultation, sans avis personnalisé en message privé."


# learner: (first name, last name, answers file or None, notebook change). 6 points clicked, 2 written.
COHORT = {
    "anne": ("Anne", "Martin", answers(single="a", multiple=["esanum", "medpics"], scenario=["refuser", "rediriger"]),
             write_in_open_cell),  # 6 / 8 before her written answer is graded
    "paul": ("Paul", "Roux", answers(single="b", multiple=["esanum"], scenario=["accepter", "rediriger"]), None),  # 2,5
    "zoe": ("Zoé", "Blanc", None, None),  # 0
}
ABSENT = "yann"  # registered, handed nothing in


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    root = create_course(tmp_path_factory.mktemp("trois"))
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    for student, (_, _, text, change) in COHORT.items():
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-11-22 10:00:00.000000 UTC")
        shutil.copy(root / "release" / ASSIGNMENT / NOTEBOOK, folder / NOTEBOOK)
        if text is not None:
            (folder / ANSWERS).write_text(text, encoding="utf-8")
        if change:
            notebook = nbformat.read(folder / NOTEBOOK, as_version=4)
            change(notebook)
            nbformat.write(notebook, folder / NOTEBOOK)
    rows = [f"{student},{first},{last}" for student, (first, last, _, _) in COHORT.items()] + [f"{ABSENT},Yann,Morel"]
    (root / "apprenants.csv").write_text("id,first_name,last_name\n" + "\n".join(rows) + "\n", encoding="utf-8")
    nbgrader("db", "student", "import", "apprenants.csv", cwd=root)
    nbgrader("autograde", ASSIGNMENT, cwd=root)
    return root


@pytest.fixture(scope="module")
def report(cohort):
    from course.graded.report.analysis import cohort_report

    return cohort_report(cohort, ASSIGNMENT)


def hand_grade(root: Path, student: str, points: float) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "essai-cours") as gradebook:
        grade = gradebook.find_grade("essai-ouverte", ASSIGNMENT, ASSIGNMENT, student)
        grade.manual_score, grade.needs_manual_grade = points, False  # as the formgrader saves a grade
        gradebook.db.commit()


@pytest.fixture(scope="module")
def graded_by_hand(cohort, tmp_path_factory):
    """The same course once anne's written answer got its 2 points: she has her attestation."""
    from course.graded.certify.attestation import issue_attestations

    root = shutil.copytree(cohort, tmp_path_factory.mktemp("corrige") / "cours")
    hand_grade(root, "anne", 2)
    return root, issue_attestations(root, ASSIGNMENT, 60)


# --- The item analysis ------------------------------------------------------------------------------------------

def test_three_learners_get_the_small_cohort_warning_and_no_alpha_nor_discrimination(cohort, report):
    from course.graded.report.analysis import summary_lines
    from course.graded.report.instructor import cohort_report_html

    assert sorted(report.totals) == ["anne", "paul", "zoe"] and report.alpha is None
    assert all(item.discrimination is None for item in report.items)
    [warning] = [plain(text) for text in report.warnings if "trop petite" in text]
    assert "cohorte de 3 apprenant(s)" in warning and "à partir de 50 apprenants" in warning
    assert "30 points" in warning and "avec 3, elle n'est même pas calculable" in warning
    assert plain(summary_lines(report)[0]) == "3 apprenant(s) ; alpha de Cronbach : — (non calculé : moins de 50 apprenants)"
    shown = cohort_report_html(cohort, ASSIGNMENT)
    assert "trop petite pour l&#x27;analyse des questions" in shown and "0,95" not in shown


def test_option_analysis_lists_the_words_of_each_option(report):
    choices = {item.item_id: item.choices for item in report.items}
    assert list(choices["essai-single"]) == ["LinkedIn (bonne réponse)", "Snapchat", "(sans réponse)"]
    assert choices["essai-single"]["Snapchat"] == pytest.approx(100 / 3)
    assert choices["essai-multiple"]["Pinterest"] == 0.0  # nobody chose it: still listed
    assert not any(re.fullmatch(r"[a-z]", label) for item in choices.values() for label in item)


def test_the_moodle_export_marks_the_written_answers_still_to_grade(report, tmp_path):
    from course.graded.report.exports import write_exports

    write_exports(report, tmp_path)
    with (tmp_path / f"{ASSIGNMENT}-moodle.csv").open(encoding="utf-8") as handle:
        rows = {row[0]: row[1:] for row in csv.reader(handle)}
    assert rows["Numéro d'identification"] == [ASSIGNMENT, "Réponses rédigées"]
    assert rows["anne"] == ["6.00", "à corriger à la main : non comptées dans ce total"]
    assert rows["paul"] == ["2.50", "comptées dans ce total"] and rows["zoe"] == ["0.00", "comptées dans ce total"]
    [message] = [plain(text) for text in report.warnings if "Moodle" in text]
    assert "1 apprenant(s) ont des réponses rédigées pas encore corrigées à la main (anne)" in message
    assert "formgrader" in message and f"cours nbgrader rapport {ASSIGNMENT}" in message


# --- The charts, read from their axes ---------------------------------------------------------------------------

def visible_ticks(axis, which: str):
    """(value, label text) of the ticks drawn within the axis' limits."""
    axis.figure.canvas.draw()
    low, high = sorted(axis.get_xlim() if which == "x" else axis.get_ylim())
    ticks = axis.get_xticks() if which == "x" else axis.get_yticks()
    labels = axis.get_xticklabels() if which == "x" else axis.get_yticklabels()
    return [(value, label.get_text()) for value, label in zip(ticks, labels) if low - 1e-9 <= value <= high + 1e-9]


def save(chart, path: Path) -> None:
    chart.figure.savefig(path, dpi=110, bbox_inches="tight")  # to look at: pytest --basetemp=…


@pytest.mark.parametrize("maximum", [8, 2.5])
def test_the_score_chart_counts_whole_learners_and_writes_french_decimals(report, tmp_path, maximum):
    import matplotlib.pyplot as plt

    from course.graded.report.analysis import CohortReport
    from course.graded.report.cohort_charts import score_distribution

    shown = report if maximum == 8 else CohortReport(  # scores with halves, on a small scale
        "quiz-demo", {}, {"a": 0.5, "b": 1.5, "c": 1.5, "d": 2.5}, 2.5, [], None, {"d"})
    chart = score_distribution(shown)
    save(chart, tmp_path / f"notes-{maximum}.png")
    [axis] = chart.figure.axes
    counts = visible_ticks(axis, "y")
    assert len(counts) >= 2 and all(value == int(value) for value, _ in counts)
    assert [label for _, label in counts] == [str(int(value)) for value, _ in counts]
    notes = visible_ticks(axis, "x")
    assert all("." not in label for _, label in notes)
    if maximum == 2.5:
        assert ("0,5" in [label for _, label in notes]) and axis.get_xlim() == (0, 2.5)
    assert "0,2" not in str(counts) and "Nombre d’apprenants" == axis.get_ylabel()
    plt.close(chart.figure)


def benchmark_cohorts():
    """The cohort sizes benchmarks/autograde_cohorte.py generates: its default (200) and its smallest (every kind
    of broken submission once, whatever number is asked for)."""
    spec = importlib.util.spec_from_file_location("autograde_cohorte", REPO / "benchmarks" / "autograde_cohorte.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return sorted({len(module.generated_cases(0)), len(module.generated_cases(200))}), module.generated_cases


def keys_for(bank_text: str, seed: str = ORDER_SEED) -> dict[str, dict]:
    import yaml

    from course.bank.serialize import item_from_data
    from course.graded.prepare.public import neutral_key

    return {data["id"]: neutral_key(item_from_data(data, "09"), seed) for data in yaml.safe_load(bank_text)["items"]}


def synthetic_report(keys: dict, cases: dict, folder: Path, assignment: str):
    """The item analysis of generated submissions, scored by the course's one scoring rule."""
    from course.bank.serialize import item_from_data
    from course.graded.report.analysis import CohortReport, item_statistics
    from course.graded.prepare.answers import read_answers
    from course.scoring import score_item

    folder.mkdir(parents=True, exist_ok=True)
    scores, chosen = {}, {}
    for student, (text, *_) in cases.items():
        path = folder / f"{student}.json"
        if text is not None:
            path.write_text(text, encoding="utf-8")
        chosen[student], _ = read_answers(path)
        scores[student] = {item_id: score_item(item_from_data(key, ""), chosen[student].get(item_id)).earned
                           for item_id, key in keys.items() if key["kind"] != "open"}
    maximum = sum(key.get("points", 1) if key["kind"] != "open" else sum(c["points"] for c in key["rubric"])
                  for key in keys.values())
    return CohortReport(assignment, scores, {s: sum(v.values()) for s, v in scores.items()}, maximum,
                        item_statistics(keys, scores, chosen), None)


def random_cases(keys: dict, count: int, seed: int = 2026) -> dict:
    """Clicks at random on the real evaluation's questions (some left unanswered)."""
    from course.bank.serialize import item_from_data

    rng, cases = random.Random(seed), {}
    for index in range(count):
        answers = {}
        for item_id, key in keys.items():
            if key["kind"] == "open" or rng.random() < 0.1:
                continue
            item = item_from_data(key, "")
            if key["kind"] == "single":
                answers[item_id] = rng.choice([o.id for o in item.options])
            elif key["kind"] == "multiple":
                answers[item_id] = [o.id for o in item.options if rng.random() < 0.5]
            else:
                path, node = [], item.start
                while item.step(node):
                    choice = rng.choice(item.step(node).choices)
                    path.append(choice.id)
                    node = choice.next
                answers[item_id] = path
        cases[f"apprenant-{index:03d}"] = (json.dumps({"format": "cours-reponses", "version": 1, "answers": answers}),)
    return cases


def overlapping_texts(figure) -> list[tuple[str, str]]:
    """Every pair of drawn texts (tick labels, axis labels, titles, notes) whose boxes overlap, measured by the
    renderer; and any text that sticks out of the figure."""
    from matplotlib.text import Text

    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = []
    for axis in figure.axes:
        for which in ("x", "y"):
            low, high = sorted(axis.get_xlim() if which == "x" else axis.get_ylim())
            labels = axis.get_xticklabels() if which == "x" else axis.get_yticklabels()
            positions = axis.get_xticks() if which == "x" else axis.get_yticks()
            texts += [label for label, value in zip(labels, positions) if low <= value <= high and label.get_visible()]
        texts += [axis.xaxis.label, axis.yaxis.label, axis.title, *axis.texts]
    texts += [text for text in figure.findobj(Text) if text.figure is figure and text not in texts
              and text.axes is None]
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in texts
             if text.get_visible() and text.get_text().strip()]
    inside = figure.bbox
    problems = [(name, "hors de la figure") for name, box in boxes
                if box.x0 < inside.x0 - 1 or box.x1 > inside.x1 + 1 or box.y0 < inside.y0 - 1 or box.y1 > inside.y1 + 1]
    for index, (name, box) in enumerate(boxes):
        problems += [(name, other) for other, second in boxes[index + 1:] if box.overlaps(second)]
    return problems


@pytest.mark.parametrize("bank", ["essai", "evaluation-06"])
def test_no_two_labels_of_the_facility_chart_overlap_at_any_benchmark_cohort_size(tmp_path, bank):
    import matplotlib.pyplot as plt

    from conftest import VALID_MODULE
    from course.graded.report.cohort_charts import facility_discrimination

    from .conftest import OPEN_ITEM

    sizes, generated_cases = benchmark_cohorts()
    assert sizes[0] < 50 <= sizes[-1]  # both shapes of the chart: facility alone, and with discrimination
    keys = keys_for(VALID_MODULE + OPEN_ITEM if bank == "essai"
                    else (REPO / "quizzes" / "notees" / "06_evaluation.yml").read_text(encoding="utf-8"))
    for size in sizes:
        cases = generated_cases(size) if bank == "essai" else random_cases(keys, size)
        report = synthetic_report(keys, cases, tmp_path / f"{bank}-{size}", "quiz-06")
        chart = facility_discrimination(report)
        save(chart, tmp_path / f"facilite-{bank}-{size}.png")
        assert overlapping_texts(chart.figure) == [], size
        facility = chart.figure.axes[0]
        # The title names what the axes show.
        title = chart.figure._suptitle.get_text()
        assert facility.get_xlabel() == "Indice de facilité (%)" and "facilité" in title and "difficulté" not in title
        assert [label.get_text() for label in facility.get_yticklabels()] == [item.item_id for item in report.items]
        if report.small_cohort:
            assert len(chart.figure.axes) == 1 and "discrimination" not in title
        else:
            assert chart.figure.axes[1].get_xlabel() == "Indice de discrimination (%)" and "discrimination" in title
            assert any(item.discrimination is not None for item in report.items)
        ticks = [label for axis in chart.figure.axes for _, label in visible_ticks(axis, "x")]
        assert all("." not in label and "-" not in label for label in ticks)  # French digits, a true minus sign
        plt.close(chart.figure)


# --- The attestations -------------------------------------------------------------------------------------------

def test_attestations_give_every_learner_an_attestation_or_a_reason(cohort):
    from course.graded.certify.attestation import issue_attestations

    result = issue_attestations(cohort, ASSIGNMENT, 60)
    assert result.made == []
    reasons = {refusal.student: plain(refusal.reason) for refusal in result.refused}
    assert sorted(reasons) == ["anne", "paul", ABSENT, "zoe"]
    assert reasons["anne"] == ("réponses rédigées à corriger à la main (2 point(s)) ; note provisoire sans elles : "
                               "6 / 8 (75 %), le seuil reste atteignable")
    assert reasons["paul"] == "note 2,5 / 8 (31,2 %), sous le seuil de 60 %"
    assert reasons["zoe"] == "note 0 / 8 (0 %), sous le seuil de 60 %"
    assert reasons[ABSENT] == "aucune copie remise"
    assert result.waiting == ["anne"]
    lines = result.lines()
    assert lines[1] == "paul\u00a0: pas d'attestation — note 2,5 / 8 (31,2\u00a0%), sous le seuil de 60\u00a0%"
    assert lines[-1] == result.pass_mark


def test_the_pass_mark_says_how_many_points_are_graded_by_hand(cohort, tmp_path):
    from course.graded.certify.attestation import hand_graded_points, pass_mark_notice
    from course.graded.prepare.keys import KEYS_DIR, write_keys

    above = plain(pass_mark_notice(cohort, ASSIGNMENT, 60))
    assert "Seuil de réussite : 60 % de la note" in above and "2 des 8 points de quiz-09 sont des réponses rédigées" in above
    assert "toutes les réponses cliquées justes font 6 / 8 (75 %), au-dessus du seuil" in above
    below = plain(pass_mark_notice(cohort, ASSIGNMENT, 80))
    assert "(75 %), sous le seuil" in below and "formgrader" in below and "formation.yml" in below
    # The repository's graded evaluation: the same sentence, with its own numbers, read from its keys.
    evaluation = (REPO / "quizzes" / "notees" / "06_evaluation.yml").read_text(encoding="utf-8")
    write_keys(tmp_path / KEYS_DIR, "quiz-06", keys_for(evaluation))
    clicked, written = hand_graded_points(tmp_path, "quiz-06")
    keys = keys_for(evaluation)
    assert written == sum(c["points"] for key in keys.values() if key["kind"] == "open" for c in key["rubric"]) > 0
    notice = plain(pass_mark_notice(tmp_path, "quiz-06", 60))
    from course.typography import short

    assert f"{short(written)} des {short(clicked + written)} points de quiz-06" in notice
    assert f"font {short(clicked)} / {short(clicked + written)} ({short(round(100 * clicked / (clicked + written), 1))} %)" \
        in notice


def test_formation_yml_says_how_the_pass_mark_meets_the_points_graded_by_hand(tmp_path):
    import yaml

    from course.formation import PASS_PERCENT, PLANNED_HOURS, template

    text = template("2026-11-02")
    values = yaml.safe_load(text)
    assert values["seuil_reussite"] == PASS_PERCENT and values["duree_prevue_heures"] == PLANNED_HOURS
    assert "réponses rédigées comprises" in text and "notées à la main" in text and "cours nbgrader attestations" in text


def test_an_attestation_without_profession_or_time_says_so_where_it_belongs(graded_by_hand):
    from course.graded.certify.attestation import attestation_html, vouched

    root, result = graded_by_hand
    [anne] = result.made
    assert anne.student == "anne" and [r.student for r in result.refused] == ["paul", ABSENT, "zoe"]
    page = attestation_html(anne, {"titre": "Essai", "methode": "En ligne", "duree_prevue_heures": 3}, [])
    assert "<strong>Anne Martin</strong> a suivi la formation" in page
    assert "Anne Martin</strong> (" not in page  # nothing in brackets after the name could be read as part of it
    assert "<p><strong>Profession\u00a0:</strong> non déclarée par l’apprenant.</p>" in page
    assert "Aucun temps déclaré\u00a0: aucune activité horodatée n’a été remise." in page
    assert "Évaluation notée (quiz-09) — moins de deux actions horodatées remises" in page
    assert not re.search(r"\b0\s*min", page) and "Total" not in page
    assert "Durée prévue du parcours\u00a0:</strong> 3 h" in page
    fields = vouched(anne)
    assert fields["Profession"] == "non déclarée par l’apprenant"
    assert fields["Évaluation finale"] == "8 / 8 (100 %)"


def test_a_measured_time_is_never_printed_as_zero():
    from course.graded.report.training_report import duration, planned_duration

    assert [duration(seconds) for seconds in (0, 20, 89, 25 * 60, 2.8 * 3600, 3 * 3600)] == [
        "moins d’1 min", "moins d’1 min", "1 min", "25 min", "2 h 48", "3 h"]
    assert planned_duration({}) == planned_duration({"duree_prevue_heures": "trois"}) == "3 h"


def test_the_planned_duration_is_the_home_pages(tmp_path):
    """One planned duration: the home page's « environ N h » is formation.yml's default, and its steps add up to it."""
    from course.formation import PLANNED_HOURS

    home = "".join("".join(cell["source"]) for cell in
                   json.loads((REPO / "notebooks" / "00_accueil.ipynb").read_text(encoding="utf-8"))["cells"])
    [announced] = re.findall(r"Comptez\senviron\s(\d+)\sh\sen\stout", home)
    steps = [int(minutes) for minutes in re.findall(r"^\|[^|]+\|\s(\d+)\smin\s\|", home, flags=re.MULTILINE)]
    assert int(announced) == PLANNED_HOURS and len(steps) >= 8
    assert abs(sum(steps) - 60 * PLANNED_HOURS) <= 15


# --- Verification -----------------------------------------------------------------------------------------------

def test_verification_accepts_any_pasted_text_and_answers_in_french(graded_by_hand):
    from course.graded.certify.attestation import check_attestation

    root, result = graded_by_hand
    [anne] = result.made
    for pasted in (anne.identifier, f"Identifiant de vérification : {anne.identifier.lower()} (le formateur…)",
                   f"  {anne.identifier[:8]} - {anne.identifier[9:]}\n"):
        verdict = check_attestation(root, ASSIGNMENT, pasted)
        assert verdict.valid and verdict.status == 0 and verdict.lines[0] == "Valide\u00a0: Anne Martin (anne). " \
                                                                             "Cet identifiant garantit\u00a0:"
    for pasted, said in (("20261122-€✓ invente", "aucun identifiant d'attestation dans ce texte"),
                         ("١٢٣٤٥٦٧٨-ABCDEF0123456789", "aucun identifiant d'attestation dans ce texte"),
                         ("", "aucun identifiant d'attestation"),
                         ("\x00\x1b[31m" + "é" * 500, "aucun identifiant d'attestation"),
                         (anne.identifier[:-1] + ("0" if anne.identifier[-1] != "0" else "1"),
                          "aucune attestation délivrée pour quiz-09 ne porte cet identifiant")):
        verdict = check_attestation(root, ASSIGNMENT, pasted)
        assert not verdict.valid and verdict.status == 1 and "non valide" in verdict.lines[0], pasted
        assert said in verdict.lines[0] and "\x1b" not in verdict.lines[0] and len(verdict.lines[0]) < 600
    wrong = check_attestation(root, "quiz-99", anne.identifier)
    assert wrong.status == 1 and "Aucun devoir «\u00a0quiz-99\u00a0»" in wrong.lines[0]


def test_a_changed_grade_is_named_with_french_decimals(graded_by_hand, tmp_path):
    from course.graded.certify.attestation import check_attestation

    root, result = graded_by_hand
    copy = shutil.copytree(root, tmp_path / "cours")
    hand_grade(copy, "anne", 1.75)
    verdict = check_attestation(copy, ASSIGNMENT, result.made[0].identifier)
    assert verdict.status == 1
    assert "la note a changé depuis la délivrance\u00a0: 8 sur l'attestation, 7,75 dans le carnet de notes" \
           in verdict.lines[0]


@pytest.mark.parametrize("pasted", ["20261122-€✓ invente", "١٢٣٤٥٦٧٨-ABCDEF0123456789", "n'importe quoi"])
def test_the_verification_command_never_ends_in_a_traceback(graded_by_hand, pasted):
    root, _ = graded_by_hand
    refused = run([sys.executable, "-m", "course", "nbgrader", "verifier-attestation", ASSIGNMENT, pasted],
                  cwd=root, check=False)
    assert refused.returncode == 1 and "non valide" in refused.stderr and "Traceback" not in refused.stderr
    assert not re.search(r"\d\.\d", refused.stderr)  # no English decimal

"""Cohort report from nbgrader's gradebook: scores per learner, and item analysis in the form of Moodle's
quiz statistics (facility index, discrimination index, option frequencies, Cronbach's alpha), plus the
paths taken in each scenario. Only auto-graded questions enter the item analysis (written answers are
graded by hand, often later).

Options and scenario choices are shown by their words (read from the keys), never by the neutral letters of the
released notebook. Below MIN_LEARNERS_FOR_ITEM_STATISTICS learners, the discrimination indices and Cronbach's
alpha are not computed, and the report says why."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ...bank.serialize import item_from_data
from ...typography import french
from ..mark.records import course_settings
from ..prepare.answers import answers_file_name, read_answers
from ..prepare.keys import KEYS_DIR, read_keys

# How each kind of item is named to instructors (exports, notebook).
KIND_LABELS = {"single": "choix unique", "multiple": "choix multiples", "scenario": "scénario",
               "open": "réponse ouverte"}

# The discrimination index and Cronbach's alpha are correlations. With n learners, the 95 % margin of error of a
# correlation near 0 is about ±1,96/√(n − 3) (Fisher): ±45 points at 22 learners, ±38 at 30, ±29 at 50. Only from
# about 50 learners is it narrower than the 30 points that separate an item that discriminates from one to
# review (DISCRIMINATION_THRESHOLD in cohort_charts.py); below, the index says nothing about the item.
MIN_LEARNERS_FOR_ITEM_STATISTICS = 50
NO_ANSWER, UNREADABLE = "(sans réponse)", "(réponse illisible)"
LABEL_LENGTH = 120  # characters of an option's or a choice's words shown in the option table


def correlation_margin(learners: int) -> float | None:
    """Half-width, in points of %, of the 95 % confidence interval of a correlation near 0 (None below 4)."""
    return 100 * 1.96 / math.sqrt(learners - 3) if learners > 3 else None


def small_cohort_warning(learners: int) -> str:
    """Why there is no discrimination index and no alpha for this cohort, in French (empty if it is large enough)."""
    if learners >= MIN_LEARNERS_FOR_ITEM_STATISTICS:
        return ""
    margin = correlation_margin(learners)
    if margin is None:
        yours = f"avec {learners}, elle n'est même pas calculable"
    elif margin >= 100:
        yours = f"avec {learners}, plus que toute l'échelle, de −100 à 100"
    else:
        yours = f"±{margin:.0f} points avec {learners}"
    threshold = MIN_LEARNERS_FOR_ITEM_STATISTICS
    return french(
        f"Attention : cohorte de {learners} apprenant(s), trop petite pour l'analyse des questions. L'indice de "
        f"discrimination et l'alpha de Cronbach ne sont calculés qu'à partir de {threshold} apprenants : ce sont "
        "des corrélations, et en dessous leur marge d'erreur (à 95 %) dépasse les 30 points qui séparent une "
        f"question qui discrimine d'une question à revoir (±{correlation_margin(threshold):.0f} points à {threshold} "
        f"apprenants ; {yours}). Les indices de facilité et les réponses choisies sont donnés, mais ne décrivent que "
        f"ces {learners} apprenant(s) : ne jugez pas une question sur eux seuls.")


@dataclass
class ItemStatistics:
    item_id: str
    kind: str
    max_score: float
    facility: float  # mean score / max score, in %
    discrimination: float | None  # correlation of the item score with the rest of the test, in %
    choices: dict[str, float] = field(default_factory=dict)  # option's words (or scenario path) -> % of learners

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass
class CohortReport:
    assignment: str
    scores: dict[str, dict[str, float]]  # learner -> item -> score (auto-graded items)
    totals: dict[str, float]  # learner -> total over every graded cell, as in nbgrader's export
    max_total: float
    items: list[ItemStatistics]
    alpha: float | None  # Cronbach's alpha over the auto-graded items (None for a small cohort)
    to_grade: set[str] = field(default_factory=set)  # learners whose written answers wait for a hand grade
    warnings: list[str] = field(default_factory=list)  # in French: what the instructor must know before reading

    @property
    def small_cohort(self) -> bool:
        return len(self.totals) < MIN_LEARNERS_FOR_ITEM_STATISTICS


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 2 or statistics.pvariance(xs) == 0 or statistics.pvariance(ys) == 0:
        return None
    return statistics.correlation(xs, ys)


def cronbach_alpha(columns: list[list[float]]) -> float | None:
    """k/(k−1) × (1 − Σ item variances / variance of totals), sample variances."""
    k = len(columns)
    if k < 2 or len(columns[0]) < 2:
        return None
    totals = [sum(row) for row in zip(*columns)]
    total_variance = statistics.variance(totals)
    if total_variance == 0:
        return None
    return k / (k - 1) * (1 - sum(statistics.variance(column) for column in columns) / total_variance)


def _words(text: str) -> str:
    text = " ".join(str(text).split()).rstrip(" .")
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"


def choice_labels(key: dict, answer) -> list[str]:
    """What a learner chose, in the words of the key: an option's text (« (bonne réponse) » after a right one),
    or a scenario path as the words of each choice taken."""
    if answer in (None, [], ""):
        return [NO_ANSWER]
    item = item_from_data(key, "")
    if key["kind"] in ("single", "multiple"):
        chosen = [answer] if key["kind"] == "single" else answer
        options = {option.id: option for option in item.options}
        if not isinstance(chosen, list) or not all(isinstance(o, str) and o in options for o in chosen):
            return [UNREADABLE]
        return [_words(options[o].text) + (" (bonne réponse)" if o in item.correct_ids else "") for o in chosen]
    if not isinstance(answer, list):
        return [UNREADABLE]
    words, node = [], item.start
    for choice_id in answer:
        step = item.step(node)
        choice = next((c for c in step.choices if c.id == choice_id), None) if step else None
        if choice is None:
            return [UNREADABLE]
        words.append(_words(choice.text))
        node = choice.next
    if item.step(node) is not None:
        words.append("(parcours non terminé)")
    return [" → ".join(words)]


def option_labels(key: dict) -> list[str]:
    """Every option of a choice question, in the words choice_labels gives them, in the key's order (the order the
    released notebook showed them in)."""
    if key["kind"] not in ("single", "multiple"):
        return []
    right = {option["id"] for option in key["options"] if option.get("correct")}
    return [_words(option["text"]) + (" (bonne réponse)" if option["id"] in right else "") for option in key["options"]]


def _in_order(key: dict, counted: Counter) -> list[tuple[str, int]]:
    """Options in the key's order, then scenario paths from the most taken, then no answer and unreadable."""
    options = option_labels(key)
    last = (NO_ANSWER, UNREADABLE)
    paths = sorted((label for label in counted if label not in options and label not in last),
                   key=lambda label: (-counted[label], label))
    return [(label, counted[label]) for label in [*options, *paths, *last] if label in counted]


def item_statistics(keys: dict[str, dict], scores: dict[str, dict[str, float]],
                    answers: dict[str, dict]) -> list[ItemStatistics]:
    """Facility, discrimination (None for a small cohort) and the options chosen, for every auto-graded item.
    scores: learner -> item -> score; answers: learner -> item -> what the answers file holds."""
    learners = sorted(scores)
    small = len(learners) < MIN_LEARNERS_FOR_ITEM_STATISTICS
    items = []
    for item_id, key in keys.items():
        if key["kind"] == "open":
            continue
        column = [scores[learner].get(item_id, 0.0) for learner in learners]
        rest = [sum(scores[learner].values()) - scores[learner].get(item_id, 0.0) for learner in learners]
        maximum = float(key.get("points", 1))
        counted: Counter = Counter({label: 0 for label in option_labels(key)})  # every option, even unchosen
        for learner in learners:
            counted.update(choice_labels(key, answers.get(learner, {}).get(item_id)))
        correlation = None if small else _correlation(column, rest)
        items.append(ItemStatistics(
            item_id, key["kind"], maximum,
            facility=100 * statistics.fmean(column) / maximum if learners else 0.0,
            discrimination=None if correlation is None else 100 * correlation,
            choices={label: 100 * count / len(learners) if learners else 0.0
                     for label, count in _in_order(key, counted)}))
    return items


def gradebook_scores(root: Path, assignment: str, items: list[str]):
    """(learner -> item -> score for the given items, learner -> total, maximum total, notebook names, learners
    whose written answers still wait for a hand grade), as nbgrader's gradebook holds them."""
    from nbgrader.api import Gradebook

    db_url, course_id = course_settings(Path(root))
    scores: dict[str, dict[str, float]] = {}
    totals: dict[str, float] = {}
    to_grade: set[str] = set()
    with Gradebook(db_url, course_id) as gradebook:
        record = gradebook.find_assignment(assignment)
        max_total = record.max_score
        notebooks = [notebook.name for notebook in record.notebooks]
        for submission in gradebook.assignment_submissions(assignment):
            student = submission.student.id
            grades = {grade.name: grade for notebook in submission.notebooks for grade in notebook.grades}
            scores[student] = {item: float(grades[item].score or 0) for item in items if item in grades}
            totals[student] = float(submission.score)
            if submission.needs_manual_grade:
                to_grade.add(student)
    return scores, totals, max_total, notebooks, to_grade


def moodle_warning(assignment: str, to_grade: set[str]) -> str:
    if not to_grade:
        return ""
    names = ", ".join(sorted(to_grade))
    return french(
        f"Attention, import Moodle ({assignment}-moodle.csv) : {len(to_grade)} apprenant(s) ont des réponses "
        f"rédigées pas encore corrigées à la main ({names}). Leur total ne compte pas ces points : la colonne "
        "« Réponses rédigées » l'indique. Corrigez-les dans le formgrader de nbgrader, puis relancez "
        f"« cours nbgrader rapport {assignment} » avant d'importer les notes dans Moodle.")


def cohort_report(root: Path, assignment: str) -> CohortReport:
    root = Path(root)
    keys = read_keys(root / KEYS_DIR, assignment)
    auto_items = [item_id for item_id, key in keys.items() if key["kind"] != "open"]
    scores, totals, max_total, notebooks, to_grade = gradebook_scores(root, assignment, auto_items)
    answers = {learner: read_answers(root / "submitted" / learner / assignment / answers_file_name(notebooks[0]))[0]
               for learner in scores}
    items = item_statistics(keys, scores, answers)
    learners = sorted(scores)
    small = len(learners) < MIN_LEARNERS_FOR_ITEM_STATISTICS
    alpha = None if small else cronbach_alpha([[scores[learner].get(item, 0.0) for learner in learners]
                                               for item in auto_items])
    warnings = [text for text in (small_cohort_warning(len(learners)), moodle_warning(assignment, to_grade)) if text]
    return CohortReport(assignment, scores, totals, max_total, items, alpha, to_grade, warnings)


def summary_lines(report: CohortReport) -> list[str]:
    """What `cours nbgrader rapport` prints after the files it wrote: the cohort, alpha and each item."""
    alpha = "—" if report.alpha is None else f"{report.alpha:.2f}".replace(".", ",")
    reason = (f" (non calculé : moins de {MIN_LEARNERS_FOR_ITEM_STATISTICS} apprenants)"
              if report.alpha is None and report.small_cohort else "")
    lines = [f"{len(report.totals)} apprenant(s) ; alpha de Cronbach : {alpha}{reason}"]
    for item in report.items:
        discrimination = "—" if item.discrimination is None else f"{item.discrimination:.0f} %"
        lines.append(f"  {item.item_id} : facilité {item.facility:.0f} %, discrimination {discrimination}")
    return [french(line) for line in lines]

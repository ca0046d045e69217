"""Cohort report from nbgrader's gradebook: scores per learner, and item analysis in the form of Moodle's
quiz statistics (facility index, discrimination index, option frequencies, Cronbach's alpha), plus the
paths taken in each scenario. Only auto-graded questions enter the item analysis (written answers are
graded by hand, often later)."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .answers import answers_file_name, read_answers
from .keys import KEYS_DIR, read_keys
from .report import course_settings


# How each kind of item is named to instructors (exports, notebook).
KIND_LABELS = {"single": "choix unique", "multiple": "choix multiples", "scenario": "scénario",
               "open": "réponse ouverte"}


@dataclass
class ItemStatistics:
    item_id: str
    kind: str
    max_score: float
    facility: float  # mean score / max score, in %
    discrimination: float | None  # correlation of the item score with the rest of the test, in %
    choices: dict[str, float] = field(default_factory=dict)  # option (or scenario path) -> share of learners, in %

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
    alpha: float | None  # Cronbach's alpha over the auto-graded items


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


def _choice_label(kind: str, answer) -> list[str]:
    """What a learner chose, as counted in the option table: letters, or the whole scenario path."""
    if answer in (None, [], ""):
        return ["(sans réponse)"]
    if kind == "single":
        return [str(answer)]
    if kind == "multiple":
        return [str(option) for option in answer] if isinstance(answer, list) else ["(illisible)"]
    return [" → ".join(map(str, answer))] if isinstance(answer, list) else ["(illisible)"]


def gradebook_scores(root: Path, assignment: str, items: list[str]):
    """(learner -> item -> score for the given items, learner -> total, maximum total, notebook names),
    as nbgrader's gradebook holds them."""
    from nbgrader.api import Gradebook

    db_url, course_id = course_settings(Path(root))
    scores: dict[str, dict[str, float]] = {}
    totals: dict[str, float] = {}
    with Gradebook(db_url, course_id) as gradebook:
        record = gradebook.find_assignment(assignment)
        max_total = record.max_score
        notebooks = [notebook.name for notebook in record.notebooks]
        for submission in gradebook.assignment_submissions(assignment):
            student = submission.student.id
            grades = {grade.name: grade for notebook in submission.notebooks for grade in notebook.grades}
            scores[student] = {item: float(grades[item].score or 0) for item in items if item in grades}
            totals[student] = float(submission.score)
    return scores, totals, max_total, notebooks


def cohort_report(root: Path, assignment: str) -> CohortReport:
    root = Path(root)
    keys = read_keys(root / KEYS_DIR, assignment)
    auto_items = [item_id for item_id, key in keys.items() if key["kind"] != "open"]
    scores, totals, max_total, notebooks = gradebook_scores(root, assignment, auto_items)
    learners = sorted(scores)
    items = []
    for item_id in auto_items:
        key = keys[item_id]
        column = [scores[learner].get(item_id, 0.0) for learner in learners]
        rest = [sum(scores[learner].values()) - scores[learner].get(item_id, 0.0) for learner in learners]
        maximum = float(key.get("points", 1))
        counted: Counter = Counter()
        for learner in learners:
            answers, _ = read_answers(root / "submitted" / learner / assignment / answers_file_name(notebooks[0]))
            counted.update(_choice_label(key["kind"], answers.get(item_id)))
        correlation = _correlation(column, rest)
        items.append(ItemStatistics(
            item_id, key["kind"], maximum,
            facility=100 * statistics.fmean(column) / maximum if learners else 0.0,
            discrimination=None if correlation is None else 100 * correlation,
            choices={label: 100 * count / len(learners) for label, count in sorted(counted.items())}))
    alpha = cronbach_alpha([[scores[learner].get(item, 0.0) for learner in learners] for item in auto_items])
    return CohortReport(assignment, scores, totals, max_total, items, alpha)

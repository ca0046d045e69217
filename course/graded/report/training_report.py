"""The cohort's continuing-education report: progress per course objective between the positioning test
(quiz-00) and the final test (quiz-07), satisfaction results, and time on task measured from the learners'
recorded activity. Scores come from nbgrader's gradebook; answers files from the submitted folders."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ...learner.activity import time_per_module
from ..prepare.answers import answers_file_name, read_document
from ..prepare.build import OBJECTIVES_FILE, SATISFACTION
from ..prepare.keys import KEYS_DIR, read_keys
from .analysis import gradebook_scores

PRE_TEST, POST_TEST = "quiz-00", "quiz-07"


@dataclass
class ObjectiveProgress:
    objective: str
    text: str
    pre: dict[str, float]  # learner -> % of the objective's points in the positioning test
    post: dict[str, float]  # learner -> % in the final test

    @property
    def learners(self) -> list[str]:
        """Learners who took both tests: the only ones a gain can be measured for."""
        return sorted(set(self.pre) & set(self.post))

    @property
    def mean_pre(self) -> float | None:
        return statistics.fmean(self.pre[s] for s in self.learners) if self.learners else None

    @property
    def mean_post(self) -> float | None:
        return statistics.fmean(self.post[s] for s in self.learners) if self.learners else None

    @property
    def gains(self) -> dict[str, float]:
        return {student: self.post[student] - self.pre[student] for student in self.learners}

    @property
    def mean_gain(self) -> float | None:
        return statistics.fmean(self.gains.values()) if self.learners else None

    @property
    def normalised_gain(self) -> float | None:
        """Hake's class-average normalised gain: (mean post − mean pre) / (100 − mean pre)."""
        if not self.learners or self.mean_pre >= 100:
            return None
        return (self.mean_post - self.mean_pre) / (100 - self.mean_pre)


@dataclass
class SatisfactionResult:
    question: str
    kind: str
    levels: Counter = field(default_factory=Counter)  # 1..5 -> learners
    texts: list[str] = field(default_factory=list)

    @property
    def mean(self) -> float | None:
        answers = list(self.levels.elements())
        return statistics.fmean(answers) if answers else None


@dataclass
class TrainingReport:
    objectives: list[ObjectiveProgress]
    satisfaction: list[SatisfactionResult]
    time_on_task: dict[str, dict[str, float]]  # learner -> module or assignment -> seconds
    shared: dict[str, dict]  # learner -> what they attached to the questionnaire (profile, dates, times)
    matrix: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # objective -> assignment -> item ids

    def name(self, objective_id: str) -> str:
        """What an instructor reads for an objective: its words from the pathway (quizzes/parcours/objectifs.yml,
        copied to cles/objectifs.json by `cours nbgrader creer`), never its id alone."""
        for objective in self.objectives:
            if objective.objective == objective_id:
                return objective_name(objective.text)
        return f"objectif « {objective_id} » (absent de {KEYS_DIR}/{OBJECTIVES_FILE} : relancez cours nbgrader creer)"


def objective_name(text: str) -> str:
    return " ".join(text.split()).rstrip(" .")


def summary_lines(report: TrainingReport) -> list[str]:
    """What `cours nbgrader formation` prints after the files it wrote: each objective by its words, its progress
    and the questions that measure it; then the satisfaction answers and the attached times."""
    from ...typography import decimal, french

    lines = ["Progression par objectif, du test de positionnement (quiz-00) au test final (quiz-07) :"]
    progress = {o.objective: o for o in report.objectives}
    for objective_id in [*progress, *(o for o in report.matrix if o not in progress)]:
        lines.append(f"- {report.name(objective_id)}")
        o = progress.get(objective_id)
        if o is not None and o.learners:
            lines.append(f"    {decimal(o.mean_pre, 1)} % → {decimal(o.mean_post, 1)} % ({len(o.learners)} "
                         f"apprenant(s) ayant passé les deux tests), gain normalisé {decimal(o.normalised_gain, 2)}")
        elif o is not None:
            lines.append("    aucun apprenant n'a passé les deux tests")
        by_assignment = report.matrix.get(objective_id, {})
        counts = ", ".join(f"{name} : {len(ids)}" for name, ids in sorted(by_assignment.items()))
        lines.append(f"    questions qui le mesurent : {counts or 'aucune'}")
    answers = max((sum(r.levels.values()) for r in report.satisfaction), default=0)
    lines.append(f"Questionnaires de satisfaction : {answers} réponse(s) ; temps par module joint par "
                 f"{len(report.shared)} apprenant(s).")
    return [french(line) for line in lines]


def objective_matrix(root: Path) -> dict[str, dict[str, list[str]]]:
    """Which questions of each assignment measure each course objective, read from the keys: the instructor
    sees at a glance that every objective is measured, and by how many questions, before and after."""
    matrix: dict[str, dict[str, list[str]]] = {o["id"]: {} for o in _objectives(root)}
    for path in sorted((Path(root) / KEYS_DIR).glob("quiz-*.json")):
        for item_id, key in read_keys(Path(root) / KEYS_DIR, path.stem).items():
            if key.get("objectif"):
                matrix.setdefault(key["objectif"], {}).setdefault(path.stem, []).append(item_id)
    return matrix


def objective_percents(root: Path, assignment: str) -> dict[str, dict[str, float]]:
    """Learner -> objective -> % of that objective's points, from the gradebook ({} before grading)."""
    keys = read_keys(Path(root) / KEYS_DIR, assignment)
    if not keys:
        return {}
    try:
        scores, *_ = gradebook_scores(root, assignment, list(keys))
    except Exception:  # not graded yet: no submission in the gradebook
        return {}
    result = {}
    for student, items in scores.items():
        earned: Counter = Counter()
        possible: Counter = Counter()
        for item_id, key in keys.items():
            objective = key.get("objectif")
            if objective:
                earned[objective] += items.get(item_id, 0.0)
                possible[objective] += key.get("points", 1)
        result[student] = {objective: 100 * earned[objective] / possible[objective] for objective in possible}
    return result


def _objectives(root: Path) -> list[dict]:
    path = Path(root) / KEYS_DIR / OBJECTIVES_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _submitted_documents(root: Path, assignment: str) -> dict[str, dict]:
    documents = {}
    for folder in sorted((Path(root) / "submitted").glob(f"*/{assignment}")):
        document, _ = read_document(folder / answers_file_name(assignment))
        documents[folder.parent.name] = document
    return documents


def training_report(root: Path, questions: list[dict] | None = None) -> TrainingReport:
    root = Path(root)
    pre, post = objective_percents(root, PRE_TEST), objective_percents(root, POST_TEST)
    objectives = [ObjectiveProgress(o["id"], o["texte"],
                                    {s: v[o["id"]] for s, v in pre.items() if o["id"] in v},
                                    {s: v[o["id"]] for s, v in post.items() if o["id"] in v})
                  for o in _objectives(root)]
    questionnaires = _submitted_documents(root, SATISFACTION)
    questions = questions or _questionnaire_questions(root)
    satisfaction = []
    for question in questions:
        result = SatisfactionResult(question["texte"], question["kind"])
        for document in questionnaires.values():
            answer = document.get("answers", {}).get(question["id"])
            if question["kind"] == "likert" and answer in (1, 2, 3, 4, 5):
                result.levels[answer] += 1
            elif question["kind"] == "texte" and isinstance(answer, str) and answer.strip():
                result.texts.append(answer.strip())
        satisfaction.append(result)
    shared = {student: document["partage"] for student, document in questionnaires.items()
              if isinstance(document.get("partage"), dict)}
    time_on_task: dict[str, dict[str, float]] = {}
    for folder in sorted((root / "submitted").glob("*/*")):
        document, _ = read_document(folder / answers_file_name(folder.name))
        events = [{"quand": moment, "module": folder.name} for moment in document.get("moments", [])]
        spent = time_per_module(events).get(folder.name)
        if spent:  # a single click (or none) measures no time
            time_on_task.setdefault(folder.parent.name, {})[folder.name] = spent
    course_modules = {module for o in _objectives(root) for module in o.get("modules", [])}
    for student, attached in shared.items():
        for module, seconds in (attached.get("temps_par_module") or {}).items():
            if course_modules and module not in course_modules:
                continue  # a module this course does not have: nothing was spent in it
            if isinstance(seconds, (int, float)) and seconds >= 0:
                time_on_task.setdefault(student, {})[f"module-{module}"] = float(seconds)
    return TrainingReport(objectives, satisfaction, time_on_task, shared, objective_matrix(root))


def _questionnaire_questions(root: Path) -> list[dict]:
    """The questions as released (read back from the source notebook's questionnaire cell)."""
    import ast

    import nbformat

    path = root / "source" / SATISFACTION / f"{SATISFACTION}.ipynb"
    if not path.exists():
        return []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code" and cell.source.startswith("show_questionnaire("):
            call = ast.parse(cell.source).body[0].value
            return ast.literal_eval(call.args[0])
    return []


# Time on task as every report and attestation prints it.

def planned_seconds(organiser: dict) -> float:
    """The planned duration of the course, which bounds any declared time: formation.yml's, or if it is unreadable
    the one default (organiser.PLANNED_HOURS, the home page's « environ 3 h »)."""
    from ...formation import PLANNED_HOURS

    try:
        hours = float(organiser.get("duree_prevue_heures"))
    except (TypeError, ValueError):
        hours = PLANNED_HOURS
    return (hours if 0 < hours < 1000 else PLANNED_HOURS) * 3600


def planned_duration(organiser: dict) -> str:
    """The planned duration as every attestation and report prints it: « 3 h », « 2 h 48 »."""
    return duration(planned_seconds(organiser))


def duration(seconds: float) -> str:
    """A measured duration in French, never « 0 min »: « moins d’1 min », « 25 min », « 2 h 48 », « 3 h »."""
    minutes = round(seconds / 60)
    if minutes < 1:
        return "moins d’1 min"
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h" + (f" {minutes % 60:02d}" if minutes % 60 else "")


def part_title(name: str) -> str:
    """What a time-on-task entry is called on the attestation: module-01, quiz-00, quiz-06, satisfaction…"""
    if name.startswith("module-"):
        return f"Module {name.removeprefix('module-')}"
    named = {PRE_TEST: "Test de positionnement", POST_TEST: "Test final",
             SATISFACTION: "Questionnaire de satisfaction"}
    return named.get(name, f"Évaluation notée ({name})")

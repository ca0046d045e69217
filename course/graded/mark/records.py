"""After autograde: a record for every learner (graded, to grade by hand, or not graded and why),
and the repair of submissions nbgrader cannot read, so that no clicked answer is lost."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from traitlets.config.loader import PyFileConfigLoader

from ...bank.serialize import item_from_data
from ...scoring import score_item
from ...typography import french
from ..prepare.answers import answers_file_name, read_answers
from ..prepare.keys import KEYS_DIR, read_keys


def course_settings(root: Path) -> tuple[str, str]:
    """The gradebook URL and course id that nbgrader uses for this course directory."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    course = config.get("CourseDirectory", {})
    db_url = course.get("db_url") or f"sqlite:///{Path(root) / 'gradebook.db'}"
    return db_url, course.get("course_id", "")


@dataclass
class LearnerRecord:
    student: str
    score: float | None  # None: no grade in the gradebook
    max_score: float
    status: str  # « noté », « à corriger à la main », « non noté », « aucune copie »
    reasons: list[str] = field(default_factory=list)

    def line(self) -> str:
        score = "—" if self.score is None else f"{self.score:g}".replace(".", ",")
        text = f"{self.student} : {score} / {self.max_score:g} — {self.status}"
        return french(text + (f" ({' ; '.join(self.reasons)})" if self.reasons else ""))


def submission_problems(folder: Path, notebook: str, keys: dict[str, dict]) -> list[str]:
    """What is wrong with one submitted folder, in French; empty if nothing is."""
    problems = []
    expected = folder / f"{notebook}.ipynb"
    if not expected.exists():
        others = sorted(path.name for path in folder.glob("*.ipynb"))
        problems.append(f"notebook « {expected.name} » absent" + (f", trouvé : {', '.join(others)}" if others else ""))
    else:
        try:
            nbformat.read(expected, as_version=4)
        except Exception as error:  # nbformat raises several kinds for a damaged file
            problems.append(f"notebook illisible ({error.__class__.__name__})")
    answers, answers_problem = read_answers(folder / answers_file_name(notebook))
    if answers_problem:
        problems.append(answers_problem)
    unreadable = [item_id for item_id, key in keys.items() if key["kind"] != "open" and item_id in answers
                  and score_item(item_from_data(key, ""), answers[item_id]).problem]
    if unreadable:
        problems.append(f"réponse illisible (0 point) : {', '.join(unreadable)}")
    return problems


def assignment_records(root: Path, assignment: str) -> list[LearnerRecord]:
    from nbgrader.api import Gradebook, MissingEntry

    from .exchange import read_refusals

    root = Path(root)
    db_url, course_id = course_settings(root)
    records = []
    keys = read_keys(root / KEYS_DIR, assignment)
    refused = read_refusals(root, assignment)  # what collect left out of each submission
    with Gradebook(db_url, course_id) as gradebook:
        notebooks = [notebook.name for notebook in gradebook.find_assignment(assignment).notebooks]
        max_score = gradebook.find_assignment(assignment).max_score
        for student in sorted(student.id for student in gradebook.students):
            folder = root / "submitted" / student / assignment
            if not folder.exists():
                records.append(LearnerRecord(student, None, max_score, "aucune copie"))
                continue
            reasons = [f"non ramassé : {reason}" for reason in refused.get(student, [])]
            reasons += [problem for notebook in notebooks for problem in submission_problems(folder, notebook, keys)]
            try:
                submission = gradebook.find_submission(assignment, student)
            except MissingEntry:
                records.append(LearnerRecord(student, None, max_score, "non noté", reasons or ["jamais corrigé"]))
                continue
            grades = [grade for notebook in submission.notebooks for grade in notebook.grades]
            ungraded = [grade.name for grade in grades if grade.score is None and not grade.needs_manual_grade]
            autograded = all((root / "autograded" / student / assignment / f"{name}.ipynb").exists()
                             for name in notebooks)
            if not autograded or ungraded:
                status = "non noté"
                reasons.append("la correction automatique a échoué : voir le journal de nbgrader autograde"
                               if not autograded else f"questions sans note : {', '.join(ungraded)}")
            elif submission.needs_manual_grade:
                status = "à corriger à la main"
                reasons.append("réponses rédigées : " + ", ".join(
                    grade.name for grade in grades if grade.needs_manual_grade))
            else:
                status = "noté"
            records.append(LearnerRecord(student, submission.score, max_score, status, reasons))
    return records


def repair_submissions(root: Path, assignment: str) -> list[str]:
    """Make every submission gradable without losing anything: a renamed notebook gets its expected
    name back; an unreadable one is set aside (kept as .illisible) and replaced by the released
    notebook, so the clicked answers (in the answers file) are graded and the written ones count 0."""
    root = Path(root)
    done = []
    released = root / "release" / assignment
    for folder in sorted((root / "submitted").glob(f"*/{assignment}")):
        student = folder.parent.name
        for template in sorted(released.glob("*.ipynb")):
            expected = folder / template.name
            if not expected.exists():
                readable = [path for path in folder.glob("*.ipynb") if _readable(path)]
                if len(readable) == 1:
                    shutil.copy(readable[0], expected)
                    done.append(f"{student} : « {readable[0].name} » remis sous son nom « {expected.name} »")
                continue
            if not _readable(expected):
                expected.rename(expected.with_name(expected.name + ".illisible"))
                shutil.copy(template, expected)
                done.append(f"{student} : « {expected.name} » illisible, mis de côté ; les réponses cliquées "
                            "seront notées, les réponses rédigées sont perdues (0)")
    return [french(line) for line in done]


def _readable(path: Path) -> bool:
    try:
        nbformat.read(path, as_version=4)
        return True
    except Exception:
        return False

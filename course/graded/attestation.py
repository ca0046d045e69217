"""Completion records: a printable French attestation for each learner above the pass mark, with an id
the instructor's CLI checks against the gradebook (an HMAC with a key kept in the course's keys folder,
so an id cannot be made up or reused for another learner, score or date)."""

from __future__ import annotations

import hashlib
import hmac
import html
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..typography import french
from .keys import KEYS_DIR
from .report import course_settings

_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]


@dataclass
class Attestation:
    student: str
    name: str
    score: float
    max_score: float
    issued: date
    identifier: str
    profession: str | None = None  # as the learner declared it in their profile, if they attached it
    pre_percent: float | None = None  # positioning test (quiz-00), % of its points
    post_percent: float | None = None  # final test (quiz-07)
    start: date | None = None  # first and last recorded activity
    end: date | None = None
    time_on_task: dict[str, float] = field(default_factory=dict)  # module or assignment -> seconds measured

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0


def _key(root: Path) -> bytes:
    path = Path(root) / KEYS_DIR / "attestations.cle"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return bytes.fromhex(path.read_text().strip())


def make_identifier(root: Path, course_id: str, assignment: str, student: str, score: float, issued: date) -> str:
    message = f"{course_id}|{assignment}|{student}|{score:.2f}|{issued.isoformat()}".encode()
    digest = hmac.new(_key(root), message, hashlib.sha256).hexdigest()[:16].upper()
    return f"{issued:%Y%m%d}-{digest}"


def _learners(root: Path, assignment: str):
    from nbgrader.api import Gradebook

    db_url, course_id = course_settings(root)
    with Gradebook(db_url, course_id) as gradebook:
        max_score = gradebook.find_assignment(assignment).max_score
        rows = [(s.student.id, " ".join(filter(None, [s.student.first_name, s.student.last_name])) or s.student.id,
                 float(s.score), bool(s.needs_manual_grade)) for s in gradebook.assignment_submissions(assignment)]
    return course_id, max_score, rows


def _test_percents(root: Path, assignment: str) -> dict[str, float]:
    from .analysis import gradebook_scores

    try:
        _, totals, max_total, _ = gradebook_scores(root, assignment, [])
    except Exception:  # the test was not given, or not graded yet
        return {}
    return {student: 100 * total / max_total for student, total in totals.items()} if max_total else {}


def add_details(root: Path, made: list[Attestation]) -> None:
    """Profession, pre/post tests, dates and time on task, all from what the learners' activity recorded."""
    from .answers import answers_file_name, read_document
    from .training_report import POST_TEST, PRE_TEST, training_report

    report = training_report(root)
    pre, post = _test_percents(root, PRE_TEST), _test_percents(root, POST_TEST)
    for item in made:
        shared = report.shared.get(item.student, {})
        item.profession = (shared.get("profil") or {}).get("profession")
        item.pre_percent, item.post_percent = pre.get(item.student), post.get(item.student)
        item.time_on_task = report.time_on_task.get(item.student, {})
        moments = [shared.get("debut"), shared.get("fin")]
        for folder in (Path(root) / "submitted" / item.student).glob("*"):
            document, _ = read_document(folder / answers_file_name(folder.name))
            moments += document.get("moments", [])
        days = sorted(datetime.fromisoformat(m).date() for m in moments if isinstance(m, str) and _is_moment(m))
        item.start, item.end = (days[0], days[-1]) if days else (None, None)


def _is_moment(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def attestations(root: Path, assignment: str, pass_percent: float, issued: date | None = None):
    """(attestations for learners at or above the pass mark, learners still waiting for a hand grade)."""
    issued = issued or date.today()
    course_id, max_score, rows = _learners(Path(root), assignment)
    made, waiting = [], []
    for student, name, score, needs_grading in sorted(rows):
        if needs_grading:
            waiting.append(student)  # the score is not final yet
        elif max_score and 100 * score / max_score >= pass_percent:
            made.append(Attestation(student, name, score, max_score, issued,
                                    make_identifier(root, course_id, assignment, student, score, issued)))
    return made, waiting


def verify(root: Path, assignment: str, identifier: str) -> Attestation | None:
    """The attestation an id belongs to, if it still matches the gradebook; otherwise None."""
    identifier = identifier.strip().upper()  # any pasted text: spaces around, lower case, any character
    try:
        issued = date(int(identifier[:4]), int(identifier[4:6]), int(identifier[6:8]))
    except ValueError:
        return None
    course_id, max_score, rows = _learners(Path(root), assignment)
    for student, name, score, _ in rows:
        expected = make_identifier(root, course_id, assignment, student, score, issued)
        if hmac.compare_digest(expected.encode("utf-8"), identifier.encode("utf-8")):
            return Attestation(student, name, score, max_score, issued, expected)
    return None


def _day(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {_MONTHS[day.month - 1]} {day.year}"


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}"


def _hours(value) -> str:
    try:
        hours = float(value)
    except (TypeError, ValueError):
        return "non précisée"
    return f"{hours:g} h".replace(".", ",")


def _percent(value: float | None) -> str:
    return "non passé" if value is None else f"{value:.0f}\u00a0%"


def part_title(name: str) -> str:
    """What a time-on-task entry is called on the attestation: module-01, quiz-00, quiz-06, satisfaction…"""
    from .build import SATISFACTION
    from .training_report import POST_TEST, PRE_TEST

    if name.startswith("module-"):
        return f"Module {name.removeprefix('module-')}"
    named = {PRE_TEST: "Test de positionnement", POST_TEST: "Test final",
             SATISFACTION: "Questionnaire de satisfaction"}
    return named.get(name, f"Évaluation notée ({name})")


def attestation_html(item: Attestation, organiser: dict, objectives: list[str]) -> str:
    """A printable French attestation. Every organiser field left empty in formation.yml is left off."""
    from ..bank.model import PROFESSIONS
    from .organiser import LABELS

    escape = html.escape
    profession = PROFESSIONS.get(item.profession or "", "non indiquée par l’apprenant")
    organiser_rows = "".join(f"<tr><th>{escape(label)}</th><td>{escape(str(organiser[key]))}</td></tr>"
                             for key, label in LABELS.items() if str(organiser.get(key, "")).strip())
    objectives_html = "".join(f"<li>{escape(french(text))}</li>" for text in objectives)
    if item.time_on_task:
        times = "".join(f"<tr><td>{escape(part_title(name))}</td><td>{_minutes(seconds)}</td></tr>"
                        for name, seconds in sorted(item.time_on_task.items()))
        time_html = (f"<table><thead><tr><th>Partie</th><th>Temps mesuré</th></tr></thead><tbody>{times}</tbody>"
                     f"<tfoot><tr><th>Total</th><th>{_minutes(sum(item.time_on_task.values()))}</th></tr></tfoot>"
                     "</table><p class=\"note\">Temps mesuré à partir de l’activité enregistrée sur le poste de "
                     "l’apprenant (cellules exécutées, réponses validées) ; une pause de plus de 10 minutes sans "
                     "activité n’est pas comptée. Les modules ne figurent que si l’apprenant a joint ses temps au "
                     "questionnaire de satisfaction.</p>")
    else:
        time_html = "<p>Temps passé : non mesuré (aucune activité enregistrée n’a été remise).</p>"
    dates = ("du " + _day(item.start) + " au " + _day(item.end)) if item.start else "non enregistrées"
    score = f"{item.score:g}".replace(".", ",")
    text = french(f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Attestation — {escape(item.name)}</title>
<style>body{{font-family:serif;max-width:42em;margin:3em auto;line-height:1.5}} h1{{text-align:center}}
table{{border-collapse:collapse;margin:.5em 0}} th,td{{border:1px solid #999;padding:.2em .6em;text-align:left}}
.id{{font-family:monospace}} .note{{font-size:.9em}} @media print{{body{{margin:1.5cm}}}}</style></head><body>
<h1>Attestation de formation</h1>
<table class="organisme">{organiser_rows}</table>
<p>Nous attestons que <strong>{escape(item.name)}</strong> ({escape(profession)}) a suivi la formation
« <strong>{escape(str(organiser.get("titre", "")))}</strong> ».</p>
<p><strong>Méthode :</strong> {escape(str(organiser.get("methode", "")))}</p>
<p><strong>Objectifs de la formation :</strong></p><ul>{objectives_html}</ul>
<p><strong>Dates de l’activité enregistrée :</strong> {dates}.</p>
<p><strong>Durée prévue du parcours :</strong> {_hours(organiser.get("duree_prevue_heures"))} ;
<strong>temps passé</strong>, mesuré :</p>{time_html}
<p><strong>Résultats :</strong> test de positionnement {_percent(item.pre_percent)} ; test final
{_percent(item.post_percent)} ; évaluation finale <strong>{score} / {item.max_score:g}</strong>
({item.percent:.0f}\u00a0%).</p>
<p>Fait le {_day(item.issued)}.</p>
<p>Identifiant de vérification : <span class="id">{item.identifier}</span>
(vérifiable par le formateur : « cours nbgrader verifier-attestation … »).</p>
</body></html>
""")
    return text

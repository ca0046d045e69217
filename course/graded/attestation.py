"""Completion records: a printable French attestation for each learner above the pass mark, with an id
the instructor's CLI checks against the gradebook (an HMAC with a key kept in the course's keys folder,
so an id cannot be made up or reused for another learner, score or date)."""

from __future__ import annotations

import hashlib
import hmac
import html
import secrets
from dataclasses import dataclass
from datetime import date
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
    try:
        issued = date(int(identifier[:4]), int(identifier[4:6]), int(identifier[6:8]))
    except ValueError:
        return None
    course_id, max_score, rows = _learners(Path(root), assignment)
    for student, name, score, _ in rows:
        expected = make_identifier(root, course_id, assignment, student, score, issued)
        if hmac.compare_digest(expected, identifier.upper()):
            return Attestation(student, name, score, max_score, issued, expected)
    return None


def attestation_html(item: Attestation, course_title: str, modules: list[str], hours: float,
                     organiser: str = "") -> str:
    when = f"{'1er' if item.issued.day == 1 else item.issued.day} {_MONTHS[item.issued.month - 1]} {item.issued.year}"
    modules_html = "".join(f"<li>{html.escape(french(module))}</li>" for module in modules)
    score = f"{item.score:g}".replace(".", ",")
    hours_text = f"{hours:g}".replace(".", ",")
    text = french(f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Attestation — {html.escape(item.name)}</title>
<style>body{{font-family:serif;max-width:42em;margin:3em auto;line-height:1.5}} h1{{text-align:center}}
.id{{font-family:monospace}} @media print{{body{{margin:1.5cm}}}}</style></head><body>
<h1>Attestation de formation</h1>
<p>Nous attestons que <strong>{html.escape(item.name)}</strong> a suivi la formation
« <strong>{html.escape(course_title)}</strong> »{f", organisée par {html.escape(organiser)}" if organiser else ""},
d’une durée de {hours_text} heures, et a réussi son évaluation finale avec la note de
<strong>{score} / {item.max_score:g}</strong> ({item.percent:.0f}\u00a0%).</p>
<p>Modules de la formation :</p><ul>{modules_html}</ul>
<p>Fait le {when}.</p>
<p>Identifiant de vérification : <span class="id">{item.identifier}</span>
(vérifiable par le formateur : « cours nbgrader verifier-attestation … »).</p>
</body></html>
""")
    return text

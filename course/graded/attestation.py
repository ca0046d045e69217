"""Completion records: a printable French attestation for each learner above the pass mark. Its id is an
HMAC, with a key kept in the course's keys folder, of every field the attestation prints; each issued
attestation is registered there, so `verifier-attestation` shows every field it vouches for and refuses an
id that was made up, altered, or whose grade has changed since. What only the learner's machine recorded
(profession, activity dates, time) is printed as declared, bounded by the session and the planned duration."""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..typography import french
from .keys import KEYS_DIR
from .report import course_settings

_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]
REGISTER = "attestations-delivrees.jsonl"  # in the keys folder: never released, private to the instructor


@dataclass
class Attestation:
    student: str
    name: str
    score: float
    max_score: float
    issued: date
    identifier: str = ""
    profession: str | None = None  # as the learner declared it in their profile, if they attached it
    pre_percent: float | None = None  # positioning test (quiz-00), % of its points
    post_percent: float | None = None  # final test (quiz-07)
    start: date | None = None  # first and last declared activity, within the session
    end: date | None = None
    time_on_task: dict[str, float] = field(default_factory=dict)  # part -> declared seconds, capped
    total_time: float = 0.0  # their sum, capped too
    time_capped: bool = False  # some declared time went past the planned duration and was cut to it

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0


@dataclass
class Registered:
    """An issued attestation as the register keeps it: what `verifier-attestation` vouches for."""
    student: str
    identifier: str
    fields: dict[str, str]


def _key(root: Path) -> bytes:
    path = Path(root) / KEYS_DIR / "attestations.cle"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return bytes.fromhex(path.read_text().strip())


def _signed(root: Path, record: dict) -> str:
    """The id of a register record: its day, then the HMAC of everything else it holds."""
    message = json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")
    digest = hmac.new(_key(root), message, hashlib.sha256).hexdigest()[:16].upper()
    return f"{record['delivree_le'].replace('-', '')}-{digest}"


def _record(course_id: str, assignment: str, item: Attestation) -> dict:
    return {"cours": course_id, "devoir": assignment, "apprenant": item.student, "note": f"{item.score:.2f}",
            "delivree_le": item.issued.isoformat(), "champs": vouched(item)}


def _register(root: Path, record: dict, identifier: str) -> None:
    path = Path(root) / KEYS_DIR / REGISTER
    if any(entry.get("identifiant") == identifier for entry in _read_register(root)):
        return  # issued again the same day with the same fields: same id, already registered
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as register:
        register.write(json.dumps({**record, "identifiant": identifier}, ensure_ascii=False) + "\n")


def _read_register(root: Path) -> list[dict]:
    path = Path(root) / KEYS_DIR / REGISTER
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a damaged line verifies nothing; the others still do
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


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


def planned_seconds(organiser: dict) -> float:
    """The planned duration of the course, which bounds any declared time (the template's if unreadable)."""
    from .organiser import TEMPLATE
    import yaml

    for value in (organiser.get("duree_prevue_heures"), yaml.safe_load(TEMPLATE.format(today=""))["duree_prevue_heures"]):
        try:
            hours = float(value)
        except (TypeError, ValueError):
            continue
        if 0 < hours < 1000:
            return hours * 3600
    raise AssertionError("the template's planned duration is a number")


def first_day(root: Path, organiser: dict) -> date:
    """No declared activity counts before the session: its first day, or the day the course was created."""
    from .organiser import session_start

    start = session_start(organiser)
    if start is not None:
        return start.date() if isinstance(start, datetime) else start
    return date.fromtimestamp((Path(root) / "nbgrader_config.py").stat().st_mtime)


def add_details(root: Path, made: list[Attestation], organiser: dict) -> None:
    """Profession, pre/post tests, dates and time on task. The tests come from the gradebook; the rest only
    from the learner's machine, so it is kept within the session's days and the planned duration."""
    from ..bank.model import PROFESSIONS
    from .answers import answers_file_name, read_document
    from .training_report import POST_TEST, PRE_TEST, training_report

    report = training_report(root)
    pre, post = _test_percents(root, PRE_TEST), _test_percents(root, POST_TEST)
    cap, earliest = planned_seconds(organiser), first_day(root, organiser)
    for item in made:
        shared = report.shared.get(item.student, {})
        profession = (shared.get("profil") or {}).get("profession")
        item.profession = profession if profession in PROFESSIONS else None
        item.pre_percent, item.post_percent = pre.get(item.student), post.get(item.student)
        declared = report.time_on_task.get(item.student, {})
        item.time_on_task = {part: min(seconds, cap) for part, seconds in declared.items()}
        item.total_time = min(sum(declared.values()), cap)
        item.time_capped = sum(declared.values()) > cap
        moments = [shared.get("debut"), shared.get("fin")]
        for folder in (Path(root) / "submitted" / item.student).glob("*"):
            document, _ = read_document(folder / answers_file_name(folder.name))
            moments += document.get("moments", [])
        days = sorted(day for day in map(_day_of, moments) if day and earliest <= day <= item.issued)
        item.start, item.end = (days[0], days[-1]) if days else (None, None)


def _day_of(moment) -> date | None:
    if not isinstance(moment, str):
        return None
    try:
        return datetime.fromisoformat(moment).date()
    except ValueError:
        return None


def attestations(root: Path, assignment: str, pass_percent: float, issued: date | None = None,
                 organiser: dict | None = None):
    """(attestations for learners at or above the pass mark, learners still waiting for a hand grade); each
    attestation made is registered with its id."""
    from .organiser import load_organiser

    root, issued = Path(root), issued or date.today()
    organiser = load_organiser(root) if organiser is None else organiser
    course_id, max_score, rows = _learners(root, assignment)
    made, waiting = [], []
    for student, name, score, needs_grading in sorted(rows):
        if needs_grading:
            waiting.append(student)  # the score is not final yet
        elif max_score and 100 * score / max_score >= pass_percent:
            made.append(Attestation(student, name, score, max_score, issued))
    add_details(root, made, organiser)
    for item in made:
        record = _record(course_id, assignment, item)
        item.identifier = _signed(root, record)
        _register(root, record, item.identifier)
    return made, waiting


def verify(root: Path, assignment: str, identifier: str) -> Registered | None:
    """The registered attestation an id belongs to, if its fields are intact and its grade is still the
    gradebook's; otherwise None."""
    identifier = identifier.strip().upper()  # any pasted text: spaces around, lower case, any character
    course_id, _, rows = _learners(Path(root), assignment)
    scores = {student: f"{score:.2f}" for student, _, score, _ in rows}
    for entry in _read_register(root):
        record = {key: entry.get(key) for key in ("cours", "devoir", "apprenant", "note", "delivree_le", "champs")}
        if (entry.get("identifiant") == identifier and record["cours"] == course_id and record["devoir"] == assignment
                and isinstance(record["champs"], dict) and isinstance(record["delivree_le"], str)
                and hmac.compare_digest(_signed(root, record).encode(), identifier.encode("utf-8"))
                and scores.get(record["apprenant"]) == record["note"]):
            return Registered(record["apprenant"], identifier, record["champs"])
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


def _profession(item: Attestation) -> str:
    from ..bank.model import PROFESSIONS

    return PROFESSIONS.get(item.profession or "", "non indiquée par l’apprenant")


def _dates(item: Attestation) -> str:
    return f"du {_day(item.start)} au {_day(item.end)}" if item.start else "non enregistrées"


def vouched(item: Attestation) -> dict[str, str]:
    """Every field the attestation prints about the learner, as printed: what its id signs and what
    `verifier-attestation` shows."""
    times = " ; ".join(f"{part_title(name)} : {_minutes(seconds)}" for name, seconds in sorted(item.time_on_task.items()))
    return {
        "Apprenant": f"{item.name} ({item.student})",
        "Profession déclarée": _profession(item),
        "Évaluation finale": f"{item.score:g} / {item.max_score:g} ({item.percent:.0f} %)".replace(".", ","),
        "Test de positionnement": _percent(item.pre_percent),
        "Test final": _percent(item.post_percent),
        "Dates de l’activité déclarée": _dates(item),
        "Temps déclaré": f"{times} ; total : {_minutes(item.total_time)}" if times else "non déclaré",
        "Délivrée le": _day(item.issued),
    }


def attestation_html(item: Attestation, organiser: dict, objectives: list[str]) -> str:
    """A printable French attestation. Every organiser field left empty in formation.yml is left off; what
    only the learner's machine recorded is labelled as declared."""
    from .organiser import LABELS

    escape = html.escape
    fields = vouched(item)
    organiser_rows = "".join(f"<tr><th>{escape(label)}</th><td>{escape(str(organiser[key]))}</td></tr>"
                             for key, label in LABELS.items() if str(organiser.get(key, "")).strip())
    objectives_html = "".join(f"<li>{escape(french(text))}</li>" for text in objectives)
    planned = _hours(organiser.get("duree_prevue_heures"))
    if item.time_on_task:
        times = "".join(f"<tr><td>{escape(part_title(name))}</td><td>{_minutes(seconds)}</td></tr>"
                        for name, seconds in sorted(item.time_on_task.items()))
        capped = (f" Le temps déclaré dépassait la durée prévue ({planned}) : il y est plafonné."
                  if item.time_capped else "")
        time_html = (f"<table><thead><tr><th>Partie</th><th>Temps déclaré</th></tr></thead><tbody>{times}</tbody>"
                     f"<tfoot><tr><th>Total</th><th>{_minutes(item.total_time)}</th></tr></tfoot>"
                     "</table><p class=\"note\">Temps déclaré : enregistré sur le poste de l’apprenant (cellules "
                     "exécutées, réponses validées) et remis avec ses réponses, il n’est pas vérifié par l’organisme. "
                     "Une pause de plus de 10 minutes sans activité n’est pas comptée ; chaque partie et le total "
                     "sont plafonnés à la durée prévue. Les modules ne figurent que si l’apprenant a joint ses "
                     f"temps au questionnaire de satisfaction.{capped}</p>")
    else:
        time_html = "<p>Temps passé : non déclaré (aucune activité enregistrée n’a été remise).</p>"
    text = french(f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Attestation — {escape(item.name)}</title>
<style>body{{font-family:serif;max-width:42em;margin:3em auto;line-height:1.5}} h1{{text-align:center}}
table{{border-collapse:collapse;margin:.5em 0}} th,td{{border:1px solid #999;padding:.2em .6em;text-align:left}}
.id{{font-family:monospace}} .note{{font-size:.9em}} @media print{{body{{margin:1.5cm}}}}</style></head><body>
<h1>Attestation de formation</h1>
<table class="organisme">{organiser_rows}</table>
<p>Nous attestons que <strong>{escape(item.name)}</strong> (profession déclarée : {escape(fields["Profession déclarée"])})
a suivi la formation « <strong>{escape(str(organiser.get("titre", "")))}</strong> ».</p>
<p><strong>Méthode :</strong> {escape(str(organiser.get("methode", "")))}</p>
<p><strong>Objectifs de la formation :</strong></p><ul>{objectives_html}</ul>
<p><strong>Dates de l’activité déclarée :</strong> {fields["Dates de l’activité déclarée"]} (comprises entre le début de
la session et la date de l’attestation).</p>
<p><strong>Durée prévue du parcours :</strong> {planned} ; <strong>temps passé</strong>, déclaré :</p>{time_html}
<p><strong>Résultats :</strong> test de positionnement {fields["Test de positionnement"]} ; test final
{fields["Test final"]} ; évaluation finale <strong>{escape(fields["Évaluation finale"])}</strong>.</p>
<p>Fait le {fields["Délivrée le"]}.</p>
<p>Identifiant de vérification : <span class="id">{item.identifier}</span> (le formateur le vérifie avec
« cours nbgrader verifier-attestation … », qui affiche chacune des valeurs ci-dessus).</p>
</body></html>
""")
    return text

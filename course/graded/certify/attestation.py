"""Completion records: a printable French attestation for each learner above the pass mark. Its id is an
HMAC, with a key kept in the course's keys folder, of every field the attestation prints; each issued
attestation is registered there, so `verifier-attestation` shows every field it vouches for and refuses an
id that was made up, altered, or whose grade has changed since, saying which in French, whatever text is pasted.
What only the learner's machine recorded (profession, activity dates, time) is printed as declared, bounded by the
session and the planned duration; what was not recorded is said to be so, never printed as 0.

Every learner of the gradebook gets either an attestation or a reason (below the pass mark, written answers still
to grade, no submission…), and the instructor is told how many points of the assignment are graded by hand."""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ...typography import french, short
from ..mark.records import course_settings
from ..prepare.keys import KEYS_DIR, read_keys
from ..report.training_report import (POST_TEST, PRE_TEST, duration, part_title, planned_duration,
                                      planned_seconds, training_report)

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
    unmeasured: dict[str, str] = field(default_factory=dict)  # part of the course -> why no time is measured

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
    """(course id, maximum score, rows of (learner, name, score, needs a hand grade, points still to grade by
    hand)) for every submission in the gradebook."""
    from nbgrader.api import Gradebook

    db_url, course_id = course_settings(root)
    with Gradebook(db_url, course_id) as gradebook:
        max_score = gradebook.find_assignment(assignment).max_score
        rows = [(s.student.id, " ".join(filter(None, [s.student.first_name, s.student.last_name])) or s.student.id,
                 float(s.score), bool(s.needs_manual_grade),
                 sum(float(grade.max_score) for notebook in s.notebooks for grade in notebook.grades
                     if grade.needs_manual_grade))
                for s in gradebook.assignment_submissions(assignment)]
    return course_id, max_score, rows


def _test_percents(root: Path, assignment: str) -> dict[str, float]:
    from ..report.analysis import gradebook_scores

    try:
        _, totals, max_total, *_ = gradebook_scores(root, assignment, [])
    except Exception:  # the test was not given, or not graded yet
        return {}
    return {student: 100 * total / max_total for student, total in totals.items()} if max_total else {}


def first_day(root: Path, organiser: dict) -> date:
    """No declared activity counts before the session: its first day, or the day the course was created."""
    from ...formation import session_start

    start = session_start(organiser)
    if start is not None:
        return start.date() if isinstance(start, datetime) else start
    return date.fromtimestamp((Path(root) / "nbgrader_config.py").stat().st_mtime)


def add_details(root: Path, made: list[Attestation], organiser: dict, assignment: str = "") -> None:
    """Profession, pre/post tests, dates and time on task. The tests come from the gradebook; the rest only
    from the learner's machine, so it is kept within the session's days and the planned duration."""
    from ...bank.model import PROFESSIONS
    from ..prepare.answers import answers_file_name, read_document

    report = training_report(root)
    pre, post = _test_percents(root, PRE_TEST), _test_percents(root, POST_TEST)
    cap, earliest = planned_seconds(organiser), first_day(root, organiser)
    modules = _course_modules(root)
    for item in made:
        shared = report.shared.get(item.student, {})
        profession = (shared.get("profil") or {}).get("profession")
        item.profession = profession if profession in PROFESSIONS else None
        item.pre_percent, item.post_percent = pre.get(item.student), post.get(item.student)
        declared = report.time_on_task.get(item.student, {})
        declared = {part: seconds for part, seconds in declared.items() if seconds > 0}  # 0 s measures nothing
        item.time_on_task = {part: min(seconds, cap) for part, seconds in declared.items()}
        item.total_time = min(sum(declared.values()), cap)
        item.time_capped = sum(declared.values()) > cap
        moments = [shared.get("debut"), shared.get("fin")]
        for folder in (Path(root) / "submitted" / item.student).glob("*"):
            document, _ = read_document(folder / answers_file_name(folder.name))
            moments += document.get("moments", [])
        days = sorted(day for day in map(_day_of, moments) if day and earliest <= day <= item.issued)
        item.start, item.end = (days[0], days[-1]) if days else (None, None)
        item.unmeasured = _unmeasured(root, item, assignment, modules, shared)


def _course_modules(root: Path) -> list[str]:
    """The modules the course's objectives name (cles/objectifs.json), e.g. ["01", "02"]."""
    from ..prepare.build import OBJECTIVES_FILE

    path = Path(root) / KEYS_DIR / OBJECTIVES_FILE
    try:
        objectives = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    except ValueError:
        return []
    return sorted({str(module) for o in objectives if isinstance(o, dict) for module in o.get("modules", [])})


def _unmeasured(root: Path, item: Attestation, assignment: str, modules: list[str], shared: dict) -> dict[str, str]:
    """Each part of the course with no measured time for this learner, and why."""

    missing = {}
    for name in (PRE_TEST, POST_TEST, assignment):
        if name in item.time_on_task or not (Path(root) / "source" / name).is_dir():
            continue  # measured, or not a part of this course
        handed_in = (Path(root) / "submitted" / item.student / name).is_dir()
        missing[name] = ("moins de deux actions horodatées remises, pas de durée mesurable" if handed_in
                         else "non remis")
    for module in modules:
        name = f"module-{module}"
        if name not in item.time_on_task:
            missing[name] = ("aucune activité enregistrée dans ce module" if shared.get("temps_par_module")
                             else "temps non joints par l’apprenant au questionnaire de satisfaction")
    return missing


def _day_of(moment) -> date | None:
    if not isinstance(moment, str):
        return None
    try:
        return datetime.fromisoformat(moment).date()
    except ValueError:
        return None


@dataclass
class Refusal:
    """A learner of the gradebook without an attestation, and why, in French."""
    student: str
    reason: str

    def line(self) -> str:
        return french(f"{self.student} : pas d'attestation — {self.reason}")


@dataclass
class Issued:
    """What `cours nbgrader attestations` did: the attestations made, every other learner with the reason, and
    what the instructor must know about the pass mark and the points graded by hand."""
    made: list[Attestation]
    refused: list[Refusal]
    pass_mark: str

    @property
    def waiting(self) -> list[str]:
        """Learners whose written answers still wait for a hand grade."""
        return [refusal.student for refusal in self.refused if refusal.reason.startswith(WAITING)]

    def lines(self) -> list[str]:
        """Every learner without an attestation with the reason, then the pass mark's notice."""
        return [refusal.line() for refusal in self.refused] + [self.pass_mark]


WAITING = "réponses rédigées à corriger à la main"


def hand_graded_points(root: Path, assignment: str) -> tuple[float, float]:
    """(points of the clicked answers, points of the written answers graded by hand), from the keys."""
    keys = read_keys(Path(root) / KEYS_DIR, assignment)
    clicked = sum(float(key.get("points", 1)) for key in keys.values() if key["kind"] != "open")
    written = sum(float(c["points"]) for key in keys.values() if key["kind"] == "open" for c in key["rubric"])
    return clicked, written


def _percent_text(value: float) -> str:
    return f"{short(round(value, 1))} %"


def pass_mark_notice(root: Path, assignment: str, pass_percent: float) -> str:
    """The pass mark and the points graded by hand: what a learner whose every click is right has before anyone
    grades their written answers, above or below the mark."""
    clicked, written = hand_graded_points(root, assignment)
    total = clicked + written
    mark = _percent_text(pass_percent)
    if not total:  # no keys for this assignment: nothing known of its questions
        return french(f"Seuil de réussite : {mark} de la note.")
    if not written:
        return french(f"Seuil de réussite : {mark} de la note ; toutes les questions de {assignment} sont corrigées "
                      "automatiquement.")
    reach = 100 * clicked / total
    text = (f"Seuil de réussite : {mark} de la note, réponses rédigées comprises. {short(written)} des "
            f"{short(total)} points de {assignment} sont des réponses rédigées, notées à la main : tant qu'elles ne "
            f"le sont pas, elles comptent 0, et toutes les réponses cliquées justes font {short(clicked)} / "
            f"{short(total)} ({_percent_text(reach)})")
    if reach < pass_percent:
        text += (", sous le seuil : un apprenant n'atteint le seuil qu'une fois ses réponses rédigées corrigées dans "
                 "le formgrader de nbgrader. Corrigez-les avant de délivrer les attestations, ou choisissez un seuil "
                 "(seuil_reussite dans formation.yml, ou --seuil) en connaissance de cause.")
    else:
        text += (", au-dessus du seuil. Une copie dont des réponses rédigées attendent leur note n'a pas "
                 "d'attestation avant leur correction.")
    return french(text)


def issue_attestations(root: Path, assignment: str, pass_percent: float, issued: date | None = None,
                       organiser: dict | None = None) -> Issued:
    """An attestation for every learner whose copy is fully graded at or above the pass mark (each registered with
    its id), and the reason for every other learner of the gradebook."""
    from ..mark.records import assignment_records
    from ...formation import load_organiser

    root, issued = Path(root), issued or date.today()
    organiser = load_organiser(root) if organiser is None else organiser
    course_id, max_score, rows = _learners(root, assignment)
    details = {student: (name, score, pending) for student, name, score, _, pending in rows}
    mark = _percent_text(pass_percent)
    made, refused = [], []
    for record in assignment_records(root, assignment):
        name, score, pending = details.get(record.student, (record.student, record.score or 0.0, 0.0))
        percent = 100 * score / max_score if max_score else 0.0
        grade = f"{short(score)} / {short(max_score)} ({_percent_text(percent)})"
        if record.status == "aucune copie":
            refused.append(Refusal(record.student, "aucune copie remise"))
        elif record.status == "non noté":
            refused.append(Refusal(record.student, "copie pas encore notée (" + " ; ".join(record.reasons) + f") : "
                                   f"voir « cours nbgrader bilan {assignment} »"))
        elif record.status == "à corriger à la main":
            best = 100 * (score + pending) / max_score if max_score else 0.0
            outlook = ("le seuil reste atteignable" if best >= pass_percent
                       else f"sous le seuil de {mark} même avec tous leurs points")
            refused.append(Refusal(record.student, f"{WAITING} ({short(pending)} point(s)) ; note provisoire sans "
                                                   f"elles : {grade}, {outlook}"))
        elif percent < pass_percent:
            refused.append(Refusal(record.student, f"note {grade}, sous le seuil de {mark}"))
        else:
            made.append(Attestation(record.student, name, score, max_score, issued))
    add_details(root, made, organiser, assignment)
    for item in made:
        record = _record(course_id, assignment, item)
        item.identifier = _signed(root, record)
        _register(root, record, item.identifier)
    return Issued(made, refused, pass_mark_notice(root, assignment, pass_percent))


def attestations(root: Path, assignment: str, pass_percent: float, issued: date | None = None,
                 organiser: dict | None = None):
    """(attestations made, learners still waiting for a hand grade): issue_attestations, in its former shape."""
    result = issue_attestations(root, assignment, pass_percent, issued, organiser)
    return result.made, result.waiting


# An attestation's id as printed: the day, a dash, 16 hexadecimal digits. Found anywhere in the pasted text
# (« Identifiant de vérification : 20261122-… », spaces, lower case), in ASCII digits only.
ID_PATTERN = re.compile(r"(\d{8})\s*-\s*([0-9A-F]{16})(?![0-9A-F])", re.IGNORECASE | re.ASCII)


def find_identifier(pasted: str) -> str | None:
    """The attestation id in any pasted text, in its printed form, or None."""
    found = ID_PATTERN.search(pasted or "")
    return f"{found.group(1)}-{found.group(2).upper()}" if found else None


@dataclass
class Verdict:
    """What `verifier-attestation` answers, in French: valid or not, and why."""
    valid: bool
    lines: list[str]
    registered: Registered | None = None
    unknown_assignment: bool = False

    @property
    def status(self) -> int:
        return 0 if self.valid else 1


def _shown(pasted: str, limit: int = 60) -> str:
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in pasted or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def check_attestation(root: Path, assignment: str, pasted: str) -> Verdict:
    """Verify the attestation id found in any pasted text against the register and the gradebook."""
    from nbgrader.api import MissingEntry

    root = Path(root)
    if not (root / "nbgrader_config.py").is_file():
        return Verdict(False, [french(f"Aucun cours nbgrader dans « {root.resolve()} » : lancez la commande dans "
                                      "le dossier du cours, ou indiquez-le avec --dossier.")])
    identifier = find_identifier(pasted)
    if identifier is None:
        return Verdict(False, [french(
            f"« {_shown(pasted)} » non valide : aucun identifiant d'attestation dans ce texte. Un identifiant a la "
            "forme AAAAMMJJ-XXXXXXXXXXXXXXXX (la date de délivrance, un tiret, puis 16 chiffres ou lettres de A à F) "
            "et figure en bas de l'attestation, après « Identifiant de vérification ».")])
    try:
        course_id, _, rows = _learners(root, assignment)
    except MissingEntry:
        return Verdict(False, [french(f"Aucun devoir « {assignment} » dans le carnet de notes de {root.resolve()} : "
                                      "vérifiez le nom du devoir (ex. quiz-06) et le dossier du cours.")],
                       unknown_assignment=True)
    scores = {student: score for student, _, score, _, _ in rows}
    entries = [entry for entry in _read_register(root) if entry.get("identifiant") == identifier]
    here = [entry for entry in entries if entry.get("cours") == course_id and entry.get("devoir") == assignment]
    elsewhere = sorted({str(entry.get("devoir")) for entry in entries} - {assignment})
    if not here:
        why = (f"cet identifiant est celui d'une attestation de {', '.join(elsewhere)}, pas de {assignment}"
               if elsewhere else f"aucune attestation délivrée pour {assignment} ne porte cet identifiant (inventé "
                                 "ou mal recopié)")
        return Verdict(False, [french(f"Identifiant « {identifier} » non valide : {why}.")])
    problems = []
    for entry in here:
        record = {key: entry.get(key) for key in ("cours", "devoir", "apprenant", "note", "delivree_le", "champs")}
        intact = (isinstance(record["champs"], dict) and isinstance(record["delivree_le"], str)
                  and all(isinstance(value, str) for value in record["champs"].values())
                  and hmac.compare_digest(_signed(root, record).encode("ascii"), identifier.encode("ascii")))
        if not intact:
            problems.append("l'attestation enregistrée sous cet identifiant a été modifiée dans le registre depuis "
                            "sa délivrance")
            continue
        now = scores.get(record["apprenant"])
        if now is None:
            problems.append(f"l'apprenant « {record['apprenant']} » n'a plus de copie notée pour {assignment} dans le "
                            "carnet de notes")
        elif f"{now:.2f}" != record["note"]:
            problems.append(f"la note a changé depuis la délivrance : {_register_score(record['note'])} sur "
                            f"l'attestation, {short(now)} dans le carnet de notes aujourd'hui")
        else:
            found = Registered(record["apprenant"], identifier, record["champs"])
            lines = [french(f"Valide : {found.fields.get('Apprenant', found.student)}. Cet identifiant garantit :")]
            lines += [french(f"  {label} : {value}") for label, value in found.fields.items()]
            return Verdict(True, lines, found)
    return Verdict(False, [french(f"Identifiant « {identifier} » non valide : {problems[0]}.")])


def _register_score(text) -> str:
    try:
        return short(float(text))
    except (TypeError, ValueError):
        return "illisible"


def verify(root: Path, assignment: str, identifier: str) -> Registered | None:
    """The registered attestation an id (found in any pasted text) belongs to, if its fields are intact and its
    grade is still the gradebook's; otherwise None. An unknown assignment raises nbgrader's MissingEntry."""
    from nbgrader.api import MissingEntry

    verdict = check_attestation(root, assignment, identifier)
    if verdict.unknown_assignment:
        raise MissingEntry(assignment)
    return verdict.registered


def _day(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {_MONTHS[day.month - 1]} {day.year}"


def _percent(value: float | None) -> str:
    return "non passé" if value is None else f"{value:.0f}\u00a0%"


def _profession(item: Attestation) -> str:
    from ...bank.model import PROFESSIONS

    if item.profession in PROFESSIONS:
        return f"{PROFESSIONS[item.profession]} (déclarée par l’apprenant)"
    return "non déclarée par l’apprenant"


def _dates(item: Attestation) -> str:
    return f"du {_day(item.start)} au {_day(item.end)}" if item.start else "non enregistrées"


def _without_time(item: Attestation) -> str:
    """The parts with no declared time, those with the same reason together: « Test final (non remis) ; … »."""
    by_reason: dict[str, list[str]] = {}
    for name, reason in item.unmeasured.items():
        by_reason.setdefault(reason, []).append(part_title(name))
    return " ; ".join(f"{', '.join(titles)} — {reason}" for reason, titles in by_reason.items())


def vouched(item: Attestation) -> dict[str, str]:
    """Every field the attestation prints about the learner, as printed: what its id signs and what
    `verifier-attestation` shows."""
    times = " ; ".join(f"{part_title(name)} : {duration(seconds)}"
                       for name, seconds in sorted(item.time_on_task.items()))
    fields = {
        "Apprenant": f"{item.name} ({item.student})",
        "Profession": _profession(item),
        "Évaluation finale": f"{short(item.score)} / {short(item.max_score)} ({item.percent:.0f} %)",
        "Test de positionnement": _percent(item.pre_percent),
        "Test final": _percent(item.post_percent),
        "Dates de l’activité déclarée": _dates(item),
        "Temps déclaré": (f"{times} ; total : {duration(item.total_time)}" if times
                          else "aucun (aucune activité horodatée n’a été remise)"),
    }
    if item.unmeasured:
        fields["Sans temps déclaré"] = _without_time(item)
    fields["Délivrée le"] = _day(item.issued)
    return fields


def attestation_html(item: Attestation, organiser: dict, objectives: list[str]) -> str:
    """A printable French attestation. Every organiser field left empty in formation.yml is left off; what
    only the learner's machine recorded is labelled as declared, and what it did not record is said so."""
    from ...formation import LABELS

    escape = html.escape
    fields = vouched(item)
    organiser_rows = "".join(f"<tr><th>{escape(label)}</th><td>{escape(str(organiser[key]))}</td></tr>"
                             for key, label in LABELS.items() if str(organiser.get(key, "")).strip())
    objectives_html = "".join(f"<li>{escape(french(text))}</li>" for text in objectives)
    planned = planned_duration(organiser)
    if item.time_on_task:
        times = "".join(f"<tr><td>{escape(part_title(name))}</td><td>{duration(seconds)}</td></tr>"
                        for name, seconds in sorted(item.time_on_task.items()))
        capped = (f" Le temps déclaré dépassait la durée prévue ({planned}) : il y est plafonné."
                  if item.time_capped else "")
        time_html = (f"<table><thead><tr><th>Partie</th><th>Temps déclaré</th></tr></thead><tbody>{times}</tbody>"
                     f"<tfoot><tr><th>Total</th><th>{duration(item.total_time)}</th></tr></tfoot>"
                     "</table><p class=\"note\">Temps déclaré : enregistré sur le poste de l’apprenant (cellules "
                     "exécutées, réponses validées) et remis avec ses réponses, il n’est pas vérifié par l’organisme. "
                     "Une pause de plus de 10 minutes sans activité n’est pas comptée ; chaque partie et le total "
                     "sont plafonnés à la durée prévue. Les modules ne figurent que si l’apprenant a joint ses "
                     f"temps au questionnaire de satisfaction.{capped}</p>")
    else:
        time_html = "<p>Aucun temps déclaré : aucune activité horodatée n’a été remise.</p>"
    if item.unmeasured:
        time_html += f"<p><strong>Sans temps déclaré :</strong> {escape(fields['Sans temps déclaré'])}.</p>"
    text = french(f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Attestation — {escape(item.name)}</title>
<style>body{{font-family:serif;max-width:42em;margin:3em auto;line-height:1.5}} h1{{text-align:center}}
table{{border-collapse:collapse;margin:.5em 0}} th,td{{border:1px solid #999;padding:.2em .6em;text-align:left}}
.id{{font-family:monospace}} .note{{font-size:.9em}} @media print{{body{{margin:1.5cm}}}}</style></head><body>
<h1>Attestation de formation</h1>
<table class="organisme">{organiser_rows}</table>
<p>Nous attestons que <strong>{escape(item.name)}</strong> a suivi la formation
« <strong>{escape(str(organiser.get("titre", "")))}</strong> ».</p>
<p><strong>Profession :</strong> {escape(fields["Profession"])}.</p>
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

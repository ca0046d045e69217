"""The answers file beside a graded notebook: written on each click, read by the grading cells."""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from datetime import datetime, timezone
from pathlib import Path

FORMAT = "cours-reponses"
MAX_BYTES = 256 * 1024  # a real file is a few hundred bytes; anything huge is not a click's doing


def answers_file_name(notebook: str) -> str:
    """'quiz-01.ipynb' or 'quiz-01' -> 'quiz-01.reponses.json'."""
    return f"{Path(notebook).stem}.reponses.json"


MAX_MOMENTS = 2000  # click times kept for the time on task; far more than a quiz needs


def read_document(path: Path) -> tuple[dict, str]:
    """The whole answers file ({} if unusable) and, if it cannot be used, why (in French). Never raises.

    Besides "answers", it holds "moments" (the time of each click, for the time on task) and, for the
    satisfaction questionnaire, "partage" (what the learner chose to attach)."""
    path = Path(path)
    if not path.exists():
        return {}, "aucun fichier de réponses (aucune réponse enregistrée)"
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}, f"fichier de réponses trop volumineux ({path.stat().st_size} octets)"
        # utf-8-sig: a file re-saved by an editor that adds a byte order mark is still read.
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        # ValueError: invalid JSON, or an integer too long to convert; RecursionError: absurd nesting.
        return {}, f"fichier de réponses illisible ({error.__class__.__name__})"
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("answers"), dict):
        return {}, "fichier de réponses au format inattendu"
    return clean_document(data)


UNREADABLE = "<illisible>"  # what an answer of an impossible shape becomes: it scores 0 with its reason


def clean_document(data: dict) -> tuple[dict, str]:
    """Only the shapes clicks produce, within bounds: whatever else a hand-edited file holds is dropped or
    marked unreadable, so that no later command (grading, reports, attestations) can trip on it."""
    answers, odd = {}, []
    for item_id, answer in data["answers"].items():
        if not (isinstance(item_id, str) and len(item_id) <= 100):
            continue
        answers[item_id] = answer if _plain_answer(answer) else UNREADABLE
        if answers[item_id] is UNREADABLE:
            odd.append(item_id)
    clean = {"format": FORMAT, "version": 1, "answers": answers, "moments": _moments(data.get("moments"))}
    if isinstance(data.get("partage"), dict):
        clean["partage"] = _shared(data["partage"])
    return clean, (f"réponses illisibles pour : {', '.join(odd)}" if odd else "")


def _plain_answer(answer: object) -> bool:
    """An option id, a list of option ids or choice ids, a level (1-5) or a written text."""
    if answer is None or isinstance(answer, bool):
        return True
    if isinstance(answer, int):
        return abs(answer) < 10**6
    if isinstance(answer, float):
        return math.isfinite(answer) and abs(answer) < 10**6
    if isinstance(answer, str):
        return len(answer) <= 5000
    return (isinstance(answer, list) and len(answer) <= 100
            and all(isinstance(entry, str) and len(entry) <= 200 for entry in answer))


def _moment(value: object) -> str | None:
    """A click time as written by record_answer (ISO 8601 with its time zone), in UTC; else None."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def _moments(values: object) -> list[str]:
    if not isinstance(values, list):
        return []
    return [moment for moment in map(_moment, values[-MAX_MOMENTS:]) if moment]


MAX_MODULE_SECONDS = 24 * 3600  # time per module a learner attaches: a day at most is believable
MODULE_NUMBER = re.compile(r"[0-9]{2}")  # the course's modules are 01, 02…: nothing else is a module


def _shared(shared: dict) -> dict:
    """What a learner attached to the questionnaire: short texts, two dates, times per module within bounds."""
    clean: dict = {}
    profile = shared.get("profil")
    if isinstance(profile, dict):
        clean["profil"] = {key: value for key, value in profile.items()
                           if isinstance(key, str) and isinstance(value, str) and len(key) <= 40 and len(value) <= 100}
    for key in ("debut", "fin"):
        if _moment(shared.get(key)):
            clean[key] = _moment(shared[key])
    times = shared.get("temps_par_module")
    if isinstance(times, dict):
        clean["temps_par_module"] = {
            module: float(seconds) for module, seconds in times.items()
            if isinstance(module, str) and MODULE_NUMBER.fullmatch(module) and isinstance(seconds, (int, float))
            and not isinstance(seconds, bool) and math.isfinite(seconds) and 0 <= seconds <= MAX_MODULE_SECONDS}
    return clean


def read_answers(path: Path) -> tuple[dict, str]:
    """The recorded answers and, if the file cannot be used, why (in French). Never raises."""
    data, problem = read_document(path)
    return data.get("answers", {}), problem


def record_answer(path: Path, item_id: str, answer: object) -> None:
    """Store one answer and the time of the click, keeping the rest."""

    def change(data: dict) -> None:
        data["answers"][item_id] = answer
        data["moments"] = (data.get("moments", []) + [datetime.now(timezone.utc).isoformat(timespec="seconds")]
                           )[-MAX_MOMENTS:]

    _update(Path(path), change)


def record_shared(path: Path, shared: dict) -> None:
    """Attach what the learner chose to share (profile, time per module), or remove it ({})."""
    _update(Path(path), lambda data: data.update(partage=shared) if shared else data.pop("partage", None))


def _update(path: Path, change) -> None:
    """Rewrite the file with one change; the write is atomic so a crash never leaves half a file."""
    data, _ = read_document(path)
    data = {"format": FORMAT, "version": 1, "answers": {}, **data}
    change(data)
    payload = json.dumps(data, ensure_ascii=False, indent=1)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".reponses-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(payload)
    os.replace(temporary, path)

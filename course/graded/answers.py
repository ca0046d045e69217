"""The answers file beside a graded notebook: written on each click, read by the grading cells."""

from __future__ import annotations

import json
import os
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
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return {}, f"fichier de réponses illisible ({error.__class__.__name__})"
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("answers"), dict):
        return {}, "fichier de réponses au format inattendu"
    return data, ""


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

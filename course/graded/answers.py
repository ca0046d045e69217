"""The answers file beside a graded notebook: written on each click, read by the grading cells."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

FORMAT = "cours-reponses"
MAX_BYTES = 256 * 1024  # a real file is a few hundred bytes; anything huge is not a click's doing


def answers_file_name(notebook: str) -> str:
    """'quiz-01.ipynb' or 'quiz-01' -> 'quiz-01.reponses.json'."""
    return f"{Path(notebook).stem}.reponses.json"


def read_answers(path: Path) -> tuple[dict, str]:
    """The recorded answers and, if the file cannot be used, why (in French). Never raises."""
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
    return data["answers"], ""


def record_answer(path: Path, item_id: str, answer: object) -> None:
    """Store one answer, keeping the others; the write is atomic so a crash never leaves half a file."""
    path = Path(path)
    answers, _ = read_answers(path)
    answers[item_id] = answer
    payload = json.dumps({"format": FORMAT, "version": 1, "answers": answers}, ensure_ascii=False, indent=1)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".reponses-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(payload)
    os.replace(temporary, path)

"""« Mes données »: the learner's own file, kept on their machine only, that they can open, export and erase.

Everything is in one folder (see data_folder):
`mes-donnees.json` and any export made from the course home. Erasing removes the folder. The file's format
is documented in `docs/mes-donnees.md`."""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ..paths import course_root

FORMAT = "cours-mes-donnees"
FILE_NAME = "mes-donnees.json"


def data_folder() -> Path:
    """$COURS_MES_DONNEES; else `mes-donnees/` in the learner's own copy of the course; on a shared
    installation (JupyterHub, or a course folder the learner cannot write to), a folder in their home."""
    env = os.environ.get("COURS_MES_DONNEES")
    if env:
        return Path(env)
    root = course_root()
    if not os.environ.get("JUPYTERHUB_USER") and os.access(root, os.W_OK):
        return root / "mes-donnees"
    return Path.home() / "cours-reseaux-sociaux" / "mes-donnees"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def empty() -> dict:
    return {"format": FORMAT, "version": 1, "profil": {}, "activite": [], "tests": {}, "satisfaction": {}}


class LearnerStore:
    """Read and write the learner's file; every write replaces the file atomically."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else data_folder()
        self.path = self.folder / FILE_NAME

    def load(self) -> dict:
        """The learner's data; an unreadable file is kept aside (never deleted) and a fresh one started."""
        if not self.path.exists():
            return empty()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8-sig"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("format inconnu")
        except (ValueError, UnicodeDecodeError, RecursionError):
            aside = self.path.with_name(f"mes-donnees.illisible-{datetime.now():%Y%m%d-%H%M%S}.json")
            self.path.replace(aside)
            return empty()
        return {**empty(), **data}

    def save(self, data: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".mes-donnees-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=1)
        os.replace(temporary, self.path)

    def update(self, change) -> dict:
        data = self.load()
        change(data)
        self.save(data)
        return data

    # The pieces of the file.
    def profile(self) -> dict:
        return self.load()["profil"]

    def order_seed(self) -> str:
        """This learner's seed for the order of options (drawn once, kept so that a reload shows the same order)."""
        from ..bank.order import new_seed

        seed = self.load().get("graine")
        if not isinstance(seed, str) or not seed:
            seed = new_seed()
            self.update(lambda data: data.__setitem__("graine", seed))
        return seed

    def set_profile(self, profession: str, country: str) -> None:
        self.update(lambda data: data.update(profil={"profession": profession, "pays": country, "modifie_le": now()}))

    def record(self, module: str, what: str, **details) -> None:
        """One dated activity event: « ouverture », « cellule » (a cell run), « reponse » (a validated answer)."""
        event = {"quand": now(), "module": module, "quoi": what, **details}
        self.update(lambda data: data["activite"].append(event))

    # Export and erase.
    def export_json(self) -> Path:
        target = self.folder / f"export-{datetime.now():%Y%m%d-%H%M%S}.json"
        self.folder.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(self.load(), ensure_ascii=False, indent=1), encoding="utf-8")
        return target

    def export_csv(self) -> Path:
        """The activity, one row per event (what a spreadsheet opens), semicolon-separated."""
        data = self.load()
        target = self.folder / f"export-{datetime.now():%Y%m%d-%H%M%S}.csv"
        self.folder.mkdir(parents=True, exist_ok=True)
        columns = ["quand", "module", "quoi", "question", "reponse", "score", "sur"]
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(columns)
            for event in data["activite"]:
                writer.writerow([_cell(event.get(column)) for column in columns])
        return target

    def erase(self) -> None:
        """Remove every trace: the file, its exports and any file kept aside."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)

"""« Mes données »: the learner's own file, kept on their machine only, that they can open, export and erase.

Everything is in one folder (see data_folder):
`mes-donnees.json` and any export made from the course home. Erasing removes the folder. The file's format
is documented in `docs/mes-donnees.md`."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ..paths import BROWSER_DRIVE, course_root, in_browser

FORMAT = "cours-mes-donnees"
FILE_NAME = "mes-donnees.json"
# Every file the course writes in the data folder (docs/mes-donnees.md lists them): erasing removes these, and
# nothing else, whatever else the folder holds.
RESUME_FILE = "reprise-plateforme.json"  # progress an LMS held, left by the site's adapter (course/learner/lms.py)
OWN_FILES = (FILE_NAME, "export-*.json", "export-*.csv", "mes-donnees.illisible-*.json", ".mes-donnees-*.json",
             RESUME_FILE)


def data_folder() -> Path:
    """$COURS_MES_DONNEES; else `mes-donnees/` in the learner's own copy of the course; on a shared
    installation (JupyterHub, or a course folder the learner cannot write to), a folder in their home; in the
    browser site, `mes-donnees/` in its files (/drive, kept in the browser's storage: the home folder there is
    lost at each reload)."""
    env = os.environ.get("COURS_MES_DONNEES")
    if env:
        return Path(env)
    if in_browser():
        return BROWSER_DRIVE / "mes-donnees"
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
        """The learner's data; an unreadable file is kept aside (never deleted) and a fresh one started. In the
        browser site, progress an LMS held for this learner (left by the site's adapter) is merged in first."""
        data = self._read()
        if in_browser():
            from . import lms

            try:
                merged = lms.absorb(data, self.folder)
            except Exception:  # noqa: BLE001 — never in the learner's way: the file as it is, and the resume left
                merged = False
            if merged:
                self.save(data)
        return data

    def _read(self) -> dict:
        if not self.path.exists():
            return empty()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8-sig"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("format inconnu")
            if any(not isinstance(data.get(key, value), type(value)) for key, value in empty().items()):
                raise ValueError("une partie du fichier n'a pas la forme attendue")
        except (ValueError, UnicodeDecodeError, RecursionError):
            aside = self.path.with_name(f"mes-donnees.illisible-{datetime.now():%Y%m%d-%H%M%S}.json")
            self.path.replace(aside)
            return empty()
        return {**empty(), **data}

    def _private_folder(self) -> None:
        """The folder, created readable by this account only (mkstemp's files are 0600 already)."""
        if not self.folder.exists():
            self.folder.mkdir(parents=True, mode=0o700)
            self.folder.chmod(0o700)

    def _write_private(self, target: Path, text: str) -> None:
        self._private_folder()
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)

    def save(self, data: dict) -> None:
        self._private_folder()
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".mes-donnees-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=1)
        os.replace(temporary, self.path)
        self._tell_lms(data)

    @staticmethod
    def _tell_lms(data: dict) -> None:
        """In the browser site, the learner's progress for the LMS that launched the course, if one did (lms.py).
        Never in the learner's way: the file is written whatever becomes of this."""
        if in_browser():
            try:
                from . import lms

                lms.publish(data)
            except Exception:  # noqa: BLE001 — the LMS link is a convenience, the learner's file is what counts
                pass

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
        self._write_private(target, json.dumps(self.load(), ensure_ascii=False, indent=1))
        return target

    def export_csv(self) -> Path:
        """The activity, one row per event (what a spreadsheet opens), semicolon-separated."""
        data = self.load()
        target = self.folder / f"export-{datetime.now():%Y%m%d-%H%M%S}.csv"
        columns = ["quand", "module", "quoi", "question", "reponse", "score", "sur"]
        rows = io.StringIO()
        writer = csv.writer(rows, delimiter=";")
        writer.writerow(columns)
        for event in data["activite"]:
            writer.writerow([_cell(event.get(column)) for column in columns])
        self._write_private(target, rows.getvalue())
        return target

    def erase(self) -> list[Path]:
        """Remove every file the course wrote here (the data file, its exports, any copy kept aside), and the
        folder if nothing else is left in it. Returns what was left: files the course did not write."""
        for pattern in OWN_FILES:
            for path in self.folder.glob(pattern):
                if path.is_symlink() or path.is_file():
                    path.unlink(missing_ok=True)  # a link is removed, never what it points to
        others = sorted(self.folder.iterdir()) if self.folder.is_dir() else []
        if self.folder.is_dir() and not others:
            self.folder.rmdir()
        self._tell_lms(empty())  # an LMS holding this learner's progress forgets it too
        return others


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)

"""The course as learners receive it, in two copies made here and nowhere else.

- The learners' course on a shared deployment (`learner_copy`, `cours copie-apprenants`): the notebooks, the open
  question bank, the data and the docs, never the graded bank (quizzes/notees/) nor anything of the instructor's.
  Every learner may read it; only its owner may change it. Learners' kernels read it through COURSE_ROOT.
- Each learner's own copy of the modules (`personal_copy`, `cours copie-personnelle`, made by `make cours`, the
  hub and the Kubernetes servers): notebooks/ and docs/ in the learner's folder, code cells collapsed; the learner
  runs and edits these. A later version of the course updates a module the learner never edited (its cell
  sources are still those copied, as recorded in the folder's manifest); an edited module is kept as it is and
  the new version is written beside it."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .bank.load import GRADED_DIR
from .paths import course_root
from .typography import french

LEARNER_PARTS = ("notebooks", "quizzes", "data", "docs")  # what a learner's kernel and pages read
MARKER = ".copie-apprenants"  # an earlier copy, which may be replaced; any other folder is left alone

PERSONAL_PARTS = ("notebooks", "docs")  # what a learner opens, runs and may edit
MANIFEST = ".copie-du-cours.json"  # in the learner's folder: what was copied there, file by file
MANIFEST_FORMAT = "cours-copie-personnelle"
BESIDE = "nouvelle-version"  # 01_plateformes.nouvelle-version.ipynb: the course's new version of an edited file


class NotALearnerCopy(ValueError):
    pass


def _leave_out(folder: str, names: list[str]) -> set[str]:
    """In the copy: no graded bank, no saved checkpoints, nothing hidden (a learner's own copies, caches)."""
    return {name for name in names
            if (name == GRADED_DIR and Path(folder).name == "quizzes") or name.startswith(".")
            or name == "__pycache__"}


def learner_copy(destination: Path, source: Path | None = None) -> Path:
    """Write the learners' course into destination (replacing an earlier copy) and return it."""
    source, destination = Path(source or course_root()), Path(destination)
    if destination.exists() and any(destination.iterdir()) and not (destination / MARKER).exists():
        raise NotALearnerCopy(f"{destination} existe déjà et n'est pas une copie des apprenants : rien n'a été "
                              "remplacé (choisissez un dossier neuf).")
    staging = destination.with_name(destination.name + ".nouveau")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for part in LEARNER_PARTS:
        shutil.copytree(source / part, staging / part, ignore=_leave_out, symlinks=False)
    (staging / MARKER).write_text("Copie du cours pour les apprenants (cours copie-apprenants).\n")
    for folder, folders, files in os.walk(staging):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    shutil.rmtree(destination, ignore_errors=True)
    staging.rename(destination)  # learners never see a half-written copy of a new version for long
    return destination


# --- Each learner's own copy -------------------------------------------------------------------------------------

@dataclass
class PersonalCopy:
    """What personal_copy did, file names relative to the learner's folder."""

    folder: Path
    first: bool = False  # the folder had no copy of the course before
    copied: list[str] = field(default_factory=list)  # new in the folder (or deleted by the learner, put back)
    updated: list[str] = field(default_factory=list)  # never edited by the learner: replaced by the new version
    kept: list[tuple[str, str]] = field(default_factory=list)  # (edited file, new version written beside it)

    def messages(self) -> list[str]:
        """For the learner's terminal, in French."""
        lines = []
        if self.first:
            lines.append(f"Vos modules sont copiés dans {self.folder} : c'est votre copie du cours, que vous "
                         "exécutez et pouvez modifier ; une mise à jour du cours ne remplacera jamais ce que vous "
                         "y avez modifié.")
        else:
            lines += [f"Nouveau dans votre copie du cours : {name}." for name in self.copied]
        lines += [f"Mis à jour (vous ne l'aviez pas modifié) : {name}." for name in self.updated]
        lines += [f"Vous avez modifié {name} : votre version est gardée telle quelle. La nouvelle version du cours "
                  f"est à côté : {beside}." for name, beside in self.kept]
        return [french(line) for line in lines]


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def fingerprint(name: str, content: bytes) -> str:
    """What a learner's edit changes: a notebook's cells (type and source), not its outputs nor its metadata
    (a cell expanded, a kernel recorded); any other file, all of its bytes."""
    if name.endswith(".ipynb"):
        try:
            cells = json.loads(content.decode("utf-8-sig"))["cells"]
            content = json.dumps([[cell.get("cell_type"), _text(cell.get("source"))] for cell in cells],
                                 ensure_ascii=False).encode("utf-8")
        except (ValueError, UnicodeDecodeError, KeyError, TypeError, AttributeError):
            pass  # not a notebook JupyterLab could open: compared byte for byte
    return hashlib.sha256(content).hexdigest()


def for_the_learner(name: str, content: bytes) -> bytes:
    """A course file as a learner receives it: in a notebook, code cells collapsed (the learner runs them; their
    source is one click away), everything else as shipped."""
    if not name.endswith(".ipynb"):
        return content
    notebook = json.loads(content.decode("utf-8"))
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell.setdefault("metadata", {}).setdefault("jupyter", {})["source_hidden"] = True
    return (json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _course_files(source: Path):
    """(name relative to the course, bytes) of every file a learner receives, in a stable order."""
    for part in PERSONAL_PARTS:
        top = source / part
        if not top.is_dir():
            continue
        for folder, folders, files in os.walk(top):
            folders[:] = sorted(set(folders) - _leave_out(folder, folders))
            for name in sorted(set(files) - _leave_out(folder, files)):
                path = Path(folder) / name
                yield path.relative_to(source).as_posix(), path.read_bytes()


def _read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") == MANIFEST_FORMAT and isinstance(manifest.get("fichiers"), dict):
            return manifest
    except (OSError, ValueError, AttributeError):
        pass
    # No manifest (a first copy) or an unreadable one: every file already there counts as the learner's own.
    return {"format": MANIFEST_FORMAT, "version": 1, "fichiers": {}}


def _write(target: Path, content: bytes) -> None:
    """Replace target at once (never half-written; a link there is replaced, what it points to is not touched)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partiel")
    partial.unlink(missing_ok=True)  # a leftover of an interrupted copy, or a link: never written through
    with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), "wb") as stream:
        stream.write(content)
    os.replace(partial, target)


def _beside(folder: Path, name: str, ours: set[str]) -> Path:
    """Where the new version of an edited file goes: 01_plateformes.nouvelle-version.ipynb, or, if the learner has
    a file of that name that is not one we wrote there unchanged, the first free …nouvelle-version-2, -3…"""
    path = folder / name
    number = 1
    while True:
        candidate = path.with_name(f"{path.stem}.{BESIDE}{'' if number == 1 else f'-{number}'}{path.suffix}")
        if not candidate.exists() or (candidate.is_file() and fingerprint(name, candidate.read_bytes()) in ours):
            return candidate
        number += 1


def personal_copy(folder: Path, source: Path | None = None) -> PersonalCopy:
    """Copy the course's modules and docs into the learner's folder, or bring an earlier copy up to date without
    ever losing what the learner wrote."""
    source, folder = Path(source or course_root()), Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(folder)
    files: dict = manifest["fichiers"]
    report = PersonalCopy(folder, first=not files)
    for name, content in _course_files(source):
        shipped = for_the_learner(name, content)
        new = fingerprint(name, shipped)
        entry = files.get(name, {})
        target = folder / name
        if not target.exists() and not target.is_symlink():  # new in the course, or deleted by the learner
            _write(target, shipped)
            report.copied.append(name)
            files[name] = {"copie": new, "cours": new}
            continue
        if entry.get("cours") == new:  # this version is already there, or beside the learner's edited file
            continue
        # The course changed since the last copy (or the file was there before any copy): whose is the file?
        mine = fingerprint(name, target.read_bytes()) if target.is_file() and not target.is_symlink() else None
        if mine is not None and mine in (entry.get("copie"), new):
            _write(target, shipped)
            if mine != new:  # never edited since copied: the new version replaces it
                report.updated.append(name)
            files[name] = {"copie": new, "cours": new}
        else:  # the learner's own version: kept, the course's new one written beside it
            beside = _beside(folder, name, {entry.get("cours"), new})
            _write(beside, shipped)
            report.kept.append((name, beside.relative_to(folder).as_posix()))
            files[name] = {"copie": entry.get("copie"), "cours": new}
    _write(folder / MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    return report

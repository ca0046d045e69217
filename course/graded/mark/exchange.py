"""nbgrader's exchange as the course deploys it, through nbgrader's own extension points (c.ExchangeFactory):
what a learner's submit hands in, and what the instructor's collect reads.

SubmitHandedIn (c.ExchangeFactory.submit, in course/learner/lab_config/nbgrader_config.py) compares the released
notebooks with those nbgrader really hands in, so JupyterLab's checkpoints are no longer reported at each submission.

SafeCollect (c.ExchangeFactory.collect, in the course's nbgrader_config.py) reads only the regular files a learner
really handed in. nbgrader's default exchange copies each inbound folder with shutil.copytree, which follows symbolic
links and reads devices. A learner still owns that folder after submitting: a link there would make collect copy
another learner's answers, the instructor's keys, or an endless device into the course folder. SafeCollect never
follows a link, never opens anything but a regular file, bounds sizes before reading, and records each refusal,
in French, where `cours nbgrader bilan` shows it next to the learner's name."""

from __future__ import annotations

import fnmatch
import json
import os
import stat
from pathlib import Path

from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import find_all_notebooks

from ...typography import french

REFUSALS_DIR = "refus-ramassage"  # in the course folder: <assignment>.json, learner -> reasons
MAX_DEPTH = 5  # folders inside a submission; deeper is refused


class SubmitHandedIn(ExchangeSubmit):
    """nbgrader's submit, comparing the released notebooks with those it really hands in. nbgrader compares
    every notebook of the folder, JupyterLab's checkpoints (.ipynb_checkpoints/) included, and warns of them as
    « EXTRA » at each submission, though it never copies them (CourseDirectory.ignore)."""

    def check_filename_diff(self):
        ignored = list(self.coursedir.ignore)

        def handed_in(folder: str) -> set[str]:
            return {notebook for notebook in find_all_notebooks(folder)
                    if not any(fnmatch.fnmatch(part, glob) for part in Path(notebook).parts for glob in ignored)}

        released, submitted = handed_in(self.release_path), handed_in(self.src_path)
        missing, extra = sorted(released - submitted), sorted(submitted - released)
        if missing and self.strict:
            self.fail(french(f"Devoir {self.coursedir.assignment_id} non remis : il y manque "
                             f"{', '.join(missing)}."))
        if missing or extra:
            self.log.warning(french(
                f"Devoir {self.coursedir.assignment_id} : "
                + "; ".join(([f"notebook(s) manquant(s) : {', '.join(missing)}"] if missing else [])
                            + ([f"notebook(s) en plus : {', '.join(extra)}"] if extra else []))
                + "."))


class SafeCollect(ExchangeCollect):
    def do_copy(self, src, dest, log=None):
        limits = Limits(self.coursedir.max_file_size * 1000, self.coursedir.max_dir_size * 1000,
                        list(self.coursedir.ignore), list(self.coursedir.include))
        refusals = copy_submission(Path(src), Path(dest), limits)
        student = Path(dest).parent.name
        for reason in refusals:
            self.log.warning("%s : %s", student, reason)
        record_refusals(Path(self.coursedir.root), self.coursedir.assignment_id, student, refusals)


class Limits:
    def __init__(self, max_file: float, max_total: float, ignore: list[str], include: list[str]):
        self.max_file, self.max_total, self.ignore, self.include = max_file, max_total, ignore, include
        self.total = 0

    def skipped(self, name: str) -> bool:
        """Left out quietly, as nbgrader's CourseDirectory.ignore and include say (checkpoints, .py…)."""
        return (any(fnmatch.fnmatch(name, glob) for glob in self.ignore)
                or bool(self.include) and not any(fnmatch.fnmatch(name, glob) for glob in self.include))


def copy_submission(src: Path, dest: Path, limits: Limits) -> list[str]:
    """Copy the regular files of src into dest (created); return why anything else was left out."""
    dest.mkdir(parents=True, exist_ok=True)
    if not stat.S_ISDIR(os.lstat(src).st_mode):
        return ["le dossier remis est un lien ou n'est pas un dossier : rien n'a été ramassé"]
    return _copy_folder(src, dest, limits, Path(), 0)


def _copy_folder(src: Path, dest: Path, limits: Limits, shown: Path, depth: int) -> list[str]:
    refusals = []
    with os.scandir(src) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            name, where = entry.name, shown / entry.name
            if limits.skipped(name):
                continue
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISLNK(info.st_mode):
                refusals.append(f"« {where} » est un lien symbolique : ignoré")
            elif stat.S_ISDIR(info.st_mode):
                if depth >= MAX_DEPTH:
                    refusals.append(f"« {where} » : dossiers trop imbriqués, ignoré")
                    continue
                (dest / name).mkdir(exist_ok=True)
                refusals += _copy_folder(src / name, dest / name, limits, where, depth + 1)
            elif not stat.S_ISREG(info.st_mode):
                refusals.append(f"« {where} » n'est pas un fichier ordinaire (périphérique, tube…) : ignoré")
            elif info.st_size > limits.max_file:
                refusals.append(f"« {where} » dépasse {limits.max_file / 1e6:g} Mo : ignoré")
            elif limits.total + info.st_size > limits.max_total:
                refusals.append(f"« {where} » : la copie dépasserait {limits.max_total / 1e6:g} Mo au total, ignoré")
            else:
                problem = _copy_file(src / name, dest / name, info)
                if problem:
                    refusals.append(f"« {where} » {problem} : ignoré")
                else:
                    limits.total += info.st_size
    return refusals


def _copy_file(src: Path, dest: Path, seen: os.stat_result) -> str | None:
    """Copy one regular file, at most the size seen; None, or why not (it changed under us)."""
    try:
        descriptor = os.open(src, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return "a changé pendant le ramassage (remplacé par un lien ?)"
    with os.fdopen(descriptor, "rb") as source:
        opened = os.fstat(source.fileno())
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (seen.st_dev, seen.st_ino):
            return "a changé pendant le ramassage"
        data = source.read(seen.st_size + 1)
    if len(data) > seen.st_size:
        return "grossissait pendant le ramassage"
    dest.write_bytes(data)
    os.utime(dest, ns=(seen.st_atime_ns, seen.st_mtime_ns))  # nbgrader reads the submission's times
    return None


def refusals_path(root: Path, assignment: str) -> Path:
    return Path(root) / REFUSALS_DIR / f"{assignment}.json"


def read_refusals(root: Path, assignment: str) -> dict[str, list[str]]:
    path = refusals_path(root, assignment)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_refusals(root: Path, assignment: str, student: str, refusals: list[str]) -> None:
    """What was left out of this learner's latest collected submission (nothing: their entry goes)."""
    data = read_refusals(root, assignment)
    data.pop(student, None)
    if refusals:
        data[student] = refusals
    path = refusals_path(root, assignment)
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

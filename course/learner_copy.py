"""The course as learners receive it on a shared deployment: the notebooks, the open question bank and the
data, never the graded bank (quizzes/notees/) nor anything of the instructor's. Every learner may read the
copy; only its owner may change it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .bank.load import GRADED_DIR
from .paths import course_root

LEARNER_PARTS = ("notebooks", "quizzes", "data")  # what a learner's kernel reads (course_root() below)
MARKER = ".copie-apprenants"  # an earlier copy, which may be replaced; any other folder is left alone


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

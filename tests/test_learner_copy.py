"""Graded questions never reach a learner: the learner's kernel does not read quizzes/notees/, and the copy of
the course a shared deployment gives learners (`cours copie-apprenants`) has no graded bank, is readable by all
and writable by its owner only, and never replaces a folder that is not an earlier copy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import REPO

from course.bank.load import GRADED_DIR


def test_the_learner_kernel_never_reads_the_graded_bank(tmp_path, monkeypatch):
    """A graded file that is not even valid YAML: a kernel that read it would fail; the modules still run."""
    for part in ("quizzes", "data"):
        shutil.copytree(REPO / part, tmp_path / part)
    (tmp_path / "quizzes" / GRADED_DIR / "06_evaluation.yml").write_text("items: [\n", encoding="utf-8")
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    from course import show

    show._bank.cache_clear()
    try:
        modules = show.bank().modules
        assert modules and not any(module.graded for module in modules)
        assert show.quiz_widget("01").children  # a module's quiz is built from the open bank
    finally:
        show._bank.cache_clear()


def test_the_learners_copy_has_no_graded_bank_and_is_read_only_for_others(tmp_path):
    target = tmp_path / "cours-apprenants"
    result = subprocess.run([sys.executable, "-m", "course", "copie-apprenants", str(target)],
                            capture_output=True, text=True, check=True)
    assert "sans questions notées" in result.stdout
    assert (REPO / "quizzes" / GRADED_DIR).is_dir() and not (target / "quizzes" / GRADED_DIR).exists()
    assert sorted(path.name for path in (target / "quizzes").glob("*.yml")) == sorted(
        path.name for path in (REPO / "quizzes").glob("*.yml"))
    assert (target / "notebooks" / "00_accueil.ipynb").exists() and (target / "data" / "sources.csv").exists()
    for folder, folders, files in os.walk(target):
        assert os.stat(folder).st_mode & 0o777 == 0o755, folder
        for name in files:
            assert os.stat(os.path.join(folder, name)).st_mode & 0o777 == 0o644, name
    check = subprocess.run([sys.executable, "-m", "course", "verifier", "--dossier", str(target)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr  # the copy is a valid course on its own
    again = subprocess.run([sys.executable, "-m", "course", "copie-apprenants", str(target)],
                           capture_output=True, text=True)
    assert again.returncode == 0  # a new version of the course replaces the earlier copy


def test_a_folder_that_is_not_an_earlier_copy_is_never_replaced(tmp_path):
    (tmp_path / "mes-documents").mkdir()
    (tmp_path / "mes-documents" / "lettre.txt").write_text("à garder")
    result = subprocess.run([sys.executable, "-m", "course", "copie-apprenants", str(tmp_path / "mes-documents")],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "rien n'a été remplacé" in result.stderr.replace("’", "'")
    assert (tmp_path / "mes-documents" / "lettre.txt").read_text() == "à garder"

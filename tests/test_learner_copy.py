"""Graded questions never reach a learner: the learner's kernel does not read quizzes/notees/, and the copy of
the course a shared deployment gives learners (`cours copie-apprenants`) has no graded bank, is readable by all
and writable by its owner only, and never replaces a folder that is not an earlier copy.

Each learner works on their own copy of the modules (`make cours`, the hub, the Kubernetes servers): code cells
collapsed; a later version of the course updates a module they never edited, and never replaces one they did
(the new version is written beside it, and they are told)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import nbformat

from conftest import REPO

from course.bank.load import GRADED_DIR
from course.learner_copy import MANIFEST, personal_copy


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
    assert (target / "docs" / "mes-donnees.md").exists()  # the home page links to it
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


# --- Each learner's own copy of the modules (make cours, the hub, the Kubernetes servers) -------------------------

def write_course(root, version: str, modules=("01_essai", "02_essai")):
    """A small course in root: notebooks whose code and text carry the version, and one doc."""
    (root / "notebooks").mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    for name in modules:
        nbformat.write(nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_markdown_cell(f"# {name}, version {version}\n\n[Vos données](../docs/mes-donnees.md)"),
            nbformat.v4.new_code_cell(f"from course import show_quiz\nshow_quiz('{name}')  # {version}")]),
            root / "notebooks" / f"{name}.ipynb")
    (root / "docs" / "mes-donnees.md").write_text(f"# Vos données ({version})\n", encoding="utf-8")
    return root


def sources(path) -> list[str]:
    return [cell.source for cell in nbformat.read(path, as_version=4).cells]


def learner_edits(path, text: str) -> None:
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(notebook, path)


def test_the_first_copy_holds_the_modules_and_docs_with_code_cells_collapsed(tmp_path):
    course, folder = write_course(tmp_path / "cours", "1"), tmp_path / "moi"
    report = personal_copy(folder, course)
    assert report.first and sorted(report.copied) == [
        "docs/mes-donnees.md", "notebooks/01_essai.ipynb", "notebooks/02_essai.ipynb"]
    assert "Vos modules sont copiés dans" in report.messages()[0] and str(folder) in report.messages()[0]
    copied = nbformat.read(folder / "notebooks" / "01_essai.ipynb", as_version=4)
    assert [cell.source for cell in copied.cells] == sources(course / "notebooks" / "01_essai.ipynb")
    assert [cell.metadata.get("jupyter", {}).get("source_hidden") for cell in copied.cells] == [None, True]
    # The course's own notebooks are left as they are: collapsing is for the learner's copy only.
    assert "jupyter" not in nbformat.read(course / "notebooks" / "01_essai.ipynb", as_version=4).cells[1].metadata
    assert (folder / "docs" / "mes-donnees.md").read_text(encoding="utf-8") == "# Vos données (1)\n"
    assert json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["fichiers"].keys() == set(report.copied)


def test_the_repository_notebooks_are_never_collapsed():
    """Collapsing happens at copy time: the shipped modules keep their code cells open for the authors."""
    for path in (REPO / "notebooks").glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            assert not cell.metadata.get("jupyter", {}).get("source_hidden"), path.name


def test_running_the_course_again_changes_nothing_and_says_nothing(tmp_path):
    course, folder = write_course(tmp_path / "cours", "1"), tmp_path / "moi"
    personal_copy(folder, course)
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    report = personal_copy(folder, course)
    assert report.messages() == []
    assert {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before


def test_a_module_the_learner_only_ran_is_updated_to_the_new_version(tmp_path):
    """Running cells, expanding them and saving outputs are no edits: the new version replaces the module."""
    course, folder = write_course(tmp_path / "cours", "1"), tmp_path / "moi"
    personal_copy(folder, course)
    mine = folder / "notebooks" / "01_essai.ipynb"
    notebook = nbformat.read(mine, as_version=4)
    notebook.cells[1].metadata["jupyter"]["source_hidden"] = False
    notebook.cells[1].outputs = [nbformat.v4.new_output("stream", text="Quiz")]
    nbformat.write(notebook, mine)
    write_course(course, "2")
    report = personal_copy(folder, course)
    assert sorted(report.updated) == ["docs/mes-donnees.md", "notebooks/01_essai.ipynb", "notebooks/02_essai.ipynb"]
    assert sources(mine) == sources(course / "notebooks" / "01_essai.ipynb")
    assert nbformat.read(mine, as_version=4).cells[1].metadata["jupyter"]["source_hidden"] is True
    assert "Mis à jour (vous ne l'aviez pas modifié)\u00a0: notebooks/01_essai.ipynb." in report.messages()
    assert not list(folder.rglob("*nouvelle-version*"))


def test_an_edited_module_is_kept_and_the_new_version_written_beside_it(tmp_path):
    course, folder = write_course(tmp_path / "cours", "1"), tmp_path / "moi"
    personal_copy(folder, course)
    mine = folder / "notebooks" / "01_essai.ipynb"
    learner_edits(mine, "Mes notes : penser à relire l'article R.4127-19.")
    kept = mine.read_bytes()
    write_course(course, "2")
    report = personal_copy(folder, course)
    beside = folder / "notebooks" / "01_essai.nouvelle-version.ipynb"
    assert mine.read_bytes() == kept
    assert sources(beside) == sources(course / "notebooks" / "01_essai.ipynb")
    assert report.kept == [("notebooks/01_essai.ipynb", "notebooks/01_essai.nouvelle-version.ipynb")]
    assert ("Vous avez modifié notebooks/01_essai.ipynb\u00a0: votre version est gardée telle quelle. La nouvelle "
            "version du cours est à côté\u00a0: notebooks/01_essai.nouvelle-version.ipynb.") in report.messages()
    assert sorted(report.updated) == ["docs/mes-donnees.md", "notebooks/02_essai.ipynb"]  # the others follow
    # Said once: the next start has nothing new to say; the learner's edits are still theirs.
    assert personal_copy(folder, course).messages() == [] and mine.read_bytes() == kept
    # A later version replaces the earlier one beside (the learner left it as written), never their module.
    write_course(course, "3")
    assert personal_copy(folder, course).kept == [
        ("notebooks/01_essai.ipynb", "notebooks/01_essai.nouvelle-version.ipynb")]
    assert sources(beside) == sources(course / "notebooks" / "01_essai.ipynb") and mine.read_bytes() == kept


def test_a_new_version_beside_that_the_learner_edited_is_kept_too(tmp_path):
    course, folder = write_course(tmp_path / "cours", "1"), tmp_path / "moi"
    personal_copy(folder, course)
    learner_edits(folder / "notebooks" / "01_essai.ipynb", "Mes notes.")
    write_course(course, "2")
    personal_copy(folder, course)
    beside = folder / "notebooks" / "01_essai.nouvelle-version.ipynb"
    learner_edits(beside, "Mes notes sur la version 2.")
    annotated = beside.read_bytes()
    write_course(course, "3")
    assert personal_copy(folder, course).kept == [
        ("notebooks/01_essai.ipynb", "notebooks/01_essai.nouvelle-version-2.ipynb")]
    assert beside.read_bytes() == annotated
    assert sources(folder / "notebooks" / "01_essai.nouvelle-version-2.ipynb") == sources(
        course / "notebooks" / "01_essai.ipynb")


def test_a_deleted_module_comes_back_and_a_new_module_arrives(tmp_path):
    course, folder = write_course(tmp_path / "cours", "1"), tmp_path / "moi"
    personal_copy(folder, course)
    (folder / "notebooks" / "02_essai.ipynb").unlink()
    write_course(course, "1", modules=("01_essai", "02_essai", "03_essai"))
    report = personal_copy(folder, course)
    assert sorted(report.copied) == ["notebooks/02_essai.ipynb", "notebooks/03_essai.ipynb"]
    assert "Nouveau dans votre copie du cours\u00a0: notebooks/03_essai.ipynb." in report.messages()


def test_files_already_in_the_folder_before_any_copy_are_the_learner_own(tmp_path):
    course, folder = write_course(tmp_path / "cours", "1"), tmp_path / "moi"
    (folder / "notebooks").mkdir(parents=True)
    (folder / "notebooks" / "01_essai.ipynb").write_text("mon brouillon", encoding="utf-8")
    report = personal_copy(folder, course)
    assert (folder / "notebooks" / "01_essai.ipynb").read_text(encoding="utf-8") == "mon brouillon"
    assert report.kept == [("notebooks/01_essai.ipynb", "notebooks/01_essai.nouvelle-version.ipynb")]


def test_a_link_in_the_learner_folder_is_never_written_through(tmp_path):
    course, folder = write_course(tmp_path / "cours", "1"), tmp_path / "moi"
    personal_copy(folder, course)
    elsewhere = tmp_path / "ailleurs.txt"
    elsewhere.write_text("à garder", encoding="utf-8")
    module = folder / "notebooks" / "01_essai.ipynb"
    module.unlink()
    module.symlink_to(elsewhere)
    (folder / "notebooks" / ".02_essai.ipynb.partiel").symlink_to(elsewhere)
    write_course(course, "2")
    report = personal_copy(folder, course)
    assert elsewhere.read_text(encoding="utf-8") == "à garder" and module.is_symlink()
    assert ("notebooks/01_essai.ipynb", "notebooks/01_essai.nouvelle-version.ipynb") in report.kept
    assert sources(folder / "notebooks" / "02_essai.ipynb") == sources(course / "notebooks" / "02_essai.ipynb")


def test_make_cours_copies_the_course_into_the_learner_folder_and_says_so(tmp_path):
    """What `make cours` runs before JupyterLab, on the real course: the learner's folder comes from
    COURS_DOSSIER_APPRENANT, the home page's link to the docs works from there, the repository is not written."""
    folder = tmp_path / "formation"
    env = {**os.environ, "COURS_DOSSIER_APPRENANT": str(folder)}
    before = sorted(path.name for path in REPO.iterdir())
    result = subprocess.run([sys.executable, "-m", "course.learner.lab", "--copie-seulement"], env=env,
                            capture_output=True, text=True, check=True)
    assert result.stdout.startswith(f"Vos modules sont copiés dans {folder}")
    assert sorted(path.name for path in (folder / "notebooks").glob("*.ipynb")) == sorted(
        path.name for path in (REPO / "notebooks").glob("*.ipynb"))
    home = (folder / "notebooks" / "00_accueil.ipynb").read_text(encoding="utf-8")
    assert "../docs/mes-donnees.md" in home and (folder / "docs" / "mes-donnees.md").exists()
    assert sorted(path.name for path in REPO.iterdir()) == before

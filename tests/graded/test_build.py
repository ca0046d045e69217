"""`cours nbgrader creer`: what it writes, what a learner's kernel can import, and rebuilding after release."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import nbformat
from conftest import REPO, VALID_MODULE
from .conftest import ASSIGNMENT, COURSE_ID, create_course, run


def test_the_course_directory_has_config_source_and_keys_outside_source(course_dir):
    assert (course_dir / "nbgrader_config.py").exists()
    assert sorted(path.name for path in (course_dir / "source" / ASSIGNMENT).iterdir()) == [f"{ASSIGNMENT}.ipynb"]
    keys = json.loads((course_dir / "cles" / f"{ASSIGNMENT}.json").read_text(encoding="utf-8"))
    assert keys["items"]["essai-single"]["options"][0] == {
        "id": "a", "text": "LinkedIn", "correct": True, "feedback": "Il met en avant le parcours professionnel."}
    config = (course_dir / "nbgrader_config.py").read_text(encoding="utf-8")
    assert f'course_id = "{COURSE_ID}"' in config
    assert (course_dir / "cles").stat().st_mode & 0o077 == 0  # no other account of a shared server reads the keys


def test_graded_cells_are_locked_and_carry_the_bank_points(course_dir):
    notebook = nbformat.read(course_dir / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    grades = {cell.metadata["nbgrader"]["grade_id"]: cell.metadata["nbgrader"] for cell in notebook.cells
              if cell.metadata["nbgrader"]["grade"]}
    assert {grade_id: meta["points"] for grade_id, meta in grades.items()} == {
        "essai-single": 1, "essai-multiple": 2, "essai-scenario": 3, "essai-ouverte": 2}
    assert all(meta["locked"] for grade_id, meta in grades.items() if grade_id != "essai-ouverte")
    assert grades["essai-ouverte"]["solution"] and not grades["essai-ouverte"]["locked"]


GRADED_KERNEL_PROBE = """
import sys
from course.graded import grade, show_graded
import course.graded.learner, course.graded.prepare.public, course.graded.prepare.answers, course.graded.prepare.keys
print(sorted(name for name in ("pandas", "matplotlib", "yaml", "jsonschema") if name in sys.modules))
"""


def test_a_graded_notebook_imports_neither_pandas_nor_matplotlib():
    result = subprocess.run([sys.executable, "-c", GRADED_KERNEL_PROBE], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_the_package_a_learner_imports_contains_no_bank_and_no_key(tmp_path):
    """What a cohort learner's kernel can import is the installed package: it must hold no question data."""
    wheel_dir = tmp_path / "wheel"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir),
         str(REPO)], cwd=tmp_path)
    import zipfile

    [wheel] = wheel_dir.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not [name for name in names if name.endswith((".yml", ".yaml", ".csv"))]
    assert all(name.startswith(("course/", "course-")) for name in names)
    text = "\n".join(zipfile.ZipFile(wheel).read(name).decode("utf-8", "replace") for name in names)
    from course.bank import load_bank
    from course.bank.serialize import item_to_data

    bank = load_bank()
    secrets = [item.id for item in bank.items.values()] + [
        option["feedback"] for item in bank.items.values() if item.kind in ("single", "multiple")
        for option in item_to_data(item)["options"]]
    assert secrets and not [secret for secret in secrets if secret in text]


def test_rebuilding_before_release_updates_the_source(tmp_path):
    root = create_course(tmp_path)
    bank = tmp_path / "banque" / "notees" / "09_essai.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Quel réseau est le plus", "Quel réseau est surtout"),
                    encoding="utf-8")
    run([sys.executable, "-m", "course", "nbgrader", "creer", str(root), "--banque", str(bank.parent.parent)],
        cwd=tmp_path)
    assert "Quel réseau est surtout" in (root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text()


def test_a_course_made_before_the_track_was_split_into_steps_works_again_when_creer_runs_again(tmp_path):
    """Such a course's nbgrader_config.py names the course's classes, and its copy of the report notebook imports the
    report, where they were before course/graded/ had one folder per step: `creer` run again puts each name where
    it is now, once, and keeps the rest of both files."""
    from traitlets.utils.importstring import import_item

    from course.graded.prepare.build import FEEDBACK_PAGE, SAFE_COLLECT

    root = create_course(tmp_path)
    config, notebook = root / "nbgrader_config.py", root / "rapport_de_cohorte.ipynb"
    for path, edit in ((config, "\n# Réglage du formateur.\nc.Execute.timeout = 60\n"), (notebook, "")):
        text = path.read_text(encoding="utf-8")
        before = re.sub(r"course([./])graded\1(mark|report)\1", r"course\1graded\1", text)  # as `creer` wrote it
        assert before != text
        path.write_text(before + edit, encoding="utf-8")
    run([sys.executable, "-m", "course", "nbgrader", "creer", str(root), "--id-cours", COURSE_ID,
         "--banque", str(tmp_path / "banque")], cwd=tmp_path)
    settings = config.read_text(encoding="utf-8")
    assert settings.count(SAFE_COLLECT) == settings.count(FEEDBACK_PAGE) == 1
    assert settings.endswith("c.Execute.timeout = 60\n")
    report = nbformat.read(notebook, as_version=4)
    imports = [line for cell in report.cells for line in cell.source.splitlines() if "course.graded" in line]
    assert imports == ["from course.graded.report.instructor import show_cohort_report",
                       "from course.graded.report.instructor import show_training_report"]
    named = re.findall(r"course\.graded(?:\.\w+)+", settings)
    assert len(named) == 6 and all(import_item(name) for name in named)


def test_a_question_changed_after_release_is_refused_with_an_explanation(tmp_path):
    root = create_course(tmp_path)
    (root / "release" / ASSIGNMENT).mkdir(parents=True)  # what `nbgrader generate_assignment` leaves
    bank = tmp_path / "banque" / "notees" / "09_essai.yml"
    text = bank.read_text(encoding="utf-8")
    edited = text.replace("        correct: true\n        feedback: Réseau de médecins.",
                          "        feedback: Réseau de médecins.", 1)  # Esanum is no longer a right answer
    assert edited != text
    bank.write_text(edited, encoding="utf-8")
    before = (root / "cles" / f"{ASSIGNMENT}.json").read_text(encoding="utf-8")
    command = [sys.executable, "-m", "course", "nbgrader", "creer", str(root), "--banque", str(bank.parent.parent)]
    refused = run(command, cwd=tmp_path, check=False)
    assert refused.returncode == 3
    assert "déjà distribué" in refused.stderr and "essai-multiple" in refused.stderr
    assert (root / "cles" / f"{ASSIGNMENT}.json").read_text(encoding="utf-8") == before  # nothing touched
    forced = run(command + ["--forcer"], cwd=tmp_path)
    assert "redistribuez" in forced.stdout
    assert (root / "cles" / f"{ASSIGNMENT}.json").read_text(encoding="utf-8") != before


def test_an_unchanged_rebuild_after_release_is_silent(tmp_path):
    root = create_course(tmp_path)
    (root / "release" / ASSIGNMENT).mkdir(parents=True)
    result = run([sys.executable, "-m", "course", "nbgrader", "creer", str(root), "--banque",
                  str(tmp_path / "banque")], cwd=tmp_path)
    assert "Attention" not in result.stdout


def test_a_bank_without_graded_questions_creates_nothing(tmp_path):
    (tmp_path / "banque").mkdir()
    (tmp_path / "banque" / "09_essai.yml").write_text(VALID_MODULE, encoding="utf-8")  # self-paced only
    result = run([sys.executable, "-m", "course", "nbgrader", "creer", str(tmp_path / "cours"), "--banque",
                  str(tmp_path / "banque")], cwd=tmp_path, check=False)
    assert result.returncode == 1 and "aucun devoir créé" in result.stdout


def test_the_course_final_evaluation_releases_questions_without_their_key(tmp_path):
    from course.bank import load_bank

    from .conftest import nbgrader

    root = tmp_path / "cours"
    run([sys.executable, "-m", "course", "nbgrader", "creer", str(root)], cwd=tmp_path)
    nbgrader("generate_assignment", "quiz-06", cwd=root)
    released = (root / "release" / "quiz-06" / "quiz-06.ipynb").read_text(encoding="utf-8")
    graded = [item for item in load_bank().items.values() if item.graded]
    assert len(graded) >= 10 and all(item.prompt.split()[0] in released for item in graded)
    secrets = [item.explanation for item in graded]
    secrets += [option.feedback for item in graded if item.kind in ("single", "multiple") for option in item.options]
    secrets += [choice.feedback for item in graded if item.kind == "scenario"
                for step in item.steps for choice in step.choices]
    secrets += [criterion.text for item in graded if item.kind == "open" for criterion in item.rubric]
    leaked = [secret for secret in secrets if json.dumps(secret, ensure_ascii=False)[1:-1][:30] in released]
    assert not leaked


def test_no_other_account_can_read_anything_in_the_course_folder(tmp_path):
    """As another system user (« nobody »): the gradebook, the keys, the sources and the submissions are out of
    reach, while a file beside the course folder is readable (so the check itself can fail)."""
    import os
    import shutil
    import tempfile
    from pathlib import Path

    import pytest

    if os.geteuid() != 0 or not shutil.which("runuser"):
        pytest.skip("test en tant qu'autre compte ignoré : il faut root et runuser")
    shared = Path(tempfile.mkdtemp(prefix="cours-partage-"))  # a folder every account may cross, unlike pytest's
    try:
        shared.chmod(0o755)
        root = create_course(shared)
        from .conftest import nbgrader as run_nbgrader

        run_nbgrader("db", "student", "add", "ana", cwd=root)
        (root / "submitted" / "ana" / "quiz-09").mkdir(parents=True)
        (root / "submitted" / "ana" / "quiz-09" / "quiz-09.reponses.json").write_text("{}")
        (root / "rapports").mkdir()
        (root / "rapports" / "notes.csv").write_text("ana;6")
        beside = shared / "lisible.txt"
        beside.write_text("public")
        beside.chmod(0o644)

        def can_read(path: Path) -> bool:
            return subprocess.run(["runuser", "-u", "nobody", "--", "cat", str(path)],
                                  capture_output=True).returncode == 0

        assert can_read(beside)
        for path in (root / "gradebook.db", root / "cles" / "quiz-09.json", root / "source" / "quiz-09" / "quiz-09.ipynb",
                     root / "submitted" / "ana" / "quiz-09" / "quiz-09.reponses.json", root / "rapports" / "notes.csv",
                     root / "nbgrader_config.py"):
            assert path.exists() and not can_read(path), path
    finally:
        shutil.rmtree(shared, ignore_errors=True)

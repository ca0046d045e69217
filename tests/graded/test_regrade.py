"""A learner who hands in again after being graded (nbgrader collect --update) is graded again, and said so; the
instructor can ask for a learner, or everyone, to be graded again; hand grades are kept and flagged for review."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ASSIGNMENT, create_course, nbgrader, released, run
from .test_bad_submissions import ANSWERS, RIGHT, answers_file, exported_scores, submit_cases


def cours(*args: str, cwd) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "course", "nbgrader", *args], cwd=cwd, check=False)


def hand_in_again(root, student: str, answers: dict, when: str) -> None:
    """What `nbgrader collect --update` leaves after a new submission: the new files and their time."""
    folder = root / "submitted" / student / ASSIGNMENT
    (folder / ANSWERS).write_text(answers_file(answers), encoding="utf-8")
    (folder / "timestamp.txt").write_text(when)


def hand_grade(root, student: str, points: float) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "essai-cours") as gradebook:
        grade = gradebook.find_grade("essai-ouverte", ASSIGNMENT, ASSIGNMENT, student)
        grade.manual_score = points
        gradebook.db.commit()


def test_a_copy_handed_in_again_is_graded_again_hand_grades_are_kept_and_anyone_can_be_graded_again(tmp_path):
    root = create_course(tmp_path)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    only_single = released({"essai-single": "a"})
    submit_cases(root, {"lea": (answers_file(only_single), None, 1.0), "marc": (answers_file(RIGHT), None, 6.0)})
    assert cours("corriger", ASSIGNMENT, cwd=root).returncode == 0
    assert exported_scores(root) == {"lea": 1.0, "marc": 6.0}
    hand_grade(root, "lea", 2.0)

    hand_in_again(root, "lea", RIGHT, "2026-11-22 11:30:00.000000 UTC")  # later than the first copy
    result = cours("corriger", ASSIGNMENT, cwd=root)
    assert result.returncode == 0, result.stderr
    assert "lea\u00a0: copie remise à nouveau" in result.stdout and "marc" not in result.stdout.split("Bilan")[0]
    assert "lea\u00a0: les points donnés à la main sont gardés" in result.stdout
    assert exported_scores(root) == {"lea": 6.0 + 2.0, "marc": 6.0}

    again = cours("corriger", ASSIGNMENT, cwd=root)  # nothing new: nothing graded again
    assert "Rien à corriger" in again.stdout and "--apprenant" in again.stdout

    # The instructor asks for one learner (and names one who handed in nothing), then for everyone.
    one = cours("corriger", ASSIGNMENT, "--apprenant", "marc", "--apprenant", "personne", cwd=root)
    assert "1 copie(s) corrigée(s)" in one.stdout and "personne\u00a0: aucune copie remise" in one.stderr
    everyone = cours("corriger", ASSIGNMENT, "--tout", cwd=root)
    assert "2 copie(s) corrigée(s)" in everyone.stdout
    assert exported_scores(root) == {"lea": 6.0 + 2.0, "marc": 6.0}

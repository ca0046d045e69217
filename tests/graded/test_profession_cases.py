"""The graded evaluation's cases written for one profession or one country are graded by the real nbgrader like
every other question: the best path earns all its points, a worse one less, from the learner's clicks only."""

from __future__ import annotations

import shutil
import sys

from course.bank import load_bank
from course.graded.prepare.keys import KEYS_DIR, order_seed
from course.graded.prepare.public import released_answer
from course.scoring import score_scenario

from .conftest import nbgrader, run
from .test_bad_submissions import answers_file, exported_scores

ASSIGNMENT, NOTEBOOK = "quiz-06", "quiz-06.ipynb"


def path_by(scenario, pick) -> list[str]:
    """A whole path, choosing at each step the choice that pick(choices, scenario) returns."""
    path, node = [], scenario.start
    while (step := scenario.step(node)) is not None:
        choice = pick(step.choices, scenario)
        path.append(choice.id)
        node = choice.next
    return path


def best(choices, scenario):
    return max(choices, key=scenario.choice_value)


def worst(choices, scenario):
    return min(choices, key=scenario.choice_value)


def test_the_cases_for_a_profession_or_a_country_are_graded_from_the_clicks(tmp_path):
    graded = [item for item in load_bank().items.values()
              if item.graded and item.kind == "scenario" and (item.tags.professions or item.tags.countries)]
    assert {"maroc"} <= {country for item in graded for country in item.tags.countries}
    assert {"infirmier"} <= {profession for item in graded for profession in item.tags.professions}
    root = tmp_path / "cours"
    run([sys.executable, "-m", "course", "nbgrader", "creer", str(root)], cwd=tmp_path)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
    seed = order_seed(root / KEYS_DIR)
    learners = {"meilleur": best, "moindre": worst}
    expected = {}
    for student, pick in learners.items():
        paths = {item.id: path_by(item, pick) for item in graded}
        folder = root / "submitted" / student / ASSIGNMENT
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-12-06 10:00:00.000000 UTC")
        shutil.copy(root / "release" / ASSIGNMENT / NOTEBOOK, folder / NOTEBOOK)
        answers = {item.id: released_answer(item, seed, paths[item.id]) for item in graded}
        (folder / "quiz-06.reponses.json").write_text(answers_file(answers), encoding="utf-8")
        expected[student] = round(sum(score_scenario(item, paths[item.id]).earned for item in graded), 2)
    run([sys.executable, "-m", "course", "nbgrader", "corriger", ASSIGNMENT], cwd=root)
    scores = exported_scores(root)
    assert scores == expected
    assert scores["meilleur"] == sum(item.points for item in graded) > scores["moindre"]

"""What the cells of a released graded notebook call, in the learner's kernel. Holds no key."""

from __future__ import annotations

import os
from pathlib import Path

from ..scoring import score_item
from ..typography import french, short
from .prepare.answers import read_answers, record_answer
from .prepare.keys import key_item


# Widgets shown in this kernel, newest last: lets a test (or a curious instructor) drive them like a click.
DISPLAYED: list = []


def show_graded(public: dict, answers_file: str) -> None:
    """Show a graded question; each click on Valider records the answer in answers_file.

    While nbgrader autogrades, nobody is looking: nothing is shown, which spares the grading kernel
    the widget libraries."""
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return
    from IPython.display import display

    from ..bank.order import displayed
    from ..widgets import item_widget
    from .prepare.public import item_from_public

    path = Path(answers_file)
    recorded, _ = read_answers(path)
    # Each learner sees the options in an order of their own: « the answer is the second one » cannot be passed on.
    item = displayed(item_from_public(public), learner_name())
    widget = item_widget(item, {}, show_feedback=False,
                         on_answer=lambda item_id, answer: record_answer(path, item_id, answer),
                         initial_answer=recorded.get(public["id"]))
    DISPLAYED.append(widget)
    display(widget)


def learner_name() -> str:
    import getpass

    return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()


def grade(item_id: str, answers_file: str):
    """The body of a grading cell. While nbgrader autogrades, print the explanation and return the points
    earned (a float, which nbgrader reads as the cell's partial credit); elsewhere, say when it will be graded."""
    if os.environ.get("NBGRADER_EXECUTION") != "autograde":
        print(french("Cette question sera notée après la remise de votre travail."))
        return None
    item = key_item(item_id)  # raises if the instructor's keys are missing: reported, never a silent pass
    answers, problem = read_answers(Path(answers_file))
    score = score_item(item, answers.get(item_id))
    reason = problem or score.problem
    print(french(f"{item_id} : {short(score.earned)} / {short(score.points)} point(s)"
                 + (f" — {reason}." if reason else ".")))
    print(french(f"Explication : {item.explanation}"))
    return float(score.earned)


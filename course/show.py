"""The one-line calls used in the learner notebooks (show_*), and the builders they display."""

from __future__ import annotations

from functools import lru_cache

from IPython.display import display

from .bank import Bank, Scenario, load_bank
from .paths import course_root
from .sources import load_sources
from .widgets import QuizWidget, item_widget


@lru_cache(maxsize=2)
def _bank(root) -> Bank:
    return load_bank()


def bank() -> Bank:
    """The validated bank of this course folder (loaded once per kernel)."""
    return _bank(course_root())


def self_paced_item(item_id: str):
    item = bank().item(item_id)
    if item.graded:
        raise ValueError(f"« {item_id} » est réservée à l'évaluation notée : elle n'est pas affichée ici.")
    return item


def question_widget(item_id: str):
    return item_widget(self_paced_item(item_id), load_sources())


def quiz_widget(module: str, ids: list[str] | None = None) -> QuizWidget:
    """The listed questions, or every choice question of the module, with a quiz score."""
    items = ([self_paced_item(item_id) for item_id in ids] if ids
             else [item for item in bank().module(module).items
                   if item.kind in ("single", "multiple") and not item.graded])
    return QuizWidget(items, load_sources())


def show_question(item_id: str) -> None:
    """Display one question or scenario of the bank, with immediate feedback."""
    display(question_widget(item_id))


def show_scenario(item_id: str) -> None:
    """Display a branching scenario (same as show_question, named for readability)."""
    item = self_paced_item(item_id)
    if not isinstance(item, Scenario):
        raise ValueError(f"« {item_id} » n'est pas un scénario (type : {item.kind})")
    display(question_widget(item_id))


def show_quiz(module: str, ids: list[str] | None = None) -> None:
    display(quiz_widget(module, ids))

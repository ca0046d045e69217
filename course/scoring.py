"""One scoring rule per kind of question, shared by the self-paced feedback and the grade.

An answer is what a learner's clicks produce: an option id ('single'), a list of option ids
('multiple'), or the list of choice ids taken from the start ('scenario'). Anything else — a
hand-edited answers file, say — scores 0 with a reason, never more than a real click could.
"""

from __future__ import annotations

from dataclasses import dataclass

from .bank.model import ChoiceQuestion, Item, Scenario

#: The final evaluation's pass mark, in % of its maximum, when the organiser sets none: formation.yml's default for
#: attestations (course/formation.py) and the SCORM packages' (course/scorm/, course/learner/lms.py).
PASS_PERCENT = 60


@dataclass(frozen=True)
class Score:
    fraction: float  # 0.0 .. 1.0
    points: int  # the item's points
    problem: str = ""  # why an answer could not be read, in French

    @property
    def earned(self) -> float:
        return round(self.fraction * self.points, 4)


def score_single(question: ChoiceQuestion, answer: object) -> Score:
    if answer is None:
        return Score(0.0, question.points, "pas de réponse")
    if not isinstance(answer, str) or answer not in {option.id for option in question.options}:
        return Score(0.0, question.points, f"réponse illisible : {answer!r}")
    return Score(1.0 if answer in question.correct_ids else 0.0, question.points)


def score_multiple(question: ChoiceQuestion, answer: object) -> Score:
    """(right options ticked − wrong options ticked) ÷ number of right options, never below 0."""
    if answer is None:
        return Score(0.0, question.points, "pas de réponse")
    known = {option.id for option in question.options}
    if not isinstance(answer, list) or not all(isinstance(x, str) and x in known for x in answer) \
            or len(set(answer)) != len(answer):
        return Score(0.0, question.points, f"réponse illisible : {answer!r}")
    ticked = set(answer)
    right = len(ticked & question.correct_ids)
    wrong = len(ticked - question.correct_ids)
    return Score(max(0.0, (right - wrong) / len(question.correct_ids)), question.points)


def walk_scenario(scenario: Scenario, path: list[str]) -> tuple[int, str]:
    """Sum of the scores along a path of choice ids, and where it stops (a step or an ending id)."""
    node, total = scenario.start, 0
    for choice_id in path:
        step = scenario.step(node)
        if step is None or choice_id not in {choice.id for choice in step.choices}:
            raise ValueError(f"le choix « {choice_id} » n'existe pas à l'étape « {node} »")
        choice = step.choice(choice_id)
        total += choice.score
        node = choice.next
    return total, node


def score_scenario(scenario: Scenario, answer: object) -> Score:
    """Path score ÷ best path score; an unfinished path counts the choices made so far."""
    if answer is None or answer == []:
        return Score(0.0, scenario.points, "pas de réponse")
    if not isinstance(answer, list) or not all(isinstance(x, str) for x in answer):
        return Score(0.0, scenario.points, f"réponse illisible : {answer!r}")
    try:
        total, _ = walk_scenario(scenario, answer)
    except ValueError as error:
        return Score(0.0, scenario.points, f"parcours illisible : {error}")
    return Score(min(1.0, total / scenario.best_path_score), scenario.points)


_RULES = {"single": score_single, "multiple": score_multiple, "scenario": score_scenario}


def score_item(item: Item, answer: object) -> Score:
    """Score any auto-graded item; open questions are graded by hand."""
    if item.kind not in _RULES:
        raise ValueError(f"« {item.id} » ({item.kind}) se corrige à la main")
    return _RULES[item.kind](item, answer)

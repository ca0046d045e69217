"""What a test-wise learner who does not read the questions would score, against blind guessing.

Strategies look only at what is shown: the position of an option in the displayed order and its length.
Blind guessing is computed exactly: a random option (single), a random non-empty set of options (multiple),
a random choice at each step (scenario). An evaluation measures knowledge only if no strategy beats blind
guessing by more than a small margin (tests/test_item_cues.py).
"""

from __future__ import annotations

from itertools import combinations
from math import ceil

from ..scoring import score_item
from .model import ChoiceQuestion, Item, Module, Scenario
from .order import displayed


def _by_length(entries, count: int) -> list:
    """The count longest entries (the displayed order breaks ties, as a hurried reader would)."""
    return sorted(entries, key=lambda entry: -len(entry.text))[:count]


def _shortest(entries) -> object:
    return min(entries, key=lambda entry: len(entry.text))


def _one(how: str, entries) -> object:
    """The one option (or scenario choice) a strategy picks."""
    return {"premier": entries[0], "plus-courte": _shortest(entries)}.get(how) or _by_length(entries, 1)[0]


def _ticked(how: str, question: ChoiceQuestion) -> object:
    options = question.options
    if question.kind == "single":
        return _one(how, options).id
    chosen = {"premier": options[:2], "moitie-plus-longue": _by_length(options, ceil(len(options) / 2))}.get(
        how, [_one(how, options)])
    return [option.id for option in chosen]


def _path(how: str, scenario: Scenario) -> list[str]:
    path, node = [], scenario.start
    while (step := scenario.step(node)) is not None:
        choice = _one(how, step.choices)
        path.append(choice.id)
        node = choice.next
    return path


STRATEGIES: dict[str, str] = {
    "premier": "toujours la première option (les deux premières dans un choix multiple), le premier choix d’un scénario",
    "plus-longue": "toujours l’option la plus longue, le choix le plus long d’un scénario",
    "moitie-plus-longue": "la plus longue en choix unique, la moitié la plus longue des options en choix multiple",
    "plus-courte": "toujours l’option la plus courte (celui qui a compris que la clé n’est plus la plus longue)",
}


def answer_by(how: str, item: Item) -> object:
    """The answer the strategy gives to an item as shown."""
    return _path(how, item) if isinstance(item, Scenario) else _ticked(how, item)


def strategy_score(how: str, module: Module, seeds: list[str]) -> float:
    """Mean fraction of the module's auto-graded points that the strategy earns, over the learners' seeds."""
    items = _autograded(module)
    total = sum(item.points for item in items)
    earned = 0.0
    for seed in seeds:
        for item in items:
            shown = displayed(item, seed)
            earned += score_item(item, answer_by(how, shown)).earned
    return earned / (total * len(seeds))


def blind_guess_score(module: Module) -> float:
    """Expected fraction of the auto-graded points for a learner who answers at random."""
    items = _autograded(module)
    return sum(_blind(item) * item.points for item in items) / sum(item.points for item in items)


def _blind(item: Item) -> float:
    if isinstance(item, Scenario):
        return _blind_from(item, item.start) / item.best_path_score
    ids = [option.id for option in item.options]
    if item.kind == "single":
        return len(item.correct_ids) / len(ids)
    subsets = [list(subset) for size in range(1, len(ids) + 1) for subset in combinations(ids, size)]
    return sum(score_item(item, subset).fraction for subset in subsets) / len(subsets)


def _blind_from(scenario: Scenario, node: str) -> float:
    step = scenario.step(node)
    if step is None:
        return 0.0
    return sum(choice.score + _blind_from(scenario, choice.next) for choice in step.choices) / len(step.choices)


def _autograded(module: Module) -> list[Item]:
    return [item for item in module.items if item.kind in ("single", "multiple", "scenario")]


def seeds(count: int) -> list[str]:
    return [f"apprenant-{number}" for number in range(count)]



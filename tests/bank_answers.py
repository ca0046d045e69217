"""Answers a learner could click, from the bank: the best one of an item and its worst one."""

from __future__ import annotations


def best_answer(item):
    """The right option (single), the right options (multiple), the highest-scoring path (scenario)."""
    if item.kind == "single":
        return next(option.id for option in item.options if option.correct)
    if item.kind == "multiple":
        return [option.id for option in item.options if option.correct]
    path, node = [], item.start
    while (step := item.step(node)) is not None:
        choice = max(step.choices, key=item.choice_value)
        path.append(choice.id)
        node = choice.next
    return path


def worst_answer(item):
    """A wrong option (single), every wrong option (multiple), the lowest-scoring path (scenario)."""
    if item.kind == "single":
        return next(option.id for option in item.options if not option.correct)
    if item.kind == "multiple":
        return [option.id for option in item.options if not option.correct]
    return list(min(item.paths(), key=lambda path: path[1])[0])

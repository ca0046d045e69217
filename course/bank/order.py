"""The order in which a learner sees options and scenario choices: random, reproducible, never the author's.

Authors tend to write the key first; shown as written, « always take the first option » would score. Each
learner (or each course, for a released notebook) has a seed; an item's order is drawn from the seed and the
item's id, so a reload shows the same order and two learners see different ones. Grading reads option ids,
never positions, so a grade never depends on the order. An item marked « ordre: fixe » (a scale, « Oui / Non »)
keeps the authored order.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from dataclasses import replace

from .model import ChoiceQuestion, Item, Scenario


def new_seed() -> str:
    return secrets.token_hex(8)


def _rng(seed: str, *names: str) -> random.Random:
    digest = hashlib.sha256(":".join((seed, *names)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def shuffled(entries: tuple, seed: str, *names: str) -> tuple:
    entries = list(entries)
    _rng(seed, *names).shuffle(entries)
    return tuple(entries)


def displayed(item: Item, seed: str) -> Item:
    """The item with its options (or each step's choices) in the order this seed shows them."""
    if getattr(item, "fixed_order", False):
        return item
    if isinstance(item, ChoiceQuestion):
        return replace(item, options=shuffled(item.options, seed, item.id))
    if isinstance(item, Scenario):
        steps = tuple(replace(step, choices=shuffled(step.choices, seed, item.id, step.id)) for step in item.steps)
        return replace(item, steps=steps)
    return item

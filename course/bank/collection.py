"""The whole bank: its modules, and the course pathway (objectives, rules, questionnaire) they serve. Kept apart from
model.py so that the items' model and the pathway, which uses the model's tags and references, never import each
other."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .model import Item, Module
from .pathway import Pathway


@dataclass(frozen=True)
class Bank:
    modules: tuple[Module, ...]
    pathway: Pathway | None = None  # objectives, rules by profession and country, satisfaction questionnaire

    @cached_property
    def items(self) -> dict[str, Item]:
        return {item.id: item for module in self.modules for item in module.items}

    def item(self, item_id: str) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            raise KeyError(f"Aucune question « {item_id} » dans la banque.") from None

    def module(self, number: str, graded: bool = False) -> Module:
        for module in self.modules:
            if module.number == number and module.graded == graded:
                return module
        known = ", ".join(module.number for module in self.modules)
        raise KeyError(f"Aucun module « {number} » dans la banque (modules : {known}).")

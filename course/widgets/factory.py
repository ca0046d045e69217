"""The right widget for a bank item."""

from __future__ import annotations

from ..bank.model import ChoiceQuestion, Item, Scenario
from ..sources import Source
from .choice import ChoiceQuestionWidget
from .scenario import ScenarioWidget


def item_widget(item: Item, sources: dict[str, Source], **options):
    if isinstance(item, ChoiceQuestion):
        return ChoiceQuestionWidget(item, sources, **options)
    if isinstance(item, Scenario):
        return ScenarioWidget(item, sources, **options)
    raise ValueError(f"« {item.id} » ({item.kind}) n'a pas encore de widget")

"""Several questions shown together, with a running score."""

from __future__ import annotations

import ipywidgets as widgets

from ..bank.model import Item
from ..scoring import Score
from ..sources import Source
from . import text
from .factory import item_widget


class QuizWidget(widgets.VBox):
    """Each question keeps its own feedback; the quiz adds up the latest validated attempts."""

    def __init__(self, items: list[Item], sources: dict[str, Source], *, on_score=None,
                 initial_answers: dict | None = None, **options):
        """on_score(item_id, score) is also told of each question's score; initial_answers (item id -> answer)
        brings back answers validated earlier, counted in the quiz score; other options go to each question."""
        self.items = items
        initial_answers = initial_answers or {}
        self.questions = [item_widget(item, sources, on_score=self._record,
                                      initial_answer=initial_answers.get(item.id), **options) for item in items]
        # Answers brought back show their feedback: their scores count here, without being recorded again.
        self.scores: dict[str, Score] = {item.id: question.shown_score for item, question in zip(items, self.questions)
                                         if question.shown_score is not None}
        self.on_score = on_score
        self.total = widgets.HTML("")
        self.total.add_class("cours-score-quiz")
        numbered = []
        for number, question in enumerate(self.questions, start=1):
            title = widgets.HTML(f"<h4>Question {number} / {len(self.questions)}</h4>")
            numbered.append(widgets.VBox([title, question]))
        super().__init__([*numbered, self.total])
        self.add_class("cours-quiz")
        self._refresh()

    @property
    def possible(self) -> int:
        return sum(item.points for item in self.items)

    @property
    def earned(self) -> float:
        return sum(score.earned for score in self.scores.values())

    def _record(self, item_id: str, score: Score | None) -> None:
        if score is None:
            self.scores.pop(item_id, None)
        else:
            self.scores[item_id] = score
        self._refresh()
        if self.on_score:
            self.on_score(item_id, score)

    def _refresh(self) -> None:
        answered = len(self.scores)
        self.total.value = (f'<p role="status" aria-live="polite"><strong>'
                            f'{text.score_line(self.earned, self.possible, "Score du quiz")}</strong> '
                            f'— {answered} question{"s" if answered > 1 else ""} validée{"s" if answered > 1 else ""}'
                            f' sur {len(self.items)}</p>')

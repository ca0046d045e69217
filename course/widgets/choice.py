"""A single- or multiple-choice question with immediate feedback (self-paced) or recording (graded)."""

from __future__ import annotations

import html
from collections.abc import Callable

from ..bank.model import ChoiceQuestion
from ..scoring import Score, score_item
from ..sources import Source
from . import text
from .view import QuestionView


class ChoiceQuestionWidget(QuestionView):
    """Radio buttons ('single') or checkboxes ('multiple'), « Valider » and a feedback area.

    on_answer(item_id, answer) is called on each « Valider », with the answer as the scoring rules read it;
    on_score(item_id, score) only when feedback is shown (None after « Réessayer »).
    """

    def __init__(self, question: ChoiceQuestion, sources: dict[str, Source], *, show_feedback: bool = True,
                 on_answer: Callable[[str, object], None] | None = None,
                 on_score: Callable[[str, Score | None], None] | None = None, initial_answer=None,
                 notes: Callable[[object], str] | None = None, profession: str | None = None):
        super().__init__(kind=question.kind, prompt=text.markdown(question.prompt),
                         primary_label=text.VALIDATE)
        self.question, self.sources, self.profession = question, sources, profession
        self._shown_score: Score | None = None
        self.show_feedback, self.on_answer, self.on_score = show_feedback, on_answer, on_score
        self.notes = notes  # extra HTML under the explanation, built when shown (e.g. the learner's own rules)
        self.set_options([(text.plain(option.text), option.id) for option in question.options])
        self.add_class("cours-question")
        self.add_class(f"cours-question--{question.kind}")
        self.add_class(f"cours-item-{question.id}")  # a stable handle for browser tests
        if initial_answer is not None:
            self.restore(initial_answer)

    def restore(self, answer) -> None:
        """Show an answer recorded earlier, with its feedback (a re-run must not wipe it); an unreadable one
        is ignored."""
        if not answer or score_item(self.question, answer).problem:  # nothing, or edited beyond reading
            return
        self.answer = answer
        if self.show_feedback:
            self._show_feedback(answer)
        else:
            self.feedback = _recorded()

    @property
    def answer(self):
        """What the learner has ticked, in the form the scoring rules read."""
        if self.question.kind == "single":
            return self.value[0] if len(self.value) == 1 else None
        return list(self.value) or None

    @answer.setter
    def answer(self, value) -> None:
        self.value = [] if value is None else [value] if isinstance(value, str) else list(value)

    def on_primary(self) -> None:
        self.validate()

    def on_secondary(self) -> None:
        self.retry()

    def validate(self) -> None:
        answer = self.answer
        if answer is None:
            self.feedback = f'<p class="cours-avertissement" role="alert">{text.CHOOSE_FIRST}</p>'
            self.move_focus("options")
            return
        if self.on_answer:
            self.on_answer(self.question.id, answer)
        if not self.show_feedback:
            self.feedback = _recorded()
            self.move_focus("feedback")
            return
        score = self._show_feedback(answer)
        self.move_focus("feedback")
        if self.on_score:
            self.on_score(self.question.id, score)

    def retry(self) -> None:
        self.answer, self._shown_score = None, None
        with self.hold_sync():
            self.feedback, self.marks, self.disabled, self.secondary_label = "", {}, False, ""
        self.move_focus("options")
        if self.on_score:
            self.on_score(self.question.id, None)

    @property
    def shown_score(self) -> Score | None:
        """The score of the feedback on screen (a validated or recorded answer), or None."""
        return self._shown_score

    def _show_feedback(self, answer) -> Score:
        score = self._shown_score = score_item(self.question, answer)
        chosen = [answer] if isinstance(answer, str) else answer
        with self.hold_sync():
            self.marks = {option.id: "juste" if option.correct else "faux"
                          for option in self.question.options if option.id in chosen}
            self.feedback = self._feedback_html(chosen, score)
            self.disabled, self.secondary_label = True, text.RETRY
        return score

    def reveal(self) -> None:
        """The correction of a question left unanswered at the end of a test: the right options marked and
        explained, the score 0 (only self-paced tests call it; a graded notebook never holds a key)."""
        correct = [option for option in self.question.options if option.correct]
        score = Score(0.0, self.question.points)
        with self.hold_sync():
            self.value = []
            self.marks = {option.id: "attendue" for option in correct}
            self.feedback = (f'<div class="cours-retours cours-retours--wrong">'
                             f'{text.verdict_html(score, 0, score.points, words=text.UNANSWERED)}'
                             f'<p>{text.french("Bonne réponse :" if len(correct) == 1 else "Bonnes réponses :")}</p>'
                             f'<ul>{"".join(self._option_line(option) for option in correct)}</ul>'
                             f'{self._explanation()}</div>')
            self.disabled, self.primary_label, self.secondary_label = True, "", ""

    @staticmethod
    def _option_line(option) -> str:
        mark, css = ("✔", "juste") if option.correct else ("✘", "faux")
        return (f'<li class="cours-retour cours-retour--{css}"><strong>{mark} {html.escape(text.plain(option.text))}'
                f'</strong> — {text.inline_markdown(option.feedback)}</li>')

    def _explanation(self) -> str:
        return (text.explanation_and_sources(self.question.explanation, self.question.references, self.sources,
                                             self.profession)
                + (self.notes(self.question) if self.notes else ""))

    def _feedback_html(self, chosen: list[str], score: Score) -> str:
        lines = [self._option_line(option) for option in self.question.options if option.id in chosen]
        missed = len(self.question.correct_ids - set(chosen))
        if missed and self.question.kind == "multiple":
            lines.append(f'<li class="cours-retour cours-retour--manque">Il manquait {missed} bonne'
                         f'{"s" if missed > 1 else ""} réponse{"s" if missed > 1 else ""}.</li>')
        rule = (f'<p class="cours-bareme">{text.PARTIAL_CREDIT}</p>'
                if self.question.kind == "multiple" and 0 < score.fraction < 1 else "")
        return (f'<div class="cours-retours cours-retours--{text.verdict(score)[1]}">'
                f'{text.verdict_html(score, score.earned, score.points)}{rule}'
                f'<ul>{"".join(lines)}</ul>{self._explanation()}</div>')


def _recorded() -> str:
    return f'<p class="cours-enregistre" role="status">{text.RECORDED}</p>'

"""A single- or multiple-choice question with immediate feedback (self-paced) or recording (graded)."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets

from ..bank.model import ChoiceQuestion
from ..scoring import Score, score_item
from ..sources import Source
from . import text


class ChoiceQuestionWidget(widgets.VBox):
    """Radio buttons ('single') or checkboxes ('multiple'), a Valider button and a feedback area.

    on_answer(item_id, answer) is called on each click of Valider, with the answer as the
    scoring rules read it; on_score(item_id, score) only when feedback is shown.
    """

    def __init__(self, question: ChoiceQuestion, sources: dict[str, Source], *, show_feedback: bool = True,
                 on_answer: Callable[[str, object], None] | None = None,
                 on_score: Callable[[str, Score | None], None] | None = None, initial_answer=None,
                 notes: Callable[[object], str] | None = None):
        self.question, self.sources = question, sources
        self.show_feedback, self.on_answer, self.on_score = show_feedback, on_answer, on_score
        self.notes = notes  # extra HTML under the explanation, built when shown (e.g. the learner's own rules)
        prompt = widgets.HTML(text.markdown(question.prompt))
        prompt.add_class("cours-enonce")
        if question.kind == "single":
            self.radio = widgets.RadioButtons(options=[(text.plain(o.text), o.id) for o in question.options],
                                              value=None, layout=widgets.Layout(width="auto"))
            self.radio.add_class("cours-options")
            self.checkboxes = {}
            choices = self.radio
        else:
            self.radio = None
            self.checkboxes = {o.id: widgets.Checkbox(value=False, description=text.plain(o.text), indent=False,
                                                      layout=widgets.Layout(width="auto"))
                               for o in question.options}
            choices = widgets.VBox(list(self.checkboxes.values()))
            choices.add_class("cours-options")
        self.validate_button = widgets.Button(description=text.VALIDATE, button_style="primary")
        self.validate_button.add_class("cours-valider")
        self.retry_button = widgets.Button(description=text.RETRY, layout=widgets.Layout(display="none"))
        self.retry_button.add_class("cours-reessayer")
        self.feedback = widgets.HTML("")
        self.feedback.add_class("cours-feedback")
        self.validate_button.on_click(lambda _: self.validate())
        self.retry_button.on_click(lambda _: self.retry())
        super().__init__([prompt, choices, widgets.HBox([self.validate_button, self.retry_button]), self.feedback])
        self.add_class("cours-question")
        self.add_class(f"cours-question--{question.kind}")
        self.add_class(f"cours-item-{question.id}")  # a stable handle for browser tests
        if initial_answer is not None:
            self.restore(initial_answer)

    def restore(self, answer) -> None:
        """Show an answer recorded earlier (a re-run must not wipe it); an unreadable one is ignored."""
        known = {option.id for option in self.question.options}
        chosen = answer if isinstance(answer, list) else [answer]
        if not chosen or not all(isinstance(x, str) and x in known for x in chosen) \
                or (self.radio is not None and not isinstance(answer, str)):
            return
        self.answer = answer
        if not self.show_feedback:
            self.feedback.value = f'<p class="cours-enregistre" role="status">{text.RECORDED}</p>'

    @property
    def answer(self):
        """What the learner has selected, in the form the scoring rules read."""
        if self.radio is not None:
            return self.radio.value
        ticked = [option_id for option_id, box in self.checkboxes.items() if box.value]
        return ticked or None

    @answer.setter
    def answer(self, value) -> None:
        if self.radio is not None:
            self.radio.value = value
        else:
            for option_id, box in self.checkboxes.items():
                box.value = option_id in (value or [])

    def validate(self) -> None:
        answer = self.answer
        if answer is None:
            self.feedback.value = f'<p class="cours-avertissement">{text.CHOOSE_FIRST}</p>'
            return
        if self.on_answer:
            self.on_answer(self.question.id, answer)
        if not self.show_feedback:
            self.feedback.value = f'<p class="cours-enregistre" role="status">{text.RECORDED}</p>'
            return
        score = score_item(self.question, answer)
        self.feedback.value = self._feedback_html(answer, score)
        self._set_locked(True)
        if self.on_score:
            self.on_score(self.question.id, score)

    def retry(self) -> None:
        self.answer = None
        self.feedback.value = ""
        self._set_locked(False)
        if self.on_score:
            self.on_score(self.question.id, None)

    def _set_locked(self, locked: bool) -> None:
        for control in ([self.radio] if self.radio is not None else list(self.checkboxes.values())):
            control.disabled = locked
        self.validate_button.disabled = locked
        self.retry_button.layout.display = "" if locked else "none"

    def _feedback_html(self, answer, score: Score) -> str:
        chosen = [answer] if isinstance(answer, str) else answer
        lines = []
        for option in self.question.options:
            if option.id not in chosen:
                continue
            mark, css = ("✔", "juste") if option.correct else ("✘", "faux")
            lines.append(f'<li class="cours-retour cours-retour--{css}"><strong>{mark} '
                         f'{html.escape(text.plain(option.text))}</strong> — {text.inline_markdown(option.feedback)}</li>')
        missed = len(self.question.correct_ids - set(chosen))
        if missed and self.question.kind == "multiple":
            lines.append(f'<li class="cours-retour cours-retour--manque">Il manquait {missed} bonne'
                         f'{"s" if missed > 1 else ""} réponse{"s" if missed > 1 else ""}.</li>')
        label, css = text.verdict(score)
        return (f'<div class="cours-retours cours-retours--{css}" role="status" aria-live="polite">'
                f'<p class="cours-verdict"><strong>{label}</strong> {text.score_line(score.earned, score.points)}</p>'
                f'<ul>{"".join(lines)}</ul>'
                f'{text.explanation_and_sources(self.question.explanation, self.question.references, self.sources)}'
                f'{self.notes(self.question) if self.notes else ""}</div>')

"""The end-of-course satisfaction questionnaire: statements on five levels of agreement and free text,
kept in the learner's own file (nothing is sent anywhere)."""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..bank.pathway import SatisfactionQuestion
from ..typography import french
from .buttons import button, button_style
from .store import LearnerStore, now

LIKERT = ["Pas du tout d’accord", "Plutôt pas d’accord", "Ni d’accord ni pas d’accord", "Plutôt d’accord",
          "Tout à fait d’accord"]


class SatisfactionWidget(widgets.VBox):
    """The questions and a save button; on_save(answers) keeps the answers where they belong (the learner's
    file by default, the answers file beside the notebook in the graded track)."""

    def __init__(self, questions: tuple[SatisfactionQuestion, ...], store: LearnerStore | None = None, *,
                 previous: dict | None = None, on_save=None, extra: list | None = None):
        self.questions = questions
        self.store = store or LearnerStore()
        if previous is None:
            previous = self.store.load()["satisfaction"].get("reponses", {})
        self.on_save = on_save or (lambda answers: self.store.update(
            lambda data: data.update(satisfaction={"repondu_le": now(), "reponses": answers})))
        self.fields = {}
        rows = []
        for question in questions:
            label = widgets.HTML(f"<p><strong>{html.escape(french(question.text))}</strong></p>")
            if question.kind == "likert":
                field = widgets.RadioButtons(options=[(french(text), level) for level, text in enumerate(LIKERT, 1)],
                                             value=previous.get(question.id), layout=widgets.Layout(width="auto"))
            else:
                field = widgets.Textarea(value=previous.get(question.id, ""), layout=widgets.Layout(width="100%"),
                                         placeholder="Votre réponse (facultatif)")
            field.add_class(f"cours-satisfaction-{question.id}")
            self.fields[question.id] = field
            rows.append(widgets.VBox([label, field]))
        self.save_button = button("Enregistrer mes réponses", "cours-enregistrer-satisfaction",
                                  button_style="primary")
        self.save_button.on_click(lambda _: self.save())
        self.message = widgets.HTML()
        super().__init__([button_style(), *rows, *(extra or []), self.save_button, self.message])
        self.add_class("cours-satisfaction")

    def answers(self) -> dict:
        answers = {}
        for question_id, field in self.fields.items():
            value = field.value
            if isinstance(value, str):
                value = value.strip()
            if value not in (None, ""):
                answers[question_id] = value
        return answers

    def save(self) -> None:
        answers = self.answers()
        self.on_save(answers)
        self.message.value = french(f'<p class="cours-etat" role="status">Merci : {len(answers)} réponse(s) '
                                    "enregistrée(s). Vous pouvez les modifier et enregistrer à nouveau.</p>")

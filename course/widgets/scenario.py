"""A branching scenario: one step at a time, the consequence of each choice, then the path score."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets

from ..bank.model import Scenario
from ..scoring import Score, score_scenario, walk_scenario
from ..sources import Source
from . import text


class ScenarioWidget(widgets.VBox):
    """Shows the current step with its choices; each validated choice is added to the path.

    on_answer(item_id, path) is called after every choice with the whole path so far.
    """

    def __init__(self, scenario: Scenario, sources: dict[str, Source], *, show_feedback: bool = True,
                 on_answer: Callable[[str, object], None] | None = None,
                 on_score: Callable[[str, Score | None], None] | None = None, initial_answer=None,
                 notes: Callable[[object], str] | None = None):
        self.scenario, self.sources = scenario, sources
        self.show_feedback, self.on_answer, self.on_score = show_feedback, on_answer, on_score
        self.notes = notes  # extra HTML under the explanation, built when shown (e.g. the learner's own rules)
        self.path: list[str] = []
        header = widgets.HTML(f"<h4>{html.escape(text.plain(scenario.title))}</h4>{text.markdown(scenario.prompt)}")
        header.add_class("cours-scenario-titre")
        self.history = widgets.HTML("")
        self.history.add_class("cours-parcours")
        self.step_text = widgets.HTML("")
        self.step_text.add_class("cours-etape")
        self.choices = widgets.RadioButtons(options=[], value=None, layout=widgets.Layout(width="auto"))
        self.choices.add_class("cours-options")
        self.validate_button = widgets.Button(description=text.VALIDATE, button_style="primary")
        self.validate_button.add_class("cours-valider")
        self.restart_button = widgets.Button(description=text.RESTART, layout=widgets.Layout(display="none"))
        self.restart_button.add_class("cours-recommencer")
        self.message = widgets.HTML("")
        self.message.add_class("cours-feedback")
        self.validate_button.on_click(lambda _: self.choose())
        self.restart_button.on_click(lambda _: self.restart())
        super().__init__([header, self.history, self.step_text, self.choices,
                          widgets.HBox([self.validate_button, self.restart_button]), self.message])
        self.add_class("cours-scenario")
        self.add_class(f"cours-item-{scenario.id}")
        self.path = self._readable(initial_answer)
        self._show()

    def _readable(self, path) -> list[str]:
        """A path recorded earlier, if it can still be walked; otherwise start afresh."""
        if not isinstance(path, list) or not all(isinstance(choice, str) for choice in path):
            return []
        try:
            walk_scenario(self.scenario, path)
        except ValueError:
            return []
        return list(path)

    @property
    def node(self) -> str:
        """Where the learner stands: a step id or an ending id."""
        return walk_scenario(self.scenario, self.path)[1]

    @property
    def finished(self) -> bool:
        return self.scenario.ending(self.node) is not None

    def choose(self, choice_id: str | None = None) -> None:
        choice_id = choice_id or self.choices.value
        if choice_id is None:
            self.message.value = f'<p class="cours-avertissement">{text.CHOOSE_FIRST}</p>'
            return
        self.path.append(choice_id)
        if self.on_answer:
            self.on_answer(self.scenario.id, list(self.path))
        self._show()
        if self.finished and self.show_feedback and self.on_score:
            self.on_score(self.scenario.id, score_scenario(self.scenario, self.path))

    def restart(self) -> None:
        self.path = []
        self._show()
        if self.on_score:
            self.on_score(self.scenario.id, None)

    def _show(self) -> None:
        self.history.value = self._history_html()
        self.message.value = ""
        step = self.scenario.step(self.node)
        if step is not None:
            self.step_text.value = text.markdown(step.text)
            self.choices.options = [(text.plain(choice.text), choice.id) for choice in step.choices]
            self.choices.value = None
            self.choices.layout.display = ""
            self.validate_button.layout.display = ""
            self.restart_button.layout.display = "none"
            return
        self.choices.layout.display = "none"
        self.validate_button.layout.display = "none"
        self.restart_button.layout.display = "" if self.show_feedback else "none"
        ending = self.scenario.ending(self.node)
        if not self.show_feedback:
            self.step_text.value = f'<p class="cours-enregistre" role="status">{text.RECORDED}</p>'
            return
        score = score_scenario(self.scenario, self.path)
        total, _ = walk_scenario(self.scenario, self.path)
        self.step_text.value = (
            f'<div class="cours-fin" role="status" aria-live="polite">{text.markdown(ending.text)}'
            f'{self._path_review_html()}'
            f'<p class="cours-score"><strong>'
            f'{text.score_line(total, self.scenario.best_path_score, "Score du parcours")}</strong> '
            f'({text.score_line(score.earned, score.points, "points")})</p>'
            f'{text.explanation_and_sources(self.scenario.explanation, self.scenario.references, self.sources)}'
            f'{self.notes(self.scenario) if self.notes else ""}</div>')

    def _path_review_html(self) -> str:
        """The ending recalls every choice of this path that lost points, so it never praises what was not done."""
        missteps = self.scenario.missteps(self.path)
        if not missteps:
            return f'<p class="cours-bilan-parcours">{text.french("Vous avez suivi le meilleur parcours.")}</p>'
        lines = []
        for step, choice in missteps:
            lost = max(self.scenario.choice_value(other) for other in step.choices) - self.scenario.choice_value(choice)
            lines.append(f"<li>« {html.escape(text.plain(choice.text))} » : {lost} point{'s' if lost > 1 else ''} "
                         "de moins que le meilleur choix</li>")
        return (f'<div class="cours-bilan-parcours"><p><strong>{text.french("Ce qui vous a coûté des points :")}'
                f'</strong></p><ul>{text.french("".join(lines))}</ul></div>')

    def _history_html(self) -> str:
        node, entries = self.scenario.start, []
        for choice_id in self.path:
            step = self.scenario.step(node)
            choice = step.choice(choice_id)
            consequence = (f'<div class="cours-consequence">{text.markdown(choice.feedback)}</div>'
                           if self.show_feedback else "")
            entries.append(f'<li class="cours-pas">{text.markdown(step.text)}'
                           f'<p><strong>{text.french("Votre choix :")}</strong> '
                           f'{html.escape(text.plain(choice.text))}</p>{consequence}</li>')
            node = choice.next
        return f'<ol class="cours-historique">{"".join(entries)}</ol>' if entries else ""

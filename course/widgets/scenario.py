"""A branching scenario: one step at a time, the consequence of each choice, then the path score."""

from __future__ import annotations

import html
from collections.abc import Callable

from ..bank.model import Scenario
from ..scoring import Score, score_scenario, walk_scenario
from ..sources import Source
from . import text
from .view import QuestionView


class ScenarioWidget(QuestionView):
    """Shows the current step with its choices; each validated choice is added to the path.

    on_answer(item_id, path) is called after every choice with the whole path so far.
    """

    def __init__(self, scenario: Scenario, sources: dict[str, Source], *, show_feedback: bool = True,
                 on_answer: Callable[[str, object], None] | None = None,
                 on_score: Callable[[str, Score | None], None] | None = None, initial_answer=None,
                 notes: Callable[[object], str] | None = None, profession: str | None = None):
        super().__init__(kind="single", heading=(f'<h4 class="cours-scenario-titre">'
                                                 f'{html.escape(text.plain(scenario.title))}</h4>'
                                                 f'{text.markdown(scenario.prompt)}'))
        self.scenario, self.sources, self.profession = scenario, sources, profession
        self.show_feedback, self.on_answer, self.on_score = show_feedback, on_answer, on_score
        self.notes = notes  # extra HTML under the explanation, built when shown (e.g. the learner's own rules)
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

    @property
    def shown_score(self) -> Score | None:
        """The path's score once its ending and feedback are on screen, or None."""
        return score_scenario(self.scenario, self.path) if self.finished and self.show_feedback else None

    def on_primary(self) -> None:
        self.choose()

    def on_secondary(self) -> None:
        self.restart()

    def choose(self, choice_id: str | None = None) -> None:
        choice_id = choice_id or (self.value[0] if self.value else None)
        if choice_id is None:
            self.feedback = f'<p class="cours-avertissement" role="alert">{text.CHOOSE_FIRST}</p>'
            self.move_focus("options")
            return
        self.path.append(choice_id)
        if self.on_answer:
            self.on_answer(self.scenario.id, list(self.path))
        self._show()
        self.move_focus("feedback" if self.finished else "consequence")
        if self.finished and self.show_feedback and self.on_score:
            self.on_score(self.scenario.id, score_scenario(self.scenario, self.path))

    def restart(self) -> None:
        self.path = []
        self._show()
        self.move_focus("options")
        if self.on_score:
            self.on_score(self.scenario.id, None)

    def _show(self) -> None:
        with self.hold_sync():
            self.history = self._history_html()
            self.feedback = ""
            self.value = []
            step = self.scenario.step(self.node)
            if step is not None:
                self.prompt = text.markdown(step.text)
                self.set_options([(text.plain(choice.text), choice.id) for choice in step.choices])
                self.kind, self.primary_label, self.secondary_label = "single", text.VALIDATE, ""
                return
            self.prompt, self.kind, self.options, self.primary_label = "", "none", [], ""
            self.secondary_label = text.RESTART if self.show_feedback else ""
            self.feedback = self._ending_html() if self.show_feedback else (
                f'<p class="cours-enregistre" role="status">{text.RECORDED}</p>')

    def _ending_html(self) -> str:
        """The ending, what cost points, one score (the path's), the explanation and the sources."""
        ending = self.scenario.ending(self.node)
        total, _ = walk_scenario(self.scenario, self.path)
        score = score_scenario(self.scenario, self.path)
        return (f'<div class="cours-fin cours-retours cours-retours--{text.verdict(score)[1]}">'
                f'{text.verdict_html(score, total, self.scenario.best_path_score, path=True)}'
                f'{text.markdown(ending.text)}{self._path_review_html()}'
                f'{text.explanation_and_sources(self.scenario.explanation, self.scenario.references, self.sources, self.profession)}'
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

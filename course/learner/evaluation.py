"""The positioning test (before module 01) and the final test (after module 05): answers are recorded
without feedback, then « Terminer le test » scores them, keeps the result in the learner's file, and shows
where the learner stands on each course objective (and, after the final test, where they started)."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets

from ..bank.model import Module
from ..bank.pathway import Pathway
from ..scoring import score_item
from ..sources import Source
from ..typography import french, short
from ..widgets import item_widget
from .store import LearnerStore, now

LABELS = {"positionnement": "test de positionnement", "final": "test final"}


def objective_results(module: Module, answers: dict) -> dict[str, tuple[float, int]]:
    """Objective -> (points earned, points possible); an unanswered question earns 0."""
    results: dict[str, list] = {}
    for item in module.items:
        earned = score_item(item, answers[item.id]).earned if item.id in answers else 0.0
        entry = results.setdefault(item.tags.objective, [0.0, 0])
        entry[0] += earned
        entry[1] += item.points
    return {objective: (earned, possible) for objective, (earned, possible) in results.items()}


def percent(result) -> float:
    earned, possible = result
    return 100 * earned / possible if possible else 0.0


def objectives_chart(pathway: Pathway, tests: dict):
    """Bars per objective: positioning and final test, in % of the points (what each test has so far)."""
    import matplotlib.pyplot as plt

    from ..charts import OKABE_ITO, Chart, _style

    ids = [objective.id for objective in pathway.objectives]
    figure, axis = plt.subplots(figsize=(7, 3.6))
    shown = [kind for kind in ("positionnement", "final") if kind in tests]
    width = 0.8 / max(1, len(shown))
    values = {}
    for offset, kind in enumerate(shown):
        heights = [percent(tests[kind]["objectifs"].get(objective, (0, 0))) for objective in ids]
        values.update({f"{kind}:{objective}": height for objective, height in zip(ids, heights)})
        positions = [index + offset * width - 0.4 + width / 2 for index in range(len(ids))]
        axis.bar(positions, heights, width=width, color=OKABE_ITO[offset * 2], label=LABELS[kind].capitalize())
    axis.set_xticks(range(len(ids)), [objective.upper() for objective in ids])
    axis.set_ylim(0, 100)
    axis.set_ylabel(french("Points obtenus (%)"))
    axis.legend(frameon=False, loc="upper left")
    figure.suptitle(french("Vos résultats par objectif du cours"), x=0.02, ha="left")
    _style(axis, grid="y")
    caption = french("Part des points obtenus aux questions de chaque objectif ; "
                     + " ; ".join(f"{objective.id.upper()} : {objective.text}" for objective in pathway.objectives))
    alt = french("Diagramme en barres : pour chaque objectif du cours, la part des points obtenus au "
                 + " et au ".join(LABELS[kind] for kind in shown) + ".")
    return Chart(figure, caption, alt, values)


class EvaluationWidget(widgets.VBox):
    def __init__(self, module: Module, pathway: Pathway, sources: dict[str, Source],
                 store: LearnerStore | None = None, notes: Callable | None = None,
                 on_answer: Callable | None = None):
        self.module, self.pathway, self.sources = module, pathway, sources
        self.store = store or LearnerStore()
        self.kind = module.evaluation
        self.notes, self.record_answer = notes, on_answer
        self.answers: dict[str, object] = {}
        self.body = widgets.VBox()
        super().__init__([self.body])
        self.add_class("cours-test")
        self.add_class(f"cours-test--{self.kind}")
        done = self.store.load()["tests"].get(self.kind)
        if done:
            self.show_results(done)
        else:
            self.start()

    def _answered(self, item_id: str, answer) -> None:
        self.answers[item_id] = answer
        if self.record_answer:
            self.record_answer(item_id, answer)

    def start(self) -> None:
        self.answers = {}
        intro = widgets.HTML(french(
            f"<p>{len(self.module.items)} questions. Répondez puis validez chaque question : la correction "
            "s’affiche à la fin, quand vous cliquez sur « Terminer le test ». Une question sans réponse compte "
            "0 point.</p>"))
        questions = []
        for index, item in enumerate(self.module.items, start=1):
            title = widgets.HTML(f"<h4>Question {index} / {len(self.module.items)}</h4>")
            questions.append(widgets.VBox([title, item_widget(item, self.sources, show_feedback=False,
                                                              on_answer=self._answered)]))
        finish = widgets.Button(description="Terminer le test", button_style="primary")
        finish.add_class("cours-terminer-test")
        finish.on_click(lambda _: self.finish())
        self.body.children = [intro, *questions, finish]

    def finish(self) -> None:
        results = objective_results(self.module, self.answers)
        record = {"termine_le": now(), "reponses": self.answers,
                  "objectifs": {objective: list(result) for objective, result in results.items()}}
        self.store.update(lambda data: data["tests"].__setitem__(self.kind, record))
        self.show_results(record)

    def show_results(self, record: dict) -> None:
        import matplotlib.pyplot as plt

        tests = {kind: {"objectifs": {o: tuple(r) for o, r in test["objectifs"].items()}}
                 for kind, test in self.store.load()["tests"].items() if kind in LABELS}
        tests[self.kind] = {"objectifs": {o: tuple(r) for o, r in record["objectifs"].items()}}
        rows = []
        for objective in self.pathway.objectives:
            cells = [f"<td>{html.escape(french(objective.text))}</td>"]
            for kind in ("positionnement", "final"):
                result = tests.get(kind, {}).get("objectifs", {}).get(objective.id)
                cells.append(f"<td>{'—' if result is None else short(round(percent(result))) + ' %'}</td>")
            rows.append(f"<tr><th>{objective.id.upper()}</th>{''.join(cells)}</tr>")
        earned = sum(result[0] for result in tests[self.kind]["objectifs"].values())
        possible = sum(result[1] for result in tests[self.kind]["objectifs"].values())
        summary = french(f"<p><strong>Votre {LABELS[self.kind]} : {short(earned)} / {short(possible)} points."
                         "</strong></p>")
        table = french('<table class="cours-resultats-objectifs"><thead><tr><th></th><th>Objectif</th>'
                       "<th>Test de positionnement</th><th>Test final</th></tr></thead><tbody>"
                       + "".join(rows) + "</tbody></table>")
        chart = objectives_chart(self.pathway, tests)
        figure_html = chart.to_html()
        plt.close(chart.figure)
        corrections = []
        answers = record.get("reponses", {})
        for index, item in enumerate(self.module.items, start=1):
            title = widgets.HTML(f"<h4>Question {index} : correction</h4>")
            if item.id in answers:
                shown = item_widget(item, self.sources, initial_answer=answers[item.id], notes=self.notes)
                if hasattr(shown, "validate"):
                    shown.validate()
                shown.add_class("cours-correction")
            else:
                shown = widgets.HTML(french("<p>Sans réponse (0 point).</p>"))
            corrections.append(widgets.VBox([title, shown]))
        again = widgets.Button(description="Recommencer le test")
        again.on_click(lambda _: self.start())
        self.body.children = [widgets.HTML(summary + table + figure_html), *corrections, again]

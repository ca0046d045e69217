"""The positioning test (before module 1) and the final test (after module 5): answers are recorded
without feedback, then « Terminer le test » scores them, keeps the result in the learner's file, and shows
where the learner stands on each course objective (and, after the final test, where they started).

The results stay short: one summary line per objective, always visible (points, and the other test's
result), and the corrections of that objective's questions folded under it, built when first opened."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import ipywidgets as widgets

from ..bank.model import Item, Module
from ..bank.pathway import Objective, Pathway
from ..scoring import score_item
from ..sources import Source
from ..typography import french, short
from ..widgets import item_widget
from .buttons import button, button_style
from .fold import Fold
from .path import LABELS
from .store import LearnerStore, now

OTHER = {"positionnement": "final", "final": "positionnement"}


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


def objective_name(objective: Objective) -> str:
    """The objective's first words, up to its first parenthesis, comma or colon: « Choisir un réseau et une
    forme de présence »."""
    return re.split(r"\s*[(,:;]|\.\s*$", objective.text, maxsplit=1)[0].strip()


def objective_number(pathway: Pathway, objective_id: str) -> int:
    return next((index for index, objective in enumerate(pathway.objectives, start=1)
                 if objective.id == objective_id), 0)


def objectives_chart(pathway: Pathway, tests: dict):
    """Bars per objective: positioning and final test, in % of the points (what each test has so far)."""
    import matplotlib.pyplot as plt

    from ..charts import OKABE_ITO, Chart, _style

    ids = [objective.id for objective in pathway.objectives]
    figure, axis = plt.subplots(figsize=(6.4, 2.8))
    shown = [kind for kind in ("positionnement", "final") if kind in tests]
    width = 0.8 / max(1, len(shown))
    values = {}
    for offset, kind in enumerate(shown):
        heights = [percent(tests[kind]["objectifs"].get(objective, (0, 0))) for objective in ids]
        values.update({f"{kind}:{objective}": height for objective, height in zip(ids, heights)})
        positions = [index + offset * width - 0.4 + width / 2 for index in range(len(ids))]
        axis.bar(positions, heights, width=width, color=OKABE_ITO[offset * 2], label=LABELS[kind].capitalize())
    axis.set_xticks(range(len(ids)), [f"Objectif {number}" for number in range(1, len(ids) + 1)])
    axis.set_ylim(0, 100)
    axis.set_ylabel(french("Points obtenus (%)"))
    axis.legend(frameon=False, loc="upper left")
    figure.suptitle(french("Vos résultats par objectif du cours"), x=0.02, ha="left")
    _style(axis, grid="y")
    caption = french("Part des points obtenus aux questions de chaque objectif ; les objectifs sont nommés "
                     "ci-dessous, avec la correction de leurs questions.")
    alt = french("Diagramme en barres : pour chaque objectif du cours, la part des points obtenus au "
                 + " et au ".join(LABELS[kind] for kind in shown) + ".")
    return Chart(figure, caption, alt, values)


def objectives_table(pathway: Pathway, tests: dict) -> str:
    """What objectives_chart draws, as an HTML table: per objective, the share of the points of each test."""
    shown = [kind for kind in ("positionnement", "final") if kind in tests]
    head = "".join(f"<th>{LABELS[kind].capitalize()}</th>" for kind in shown)
    rows = "".join(
        f"<tr><th>Objectif {number}</th>" + "".join(
            f"<td>{short(round(percent(tests[kind]['objectifs'].get(objective.id, (0, 0)))))} %</td>"
            for kind in shown) + "</tr>"
        for number, objective in enumerate(pathway.objectives, start=1))
    caption = ("Part des points obtenus aux questions de chaque objectif ; les objectifs sont nommés ci-dessous, avec "
               "la correction de leurs questions.")
    return french(f'<table class="cours-resultats-objectifs"><caption>Vos résultats par objectif du cours'
                  f"</caption><thead><tr><th>Objectif</th>{head}</tr></thead><tbody>{rows}</tbody></table>"
                  f"<p>{caption}</p>")


class ObjectiveCorrections(Fold):
    """One objective of the results: its summary line, and the corrections of its questions folded under it."""

    def __init__(self, summary: str, count: int, build: Callable[[], list]):
        super().__init__(summary, build, f"Voir la correction ({count} question{'s' if count > 1 else ''})",
                         "Masquer la correction", "cours-voir-correction")
        self.add_class("cours-objectif")

    @property
    def corrections(self) -> widgets.VBox:
        return self.content


class EvaluationWidget(widgets.VBox):
    def __init__(self, module: Module, pathway: Pathway, sources: dict[str, Source],
                 store: LearnerStore | None = None, notes: Callable | None = None,
                 on_answer: Callable | None = None):
        self.module, self.pathway, self.sources = module, pathway, sources
        self.store = store or LearnerStore()
        self.kind = module.evaluation
        self.notes, self.record_answer = notes, on_answer
        self.answers: dict[str, object] = {}
        self.questions: list = []  # the question widgets while the test is taken
        self.folds: list[ObjectiveCorrections] = []  # one per objective once it is finished
        self.body = widgets.VBox()
        super().__init__([button_style(), self.body])
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
        self.answers, self.folds = {}, []
        intro = widgets.HTML(french(
            f"<p>{len(self.module.items)} questions. Répondez puis validez chaque question : la correction "
            "s’affiche à la fin, quand vous cliquez sur « Terminer le test ». Une question sans réponse compte "
            "0 point.</p>"))
        self.questions, boxes = [], []
        for index, item in enumerate(self.module.items, start=1):
            title = widgets.HTML(f"<h4>Question {index} / {len(self.module.items)}</h4>")
            shown = item_widget(item, self.sources, show_feedback=False, on_answer=self._answered)
            self.questions.append(shown)
            boxes.append(widgets.VBox([title, shown]))
        self.finish_button = button("Terminer le test", "cours-terminer-test", button_style="primary")
        self.finish_button.on_click(lambda _: self.finish())
        self.body.children = [intro, *boxes, self.finish_button]

    def finish(self) -> None:
        results = objective_results(self.module, self.answers)
        record = {"termine_le": now(), "reponses": self.answers,
                  "objectifs": {objective: list(result) for objective, result in results.items()}}
        self.store.update(lambda data: data["tests"].__setitem__(self.kind, record))
        self.show_results(record)

    def _tests(self, record: dict) -> dict:
        """Each test's points per objective: this one from `record`, the other from the learner's file."""
        tests = {}
        for kind, test in {**self.store.load()["tests"], self.kind: record}.items():
            try:
                if kind in LABELS:
                    tests[kind] = {"objectifs": {o: (float(r[0]), float(r[1])) for o, r in test["objectifs"].items()}}
            except (KeyError, TypeError, ValueError, IndexError, AttributeError):
                continue  # a result edited by hand and unreadable is left out
        return tests

    def show_results(self, record: dict) -> None:
        tests = self._tests(record)
        mine = tests.get(self.kind, {"objectifs": {}})["objectifs"]
        other = tests.get(OTHER[self.kind])
        earned, possible = (sum(result[i] for result in mine.values()) for i in (0, 1))
        lines = [f"<p><strong>Votre {LABELS[self.kind]} : {short(earned)} / {short(possible)} points.</strong>"]
        if other:
            before = [sum(result[i] for result in other["objectifs"].values()) for i in (0, 1)]
            lines.append(f" Au {LABELS[OTHER[self.kind]]} : {short(before[0])} / {short(before[1])} points.")
        lines.append("</p><p>Pour chaque objectif du cours : vos points et les questions à revoir. Ouvrez la "
                     "correction d’un objectif pour relire ses questions, avec l’explication et les sources.</p>")
        parts = [widgets.HTML(french("".join(lines)))]
        self.results = parts[0]
        if other:
            parts.append(widgets.HTML(self._chart(tests)))
        answers = record.get("reponses") if isinstance(record.get("reponses"), dict) else {}
        self.folds = [self._objective(objective, mine, other, answers) for objective in self.pathway.objectives
                      if any(item.tags.objective == objective.id for item in self.module.items)]
        again = button("Recommencer le test", "cours-recommencer-test")
        again.on_click(lambda _: self.start())
        self.body.children = [*parts, *self.folds, again]

    def _chart(self, tests: dict) -> str:
        try:
            import matplotlib.pyplot as plt
        except ImportError:  # the browser site has no matplotlib: the same figures, as a table
            return objectives_table(self.pathway, tests)
        chart = objectives_chart(self.pathway, tests)
        try:
            return chart.to_html()
        finally:
            plt.close(chart.figure)

    def _objective(self, objective: Objective, mine: dict, other: dict | None,
                   answers: dict) -> ObjectiveCorrections:
        numbered = [(index, item) for index, item in enumerate(self.module.items, start=1)
                    if item.tags.objective == objective.id]
        result = mine.get(objective.id, (0.0, sum(item.points for _, item in numbered)))
        line = (f"{short(result[0])} / {short(result[1])} point{'s' if result[1] > 1 else ''} "
                f"({short(round(percent(result)))} %)")
        if other and objective.id in other["objectifs"]:
            line += f" ; au {LABELS[OTHER[self.kind]]} : {short(round(percent(other['objectifs'][objective.id])))} %"
        to_review = [index for index, item in numbered if self._earned(item, answers) < item.points]
        line += (". Toutes vos réponses sont justes." if not to_review else
                 f". À revoir : question{'s' if len(to_review) > 1 else ''} {_and(to_review)}.")
        number = objective_number(self.pathway, objective.id)
        summary = french(f'<p class="cours-objectif-resume"><strong>Objectif {number} — '
                         f"{html.escape(objective_name(objective))}</strong><br>{html.escape(line)}</p>")
        return ObjectiveCorrections(summary, len(numbered), lambda: self._corrections(objective, numbered, answers))

    @staticmethod
    def _earned(item: Item, answers: dict) -> float:
        if item.id not in answers:
            return 0.0
        try:
            return score_item(item, answers[item.id]).earned
        except Exception:  # noqa: BLE001 — an answer edited by hand and unreadable earns nothing
            return 0.0

    def _corrections(self, objective: Objective, numbered: list, answers: dict) -> list:
        shown = [widgets.HTML(french(f'<p class="cours-objectif-texte">{html.escape(objective.text)}</p>'))]
        for index, item in numbered:
            title = widgets.HTML(f"<h4>Question {index} : correction</h4>")
            correction = item_widget(item, self.sources, initial_answer=answers.get(item.id), notes=self.notes)
            if not correction.feedback:  # no answer, or one edited by hand beyond reading
                correction.reveal()
            correction.add_class("cours-correction")
            shown.append(widgets.VBox([title, correction]))
        return shown


def _and(numbers: list[int]) -> str:
    """[6] -> '6'; [6, 11] -> '6 et 11'; [2, 6, 11] -> '2, 6 et 11'."""
    words = [str(number) for number in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " et " + words[-1]

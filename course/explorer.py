"""An explorer of the statistics table: pick a platform and a measure; the chart and its sources follow.

Only figures in the same unit share a chart, and each bar says its date, place and what it counts."""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt

from .charts import OKABE_ITO, Chart, _caption, _style, amount, date_label
from .sources import load_sources
from .stats import load_figures
from .typography import french

ALL = "toutes"


class StatisticsExplorer(widgets.VBox):
    def __init__(self):
        self.figures = load_figures()
        platforms = sorted(set(self.figures["platform"]), key=str.lower)
        self.platform = widgets.Dropdown(options=[ALL, *platforms], value="Facebook",
                                         description=french("Plateforme :"), style={"description_width": "initial"})
        self.unit = widgets.Dropdown(description=french("Mesure :"), style={"description_width": "initial"})
        self.chart = widgets.HTML()
        self.chart.add_class("cours-explorateur-graphique")
        self.sources = widgets.HTML()
        self.sources.add_class("cours-sources")
        self.current: Chart | None = None
        self._updating = False
        self.platform.observe(lambda _: self._choose_units(), names="value")
        self.unit.observe(lambda _: None if self._updating else self._draw(), names="value")
        super().__init__([widgets.HBox([self.platform, self.unit]), self.chart, self.sources])
        self.add_class("cours-explorateur")
        self._choose_units()

    def rows(self):
        rows = self.figures
        if self.platform.value != ALL:
            rows = rows[rows["platform"] == self.platform.value]
        return rows[rows["unit"] == self.unit.value].sort_values("as_of_date")

    def _choose_units(self) -> None:
        rows = self.figures if self.platform.value == ALL else self.figures[
            self.figures["platform"] == self.platform.value]
        units = sorted(set(rows["unit"]))
        self._updating = True  # one drawing for the new platform, not one per trait change
        self.unit.options = units
        self.unit.value = "personnes" if "personnes" in units else units[0]
        self._updating = False
        self._draw()

    def _draw(self) -> None:
        rows = self.rows()
        if rows.empty:
            self.chart.value, self.sources.value, self.current = "", "", None
            return
        labels = [f"{row.subject} — {row.geography}, {date_label(row.as_of)}" for row in rows.itertuples()]
        figure, axis = plt.subplots(figsize=(9, 0.45 * len(rows) + 1.6))
        bars = axis.barh(labels, rows["value"], color=OKABE_ITO[0])
        axis.bar_label(bars, labels=[amount(value, self.unit.value) for value in rows["value"]], padding=3,
                       fontsize=8.5)
        axis.set_xlim(0, rows["value"].max() * 1.35)
        axis.set_xlabel(french(f"{self.unit.value} (chaque barre indique sa date, sa zone et ce qu'elle compte)"))
        axis.tick_params(axis="y", labelsize=8.5)
        figure.suptitle(french(f"{self.platform.value.capitalize() if self.platform.value == ALL else self.platform.value}"
                               f" : {self.unit.value}"), x=0.02, ha="left", fontsize=11)
        _style(axis)
        figure.tight_layout()
        self.current = Chart(figure, _caption(rows), french(
            f"Diagramme en barres de {len(rows)} chiffre(s) en {self.unit.value} pour {self.platform.value}."),
            dict(zip(rows["id"], rows["value"])))
        self.chart.value = self.current.to_html()
        plt.close(figure)
        sources = load_sources()
        items = "".join(
            f"<li><strong>{html.escape(french(row.measure))}</strong> ({html.escape(date_label(row.as_of))}) — "
            f"{html.escape(french(sources[row.source].citation()))}"
            + (f" — <em>{html.escape(french(row.note))}</em>" if row.note else "") + "</li>"
            for row in rows.itertuples())
        self.sources.value = f"<strong>{french('Sources :')}</strong><ul>{items}</ul>"


def show_explorer() -> None:
    from IPython.display import display

    display(StatisticsExplorer())

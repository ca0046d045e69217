"""An explorer of the statistics table: pick a platform and a measure; the chart and its sources follow.

Only figures in the same unit share a chart; each bar is headed by what it counts, where and when. Under the
chart, each figure's source is named briefly; the full provenance is folded below. A figure whose origin could not
be traced (an article's claim) is not drawn here either: the module cites it, with its caveat, in its text."""

from __future__ import annotations

import html
import textwrap

import ipywidgets as widgets
import matplotlib.pyplot as plt
from matplotlib.transforms import blended_transform_factory

from .charts import (DPI, FIGURE_WIDTH, NORMAL, OKABE_ITO, SMALL, TEXT_COLOR, TITLE, Chart, _style, amount,
                     axis_scale, caption, data_page_link, date_label, figures_provenance, folded_provenance,
                     french_ticks, source_date, source_name, unverified_origin)
from .sources import load_sources
from .stats import load_figures
from .typography import NBSP, learner_text

ALL = "toutes"
FIRST_PLATFORM = "Facebook"  # the platform shown when the explorer opens
# How a unit is named on an axis and in the alt text.
UNIT_NAMES = {"%": "pourcentage", "personnes": "nombre de personnes", "abonnés": "nombre d'abonnés",
              "publications": "nombre de publications", "membres": "nombre de membres",
              "caractères": "nombre de caractères", "année": "année (date)", "années": "nombre d'années"}
LABEL_WIDTH = 100  # characters per line of a bar's heading (the whole width of the figure)
LINE = SMALL * 1.3 / 72  # inches per line of a heading
BAR, AIR = 0.2, 0.16  # inches: a bar's thickness, the space under it


def unit_name(unit: str) -> str:
    return learner_text(UNIT_NAMES.get(unit, unit))


def explorable(figures):
    """The figures the explorer offers: every figure of the table but those of untraced origin."""
    return figures[~figures["note"].map(unverified_origin)]


def platforms(figures) -> list[str]:
    return sorted(set(figures["platform"]), key=str.lower)


def units(figures, platform: str) -> list[str]:
    """The measures offered for a platform (or ALL), and the one shown first."""
    rows = figures if platform == ALL else figures[figures["platform"] == platform]
    return sorted(set(rows["unit"]))


def first_unit(offered: list[str]) -> str:
    return "personnes" if "personnes" in offered else offered[0]


def platform_words(platform: str) -> str:
    return "toutes les plateformes" if platform == ALL else learner_text(platform)


def view_title(platform: str, unit: str) -> str:
    words = platform_words(platform)
    return f"{words[0].upper()}{words[1:]} : {unit_name(unit)}"


def view_rows(figures, platform: str, unit: str):
    rows = figures if platform == ALL else figures[figures["platform"] == platform]
    return rows[rows["unit"] == unit].sort_values("as_of_date")


def view(figures, platform: str, unit: str) -> tuple[Chart, str, str] | None:
    """What the explorer shows for a platform and a measure: the chart, the list of its figures with their sources
    (HTML), and their full provenance (HTML, folded under the list with the link to docs/donnees.md); None when no
    figure fits."""
    rows = view_rows(figures, platform, unit)
    if rows.empty:
        return None
    chart = Chart(draw(rows, unit, view_title(platform, unit)), caption(rows["source"]),
                  alt_text(rows, unit, platform_words(platform)), dict(zip(rows["id"], rows["value"])))
    sources = load_sources()
    items = "".join(html.escape(learner_text(
        f"{row.subject} — {row.measure} ({row.geography}, {date_label(row.as_of)}) : {amount(row.value, unit)} "
        f"— {source_name(sources[row.source])}, {source_date(sources[row.source])}")).join(("<li>", "</li>"))
        for row in rows.itertuples())
    listed = f"<strong>{learner_text('Les chiffres du graphique et leur source :')}</strong><ul>{items}</ul>"
    return chart, listed, figures_provenance(rows)


def sources_html(listed: str, provenance: str) -> str:
    return listed + folded_provenance(provenance + data_page_link())


def alt_text(rows, unit_code: str, where: str) -> str:
    unit = unit_name(unit_code)
    ordered = rows.sort_values("value")

    def said(row) -> str:  # the subject, or what is counted when all the figures have the same subject
        what = row["subject"] if rows["subject"].nunique() > 1 else row["measure"].split(" (")[0].split(",")[0]
        return f"{amount(row['value'], unit_code)} ({what}, {date_label(row['as_of'])})"

    if unit_code == "année":
        return learner_text(f"Diagramme en points de {len(rows)} années pour {where}, de la plus ancienne, "
                            f"{said(ordered.iloc[0])}, à la plus récente, {said(ordered.iloc[-1])}.")
    if len(rows) == 1:
        return learner_text(f"Diagramme en barres d'un seul chiffre ({unit}) pour {where} : "
                            f"{said(ordered.iloc[0])}.")
    return learner_text(f"Diagramme en barres de {len(rows)} chiffres ({unit}) pour {where}, du plus petit, "
                        f"{said(ordered.iloc[0])}, au plus grand, {said(ordered.iloc[-1])}.")


class StatisticsExplorer(widgets.VBox):
    def __init__(self):
        self.figures = explorable(load_figures())
        self.platform = widgets.Dropdown(options=[("Toutes les plateformes", ALL)] + [
            (learner_text(platform), platform) for platform in platforms(self.figures)], value=FIRST_PLATFORM,
            description=learner_text("Plateforme :"), style={"description_width": "initial"})
        self.unit = widgets.Dropdown(description=learner_text("Mesure :"), style={"description_width": "initial"})
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
        return view_rows(self.figures, self.platform.value, self.unit.value)

    def _choose_units(self) -> None:
        offered = units(self.figures, self.platform.value)
        self._updating = True  # one drawing for the new platform, not one per trait change
        self.unit.options = [(unit_name(unit), unit) for unit in offered]
        self.unit.value = first_unit(offered)
        self._updating = False
        self._draw()

    def _draw(self) -> None:
        shown = view(self.figures, self.platform.value, self.unit.value)
        if shown is None:
            self.chart.value, self.sources.value, self.current = "", "", None
            return
        self.current, listed, provenance = shown
        self.chart.value = self.current.to_html()
        plt.close(self.current.figure)
        self.sources.value = sources_html(listed, provenance)


def draw(rows, unit: str, title: str) -> plt.Figure:
    """One bar per figure, each headed by what it counts, where and when, across the whole width; years are drawn
    as points on a time scale, not as bars from zero."""
    headings = ["\n".join(textwrap.wrap(learner_text(f"{row.subject} — {row.measure} ({row.geography}, "
                                                     f"{date_label(row.as_of).replace(' ', NBSP)})"), LABEL_WIDTH))
                for row in rows.itertuples()]  # a date is never cut at a line end
    tops, y = [], 0.0
    for heading in headings:
        tops.append(y)
        y += (heading.count("\n") + 1) * LINE + BAR + AIR
    above, below = 0.6, 0.75  # inches for the title, and for the ticks and their label
    height = y + above + below
    figure = plt.figure(figsize=(FIGURE_WIDTH, height), dpi=DPI)
    axis = figure.add_axes((0.03, below / height, 0.94, y / height))
    axis.set_ylim(y, 0)  # inches, downwards
    heading_y = blended_transform_factory(axis.transAxes, axis.transData)
    centres = [top + (heading.count("\n") + 1) * LINE + BAR / 2 for top, heading in zip(tops, headings)]
    values = list(rows["value"])
    if unit == "année":
        axis.plot(values, centres, "o", color=OKABE_ITO[0], markersize=8)
        axis.set_xlim(min(values) - 2, max(values) + 4)
        for value, centre in zip(values, centres):
            axis.annotate(amount(value, unit), (value, centre), xytext=(8, 0), textcoords="offset points",
                          va="center", fontsize=SMALL, color=TEXT_COLOR)
        french_ticks(axis.xaxis, unit, nbins=6)
    else:
        bars = axis.barh(centres, values, height=BAR, color=OKABE_ITO[0])
        axis.bar_label(bars, labels=[amount(value, unit) for value in values], padding=3, fontsize=SMALL,
                       color=TEXT_COLOR)
        axis.set_xlim(0, max(values) * 1.3)
        divisor, word = axis_scale(max(values), unit)
        french_ticks(axis.xaxis, unit, divisor, nbins=5)
    for top, heading in zip(tops, headings):
        axis.text(0, top, heading, transform=heading_y, va="top", ha="left", fontsize=SMALL, color=TEXT_COLOR,
                  linespacing=1.15, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})  # over the grid
    name = unit_name(unit)
    word = "" if unit == "année" else axis_scale(max(values), unit)[1]
    axis.set_xlabel(f"{name[0].upper()}{name[1:]}" + (f" (en {word})" if word else ""), fontsize=NORMAL,
                    color=TEXT_COLOR)
    axis.yaxis.set_visible(False)
    axis.spines[["left"]].set_visible(False)
    _style(axis)
    figure.suptitle(title, x=0.02, y=1 - 0.2 / height, ha="left", va="top", fontsize=TITLE - 1, color=TEXT_COLOR)
    return figure


def show_explorer() -> None:
    from IPython.display import display

    display(StatisticsExplorer())

"""The cohort report's charts, as `Chart`s (figure, caption, alt text): saved as PNG by the exports and
shown in the instructor's notebook. Numbers are French (« 2,5 », « 20 % »), counts of learners are whole, and
every question gets its own row, labelled by its id, so no label can cover another whatever the number of
questions or learners."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ...charts import DPI, FIGURE_WIDTH, NORMAL, OKABE_ITO, SMALL, TEXT_COLOR, TITLE, Chart, _style, french_ticks
from ...typography import french, short, thousands
from .analysis import MIN_LEARNERS_FOR_ITEM_STATISTICS, CohortReport

# Below this discrimination index (in %), an item separates strong and weak learners poorly.
DISCRIMINATION_THRESHOLD = 30
# Outside these facility indices (in %), almost everyone, or almost no one, gets the item right.
FACILITY_BOUNDS = (10, 90)
ROW_HEIGHT = 0.3  # inches per question in the facility chart: more than twice the height of a 10-point label


def _title(figure, text: str) -> None:
    figure.suptitle(french(text), x=0.01, ha="left", fontsize=TITLE, color=TEXT_COLOR)


def whole_counts(axis) -> None:
    """Integer ticks only, French digits: an axis of learners never reads 0,2 or 0.4."""
    axis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=2, steps=[1, 2, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda value, _position: thousands(value)))


def signed(value: float, _position=None) -> str:
    """-50 -> '−50' (a true minus sign), 12.5 -> '12,5': tick labels of an axis whose label gives the unit."""
    return ("−" if value < 0 else "") + short(abs(value))


def score_bins(maximum: float, most: int = 12) -> list[float]:
    """Bin edges from 0 to the maximum score, a round width apart (0,5, 1, 2, 2,5, 5…), at most `most` bins."""
    if maximum <= 0:
        return [0.0, 1.0]
    steps = (0.25, 0.5, 1, 2, 2.5, 3, 4, 5, 10, 20, 25, 50, 100)
    fitting = [s for s in steps if maximum / s <= most]
    # A width that divides the maximum, so the last bar ends at it; else the smallest round width that fits.
    step = next((s for s in fitting if abs(maximum / s - round(maximum / s)) < 1e-9), fitting[0] if fitting
                else maximum / most)
    edges = [0.0]
    while edges[-1] < maximum - 1e-9:
        edges.append(round(edges[-1] + step, 6))
    return edges


def score_distribution(report: CohortReport) -> Chart:
    figure, axis = plt.subplots(figsize=(FIGURE_WIDTH, 3.6), dpi=DPI, layout="constrained")
    graded = [total for learner, total in report.totals.items() if learner not in report.to_grade]
    pending = [total for learner, total in report.totals.items() if learner in report.to_grade]
    edges = score_bins(report.max_total)
    axis.hist([graded, pending], bins=edges, stacked=True, color=[OKABE_ITO[0], OKABE_ITO[1]], edgecolor="white",
              label=["Copies notées", "Réponses rédigées à corriger (comptées 0)"])
    if pending:
        axis.legend(frameon=False, fontsize=SMALL, loc="lower left", bbox_to_anchor=(0, 1), ncols=2,
                    borderaxespad=0.2)
    axis.set_xlim(0, edges[-1])
    french_ticks(axis.xaxis)
    whole_counts(axis.yaxis)
    axis.set_xlabel(french(f"Note totale (sur {short(report.max_total)})"), fontsize=NORMAL)
    axis.set_ylabel("Nombre d’apprenants", fontsize=NORMAL)
    _title(figure, f"{report.assignment} : répartition des notes totales")
    _style(axis, grid="y")
    count = len(report.totals)
    width = short(edges[1] - edges[0])
    waiting = (f" {len(pending)} copie(s) ont des réponses rédigées pas encore corrigées : leur note ne les compte "
               "pas encore." if pending else "")
    return Chart(figure,
                 french(f"Notes du carnet de notes nbgrader, devoir {report.assignment}, {count} apprenant(s) ; "
                        f"barres de {width} point(s).{waiting}"),
                 french(f"Histogramme : nombre d’apprenants par tranche de {width} point(s) de note totale, de 0 "
                        f"à {short(report.max_total)}, au devoir {report.assignment}."),
                 dict(report.totals))


def facility_discrimination(report: CohortReport) -> Chart:
    """One row per auto-graded question: its facility index and, for a large enough cohort, its discrimination
    index, in two panels side by side."""
    items = report.items
    with_discrimination = not report.small_cohort
    height = 1.5 + ROW_HEIGHT * max(1, len(items))
    if with_discrimination:
        figure, (facility, discrimination) = plt.subplots(
            1, 2, sharey=True, figsize=(FIGURE_WIDTH, height), dpi=DPI, layout="constrained")
    else:
        figure, facility = plt.subplots(figsize=(FIGURE_WIDTH, height), dpi=DPI, layout="constrained")
    rows = list(range(len(items)))
    if with_discrimination:
        figure.get_layout_engine().set(wspace=0.06)
    facility.set_yticks(rows, [item.item_id for item in items], fontsize=NORMAL)
    facility.set_ylim(len(items) - 0.5, -0.5)  # the first question on top, as in the exports
    for low_or_high in FACILITY_BOUNDS:
        facility.axvline(low_or_high, color="#999999", linewidth=0.8, linestyle="--")
    facility.scatter([item.facility for item in items], rows, color=OKABE_ITO[0], zorder=3)
    facility.set_xlim(0, 100)
    facility.set_xticks([0, 25, 50, 75, 100])
    facility.xaxis.set_major_formatter(FuncFormatter(signed))
    facility.set_xlabel(french("Indice de facilité (%)"), fontsize=NORMAL)
    _style(facility, grid="x")
    facility.tick_params(axis="y", labelsize=NORMAL)
    computed = [item for item in items if item.discrimination is not None]
    if with_discrimination:
        discrimination.axvline(0, color="#999999", linewidth=0.8)
        discrimination.axvline(DISCRIMINATION_THRESHOLD, color="#999999", linewidth=0.8, linestyle="--")
        colours = [OKABE_ITO[2] if item.discrimination >= DISCRIMINATION_THRESHOLD else OKABE_ITO[5]
                   for item in computed]
        discrimination.scatter([item.discrimination for item in computed], [items.index(item) for item in computed],
                               color=colours, zorder=3)
        for row, item in enumerate(items):
            if item.discrimination is None:
                discrimination.text(-95, row, "n. c.", va="center", fontsize=SMALL, color=TEXT_COLOR)
        discrimination.set_xlim(-100, 100)
        discrimination.set_xticks([-100, -50, 0, 50, 100])
        discrimination.xaxis.set_major_formatter(FuncFormatter(signed))
        discrimination.set_xlabel(french("Indice de discrimination (%)"), fontsize=NORMAL)
        _style(discrimination, grid="x")
        discrimination.tick_params(axis="y", left=False)
        _title(figure, f"{report.assignment} : indices de facilité et de discrimination des questions")
        caption = (f"Questions autocorrigées du devoir {report.assignment}, {len(report.totals)} apprenants. "
                   f"Pointillés : facilité de {FACILITY_BOUNDS[0]} % et de {FACILITY_BOUNDS[1]} %, discrimination "
                   f"de {DISCRIMINATION_THRESHOLD} % (en dessous, en orange : question à revoir)."
                   + (" « n. c. » : non calculable, toutes les copies ont la même note à cette question ou au reste "
                      "du devoir." if len(computed) < len(items) else ""))
        alt = (f"Deux graphiques, une ligne par question ({len(items)}) : à gauche l’indice de facilité, à droite "
               "l’indice de discrimination, en pourcentage.")
    else:
        _title(figure, f"{report.assignment} : indice de facilité des questions")
        caption = (f"Questions autocorrigées du devoir {report.assignment}, {len(report.totals)} apprenant(s). "
                   f"Pointillés : facilité de {FACILITY_BOUNDS[0]} % et de {FACILITY_BOUNDS[1]} %. Pas d’indice de "
                   f"discrimination en dessous de {MIN_LEARNERS_FOR_ITEM_STATISTICS} apprenants.")
        alt = f"Une ligne par question ({len(items)}) : son indice de facilité, en pourcentage."
    return Chart(figure, french(caption), french(alt), {item.item_id: item.facility for item in items})


REPORT_CHARTS = {"repartition-des-notes": score_distribution, "facilite-discrimination": facility_discrimination}

"""The cohort report's charts, as `Chart`s (figure, caption, alt text): saved as PNG by the exports and
shown in the instructor's notebook."""

from __future__ import annotations

import matplotlib.pyplot as plt

from ..charts import OKABE_ITO, Chart, _style
from ..typography import french
from .analysis import CohortReport

# Below this discrimination index (in %), an item separates strong and weak learners poorly.
DISCRIMINATION_THRESHOLD = 30


def score_distribution(report: CohortReport) -> Chart:
    figure, axis = plt.subplots(figsize=(7, 3.5))
    totals = list(report.totals.values())
    axis.hist(totals, bins=min(10, max(3, len(totals))), color=OKABE_ITO[0], edgecolor="white")
    axis.set_xlabel(f"Note (sur {report.max_total:g})")
    axis.set_ylabel("Apprenants")
    figure.suptitle(french(f"{report.assignment} : répartition des notes"), x=0.02, ha="left")
    _style(axis, grid="y")
    return Chart(figure, french(f"Notes de l'export nbgrader du devoir {report.assignment}, "
                                f"{len(totals)} apprenant(s)."),
                 french(f"Histogramme des notes de {len(totals)} apprenant(s) au devoir {report.assignment}."),
                 dict(report.totals))


def facility_discrimination(report: CohortReport) -> Chart:
    figure, axis = plt.subplots(figsize=(7, 4))
    plotted = {item.item_id: (item.facility, item.discrimination) for item in report.items
               if item.discrimination is not None}
    for item_id, (facility, discrimination) in plotted.items():
        axis.scatter(facility, discrimination, color=OKABE_ITO[2])
        axis.annotate(item_id, (facility, discrimination), fontsize=7, xytext=(3, 3), textcoords="offset points")
    axis.set_xlim(0, 100)
    axis.set_ylim(-100, 100)
    axis.axhline(DISCRIMINATION_THRESHOLD, color="#999999", linewidth=0.8, linestyle="--")
    axis.set_xlabel(french("Indice de facilité (%)"))
    axis.set_ylabel(french("Indice de discrimination (%)"))
    figure.suptitle(french(f"{report.assignment} : difficulté et discrimination des questions"), x=0.02,
                    ha="left")
    _style(axis, grid="both")
    return Chart(figure, french(f"Questions autocorrigées du devoir {report.assignment} ; la ligne pointillée "
                                f"marque une discrimination de {DISCRIMINATION_THRESHOLD} %."),
                 french(f"Nuage de points : pour chacune des {len(plotted)} questions, indice de facilité "
                        "en abscisse et indice de discrimination en ordonnée."),
                 {item_id: facility for item_id, (facility, _) in plotted.items()})


REPORT_CHARTS = {"repartition-des-notes": score_distribution, "facilite-discrimination": facility_discrimination}

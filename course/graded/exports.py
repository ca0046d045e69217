"""Write a cohort report as CSV files (per learner, per question, Moodle gradebook import) and PNG charts."""

from __future__ import annotations

import csv
from pathlib import Path

from ..typography import french
from .analysis import CohortReport


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def write_exports(report: CohortReport, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    items = [item.item_id for item in report.items]
    written = []
    path = folder / f"{report.assignment}-notes-par-apprenant.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")  # French spreadsheets read « ; » and decimal commas
        writer.writerow(["apprenant", *items, "total", "total maximum"])
        for learner in sorted(report.scores):
            writer.writerow([learner, *(_number(report.scores[learner].get(item, 0.0)) for item in items),
                             _number(report.totals[learner]), _number(report.max_total)])
    written.append(path)
    path = folder / f"{report.assignment}-analyse-par-question.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["question", "type", "points", "indice de facilité (%)", "indice de discrimination (%)",
                         "réponses choisies (% des apprenants)"])
        for item in report.items:
            choices = " | ".join(f"{label} : {_number(share)}" for label, share in item.choices.items())
            writer.writerow([item.item_id, item.kind, _number(item.max_score), _number(item.facility),
                             _number(item.discrimination), choices])
        writer.writerow([])
        writer.writerow(["alpha de Cronbach (questions autocorrigées)", _number(report.alpha)])
    written.append(path)
    # Moodle's grade import (Notes > Importer > Fichier CSV): one identifier column, one grade column.
    path = folder / f"{report.assignment}-moodle.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Numéro d'identification", report.assignment])
        for learner in sorted(report.totals):
            writer.writerow([learner, f"{report.totals[learner]:.2f}"])
    written.append(path)
    written += _charts(report, folder)
    return written


def _charts(report: CohortReport, folder: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..charts import OKABE_ITO, _style

    paths = []
    figure, axis = plt.subplots(figsize=(7, 3.5))
    axis.hist(list(report.totals.values()), bins=min(10, max(3, len(report.totals))), color=OKABE_ITO[0],
              edgecolor="white")
    axis.set_xlabel(f"Note (sur {report.max_total:g})")
    axis.set_ylabel("Apprenants")
    figure.suptitle(french(f"{report.assignment} : répartition des notes"), x=0.02, ha="left")
    _style(axis, grid="y")
    paths.append(folder / f"{report.assignment}-repartition-des-notes.png")
    figure.savefig(paths[-1], dpi=110, bbox_inches="tight")
    plt.close(figure)
    figure, axis = plt.subplots(figsize=(7, 4))
    for item in report.items:
        if item.discrimination is not None:
            axis.scatter(item.facility, item.discrimination, color=OKABE_ITO[2])
            axis.annotate(item.item_id, (item.facility, item.discrimination), fontsize=7,
                          xytext=(3, 3), textcoords="offset points")
    axis.set_xlim(0, 100)
    axis.set_ylim(-100, 100)
    axis.axhline(30, color="#999999", linewidth=0.8, linestyle="--")
    axis.set_xlabel(french("Indice de facilité (%)"))
    axis.set_ylabel(french("Indice de discrimination (%)"))
    figure.suptitle(french(f"{report.assignment} : difficulté et discrimination des questions"), x=0.02,
                    ha="left")
    _style(axis, grid="both")
    paths.append(folder / f"{report.assignment}-facilite-discrimination.png")
    figure.savefig(paths[-1], dpi=110, bbox_inches="tight")
    plt.close(figure)
    return paths

"""Write a cohort report as CSV files (per learner, per question, Moodle gradebook import) and PNG charts."""

from __future__ import annotations

import csv
from pathlib import Path

from ...typography import decimal, french
from .analysis import MIN_LEARNERS_FOR_ITEM_STATISTICS, CohortReport

# The Moodle file's third column: whether the total already counts the written answers.
WRITTEN_COLUMN = "Réponses rédigées"
WRITTEN_PENDING = "à corriger à la main : non comptées dans ce total"
WRITTEN_DONE = "comptées dans ce total"


def write_exports(report: CohortReport, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    items = [item.item_id for item in report.items]
    written = []
    path = folder / f"{report.assignment}-notes-par-apprenant.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")  # French spreadsheets read « ; » and decimal commas
        writer.writerow(["apprenant", *items, "total", "total maximum", "réponses rédigées"])
        for learner in sorted(report.scores):
            writer.writerow([learner, *(decimal(report.scores[learner].get(item, 0.0)) for item in items),
                             decimal(report.totals[learner]), decimal(report.max_total),
                             WRITTEN_PENDING if learner in report.to_grade else WRITTEN_DONE])
    written.append(path)
    path = folder / f"{report.assignment}-analyse-par-question.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["question", "type", "points", "indice de facilité (%)", "indice de discrimination (%)",
                         "réponses choisies (% des apprenants)"])
        for item in report.items:
            choices = french(" | ".join(f"{label} : {decimal(share, 0)} %" for label, share in item.choices.items()))
            writer.writerow([item.item_id, item.kind_label, decimal(item.max_score), decimal(item.facility),
                             decimal(item.discrimination, missing="non calculé" if report.small_cohort else ""),
                             choices])
        writer.writerow([])
        writer.writerow(["alpha de Cronbach (questions autocorrigées)",
                         decimal(report.alpha, missing=f"non calculé (moins de {MIN_LEARNERS_FOR_ITEM_STATISTICS} "
                                                       "apprenants)" if report.small_cohort else "")])
        for warning in report.warnings:
            writer.writerow([warning])
    written.append(path)
    # Moodle's grade import (Notes > Importer > Fichier CSV): one identifier column, one grade column (decimal
    # point, as Moodle reads it with a comma separator) and, to map to nothing (« ignorer ») or to a feedback, whether
    # the written answers are in the total yet.
    path = folder / f"{report.assignment}-moodle.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Numéro d'identification", report.assignment, WRITTEN_COLUMN])
        for learner in sorted(report.totals):
            writer.writerow([learner, f"{report.totals[learner]:.2f}",
                             WRITTEN_PENDING if learner in report.to_grade else WRITTEN_DONE])
    written.append(path)
    written += _charts(report, folder)
    return written


def _charts(report: CohortReport, folder: Path) -> list[Path]:
    import matplotlib.pyplot as plt

    from .cohort_charts import REPORT_CHARTS

    paths = []
    for name, build in REPORT_CHARTS.items():
        chart = build(report)
        paths.append(folder / f"{report.assignment}-{name}.png")
        chart.figure.savefig(paths[-1], dpi=110, bbox_inches="tight")
        plt.close(chart.figure)
    return paths

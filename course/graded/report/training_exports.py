"""The continuing-education report as CSV files and PNG charts (and the charts for the instructor's notebook)."""

from __future__ import annotations

import csv
from pathlib import Path

from ...charts import OKABE_ITO, Chart, _style
from ...learner.satisfaction import LIKERT
from ...typography import decimal, french
from .training_report import TrainingReport, objective_name


OBJECTIVE_LABEL_WIDTH = 38  # characters per line of an objective's name beside the chart
OBJECTIVE_LABEL_LINES = 3  # lines at most; a longer name ends with « … » (the tables give it whole)


def objective_label(text: str) -> str:
    """An objective's name wrapped to fit beside the chart: its first words, three short lines at most."""
    import textwrap

    lines = textwrap.wrap(objective_name(text), OBJECTIVE_LABEL_WIDTH)
    if len(lines) > OBJECTIVE_LABEL_LINES:
        lines = lines[:OBJECTIVE_LABEL_LINES]
        lines[-1] = lines[-1][:OBJECTIVE_LABEL_WIDTH - 1].rstrip(" ,;:") + "…"
    return "\n".join(lines)


def gains_chart(report: TrainingReport) -> Chart:
    """One row per objective, named by its words: mean score before and after (bars), and each learner's gain
    (dots) beside it."""
    import matplotlib.pyplot as plt

    from ...charts import DPI, FIGURE_WIDTH, NORMAL, SMALL, TEXT_COLOR, TITLE

    shown = [o for o in report.objectives if o.learners]
    height = 1.6 + 0.22 * sum(objective_label(o.text).count("\n") + 1 for o in shown) + 0.25 * len(shown)
    figure, (means, spread) = plt.subplots(1, 2, sharey=True, figsize=(FIGURE_WIDTH, height), dpi=DPI,
                                           layout="constrained", gridspec_kw={"width_ratios": [3, 2]})
    rows = list(range(len(shown)))
    means.barh([r - 0.2 for r in rows], [o.mean_pre for o in shown], height=0.4, color=OKABE_ITO[0],
               label="Test de positionnement")
    means.barh([r + 0.2 for r in rows], [o.mean_post for o in shown], height=0.4, color=OKABE_ITO[2],
               label="Test final")
    means.set_yticks(rows, [objective_label(o.text) for o in shown], fontsize=SMALL)
    means.set_ylim(len(shown) - 0.5, -0.5)
    means.set_xlim(0, 100)
    means.set_xticks([0, 25, 50, 75, 100])
    means.set_xlabel(french("Moyenne des points obtenus (%)"), fontsize=NORMAL)
    means.legend(frameon=False, fontsize=SMALL, loc="lower left", bbox_to_anchor=(0, 1), ncols=2, borderaxespad=0.2)
    _style(means, grid="x")
    for row, objective in enumerate(shown):
        gains = list(objective.gains.values())
        spread.scatter(gains, [row] * len(gains), color=OKABE_ITO[5], alpha=0.6)
    spread.axvline(0, color="#999999", linewidth=0.8)
    spread.set_xlim(-100, 100)
    spread.set_xticks([-100, -50, 0, 50, 100], ["−100", "−50", "0", "50", "100"])
    spread.set_xlabel(french("Gain par apprenant (points de %)"), fontsize=NORMAL)
    spread.tick_params(axis="y", left=False)
    _style(spread, grid="x")
    figure.suptitle(french("Progression par objectif, du test de positionnement au test final"), x=0.01, ha="left",
                    fontsize=TITLE, color=TEXT_COLOR)
    learners = max((len(o.learners) for o in shown), default=0)
    return Chart(figure,
                 french(f"Apprenants ayant passé les deux tests : {learners}. Notes du carnet de notes nbgrader "
                        "(quiz-00 et quiz-07)."),
                 french("Une ligne par objectif : à gauche, barres des moyennes avant et après ; à droite, un point "
                        "par apprenant pour son gain."),
                 {o.objective: o.mean_gain for o in shown})


def _write_csv(path: Path, rows) -> Path:
    """One CSV file as French spreadsheets open it (semicolons), its first row the header."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def write_training_exports(report: TrainingReport, folder: Path) -> list[Path]:
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    assignments = sorted({name for by_assignment in report.matrix.values() for name in by_assignment})
    columns = sorted({name for spent in report.time_on_task.values() for name in spent})
    written = [
        _write_csv(folder / "formation-progression-par-objectif.csv", [
            ["objectif", "intitulé", "apprenants (deux tests)", "moyenne avant (%)", "moyenne après (%)",
             "gain moyen (points de %)", "gain normalisé (Hake)"],
            *([o.objective, o.text, len(o.learners), decimal(o.mean_pre, 1), decimal(o.mean_post, 1),
               decimal(o.mean_gain, 1), decimal(o.normalised_gain, 2)] for o in report.objectives)]),
        _write_csv(folder / "formation-objectifs-questions.csv", [
            ["objectif", *(f"{name} (questions)" for name in assignments)],
            *([objective, *(" ".join(by_assignment.get(name, [])) for name in assignments)]
              for objective, by_assignment in report.matrix.items())]),
        _write_csv(folder / "formation-satisfaction.csv", [
            ["question", "réponses", "moyenne (1 à 5)", *LIKERT],
            *([result.question, sum(result.levels.values()), decimal(result.mean, 2),
               *(result.levels.get(level, 0) for level in range(1, 6))]
              for result in report.satisfaction if result.kind == "likert"),
            [],
            *(row for result in report.satisfaction if result.kind == "texte"
              for row in [[result.question], *([["", text] for text in result.texts])])]),
        _write_csv(folder / "formation-temps-passe.csv", [
            ["apprenant", *(f"{name} (min)" for name in columns)],
            *([student, *(decimal(spent[name] / 60, 1) if name in spent else "" for name in columns)]
              for student, spent in sorted(report.time_on_task.items()))]),
    ]
    if any(o.learners for o in report.objectives):
        chart = gains_chart(report)
        path = folder / "formation-progression.png"
        chart.figure.savefig(path, dpi=110, bbox_inches="tight")
        plt.close(chart.figure)
        written.append(path)
    return written

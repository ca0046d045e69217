"""The cohort report shown in the instructor's notebook: who is graded (and why not), scores, item
analysis and the two report charts, from the same functions as `cours nbgrader rapport`."""

from __future__ import annotations

import html
from pathlib import Path

from ..typography import french


def _table(header: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"<th>{html.escape(french(text))}</th>" for text in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(french(str(value)))}</td>" for value in row) + "</tr>"
                   for row in rows)
    return f'<table class="cours-rapport"><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>'


def _number(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")


def cohort_report_html(folder: str | Path, assignment: str) -> str:
    """The whole report as HTML; a French explanation instead when the folder has nothing to report on."""
    import matplotlib.pyplot as plt

    from .analysis import cohort_report
    from .report import assignment_records
    from .report_charts import REPORT_CHARTS

    folder = Path(folder)
    if not (folder / "nbgrader_config.py").is_file():
        return french(f"<p>Aucun cours nbgrader dans « {html.escape(str(folder))} » : indiquez le dossier créé "
                      "par <code>cours nbgrader creer</code> dans la cellule ci-dessus.</p>")
    records = assignment_records(folder, assignment)
    report = cohort_report(folder, assignment)
    parts = [f"<h3>{french(f'Devoir {html.escape(assignment)} : {len(records)} apprenant(s)')}</h3>",
             _table(["Apprenant", "Note", "État", "Motif"],
                    [[record.student, f"{_number(record.score)} / {record.max_score:g}", record.status,
                      " ; ".join(record.reasons)] for record in records]),
             f"<h3>{french('Analyse des questions autocorrigées')}</h3>",
             f"<p>{french(f'Alpha de Cronbach : {_number(report.alpha)}')}</p>",
             _table(["Question", "Type", "Points", "Facilité (%)", "Discrimination (%)", "Réponses choisies (%)"],
                    [[item.item_id, item.kind_label, f"{item.max_score:g}", _number(item.facility, 0),
                      _number(item.discrimination, 0),
                      " | ".join(f"{label} : {_number(share, 0)}" for label, share in item.choices.items())]
                     for item in report.items])]
    for build in REPORT_CHARTS.values():
        chart = build(report)
        parts.append(chart.to_html())
        plt.close(chart.figure)
    return "\n".join(parts)


def show_cohort_report(folder: str | Path, assignment: str) -> None:
    from IPython.display import HTML, display

    display(HTML(cohort_report_html(folder, assignment)))

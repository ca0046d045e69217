"""The cohort report shown in the instructor's notebook: who is graded (and why not), scores, item
analysis and the two report charts, from the same functions as `cours nbgrader rapport`."""

from __future__ import annotations

import html
from pathlib import Path

from ...typography import decimal, french

DASH = "—"  # what a missing value shows in the notebook's tables


def _table(header: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"<th>{html.escape(french(text))}</th>" for text in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(french(str(value)))}</td>" for value in row) + "</tr>"
                   for row in rows)
    return f'<table class="cours-rapport"><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>'


def cohort_report_html(folder: str | Path, assignment: str) -> str:
    """The whole report as HTML; a French explanation instead when the folder has nothing to report on."""
    import matplotlib.pyplot as plt

    from ..mark.records import assignment_records
    from .analysis import MIN_LEARNERS_FOR_ITEM_STATISTICS, cohort_report
    from .cohort_charts import REPORT_CHARTS

    folder = Path(folder)
    if not (folder / "nbgrader_config.py").is_file():
        return french(f"<p>Aucun cours nbgrader dans « {html.escape(str(folder))} » : indiquez le dossier créé "
                      "par <code>cours nbgrader creer</code> dans la cellule ci-dessus.</p>")
    records = assignment_records(folder, assignment)
    report = cohort_report(folder, assignment)
    alpha = decimal(report.alpha, missing=DASH) + (
        f" (non calculé : moins de {MIN_LEARNERS_FOR_ITEM_STATISTICS} apprenants)" if report.small_cohort else "")
    parts = [f"<h3>{french(f'Devoir {html.escape(assignment)} : {len(records)} apprenant(s)')}</h3>",
             _table(["Apprenant", "Note", "État", "Motif"],
                    [[record.student, f"{decimal(record.score, missing=DASH)} / {record.max_score:g}", record.status,
                      " ; ".join(record.reasons)] for record in records]),
             f"<h3>{french('Analyse des questions autocorrigées')}</h3>",
             *(f'<p class="cours-avertissement"><strong>{html.escape(warning)}</strong></p>'
               for warning in report.warnings),
             f"<p>{french(f'Alpha de Cronbach : {alpha}')}</p>",
             _table(["Question", "Type", "Points", "Facilité (%)", "Discrimination (%)",
                     "Réponses choisies (% des apprenants)"],
                    [[item.item_id, item.kind_label, f"{item.max_score:g}", decimal(item.facility, 0, missing=DASH),
                      decimal(item.discrimination, 0, missing=DASH),
                      " | ".join(f"{label} : {decimal(share, 0)} %" for label, share in item.choices.items())]
                     for item in report.items])]
    for build in REPORT_CHARTS.values():
        chart = build(report)
        parts.append(chart.to_html())
        plt.close(chart.figure)
    return "\n".join(parts)


def show_cohort_report(folder: str | Path, assignment: str) -> None:
    from IPython.display import HTML, display

    display(HTML(cohort_report_html(folder, assignment)))


def training_report_html(folder: str | Path) -> str:
    """Pre/post progress per objective, satisfaction and time on task (what `cours nbgrader formation` writes)."""
    import matplotlib.pyplot as plt

    from ...learner.satisfaction import LIKERT
    from ...formation import OrganiserError, load_organiser
    from .training_exports import gains_chart
    from .training_report import duration, part_title, planned_duration, training_report

    folder = Path(folder)
    if not (folder / "nbgrader_config.py").is_file():
        return ""
    report = training_report(folder)
    parts = [f"<h3>{french('Progression par objectif (test de positionnement → test final)')}</h3>"]
    if any(o.learners for o in report.objectives):
        parts.append(_table(["Objectif", "Apprenants", "Avant (%)", "Après (%)", "Gain moyen", "Gain normalisé"],
                            [[f"{o.objective} — {o.text}", len(o.learners), decimal(o.mean_pre, 1),
                              decimal(o.mean_post, 1), decimal(o.mean_gain, 1), decimal(o.normalised_gain, 2)]
                             for o in report.objectives]))
        chart = gains_chart(report)
        parts.append(chart.to_html())
        plt.close(chart.figure)
    else:
        parts.append(f"<p>{french('Aucun apprenant n’a encore passé et remis les deux tests (quiz-00 et quiz-07).')}</p>")
    parts.append(f"<h3>{french('Satisfaction')}</h3>")
    likert = [r for r in report.satisfaction if r.kind == "likert"]
    if likert:
        parts.append(_table(["Affirmation", "Réponses", "Moyenne (1 à 5)", *LIKERT],
                            [[r.question, sum(r.levels.values()), decimal(r.mean, 2),
                              *(r.levels.get(level, 0) for level in range(1, 6))] for r in likert]))
    for result in (r for r in report.satisfaction if r.kind == "texte"):
        items = "".join(f"<li>{html.escape(french(text))}</li>" for text in result.texts) or "<li>—</li>"
        parts.append(f"<p><strong>{html.escape(french(result.question))}</strong></p><ul>{items}</ul>")
    parts.append(f"<h3>{french('Temps passé, déclaré par le poste de chaque apprenant')}</h3>")
    try:
        planned = planned_duration(load_organiser(folder))
    except OrganiserError as error:
        planned = f"{planned_duration({})} (formation.yml illisible : {error})"
    note = (f"Durée prévue du parcours : {planned} (duree_prevue_heures dans formation.yml). « {DASH} » : pas de "
            "temps déclaré pour cette partie (non remise, une seule action horodatée, ou temps des modules non joints).")
    parts.append(f"<p>{html.escape(french(note))}</p>")
    columns = sorted({name for spent in report.time_on_task.values() for name in spent})
    parts.append(_table(["Apprenant", *(part_title(c) for c in columns)],
                        [[student, *(duration(spent[c]) if c in spent else DASH for c in columns)]
                         for student, spent in sorted(report.time_on_task.items())]))
    return "\n".join(parts)


def show_training_report(folder: str | Path) -> None:
    from IPython.display import HTML, display

    display(HTML(training_report_html(folder)))

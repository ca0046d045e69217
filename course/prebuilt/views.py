"""show_chart and show_explorer in the browser site: the charts drawn when the site was built, shown in place with
the same HTML as in JupyterLab (image with its alt text, caption, folded provenance)."""

from __future__ import annotations

import html

from ..chart_html import figure_html, folded_provenance, data_page_link
from ..typography import learner_text
from . import folder, read

EXPLORER_NOTE = ("La version interactive de cet explorateur, où vous choisissez vous-même la plateforme et la "
                 "mesure, demande le cours complet (installé sur votre ordinateur ou sur un serveur JupyterHub) : "
                 "voici ses vues, une par plateforme.")


def chart_html(entry: dict) -> str:
    """One pre-built chart as JupyterLab shows it (course/charts.py: Chart.to_html)."""
    return figure_html(read.image(folder(), entry), "image/svg+xml", entry["width"], entry["alt"], entry["caption"],
                       entry.get("provenance", ""))


def show_chart(name: str) -> None:
    """Display a chart, drawn when the site was built, with its caption, alt text and folded provenance."""
    from IPython.display import HTML, display

    entries = read.charts(folder())["charts"]
    if name not in entries:
        raise KeyError(f"Aucun graphique « {name} » (graphiques : {', '.join(entries)})")
    display(HTML(chart_html(entries[name])))


def explorer_html() -> str:
    """The explorer's views, drawn at build time: the first open, the others folded under their title."""
    parts = [f'<p class="cours-explorateur-statique">{html.escape(learner_text(EXPLORER_NOTE))}</p>']
    for index, entry in enumerate(read.charts(folder())["explorer"]):
        body = (f'<div class="cours-explorateur-graphique">{chart_html(entry)}</div>'
                f'<div class="cours-sources">{entry["figures"]}'
                f'{folded_provenance(entry["provenance"] + data_page_link())}</div>')
        parts.append(f'<details class="cours-explorateur-vue"{" open" if index == 0 else ""}>'
                     f"<summary>{html.escape(entry['title'])}</summary>{body}</details>")
    return f'<div class="cours-explorateur">{"".join(parts)}</div>'


def show_explorer() -> None:
    """The statistics explorer, as static views: one sentence says the interactive one needs the full course."""
    from IPython.display import HTML, display

    display(HTML(explorer_html()))

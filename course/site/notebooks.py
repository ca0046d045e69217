"""The notebooks a learner gets on the site, and the site's copy of each, made at build time from the one source
in notebooks/: no hand-kept second copy.

The copy differs in two things only: its kernel is JupyterLite's Pyodide kernel (`python`; the course's notebooks
name `python3`, which JupyterLite does not have), and a French note under the title says what to expect and what to
do if Python does not start in the browser. That note is Markdown, so the learner reads it whatever the kernel
does: a page of silent empty cells never happens.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..typography import french
from .pages import site_markdown

#: The self-paced modules, the positioning and final tests and the satisfaction questionnaire: nothing else of
#: the repository (no instructor tool, no graded assignment) goes on the site.
LEARNER_NOTEBOOKS = ["00_accueil", "01_plateformes", "02_pourquoi_comment", "03_risques", "04_deontologie_droit",
                     "05_cas_pratiques", "test_de_positionnement", "test_final", "questionnaire_de_satisfaction"]
HOME = "00_accueil.ipynb"
PYODIDE_KERNEL = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
NOTE_CLASS = "cours-site-note"
NOTE = french(
    "> **Cette page s’exécute dans votre navigateur, sans installation.** Python y démarre en 20 à 40\u00a0secondes "
    "au premier chargement\u00a0; la barre d’état, en bas de la page, indique alors « Python (Pyodide) | Inactif ». "
    "Affichez ensuite les exercices\u00a0: menu « Exécution » › « Exécuter toutes les cellules ». Vos réponses "
    "restent dans ce navigateur, sur cet appareil.\n"
    ">\n"
    "> **Si rien ne s’affiche sous les cellules** après une minute, ou si la barre d’état indique encore "
    "« Inconnu »\u00a0: "
    "rechargez la page\u00a0; utilisez un navigateur récent (Firefox, Chrome ou Safari, par exemple) hors navigation "
    "privée\u00a0; si cela ne suffit pas, prévenez votre formateur, qui peut vous donner accès à la version complète "
    "du cours."
)


def site_notebook(source: dict) -> dict:
    """The site's copy of a course notebook: Pyodide kernel, the note after the first cell (the title), no outputs,
    links to the course's pages as the site holds them (pages.py)."""
    notebook = json.loads(json.dumps(source))
    notebook["metadata"]["kernelspec"] = dict(PYODIDE_KERNEL)
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
        elif cell["cell_type"] == "markdown":
            lines = cell["source"]
            cell["source"] = site_markdown(lines) if isinstance(lines, str) else [site_markdown(line) for line in lines]
    note = {"cell_type": "markdown", "id": "cours-site-note", "metadata": {"tags": [NOTE_CLASS]},
            "source": NOTE.splitlines(keepends=True)}
    notebook["cells"].insert(1 if notebook["cells"] else 0, note)
    return notebook


def write_site_notebooks(notebooks: Path, dest: Path) -> list[Path]:
    """The site's copy of each of LEARNER_NOTEBOOKS, from notebooks/ into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for stem in LEARNER_NOTEBOOKS:
        source = json.loads((notebooks / f"{stem}.ipynb").read_text(encoding="utf-8"))
        target = dest / f"{stem}.ipynb"
        target.write_text(json.dumps(site_notebook(source), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(target)
    return written

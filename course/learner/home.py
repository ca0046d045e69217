"""The course home's own widgets: who I am (profession, country), where I am (progress and time per
module), and my data (open, export, erase with confirmation)."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from ..bank.model import COUNTRIES, PROFESSIONS
from ..typography import french
from .activity import time_per_module
from .store import LearnerStore

CHOOSE = "— à choisir —"


def _status(text: str, css: str = "cours-etat") -> str:
    return f'<p class="{css}" role="status" aria-live="polite">{html.escape(french(text))}</p>'


class ProfileChooser(widgets.VBox):
    """Profession and country, saved in the learner's file; can be changed at any time."""

    def __init__(self, store: LearnerStore | None = None):
        self.store = store or LearnerStore()
        profile = self.store.profile()
        self.profession = widgets.Dropdown(options=[(CHOOSE, None)] + [(label, key) for key, label in
                                                                       PROFESSIONS.items()],
                                           value=profile.get("profession"), description="Profession",
                                           style={"description_width": "initial"})
        self.country = widgets.Dropdown(options=[(CHOOSE, None)] + [(label, key) for key, label in COUNTRIES.items()],
                                        value=profile.get("pays"), description="Pays d’exercice",
                                        style={"description_width": "initial"})
        self.save_button = widgets.Button(description="Enregistrer mon profil", button_style="primary")
        self.save_button.add_class("cours-enregistrer-profil")
        self.message = widgets.HTML(self._current(profile))
        self.save_button.on_click(lambda _: self.save())
        super().__init__([self.profession, self.country, self.save_button, self.message])
        self.add_class("cours-profil")

    @staticmethod
    def _current(profile: dict) -> str:
        if not profile.get("profession"):
            return _status("Aucun profil choisi : les modules montrent les règles de toutes les professions.")
        return _status(f"Profil enregistré : {PROFESSIONS[profile['profession']]}, "
                       f"{COUNTRIES[profile['pays']]}. Les modules et les corrections suivent ce profil.")

    def save(self) -> None:
        if self.profession.value is None or self.country.value is None:
            self.message.value = _status("Choisissez une profession et un pays avant d’enregistrer.",
                                         "cours-avertissement")
            return
        self.store.set_profile(self.profession.value, self.country.value)
        self.message.value = self._current(self.store.profile())


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return "—" if minutes == 0 else (f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}")


def progress_html(store: LearnerStore, modules: list[tuple[str, str, int]]) -> str:
    """One row per module: questions answered out of those offered, and time on task measured."""
    data = store.load()
    spent = time_per_module(data["activite"])
    answered: dict[str, set] = {}
    for event in data["activite"]:
        if event.get("quoi") == "reponse":
            answered.setdefault(str(event.get("module")), set()).add(event.get("question"))
    rows = []
    for number, title, count in modules:
        done = len(answered.get(number, ()))
        rows.append(f"<tr><td>{html.escape(french(title))}</td><td>{min(done, count)} / {count}</td>"
                    f"<td>{_duration(spent.get(number, 0))}</td></tr>")
    return french('<table class="cours-progression"><thead><tr><th>Module</th><th>Questions répondues</th>'
                  "<th>Temps mesuré</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
                  "<p>Le temps est mesuré à partir de votre activité (cellules exécutées, réponses validées) ; "
                  "une pause de plus de 10 minutes sans activité n’est pas comptée.</p>")


def _link(path: Path) -> str:
    """A link JupyterLab opens, relative to the notebooks folder where the home page is."""
    from ..paths import notebooks_dir

    relative = os.path.relpath(path, notebooks_dir())
    return f'<a href="{html.escape(relative)}" target="_blank"><code>{html.escape(str(path))}</code></a>'


class MyDataPanel(widgets.VBox):
    """Where the file is, what it holds, exports (JSON, CSV), and erasing after a confirmation."""

    def __init__(self, store: LearnerStore | None = None):
        self.store = store or LearnerStore()
        self.summary = widgets.HTML()
        self.json_button = widgets.Button(description="Exporter en JSON")
        self.csv_button = widgets.Button(description="Exporter en CSV")
        self.erase_button = widgets.Button(description="Effacer mes données", button_style="danger")
        self.erase_button.add_class("cours-effacer")
        self.confirm_button = widgets.Button(description="Oui, tout effacer", button_style="danger")
        self.confirm_button.add_class("cours-effacer-confirmer")
        self.cancel_button = widgets.Button(description="Annuler")
        self.confirmation = widgets.VBox([
            widgets.HTML(_status("Effacer définitivement votre profil, vos réponses, vos temps, vos tests, votre "
                                 "questionnaire et vos exports ? Cette action ne peut pas être annulée.",
                                 "cours-avertissement")),
            widgets.HBox([self.confirm_button, self.cancel_button])], layout=widgets.Layout(display="none"))
        self.message = widgets.HTML()
        self.json_button.on_click(lambda _: self.export("json"))
        self.csv_button.on_click(lambda _: self.export("csv"))
        self.erase_button.on_click(lambda _: self.ask_to_erase())
        self.confirm_button.on_click(lambda _: self.erase())
        self.cancel_button.on_click(lambda _: self.cancel())
        super().__init__([self.summary, widgets.HBox([self.json_button, self.csv_button, self.erase_button]),
                          self.confirmation, self.message])
        self.add_class("cours-mes-donnees")
        self.refresh()

    def refresh(self) -> None:
        if not self.store.path.exists():
            self.summary.value = french(f"<p>Aucune donnée enregistrée pour l’instant. Elles seront écrites dans "
                                        f"{_link(self.store.path)}, sur cette machine uniquement.</p>")
            return
        data = self.store.load()
        tests = ", ".join(sorted(data["tests"])) or "aucun"
        self.summary.value = french(
            f"<p>Vos données sont dans {_link(self.store.path)}, sur cette machine uniquement : "
            f"{len(data['activite'])} action(s) enregistrée(s) ; tests passés : {html.escape(tests)} ; "
            f"questionnaire de satisfaction : {'rempli' if data['satisfaction'] else 'non rempli'}.</p>")

    def export(self, kind: str) -> None:
        path = self.store.export_json() if kind == "json" else self.store.export_csv()
        self.message.value = french(f'<p class="cours-etat" role="status">Export écrit : {_link(path)}</p>')

    def ask_to_erase(self) -> None:
        self.confirmation.layout.display = ""

    def cancel(self) -> None:
        self.confirmation.layout.display = "none"
        self.message.value = _status("Rien n’a été effacé.")

    def erase(self) -> None:
        from . import activity

        others = self.store.erase()
        activity.stop()
        self.confirmation.layout.display = "none"
        folder = str(self.store.folder)
        where = (f"le dossier {folder} n’existe plus" if not others else
                 f"le dossier {folder} est gardé, car il contient {len(others)} fichier(s) que le cours n’a pas écrit(s)")
        self.message.value = _status(
            f"Vos données ont été effacées : {where}. Ce notebook n’enregistre plus rien. Les autres modules encore "
            "ouverts recommenceraient à enregistrer à leur prochaine cellule exécutée : fermez-les, ou redémarrez "
            "leur noyau, avant de continuer.")
        self.refresh()

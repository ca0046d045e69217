"""The course home's own widgets: who I am (profession, country), where I am (progress and time per
step of the path, kept up to date while other modules are used), and my data (open, export, erase with
confirmation)."""

from __future__ import annotations

import html
import os
import threading
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from ..bank.model import COUNTRIES, PROFESSIONS
from ..typography import french
from .activity import time_per_module
from .buttons import button, button_row, button_style
from .path import Step, test_points
from .store import LearnerStore

PLACEHOLDER = ""  # the value of a dropdown whose placeholder is shown: never a profession or a country
CHOOSE_PROFESSION = "Choisissez votre profession"
CHOOSE_COUNTRY = "Choisissez votre pays"


def _status(text: str, css: str = "cours-etat") -> str:
    return f'<p class="{css}" role="status" aria-live="polite">{html.escape(french(text))}</p>'


def _dropdown(placeholder: str, choices: dict[str, str], chosen: str | None, label: str) -> widgets.Dropdown:
    """A dropdown that shows its French placeholder until the learner chooses (never a blank line)."""
    options = [(placeholder, PLACEHOLDER)] + [(text, key) for key, text in choices.items()]
    return widgets.Dropdown(options=options, value=chosen if chosen in choices else PLACEHOLDER,
                            description=label, style={"description_width": "initial"},
                            layout=widgets.Layout(width="100%", max_width="30em"))


class ProfileChooser(widgets.VBox):
    """Profession and country, saved in the learner's file; can be changed at any time. A placeholder still
    showing in either list never saves a profile."""

    def __init__(self, store: LearnerStore | None = None):
        self.store = store or LearnerStore()
        profile = self.store.profile()
        self.profession = _dropdown(CHOOSE_PROFESSION, PROFESSIONS, profile.get("profession"), "Profession")
        self.country = _dropdown(CHOOSE_COUNTRY, COUNTRIES, profile.get("pays"), "Pays d’exercice")
        self.save_button = button("Enregistrer mon profil", "cours-enregistrer-profil", button_style="primary")
        self.message = widgets.HTML(self._current(profile))
        self.save_button.on_click(lambda _: self.save())
        super().__init__([button_style(), self.profession, self.country, self.save_button, self.message])
        self.add_class("cours-profil")

    @staticmethod
    def _current(profile: dict) -> str:
        if profile.get("profession") not in PROFESSIONS or profile.get("pays") not in COUNTRIES:
            return _status("Aucun profil choisi : les modules montrent les règles de toutes les professions.")
        return _status(f"Profil enregistré : {PROFESSIONS[profile['profession']]}, "
                       f"{COUNTRIES[profile['pays']]}. Les modules et les corrections suivent ce profil.")

    def save(self) -> None:
        if self.profession.value not in PROFESSIONS or self.country.value not in COUNTRIES:
            self.message.value = _status("Choisissez une profession et un pays avant d’enregistrer.",
                                         "cours-avertissement")
            return
        self.store.set_profile(self.profession.value, self.country.value)
        self.message.value = self._current(self.store.profile())


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    return "—" if minutes == 0 else (f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def progress_html(store: LearnerStore, steps: list[Step]) -> str:
    """One row per step of the path: questions answered out of those offered (for a test: its result), and
    time on task measured; then the satisfaction questionnaire."""
    data = store.load()
    spent = time_per_module(data["activite"])
    answered: dict[str, set] = {}
    for event in data["activite"]:
        if event.get("quoi") == "reponse":
            answered.setdefault(str(event.get("module")), set()).add(event.get("question"))
    rows = []
    for step in steps:
        if step.test:
            result = data["tests"].get(step.test)
            done = _test_result(result) if result else "à faire"
        else:
            done = f"{min(len(answered.get(step.module, ())), step.questions)} / {_plural(step.questions, 'question')}"
        rows.append(f"<tr><td>{html.escape(french(step.title))}</td><td>{html.escape(french(done))}</td>"
                    f"<td>{_duration(spent.get(step.module, 0))}</td></tr>")
    satisfaction = "rempli" if data["satisfaction"].get("reponses") else "à remplir"
    rows.append(f"<tr><td>Questionnaire de satisfaction</td><td>{satisfaction}</td><td>—</td></tr>")
    return french('<table class="cours-progression"><thead><tr><th>Étape</th><th>Avancement</th>'
                  "<th>Temps mesuré</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
                  "<p>Ce tableau se met à jour tout seul pendant que vous avancez dans les autres modules. Le "
                  "temps est mesuré à partir de votre activité (cellules exécutées, réponses validées) ; une pause "
                  "de plus de 10 minutes sans activité n’est pas comptée.</p>")


def _test_result(result: dict) -> str:
    from ..typography import short

    points = test_points(result)
    if points is None:
        return "terminé"
    return f"terminé : {short(points[0])} / {short(points[1])} points"


class ProgressPanel(widgets.HTML):
    """The progress table, redrawn when the learner's file changes. Each notebook has its own kernel: an
    answer validated in module 3 is written to the file by module 3's kernel, so this one watches the file.

    A daemon thread wakes every `interval` seconds (an Event wait, not a busy loop), compares the file's
    identity (inode, modification time in ns, size: every save replaces the file) with the one last drawn,
    and redraws only when it differs. `stop()` ends the thread; `close()` and the next panel shown in this
    kernel call it."""

    _current: ProgressPanel | None = None
    _lock = threading.Lock()

    def __init__(self, store: LearnerStore, steps: Callable[[], list[Step]], interval: float = 1.0):
        super().__init__()
        self.add_class("cours-progression-panneau")
        self.store, self.steps, self.interval = store, steps, interval
        self._drawn_from: tuple | None = None
        self._stopping = threading.Event()
        self.refresh()
        self._thread = threading.Thread(target=self._watch, name="cours-progression", daemon=True)
        self._task = None  # the watcher in the browser site, where Pyodide starts no thread
        with ProgressPanel._lock:
            previous, ProgressPanel._current = ProgressPanel._current, self
        if previous is not None:
            previous.stop()  # the cell was run again: one watcher per kernel
        self._start()

    def _start(self) -> None:
        from ..paths import in_browser

        if not in_browser():
            self._thread.start()
            return
        import asyncio

        self._task = asyncio.ensure_future(self._watch_in_browser())  # the kernel's event loop wakes it

    def _file_identity(self) -> tuple | None:
        try:
            found = os.stat(self.store.path)
        except OSError:
            return None
        return found.st_ino, found.st_mtime_ns, found.st_size

    def refresh(self) -> None:
        """Redraw from the file as it is now (its identity is read first: a write during the read is seen
        at the next wake-up)."""
        self._drawn_from = self._file_identity()
        shown = progress_html(self.store, self.steps())
        if shown != self.value:
            self.value = shown

    def _watch(self) -> None:
        while not self._stopping.wait(self.interval):
            if self._file_identity() != self._drawn_from:
                try:
                    self.refresh()
                except Exception:  # noqa: BLE001 — a bad read now is retried at the next change
                    self._drawn_from = None

    async def _watch_in_browser(self) -> None:
        import asyncio

        while not self._stopping.is_set():
            await asyncio.sleep(self.interval)
            if not self._stopping.is_set() and self._file_identity() != self._drawn_from:
                try:
                    self.refresh()
                except Exception:  # noqa: BLE001 — a bad read now is retried at the next change
                    self._drawn_from = None

    @property
    def watching(self) -> bool:
        return self._thread.is_alive() or (self._task is not None and not self._task.done())

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        if self._task is not None:
            self._task.cancel()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def close(self) -> None:
        self.stop()
        super().close()


def _link(path: Path) -> str:
    """A link JupyterLab opens, relative to the notebooks folder where the home page is."""
    from ..paths import notebooks_dir

    relative = os.path.relpath(path, notebooks_dir())
    return f'<a href="{html.escape(relative)}" target="_blank"><code>{html.escape(str(path))}</code></a>'


def _kept_where() -> str:
    from ..paths import in_browser

    return ("dans le stockage de ce navigateur, pour ce site seulement" if in_browser()
            else "sur cette machine uniquement")


class MyDataPanel(widgets.VBox):
    """Where the file is, what it holds, exports (JSON, CSV), and erasing after a confirmation."""

    def __init__(self, store: LearnerStore | None = None):
        self.store = store or LearnerStore()
        self.summary = widgets.HTML()
        self.json_button = button("Exporter en JSON")
        self.csv_button = button("Exporter en CSV")
        self.erase_button = button("Effacer mes données", "cours-effacer", button_style="danger")
        self.confirm_button = button("Oui, tout effacer", "cours-effacer-confirmer", button_style="danger")
        self.cancel_button = button("Annuler")
        self.confirmation = widgets.VBox([
            widgets.HTML(_status("Effacer définitivement votre profil, vos réponses, vos temps, vos tests, votre "
                                 "questionnaire et vos exports ? Cette action ne peut pas être annulée.",
                                 "cours-avertissement")),
            button_row(self.confirm_button, self.cancel_button)], layout=widgets.Layout(display="none"))
        self.message = widgets.HTML()
        self.json_button.on_click(lambda _: self.export("json"))
        self.csv_button.on_click(lambda _: self.export("csv"))
        self.erase_button.on_click(lambda _: self.ask_to_erase())
        self.confirm_button.on_click(lambda _: self.erase())
        self.cancel_button.on_click(lambda _: self.cancel())
        super().__init__([button_style(), self.summary,
                          button_row(self.json_button, self.csv_button, self.erase_button),
                          self.confirmation, self.message])
        self.add_class("cours-mes-donnees")
        self.refresh()

    def refresh(self) -> None:
        if not self.store.path.exists():
            self.summary.value = french(f"<p>Aucune donnée enregistrée pour l’instant. Elles seront écrites dans "
                                        f"{_link(self.store.path)}, {_kept_where()}.</p>")
            return
        data = self.store.load()
        tests = ", ".join(sorted(data["tests"])) or "aucun"
        self.summary.value = french(
            f"<p>Vos données sont dans {_link(self.store.path)}, {_kept_where()} : "
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

"""The one-line calls used in the learner notebooks (show_*), and the builders they display.

Every self-paced widget is fitted to the learner: questions for other professions or countries are left
out, the feedback ends with the learner's own rules for the themes the question names, and each validated
answer is recorded in the learner's own file (see course/learner)."""

from __future__ import annotations

import html
from dataclasses import replace
from functools import lru_cache

import ipywidgets as widgets
from IPython.display import HTML, display

from . import prebuilt
from .bank import Bank, Scenario
from .bank.model import COUNTRIES, PROFESSIONS
from .bank.order import displayed, new_seed
from .learner import activity
from .learner.rules import rules_html, theme_html
from .learner.path import offered
from .learner.store import LearnerStore
from .paths import course_root
from .prebuilt import read as prebuilt_read
from .sources import load_sources
from .typography import french
from .widgets import QuizWidget, item_widget


@lru_cache(maxsize=2)
def _bank(root, built) -> Bank:
    if built:
        return prebuilt_read.bank(built)
    try:
        from .bank.load import load_bank
    except ModuleNotFoundError as missing:
        raise ModuleNotFoundError(french(
            f"La banque de questions ne peut pas être lue : le module Python « {missing.name} » manque, et ce cours "
            "n’a pas de banque préparée (course/prebuilt_data). Installez le cours complet (make cours) ou ouvrez "
            "le site construit par make site.")) from missing
    return load_bank(with_graded=False)


def bank() -> Bank:
    """The open bank (loaded once per kernel): the one pre-built for the browser site, or this course folder's
    quizzes/. Graded items are never read here: the learner's kernel holds no key of an nbgrader assignment, even
    where quizzes/notees/ is on disk."""
    return _bank(course_root(), prebuilt.folder())


def learner_profile() -> dict:
    """The profession and country the learner chose on the course home ({} until they do)."""
    try:
        return LearnerStore().profile()
    except OSError:
        return {}


_KERNEL_SEED = new_seed()  # used only when the learner's file cannot be written


def order_seed() -> str:
    """The learner's seed for the order of options: the same order after a reload or a restart."""
    try:
        return LearnerStore().order_seed()
    except OSError:
        return _KERNEL_SEED


def shown(item):
    """The item with its options in this learner's order (never the author's: the key was often first)."""
    return displayed(item, order_seed())


def self_paced_item(item_id: str):
    try:
        return bank().item(item_id)
    except KeyError:
        raise KeyError(f"Aucune question « {item_id} » dans la banque en accès libre (une question notée ne "
                       "s'affiche que dans son devoir nbgrader).") from None


def _own_rules(item) -> str:
    """The learner's rules for the themes this question names, read when the feedback is shown."""
    if not item.tags.rules:
        return ""
    return rules_html(item.tags.rules, bank().pathway, learner_profile(), load_sources())


def _recording(items) -> dict:
    """Widget options that record each validated answer, with its score, in the learner's file, show the
    learner's own rules and profession in the feedback, and bring back the answers validated earlier."""
    by_id = {item.id: item for item in items}
    answers: dict[str, object] = {}

    def on_score(item_id: str, score) -> None:
        if score is None:
            activity.record(by_id[item_id].module, "reessai", question=item_id)
        else:
            activity.record(by_id[item_id].module, "reponse", question=item_id, reponse=answers.get(item_id),
                            score=score.earned, sur=score.points)

    return {"on_answer": answers.__setitem__, "on_score": on_score, "notes": _own_rules,
            "profession": learner_profile().get("profession")}


def _not_for_you(item, profile: dict) -> HTML:
    who = ", ".join(PROFESSIONS[p] for p in item.tags.professions) or "toutes professions"
    where = ", ".join(COUNTRIES[c] for c in item.tags.countries) or "tous pays"
    return HTML(french(f'<p class="cours-hors-profil">Cette question concerne : {who} ({where}). Elle n’est pas '
                       "affichée pour le profil choisi sur la page d’accueil, que vous pouvez changer à tout moment."
                       "</p>"))


def question_widget(item_id: str):
    item = self_paced_item(item_id)
    activity.track(item.module)
    profile = learner_profile()
    if not offered(item, profile):
        return widgets.HTML(_not_for_you(item, profile).data)
    return _fitted_view(item, activity.recorded_answers())


def _fitted_view(item, answers: dict):
    """One question or scenario as this learner sees it: their order of options, their rules in the feedback,
    their answer brought back (answers: read once per cell), each new answer recorded."""
    return item_widget(shown(item), load_sources(), initial_answer=answers.get(item.id), **_recording([item]))


def quiz_widget(module: str, ids: list[str] | None = None) -> QuizWidget:
    """The listed questions, or every choice question of the module, with a quiz score; only those that
    fit the learner's profile."""
    items = ([self_paced_item(item_id) for item_id in ids] if ids
             else [item for item in bank().module(module).items
                   if item.kind in ("single", "multiple")])
    activity.track(module)
    profile = learner_profile()
    items = [shown(item) for item in items if offered(item, profile)]
    return QuizWidget(items, load_sources(), initial_answers=activity.recorded_answers(), **_recording(items))


def _closeness(item, profile: dict) -> int:
    """How much of the learner's profile a case is written for: their profession, their country, or both."""
    return ((profile.get("profession") in item.tags.professions)
            + (profile.get("pays") in item.tags.countries))


def cases_widget(module: str) -> widgets.VBox:
    """The module's scenarios written for one profession or country: the learner's own first (their profession and
    country, then one of the two), each with its rules in the feedback; the others folded under a button."""
    from .learner.buttons import button_style
    from .learner.fold import Fold

    activity.track(module)
    profile = learner_profile()
    cases = [item for item in bank().module(module).items
             if isinstance(item, Scenario) and (item.tags.professions or item.tags.countries)]
    ranked = sorted(cases, key=lambda item: -_closeness(item, profile))
    mine = [item for item in ranked if _closeness(item, profile)]
    others = [item for item in ranked if not _closeness(item, profile)]
    answers = activity.recorded_answers()

    def views(items) -> list:
        return [_fitted_view(item, answers) for item in items]

    if not profile.get("profession") and not profile.get("pays"):
        intro = ("Choisissez votre profession et votre pays sur la page d’accueil : les cas écrits pour vous "
                 "passeront en premier.")
        mine, others = cases, []
    elif mine:
        intro = f"Les cas écrits pour votre profil ({_profile_words(profile)}) viennent en premier."
    else:
        intro = f"Aucun cas n’est encore écrit pour votre profil ({_profile_words(profile)})."
    parts = [button_style(), widgets.HTML(french(f'<p class="cours-cas-intro">{intro}</p>')), *views(mine)]
    if others:
        titles = "".join(f"<li>{html.escape(item.title)}</li>" for item in others)
        parts.append(Fold(french(f"<p>Cas écrits pour d’autres professions ou d’autres pays :</p><ul>{titles}</ul>"),
                          lambda: views(others), f"Voir ces cas ({len(others)})", "Masquer ces cas"))
    box = widgets.VBox(parts)
    box.add_class("cours-cas-par-profil")
    return box


def _profile_words(profile: dict) -> str:
    return ", ".join(word for word in (PROFESSIONS.get(profile.get("profession")),
                                       COUNTRIES.get(profile.get("pays"))) if word)


def show_cases(module: str) -> None:
    """Display the module's cases written for a profession or a country, the learner's own first."""
    display(cases_widget(module))


def show_question(item_id: str) -> None:
    """Display one question or scenario of the bank, with immediate feedback."""
    display(question_widget(item_id))


def show_scenario(item_id: str) -> None:
    """Display a branching scenario (same as show_question, named for readability)."""
    item = self_paced_item(item_id)
    if not isinstance(item, Scenario):
        raise ValueError(f"« {item_id} » n'est pas un scénario (type : {item.kind})")
    display(question_widget(item_id))


def show_quiz(module: str, ids: list[str] | None = None) -> None:
    display(quiz_widget(module, ids))


def show_rules(theme_id: str) -> None:
    """The rules of one theme for the learner's profession and country (all of them before they choose)."""
    display(HTML(theme_html(bank().pathway.theme(theme_id), learner_profile(), load_sources())))


def show_profile() -> None:
    """Course home: choose (or change) one's profession and country."""
    from .learner.home import ProfileChooser

    display(ProfileChooser())


def progress_steps() -> list:
    """The learner's path as the progress table lists it: positioning test, modules 1 to 5, final test, each
    with the number of questions offered to this learner's profile (read again at each redraw)."""
    from .learner.path import path_steps

    return path_steps(bank(), learner_profile())


def progress_widget():
    from .learner.home import ProgressPanel

    return ProgressPanel(LearnerStore(), progress_steps)


def show_progress() -> None:
    """Course home: questions answered, test results and time measured, step by step; kept up to date while
    the learner works in other modules."""
    display(progress_widget())


def show_my_data() -> None:
    """Course home: where my data is, export it (JSON, CSV), erase it."""
    from .learner.home import MyDataPanel

    display(MyDataPanel())


def evaluation_widget(kind: str):
    from .learner.evaluation import EvaluationWidget

    modules = [module for module in bank().modules if module.evaluation == kind]
    if not modules:
        raise KeyError(f"Aucun test « {kind} » dans la banque (tests : positionnement, final).")
    activity.track(modules[0].number)
    module = replace(modules[0], items=tuple(shown(item) for item in modules[0].items))
    recording = _recording(module.items)
    return EvaluationWidget(module, bank().pathway, load_sources(), notes=_own_rules,
                            on_answer=recording["on_answer"])


def show_test(kind: str) -> None:
    """The positioning test (« positionnement ») or the final test (« final »)."""
    display(evaluation_widget(kind))


def show_satisfaction() -> None:
    from .learner.satisfaction import SatisfactionWidget

    display(SatisfactionWidget(bank().pathway.satisfaction))

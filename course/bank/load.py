"""Load and validate the whole quiz bank: quizzes/*.yml -> Bank, or a BankError listing every issue."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..paths import quizzes_dir
from ..sources import load_sources
from .consistency import consistency_issues
from .errors import BankError, BankIssue
from .collection import Bank
from .model import Module, Scenario
from .pathway import Pathway, load_pathway
from .schema_check import schema_issues
from .serialize import module_from_data
from .yaml_source import read_yaml


GRADED_DIR = "notees"
ITEMS_PER_OBJECTIVE = 3  # per objective, in each of the positioning and final tests


def bank_files(directory: Path, with_graded: bool = True) -> list[Path]:
    """Self-paced files (quizzes/*.yml), then graded ones (quizzes/notees/*.yml) unless with_graded is False.

    Graded items live in their own folder so that a learner's copy of the course can leave it out:
    their keys must never reach a learner."""
    return sorted(directory.glob("*.yml")) + (sorted((directory / GRADED_DIR).glob("*.yml")) if with_graded else [])


def load_bank(directory: Path | None = None, sources_csv: Path | None = None, with_graded: bool = True) -> Bank:
    """The validated bank; with_graded=False leaves quizzes/notees/ unread (a learner's kernel never needs it)."""
    directory = directory or quizzes_dir()
    known_sources = set(load_sources(sources_csv))
    pathway, issues = load_pathway(directory, known_sources)
    modules: list[Module] = []
    seen_ids: dict[str, str] = {}
    modules_seen: dict[tuple[str, bool], Path] = {}
    paths: dict[Module, Path] = {}
    files = bank_files(directory, with_graded)
    if not files:
        raise BankError([BankIssue(directory, None, "", "aucun fichier .yml dans ce dossier")])
    for path in files:
        document, found = read_yaml(path)
        issues += found
        if document is None:
            continue
        found = schema_issues(document)
        issues += found
        if found:
            continue
        graded = path.parent.name == GRADED_DIR and path.parent != directory
        number = (document.data["module"], graded)
        if number in modules_seen:
            issues.append(BankIssue(path, document.line_of(("module",)), "module",
                                    f"module « {number[0]} » déjà défini dans {modules_seen[number].name}"))
        modules_seen[number] = path
        found = consistency_issues(document, known_sources, seen_ids) + _pathway_issues(document, pathway)
        issues += found
        if not found:
            module = module_from_data(document.data, graded)
            issues += _scoring_issues(module, document)
            modules.append(module)
            paths[module] = path
    issues += _evaluation_issues(modules, pathway, paths)
    issues += _reuse_issues(modules, paths)
    if issues:
        raise BankError(issues)
    return Bank(tuple(modules), pathway)


def _pathway_issues(document, pathway: Pathway) -> list[BankIssue]:
    """Each objective and rule theme an item names must be defined in quizzes/parcours/."""
    objectives = {objective.id for objective in pathway.objectives}
    themes = {theme.id for theme in pathway.themes}
    found = []
    evaluation = document.data.get("evaluation")
    for index, item in enumerate(document.data["items"]):
        here = ("items", index)
        if "objectif" in item and item["objectif"] not in objectives:
            found.append(BankIssue(document.path, document.line_of(here + ("objectif",)), f"items[{index}].objectif",
                                   f"objectif « {item['objectif']} » inconnu (absent de parcours/objectifs.yml)"))
        measured = evaluation or document.path.parent.name == GRADED_DIR
        if measured and objectives and "objectif" not in item:
            found.append(BankIssue(document.path, document.line_of(here + ("id",)), f"items[{index}]",
                                   "dans un test de positionnement, un test final ou une évaluation notée, chaque "
                                   "question nomme son objectif (« objectif »)"))
        for rule_index, theme in enumerate(item.get("regles", [])):
            if theme not in themes:
                found.append(BankIssue(document.path, document.line_of(here + ("regles", rule_index)),
                                       f"items[{index}].regles[{rule_index}]",
                                       f"thème de règles « {theme} » inconnu (absent de parcours/regles.yml)"))
    return found


def _evaluation_issues(modules: list[Module], pathway: Pathway, paths: dict) -> list[BankIssue]:
    """The pre-test and the post-test each cover every objective, with different questions."""
    tests = {module.evaluation: module for module in modules if module.evaluation}
    if not tests:
        return []
    found = []
    for kind in ("positionnement", "final"):
        if kind not in tests:
            other = next(iter(tests.values()))
            found.append(BankIssue(paths[other], None, "evaluation", f"il manque le test « {kind} » qui lui répond"))
    for kind, module in tests.items():
        counts = Counter(item.tags.objective for item in module.items)
        for objective in pathway.objectives:
            if counts[objective.id] < ITEMS_PER_OBJECTIVE:
                found.append(BankIssue(paths[module], None, "items",
                                       f"le test « {kind} » n'a que {counts[objective.id]} question(s) sur l'objectif "
                                       f"« {objective.id} » (au moins {ITEMS_PER_OBJECTIVE} : deux questions ne "
                                       "suffisent pas à mesurer un objectif)"))
    if len(tests) == 2:
        prompts = {getattr(item, "prompt", "").strip(): item.id for item in tests["positionnement"].items}
        for item in tests["final"].items:
            if getattr(item, "prompt", "").strip() in prompts:
                found.append(BankIssue(paths[tests["final"]], None, "items",
                                       f"la question « {item.id} » reprend l'énoncé de « "
                                       f"{prompts[item.prompt.strip()]} » du test de positionnement"))
    return found


def _answer_texts(module: Module) -> dict[str, str]:
    """Normalised option and choice texts of a module, with the item they belong to."""
    texts = {}
    for item in module.items:
        entries = getattr(item, "options", ()) or [c for step in getattr(item, "steps", ()) for c in step.choices]
        for entry in entries:
            texts[" ".join(entry.text.lower().split()).rstrip(" .")] = item.id
    return texts


def _reuse_issues(modules: list[Module], paths: dict) -> list[BankIssue]:
    """An option of a test or a graded evaluation appears nowhere else: a learner who met it in practice (or
    read its correction in the positioning test) would recognise it rather than reason."""
    found = []
    for module in modules:
        if not (module.graded or module.evaluation):
            continue
        mine = _answer_texts(module)
        for other in modules:
            if other is module:
                continue
            for text, item_id in _answer_texts(other).items():
                if text in mine:
                    found.append(BankIssue(paths[module], None, "items",
                                           f"une option de « {mine[text]} » reprend mot pour mot une option de "
                                           f"« {item_id} » ({paths[other].name}) : « {text[:60]}… »"))
    return found


def _scoring_issues(module: Module, document) -> list[BankIssue]:
    """Scenario rules that need the scores: a best path worth points, endings that follow the path, and at
    least one choice that leads to another situation (not only to an exit)."""
    found = []
    for index, item in enumerate(module.items):
        if not isinstance(item, Scenario):
            continue
        line = document.line_of(("items", index, "id"))

        def issue(message: str) -> None:
            found.append(BankIssue(document.path, line, f"items[{index}]", f"scénario « {item.id} » : {message}"))

        if item.best_path_score <= 0:
            issue("aucun parcours ne rapporte de points (scores tous à 0)")
            continue
        for ending, message in ending_issues(item):
            found.append(BankIssue(document.path, document.line_of(
                ("items", index, "endings", [e.id for e in item.endings].index(ending), "id")),
                f"items[{index}].endings", f"scénario « {item.id} » : {message}"))
        if not branches(item):
            issue("aucun choix ne mène à une autre situation : chaque étape n'a qu'une étape suivante possible ; "
                  "faites mener au moins une erreur vers une étape qui en montre la suite")
    return found


def ending_issues(scenario: Scenario) -> list[tuple[str, str]]:
    """An ending reached by the best path must be reached by no other path: it would praise what was not done."""
    best = scenario.best_path_score
    by_ending: dict[str, list] = {}
    for path, total, ending in scenario.paths():
        by_ending.setdefault(ending, []).append((path, total))
    found = []
    for ending, reached in by_ending.items():
        worse = [path for path, total in reached if total < best]
        if worse and len(worse) < len(reached):
            found.append((ending, f"la fin « {ending} » conclut le meilleur parcours mais aussi {len(worse)} parcours "
                                  f"moins bons (par exemple {' → '.join(worse[0])}) : donnez-leur une autre fin"))
    return found


def branches(scenario: Scenario) -> bool:
    """Some step offers choices that lead to two different steps."""
    return any(len({choice.next for choice in step.choices if scenario.step(choice.next)}) >= 2
               for step in scenario.steps)

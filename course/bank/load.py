"""Load and validate the whole quiz bank: quizzes/*.yml -> Bank, or a BankError listing every issue."""

from __future__ import annotations

from pathlib import Path

from ..paths import quizzes_dir
from ..sources import load_sources
from .consistency import consistency_issues
from .errors import BankError, BankIssue
from .model import Bank, Module, Scenario
from .schema_check import schema_issues
from .serialize import item_from_data
from .yaml_source import read_yaml


GRADED_DIR = "notees"


def bank_files(directory: Path) -> list[Path]:
    """Self-paced files (quizzes/*.yml), then graded ones (quizzes/notees/*.yml).

    Graded items live in their own folder so that a learner's copy of the course can leave it out:
    their keys must never reach a learner."""
    return sorted(directory.glob("*.yml")) + sorted((directory / GRADED_DIR).glob("*.yml"))


def load_bank(directory: Path | None = None, sources_csv: Path | None = None) -> Bank:
    directory = directory or quizzes_dir()
    known_sources = set(load_sources(sources_csv))
    issues: list[BankIssue] = []
    modules: list[Module] = []
    seen_ids: dict[str, str] = {}
    modules_seen: dict[tuple[str, bool], Path] = {}
    files = bank_files(directory)
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
        found = consistency_issues(document, known_sources, seen_ids)
        issues += found
        if not found:
            module = _module(document.data, graded)
            issues += _scoring_issues(module, document)
            modules.append(module)
    if issues:
        raise BankError(issues)
    return Bank(tuple(modules))


def _scoring_issues(module: Module, document) -> list[BankIssue]:
    """A scenario whose best path scores 0 could never be graded."""
    return [BankIssue(document.path, document.line_of(("items", index, "id")), f"items[{index}]",
                      f"aucun parcours du scénario « {item.id} » ne rapporte de points (scores tous à 0)")
            for index, item in enumerate(module.items)
            if isinstance(item, Scenario) and item.best_path_score <= 0]


def _module(data: dict, graded: bool) -> Module:
    number = data["module"]
    items = tuple(item_from_data({**item, "graded": graded}, number) for item in data["items"])
    return Module(number, data["title"], items, graded)

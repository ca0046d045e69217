"""Load and validate the whole quiz bank: quizzes/*.yml -> Bank, or a BankError listing every issue."""

from __future__ import annotations

from pathlib import Path

from ..paths import quizzes_dir
from ..sources import load_sources
from .consistency import consistency_issues
from .errors import BankError, BankIssue
from .model import (Bank, Choice, ChoiceQuestion, Criterion, Ending, Module, OpenQuestion, Option,
                    Reference, Scenario, Step)
from .schema_check import schema_issues
from .yaml_source import read_yaml


def bank_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yml"))


def load_bank(directory: Path | None = None, sources_csv: Path | None = None) -> Bank:
    directory = directory or quizzes_dir()
    known_sources = set(load_sources(sources_csv))
    issues: list[BankIssue] = []
    modules: list[Module] = []
    seen_ids: dict[str, str] = {}
    modules_seen: dict[str, Path] = {}
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
        number = document.data["module"]
        if number in modules_seen:
            issues.append(BankIssue(path, document.line_of(("module",)), "module",
                                    f"module « {number} » déjà défini dans {modules_seen[number].name}"))
        modules_seen[number] = path
        found = consistency_issues(document, known_sources, seen_ids)
        issues += found
        if not found:
            module = _module(document.data)
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


def _module(data: dict) -> Module:
    number = data["module"]
    return Module(number, data["title"], tuple(_item(item, number) for item in data["items"]))


def _references(data: dict) -> tuple[Reference, ...]:
    return tuple(Reference(**reference) for reference in data["references"])


def _item(data: dict, module: str):
    common = dict(id=data["id"], module=module, explanation=data["explanation"],
                  references=_references(data))
    if data["kind"] == "open":
        return OpenQuestion(prompt=data["prompt"], rubric=tuple(Criterion(**c) for c in data["rubric"]), **common)
    points = data.get("points", 1)
    if data["kind"] == "scenario":
        steps = tuple(Step(step["id"], step["text"], tuple(Choice(**choice) for choice in step["choices"]))
                      for step in data["steps"])
        endings = tuple(Ending(**ending) for ending in data["endings"])
        return Scenario(title=data["title"], prompt=data["prompt"], start=data["start"], steps=steps,
                        endings=endings, points=points, **common)
    options = tuple(Option(o["id"], o["text"], o["feedback"], o.get("correct", False)) for o in data["options"])
    return ChoiceQuestion(kind=data["kind"], prompt=data["prompt"], options=options, points=points, **common)

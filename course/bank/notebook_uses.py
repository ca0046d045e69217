"""Does every question a learner notebook shows exist in the bank, as a self-paced item of the right kind?

A module file that lost questions still loads; its notebook would then stop at the first missing one with a
traceback. `cours verifier` reads the notebooks' calls (show_question, show_scenario, show_quiz) and names each
missing or misplaced question with its notebook, cell and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat

from .collection import Bank
from .model import Scenario

CALLS = {"show_question", "show_scenario", "show_quiz"}


def _calls(source: str):
    """(line, function name, literal arguments) of each show_* call of a cell; cells that are not Python are skipped."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS:
            try:
                arguments = [ast.literal_eval(argument) for argument in node.args]
            except ValueError:
                continue
            yield node.lineno, node.func.id, arguments


def notebook_issues(bank: Bank, notebooks: Path) -> list[str]:
    found = []
    for path in sorted(Path(notebooks).glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        for number, cell in enumerate(cells, start=1):
            if cell.cell_type != "code":
                continue
            for line, name, arguments in _calls(cell.source):
                where = f"{path.name}, cellule {number}, ligne {line}"
                if name == "show_quiz":
                    module, ids = (arguments + [None])[:2]
                    if module not in {m.number for m in bank.modules if not m.graded}:
                        found.append(f"{where} : aucun module « {module} » dans la banque")
                    ids = ids or []
                else:
                    ids = arguments[:1]
                for item_id in ids:
                    item = bank.items.get(item_id)
                    if item is None:
                        found.append(f"{where} : la question « {item_id} » n'existe pas dans la banque")
                    elif item.graded:
                        found.append(f"{where} : « {item_id} » est une question notée, jamais affichée en accès libre")
                    elif name == "show_scenario" and not isinstance(item, Scenario):
                        found.append(f"{where} : « {item_id} » n'est pas un scénario")
    return found

"""Errors in the quiz bank, located by file, line and field, worded in French."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class BankIssue:
    """One problem found in a bank file."""

    file: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.line is not None:
            where += f", ligne {self.line}"
        if self.field:
            where += f", champ « {self.field} »"
        return f"{where} : {self.message}"


class BankError(ValueError):
    """The bank is invalid; carries every issue found, not just the first."""

    def __init__(self, issues: list[BankIssue]):
        self.issues = issues
        count = len(issues)
        header = f"La banque de questions contient {count} erreur{'s' if count > 1 else ''} :"
        super().__init__("\n".join([header, *(f"- {issue}" for issue in issues)]))


def field_name(path: tuple) -> str:
    """('items', 0, 'options', 2, 'feedback') -> 'items[0].options[2].feedback'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text

"""What a learner reads, gathered for the text checks (typography, spelling, copying, coverage)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import yaml

REPO = Path(__file__).resolve().parent.parent
# Every notebook written in French: the learners' modules and the instructors' notebooks.
FRENCH_NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted((REPO / "formateur").glob("*.ipynb"))


# French pages for learners and instructors (Markdown), and their prose without the code blocks.
FRENCH_PAGES = sorted((REPO / "docs").glob("*.md")) + sorted((REPO / "formateur").glob("*.md"))


def page_prose(path: Path) -> str:
    import re

    return re.sub(r"```.*?```", " ", path.read_text(encoding="utf-8"), flags=re.S)


# The bank's module files, then the pathway files (objectives, rules by profession, satisfaction).
def french_bank_files() -> list[Path]:
    from course.bank.load import bank_files

    return bank_files(REPO / "quizzes") + sorted((REPO / "quizzes" / "parcours").glob("*.yml"))


def strings(data, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every string in a bank document (or item), except under the keys in skip."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [text for key, value in data.items() if key not in skip for text in strings(value, skip)]
    if isinstance(data, list):
        return [text for value in data for text in strings(value, skip)]
    return []


def bank_file_strings(path: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    return strings(yaml.safe_load(path.read_text(encoding="utf-8")), skip)


def markdown_cells(path: Path) -> list[str]:
    return [cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "markdown"]


# The French notices of the site's LMS adapter: each `var NAME = "…" + "…";` whose text is French prose.
LMS_ADAPTER = REPO / "course" / "site" / "lms.js"


def adapter_notices() -> dict[str, str]:
    import json
    import re

    notices = {}
    for name, parts in re.findall(r'var ([A-Z_]+) = ((?:"(?:[^"\\]|\\.)*"\s*\+?\s*)+);', LMS_ADAPTER.read_text("utf-8")):
        text = "".join(json.loads(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', parts))
        if " " in text and re.search(r"[éèàç]", text):
            notices[name] = text
    return notices

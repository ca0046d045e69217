"""What the manifest names: the course's title (the home page's first heading) and its modules (one resource each),
in the order the home page links them, the home page first. Read from the notebooks themselves: no second list to
keep by hand."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..site.notebooks import HOME, LEARNER_NOTEBOOKS


@dataclass(frozen=True)
class Module:
    """One notebook of the site, a resource of the package."""

    stem: str

    @property
    def notebook(self) -> str:
        return f"{self.stem}.ipynb"


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook, without its « # »."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            heading = re.search(r"^#+\s+(.+?)\s*$", "".join(cell["source"]), re.M)
            if heading:
                return heading.group(1)
    raise ValueError(f"{path} : aucun titre (ligne « # … ») dans le notebook")


def home_order(home: Path) -> list[str]:
    """The learner notebooks in the order the home page first links them, the home page first; a learner notebook
    the home page does not link comes last, in LEARNER_NOTEBOOKS' order."""
    text = "".join("".join(cell["source"]) for cell in json.loads(home.read_text(encoding="utf-8"))["cells"])
    linked = [match for match in re.findall(r"\]\(([\w-]+)\.ipynb\)", text) if match in LEARNER_NOTEBOOKS]
    order = [HOME.removesuffix(".ipynb")]
    for stem in linked + LEARNER_NOTEBOOKS:
        if stem not in order:
            order.append(stem)
    return order


def course_modules(notebooks: Path) -> tuple[str, list[Module]]:
    """The course's title (the home page's heading) and its modules, from the notebooks folder."""
    return notebook_title(notebooks / HOME), [Module(stem) for stem in home_order(notebooks / HOME)]

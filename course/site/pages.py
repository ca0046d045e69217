"""The course's pages a learner opens from the site, and the links that lead to them.

The site holds docs/donnees.md (linked under each chart) and docs/mes-donnees.md (linked from the home page) under
docs/ beside the notebooks. The course keeps its notebooks in notebooks/, so a notebook's link to ../docs/X becomes
docs/X on the site. A page's link to a page the site does not hold (an instructor's guide) keeps its words and
loses its address, and `broken_links` lists every relative link of the site's notebooks and pages that leads
nowhere, so that the build refuses a dead link rather than ship it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

LEARNER_PAGES = ("donnees.md", "mes-donnees.md")
PAGES_FOLDER = "docs"
#: A Markdown link: [words](address), the address without spaces.
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def is_relative(address: str) -> bool:
    """An address inside the site's files (not a web address, a mail, nor an anchor of the same page)."""
    return not re.match(r"[a-z][a-z0-9+.-]*:|#|/", address, re.I)


def site_markdown(text: str) -> str:
    """A notebook's Markdown as the site holds it: ../docs/X becomes docs/X (the notebooks are at the root)."""
    return text.replace(f"](../{PAGES_FOLDER}/", f"]({PAGES_FOLDER}/")


def site_page(text: str) -> str:
    """A page as the site holds it: a link to another page of the course the site does not hold keeps its words."""
    def keep_or_unlink(link: re.Match) -> str:
        words, address = link.groups()
        target = address.split("#")[0]
        if not is_relative(address) or target in LEARNER_PAGES:
            return link.group(0)
        return words

    return LINK.sub(keep_or_unlink, text)


def write_site_pages(docs: Path, files: Path) -> list[Path]:
    """LEARNER_PAGES from the course's docs/ into the site's files, under docs/."""
    dest = files / PAGES_FOLDER
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name in LEARNER_PAGES:
        target = dest / name
        target.write_text(site_page((docs / name).read_text(encoding="utf-8")), encoding="utf-8")
        written.append(target)
    return written


def markdown_texts(files: Path):
    """(file, Markdown) for each Markdown cell of the site's notebooks and each of its pages."""
    for path in sorted(files.rglob("*.md")):
        yield path, path.read_text(encoding="utf-8")
    for path in sorted(files.rglob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                yield path, "".join(cell["source"])


def broken_links(files: Path) -> list[str]:
    """« file → address » for each relative link of the site's Markdown that leads to no file of the site."""
    broken = []
    for path, text in markdown_texts(files):
        for _, address in LINK.findall(text):
            target = address.split("#")[0]
            if not is_relative(address) or not target:
                continue
            found = (path.parent / target).resolve()
            if not found.is_file() or files.resolve() not in found.parents:
                broken.append(f"{path.relative_to(files)} → {address}")
    return broken

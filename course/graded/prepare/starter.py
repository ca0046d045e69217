"""What `cours nbgrader creer` leaves beside the assignments so that the next commands of the documented path work
as written: the learners' file to fill in, the exchange folder, the cohort report notebook, and the next steps."""

from __future__ import annotations

import shutil
from pathlib import Path

from ...paths import course_root
from .build import update_moved_paths

LEARNERS_FILE = "apprenants.csv"
# nbgrader's own columns for `nbgrader db student import` (only `id` is required).
LEARNERS_COLUMNS = "id,first_name,last_name,email"
REPORT_NOTEBOOK = "rapport_de_cohorte.ipynb"
DEFAULT_EXCHANGE = "/usr/local/share/nbgrader/exchange"  # nbgrader's own default, shared by every account


def write_learners_file(root: Path) -> bool:
    """apprenants.csv with nbgrader's header only, if absent: one line per learner is added by the instructor."""
    path = Path(root) / LEARNERS_FILE
    if path.exists():
        return False
    path.write_text(LEARNERS_COLUMNS + "\n", encoding="utf-8")
    return True


def copy_report_notebook(root: Path) -> bool:
    """The cohort report notebook, into the course folder where the instructor's JupyterLab opens. A copy made
    before is kept (the instructor may have edited it), its imports brought up to date."""
    target = Path(root) / REPORT_NOTEBOOK
    source = course_root() / "formateur" / REPORT_NOTEBOOK
    if target.exists():
        update_moved_paths(target)
        return False
    if not source.exists():
        return False
    shutil.copyfile(source, target)
    return True


def set_exchange(root: Path, exchange: Path) -> None:
    """nbgrader's exchange for this course: created if needed, open to every account (nbgrader's own layout
    then keeps each learner's submissions apart), and written into nbgrader_config.py."""
    exchange = Path(exchange).expanduser().resolve()
    exchange.mkdir(parents=True, exist_ok=True)
    exchange.chmod(0o1777)  # like /tmp: everyone writes, nobody removes another's files
    config = Path(root) / "nbgrader_config.py"
    line = f"c.Exchange.root = {str(exchange)!r}"
    text = config.read_text(encoding="utf-8")
    comment = "# Dossier d'échange avec les apprenants (cours nbgrader creer --echange)."
    kept = [existing for existing in text.splitlines()
            if not existing.startswith("c.Exchange.root") and existing != comment]  # a second --echange replaces
    config.write_text("\n".join(kept + [comment, line]) + "\n", encoding="utf-8")


def exchange_of(root: Path) -> str:
    """The exchange folder nbgrader will use for this course."""
    for line in (Path(root) / "nbgrader_config.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("c.Exchange.root"):
            return line.split("=", 1)[1].strip().strip("'\"")
    return DEFAULT_EXCHANGE


def next_steps(root: Path, assignment: str) -> list[str]:
    """The documented path from here (README « Évaluations notées avec nbgrader »), in its order."""
    return [f"cd {root}",
            f"# complétez {LEARNERS_FILE} : une ligne par apprenant ({LEARNERS_COLUMNS} ; id = son compte)",
            f"nbgrader db student import {LEARNERS_FILE}",
            f"nbgrader generate_assignment {assignment}",
            f"nbgrader release_assignment {assignment}     # dans le dossier d'échange {exchange_of(root)}"]

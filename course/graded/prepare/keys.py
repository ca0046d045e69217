"""The instructor's keys: one JSON file per assignment in the course directory, never released.

nbgrader_config.py (written by `cours nbgrader creer`) puts the keys folder in $COURS_CLES, so only
the instructor's nbgrader process, and the kernels it starts, can find it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ...bank.serialize import item_from_data

KEYS_ENV = "COURS_CLES"
KEYS_DIR = "cles"
SEED_FILE = "graine-ordre.txt"


class MissingKey(RuntimeError):
    """The grading cell cannot find the key: an instructor-side problem, reported loudly."""


def key_file(keys_dir: Path, assignment: str) -> Path:
    return Path(keys_dir) / f"{assignment}.json"


def write_keys(keys_dir: Path, assignment: str, keys: dict[str, dict]) -> Path:
    path = key_file(keys_dir, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"assignment": assignment, "items": keys}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path


def order_seed(keys_dir: Path) -> str:
    """The course's seed for the order of options in released notebooks: drawn once, kept beside the keys
    (so rebuilding gives the same notebooks), never released (the order would then tell nothing more)."""
    from ...bank.order import new_seed

    path = Path(keys_dir) / SEED_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        Path(keys_dir).chmod(0o700)
        path.write_text(new_seed() + "\n", encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def read_keys(keys_dir: Path, assignment: str) -> dict[str, dict]:
    path = key_file(keys_dir, assignment)
    return json.loads(path.read_text(encoding="utf-8"))["items"] if path.exists() else {}


def key_item(item_id: str):
    """The keyed item for the assignment being graded (the folder nbgrader runs the notebook in)."""
    keys_dir = os.environ.get(KEYS_ENV)
    if not keys_dir:
        raise MissingKey("clés introuvables : nbgrader n'a pas été lancé avec le nbgrader_config.py du cours")
    assignment = Path.cwd().name
    keys = read_keys(Path(keys_dir), assignment)
    if item_id not in keys:
        raise MissingKey(f"pas de clé pour « {item_id} » dans {key_file(Path(keys_dir), assignment)}")
    return item_from_data(keys[item_id], module="")

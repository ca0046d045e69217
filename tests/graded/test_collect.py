"""What a learner leaves in their inbound folder after submitting never reaches the course: with the real nbgrader
CLI and the exchange the course deploys, collect takes only regular files. A link to another learner's answers
or to the instructor's keys, a device, a named pipe, an inbound folder that is itself a link: each is left out,
reported in French with the learner's name, and scores nothing."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from course.graded.prepare.keys import KEYS_DIR

from .conftest import ASSIGNMENT, COURSE_ID, create_course, make_exchange, nbgrader, released, run

ANSWERS = f"{ASSIGNMENT}.reponses.json"
RIGHT = {"essai-single": "a", "essai-multiple": ["esanum", "medpics"], "essai-scenario": ["refuser", "rediriger"]}


def submit(tmp_path: Path, exchange: Path, student: str, answers: dict | None) -> Path:
    """The learner fetches, answers (or not) and submits; returns their inbound folder in the exchange."""
    home = tmp_path / "apprenants" / student
    home.mkdir(parents=True)
    flags = (f"--course={COURSE_ID}", f"--Exchange.root={exchange}")
    nbgrader("fetch_assignment", ASSIGNMENT, *flags, cwd=home)
    if answers is not None:
        document = {"format": "cours-reponses", "version": 1, "answers": released(answers)}
        (home / ASSIGNMENT / ANSWERS).write_text(json.dumps(document), encoding="utf-8")
    nbgrader("submit", ASSIGNMENT, *flags, f"--student={student}", cwd=home)
    [inbound] = (exchange / COURSE_ID / "inbound").glob(f"{student}+{ASSIGNMENT}+*")
    return inbound


def test_collect_takes_only_the_regular_files_a_learner_handed_in(tmp_path):
    course_dir, exchange = create_course(tmp_path), make_exchange(tmp_path)
    for student in ("ana", "mallory", "oscar"):
        nbgrader("db", "student", "add", student, cwd=course_dir)
    nbgrader("generate_assignment", ASSIGNMENT, cwd=course_dir)
    nbgrader("release_assignment", ASSIGNMENT, f"--Exchange.root={exchange}", cwd=course_dir)
    ana = submit(tmp_path, exchange, "ana", RIGHT)
    mallory = submit(tmp_path, exchange, "mallory", None)
    oscar = submit(tmp_path, exchange, "oscar", None)
    # After submitting, Mallory still owns her inbound folder: she points it at Ana's answers and at the key.
    key = course_dir / KEYS_DIR / f"{ASSIGNMENT}.json"
    (mallory / ANSWERS).symlink_to(ana / ANSWERS)
    (mallory / "cle.json").symlink_to(key)
    (mallory / "rien").symlink_to("/dev/null")
    os.mkfifo(mallory / "tube")  # a reader that opened it would wait forever
    # Oscar replaces his whole inbound folder by a link to Ana's.
    oscar.rename(oscar.with_name("dossier-vide-d-oscar"))
    oscar.symlink_to(ana, target_is_directory=True)

    nbgrader("collect", ASSIGNMENT, f"--Exchange.root={exchange}", "--CollectApp.check_owner=False", cwd=course_dir)

    submitted = course_dir / "submitted"
    assert json.loads((submitted / "ana" / ASSIGNMENT / ANSWERS).read_text())["answers"]  # honest work collected
    kept = {path.name for path in (submitted / "mallory" / ASSIGNMENT).iterdir()}
    assert f"{ASSIGNMENT}.ipynb" in kept and not kept & {ANSWERS, "cle.json", "rien", "tube"}
    assert not any((submitted / "oscar" / ASSIGNMENT).iterdir())
    secret = key.read_text(encoding="utf-8")
    for path in submitted.rglob("*"):
        assert path.is_dir() or not path.is_symlink() and secret not in path.read_text(errors="replace"), path

    run([sys.executable, "-m", "course", "nbgrader", "corriger", ASSIGNMENT], cwd=course_dir, check=False)
    bilan = run([sys.executable, "-m", "course", "nbgrader", "bilan", ASSIGNMENT], cwd=course_dir,
                check=False).stdout.replace("\u00a0", " ")
    lines = {line.split(" : ")[0]: line for line in bilan.splitlines() if " : " in line}
    assert lines["ana"].startswith("ana : 6 /")
    assert f"« {ANSWERS} » est un lien symbolique" in lines["mallory"]
    assert "« cle.json » est un lien symbolique" in lines["mallory"]
    assert "« tube » n'est pas un fichier ordinaire" in lines["mallory"]
    assert lines["mallory"].startswith("mallory : 0 /")  # Ana's answers did not become hers
    assert "le dossier remis est un lien" in lines["oscar"] and not lines["oscar"].startswith("oscar : 6")


def test_a_course_made_before_gets_the_safe_collect_when_creer_runs_again(tmp_path):
    from course.graded.prepare.build import SAFE_COLLECT

    course_dir = create_course(tmp_path)
    config = course_dir / "nbgrader_config.py"
    assert SAFE_COLLECT in config.read_text()
    config.write_text(config.read_text().replace(SAFE_COLLECT, ""))  # as `creer` wrote it before this change
    run([sys.executable, "-m", "course", "nbgrader", "creer", str(course_dir), "--id-cours", COURSE_ID,
         "--banque", str(tmp_path / "banque")], cwd=tmp_path)
    assert config.read_text().count(SAFE_COLLECT) == 1

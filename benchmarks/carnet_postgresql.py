"""Benchmark: the gradebook on SQLite (nbgrader's default) against PostgreSQL, with more and more parallel
workers of `cours nbgrader corriger`, on fresh copies of the same submissions, in one run.

For each number of workers it prints seconds per submission, the learners left without a grade at the end of
the run (each listed by the command with its reason, never silently) and how many hit a database error.
Needs Debian's PostgreSQL (the script starts and stops a private server on loopback). Usage:

    .venv/bin/python benchmarks/carnet_postgresql.py [NOMBRE_DE_COPIES] [--processus 4,12,24]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from graded.conftest import ASSIGNMENT, create_course, nbgrader  # noqa: E402
from graded.postgres import postgres_server  # noqa: E402
from graded.test_bad_submissions import RIGHT, answers_file, exported_scores, submit_cases  # noqa: E402

DATABASE_ERRORS = ("database is locked", "could not connect", "OperationalError", "deadlock")


def cases(count: int) -> dict:
    return {f"apprenant-{n:03d}": (answers_file(RIGHT if n % 2 else {"essai-single": "a"}), None, None)
            for n in range(count)}


def grade(root: Path, workers: int) -> tuple[float, int]:
    """Seconds, and lines of the command's report that name a database error."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "course", "nbgrader", "corriger", ASSIGNMENT,
                             f"--processus={workers}"], cwd=root, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return seconds, sum(1 for line in result.stderr.splitlines() if any(error in line for error in DATABASE_ERRORS))


def main() -> int:
    parser = argparse.ArgumentParser(description="Carnet de notes : SQLite contre PostgreSQL, selon le nombre "
                                                 "de processus de correction.")
    parser.add_argument("copies", type=int, nargs="?", default=60)
    parser.add_argument("--processus", default="4,12,24")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="banc-carnet-"))
    submissions = cases(args.copies)
    print(f"{args.copies} copies ({os.cpu_count()} cœurs)")
    with postgres_server() as server:
        for workers in (int(n) for n in args.processus.split(",")):
            for base in ("SQLite", "PostgreSQL"):
                folder = work / f"{base}-{workers}"
                db_url = server.create_database(f"notes_{workers}") if base == "PostgreSQL" else None
                root = create_course(folder, db_url)
                nbgrader("generate_assignment", ASSIGNMENT, cwd=root)
                submit_cases(root, submissions)
                seconds, errors = grade(root, workers)
                missing = len(set(submissions) - set(exported_scores(root)))
                report = subprocess.run([sys.executable, "-m", "course", "nbgrader", "bilan", ASSIGNMENT], cwd=root,
                                        capture_output=True, text=True)
                not_graded = sum(1 for line in (report.stdout + report.stderr).splitlines()
                                 if "— non noté" in line)
                print(f"  {workers:2d} processus, {base:10s} : {seconds / args.copies:.2f} s/copie ; "
                      f"sans note à la fin : {not_graded + missing} ; lignes d'erreur de base : {errors}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

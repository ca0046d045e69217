"""Benchmark: plain `nbgrader autograde` (one process, default settings) against `cours nbgrader corriger`,
on fresh copies of the same course directory with the same generated submissions, in one run.

Prints seconds per submission for both, the ratio, the CPU per submission split between the nbgrader
processes and the kernels (the zygote that forks them counts as kernel time), and checks that every grade is identical and that no learner is missing. Usage:

    .venv/bin/python benchmarks/autograde_cohorte.py [NOMBRE_DE_COPIES] [--processus N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from graded.conftest import ASSIGNMENT, create_course, nbgrader  # noqa: E402
from graded.test_bad_submissions import CASES, exported_scores, submit_cases  # noqa: E402

CHOICES = {"essai-single": ["a", "b"], "essai-multiple": [["a", "b"], ["a"], ["c"], ["a", "c"]],
           "essai-scenario": [["b", "b"], ["a", "b"], ["a", "a"], ["b"]]}


def generated_cases(count: int, seed: int = 2026) -> dict:
    """Right, wrong, partial and missing answers, plus each bad-submission kind once."""
    rng = random.Random(seed)
    cases = {f"bad-{name}": case for name, case in CASES.items()}
    for index in range(max(0, count - len(cases))):
        answers = {item: rng.choice(options) for item, options in CHOICES.items() if rng.random() > 0.1}
        text = json.dumps({"format": "cours-reponses", "version": 1, "answers": answers})
        cases[f"apprenant-{index:03d}"] = (text if rng.random() > 0.05 else None, None, None)
    return cases


# Plain nbgrader, run in a process that writes down, as it exits, the CPU its kernels used (its children).
PLAIN_NBGRADER = """
import atexit, resource, runpy, sys
from course.graded.mark.zygote import record_cpu
def kernels():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    record_cpu("noyaux", usage.ru_utime + usage.ru_stime, 0)
atexit.register(kernels)
sys.argv = ["nbgrader", *sys.argv[1:]]
runpy.run_module("nbgrader", run_name="__main__")
"""


def timed(command: list[str], cwd: Path, ledger: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of everything the command started, and the kernels' part of it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "COURS_RELEVE_CPU": str(ledger)}
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [json.loads(line) for line in ledger.read_text(encoding="utf-8").splitlines()] if ledger.exists() else []
    kernels = sum(line["cpu"] for line in lines if line["role"] in ("noyaux", "zygote"))
    return wall, total, kernels


def main() -> int:
    parser = argparse.ArgumentParser(description="Correction d'une cohorte : nbgrader seul contre « cours ».")
    parser.add_argument("copies", type=int, nargs="?", default=200)
    parser.add_argument("--processus", type=int, default=0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="banc-correction-"))
    cases = generated_cases(args.copies)
    template = create_course(work / "modele")
    nbgrader("generate_assignment", ASSIGNMENT, cwd=template)
    submit_cases(template, cases)
    results = {}
    for name, command in (("nbgrader autograde", [sys.executable, "-c", PLAIN_NBGRADER, "autograde", ASSIGNMENT]),
                          ("cours nbgrader corriger", [sys.executable, "-m", "course", "nbgrader", "corriger",
                                                       ASSIGNMENT] + ([f"--processus={args.processus}"]
                                                                      if args.processus else []))):
        root = work / name.split()[0]
        shutil.copytree(template, root)
        wall, cpu, kernels = timed(command, root, work / f"{name.split()[0]}.cpu")
        results[name] = (wall, cpu, kernels, exported_scores(root))
    (plain_wall, *_, plain), (ours_wall, *_, ours) = results.values()
    count = len(cases)
    print(f"{count} copies ({os.cpu_count()} cœurs)")
    for name, (wall, cpu, kernels, _) in results.items():
        print(f"  {name:26s} {wall / count:.2f} s/copie ({wall:.0f} s au total) ; CPU {cpu / count:.2f} s/copie "
              f"= {(cpu - kernels) / count:.2f} s nbgrader + {kernels / count:.2f} s noyaux")
    print(f"  rapport : {plain_wall / ours_wall:.2f} fois plus rapide")
    identical = plain == ours
    missing = set(cases) - set(ours)
    print(f"  notes identiques : {'oui' if identical else 'NON'} ; apprenants absents de l'export : {len(missing)}")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if identical and not missing else 1


if __name__ == "__main__":
    sys.exit(main())

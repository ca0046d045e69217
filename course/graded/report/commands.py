"""`cours nbgrader rapport` and `formation`, each as a function of the same name: course/cli.py defines their options
(in French) and calls them with the parsed arguments; each returns the exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...typography import french


def rapport(args: argparse.Namespace) -> int:
    from .analysis import cohort_report, summary_lines
    from .exports import write_exports

    report = cohort_report(Path(args.dossier), args.devoir)
    folder = Path(args.sortie or Path(args.dossier) / "rapports" / args.devoir)
    for path in write_exports(report, folder):
        print(french(f"Écrit : {path}"))
    for line in summary_lines(report):
        print(line)
    for warning in report.warnings:  # small cohort; written answers not yet in the Moodle totals
        print(warning, file=sys.stderr)
    return 0


def formation(args: argparse.Namespace) -> int:
    from .training_exports import write_training_exports
    from .training_report import summary_lines, training_report

    root = Path(args.dossier)
    report = training_report(root)
    for path in write_training_exports(report, Path(args.sortie or root / "rapports" / "formation")):
        print(french(f"Écrit : {path}"))
    for line in summary_lines(report):
        print(line)
    return 0

"""`cours nbgrader corriger`, `bilan` and `reparer`, each as a function of the same name: course/cli.py defines their
options (in French) and calls them with the parsed arguments; each returns the exit status."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ...typography import french


def corriger(args: argparse.Namespace) -> int:
    from .cohort import GradingInProgress, assignment_lock, autograde_cohort, students_to_grade
    from .records import assignment_records

    root = Path(args.dossier)
    started = time.perf_counter()
    try:
        with assignment_lock(root, args.devoir):
            plan = students_to_grade(root.resolve(), args.devoir, again=args.apprenant, everyone=args.tout)
            unknown = sorted(set(args.apprenant) - set(plan.todo + plan.redo))
            for student in unknown:
                print(french(f"{student} : aucune copie remise pour {args.devoir}, rien à recorriger."),
                      file=sys.stderr)
            for student in plan.resubmitted:
                print(french(f"{student} : copie remise à nouveau depuis sa note, corrigée de nouveau."))
            for student in plan.hand_graded:
                print(french(f"{student} : les points donnés à la main sont gardés, mais la copie a été corrigée de "
                             "nouveau : relisez ses réponses rédigées dans le formgrader (« needs manual grade »)."))
            outcomes = autograde_cohort(root, args.devoir, workers=args.processus, plan=plan)
    except GradingInProgress as holder:
        print(french(f"Une correction de {args.devoir} est déjà en cours ({holder}). Attendez sa fin, puis "
                     "relancez si besoin : ce qui est déjà noté ne sera pas recorrigé."), file=sys.stderr)
        return 3
    elapsed = time.perf_counter() - started
    if outcomes:
        pace = f"{elapsed / len(outcomes):.2f}".replace(".", ",")
        print(french(f"{len(outcomes)} copie(s) corrigée(s) en {elapsed:.0f} s ({pace} s par copie)."))
    else:
        print(french("Rien à corriger : toutes les copies remises sont déjà notées, aucune n’a été remise à "
                     "nouveau depuis. Pour corriger de nouveau : --apprenant ID, ou --tout."))
    failed = {outcome.student: outcome for outcome in outcomes if not outcome.ok}
    for outcome in outcomes:
        if outcome.ok and outcome.first_try:
            print(french(f"{outcome.student} : noté au second essai (premier essai : {outcome.first_try[0]})"),
                  file=sys.stderr)
    records = assignment_records(root, args.devoir)
    missing = [record for record in records if record.status in ("non noté",)]
    for record in missing:
        print(record.line(), file=sys.stderr)
        outcome = failed.get(record.student)
        for error in outcome.errors if outcome else []:
            print(f"    {error}", file=sys.stderr)
        if outcome and outcome.transient:  # nbgrader's own words may blame the database's version
            print(french(f"    Incident passager (base de notes ou noyau indisponible, deux essais) : relancez "
                         f"« cours nbgrader corriger {args.devoir} », qui ne corrigera que les copies sans note."),
                  file=sys.stderr)
    print(french(f"Bilan : {sum(r.status == 'noté' for r in records)} noté(s), "
                 f"{sum(r.status == 'à corriger à la main' for r in records)} à corriger à la main, "
                 f"{len(missing)} non noté(s), {sum(r.status == 'aucune copie' for r in records)} sans copie."))
    return 1 if missing else 0


def bilan(args: argparse.Namespace) -> int:
    from .records import assignment_records

    records = assignment_records(Path(args.dossier), args.devoir)
    for record in records:
        print(record.line())
    missing = [record for record in records if record.status == "non noté"]
    counts = {status: sum(1 for r in records if r.status == status)
              for status in ("noté", "à corriger à la main", "non noté", "aucune copie")}
    print(french("Bilan : " + ", ".join(f"{status} : {count}" for status, count in counts.items()) + "."))
    if missing:
        print(french("Des copies n'ont pas de note : lancez « cours nbgrader reparer "
                     f"{args.devoir} », qui indique quoi relancer."),
              file=sys.stderr)
    return 1 if missing else 0


def reparer(args: argparse.Namespace) -> int:
    from .records import repair_submissions

    done = repair_submissions(Path(args.dossier), args.devoir)
    for line in done:
        print(line)
    if not done:
        print("Aucune copie à réparer.")
        return 0
    students = sorted({line.split("\u00a0")[0] for line in done})
    print(french("Relancez la correction de ces copies :"))
    for student in students:
        print(f"  nbgrader autograde {args.devoir} --force --student={student}")
    return 0

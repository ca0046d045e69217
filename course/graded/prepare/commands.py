"""`cours nbgrader creer`, as a function of the same name: course/cli.py defines its options (in French) and calls it
with the parsed arguments; it returns the exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...typography import french


def creer(args: argparse.Namespace) -> int:
    from ...bank import BankError, load_bank
    from .build import ReleasedQuestionChanged, build_course
    from .starter import (LEARNERS_FILE, REPORT_NOTEBOOK, copy_report_notebook, exchange_of, next_steps,
                          set_exchange, write_learners_file)

    root = Path(args.dossier)
    try:
        bank = load_bank(Path(args.banque) if args.banque else None)
        report = build_course(root, bank, args.id_cours, force=args.forcer, db_url=args.base)
    except BankError as error:
        print(french(str(error)), file=sys.stderr)
        return 1
    except ReleasedQuestionChanged as error:
        print(str(error), file=sys.stderr)
        return 3
    if report.config_written:
        print(french(f"Configuration écrite : {root / 'nbgrader_config.py'}"))
    for name in report.changed_after_release:
        print(french(f"Attention : {name} était déjà distribué ; régénérez et redistribuez-le (--force)."))
    if not report.assignments:
        print(french("Aucune question notée (dossier quizzes/notees/) dans la banque : aucun devoir créé."))
        return 1
    print(french(f"Devoirs prêts dans {root / 'source'} : {', '.join(report.assignments)}."))
    if not args.banque and any(module.graded for module in bank.modules):
        print(french("Attention : les questions notées viennent de quizzes/notees/ du dépôt, qui est public : "
                     "quiconque a le dépôt peut en lire les réponses. Pour une vraie session, écrivez vos questions "
                     "notées dans une banque privée et passez-la avec --banque."), file=sys.stderr)
    if write_learners_file(root):
        print(french(f"Fichier des apprenants à compléter : {root / LEARNERS_FILE}"))
    if copy_report_notebook(root):
        print(french(f"Carnet du rapport de cohorte : {root / REPORT_NOTEBOOK}"))
    if args.echange:
        set_exchange(root, Path(args.echange))
    exchange = exchange_of(root)
    print(french(f"Dossier d’échange avec les apprenants : {exchange}"))
    if not Path(exchange).is_dir():
        print(french("Attention : ce dossier n’existe pas encore ; nbgrader devra pouvoir le créer à la distribution "
                     "(droits d’administrateur), sinon choisissez-en un avec --echange."), file=sys.stderr)
    graded = [f"quiz-{module.number}" for module in bank.modules if module.graded]
    print(french("Étapes suivantes :"))
    for step in next_steps(root, graded[0] if graded else report.assignments[0]):
        print(f"  {step}")
    return 0

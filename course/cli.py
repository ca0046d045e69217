"""The `cours` command (French): checks of the bank and the data; instructor tools come here too."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .typography import french


def _check(args: argparse.Namespace) -> int:
    from .bank import BankError, load_bank
    from .stats import StatsError, load_figures

    quizzes = Path(args.dossier) / "quizzes" if args.dossier else None
    data = Path(args.dossier) / "data" if args.dossier else None
    try:
        bank = load_bank(quizzes, data / "sources.csv" if data else None)
        figures = load_figures(data / "chiffres.csv" if data else None, data / "sources.csv" if data else None)
    except (BankError, StatsError) as error:
        print(french(str(error)), file=sys.stderr)
        return 1
    from .bank.notebook_uses import notebook_issues
    from .paths import notebooks_dir

    missing = notebook_issues(bank, Path(args.dossier) / "notebooks" if args.dossier else notebooks_dir())
    if missing:
        print(french("\n".join(["Des notebooks affichent des questions absentes de la banque :",
                                 *(f"- {issue}" for issue in missing)])), file=sys.stderr)
        return 1
    count = len(bank.items)
    print(french(f"Banque valide : {len(bank.modules)} module(s), {count} question(s) ; "
                 f"{len(figures)} chiffre(s) sourcé(s)."))
    return _check_cues(bank)


def _check_cues(bank) -> int:
    """Figures of the cues a test-wise learner would use, per file; exit status 1 past a threshold."""
    from .bank.quality import module_quality

    failed = False
    print(french("Indices de réponse, fichier par fichier (seuils dans course/bank/quality.py) :"))
    for module in bank.modules:
        quality = module_quality(module)
        name = f"module {module.number}" + (" (évaluation notée)" if module.graded else "")
        print(french(f"- {name} : {quality.summary()}"))
        if quality.fixed_order:
            print(french(f"  ordre fixe (non mélangé) : {', '.join(quality.fixed_order)}"))
        for problem in quality.problems():
            failed = True
            print(french(f"  ✘ {problem}"), file=sys.stderr)
    if failed:
        print(french("La banque donne des indices de réponse : corrigez les options signalées."), file=sys.stderr)
    return 1 if failed else 0


class _FrenchHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix=french("utilisation : ") if prefix is None else prefix)


_ARGPARSE_WORDS = [("the following arguments are required:", "arguments obligatoires manquants :"),
                   ("unrecognized arguments:", "arguments inconnus :"), ("invalid choice:", "choix invalide :"),
                   ("choose from", "choix possibles"), ("expected one argument", "une valeur est attendue"),
                   ("argument", "argument")]


class _FrenchParser(argparse.ArgumentParser):
    def error(self, message: str):
        for english, translated in _ARGPARSE_WORDS:
            message = message.replace(english, translated)
        self.print_usage(sys.stderr)
        self.exit(2, french(f"{self.prog} : erreur : {message}\n"))


def _french_parser(parent, name=None, **options) -> argparse.ArgumentParser:
    """A parser whose own words (usage, -h) are French too."""
    options.update(formatter_class=_FrenchHelp, add_help=False)
    made = parent.add_parser(name, **options) if name else _FrenchParser(**options)
    made._optionals.title = "options"
    made._positionals.title = "arguments"
    made.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    return made


def _create_course(args: argparse.Namespace) -> int:
    from .bank import BankError, load_bank
    from .graded.prepare.build import ReleasedQuestionChanged, build_course
    from .graded.prepare.starter import (LEARNERS_FILE, REPORT_NOTEBOOK, copy_report_notebook, exchange_of,
                                         next_steps, set_exchange, write_learners_file)

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


def _learner_copy(args: argparse.Namespace) -> int:
    from .learner_copy import NotALearnerCopy, learner_copy

    try:
        made = learner_copy(Path(args.dossier))
    except NotALearnerCopy as error:
        print(french(str(error)), file=sys.stderr)
        return 2
    print(french(f"Copie des apprenants prête dans {made.resolve()} (sans questions notées)."))
    return 0


def _report(args: argparse.Namespace) -> int:
    from .graded.mark.records import assignment_records

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


def _repair(args: argparse.Namespace) -> int:
    from .graded.mark.records import repair_submissions

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


def _autograde(args: argparse.Namespace) -> int:
    from .graded.mark.cohort import GradingInProgress, assignment_lock, autograde_cohort, students_to_grade
    from .graded.mark.records import assignment_records

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
    print(french(f"Bilan : {sum(r.status == 'noté' for r in records)} noté(s), "
                 f"{sum(r.status == 'à corriger à la main' for r in records)} à corriger à la main, "
                 f"{len(missing)} non noté(s), {sum(r.status == 'aucune copie' for r in records)} sans copie."))
    return 1 if missing else 0


def _cohort_report(args: argparse.Namespace) -> int:
    from .graded.report.analysis import cohort_report, summary_lines
    from .graded.report.exports import write_exports

    report = cohort_report(Path(args.dossier), args.devoir)
    folder = Path(args.sortie or Path(args.dossier) / "rapports" / args.devoir)
    for path in write_exports(report, folder):
        print(french(f"Écrit : {path}"))
    for line in summary_lines(report):
        print(line)
    for warning in report.warnings:  # small cohort; written answers not yet in the Moodle totals
        print(warning, file=sys.stderr)
    return 0


def _attestations(args: argparse.Namespace) -> int:
    import json

    from .graded.certify.attestation import attestation_html, issue_attestations
    from .graded.prepare.build import OBJECTIVES_FILE
    from .graded.prepare.keys import KEYS_DIR
    from .graded.prepare.organiser import OrganiserError, load_organiser, missing_fields

    root = Path(args.dossier)
    try:
        organiser = load_organiser(root)
    except OrganiserError as error:
        print(french(str(error)), file=sys.stderr)
        return 2
    for flag, key in (("titre", "titre"), ("organisme", "organisme"), ("seuil", "seuil_reussite")):
        if getattr(args, flag) is not None:
            organiser[key] = getattr(args, flag)
    missing = missing_fields(organiser)
    if missing:
        print(french(f"À renseigner dans {root / 'formation.yml'} (absent des attestations en attendant) : "
                     + ", ".join(missing) + "."), file=sys.stderr)
    result = issue_attestations(root, args.devoir, float(organiser["seuil_reussite"]), organiser=organiser)
    made = result.made
    objectives_path = root / KEYS_DIR / OBJECTIVES_FILE
    objectives = ([o["texte"] for o in json.loads(objectives_path.read_text(encoding="utf-8"))]
                  if objectives_path.exists() else [])
    folder = Path(args.sortie or root / "attestations" / args.devoir)
    folder.mkdir(parents=True, exist_ok=True)
    for item in made:
        path = folder / f"{item.student}.html"
        path.write_text(attestation_html(item, organiser, objectives), encoding="utf-8")
        print(french(f"{item.student} : {path.name} (identifiant {item.identifier})"))
    for line in result.lines():  # every learner without an attestation and why, then the pass mark's notice
        print(line, file=sys.stderr)
    print(french(f"{len(made)} attestation(s) dans {folder}."))
    return 0


def _training_report(args: argparse.Namespace) -> int:
    from .graded.report.training_exports import write_training_exports
    from .graded.report.training_report import summary_lines, training_report

    root = Path(args.dossier)
    report = training_report(root)
    for path in write_training_exports(report, Path(args.sortie or root / "rapports" / "formation")):
        print(french(f"Écrit : {path}"))
    for line in summary_lines(report):
        print(line)
    return 0


def _verify_attestation(args: argparse.Namespace) -> int:
    from .graded.certify.attestation import check_attestation

    verdict = check_attestation(Path(args.dossier), args.devoir, args.identifiant)
    for line in verdict.lines:
        print(line, file=sys.stdout if verdict.valid else sys.stderr)
    return verdict.status


def _assignment_command(commands, name: str, summary: str, description: str, run) -> argparse.ArgumentParser:
    """A `cours nbgrader` command about one assignment of the nbgrader course in --dossier."""
    command = _french_parser(commands, name, help=summary, description=french(description))
    command.add_argument("devoir", help="identifiant du devoir (ex. quiz-06)")
    command.add_argument("--dossier", default=".", help="dossier du cours nbgrader (par défaut : dossier courant)")
    command.set_defaults(run=run)
    return command


def parser() -> argparse.ArgumentParser:
    main = _french_parser(None, prog="cours", description=french(
        "Outils de la formation « Réseaux sociaux et professionnels de santé »."))
    commands = main.add_subparsers(title="commandes", dest="command", required=True, metavar="COMMANDE",
                                   parser_class=_FrenchParser)
    check = _french_parser(commands, "verifier", help="vérifier la banque de questions et les données",
                           description=french("Vérifie quizzes/*.yml et data/*.csv ; chaque erreur indique "
                                              "le fichier, la ligne et le champ."))
    check.add_argument("--dossier", help="dossier de la formation (par défaut : celui du dépôt)")
    check.set_defaults(run=_check)
    copy = _french_parser(commands, "copie-apprenants", help="préparer la copie du cours pour les apprenants",
                          description=french(
                              "Écrit dans DOSSIER le cours tel que les apprenants le reçoivent sur un serveur "
                              "partagé : notebooks/, quizzes/ sans les questions notées (quizzes/notees/) et data/, "
                              "lisibles par tous, modifiables par le seul propriétaire. Donnez ce dossier aux "
                              "apprenants avec COURSE_ROOT."))
    copy.add_argument("dossier", help="dossier de la copie (remplacé s'il existe)")
    copy.set_defaults(run=_learner_copy)
    graded = _french_parser(commands, "nbgrader", help="préparer les évaluations notées (nbgrader)",
                            description="Évaluations notées avec nbgrader.")
    graded_commands = graded.add_subparsers(title="commandes", dest="graded_command", required=True,
                                            metavar="COMMANDE", parser_class=_FrenchParser)
    create = _french_parser(graded_commands, "creer", help="créer ou mettre à jour un dossier de cours nbgrader",
                            description=french(
                                "Crée (ou met à jour) un dossier de cours nbgrader : nbgrader_config.py, "
                                "source/quiz-NN/quiz-NN.ipynb pour chaque fichier de questions notées (quizzes/notees/), "
                                "pour le test de positionnement (quiz-00) et le test final (quiz-07), "
                                "source/satisfaction/ pour le questionnaire, les clés de correction et les objectifs "
                                "dans cles/ (jamais distribués), et formation.yml (renseignements de l'organisme "
                                "pour les attestations, à compléter)."))
    create.add_argument("dossier", help="dossier du cours nbgrader (créé s'il n'existe pas)")
    create.add_argument("--id-cours", default="reseaux-sociaux-sante", help="identifiant du cours nbgrader")
    create.add_argument("--banque", help="dossier de la banque de questions (par défaut : quizzes/ du dépôt)")
    create.add_argument("--forcer", action="store_true",
                        help="mettre à jour même un devoir déjà distribué dont des questions ont changé")
    create.add_argument("--base", metavar="URL",
                        help="carnet de notes sur un serveur PostgreSQL (URL SQLAlchemy, ex. "
                             "postgresql+psycopg2://formateur@127.0.0.1/notes) ; par défaut : SQLite dans le dossier")
    create.add_argument("--echange", metavar="DOSSIER",
                        help="dossier d'échange avec les apprenants (créé, ouvert à tous les comptes, écrit dans "
                             "nbgrader_config.py) ; par défaut : celui de nbgrader, /usr/local/share/nbgrader/exchange")
    create.set_defaults(run=_create_course)
    cohort = _assignment_command(
        graded_commands, "corriger", "corriger toute une cohorte, en parallèle",
        "Corrige toutes les copies remises avec le correcteur de nbgrader, réparties entre plusieurs processus ; "
        "barre de progression, bilan final, reprise sans recorriger ce qui est fait ; une copie remise à nouveau "
        "(nbgrader collect --update) est corrigée de nouveau. Code de sortie 1 si une copie reste sans note.",
        _autograde)
    cohort.add_argument("--processus", type=int, default=0,
                        help="nombre de processus de correction (par défaut : deux par cœur, 4 au plus)")
    cohort.add_argument("--apprenant", action="append", default=[], metavar="ID",
                        help="corriger de nouveau la copie de cet apprenant (option répétable)")
    cohort.add_argument("--tout", action="store_true", help="corriger de nouveau toutes les copies remises")
    report = _assignment_command(
        graded_commands, "rapport", "notes et analyse des questions d'un devoir",
        "Notes par apprenant, analyse des questions (indices de facilité et de discrimination, réponses choisies, "
        "parcours des scénarios, alpha de Cronbach), exports CSV (dont un import Moodle) et graphiques PNG.",
        _cohort_report)
    report.add_argument("--sortie", help="dossier des exports (par défaut : rapports/DEVOIR/ dans le cours)")
    made = _assignment_command(
        graded_commands, "attestations", "attestations des apprenants reçus",
        "Une attestation imprimable (HTML) par apprenant dont la note à l'évaluation finale atteint le seuil, avec "
        "un identifiant vérifiable.", _attestations)
    made.add_argument("--seuil", type=float, help="note minimale, en %% du maximum (par défaut : celle de "
                                                  "formation.yml, 60)")
    made.add_argument("--titre", help="titre de la formation (par défaut : celui de formation.yml)")
    made.add_argument("--organisme", help="organisme de formation (par défaut : celui de formation.yml)")
    made.add_argument("--sortie", help="dossier des attestations (par défaut : attestations/DEVOIR/)")
    training = _french_parser(graded_commands, "formation", help="progression avant/après, satisfaction, temps passé",
                              description=french(
                                  "Bilan de formation de la cohorte : progression par objectif entre le test de "
                                  "positionnement (quiz-00) et le test final (quiz-07), avec le gain normalisé ; "
                                  "résultats du questionnaire de satisfaction ; temps passé mesuré. Exports CSV et "
                                  "graphique PNG."))
    training.add_argument("--dossier", default=".", help="dossier du cours nbgrader (par défaut : dossier courant)")
    training.add_argument("--sortie", help="dossier des exports (par défaut : rapports/formation/ dans le cours)")
    training.set_defaults(run=_training_report)
    _assignment_command(graded_commands, "verifier-attestation", "vérifier l'identifiant d'une attestation",
                        "Vérifie un identifiant d'attestation contre le carnet de notes.",
                        _verify_attestation).add_argument("identifiant", help="identifiant imprimé sur l'attestation")
    for name, run, summary, description in (
            ("bilan", _report, "une ligne par apprenant : noté, à corriger, ou non noté et pourquoi",
             "Après « nbgrader autograde » : la note de chaque apprenant, ou la raison de son absence."),
            ("reparer", _repair, "rendre corrigeables les copies illisibles ou renommées",
             "Remet un notebook renommé sous son nom ; remplace un notebook illisible par le sujet (l'original "
             "est gardé en .illisible) pour que les réponses cliquées soient notées.")):
        _assignment_command(graded_commands, name, summary, description, run)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

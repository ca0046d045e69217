"""The `cours` command (French): checks of the bank and the data, the learners' copy, and the instructor's
`cours nbgrader …` commands, whose options are defined here and whose work is done in course/graded/ (GRADED_STEPS)."""

from __future__ import annotations

import argparse
import importlib
import sys
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


def _learner_copy(args: argparse.Namespace) -> int:
    from .learner_copy import NotALearnerCopy, learner_copy

    try:
        made = learner_copy(Path(args.dossier))
    except NotALearnerCopy as error:
        print(french(str(error)), file=sys.stderr)
        return 2
    print(french(f"Copie des apprenants prête dans {made.resolve()} (sans questions notées)."))
    return 0


# Each `cours nbgrader` command is done by the sub-package of course/graded/ for the instructor's step it belongs to,
# in the order an instructor works: in that sub-package's commands.py, by the function of the command's name
# (« - » written « _ »).
GRADED_STEPS = {"creer": "prepare",
                "corriger": "mark", "bilan": "mark", "reparer": "mark",
                "rapport": "report", "formation": "report",
                "attestations": "certify", "verifier-attestation": "certify"}


def _graded(name: str):
    """What runs `cours nbgrader NAME`: imported only then, so that `cours verifier` loads no nbgrader."""
    def run(args: argparse.Namespace) -> int:
        commands = importlib.import_module(f"{__package__}.graded.{GRADED_STEPS[name]}.commands")
        return getattr(commands, name.replace("-", "_"))(args)
    return run


def _assignment_command(commands, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    """A `cours nbgrader` command about one assignment of the nbgrader course in --dossier."""
    command = _french_parser(commands, name, help=summary, description=french(description))
    command.add_argument("devoir", help="identifiant du devoir (ex. quiz-06)")
    command.add_argument("--dossier", default=".", help="dossier du cours nbgrader (par défaut : dossier courant)")
    command.set_defaults(run=_graded(name))
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
    create.set_defaults(run=_graded("creer"))
    cohort = _assignment_command(
        graded_commands, "corriger", "corriger toute une cohorte, en parallèle",
        "Corrige toutes les copies remises avec le correcteur de nbgrader, réparties entre plusieurs processus ; "
        "barre de progression, bilan final, reprise sans recorriger ce qui est fait ; une copie remise à nouveau "
        "(nbgrader collect --update) est corrigée de nouveau. Code de sortie 1 si une copie reste sans note.")
    cohort.add_argument("--processus", type=int, default=0,
                        help="nombre de processus de correction (par défaut : deux par cœur, 4 au plus)")
    cohort.add_argument("--apprenant", action="append", default=[], metavar="ID",
                        help="corriger de nouveau la copie de cet apprenant (option répétable)")
    cohort.add_argument("--tout", action="store_true", help="corriger de nouveau toutes les copies remises")
    report = _assignment_command(
        graded_commands, "rapport", "notes et analyse des questions d'un devoir",
        "Notes par apprenant, analyse des questions (indices de facilité et de discrimination, réponses choisies, "
        "parcours des scénarios, alpha de Cronbach), exports CSV (dont un import Moodle) et graphiques PNG.")
    report.add_argument("--sortie", help="dossier des exports (par défaut : rapports/DEVOIR/ dans le cours)")
    made = _assignment_command(
        graded_commands, "attestations", "attestations des apprenants reçus",
        "Une attestation imprimable (HTML) par apprenant dont la note à l'évaluation finale atteint le seuil, avec "
        "un identifiant vérifiable.")
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
    training.set_defaults(run=_graded("formation"))
    _assignment_command(graded_commands, "verifier-attestation", "vérifier l'identifiant d'une attestation",
                        "Vérifie un identifiant d'attestation contre le carnet de notes.").add_argument("identifiant", help="identifiant imprimé sur l'attestation")
    for name, summary, description in (
            ("bilan", "une ligne par apprenant : noté, à corriger, ou non noté et pourquoi",
             "Après « nbgrader autograde » : la note de chaque apprenant, ou la raison de son absence."),
            ("reparer", "rendre corrigeables les copies illisibles ou renommées",
             "Remet un notebook renommé sous son nom ; remplace un notebook illisible par le sujet (l'original "
             "est gardé en .illisible) pour que les réponses cliquées soient notées.")):
        _assignment_command(graded_commands, name, summary, description)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

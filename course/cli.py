"""The `cours` command (French): checks of the bank and the data; instructor tools come here too."""

from __future__ import annotations

import argparse
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
    count = len(bank.items)
    print(french(f"Banque valide : {len(bank.modules)} module(s), {count} question(s) ; "
                 f"{len(figures)} chiffre(s) sourcé(s)."))
    return 0


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
    made.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    return made


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
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

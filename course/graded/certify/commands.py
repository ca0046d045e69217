"""`cours nbgrader attestations` and `verifier-attestation`, each as a function of the same name (verifier_attestation):
course/cli.py defines their options (in French) and calls them with the parsed arguments; each returns the exit
status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...typography import french


def attestations(args: argparse.Namespace) -> int:
    import json

    from ..prepare.build import OBJECTIVES_FILE
    from ..prepare.keys import KEYS_DIR
    from ...formation import OrganiserError, load_organiser, missing_fields
    from .attestation import attestation_html, issue_attestations

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


def verifier_attestation(args: argparse.Namespace) -> int:
    from .attestation import check_attestation

    verdict = check_attestation(Path(args.dossier), args.devoir, args.identifiant)
    for line in verdict.lines:
        print(line, file=sys.stdout if verdict.valid else sys.stderr)
    return verdict.status

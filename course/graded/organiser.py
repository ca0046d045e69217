"""The organiser's details for attestations, in `formation.yml` of the nbgrader course folder. Written
once, empty, by `cours nbgrader creer`; what the organiser leaves empty is left off the attestation,
never made up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

FILE_NAME = "formation.yml"
TEMPLATE = """\
# Renseignements repris sur les attestations (« cours nbgrader attestations »).
# Laissez vide ce que vous n'avez pas : un champ vide n'apparaît pas sur l'attestation, rien n'est inventé.
titre: Réseaux sociaux et professionnels de santé
organisme: ""                  # nom de l'organisme de formation
numero_enregistrement: ""      # numéro d'enregistrement de l'organisme (par exemple auprès de l'ANDPC)
numero_action: ""              # numéro de l'action de formation
orientation: ""                # orientation prioritaire de l'action, le cas échéant
methode: >-
  Formation en ligne (e-learning) : modules interactifs avec quiz et cas pratiques corrigés,
  test de positionnement, test final et évaluation notée.
duree_prevue_heures: 2.8       # durée prévue du parcours ; le temps déclaré par chaque apprenant y est plafonné
debut_session: {today}    # premier jour de la session (AAAA-MM-JJ) : l'activité déclarée avant n'est pas retenue
seuil_reussite: 60             # note minimale à l'évaluation finale, en % du maximum
"""
LABELS = {"organisme": "Organisme de formation", "numero_enregistrement": "Numéro d’enregistrement de l’organisme",
          "numero_action": "Numéro de l’action", "orientation": "Orientation"}


class OrganiserError(ValueError):
    pass


def write_template(root: Path) -> bool:
    path = Path(root) / FILE_NAME
    if path.exists():
        return False
    path.write_text(TEMPLATE.format(today=date.today().isoformat()), encoding="utf-8")
    return True


def load_organiser(root: Path) -> dict:
    """The organiser's details ({} with defaults if the file is absent); a broken file is a located error."""
    defaults = {**yaml.safe_load(TEMPLATE.format(today="")), "debut_session": ""}
    path = Path(root) / FILE_NAME
    if not path.exists():
        return {**defaults, **{key: "" for key in LABELS}}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else "?"
        raise OrganiserError(f"{path}, ligne {line} : YAML illisible ({error.problem})") from None
    if not isinstance(data, dict):
        raise OrganiserError(f"{path} : des lignes « clé: valeur » sont attendues")
    unknown = sorted(set(data) - set(defaults))
    if unknown:
        raise OrganiserError(f"{path} : clé inconnue « {unknown[0]} » (clés possibles : {', '.join(defaults)})")
    organiser = {**defaults, **{key: ("" if value is None else value) for key, value in data.items()}}
    if organiser["debut_session"] and session_start(organiser) is None:
        raise OrganiserError(f"{path} : debut_session « {organiser['debut_session']} » n'est pas une date "
                             "(attendu : AAAA-MM-JJ, par exemple 2026-11-02)")
    return organiser


def session_start(organiser: dict) -> date | None:
    """The first day of the session, if the organiser gave one (YAML reads 2026-11-02 as a date)."""
    value = organiser.get("debut_session")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def missing_fields(organiser: dict) -> list[str]:
    return [label for key, label in LABELS.items() if not str(organiser.get(key, "")).strip()]

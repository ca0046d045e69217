"""The organiser's details of a session, in `formation.yml` of the nbgrader course folder: for attestations and
reports, and the final test's pass mark for the SCORM packages too (`make scorm SCORM_ARGS="--formation …"`). Written
once, empty, by `cours nbgrader creer`; what the organiser leaves empty is left off the attestation, never made up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from .scoring import PASS_PERCENT

FILE_NAME = "formation.yml"
# The planned duration of the course, the one every attestation and report prints (and caps declared time at):
# the home page's « Comptez environ 3 h en tout, tests compris » (notebooks/00_accueil.ipynb, whose steps add up
# to 2 h 58). An organiser who plans otherwise (the graded evaluation included, say) changes it in formation.yml.
PLANNED_HOURS = 3
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
duree_prevue_heures: {planned}         # durée prévue du parcours, en heures : celle qu'annonce la page d'accueil
                               # (« environ 3 h en tout, tests compris ») ; le temps déclaré y est plafonné
debut_session: {today}    # premier jour de la session (AAAA-MM-JJ) : l'activité déclarée avant n'est pas retenue
seuil_reussite: {pass_percent}             # note minimale à l'évaluation finale, en % du maximum, réponses rédigées comprises
# Les réponses rédigées sont notées à la main : tant qu'elles ne le sont pas, leurs points manquent à la note, et une
# copie aux réponses cliquées toutes justes peut rester sous le seuil. Aucune attestation n'est délivrée tant que des
# réponses rédigées attendent leur note ; « cours nbgrader attestations DEVOIR » indique combien de points du devoir
# sont notés à la main et quelle note les seules réponses cliquées permettent d'atteindre.
"""


def template(today: str) -> str:
    """formation.yml as `cours nbgrader creer` writes it, the session starting on `today` (AAAA-MM-JJ)."""
    return TEMPLATE.format(today=today, planned=PLANNED_HOURS, pass_percent=PASS_PERCENT)


LABELS = {"organisme": "Organisme de formation", "numero_enregistrement": "Numéro d’enregistrement de l’organisme",
          "numero_action": "Numéro de l’action", "orientation": "Orientation"}


class OrganiserError(ValueError):
    pass


def write_template(root: Path) -> bool:
    path = Path(root) / FILE_NAME
    if path.exists():
        return False
    path.write_text(template(date.today().isoformat()), encoding="utf-8")
    return True


def load_organiser(root: Path) -> dict:
    """The organiser's details ({} with defaults if the file is absent); a broken file is a located error."""
    defaults = {**yaml.safe_load(template("")), "debut_session": ""}
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

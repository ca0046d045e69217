"""The course pathway beside the questions (quizzes/parcours/): the course objectives, the rules of each
profession and country by theme, and the satisfaction questionnaire. Each file is optional; a bank item
may only name an objective or a rule theme defined here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import BankIssue
from .model import Reference, Tags

PATHWAY_DIR = "parcours"
FILES = {"objectifs": "objectifs.yml", "themes": "regles.yml", "questions": "satisfaction.yml"}


@dataclass(frozen=True)
class Objective:
    id: str
    text: str
    modules: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """What one theme's rule is for some professions in some countries, with its article."""

    tags: Tags  # professions and countries only
    text: str
    references: tuple[Reference, ...]
    verified: bool
    caveat: str | None = None


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class SatisfactionQuestion:
    id: str
    kind: str  # « likert » (five levels of agreement) or « texte » (free text)
    text: str


@dataclass(frozen=True)
class Pathway:
    objectives: tuple[Objective, ...] = ()
    themes: tuple[Theme, ...] = ()
    satisfaction: tuple[SatisfactionQuestion, ...] = ()

    def objective(self, objective_id: str) -> Objective:
        return next(objective for objective in self.objectives if objective.id == objective_id)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(f"Aucun thème de règles « {theme_id} » (thèmes : {', '.join(t.id for t in self.themes)}).")


def load_pathway(directory: Path, known_sources: set[str]) -> tuple[Pathway, list[BankIssue]]:
    """The pathway files of a bank folder, and every issue found in them (located by file and line)."""
    # Read here, not at import: a graded learner's kernel imports the model (and so this module) without PyYAML
    # or jsonschema.
    from .schema_check import schema_issues
    from .yaml_source import read_yaml

    folder = Path(directory) / PATHWAY_DIR
    parts: dict[str, list] = {key: [] for key in FILES}
    issues: list[BankIssue] = []
    for key, name in FILES.items():
        path = folder / name
        if not path.is_file():
            continue
        document, found = read_yaml(path)
        issues += found
        if document is None:
            continue
        found = schema_issues(document, "pathway.schema.json")
        if not found and key not in document.data:
            found = [BankIssue(path, 1, key, f"champ obligatoire manquant : « {key} »")]
        issues += found
        if found:
            continue
        entries = document.data[key]
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            if entry["id"] in seen:
                issues.append(BankIssue(path, document.line_of((key, index, "id")), f"{key}[{index}].id",
                                        f"identifiant « {entry['id']} » déjà utilisé dans ce fichier"))
            seen.add(entry["id"])
            for rule_index, rule in enumerate(entry.get("regles", [])):
                here = (key, index, "regles", rule_index)
                for ref_index, reference in enumerate(rule["references"]):
                    if reference["source"] not in known_sources:
                        issues.append(BankIssue(path, document.line_of(here + ("references", ref_index, "source")),
                                                f"{key}[{index}].regles[{rule_index}]",
                                                f"source « {reference['source']} » inconnue (absente de "
                                                "data/sources.csv)"))
                if rule["statut"] != "vérifié" and "reserve" not in rule:
                    issues.append(BankIssue(path, document.line_of(here + ("statut",)),
                                            f"{key}[{index}].regles[{rule_index}].reserve",
                                            "une règle « partiellement vérifiée » doit dire sa réserve (« reserve »)"))
        parts[key] = entries
    return pathway_from_data(parts), issues


def pathway_from_data(parts: dict) -> Pathway:
    """The pathway from its bank form: {"objectifs": [...], "themes": [...], "questions": [...]}, each list as
    in its file of quizzes/parcours/ (the keys of FILES)."""
    return Pathway(
        tuple(Objective(o["id"], o["texte"], tuple(o["modules"])) for o in parts["objectifs"]),
        tuple(Theme(t["id"], t["titre"], tuple(_rule(rule) for rule in t["regles"])) for t in parts["themes"]),
        tuple(SatisfactionQuestion(q["id"], q["kind"], q["texte"]) for q in parts["questions"]))


def pathway_to_data(pathway: Pathway) -> dict:
    """The bank form of a pathway (the inverse of pathway_from_data)."""
    return {
        "objectifs": [{"id": o.id, "texte": o.text, "modules": list(o.modules)} for o in pathway.objectives],
        "themes": [{"id": t.id, "titre": t.title, "regles": [_rule_data(rule) for rule in t.rules]}
                   for t in pathway.themes],
        "questions": [{"id": q.id, "kind": q.kind, "texte": q.text} for q in pathway.satisfaction]}


def _rule(data: dict) -> Rule:
    return Rule(Tags(professions=tuple(data["professions"]), countries=tuple(data["pays"])), data["texte"],
                tuple(Reference(**reference) for reference in data["references"]), data["statut"] == "vérifié",
                data.get("reserve"))


def _rule_data(rule: Rule) -> dict:
    data = {"professions": list(rule.tags.professions), "pays": list(rule.tags.countries), "texte": rule.text,
            "references": [{key: value for key, value in vars(reference).items() if value is not None}
                           for reference in rule.references],
            "statut": "vérifié" if rule.verified else "partiellement vérifié"}
    if rule.caveat is not None:
        data["reserve"] = rule.caveat
    return data

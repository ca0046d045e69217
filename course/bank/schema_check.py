"""Check one bank document against schema.json and word each violation in French."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .errors import BankIssue, field_name
from .yaml_source import YamlDocument

_TYPES = {"string": "un texte", "integer": "un nombre entier", "boolean": "true ou false",
          "array": "une liste", "object": "un bloc de champs (clé: valeur)"}


@lru_cache(maxsize=None)
def schema(name: str = "schema.json") -> dict:
    return json.loads(resources.files("course.bank").joinpath(name).read_text(encoding="utf-8"))


def schema_issues(document: YamlDocument, name: str = "schema.json") -> list[BankIssue]:
    import jsonschema  # here, not at import: the browser's course (course/prebuilt) has no jsonschema

    validator = jsonschema.Draft202012Validator(schema(name))
    issues = []
    for error in validator.iter_errors(document.data):
        path, message = _explain(error)
        issues.append(BankIssue(document.path, document.line_of(path), field_name(path), message))
    return sorted(set(issues), key=lambda issue: (issue.line or 0, issue.field, issue.message))


def _explain(error: jsonschema.ValidationError) -> tuple[tuple, str]:
    """The field to point at and a French sentence for one schema violation."""
    path = tuple(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [name for name in expected if name not in value]
        return path, "champ obligatoire manquant : " + ", ".join(f"« {name} »" for name in missing)
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = [key for key in value if key not in allowed]
        return path + (unknown[0],), (f"clé inconnue « {unknown[0]} » (clés possibles : {', '.join(allowed)})")
    if kind == "type":
        return path, f"{_TYPES.get(expected, expected)} est attendu ici, pas « {value} »"
    if kind == "minLength" or (kind == "pattern" and expected == "\\S"):
        return path, "le texte est vide"
    if kind == "minItems":
        return path, f"il faut au moins {expected} élément{'s' if expected > 1 else ''}"
    if kind == "pattern":
        if path and path[-1] == "module":
            return path, f"« {value} » n'est pas un numéro de module sur deux chiffres (ex. « 01 »)"
        return path, (f"identifiant « {value} » invalide : lettres minuscules sans accent, chiffres et tirets")
    if kind in ("enum", "const"):
        allowed = expected if kind == "enum" else [expected]
        return path, f"valeur « {value} » inconnue (valeurs possibles : {', '.join(map(str, allowed))})"
    if kind == "uniqueItems":
        return path, "la liste contient deux fois la même valeur"
    if kind == "minimum":
        return path, f"la valeur doit être au moins {expected}"
    return path, f"valeur refusée par le schéma ({error.message})"

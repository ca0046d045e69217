"""Checks the schema cannot express: ids, sources, correct options, scenario graphs."""

from __future__ import annotations

from collections.abc import Iterator

from .errors import BankIssue, field_name
from .yaml_source import YamlDocument


def consistency_issues(document: YamlDocument, known_sources: set[str],
                       seen_ids: dict[str, str]) -> list[BankIssue]:
    """Issues of one schema-valid document. seen_ids maps item ids to 'file, ligne N' across files."""

    def issue(path: tuple, message: str) -> BankIssue:
        return BankIssue(document.path, document.line_of(path), field_name(path), message)

    found: list[BankIssue] = []
    for index, item in enumerate(document.data["items"]):
        here = ("items", index)
        where = f"{document.path.name}, ligne {document.line_of(here + ('id',))}"
        if item["id"] in seen_ids:
            found.append(issue(here + ("id",), f"identifiant « {item['id']} » déjà utilisé ({seen_ids[item['id']]})"))
        else:
            seen_ids[item["id"]] = where
        for ref_index, reference in enumerate(item.get("references", [])):
            if reference["source"] not in known_sources:
                found.append(issue(here + ("references", ref_index, "source"),
                                   f"source « {reference['source']} » inconnue (absente de data/sources.csv)"))
        if item["kind"] in ("single", "multiple"):
            found += [issue(here + path, message) for path, message in _choice_issues(item)]
        elif item["kind"] == "scenario":
            found += [issue(here + path, message) for path, message in _scenario_issues(item)]
    return found


def _duplicates(entries: list[dict], field: str) -> Iterator[tuple[int, str]]:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry["id"] in seen:
            yield index, f"identifiant « {entry['id']} » déjà utilisé dans {field}"
        seen.add(entry["id"])


def _same_texts(entries: list[dict]) -> Iterator[tuple[int, str]]:
    """Two options (or choices) a learner could not tell apart."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        text = " ".join(entry["text"].lower().split())
        if text in seen:
            yield index, f"même texte que l'option n° {seen[text] + 1} : l'apprenant ne peut pas les distinguer"
        seen.setdefault(text, index)


def _choice_issues(item: dict) -> Iterator[tuple[tuple, str]]:
    options = item["options"]
    for index, message in _duplicates(options, "cette question"):
        yield ("options", index, "id"), message
    for index, message in _same_texts(options):
        yield ("options", index, "text"), message
    correct = sum(1 for option in options if option.get("correct"))
    if correct == 0:
        yield ("options",), "aucune option n'est marquée « correct: true »"
    elif item["kind"] == "single" and correct > 1:
        yield ("options",), (f"{correct} options correctes pour une question « single » "
                             "(une seule attendue ; utilisez « multiple »)")
    elif correct == len(options):
        yield ("options",), ("toutes les options sont correctes : tout cocher rapporterait tous les points ; "
                             "ajoutez au moins une option fausse")


def _scenario_issues(item: dict) -> Iterator[tuple[tuple, str]]:
    steps = {step["id"]: index for index, step in enumerate(item["steps"])}
    endings = {ending["id"] for ending in item["endings"]}
    nodes = item["steps"] + item["endings"]
    for index, message in _duplicates(nodes, "ce scénario (étapes et fins)"):
        part = "steps" if index < len(item["steps"]) else "endings"
        yield (part, index - (0 if part == "steps" else len(item["steps"])), "id"), message
    for step_index, step in enumerate(item["steps"]):
        for index, message in _duplicates(step["choices"], "cette étape"):
            yield ("steps", step_index, "choices", index, "id"), message
        for index, message in _same_texts(step["choices"]):
            yield ("steps", step_index, "choices", index, "text"), message
    if item["start"] not in steps:
        yield ("start",), f"l'étape de départ « {item['start']} » n'existe pas dans « steps »"
        return
    dangling = False
    for step_index, step in enumerate(item["steps"]):
        for choice_index, choice in enumerate(step["choices"]):
            if choice["next"] not in steps and choice["next"] not in endings:
                dangling = True
                yield (("steps", step_index, "choices", choice_index, "next"),
                       f"« {choice['next']} » ne désigne aucune étape ni aucune fin de ce scénario")
    if dangling:
        return
    graph = {step["id"]: [choice["next"] for choice in step["choices"]] for step in item["steps"]}
    reachable = _reachable(graph, item["start"])
    for step in item["steps"]:
        if step["id"] not in reachable:
            yield ("steps", steps[step["id"]], "id"), f"l'étape « {step['id']} » n'est atteignable par aucun choix"
    for index, ending in enumerate(item["endings"]):
        if ending["id"] not in reachable:
            yield ("endings", index, "id"), f"la fin « {ending['id']} » n'est atteignable par aucun choix"
    can_end = _can_reach_an_ending(graph, endings)
    for step in item["steps"]:
        if step["id"] in reachable and step["id"] not in can_end:
            yield (("steps", steps[step["id"]], "id"),
                   f"boucle sans fin : depuis l'étape « {step['id']} », aucun choix ne mène à une fin")
    cycle = _cycle(graph, item["start"])
    if cycle and all(node in can_end for node in cycle):
        yield (("steps", steps[cycle[0]], "id"),
               "le scénario boucle (" + " → ".join(cycle + [cycle[0]]) + ") : un parcours doit toujours avancer")


def _reachable(graph: dict[str, list[str]], start: str) -> set[str]:
    seen, stack = {start}, [start]
    while stack:
        for target in graph.get(stack.pop(), []):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _can_reach_an_ending(graph: dict[str, list[str]], endings: set[str]) -> set[str]:
    good = set(endings)
    changed = True
    while changed:
        changed = False
        for node, targets in graph.items():
            if node not in good and any(target in good for target in targets):
                good.add(node)
                changed = True
    return good


def _cycle(graph: dict[str, list[str]], start: str) -> list[str] | None:
    """One cycle reachable from start, as the list of its steps, or None."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        trail.append(node)
        for target in graph.get(node, []):
            if state.get(target) == "open":
                return trail[trail.index(target):]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        state[node] = "done"
        trail.pop()
        return None

    return visit(start)

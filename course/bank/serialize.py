"""Bank items, modules and the whole bank to and from their bank (YAML) form, the one format used everywhere
outside the model: YAML files, the keys stored in an nbgrader course, and the browser's pre-built bank (JSON)."""

from __future__ import annotations

from .collection import Bank
from .model import (Choice, ChoiceQuestion, Criterion, Ending, Item, Module, OpenQuestion, Option, Reference,
                    Scenario, Step, Tags)
from .pathway import pathway_from_data, pathway_to_data

BANK_FORMAT = "cours-banque"  # the "format" field of a whole bank in its bank form

TAG_FIELDS = {"professions": "professions", "pays": "countries", "regles": "rules"}  # bank name -> Tags field


def _references(data: dict) -> tuple[Reference, ...]:
    return tuple(Reference(**reference) for reference in data["references"])


def item_from_data(data: dict, module: str):
    """A model item from its bank form (also used for the keys stored in an nbgrader course)."""
    common = dict(id=data["id"], module=module, explanation=data["explanation"],
                  references=_references(data), graded=data.get("graded", False), tags=_tags(data))
    if data["kind"] == "open":
        return OpenQuestion(prompt=data["prompt"], rubric=tuple(Criterion(**c) for c in data["rubric"]), **common)
    points = data.get("points", 1)
    fixed = data.get("ordre") == "fixe"
    if data["kind"] == "scenario":
        steps = tuple(Step(step["id"], step["text"], tuple(Choice(**choice) for choice in step["choices"]))
                      for step in data["steps"])
        endings = tuple(Ending(**ending) for ending in data["endings"])
        return Scenario(title=data["title"], prompt=data["prompt"], start=data["start"], steps=steps,
                        endings=endings, points=points, fixed_order=fixed, **common)
    options = tuple(Option(o["id"], o["text"], o["feedback"], o.get("correct", False)) for o in data["options"])
    return ChoiceQuestion(kind=data["kind"], prompt=data["prompt"], options=options, points=points,
                          fixed_order=fixed, **common)


def _tags(data: dict) -> Tags:
    return Tags(objective=data.get("objectif"),
                **{name: tuple(data.get(key, ())) for key, name in TAG_FIELDS.items()})


def item_to_data(item: Item) -> dict:
    """The bank form of an item (the inverse of item_from_data)."""
    data = {"id": item.id, "kind": item.kind}
    if item.graded:
        data["graded"] = True
    if isinstance(item, ChoiceQuestion):
        data.update(points=item.points, prompt=item.prompt, options=[
            {"id": o.id, "text": o.text, "correct": o.correct, "feedback": o.feedback} for o in item.options])
    elif isinstance(item, Scenario):
        data.update(points=item.points, title=item.title, prompt=item.prompt, start=item.start,
                    steps=[{"id": step.id, "text": step.text, "choices": [
                        {"id": c.id, "text": c.text, "feedback": c.feedback, "score": c.score, "next": c.next}
                        for c in step.choices]} for step in item.steps],
                    endings=[{"id": ending.id, "text": ending.text} for ending in item.endings])
    else:
        data.update(prompt=item.prompt, rubric=[{"points": c.points, "text": c.text} for c in item.rubric])
    data.update({key: list(getattr(item.tags, name)) for key, name in TAG_FIELDS.items()
                 if getattr(item.tags, name)})
    if item.tags.objective:
        data["objectif"] = item.tags.objective
    if getattr(item, "fixed_order", False):
        data["ordre"] = "fixe"
    data["explanation"] = item.explanation
    data["references"] = [{key: value for key, value in vars(ref).items() if value is not None}
                          for ref in item.references]
    return data


def module_from_data(data: dict, graded: bool = False) -> Module:
    """A module from its bank form: {"module", "title", "items"[, "evaluation"]}, as in a file of quizzes/."""
    number = data["module"]
    items = tuple(item_from_data({**item, "graded": graded}, number) for item in data["items"])
    return Module(number, data["title"], items, graded, data.get("evaluation"))


def module_to_data(module: Module) -> dict:
    """The bank form of a module (the inverse of module_from_data; `graded` is the caller's to keep)."""
    data = {"module": module.number, "title": module.title}
    if module.evaluation:
        data["evaluation"] = module.evaluation
    data["items"] = [{key: value for key, value in item_to_data(item).items() if key != "graded"}
                     for item in module.items]
    return data


def bank_to_data(bank: Bank) -> dict:
    """The whole bank as plain data (JSON-ready): its modules and its pathway. Graded modules are refused: this
    form is what a learner's browser receives, and the keys of an assignment never reach a learner."""
    graded = [module.number for module in bank.modules if module.graded]
    if graded:
        raise ValueError(f"bank_to_data: graded module(s) {', '.join(graded)} must not be serialised for learners")
    return {"format": BANK_FORMAT, "version": 1, "modules": [module_to_data(module) for module in bank.modules],
            "pathway": pathway_to_data(bank.pathway) if bank.pathway is not None else None}


def bank_from_data(data: dict) -> Bank:
    """The bank from bank_to_data's form."""
    if data.get("format") != BANK_FORMAT or data.get("version") != 1:
        raise ValueError(f"not a bank in the {BANK_FORMAT} format, version 1")
    pathway = pathway_from_data(data["pathway"]) if data.get("pathway") is not None else None
    return Bank(tuple(module_from_data(module) for module in data["modules"]), pathway)

"""Bank items to and from their bank (YAML) form, the one format used everywhere outside the model."""

from __future__ import annotations

from .model import (Choice, ChoiceQuestion, Criterion, Ending, Item, OpenQuestion, Option, Reference, Scenario,
                    Step, Tags)

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

"""What a graded item may show a learner: the question, never the key.

Ids are replaced by neutral ones (a, b, c… for options and choices, etape-1…, fin-1…) so that an
author's id such as « bonne-reponse » cannot leak; the key keeps the same neutral ids with the scores.
"""

from __future__ import annotations

import string

from ..bank.model import Item
from ..bank.serialize import item_from_data, item_to_data


def _letters(count: int) -> list[str]:
    return [string.ascii_lowercase[index] for index in range(count)]


def neutral_key(item: Item) -> dict:
    """The item's bank form with neutral ids: the instructor-side key."""
    data = item_to_data(item)
    if data["kind"] in ("single", "multiple"):
        for option, letter in zip(data["options"], _letters(len(data["options"]))):
            option["id"] = letter
    elif data["kind"] == "scenario":
        names = {step["id"]: f"etape-{n}" for n, step in enumerate(data["steps"], start=1)}
        names |= {ending["id"]: f"fin-{n}" for n, ending in enumerate(data["endings"], start=1)}
        data["start"] = names[data["start"]]
        for step in data["steps"]:
            step["id"] = names[step["id"]]
            for choice, letter in zip(step["choices"], _letters(len(step["choices"]))):
                choice["id"], choice["next"] = letter, names[choice["next"]]
        for ending in data["endings"]:
            ending["id"] = names[ending["id"]]
    return data


def public_form(key: dict) -> dict:
    """Only what the learner needs to answer: texts and, for a scenario, where each choice leads."""
    public = {"id": key["id"], "kind": key["kind"], "points": key.get("points", 1), "prompt": key["prompt"]}
    if key["kind"] in ("single", "multiple"):
        public["options"] = [{"id": option["id"], "text": option["text"]} for option in key["options"]]
    elif key["kind"] == "scenario":
        public.update(title=key["title"], start=key["start"],
                      steps=[{"id": step["id"], "text": step["text"],
                              "choices": [{"id": c["id"], "text": c["text"], "next": c["next"]}
                                          for c in step["choices"]]} for step in key["steps"]],
                      endings=[{"id": ending["id"]} for ending in key["endings"]])
    return public


def item_from_public(public: dict) -> Item:
    """A model item a widget can render; every secret field is blank."""
    data = {**public, "explanation": "-", "references": []}
    if public["kind"] in ("single", "multiple"):
        data["options"] = [{**option, "feedback": "-"} for option in public["options"]]
    elif public["kind"] == "scenario":
        data["steps"] = [{**step, "choices": [{**c, "feedback": "-", "score": 0} for c in step["choices"]]}
                         for step in public["steps"]]
        data["endings"] = [{**ending, "text": "-"} for ending in public["endings"]]
    return item_from_data(data, module="")

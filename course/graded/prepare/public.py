"""What a graded item may show a learner: the question, never the key.

Ids are replaced by neutral ones (a, b, c… for options and choices, etape-1…, fin-1…) so that an
author's id such as « bonne-reponse » cannot leak; the key keeps the same neutral ids with the scores.
Options, choices, steps and endings are first put in an order drawn from the course's seed (kept with the
keys, never released), so neither the letters nor the order of the released notebook follow the author's
order, in which the key often came first and the best ending was « fin-1 ».
"""

from __future__ import annotations

import string

from ...bank.model import Item
from ...bank.order import displayed, shuffled
from ...bank.serialize import item_from_data, item_to_data


def _letters(count: int) -> list[str]:
    return [string.ascii_lowercase[index] for index in range(count)]


def _released(item: Item, seed: str) -> tuple[dict, dict]:
    """The key (bank form in the seed's order, with neutral ids) and the renaming from the bank's ids:
    an option id, a step or ending id, or (step id, choice id) for a scenario choice."""
    data = item_to_data(displayed(item, seed))
    renamed: dict = {}
    if data["kind"] in ("single", "multiple"):
        for option, letter in zip(data["options"], _letters(len(data["options"]))):
            renamed[option["id"]], option["id"] = letter, letter
    elif data["kind"] == "scenario":
        first = [step for step in data["steps"] if step["id"] == data["start"]]
        others = [step for step in data["steps"] if step["id"] != data["start"]]
        data["steps"] = first + list(shuffled(tuple(others), seed, item.id, "etapes"))
        data["endings"] = list(shuffled(tuple(data["endings"]), seed, item.id, "fins"))
        renamed = {step["id"]: f"etape-{n}" for n, step in enumerate(data["steps"], start=1)}
        renamed |= {ending["id"]: f"fin-{n}" for n, ending in enumerate(data["endings"], start=1)}
        data["start"] = renamed[data["start"]]
        for step in data["steps"]:
            for choice, letter in zip(step["choices"], _letters(len(step["choices"]))):
                renamed[(step["id"], choice["id"])] = letter
                choice["id"], choice["next"] = letter, renamed[choice["next"]]
            step["id"] = renamed[step["id"]]
        for ending in data["endings"]:
            ending["id"] = renamed[ending["id"]]
    return data, renamed


def neutral_key(item: Item, seed: str) -> dict:
    """The item's bank form with neutral ids, in the order the course's seed draws: the instructor-side key."""
    return _released(item, seed)[0]


def released_answer(item: Item, seed: str, answer: object) -> object:
    """An answer written with the bank's ids (an option id, a list of them, or a scenario path) in the
    released ids of the course with this seed: lets an instructor's script, or a test, answer as a learner."""
    _, renamed = _released(item, seed)
    if item.kind in ("single", "multiple"):
        return renamed[answer] if isinstance(answer, str) else [renamed[option_id] for option_id in answer]
    path, node = [], item.start
    for choice_id in answer:
        path.append(renamed[(node, choice_id)])
        node = item.step(node).choice(choice_id).next
    return path


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

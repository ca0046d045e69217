"""The satisfaction questionnaire released with nbgrader: answers go to the answers file beside the
notebook; if the learner ticks the box, their profile and the time per module measured in their own
file (course/learner) are attached, for the cohort report and the attestation."""

from __future__ import annotations

import os
from pathlib import Path

from .prepare.answers import read_document, record_answer, record_shared

DISPLAYED: list = []


def shared_from_learner_file() -> dict:
    """Profile, time per module and first/last activity from the learner's own file on this machine."""
    from ..learner.activity import time_per_module
    from ..learner.store import LearnerStore

    data = LearnerStore().load()
    moments = sorted(event["quand"] for event in data["activite"] if isinstance(event.get("quand"), str))
    return {"profil": {key: data["profil"][key] for key in ("profession", "pays") if key in data["profil"]},
            "temps_par_module": time_per_module(data["activite"]),
            "debut": moments[0] if moments else None, "fin": moments[-1] if moments else None}


def show_questionnaire(public: list[dict], answers_file: str) -> None:
    if os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return
    import ipywidgets as widgets
    from IPython.display import display

    from ..bank.pathway import SatisfactionQuestion
    from ..learner.satisfaction import SatisfactionWidget

    path = Path(answers_file)
    document, _ = read_document(path)
    consent = widgets.Checkbox(value="partage" in document, indent=False, layout=widgets.Layout(width="auto"),
                               description="Joindre mon profil et le temps passé dans chaque module (mesuré sur "
                                           "cette machine)")
    consent.add_class("cours-partage")

    def save(answers: dict) -> None:
        for question_id, answer in answers.items():
            record_answer(path, question_id, answer)
        record_shared(path, shared_from_learner_file() if consent.value else {})

    questions = tuple(SatisfactionQuestion(q["id"], q["kind"], q["texte"]) for q in public)
    widget = SatisfactionWidget(questions, previous=document.get("answers", {}), on_save=save, extra=[consent])
    widget.consent = consent
    DISPLAYED.append(widget)
    display(widget)

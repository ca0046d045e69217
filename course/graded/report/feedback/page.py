"""The exporter nbgrader's generate_feedback uses for the course (c.GenerateFeedback.exporter_class): nbconvert's
HTML exporter with the course's template, templates/cours-retour/, and one more step, DescribeAnswers."""

from __future__ import annotations

from pathlib import Path

import markupsafe
from nbconvert.exporters import HTMLExporter

from ....typography import french, short
from ...mark.preprocessors import inert
from .questions import DescribeAnswers

TEMPLATES = Path(__file__).resolve().with_name("templates")
TEMPLATE = "cours-retour"


def points(earned: float | None, possible: float | None) -> str:
    """'1,5 / 3 point(s)', as the grading cells say it."""
    return f"{short(earned or 0)} / {short(possible or 0)} point(s)"


AUTOMATIC_COMMENT = "No response."  # what nbgrader's autograde writes as the comment of an untouched answer cell


def grader_comment(text: str | None) -> markupsafe.Markup:
    """A grader's comment from the gradebook, in French typography, as HTML that cannot run anything; nbgrader's own
    automatic comment (in English) is no comment of the grader's: ''."""
    if not text or not text.strip() or text.strip() == AUTOMATIC_COMMENT:
        return markupsafe.Markup("")
    return markupsafe.Markup(inert(french(text), "cours-commentaire"))  # noqa: S704 (cleaned by nh3)


class FeedbackPage(HTMLExporter):
    """The learner's feedback page. Its template is not a setting: nbgrader's GenerateFeedback (and the formgrader's
    « Generate feedback ») set HTMLExporter.template_name to nbgrader's own, which shows code, prompts and English
    cell labels; this page is always the course's."""

    def __init__(self, config=None, **kw):
        # Given as arguments, they win over any configuration.
        kw.update(template_name=TEMPLATE, extra_template_basedirs=[str(TEMPLATES)])
        super().__init__(config=config, **kw)

    def default_filters(self):
        yield from super().default_filters()
        yield "points", points
        yield "nombre", lambda value: short(value or 0)
        yield "commentaire", grader_comment

    def _init_preprocessors(self):
        super()._init_preprocessors()
        # The page shows only what this step wrote: without it there is nothing to show.
        self.register_preprocessor(DescribeAnswers(parent=self), enabled=True)

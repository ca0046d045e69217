"""The feedback a learner receives after grading: a page in French that reads like a course document.

nbgrader's generate_feedback (the command, or the formgrader's button) turns each autograded notebook into HTML
with the exporter the course's nbgrader_config.py names (c.GenerateFeedback.exporter_class = FeedbackPage). For
each question the page shows the statement, the learner's own answer in words (for a scenario, the path taken), the
points earned and possible (from the gradebook), and the explanation with its sources; for a written answer, the
learner's text (made inert at autograde) and the grader's comment. Nothing else of the notebook reaches it: no code,
no prompts, no cell labels, no rubric, no option feedback, no key.

- questions.py: DescribeAnswers, the step that writes, on each graded cell, what the page says of its question;
- page.py: FeedbackPage, nbconvert's HTML exporter with that step and the course's template;
- templates/cours-retour/: the page itself (Jinja, autoescaped, no script)."""

from .page import FeedbackPage
from .questions import DescribeAnswers

__all__ = ["DescribeAnswers", "FeedbackPage"]

"""The graded track: nbgrader quizzes built from the bank. The learner-side calls hold no key."""

from .learner import grade, show_graded

__all__ = ["grade", "show_graded"]

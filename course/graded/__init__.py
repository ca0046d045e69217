"""The graded track: nbgrader quizzes built from the bank, graded, reported on and certified.

This package itself is the learner's side: what the cells of a released notebook import, under dotted names written
into notebooks already in learners' hands and into the gradebook, which therefore never move. It holds no key.
- learner.py: `from course.graded import grade, show_graded`, a graded question and its grading cell;
- satisfaction.py: `from course.graded.satisfaction import show_questionnaire`, the satisfaction questionnaire.

The instructor's tools are one sub-package per step, in the order an instructor works; each has the `cours nbgrader`
commands of its step (commands.py) and may import only the steps above it:
- prepare/  build the nbgrader course (creer): notebooks, keys, public form, answers file, organiser's details;
- mark/     grade a cohort (corriger, bilan, reparer): exchange, preprocessors, workers, forked kernels, records;
            not named « grade », which is the grading cell's function above;
- report/   report on it (rapport, formation): item analysis, charts, exports, training report, learner's feedback;
- certify/  certify it (attestations, verifier-attestation).
The learner's side imports only prepare/; mark/ may import the learner's side (its kernel zygote preloads it).
tests/test_layout.py holds these rules."""

from .learner import grade, show_graded

__all__ = ["grade", "show_graded"]

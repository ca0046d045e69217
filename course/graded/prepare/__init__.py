"""Prepare an assignment (`cours nbgrader creer`): the nbgrader course folder built from the bank, with its
nbgrader_config.py, source notebooks, the instructor's keys (never released), the public form of each question, the
answers file's format, the organiser's details (formation.yml, by course/formation.py) and what the next commands
need.

May import: none of the other steps (mark, report, certify) nor the learner's side: all of them import this one.
This file imports nothing, so that a learner's kernel, which reads the answers file and a key from here, stays small."""

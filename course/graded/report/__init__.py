"""Report on a graded cohort (`cours nbgrader rapport`, `formation`): scores and item analysis, their charts and
exports (CSV, Moodle), the continuing-education report (pre/post progress, satisfaction, time on task), the same
shown in the instructor's notebook, and the feedback page each learner receives (feedback/).

May import: prepare, mark."""

"""Grade a cohort (`cours nbgrader corriger`, `bilan`, `reparer`): the exchange's submit and collect, the steps the
course adds to nbgrader's autograde, the parallel workers and their forked kernels, and a record for every learner
(graded, to grade by hand, or not graded and why) with the repair of unreadable submissions.

Named « mark », not « grade »: `course.graded.grade` is the grading cell's function, in released notebooks.
May import: prepare, and the learner's side (course.graded), which the kernel zygote preloads."""

"""The graded-track fixtures' helpers, importable from other test folders (browser tests)."""

from graded.conftest import (ASSIGNMENT, COURSE_ID, create_course, make_exchange, nbgrader, released,  # noqa: F401
                             write_graded_bank)

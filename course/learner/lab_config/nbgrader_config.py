"""nbgrader's settings for a learner: this folder is first on every learner's JUPYTER_CONFIG_PATH
(course/learner/lab.py), so nbgrader, from JupyterLab's assignment list or the command line, finds this file and
no longer warns « No nbgrader_config.py file found ». The course and the exchange are the site's settings
(~/.jupyter or /etc/jupyter/nbgrader_config.py), read as well."""

c = get_config()  # noqa: F821 (provided by traitlets)

# Submit compares the released notebooks with those it hands in, leaving out what it never copies: JupyterLab's
# checkpoints (.ipynb_checkpoints/) are no longer reported as « EXTRA » notebooks at each submission.
c.ExchangeFactory.submit = "course.graded.mark.exchange.SubmitHandedIn"

"""JupyterHub for a cohort on this machine (`make hub`): loopback only, one instructor and learner accounts,
the course installed for everyone, nbgrader's formgrader for the instructor and its assignment list for the
learners, sharing one exchange folder.

Accounts: DummyAuthenticator (one shared password) for a local trial or the tests. Servers:
- « systeme » (the default when the hub runs as root): LocalProcessSpawner, each account a system user created
  beforehand (`useradd -m NAME`). nbgrader tells learners apart by their system user: this is the setting for a
  real cohort on one server.
- « simple »: SimpleLocalProcessSpawner, every server runs as the current user in its own home folder. Enough to
  try the course; nbgrader would record every submission under that one user.
In production, choose an authenticator for the organisation (LTI 1.3 from its LMS, its SSO) and, for hundreds of
learners, Kubernetes (deploy/z2jh/config.yaml). Settings come from the environment: COURS_HUB_ETAT (state
folder, readable by every account), COURS_HUB_PORT, COURS_HUB_MOT_DE_PASSE, COURS_HUB_FORMATEUR,
COURS_HUB_APPRENANTS (comma-separated), COURS_HUB_COMPTES (systeme or simple), COURS_HUB_JETON_SERVICE (a token
for scripts and tests, optional), COURS_HUB_BANQUE (the instructor's private question bank, optional).

Graded questions stay on the instructor's side: learners' servers read a copy of the course without
quizzes/notees/ (`cours copie-apprenants`, in the state folder); with system accounts the graded banks (the
repository's and COURS_HUB_BANQUE) are made readable by root only, and the instructor gets a private copy of the
whole bank in ~/banque (for « cours nbgrader creer … --banque ~/banque »).

Every account works on its own copy of the modules in ~/cours-reseaux-sociaux (course/learner_copy.py, the same
copy and update as `make cours`: a module the learner edited is never replaced) and gets the learner's JupyterLab
(course/learner/lab.py: French, single-document mode on the home page, modules saved without outputs, no nbgrader
instructor tools); the instructor's adds those tools back (course/graded/instructor_lab_config)."""

import json
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets)

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent  # the course's environment (.venv/bin)
STATE = Path(os.environ.get("COURS_HUB_ETAT", REPO / "hub-etat")).resolve()
EXCHANGE = STATE / "echange-nbgrader"
COURSE_ID = "reseaux-sociaux-sante"
INSTRUCTOR = os.environ.get("COURS_HUB_FORMATEUR", "formateur")
LEARNERS = [name for name in os.environ.get("COURS_HUB_APPRENANTS", "apprenant1,apprenant2").split(",") if name]
port = int(os.environ.get("COURS_HUB_PORT", "8000"))

SYSTEM_ACCOUNTS = os.environ.get("COURS_HUB_COMPTES", "systeme" if os.geteuid() == 0 else "simple") == "systeme"

BANK = Path(os.environ.get("COURS_HUB_BANQUE") or REPO / "quizzes")

for folder in (STATE, EXCHANGE, STATE / "comptes"):
    folder.mkdir(parents=True, exist_ok=True)
STATE.chmod(0o755)
EXCHANGE.chmod(0o777)  # nbgrader's exchange: every account writes in it

from course.bank.load import GRADED_DIR  # noqa: E402 (the course is installed in the hub's environment)
from course.learner import lab  # noqa: E402
from course.learner_copy import learner_copy, personal_copy  # noqa: E402
from course.paths import LEARNER_FOLDER_NAME  # noqa: E402

LEARNER_COURSE = learner_copy(STATE / "cours-apprenants", REPO)  # what every learner's server reads
if SYSTEM_ACCOUNTS:  # no other account may read a graded bank (the hub, as root, still does)
    for graded in {REPO / "quizzes" / GRADED_DIR, BANK / GRADED_DIR}:
        if graded.exists():
            graded.chmod(0o700)

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 1
c.ConfigurableHTTPProxy.command = [str(REPO / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 2}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("COURS_HUB_MOT_DE_PASSE", "")
c.Authenticator.allowed_users = {INSTRUCTOR, *LEARNERS}
c.Authenticator.admin_users = {INSTRUCTOR}

if os.environ.get("COURS_HUB_JETON_SERVICE"):
    c.JupyterHub.services = [{"name": "cours-outils", "api_token": os.environ["COURS_HUB_JETON_SERVICE"]}]
    c.JupyterHub.load_roles = [{"name": "cours-outils", "services": ["cours-outils"],
                                "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"]}]

if SYSTEM_ACCOUNTS:
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
else:
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "comptes" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 and not SYSTEM_ACCOUNTS else []
c.Spawner.default_url = lab.home_url(LEARNER_FOLDER_NAME)  # the course home, single-document mode
c.Spawner.environment = {"COURSE_ROOT": str(LEARNER_COURSE), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
c.Spawner.http_timeout = 60
c.Spawner.start_timeout = 120


def copy_modules(name: str, home: Path) -> list[str]:
    """The account's own copy of the modules, made or brought up to date; with system accounts, by the account
    itself (root never writes into a folder its owner controls)."""
    folder = home / LEARNER_FOLDER_NAME
    if not SYSTEM_ACCOUNTS:
        return personal_copy(folder, LEARNER_COURSE).messages()
    result = subprocess.run(["runuser", "-u", name, "--", str(BIN / "python"), "-m", "course.learner.lab",
                             "--copie-seulement", "--dossier", str(folder)], cwd=home, capture_output=True, text=True,
                            env={"PATH": os.environ.get("PATH", ""), "HOME": str(home), "LANG": "C.UTF-8",
                                 "COURSE_ROOT": str(LEARNER_COURSE)})
    if result.returncode:
        raise RuntimeError(f"copie des modules de {name} : {result.stderr.strip()}")
    return result.stdout.splitlines()


def prepare_account(spawner) -> None:
    """Before a server starts: the account's own copy of the modules (made, or brought up to date), nbgrader's
    settings (course and exchange), the learner's JupyterLab, and for the instructor a course folder made by
    `cours nbgrader creer` and the nbgrader tools."""
    name = spawner.user.name
    home = (Path(pwd.getpwnam(name).pw_dir) if SYSTEM_ACCOUNTS
            else Path(spawner.home_dir_template.format(username=name)))
    (home / ".jupyter").mkdir(parents=True, exist_ok=True)
    for line in copy_modules(name, home):
        spawner.log.info("%s : %s", name, line)
    settings = [f"c.CourseDirectory.course_id = {COURSE_ID!r}", f"c.Exchange.root = {str(EXCHANGE)!r}"]
    if name == INSTRUCTOR:
        bank, course = home / "banque", home / "cours-nbgrader"
        if not bank.exists():  # the instructor's own bank, graded questions included, private to the account
            shutil.copytree(BANK, bank)
            bank.chmod(0o700)
        if not course.exists():
            subprocess.run([str(BIN / "cours"), "nbgrader", "creer", str(course), "--id-cours", COURSE_ID,
                            "--banque", str(bank)], check=True, capture_output=True)
        settings.append(f"c.CourseDirectory.root = {str(course)!r}")
    server = {}
    if name != INSTRUCTOR:  # learners get the assignment list, not the instructor's tools (nor their pages)
        tools = {f"nbgrader.server_extensions.{tool}": False for tool in ("formgrader", "course_list")}
        server["ServerApp"] = {"jpserver_extensions": tools}
    (home / ".jupyter" / "jupyter_server_config.json").write_text(json.dumps(server))
    (home / ".jupyter" / "nbgrader_config.py").write_text("c = get_config()\n" + "\n".join(settings) + "\n")
    if SYSTEM_ACCOUNTS:  # what the hub (root) wrote belongs to the account
        subprocess.run(["chown", "-R", f"{name}:", str(home)], check=True)
    spawner.environment = {**spawner.environment, "HOME": str(home), "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
                           "JUPYTER_CONFIG_PATH": lab.config_path(instructor=name == INSTRUCTOR)}
    if name == INSTRUCTOR:  # several documents side by side: the instructor's JupyterLab as usual
        spawner.default_url = f"/lab/tree/{LEARNER_FOLDER_NAME}/{lab.HOME_PAGE}"


c.Spawner.pre_spawn_hook = prepare_account

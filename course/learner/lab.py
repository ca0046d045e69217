"""The learner's JupyterLab: one configuration, kept in lab_config/ beside this file, for every way the course is
served (`make cours`, the hub's learner accounts, the Kubernetes servers, the browser tests).

lab_config/ is a Jupyter configuration folder, put first on JUPYTER_CONFIG_PATH:
- jupyter_server_config.json: modules saved without the learner's outputs (saving.PRE_SAVE_HOOK);
- labconfig/page_config.json: no nbgrader instructor tools (Create Assignment, Formgrader, the Nbgrader menu,
  the course list, the Validate button) and no developer tools (debugger, extension manager, the switch to
  another interface); nbgrader's assignment list stays;
- labconfig/default_setting_overrides.json (read by jupyterlab_server as defaults a learner may still change):
  JupyterLab in French, no Jupyter news nor update check, « Exécuter toutes les cellules » on Ctrl+Maj+Entrée,
  and an « Évaluations » menu that opens the assignment list.
The instructor's server adds course/graded/instructor_lab_config/ before it, which gives the nbgrader tools back.
Learners land on the home page in JupyterLab's single-document mode (the /doc URL): one module at a time, and
a link to another module opens it in place."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ..paths import PACKAGE_DIR

LAB_CONFIG = Path(__file__).resolve().with_name("lab_config")
INSTRUCTOR_LAB_CONFIG = PACKAGE_DIR / "graded" / "instructor_lab_config"
HOME_PAGE = "notebooks/00_accueil.ipynb"  # in the learner's folder
DATA_VARIABLE = "COURS_MES_DONNEES"


def home_url(folder_in_root: str = "") -> str:
    """The page a learner opens first: the course home, single-document mode. folder_in_root: where the learner's
    folder is inside the server's root (the hub serves the home folder)."""
    return "/doc/tree/" + "/".join(part for part in (folder_in_root.strip("/"), HOME_PAGE) if part)


def config_path(instructor: bool = False, after: str = "") -> str:
    """JUPYTER_CONFIG_PATH for a learner's (or the instructor's) server, before what was there already."""
    folders = [*([str(INSTRUCTOR_LAB_CONFIG)] if instructor else []), str(LAB_CONFIG), *([after] if after else [])]
    return os.pathsep.join(folders)


def lab_environment(folder: Path, environment: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a learner's JupyterLab on their own machine: the learner configuration, and their data
    in their folder (unless they chose another place with COURS_MES_DONNEES)."""
    env = dict(os.environ if environment is None else environment)
    env["JUPYTER_CONFIG_PATH"] = config_path(after=env.get("JUPYTER_CONFIG_PATH", ""))
    env.setdefault(DATA_VARIABLE, str(Path(folder) / "mes-donnees"))
    return env


def lab_command(folder: Path, options: list[str] | tuple[str, ...] = ()) -> list[str]:
    """`jupyter lab` on the learner's folder, opening the home page; options are JupyterLab's own (LAB_ARGS)."""
    return [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={Path(folder)}",
            f"--LabApp.default_url={home_url()}", *options]


def main(argv: list[str] | None = None) -> int:
    """`make cours`: copy or update the learner's modules in their folder, then open JupyterLab there."""
    from ..cli import _french_parser
    from ..learner_copy import personal_copy
    from ..paths import LEARNER_FOLDER_NAME, LEARNER_FOLDER_VARIABLE, learner_folder
    from ..typography import french

    parser = _french_parser(None, prog="python -m course.learner.lab", description=french(
        "Copie ou met à jour vos modules dans votre dossier, puis y ouvre JupyterLab sur la page d’accueil "
        "(make cours)."))
    parser.add_argument("--dossier", type=Path, help=french(
        f"votre dossier (par défaut : ${LEARNER_FOLDER_VARIABLE}, sinon ~/{LEARNER_FOLDER_NAME})"))
    parser.add_argument("--copie-seulement", action="store_true",
                        help="copier ou mettre à jour, sans ouvrir JupyterLab")
    parser.add_argument("options", nargs="*", help=french("options de JupyterLab, après « -- »"))
    args = parser.parse_args(argv)
    folder = (args.dossier or learner_folder()).expanduser().resolve()
    for line in personal_copy(folder).messages():
        print(line)
    if args.copie_seulement:
        return 0
    command = lab_command(folder, args.options)
    sys.stdout.flush()
    os.chdir(folder)
    os.execvpe(command[0], command, lab_environment(folder))
    return 0  # not reached: JupyterLab replaces this process


if __name__ == "__main__":
    sys.exit(main())

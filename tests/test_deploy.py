"""The Kubernetes path, checked as far as this machine allows: the Zero to JupyterHub values merged over the
chart's defaults match the chart's own schema (../shared/third-party/z2jh), the server image takes its
dependencies from environment.yml and nothing else, and the servers give learners what `make cours` gives them
(the learner's JupyterLab, their own copy of the modules) and instructors their nbgrader tools."""

from __future__ import annotations

import copy
import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
import yaml

from conftest import REPO

from course.learner import lab
from course.paths import LEARNER_FOLDER_NAME

Z2JH = REPO.parent / "shared" / "third-party" / "z2jh"
VALUES = REPO / "deploy" / "z2jh" / "config.yaml"


def merged(defaults: dict, ours: dict) -> dict:
    """Helm's merge: our values over the chart's defaults, key by key (lists and scalars replaced)."""
    result = copy.deepcopy(defaults)
    for key, value in ours.items():
        result[key] = merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) \
            else value
    return result


@pytest.fixture(scope="module")
def chart():
    if not (Z2JH / "values.schema.yaml").exists():
        pytest.skip("schéma du chart Zero to JupyterHub absent (../shared/third-party/z2jh) : vérification ignorée")
    return (yaml.safe_load((Z2JH / "values.schema.yaml").read_text(encoding="utf-8")),
            yaml.safe_load((Z2JH / "values.yaml").read_text(encoding="utf-8")))


def test_the_values_match_the_chart_schema(chart):
    schema, defaults = chart
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(merged(defaults, yaml.safe_load(VALUES.read_text()))),
                    key=lambda error: list(error.absolute_path))
    assert not errors, "\n".join(f"{'.'.join(map(str, e.absolute_path))} : {e.message}" for e in errors)


def test_the_schema_check_catches_a_wrong_value(chart):
    schema, defaults = chart
    wrong = yaml.safe_load(VALUES.read_text())
    wrong["hub"]["db"]["type"] = "postgresql"  # the chart says « postgres »
    assert list(jsonschema.Draft7Validator(schema).iter_errors(merged(defaults, wrong)))


def test_the_image_installs_environment_yml_and_nothing_else():
    dockerfile = (REPO / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    installs = [line for line in dockerfile.splitlines() if re.search(r"\b(pip|mamba|conda|apt-get)\b", line)
                and line.startswith("RUN")]
    assert installs == ["RUN mamba env update --name base --file environment.yml && mamba clean --all --yes"]
    assert "COPY --chown=${NB_UID}:${NB_GID} . /opt/cours" in dockerfile  # environment.yml comes with the repo


def test_the_servers_share_the_exchange_and_keep_learner_data_in_their_home():
    values = yaml.safe_load(VALUES.read_text())["singleuser"]
    config = values["extraFiles"]["nbgrader-config"]["stringData"]
    exchange = re.search(r'c\.Exchange\.root = "([^"]+)"', config).group(1)
    assert exchange in [mount["mountPath"] for mount in values["storage"]["extraVolumeMounts"]]
    assert values["extraEnv"]["COURS_MES_DONNEES"].startswith("/home/jovyan/")


LEFT_BEHIND = ("cours-nbgrader/cles/quiz-06.json", "cours-nbgrader/gradebook.db",
               "cours-nbgrader/submitted/ana/quiz-06/quiz-06.reponses.json", "mes-donnees/mes-donnees.json",
               "notebooks/.ipynb_checkpoints/01_plateformes-checkpoint.ipynb", ".git/config")


def test_the_image_holds_no_graded_question_nor_anything_of_an_instructor(tmp_path):
    """The build context as Docker computes it from .dockerignore (docker-py's own rules), on the repository
    plus what an instructor's or a learner's work leaves in it: graded bank, keys, gradebook, copies."""
    from docker.utils.build import exclude_paths

    context = tmp_path / "depot"
    shutil.copytree(REPO, context, ignore=shutil.ignore_patterns(".git", ".venv*", "node_modules", "build",
                                                                  "test-artifacts"))
    for left in LEFT_BEHIND:
        (context / left).parent.mkdir(parents=True, exist_ok=True)
        (context / left).write_text("{}")
    patterns = [line.strip() for line in (REPO / ".dockerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    sent = set(exclude_paths(str(context), patterns, dockerfile="deploy/Dockerfile"))
    assert (REPO / "quizzes" / "notees" / "06_evaluation.yml").exists()
    assert not [path for path in sent if path.startswith("quizzes/notees")]
    assert not [path for path in sent if path.startswith(LEFT_BEHIND)]
    # What the image needs to install and run the course is sent.
    for needed in ("environment.yml", "pyproject.toml", "course/show.py", "quizzes/01_plateformes.yml",
                   "notebooks/00_accueil.ipynb", "data/sources.csv", "docs/mes-donnees.md", "deploy/Dockerfile",
                   "course/learner/lab_config/labconfig/page_config.json",
                   "course/graded/instructor_lab_config/labconfig/page_config.json",
                   "course/graded/report/feedback/templates/cours-retour/index.html.j2"):
        assert needed in sent, needed


def in_image(path: str) -> str:
    """Where a folder of the repository is in the server image (deploy/Dockerfile copies it to /opt/cours)."""
    return os.pathsep.join("/opt/cours/" + Path(part).relative_to(REPO).as_posix() for part in path.split(os.pathsep))


def test_the_servers_open_the_learner_lab_on_each_learner_own_copy():
    """The same JupyterLab and the same copy of the modules as `make cours`: home page in single-document mode,
    the learner configuration, the copy made and updated at each start in the learner's folder."""
    values = yaml.safe_load(VALUES.read_text())["singleuser"]
    folder = f"/home/jovyan/{LEARNER_FOLDER_NAME}"
    assert values["defaultUrl"] == lab.home_url(LEARNER_FOLDER_NAME)
    assert values["extraEnv"]["JUPYTER_CONFIG_PATH"] == in_image(lab.config_path())
    assert values["extraEnv"]["COURS_MES_DONNEES"] == f"{folder}/mes-donnees"
    assert values["lifecycleHooks"]["postStart"]["exec"]["command"] == [
        "python", "-m", "course.learner.lab", "--copie-seulement", "--dossier", folder]


class FakeSpawner:
    def __init__(self, admin: bool):
        self.user = SimpleNamespace(admin=admin)
        self.environment = {"JUPYTER_CONFIG_PATH": in_image(lab.config_path()), "COURSE_ROOT": "/opt/cours"}
        self.default_url = "/doc/tree/x"


def test_an_instructor_server_gets_the_nbgrader_tools_back_and_a_learner_does_not():
    """The hub's extra configuration, run as the hub runs it, on an instructor's and a learner's spawner."""
    code = yaml.safe_load(VALUES.read_text())["hub"]["extraConfig"]["formateurs.py"]
    config = SimpleNamespace(KubeSpawner=SimpleNamespace())
    exec(compile(code, "formateurs.py", "exec"), {"c": config})
    instructor, learner = FakeSpawner(admin=True), FakeSpawner(admin=False)
    for spawner in (instructor, learner):
        config.KubeSpawner.pre_spawn_hook(spawner)
    assert instructor.environment["JUPYTER_CONFIG_PATH"] == in_image(lab.config_path(instructor=True))
    assert instructor.environment["COURSE_ROOT"] == "/opt/cours"
    assert instructor.default_url.startswith("/lab/")
    assert learner.environment == FakeSpawner(admin=False).environment and learner.default_url == "/doc/tree/x"

"""The Kubernetes path, checked as far as this machine allows: the Zero to JupyterHub values merged over the
chart's defaults match the chart's own schema (../shared/third-party/z2jh), and the server image takes its
dependencies from environment.yml and nothing else."""

from __future__ import annotations

import copy
import re
import shutil

import jsonschema
import pytest
import yaml

from conftest import REPO

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
                   "notebooks/00_accueil.ipynb", "data/sources.csv", "deploy/Dockerfile"):
        assert needed in sent, needed

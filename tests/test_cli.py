"""The `cours` command speaks French and exits non-zero on a broken bank."""

from __future__ import annotations

import subprocess
import sys

from conftest import VALID_MODULE


def cours(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course", *args], capture_output=True, text=True, **options)


def test_help_is_in_french():
    result = cours("--help")
    assert result.returncode == 0
    assert "utilisation\u00a0:" in result.stdout and "afficher cette aide et quitter" in result.stdout
    assert "usage:" not in result.stdout and "show this help" not in result.stdout


def test_a_missing_command_is_a_french_error():
    result = cours()
    assert result.returncode == 2 and "erreur\u00a0: arguments obligatoires manquants" in result.stderr


def test_verifier_accepts_the_course_bank_and_reports_its_cue_figures():
    result = cours("verifier")
    assert result.returncode == 0, result.stderr
    assert "Banque valide" in result.stdout and "clé la plus longue (choix unique)" in result.stdout


def test_verifier_fails_on_a_valid_bank_that_gives_the_answer_away(write_module, course_copy):
    # The test module is well formed, but its best scenario choices are all the longest, and two choices a step.
    write_module()
    result = cours("verifier", "--dossier", str(course_copy))
    assert "Banque valide\u00a0: 1 module(s), 3 question(s)" in result.stdout
    assert result.returncode == 1
    assert "le meilleur choix d’une étape de scénario est le plus long dans 100\u00a0% des cas" in result.stderr
    assert "n’offrent que deux choix" in result.stderr


def test_verifier_lists_the_items_that_keep_their_authored_order(write_module, course_copy):
    write_module(VALID_MODULE.replace("  - id: essai-single\n", "  - id: essai-single\n    ordre: fixe\n"))
    result = cours("verifier", "--dossier", str(course_copy))
    assert "ordre fixe (non mélangé)\u00a0: essai-single" in result.stdout


def test_verifier_lists_each_error_with_file_and_line(write_module, course_copy):
    write_module(VALID_MODULE.replace("source: seed-000", "source: seed-404"))
    result = cours("verifier", "--dossier", str(course_copy))
    assert result.returncode == 1
    assert "09_essai.yml, ligne" in result.stderr and "source «\u00a0seed-404\u00a0» inconnue" in result.stderr


def test_a_run_without_chromium_ends_with_one_french_line_saying_how_many_browser_tests_and_how_to_install(tmp_path):
    import shutil
    import subprocess
    import sys
    import textwrap

    from conftest import REPO

    for name in ("conftest.py", "scheduling.py"):  # the suite's conftest, and the module it takes a hook from
        shutil.copy(REPO / "tests" / name, tmp_path / name)
    (tmp_path / "test_navigateur.py").write_text(textwrap.dedent("""
        import pytest

        @pytest.mark.parametrize("n", range(3))
        def test_page(n):
            pytest.skip("Chromium absent (/usr/bin/chromium) : tests navigateur ignorés")
        """), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert "3 tests navigateur ignorés : Chromium absent. Pour les lancer : sudo apt-get install chromium" \
        in result.stdout

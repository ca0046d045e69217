"""Benchmark: the browser site (make site) on this machine — build time, size on disk, and in Chromium, cold cache
(a new browser profile) then warm (the same profile, page reloaded): navigation → Python idle, and navigation →
first feedback shown (module 1 run with « Exécuter toutes les cellules », its first question answered and
validated by the script at once). Prints the figures and a line for docs/site.md. Not a test: figures only.

    PYTHONPATH=. .venv/bin/python benchmarks/site.py [--fois 2] [--site _site]

Without --site, the site is built into a temporary folder first.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser.conftest import CHROMIUM, CHROMIUM_FLAGS, run_all  # noqa: E402
from browser.test_site import KERNEL_IDLE, MODULE_1, StaticServer, guarded_context  # noqa: E402

from course.site.build import build, size_on_disk  # noqa: E402

#: The question answered on the cold visit, then on the warm one (the first comes back already answered).
QUESTIONS = ("plateformes-page-ou-profil", "plateformes-quotidien-soignants")


def one_visit(page, url: str, reload: bool, question: str, right_answer: str) -> tuple[float, float]:
    """(navigation → Python idle, navigation → first feedback), in seconds."""
    start = time.monotonic()
    page.reload() if reload else page.goto(url)
    page.locator("#jp-main-statusbar").get_by_text(KERNEL_IDLE).wait_for(timeout=180_000)
    idle = time.monotonic() - start
    run_all(page)
    widget = page.locator(f".cours-item-{question}")
    widget.get_by_text(right_answer, exact=True).click()
    widget.get_by_role("button", name="Valider").click()
    widget.locator(".cours-verdict").wait_for()
    return idle, time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fois", type=int, default=2, help="nombre de mesures à froid (et à chaud)")
    parser.add_argument("--site", type=Path, help="un site déjà construit (sinon : construit ici)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from course.bank import load_bank

    bank = load_bank()
    right = [next(option for option in bank.item(name).options if option.correct).text.strip() for name in QUESTIONS]
    with tempfile.TemporaryDirectory() as temporary:
        site, build_seconds = args.site, None
        if site is None:
            start = time.monotonic()
            site = build(output=Path(temporary) / "_site", say=lambda *_: None)
            build_seconds = time.monotonic() - start
        megabytes = size_on_disk(site) / 1e6
        files = sum(1 for path in site.rglob("*") if path.is_file())
        server, foreign = StaticServer(site), []
        url = f"{server.origin}/lab/index.html?path={MODULE_1}"
        cold, warm = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            for _ in range(args.fois):
                context = guarded_context(browser, server.origin, foreign)
                page = context.new_page()
                page.set_default_timeout(120_000)
                cold.append(one_visit(page, url, False, QUESTIONS[0], right[0]))
                warm.append(one_visit(page, url, True, QUESTIONS[1], right[1]))
                context.close()
            browser.close()
        server.close()

    def median(values, index):
        return statistics.median(value[index] for value in values)

    load = os.getloadavg()[0]
    today = datetime.date.today().isoformat()
    print(f"site : {megabytes:.1f} Mo, {files} fichiers" + (f" ; construction : {build_seconds:.0f} s" if build_seconds
                                                             else ""))
    for name, values in (("froid", cold), ("chaud", warm)):
        print(f"{name} : Python prêt {', '.join(f'{v[0]:.1f}' for v in values)} s ; "
              f"premier retour {', '.join(f'{v[1]:.1f}' for v in values)} s")
    print(f"requêtes hors du site : {len(foreign)}")
    print(f"\n| {today} | {median(cold, 0):.0f} s | {median(cold, 1):.0f} s | {median(warm, 0):.0f} s "
          f"| {median(warm, 1):.0f} s | {megabytes:.0f} Mo | {load:.1f} |")
    return 1 if foreign else 0


if __name__ == "__main__":
    sys.exit(main())

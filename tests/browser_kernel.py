"""Run the learner notebooks' code cells as the browser site's kernel would: Pyodide has no PyYAML, jsonschema,
numpy, pandas, matplotlib or nbgrader, and sys.platform is "emscripten". Used by tests/test_prebuilt.py in a
subprocess:

    python tests/browser_kernel.py <notebooks folder> <report.json>

with COURSE_PREBUILT_DATA naming the pre-built folder. The report holds, per notebook, what each cell displayed
(HTML, or the widget's class and the texts of its HTML parts) or the error it raised; the bank the kernel read;
each chart's HTML; and the modules imported."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

MISSING = ("yaml", "jsonschema", "numpy", "pandas", "matplotlib", "nbgrader", "PIL", "scipy")
for name in MISSING:
    sys.modules[name] = None  # `import name` now raises ImportError, as in Pyodide
sys.platform = "emscripten"

import IPython.display  # noqa: E402

shown: list = []
IPython.display.display = lambda *objects, **_options: shown.extend(objects)


def texts(widget) -> list[str]:
    """The HTML a learner reads in a widget and its children, in order."""
    found = []
    value = getattr(widget, "value", None)
    if isinstance(value, str) and type(widget).__name__ in ("HTML", "HTMLMath"):
        found.append(value)
    for child in getattr(widget, "children", ()):
        found += texts(child)
    return found


def questions(widget) -> list[dict]:
    """The questions a widget and its children show: prompt and options (id, label), as the learner reads them."""
    found = []
    if "QuestionView" in [kind.__name__ for kind in type(widget).__mro__]:
        found.append({"prompt": widget.prompt, "options": [[option["id"], option["label"]]
                                                           for option in widget.options]})
    for child in getattr(widget, "children", ()):
        found += questions(child)
    return found


def described(thing) -> dict:
    if hasattr(thing, "data") and isinstance(thing.data, str):
        return {"html": thing.data}
    return {"widget": type(thing).__name__, "texts": texts(thing), "questions": questions(thing)}


def main(notebooks: Path, report: Path) -> None:
    result = {"notebooks": {}}
    for path in sorted(notebooks.glob("*.ipynb")):
        cells = [cell for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
                 if cell["cell_type"] == "code"]
        namespace: dict = {}
        outputs = []
        for cell in cells:
            source = "".join(cell["source"])
            shown.clear()
            try:
                exec(compile(source, f"{path.name}", "exec"), namespace)
                outputs.append({"code": source, "shown": [described(thing) for thing in shown]})
            except Exception:  # noqa: BLE001 — reported, the test says which cell failed
                outputs.append({"code": source, "error": traceback.format_exc()})
        result["notebooks"][path.name] = outputs

    from course import show
    from course.bank.serialize import bank_to_data
    from course.prebuilt import read, views
    from course.prebuilt import folder

    result["bank"] = bank_to_data(show.bank())
    result["charts"] = {name: views.chart_html(entry) for name, entry in read.charts(folder())["charts"].items()}
    result["modules"] = sorted(name for name, module in sys.modules.items() if module is not None)
    report.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

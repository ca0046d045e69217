"""Nothing in a package loads anything from another origin: a scan of its files for absolute URLs where a browser
would fetch them.

- HTML: src, href (but a link's), action, data and poster attributes, outside comments;
- CSS: url(…) and @import;
- JavaScript: a literal absolute URL given to import(), importScripts(), fetch(), new Worker(), new URL() or
  assigned to .src. The bundles of JupyterLab and Pyodide hold many other absolute URLs (licence headers,
  documentation links, schema identifiers), which are text, not requests; Pyodide's and the kernel's CDN defaults
  are overridden by the site's settings (jupyter-lite.json, checked by course/site/build.py);
- JSON read to load something (the JupyterLite settings, Pyodide's lock file): no absolute URL at all;
- notebooks: no image or script from another origin (links that a learner may follow to a source are fine).

The Chromium test of the package (tests/browser/test_scorm.py) checks the same at run time: no request leaves
127.0.0.1.
"""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser

ABSOLUTE = re.compile(r"^\s*(https?:)?//", re.I)
JS_LOADS = re.compile(r"(?:import\(|importScripts\(|fetch\(|new Worker\(|new SharedWorker\(|new URL\(|\.src\s*=)"
                      r"\s*[\"'`]((?:https?:)?//[A-Za-z0-9][^\"'`\s)]*)")
CSS_LOADS = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])((?:https?:)?//[^\"')\s]+)", re.I)
NOTEBOOK_LOADS = re.compile(r"(?:!\[[^\]]*\]\(|<(?:img|script|iframe|link|source|video|audio)\b[^>]*?"
                            r"(?:src|href)\s*=\s*[\"'])((?:https?:)?//[^\"')\s]+)", re.I)
LOADING_JSON = ("jupyter-lite.json", "jupyter-lite.ipynb", "overrides.json", "pyodide-lock.json")


class _Loads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("src", "href", "action", "data", "poster") and ABSOLUTE.match(value) \
                    and not (tag == "a" and name == "href"):
                self.found.append(value)


def json_urls(value) -> list[str]:
    if isinstance(value, str):
        return [value] if ABSOLUTE.match(value) else []
    if isinstance(value, dict):
        return [url for item in value.values() for url in json_urls(item)]
    if isinstance(value, list):
        return [url for item in value for url in json_urls(item)]
    return []


def file_loads(name: str, data: bytes) -> list[str]:
    """The absolute URLs that this file would have a browser fetch."""
    if name.rsplit("/", 1)[-1] in LOADING_JSON:
        return json_urls(json.loads(data))
    if name.endswith((".html", ".htm")):
        parser = _Loads()
        parser.feed(data.decode("utf-8", "replace"))
        return parser.found
    if name.endswith(".css"):
        return CSS_LOADS.findall(data.decode("utf-8", "replace"))
    if name.endswith((".js", ".mjs")):
        return JS_LOADS.findall(data.decode("utf-8", "replace"))
    if name.endswith(".ipynb"):
        return NOTEBOOK_LOADS.findall(data.decode("utf-8", "replace"))
    return []


def foreign_loads(archive: zipfile.ZipFile) -> list[str]:
    """« file: URL » for each absolute URL that a file of the package would fetch."""
    return [f"{name} : {url}" for name in archive.namelist() if not name.endswith("/")
            for url in file_loads(name, archive.read(name))]

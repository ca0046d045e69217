"""How a chart is shown in a notebook: the image with its alt text, the caption naming the sources, a link to the
page explaining the figures, and the full provenance folded under it. Standard library only: JupyterLab shows a PNG
drawn now (course/charts.py), the browser site an SVG drawn when the site was built (course/prebuilt), in the same
HTML."""

from __future__ import annotations

import base64
import html
from pathlib import Path

from .typography import learner_text

DATA_PAGE = "donnees.md"  # docs/donnees.md: how to read the course's figures, linked from each caption


def figure_html(image: bytes, media_type: str, width: int, alt: str, caption: str, provenance: str = "") -> str:
    """The figure (image, alt text, caption) and, when there is one, its provenance folded under it."""
    data = base64.b64encode(image).decode("ascii")
    figure = (f'<figure class="cours-graphique" style="margin:1em 0">'
              f'<img src="data:{media_type};base64,{data}" width="{width}" alt="{html.escape(alt)}" '
              'style="max-width:100%;height:auto"/>'
              f"<figcaption>{html.escape(caption)}{data_page_link() if provenance else ''}"
              "</figcaption></figure>")
    return figure + folded_provenance(provenance) if provenance else figure


def folded_provenance(body: str) -> str:
    return (f'<details class="cours-provenance"><summary>{learner_text("Provenance détaillée des chiffres")}'
            f"</summary>{body}</details>")


def data_page_link() -> str:
    """A link to docs/donnees.md relative to the notebook being run (the kernel works in its folder), when the page
    is there: ../docs/ beside the notebooks/ of a course copy, docs/ beside the notebooks of the browser site."""
    for address in (f"../docs/{DATA_PAGE}", f"docs/{DATA_PAGE}"):
        if Path(address).is_file():
            return f' <a href="{address}" target="_blank">{learner_text("Comment lire ces chiffres")}</a>'
    return ""

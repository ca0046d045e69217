"""French labels and the HTML pieces every quiz widget shares."""

from __future__ import annotations

import html

import mistune

from ..bank.model import Reference
from ..scoring import Score
from ..sources import Source, references_html
from ..typography import french, short

VALIDATE = "Valider"
RETRY = "Réessayer"
RESTART = "Recommencer le scénario"
CHOOSE_FIRST = "Choisissez une réponse avant de valider."
RECORDED = "Réponse enregistrée."
UNANSWERED = "Sans réponse."
# The rule of scoring.score_multiple, said to the learner where a multiple choice earns part of its points.
PARTIAL_CREDIT = french("Barème des questions à plusieurs réponses : chaque bonne case cochée rapporte sa part "
                        "des points, chaque case cochée à tort en retire autant, sans descendre sous 0.")

_markdown = mistune.create_markdown(escape=True)


def markdown(text: str) -> str:
    """Bank text (Markdown) as HTML, with French spacing."""
    return _markdown(french(text))


def inline_markdown(text: str) -> str:
    """Markdown for use inside a sentence or a list item: no wrapping paragraph."""
    rendered = markdown(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def plain(text: str) -> str:
    """Bank text as a plain label (radio buttons, checkboxes)."""
    return french(" ".join(text.split()))


def score_line(earned: float, possible: float, label: str = "Score") -> str:
    return french(f"{label} : {short(earned)} / {short(possible)}")


def verdict(score: Score) -> tuple[str, str]:
    """A French verdict and its CSS modifier."""
    if score.fraction >= 1:
        return "Bonne réponse.", "correct"
    if score.fraction > 0:
        return "Réponse partiellement correcte.", "partial"
    return "Réponse incorrecte.", "wrong"


_ICONS = {"correct": "✔", "partial": "◐", "wrong": "✘"}


_PATH_WORDS = {"correct": "Meilleur parcours.", "partial": "Parcours en partie réussi.", "wrong": "Parcours à revoir."}


def verdict_html(score: Score, earned: float, possible: float, *, path: bool = False,
                 words: str | None = None) -> str:
    """The verdict in words, with an icon and (by CSS) a colour: never colour alone. A scenario's verdict
    speaks of the path, and its score is the path's; words replaces the usual ones (a question left unanswered)."""
    usual, css = verdict(score)
    label = "Score du parcours" if path else "Score"
    words = words or (_PATH_WORDS[css] if path else usual)
    return (f'<p class="cours-verdict"><span class="cours-verdict-icone" aria-hidden="true">{_ICONS[css]}</span>'
            f'<strong>{words}</strong> {score_line(earned, possible, label)}</p>')


def explanation_and_sources(explanation: str, references: tuple[Reference, ...],
                            sources: dict[str, Source], profession: str | None = None) -> str:
    """The explanation, then the sources as a learner reads them: short, linked, and saying when a rule is
    another profession's (profession: the learner's, from the home page)."""
    return (f'<div class="cours-explication"><strong>{french("Explication :")}</strong> {markdown(explanation)}</div>'
            f'<div class="cours-sources"><strong>{french("Sources :")}</strong>'
            f'{references_html(references, sources, profession)}</div>')

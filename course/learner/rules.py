"""The rules of the learner's own profession and country, by theme, as HTML: shown in the modules
(show_rules) and under the feedback of every question that names a theme. When nothing is cited for the
learner's profession, the doctors' rule is shown and said plainly to be theirs only."""

from __future__ import annotations

import html

from ..bank.model import COUNTRIES, PROFESSIONS
from ..bank.pathway import Pathway, Rule, Theme
from ..sources import Source, references_html
from ..typography import french


def rules_for(theme: Theme, profession: str | None, country: str | None) -> tuple[list[Rule], bool]:
    """(the rules to show, whether they are the doctors' rules shown for comparison only)."""
    if profession is None or country is None:
        return list(theme.rules), False
    own = [rule for rule in theme.rules if profession in rule.tags.professions and country in rule.tags.countries]
    if own or profession == "medecin":
        return own, False
    return [rule for rule in theme.rules
            if "medecin" in rule.tags.professions and country in rule.tags.countries], True


def _who(rule: Rule) -> str:
    professions = ", ".join(PROFESSIONS[p] for p in rule.tags.professions)
    countries = ", ".join(COUNTRIES[c] for c in rule.tags.countries)
    return f"{professions} ({countries})"


def _rule_html(rule: Rule, sources: dict[str, Source], label: str, profession: str | None) -> str:
    """One rule, its caveat when it is only partly verified, and its sources (the same lines as under a
    question's feedback: a doctors' article shown to another profession says it is there for comparison)."""
    cited = references_html(rule.references, sources, profession)
    caveat = "" if rule.verified else _paragraph("Réserve : " + rule.caveat, "cours-regle-reserve")
    heading = "Source :" if len(rule.references) == 1 else "Sources :"
    return (f'<div class="cours-regle"><p><strong>{html.escape(french(label))}</strong> '
            f'{html.escape(french(rule.text))}</p>{caveat}'
            + (f'<div class="cours-regle-source">{html.escape(french(heading))}{cited}</div>' if cited else "")
            + "</div>")


def _paragraph(text: str, css: str = "") -> str:
    return f'<p class="{css}">{html.escape(french(text))}</p>' if css else f"<p>{html.escape(french(text))}</p>"


def theme_html(theme: Theme, profile: dict, sources: dict[str, Source]) -> str:
    profession, country = profile.get("profession"), profile.get("pays")
    rules, doctors_only = rules_for(theme, profession, country)
    parts = [f'<div class="cours-regles cours-regles--{theme.id}"><h4>{html.escape(french(theme.title))}</h4>']
    if profession is None or country is None:
        parts.append(_paragraph("Vous n’avez pas encore indiqué votre profession et votre pays (page d’accueil) : "
                                "voici les règles de chaque profession."))
        parts += [_rule_html(rule, sources, _who(rule) + " :", None) for rule in rules]
    elif not rules:
        parts.append(_paragraph("Aucune règle n’est citée ici pour ce thème dans votre pays."))
    elif doctors_only:
        parts.append(_paragraph(f"Aucune règle propre à votre profession ({PROFESSIONS[profession]}, "
                                f"{COUNTRIES[country]}) n’est citée ici pour ce thème. Règle des médecins, pour "
                                "comparaison : elle ne s’applique pas à votre profession.", "cours-regle-medecins"))
        parts += [_rule_html(rule, sources, "Médecins :", profession) for rule in rules]
    else:
        label = f"Pour vous ({PROFESSIONS[profession]}, {COUNTRIES[country]}) :"
        parts += [_rule_html(rule, sources, label, profession) for rule in rules]
    parts.append("</div>")
    return "".join(parts)


def rules_html(theme_ids, pathway: Pathway, profile: dict, sources: dict[str, Source]) -> str:
    return "".join(theme_html(pathway.theme(theme_id), profile, sources) for theme_id in theme_ids)

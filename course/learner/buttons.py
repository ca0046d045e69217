"""Buttons that always show their whole label, at a laptop's width as on a phone's.

ipywidgets draws a button 148 px wide, on one line, and cuts a longer label with an ellipsis
(« Effacer mes donn… »). These buttons are as wide as their label, never wider than the notebook, and
their label wraps onto a second line instead of being cut; rows of buttons wrap too."""

from __future__ import annotations

import ipywidgets as widgets

CSS_CLASS = "cours-bouton-entier"  # not « cours-bouton »: the question widgets style that one
_CSS = (f"<style>.jupyter-button.{CSS_CLASS}{{white-space:normal;overflow:visible;text-overflow:clip;"
        "height:auto;min-height:var(--jp-widgets-inline-height);line-height:1.3;padding-top:4px;"
        "padding-bottom:4px;max-width:100%}</style>")


def button_style() -> widgets.HTML:
    """The style sheet of these buttons, carried (hidden) by each widget that holds some: nothing to load."""
    return widgets.HTML(_CSS, layout=widgets.Layout(display="none"))


def button(label: str, css: str | None = None, **options) -> widgets.Button:
    """A button whose label is never cut; `css` is a class for the page's tests and style."""
    shown = widgets.Button(description=label, layout=widgets.Layout(width="auto", height="auto", max_width="100%",
                                                                     align_self="flex-start"), **options)
    shown.add_class(CSS_CLASS)
    if css:
        shown.add_class(css)
    return shown


def button_row(*buttons: widgets.Button) -> widgets.HBox:
    """Buttons side by side, going on to the next line when the notebook is narrow."""
    return widgets.HBox(list(buttons), layout=widgets.Layout(flex_flow="row wrap"))

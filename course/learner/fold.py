"""A summary always shown, and a button that unfolds (and folds again) what lies under it, built the first time it
is asked for: long corrections at the end of a test, the cases of other professions in module 5."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from .buttons import button


class Fold(widgets.VBox):
    def __init__(self, summary: str, build: Callable[[], list], show_label: str, hide_label: str,
                 css: str = "cours-deplier"):
        self.summary = widgets.HTML(summary)
        self._build, self.built = build, False
        self.show_label, self.hide_label = show_label, hide_label
        self.toggle = button(show_label, css)
        self.toggle.on_click(lambda _: self.flip())
        self.content = widgets.VBox(layout=widgets.Layout(display="none"))
        super().__init__([self.summary, self.toggle, self.content])

    @property
    def unfolded(self) -> bool:
        return self.content.layout.display != "none"

    def flip(self) -> None:
        if not self.built:
            self.content.children = self._build()
            self.built = True
        unfold = not self.unfolded
        self.content.layout.display = "" if unfold else "none"
        self.toggle.description = self.hide_label if unfold else self.show_label

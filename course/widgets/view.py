"""What every course question shows in the browser: a prompt, options in a native fieldset, two buttons and
a feedback area, drawn by question_view.js (anywidget, so it also runs in JupyterLite).

The kernel keeps the logic: subclasses say what the buttons do (on_primary, on_secondary) and fill the
fields. Option labels travel as plain text and are drawn as text; the HTML fields hold bank text rendered
with escaping (widgets/text.py), never a learner's words."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

_HERE = Path(__file__).parent


class QuestionView(anywidget.AnyWidget):
    _esm = _HERE / "question_view.js"
    _css = _HERE / "question_view.css"

    heading = traitlets.Unicode("").tag(sync=True)
    history = traitlets.Unicode("").tag(sync=True)
    prompt = traitlets.Unicode("").tag(sync=True)
    kind = traitlets.Unicode("single").tag(sync=True)  # "single", "multiple" or "none" (no options shown)
    options = traitlets.List(traitlets.Dict()).tag(sync=True)  # [{"id": ..., "label": plain text}]
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)  # the ticked option ids
    marks = traitlets.Dict().tag(sync=True)  # option id -> "juste" | "faux", once validated
    disabled = traitlets.Bool(False).tag(sync=True)
    feedback = traitlets.Unicode("").tag(sync=True)
    primary_label = traitlets.Unicode("").tag(sync=True)
    secondary_label = traitlets.Unicode("").tag(sync=True)
    focus = traitlets.Dict().tag(sync=True)  # {"target": "feedback" | "consequence" | "options", "n": count}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.on_msg(self._button_pressed)

    def _button_pressed(self, _widget, content, _buffers) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        if action == "primary":
            shown = content.get("value")
            known = {option["id"] for option in self.options}
            if isinstance(shown, list) and all(isinstance(choice, str) and choice in known for choice in shown) \
                    and not self.disabled:
                self.value = shown  # what the learner saw ticked when they clicked
            self.on_primary()
        elif action == "secondary":
            self.on_secondary()

    def on_primary(self) -> None:
        raise NotImplementedError

    def on_secondary(self) -> None:
        raise NotImplementedError

    def move_focus(self, target: str) -> None:
        """Ask the browser to move focus once it has drawn what the kernel just changed."""
        self.focus = {"target": target, "n": self.focus.get("n", 0) + 1}

    def set_options(self, labelled: list[tuple[str, str]]) -> None:
        """(plain label, id) pairs, in the order shown."""
        self.options = [{"id": option_id, "label": label} for label, option_id in labelled]

"""ipywidgets renderings of bank items."""

from .choice import ChoiceQuestionWidget
from .factory import item_widget
from .quiz import QuizWidget
from .scenario import ScenarioWidget

__all__ = ["ChoiceQuestionWidget", "QuizWidget", "ScenarioWidget", "item_widget"]

"""Formation « Réseaux sociaux et professionnels de santé » : banque de questions, quiz, graphiques."""

__all__ = ["show_cases", "show_chart", "show_explorer", "show_my_data", "show_profile", "show_progress", "show_question",
           "show_quiz", "show_rules", "show_satisfaction", "show_scenario", "show_test"]


def __getattr__(name):
    # Imported on first use so that `import course` stays light (graded notebooks, CLI).
    if name == "show_chart":
        from .charts import show_chart

        return show_chart
    if name == "show_explorer":
        from .explorer import show_explorer

        return show_explorer
    if name in __all__:
        from . import show

        return getattr(show, name)
    raise AttributeError(name)

"""Formation « Réseaux sociaux et professionnels de santé » : banque de questions, quiz, graphiques."""

__all__ = ["show_cases", "show_chart", "show_explorer", "show_my_data", "show_profile", "show_progress", "show_question",
           "show_quiz", "show_rules", "show_satisfaction", "show_scenario", "show_test"]


def __getattr__(name):
    # Imported on first use so that `import course` stays light (graded notebooks, CLI).
    if name in ("show_chart", "show_explorer"):
        from .prebuilt import folder

        if folder():  # the browser site: charts drawn when it was built (no matplotlib there)
            from .prebuilt import views
        elif name == "show_chart":
            from . import charts as views
        else:
            from . import explorer as views
        return getattr(views, name)
    if name in __all__:
        from . import show

        return getattr(show, name)
    raise AttributeError(name)

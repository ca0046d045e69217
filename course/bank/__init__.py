"""The quiz bank: one source of truth for self-paced quizzes and graded assignments."""

from .errors import BankError, BankIssue
from .collection import Bank
from .model import ChoiceQuestion, Item, Module, OpenQuestion, Scenario

__all__ = ["Bank", "BankError", "BankIssue", "ChoiceQuestion", "Item", "Module", "OpenQuestion", "Scenario",
           "load_bank"]


def __getattr__(name):
    # Loading YAML and checking the schema pulls in PyYAML and jsonschema (slow to import): graded
    # notebooks only need the model, so the loader is imported on first use.
    if name == "load_bank":
        from .load import load_bank

        return load_bank
    raise AttributeError(name)

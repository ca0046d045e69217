"""The quiz bank: one source of truth for self-paced quizzes and graded assignments."""

from .errors import BankError, BankIssue
from .load import load_bank
from .model import Bank, ChoiceQuestion, Item, Module, OpenQuestion, Scenario

__all__ = ["Bank", "BankError", "BankIssue", "ChoiceQuestion", "Item", "Module", "OpenQuestion", "Scenario",
           "load_bank"]

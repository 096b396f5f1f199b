"""Errors the domain raises for a user to read.

Every error says *what* is wrong and *where* (a field name, a JSON path, a
tracking number), so the UI and the CLI can show it as is.
"""

from __future__ import annotations


class ClerkDeskError(Exception):
    """Base of every error meant for a person at the counter or the console."""


class InvalidInput(ClerkDeskError):
    """A value a user typed or a file brought is not acceptable.

    ``where`` names the field (``id_number``, ``answers.divorced``, ...).
    """

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class NotFound(ClerkDeskError):
    """A record the caller named does not exist."""


class RuleViolation(ClerkDeskError):
    """The request is well-formed but a rule of the service window forbids it."""


class InvalidTransition(RuleViolation):
    """The case's state machine does not allow this step from its current state."""

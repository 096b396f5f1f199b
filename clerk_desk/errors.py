"""Errors the domain raises for a user to read.

Every error says *what* is wrong and *where* (a field name, a JSON path, a
tracking number), so the UI and the CLI can show it as is.

Messages are English templates with ``{name}`` placeholders and their values
passed as keywords::

    raise RuleViolation("case {number} cannot be accepted: missing {materials}",
                        number=case.tracking_number, materials="、".join(names))

``str(error)`` is the English text (logs, the CLI). The desktop app looks the
template up in its translation (context ``DomainMessages``, see
``clerk_desk/ui/messages.py``) and fills in the same values, so a clerk reads
it in Chinese. A message already formatted (no keywords) still works; it is
shown as it is.
"""

from __future__ import annotations

from typing import Any


class ClerkDeskError(Exception):
    """Base of every error meant for a person at the counter or the console."""

    def __init__(self, template: str = "", /, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params) if params else template)


class InvalidInput(ClerkDeskError):
    """A value a user typed or a file brought is not acceptable.

    ``where`` names the field (``id_number``, ``answers.divorced``, ...).
    """

    def __init__(self, where: str, message: str, /, **params: Any) -> None:
        super().__init__(message, **params)
        self.where = where
        self.message = message.format(**params) if params else message
        self.args = (f"{where}: {self.message}",)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class NotFound(ClerkDeskError):
    """A record the caller named does not exist."""


class RuleViolation(ClerkDeskError):
    """The request is well-formed but a rule of the service window forbids it."""


class InvalidTransition(RuleViolation):
    """The case's state machine does not allow this step from its current state."""

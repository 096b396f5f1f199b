"""The wire contract's constants (docs/sync-protocol.md)."""

from __future__ import annotations

from typing import Any

PROTOCOL = 1
MIN_PROTOCOL = 1
BASE_PATH = "/sync/v1"
PROTOCOL_HEADER = "X-Clerk-Protocol"
VERSION_HEADER = "X-Clerk-Version"

# Enrollment codes: 12 characters without the look-alikes 0/O, 1/I.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12
CODE_VALID_HOURS = 24

# Terminal numbers the server assigns; 90000-99999 are the terminals' provisional ones.
FIRST_NUMBER = 1
LAST_ASSIGNED_NUMBER = 89999

PULL_DEFAULT_LIMIT = 500
PULL_MAX_LIMIT = 1000
PUSH_MAX_CHANGES = 2000


class SyncError(Exception):
    """An error answered as ``{"error": code, "message": message}`` with ``status``."""

    def __init__(
        self, code: str, message: str, status: int, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.details = details or {}  # more fields of the answer (e.g. ``current_state``)


def unauthorized(message: str = "Unknown terminal or wrong secret.") -> SyncError:
    return SyncError("unauthorized", message, 401)


def revoked() -> SyncError:
    return SyncError(
        "revoked",
        "This terminal has been revoked (已吊销) by the county. Its waiting changes are kept "
        "on the terminal; ask the county administrator.",
        403,
    )


def too_old(got: int) -> SyncError:
    return SyncError(
        "too_old",
        f"Protocol {got} is older than this server accepts (minimum {MIN_PROTOCOL}): "
        "update ClerkDesk. Waiting changes are kept on the terminal.",
        426,
    )


def bad_request(message: str) -> SyncError:
    return SyncError("bad_request", message, 400)


def enroll_code_invalid() -> SyncError:
    return SyncError(
        "enroll_code_invalid",
        "The enrollment code is unknown, already used or expired: ask for a new one.",
        400,
    )

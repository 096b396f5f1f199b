"""What the terminal keeps of its sync with the county server (migration 0013)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_desk.models.base import Base, UTCDateTime


class SyncQuarantine(Base):
    """A change the server refused: the outbox entry stays, later ones of its entity wait.

    ``retried_at`` set: a person let it go again (the row is kept as the history).
    """

    __tablename__ = "sync_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outbox_id: Mapped[str] = mapped_column(String(32), ForeignKey("outbox.id"), index=True)
    reason: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    retried_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class SyncState(Base):
    """One row (id 1): the server this terminal is enrolled with, and how sync went."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str] = mapped_column(String(2048))
    terminal_id: Mapped[str] = mapped_column(String(64))
    centre_code: Mapped[str] = mapped_column(String(64))
    cursor: Mapped[int] = mapped_column(Integer)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    last_error: Mapped[str] = mapped_column(Text, default="")
    # Set by a restore or the server's "restored" report: the next sync recovers the
    # centre's cases first (migration 0014); ``recovery_after``: the last case id done.
    recovery_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    recovery_after: Mapped[str] = mapped_column(String(64), default="")


class SyncFeedHeld(Base):
    """A pulled feed item this version could not apply; kept for a later version."""

    __tablename__ = "sync_feed_held"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32))
    body: Mapped[Any] = mapped_column(JSON)
    problem: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SyncRevoked(Base):
    """A terminal of this centre the county revoked (a ``revoked`` feed item)."""

    __tablename__ = "sync_revoked"

    terminal_number: Mapped[str] = mapped_column(String(8), primary_key=True)
    revoked_at: Mapped[str] = mapped_column(Text)  # as the server sent it (ISO 8601)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())

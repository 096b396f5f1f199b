"""Cases, their material checklist marks, their timeline, and the calendar."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from clerk_desk.models.base import Base, UTCDateTime, new_id


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_state_due_on", "state", "due_on"),
        # Case lists (clerk_desk.case_lists): each list's order with the id, so
        # the ids of 500,000 cases come from the index alone (migration 0003).
        Index("ix_cases_first_clerk_created_id", "first_clerk_id", "created_at", "id"),
        Index("ix_cases_created_at_id", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    tracking_number: Mapped[str] = mapped_column(String(20), unique=True)
    query_code: Mapped[str] = mapped_column(String(16))
    terminal_code: Mapped[str] = mapped_column(String(8))
    # Pinned to the item row of the catalog version the case was taken under.
    item_id: Mapped[str] = mapped_column(ForeignKey("catalog_items.id"), index=True)
    catalog_version_id: Mapped[str] = mapped_column(ForeignKey("catalog_versions.id"))
    applicant_id: Mapped[str] = mapped_column(ForeignKey("applicants.id"), index=True)
    proxy_id: Mapped[str | None] = mapped_column(ForeignKey("applicants.id"), default=None)
    authorization_letter: Mapped[str | None] = mapped_column(Text, default=None)
    first_clerk_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    state: Mapped[str] = mapped_column(String(24))
    answers: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_on: Mapped[date | None] = mapped_column(Date, default=None)
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    # Years without a published holiday schedule the due date went through:
    # non-empty means the due date is provisional and flagged.
    due_unpublished_years: Mapped[list[int]] = mapped_column(JSON, default=list)
    promise_date: Mapped[date | None] = mapped_column(Date, default=None)
    notice_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    notice_material_ids: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    rejection: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # A village agent's collection (代办收件) and the township's receipt of its
    # hand-over, which starts the one-time notice's 5 working days (migration 0010).
    collected_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    handed_over_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class CaseMaterial(Base):
    """A checklist mark: material received or missing."""

    __tablename__ = "case_materials"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    material_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    marked_by: Mapped[str] = mapped_column(ForeignKey("staff.id"))


class CaseEvent(Base):
    """One step of a case's timeline (every state transition and intake step)."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case_seq", "case_id", "seq", unique=True),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    # None: a step no person took (see migration 0006).
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.id"))
    action: Mapped[str] = mapped_column(String(48))
    from_state: Mapped[str | None] = mapped_column(String(24))
    to_state: Mapped[str] = mapped_column(String(24))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class TrackingSequence(Base):
    """The last tracking-number sequence used by a terminal on a day."""

    __tablename__ = "tracking_sequences"

    terminal_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class CalendarDay(Base):
    """A statutory holiday or an official make-up working day."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # 'holiday' or 'workday'
    name: Mapped[str] = mapped_column(Text, default="")


class CalendarYear(Base):
    """A year whose holiday schedule has been published and loaded."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime())

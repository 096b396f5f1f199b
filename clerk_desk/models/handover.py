"""Handover batches: cases a village agent carries to the township counter."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clerk_desk.models.base import Base, UTCDateTime, new_id


class HandoverBatch(Base):
    """One handover list (代办件移交清单): made by the agent, received by a township clerk.

    ``received_by``/``received_at`` stay empty until the township counter
    receives the batch; a batch is received once.
    """

    __tablename__ = "handover_batches"
    __table_args__ = (Index("ix_handover_batches_agent_created", "agent_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    # "HO-" terminal code "-" YYYYMMDD "-" daily sequence: HO-K7QM-20261123-01
    batch_number: Mapped[str] = mapped_column(String(40), unique=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    village_point: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), default=None)
    received_by: Mapped[str | None] = mapped_column(ForeignKey("staff.id"), default=None)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class HandoverCase(Base):
    """A case on a handover list. A case is handed over once: ``case_id`` is unique."""

    __tablename__ = "handover_cases"

    batch_id: Mapped[str] = mapped_column(ForeignKey("handover_batches.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), unique=True)

"""Staff accounts and applicants."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clerk_desk.models.base import Base, UTCDateTime, new_id

APPLICANT_KINDS = ("person", "organisation")


class Staff(Base):
    __tablename__ = "staff"
    __table_args__ = (
        CheckConstraint("role IN ('clerk','agent','supervisor','admin')", name="role"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    window: Mapped[str] = mapped_column(String(32), default="")
    password_hash: Mapped[str | None] = mapped_column(Text, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The village point (村代办点) a village agent serves; empty for every other role.
    village: Mapped[str] = mapped_column(Text, default="")
    # Set when someone else chose the password (a new account, a reset); cleared
    # by the account's own change, which the app asks for right after login.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    # Failed logins since the last success or lock; five lock the account
    # until ``locked_until`` (see clerk_desk.staff).
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class Applicant(Base):
    """A person (resident ID) or an organisation (unified social credit code).

    One record per identity number: the number is unique per kind.
    """

    __tablename__ = "applicants"
    __table_args__ = (
        UniqueConstraint("kind", "id_number"),
        CheckConstraint("kind IN ('person','organisation')", name="kind"),
        # Case-list search by name (prefix, and substring over the index alone)
        # and by phone (migration 0003).
        Index("ix_applicants_name_id", "name", "id"),
        Index("ix_applicants_phone", "phone"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    phone: Mapped[str] = mapped_column(String(32), default="")
    contact_person: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

"""The server's tables (SQLAlchemy 2, typed), on PostgreSQL and on SQLite.

Times are stored as UTC and always come back timezone-aware (SQLite keeps no
zone). Ids the server hands out for changes and feed items are integers that
only grow: ``applied_changes.id`` (a bigserial on PostgreSQL) and
``feed.version``, taken from the one-row ``feed_version`` counter inside the
writing transaction so versions follow commit order.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# SQLite only gives a rowid alias (an id that counts up by itself) to INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return uuid.uuid4().hex


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as UTC and read back aware, on both databases."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the server stores aware UTC times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Centre(Base):
    __tablename__ = "centres"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(12), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class EnrollCode(Base):
    __tablename__ = "enroll_codes"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    used_by: Mapped[str | None] = mapped_column(String(32), nullable=True)


class Terminal(Base):
    __tablename__ = "terminals"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    # County-wide unique: the constraint decides, never a check before the insert.
    number: Mapped[str] = mapped_column(String(5), unique=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[str] = mapped_column(String(64))
    hostname: Mapped[str] = mapped_column(String(255), default="")
    client_version: Mapped[str] = mapped_column(String(64), default="")
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    chain_last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    chain_last_hash: Mapped[str] = mapped_column(String(64), default="0" * 64)
    chain_broken: Mapped[bool] = mapped_column(Boolean, default=False)
    # The terminal's chain epoch: a restored (or replaced) store opens a new one at the
    # fork point (see ChainEpoch); chain_last_seq/hash are those of this epoch.
    chain_epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AppliedChange(Base):
    """Every change a terminal pushed that the server took, once (the constraint)."""

    __tablename__ = "applied_changes"
    __table_args__ = (
        UniqueConstraint("terminal_id", "change_id"),
        # The status page finds a case's applicant by its id among the pushed changes.
        Index("ix_applied_changes_entity_entity_id", "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    change_id: Mapped[str] = mapped_column(String(64))
    outbox_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    operation: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class ServerCase(Base):
    """The server's copy of a case: the newest snapshot a terminal sent."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Fixed at the case's first change: the centre of the terminal that sent it.
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    tracking_number: Mapped[str] = mapped_column(String(64), index=True)
    state: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    last_change_id: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class AuditEntry(Base):
    """A terminal's audit entry as it arrived (its chain is checked on arrival)."""

    __tablename__ = "audit_entries"
    # A restored terminal's new entries reuse seqs of its lost ones: unique per epoch.
    __table_args__ = (UniqueConstraint("terminal_id", "epoch", "seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"))
    epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    seq: Mapped[int] = mapped_column(BigInteger)
    entry_id: Mapped[str] = mapped_column(Text)
    at: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    entity: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class ChainBreak(Base):
    """A break found in a terminal's audit chain; the data around it is kept."""

    __tablename__ = "chain_breaks"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), index=True)
    problem: Mapped[str] = mapped_column(String(16))  # gap | fork | hash | restored
    # The chain epoch it was found in.
    epoch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    expected_seq: Mapped[int] = mapped_column(BigInteger)
    got_seq: Mapped[int] = mapped_column(BigInteger)
    got_hash: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")
    found_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    # A gap closes when the entries it missed arrive later and chain on both sides.
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class ChainEpoch(Base):
    """A chain epoch a terminal's restore opened (epoch 0, the first, has no row).

    Epoch ``epoch`` shares the entries up to ``fork_seq`` with the epoch before it and
    holds its own from ``fork_seq + 1`` on; the entries the restore lost stay, in the
    epoch before, under the same seqs.
    """

    __tablename__ = "chain_epochs"

    terminal_id: Mapped[str] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    epoch: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    fork_seq: Mapped[int] = mapped_column(BigInteger)
    fork_hash: Mapped[str] = mapped_column(String(64))
    # The last seq the epoch before held when this one opened (what the restore lost).
    lost_to_seq: Mapped[int] = mapped_column(BigInteger)
    break_id: Mapped[int] = mapped_column(ForeignKey("chain_breaks.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class FeedVersion(Base):
    """One row: the newest feed version handed out (UPDATE ... RETURNING takes the next)."""

    __tablename__ = "feed_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class FeedItem(Base):
    __tablename__ = "feed"

    version: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(16))  # all | centre | terminal
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"), nullable=True)
    terminal_id: Mapped[str | None] = mapped_column(ForeignKey("terminals.id"), nullable=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class Blob(Base):
    """A document the feed refers to by its SHA-256 (a catalog: megabytes, not a feed body).

    Terminals fetch it with ``GET /sync/v1/blob/{sha256}``; the same bytes published
    twice are one row (the primary key).
    """

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class Admin(Base):
    """A server account: the county's administrators and the back offices' staff.

    ``role`` is ``admin`` or ``office``; ``centre_id`` None is a county-level
    account (every centre's cases), else the account sees its centre's only. The
    password is kept as an argon2id hash; failed logins count up and lock the
    account for a while (``locked_until``).
    """

    __tablename__ = "admins"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16), default="office")
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"), nullable=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class OfficeToken(Base):
    """A back-office session: the bearer token's SHA-256 (never the token), until expiry."""

    __tablename__ = "office_tokens"

    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    admin_id: Mapped[int] = mapped_column(ForeignKey("admins.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ServerAudit(Base):
    """Every change an administrator (or the CLI) made on the server."""

    __tablename__ = "server_audit"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class StatusRateLimit(Base):
    """Lookups on the public status page in the current window, per key.

    A key is the digest of ``number:<tracking number>`` or ``address:<client>``; the
    count goes up with one upsert (INSERT ... ON CONFLICT DO UPDATE ... RETURNING),
    so every worker process sees the same counters.
    """

    __tablename__ = "status_rate_limits"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    count: Mapped[int] = mapped_column(Integer, default=0)

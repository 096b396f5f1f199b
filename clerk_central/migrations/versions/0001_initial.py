"""The server's first schema: centres, enrollment, terminals, applied changes, the
server's case copies, the terminals' audit entries and chain breaks, the feed and its
one-row version counter, admins and the server's own audit.

Revision ID: 0001_initial
Revises:
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admins",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admins")),
        sa.UniqueConstraint("login", name=op.f("uq_admins_login")),
    )
    op.create_table(
        "centres",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centres")),
        sa.UniqueConstraint("code", name=op.f("uq_centres_code")),
    )
    op.create_table(
        "feed_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_version")),
    )
    op.create_table(
        "server_audit",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_audit")),
    )
    op.create_table(
        "enroll_codes",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "centre_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_enroll_codes_centre_id_centres")
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_enroll_codes")),
    )
    with op.batch_alter_table("enroll_codes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enroll_codes_centre_id"), ["centre_id"], unique=False)

    op.create_table(
        "terminals",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column(
            "centre_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("number", sa.String(length=5), nullable=False),
        sa.Column("secret_sha256", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=64), nullable=False),
        sa.Column("hostname", sa.String(length=255), nullable=False),
        sa.Column("client_version", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("chain_last_seq", sa.BigInteger(), nullable=False),
        sa.Column("chain_last_hash", sa.String(length=64), nullable=False),
        sa.Column("chain_broken", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_terminals_centre_id_centres")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terminals")),
        sa.UniqueConstraint("number", name=op.f("uq_terminals_number")),
    )
    with op.batch_alter_table("terminals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_terminals_centre_id"), ["centre_id"], unique=False)

    op.create_table(
        "applied_changes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("terminal_id", sa.String(length=32), nullable=False),
        sa.Column("change_id", sa.String(length=64), nullable=False),
        sa.Column("outbox_seq", sa.BigInteger(), nullable=True),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("operation", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["terminal_id"], ["terminals.id"], name=op.f("fk_applied_changes_terminal_id_terminals")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applied_changes")),
        sa.UniqueConstraint(
            "terminal_id", "change_id", name=op.f("uq_applied_changes_terminal_id_change_id")
        ),
    )
    op.create_table(
        "audit_entries",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("terminal_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("entry_id", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("entity", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["terminal_id"], ["terminals.id"], name=op.f("fk_audit_entries_terminal_id_terminals")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
        sa.UniqueConstraint("terminal_id", "seq", name=op.f("uq_audit_entries_terminal_id_seq")),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column(
            "centre_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("terminal_id", sa.String(length=32), nullable=False),
        sa.Column("tracking_number", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("last_change_id", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_cases_centre_id_centres")
        ),
        sa.ForeignKeyConstraint(
            ["terminal_id"], ["terminals.id"], name=op.f("fk_cases_terminal_id_terminals")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_centre_id"), ["centre_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_cases_tracking_number"), ["tracking_number"], unique=False
        )

    op.create_table(
        "chain_breaks",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("terminal_id", sa.String(length=32), nullable=False),
        sa.Column("problem", sa.String(length=16), nullable=False),
        sa.Column("expected_seq", sa.BigInteger(), nullable=False),
        sa.Column("got_seq", sa.BigInteger(), nullable=False),
        sa.Column("got_hash", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["terminal_id"], ["terminals.id"], name=op.f("fk_chain_breaks_terminal_id_terminals")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_breaks")),
    )
    with op.batch_alter_table("chain_breaks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_chain_breaks_terminal_id"), ["terminal_id"], unique=False
        )

    op.create_table(
        "feed",
        sa.Column("version", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("centre_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("terminal_id", sa.String(length=32), nullable=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_feed_centre_id_centres")
        ),
        sa.ForeignKeyConstraint(
            ["terminal_id"], ["terminals.id"], name=op.f("fk_feed_terminal_id_terminals")
        ),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_feed")),
    )
    # The feed's version counter: one row, taken with UPDATE ... RETURNING.
    op.execute("INSERT INTO feed_version (id, value) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table("feed")
    with op.batch_alter_table("chain_breaks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chain_breaks_terminal_id"))

    op.drop_table("chain_breaks")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_tracking_number"))
        batch_op.drop_index(batch_op.f("ix_cases_centre_id"))

    op.drop_table("cases")
    op.drop_table("audit_entries")
    op.drop_table("applied_changes")
    with op.batch_alter_table("terminals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_terminals_centre_id"))

    op.drop_table("terminals")
    with op.batch_alter_table("enroll_codes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enroll_codes_centre_id"))

    op.drop_table("enroll_codes")
    op.drop_table("server_audit")
    op.drop_table("feed_version")
    op.drop_table("centres")
    op.drop_table("admins")

"""The terminal's sync with the county server (issue #10, first slice).

* ``outbox.server_id``: the server's id for a change it acknowledged (with
  ``sent_at``), so an acknowledgement can be matched on both sides.
* ``sync_quarantine``: a change the server refused, with its reason; the
  outbox entry stays, and later changes of the same entity wait behind it.
  Retrying sets ``retried_at`` (the row is kept: a quarantine is never
  forgotten).
* ``sync_state``: one row, what the terminal knows of its server (address,
  terminal id, centre code, pull cursor, last success, attempt and error).
  The secret is a ``settings`` row, ``sync_secret``.
* ``sync_feed_held``: feed items this version cannot apply yet (kinds of a
  later slice, or a body the settings rules refuse), kept so nothing pulled is
  lost when the cursor moves past them.

Revision ID: 0013_sync
Revises: 0012_catalog_retire
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from clerk_desk.models.base import UTCDateTime

revision = "0013_sync"
down_revision = "0012_catalog_retire"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("server_id", sa.Integer(), nullable=True))
    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("outbox_id", sa.String(32), sa.ForeignKey("outbox.id"), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("retried_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_sync_quarantine_outbox_id", "sync_quarantine", ["outbox_id"])
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("server_url", sa.String(2048), nullable=False),
        sa.Column("terminal_id", sa.String(64), nullable=False),
        sa.Column("centre_code", sa.String(64), nullable=False),
        sa.Column("cursor", sa.Integer(), nullable=False),
        sa.Column("enrolled_at", UTCDateTime(), nullable=True),
        sa.Column("last_success_at", UTCDateTime(), nullable=True),
        sa.Column("last_attempt_at", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.CheckConstraint("id = 1", name="one_row"),
    )
    op.create_table(
        "sync_feed_held",
        sa.Column("version", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_feed_held")
    op.drop_table("sync_state")
    op.drop_index("ix_sync_quarantine_outbox_id", table_name="sync_quarantine")
    op.drop_table("sync_quarantine")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("server_id")

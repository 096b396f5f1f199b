"""The public status page: its rate-limit counters (one row per number or client
address) and an index to find an applicant among the pushed changes.

Revision ID: 0002_status_page
Revises: 0001_initial
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_status_page"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_rate_limits",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_status_rate_limits")),
    )
    with op.batch_alter_table("status_rate_limits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_status_rate_limits_window_start"), ["window_start"], unique=False
        )
    with op.batch_alter_table("applied_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_applied_changes_entity_entity_id", ["entity", "entity_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("applied_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_applied_changes_entity_entity_id")
    with op.batch_alter_table("status_rate_limits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_rate_limits_window_start"))
    op.drop_table("status_rate_limits")

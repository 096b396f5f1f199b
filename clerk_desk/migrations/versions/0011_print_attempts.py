"""Print attempts recorded before they are sent, completed after, reconciled at start.

Until this revision a print was recorded once the printer had answered (an
audit entry only), so a kill after a PDF reached a printer folder and before
the record left a file without one. ``print_attempts`` holds each attempt,
committed as "sending" before the printer gets the bytes; see
``clerk_desk.recovery``. Attempts made before this revision stay in the audit
log only.

Revision ID: 0011_print_attempts
Revises: 0010_agent_collection
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from clerk_desk.models.base import UTCDateTime

revision = "0011_print_attempts"
down_revision = "0010_agent_collection"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_attempts",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("staff_id", sa.String(length=32), nullable=False),
        sa.Column("printer", sa.String(length=1024), nullable=False),
        sa.Column("job_name", sa.String(length=128), nullable=False),
        sa.Column("process", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.Column("job", sa.String(length=1024), nullable=True),
        sa.Column("error", sa.String(length=2000), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("print_attempts", schema=None) as batch_op:
        batch_op.create_index("ix_print_attempts_status", ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_print_attempts_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("print_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_print_attempts_document_id"))
        batch_op.drop_index("ix_print_attempts_status")
    op.drop_table("print_attempts")

"""Handover batches of village agents (代办件移交清单) and the cases on them.

* handover_batches: one list per batch, with its printed document and, once
  the township counter has received it, who received it and when;
* handover_cases: the cases of a batch in printed order; a case is handed
  over once (case_id unique).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import clerk_desk.models.base

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handover_batches",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("batch_number", sa.String(length=40), nullable=False),
        sa.Column("agent_id", sa.String(length=32), nullable=False),
        sa.Column("village_point", sa.Text(), nullable=False),
        sa.Column("created_at", clerk_desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=True),
        sa.Column("received_by", sa.String(length=32), nullable=True),
        sa.Column("received_at", clerk_desk.models.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["staff.id"], name=op.f("fk_handover_batches_agent_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_handover_batches_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["received_by"], ["staff.id"], name=op.f("fk_handover_batches_received_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_batches")),
        sa.UniqueConstraint("batch_number", name=op.f("uq_handover_batches_batch_number")),
    )
    with op.batch_alter_table("handover_batches", schema=None) as batch_op:
        batch_op.create_index(
            "ix_handover_batches_agent_created", ["agent_id", "created_at"], unique=False
        )

    op.create_table(
        "handover_cases",
        sa.Column("batch_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["handover_batches.id"],
            name=op.f("fk_handover_cases_batch_id_handover_batches"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_handover_cases_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("batch_id", "position", name=op.f("pk_handover_cases")),
        sa.UniqueConstraint("case_id", name=op.f("uq_handover_cases_case_id")),
    )


def downgrade() -> None:
    op.drop_table("handover_cases")
    with op.batch_alter_table("handover_batches", schema=None) as batch_op:
        batch_op.drop_index("ix_handover_batches_agent_created")
    op.drop_table("handover_batches")

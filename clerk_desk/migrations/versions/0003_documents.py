"""Printed documents kept with their cases.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import clerk_desk.models.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("layout", sa.String(length=8), nullable=False),
        sa.Column("created_at", clerk_desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("staff_id", sa.String(length=32), nullable=False),
        sa.Column("reprint", sa.Integer(), nullable=False),
        sa.Column("original_id", sa.String(length=32), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("print_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_documents_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["original_id"], ["documents.id"], name=op.f("fk_documents_original_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_documents_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_case_created", ["case_id", "created_at"], unique=False)


def downgrade() -> None:
    op.drop_table("documents")

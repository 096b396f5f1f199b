"""Document serial numbers (文书编号): a counter per prefix, kind and year, a column.

Documents kept before have no serial (NULL); their reprints get none either.

Revision ID: 0009_document_serials
Revises: 0008_staff_accounts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_document_serials"
down_revision = "0008_staff_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_serials",
        sa.Column("prefix", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix", "kind", "year", name=op.f("pk_document_serials")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("serial", sa.String(length=64), nullable=True))
        batch_op.create_index("uq_documents_serial_reprint", ["serial", "reprint"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("uq_documents_serial_reprint")
        batch_op.drop_column("serial")
    op.drop_table("document_serials")

"""Chain epochs: a restored terminal's audit entries are unique per (terminal, epoch, seq).

Revision ID: 0005_restore
Revises: 0004_backoffice
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_restore"
down_revision = "0004_backoffice"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The new columns keep their server default (0, the first epoch): on SQLite, dropping
    # it would rebuild ``terminals``, which every other table refers to.
    with op.batch_alter_table("terminals") as batch:
        batch.add_column(sa.Column("chain_epoch", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("audit_entries") as batch:
        batch.add_column(sa.Column("epoch", sa.Integer(), nullable=False, server_default="0"))
        batch.drop_constraint("uq_audit_entries_terminal_id_seq", type_="unique")
        batch.create_unique_constraint(
            "uq_audit_entries_terminal_id_epoch_seq", ["terminal_id", "epoch", "seq"]
        )
    with op.batch_alter_table("chain_breaks") as batch:
        batch.add_column(sa.Column("epoch", sa.Integer(), nullable=False, server_default="0"))
    op.create_table(
        "chain_epochs",
        sa.Column("terminal_id", sa.String(length=32), nullable=False),
        sa.Column("epoch", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("fork_seq", sa.BigInteger(), nullable=False),
        sa.Column("fork_hash", sa.String(length=64), nullable=False),
        sa.Column("lost_to_seq", sa.BigInteger(), nullable=False),
        sa.Column("break_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["break_id"], ["chain_breaks.id"], name=op.f("fk_chain_epochs_break_id_chain_breaks")
        ),
        sa.ForeignKeyConstraint(
            ["terminal_id"], ["terminals.id"], name=op.f("fk_chain_epochs_terminal_id_terminals")
        ),
        sa.PrimaryKeyConstraint("terminal_id", "epoch", name=op.f("pk_chain_epochs")),
    )


def downgrade() -> None:
    op.drop_table("chain_epochs")
    with op.batch_alter_table("chain_breaks") as batch:
        batch.drop_column("epoch")
    with op.batch_alter_table("audit_entries") as batch:
        batch.drop_constraint("uq_audit_entries_terminal_id_epoch_seq", type_="unique")
        batch.create_unique_constraint("uq_audit_entries_terminal_id_seq", ["terminal_id", "seq"])
        batch.drop_column("epoch")
    with op.batch_alter_table("terminals") as batch:
        batch.drop_column("chain_epoch")

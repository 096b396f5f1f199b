"""Steps the system takes on a case, and the audit chain anchored in the outbox.

* case_events.staff_id becomes nullable: NULL is a step no person took (a due
  date reviewed when the county publishes a newer holiday schedule);
* outbox.audit_seq / outbox.audit_hash: the audit entry written with each
  outbox entry. The outbox goes up to the county's server, so the chain's
  hashes leave the terminal, and locally ``verify_audit`` cross-checks them:
  removing audit entries from the end then also means removing the changes
  still waiting to sync.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.alter_column("staff_id", existing_type=sa.String(length=32), nullable=True)
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audit_seq", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("audit_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("audit_hash")
        batch_op.drop_column("audit_seq")
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.alter_column("staff_id", existing_type=sa.String(length=32), nullable=False)

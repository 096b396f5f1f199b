"""A restored store recovers the centre's cases; revoked terminals of the centre (issue #10).

* ``sync_state.recovery_needed``: set by a restore (``clerk-desk restore``) or by the
  server's ``restored`` chain report; the next sync fetches the centre's cases from
  the server (``GET /sync/v1/recover``) before it pushes, then clears it.
  ``sync_state.recovery_after``: the last case id recovered, so a recovery cut
  short goes on where it stopped.
* ``sync_revoked``: the ``revoked`` feed items: terminals of this centre the county
  revoked (shown by ``clerk-desk sync status``).

Revision ID: 0014_restore
Revises: 0013_sync
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from clerk_desk.models.base import UTCDateTime

revision = "0014_restore"
down_revision = "0013_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("recovery_needed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("recovery_after", sa.String(64), nullable=False, server_default="")
        )
    op.create_table(
        "sync_revoked",
        sa.Column("terminal_number", sa.String(8), primary_key=True),
        sa.Column("revoked_at", sa.Text(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_revoked")
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("recovery_after")
        batch_op.drop_column("recovery_needed")

"""Village agents collect, the township accepts: when a case was collected and handed over.

``cases.collected_at``: the village agent's collection (代办收件), which gives
the case its 代办收件回执; ``cases.handed_over_at``: the township counter's
receipt of the hand-over, from which the one-time notice's 5 working days
run. Both are empty on every case before this revision.

Revision ID: 0010_agent_collection
Revises: 0009_document_serials
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from clerk_desk.models.base import UTCDateTime

revision = "0010_agent_collection"
down_revision = "0009_document_serials"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("collected_at", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("handed_over_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("handed_over_at")
        batch_op.drop_column("collected_at")

"""Catalog versions can be retired: ``catalog_versions.retired_at``.

A retired version is never current (new cases take the newest published
version that is not retired); cases taken under it keep their items. Empty on
every version before this revision.

Revision ID: 0012_catalog_retire
Revises: 0011_print_attempts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from clerk_desk.models.base import UTCDateTime

revision = "0012_catalog_retire"
down_revision = "0011_print_attempts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("catalog_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retired_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("catalog_versions", schema=None) as batch_op:
        batch_op.drop_column("retired_at")

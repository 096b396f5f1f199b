"""Staff accounts: the village an agent serves, forced password change, lockout.

* staff.village: the village point (村代办点) of a village agent ("" for others;
  existing agents keep "" until an admin sets it);
* staff.must_change_password: the next login asks for a new password;
* staff.failed_logins / staff.locked_until: five failed logins lock the
  account for five minutes.

Revision ID: 0008_staff_accounts
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_staff_accounts"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.add_column(sa.Column("village", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")
        batch_op.drop_column("must_change_password")
        batch_op.drop_column("village")

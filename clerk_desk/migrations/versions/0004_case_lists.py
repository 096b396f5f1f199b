"""Indexes for the case lists of the main window (clerk_desk.case_lists).

* cases (created_at, id): the "all" and "today" lists, newest first, from the
  index alone;
* cases (first_clerk_id, created_at, id): the "mine" list, likewise; replaces
  (first_clerk_id, created_at), its prefix;
* applicants (name, id) and (phone): search by name (prefix and substring)
  and by phone.

Index changes only: no table is copied.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_first_clerk_created")
        batch_op.create_index(
            "ix_cases_first_clerk_created_id",
            ["first_clerk_id", "created_at", "id"],
            unique=False,
        )
        batch_op.create_index("ix_cases_created_at_id", ["created_at", "id"], unique=False)

    with op.batch_alter_table("applicants", schema=None) as batch_op:
        batch_op.create_index("ix_applicants_name_id", ["name", "id"], unique=False)
        batch_op.create_index("ix_applicants_phone", ["phone"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("applicants", schema=None) as batch_op:
        batch_op.drop_index("ix_applicants_phone")
        batch_op.drop_index("ix_applicants_name_id")

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_created_at_id")
        batch_op.drop_index("ix_cases_first_clerk_created_id")
        batch_op.create_index(
            "ix_cases_first_clerk_created", ["first_clerk_id", "created_at"], unique=False
        )

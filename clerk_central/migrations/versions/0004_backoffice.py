"""The back office: server accounts with a password hash, role and centre; their sessions.

Revision ID: 0004_backoffice
Revises: 0003_feeds
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_backoffice"
down_revision = "0003_feeds"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("admins") as batch:
        batch.add_column(
            sa.Column("password_hash", sa.String(length=200), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("role", sa.String(length=16), nullable=False, server_default="office")
        )
        batch.add_column(sa.Column("centre_id", BIG_ID, nullable=True))
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch.create_foreign_key(
            op.f("fk_admins_centre_id_centres"), "centres", ["centre_id"], ["id"]
        )
    op.create_table(
        "office_tokens",
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("admin_id", BIG_ID, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["admin_id"], ["admins.id"], name=op.f("fk_office_tokens_admin_id_admins")
        ),
        sa.PrimaryKeyConstraint("token_sha256", name=op.f("pk_office_tokens")),
    )
    op.create_index(op.f("ix_office_tokens_admin_id"), "office_tokens", ["admin_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_office_tokens_admin_id"), table_name="office_tokens")
    op.drop_table("office_tokens")
    with op.batch_alter_table("admins") as batch:
        batch.drop_constraint(op.f("fk_admins_centre_id_centres"), type_="foreignkey")
        for column in ("locked_until", "failed_logins", "centre_id", "role", "password_hash"):
            batch.drop_column(column)

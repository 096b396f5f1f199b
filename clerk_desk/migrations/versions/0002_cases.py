"""Cases, checklist marks, timeline, tracking sequences, holiday calendar.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import clerk_desk.models.base

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_days")),
    )

    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("loaded_at", clerk_desk.models.base.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_years")),
    )

    op.create_table(
        "tracking_sequences",
        sa.Column("terminal_code", sa.String(length=8), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("terminal_code", "day", name=op.f("pk_tracking_sequences")),
    )

    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("tracking_number", sa.String(length=20), nullable=False),
        sa.Column("query_code", sa.String(length=16), nullable=False),
        sa.Column("terminal_code", sa.String(length=8), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("catalog_version_id", sa.String(length=32), nullable=False),
        sa.Column("applicant_id", sa.String(length=32), nullable=False),
        sa.Column("proxy_id", sa.String(length=32), nullable=True),
        sa.Column("authorization_letter", sa.Text(), nullable=True),
        sa.Column("first_clerk_id", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("created_at", clerk_desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("updated_at", clerk_desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_unpublished_years", sa.JSON(), nullable=False),
        sa.Column("promise_date", sa.Date(), nullable=True),
        sa.Column("notice_issued_at", clerk_desk.models.base.UTCDateTime(), nullable=True),
        sa.Column("notice_material_ids", sa.JSON(), nullable=True),
        sa.Column("rejection", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["applicant_id"], ["applicants.id"], name=op.f("fk_cases_applicant_id_applicants")
        ),
        sa.ForeignKeyConstraint(
            ["catalog_version_id"],
            ["catalog_versions.id"],
            name=op.f("fk_cases_catalog_version_id_catalog_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["first_clerk_id"], ["staff.id"], name=op.f("fk_cases_first_clerk_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["catalog_items.id"], name=op.f("fk_cases_item_id_catalog_items")
        ),
        sa.ForeignKeyConstraint(
            ["proxy_id"], ["applicants.id"], name=op.f("fk_cases_proxy_id_applicants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("tracking_number", name=op.f("uq_cases_tracking_number")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_applicant_id"), ["applicant_id"], unique=False)
        batch_op.create_index(
            "ix_cases_first_clerk_created", ["first_clerk_id", "created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cases_item_id"), ["item_id"], unique=False)
        batch_op.create_index("ix_cases_state_due_on", ["state", "due_on"], unique=False)

    op.create_table(
        "case_events",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", clerk_desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("staff_id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("from_state", sa.String(length=24), nullable=True),
        sa.Column("to_state", sa.String(length=24), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_events_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_case_events_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_events")),
    )
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index("ix_case_events_case_seq", ["case_id", "seq"], unique=True)

    op.create_table(
        "case_materials",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("material_id", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("marked_at", clerk_desk.models.base.UTCDateTime(), nullable=False),
        sa.Column("marked_by", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_materials_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["marked_by"], ["staff.id"], name=op.f("fk_case_materials_marked_by_staff")
        ),
        sa.PrimaryKeyConstraint("case_id", "material_id", name=op.f("pk_case_materials")),
    )


def downgrade() -> None:
    op.drop_table("case_materials")
    op.drop_table("case_events")
    op.drop_table("cases")
    op.drop_table("tracking_sequences")
    op.drop_table("calendar_years")
    op.drop_table("calendar_days")

"""One n-th reprint per original: a unique index on (original_id, reprint).

Reprints used to be counted outside the write transaction, so two made at
the same moment could both be "第1次 补打". Should a store hold such a pair,
the later copies are numbered on after the last reprint of their original
before the index is made (their PDFs still say what they said; the audit log
keeps every copy's history): refusing to open the store would be worse.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _renumber_duplicates() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, original_id, reprint FROM documents WHERE original_id IS NOT NULL "
            "ORDER BY original_id, reprint, created_at, id"
        )
    ).all()
    last: dict[str, int] = {}
    for _, original_id, reprint in rows:
        last[original_id] = max(last.get(original_id, 0), reprint)
    seen: set[tuple[str, int]] = set()
    for doc_id, original_id, reprint in rows:
        if (original_id, reprint) in seen:
            last[original_id] += 1
            conn.execute(
                sa.text("UPDATE documents SET reprint = :n WHERE id = :id"),
                {"n": last[original_id], "id": doc_id},
            )
        else:
            seen.add((original_id, reprint))


def upgrade() -> None:
    _renumber_duplicates()
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(
            "uq_documents_original_reprint", ["original_id", "reprint"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("uq_documents_original_reprint")

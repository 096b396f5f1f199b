"""Alembic environment: always runs on a connection handed in by clerk_central.db."""

from __future__ import annotations

from alembic import context

from clerk_central.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the programmatic path is supported
    raise RuntimeError("run migrations through clerk_central.db.upgrade, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

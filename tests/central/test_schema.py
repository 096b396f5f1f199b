"""The migrations build exactly the models' schema, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from clerk_central.db import make_engine, upgrade
from clerk_central.models import Base


def test_migrations_match_the_models(db_url) -> None:
    engine = make_engine(db_url)
    upgrade(engine)  # a second upgrade is a no-op
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()

"""The migrations build exactly the models' schema, on both databases."""

from __future__ import annotations

import secrets
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from clerk_central.db import make_engine, upgrade
from clerk_central.models import Base


def test_migrations_match_the_models(db_url) -> None:
    engine = make_engine(db_url)
    upgrade(engine)  # a second upgrade is a no-op
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_entries_held_before_epochs_migrate_into_epoch_0(
    pg_server_url: str, tmp_path: Path
) -> None:
    """0005_restore on a database with entries: they are epoch 0, and a seq may repeat."""
    name = f"clerk_central_migrate_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    urls = [pg_server_url.rsplit("/", 1)[0] + "/" + name, f"sqlite:///{tmp_path / 'm.sqlite3'}"]
    at = "2026-12-05 00:00:00.000000"  # as both databases take a time in plain SQL
    try:
        for url in urls:
            engine = make_engine(url)
            upgrade(engine, "0003_feeds")
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO centres (id, code, name, region_code, phone, created_at) "
                        "VALUES (1, 'C01', 'c', '', '', :at)"
                    ),
                    {"at": at},
                )
                conn.execute(
                    text(
                        "INSERT INTO terminals (id, centre_id, number, secret_sha256, store_id, "
                        "hostname, client_version, enrolled_at, chain_last_seq, chain_last_hash, "
                        "chain_broken) VALUES ('t1', 1, '00001', 's', 'x', '', '', :at, 2, 'h2', "
                        ":no)"
                    ),
                    {"at": at, "no": False},
                )
                for seq in (1, 2):
                    conn.execute(
                        text(
                            "INSERT INTO audit_entries (terminal_id, seq, entry_id, at, actor_id, "
                            "action, entity, entity_id, payload, prev_hash, hash, received_at) "
                            "VALUES ('t1', :seq, 'e', 'a', 'c', 'x', 'x', 'x', '{}', 'p', :h, :at)"
                        ),
                        {"seq": seq, "h": f"h{seq}", "at": at},
                    )
            upgrade(engine)
            with engine.begin() as conn:
                assert conn.execute(text("SELECT chain_epoch FROM terminals")).scalar_one() == 0
                epochs = conn.execute(text("SELECT epoch FROM audit_entries")).scalars().all()
                assert epochs == [0, 0]
                conn.execute(
                    text(
                        "INSERT INTO audit_entries (terminal_id, epoch, seq, entry_id, at, "
                        "actor_id, action, entity, entity_id, payload, prev_hash, hash, "
                        "received_at) VALUES ('t1', 1, 2, 'e', 'a', 'c', 'x', 'x', 'x', '{}', "
                        "'h1', 'other', :at)"
                    ),
                    {"at": at},
                )
            with pytest.raises(IntegrityError), engine.begin() as conn:
                conn.execute(
                    text(
                        "INSERT INTO audit_entries (terminal_id, epoch, seq, entry_id, at, "
                        "actor_id, action, entity, entity_id, payload, prev_hash, hash, "
                        "received_at) VALUES ('t1', 1, 2, 'e', 'a', 'c', 'x', 'x', 'x', '{}', "
                        "'h1', 'again', :at)"
                    ),
                    {"at": at},
                )
            engine.dispose()
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

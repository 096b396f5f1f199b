"""The local store: pragmas, migrations with a copy first, refusal of unknown schemas."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from clerk_desk.models import Base
from clerk_desk.storage import (
    SCHEMA_HEAD,
    Store,
    StoreError,
    current_revision,
    head_revision,
    make_engine,
    upgrade,
)

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def test_new_database_is_at_head_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "db.sqlite3")
    with store.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    assert current_revision(store.engine) == head_revision()
    assert not (tmp_path / "backups").exists()  # nothing to back up
    store.close()


def test_schema_head_constant_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_HEAD


def test_migrations_match_the_models(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "db.sqlite3")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    store.close()


def test_upgrade_from_the_first_migration_keeps_data_and_copies_the_file(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO staff (id, login, name, role, window, active, created_at) "
                "VALUES ('s1', 'li', '李𠈌', 'clerk', '3', 1, '2026-11-01 00:00:00.000000')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO applicants (id, kind, name, id_number, phone, contact_person, "
                "created_at, updated_at) VALUES ('a1', 'person', '王䶮', '11010519491231002X', "
                "'13812345678', '', '2026-11-01 00:00:00', '2026-11-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO catalog_versions VALUES ('v1', '2026.1', '2026-01-01 00:00:00', "
                "'370830104', '郭仓镇', '2026-01-02 00:00:00', :sha, 1)"
            ),
            {"sha": "0" * 64},
        )
        conn.execute(
            text(
                "INSERT INTO catalog_items (id, version_id, code, position, name, department, "
                "level, agency_allowed, document) "
                "VALUES ('i1', 'v1', 'X-1', 0, '事项', '民政', 'township', 1, '{}')"
            )
        )
    engine.dispose()

    store = Store.open(path, now=NOW)
    assert current_revision(store.engine) == head_revision()
    with store.read() as s:
        assert s.execute(text("SELECT name FROM staff WHERE id='s1'")).scalar() == "李𠈌"
        assert s.execute(text("SELECT name FROM applicants")).scalar() == "王䶮"
        assert s.execute(text("SELECT code FROM catalog_items")).scalar() == "X-1"
        # The tables the second migration adds are there and usable.
        assert s.execute(text("SELECT count(*) FROM cases")).scalar() == 0
    store.close()

    backups = list((tmp_path / "backups").iterdir())
    assert [b.name for b in backups] == ["db.rev0001.20261122-080000.sqlite3"]
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert old.execute("SELECT name FROM staff").fetchone() == ("李𠈌",)
        assert old.execute("SELECT name FROM sqlite_master WHERE name='cases'").fetchone() is None


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer ClerkDesk"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"is damaged \(file is not a database\)"):
        Store.open(path)
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_failed_write_transaction_leaves_nothing(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "db.sqlite3")
    with pytest.raises(RuntimeError), store.write() as s:
        s.execute(text("INSERT INTO settings VALUES ('k', '1')"))
        raise RuntimeError("power cut")
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM settings")).scalar() == 0
    store.close()

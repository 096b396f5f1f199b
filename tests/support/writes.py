"""Which thread writes: a recorder of the store's INSERT/UPDATE/DELETE statements.

The app has one database writer (``TaskRunner``'s ``clerk-desk-db`` thread); tests that
drive a whole flow (an intake and its print, a sync round) check every write went there.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from clerk_desk.storage import Store

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# The name of the app's one database writer thread (TaskRunner's single-worker pool).
DB_THREAD = "clerk-desk-db_0"


@contextmanager
def writes_by_thread(store: Store) -> Iterator[list[tuple[str, str]]]:
    """(thread name, table) of every write the store's engine executes meanwhile."""
    seen: list[tuple[str, str]] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        words = statement.split()
        if words and words[0].upper() in WRITES:
            # INSERT INTO t, UPDATE t, DELETE FROM t, REPLACE INTO t
            table = words[1] if words[0].upper() == "UPDATE" else words[2]
            seen.append((threading.current_thread().name, table.strip('"')))

    event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", before)

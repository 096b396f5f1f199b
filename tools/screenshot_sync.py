"""Screenshot of the sync page (docs/img/screen-sync.png) against a real county server.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python \
        tools/screenshot_sync.py docs/img

Starts the county server (clerk_central, SQLite in a temporary directory) in
this process, enrolls a throw-away terminal, takes a few cases with the demo
clerk, syncs, makes one change the server refuses (id_reused: its payload
edited after it was applied) and shows the sync page in Chinese.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from support.central import LiveServer, add_centre, enroll_code
from screenshots import demo_cases, save, wait

from clerk_central.db import make_engine, session_factory, upgrade
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.models import OutboxEntry
from clerk_desk.sync import SyncClient
from clerk_desk.ui.app import Application, install_translators
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.tasks import TaskRunner


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite:///{tmp / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    server = LiveServer(url)
    server.start()
    try:
        add_centre(sessions)
        clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ))
        desk = Desk.open(tmp / "data", clock=clock)
        ensure_ready(desk)
        demo_cases(desk, clock)  # its clock goes back to October: before the enrolment
        clock.set(datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ))
        client = SyncClient(desk.store, desk.clock)
        client.enroll(server.base, enroll_code(sessions))
        client.run()
        with desk.store.write() as s:  # one change goes again, altered: refused
            entry = s.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.entity == "case")
                .order_by(OutboxEntry.seq.desc())
            ).first()
            assert entry is not None
            entry.payload = {**entry.payload, "altered": True}
            entry.sent_at = None
            entry.server_id = None
        client.run()
        install_translators(app, "zh_CN")
        ctx = UiContext(desk, TaskRunner())
        shell = Application(app, ctx)
        shell._logged_in(desk.staff.by_login("demo"))
        window = shell.main_window
        assert isinstance(window, MainWindow)
        window.resize(1366, 740)
        window.show()
        page = window.sync_page
        assert page is not None
        window._show(page)
        wait(
            lambda: (
                page.model.rowCount() == 1 and ctx.sync is not None and ctx.sync.status is not None
            )
        )
        save(window, out, "sync")
        window.close()
        ctx.runner.shutdown()
    finally:
        server.stop()
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img")))

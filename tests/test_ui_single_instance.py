"""One app per data directory, the start's refusals, and the disk on the status bar.

Real app processes (offscreen) are started, asked to come forward and
killed; the refusal dialog is read in Chinese; a full disk (SQLite's own
SQLITE_FULL) meets the intake, which keeps what the clerk typed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import event
from support.intake import ctx_fixture, settled, window_fixture  # noqa: F401 - the ctx and window fixtures

from clerk_desk.desk import Desk
from clerk_desk.first_run import ensure_ready
from clerk_desk.instance_lock import InstanceLock, app_running
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.settings import MAX_LOW_DISK_MB
from clerk_desk.ui.app import run
from clerk_desk.ui.ops import OpChanges
from clerk_desk.ui.single_instance import ActivationServer, ask_to_raise, server_name

pytestmark = pytest.mark.gui
REPO = Path(__file__).resolve().parent.parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("CLERK_DESK_DATA_DIR", None)
    return env


def _app(data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "clerk_desk", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _wait(condition, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _raised(data_dir: Path) -> bool:
    return ask_to_raise(data_dir, timeout_ms=500)


def test_names_differ_by_directory(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "x" / ".." / "a")
    assert len(server_name(tmp_path / ("long" * 60))) < 60  # a Unix socket path is short


def test_a_second_start_rings_the_first(qtbot, tmp_path: Path) -> None:
    server = ActivationServer(tmp_path)
    assert server.listen()
    try:
        with qtbot.waitSignal(server.activation_requested, timeout=20_000):
            asker = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "import sys\nfrom pathlib import Path\n"
                    "from clerk_desk.ui.single_instance import ask_to_raise\n"
                    "sys.exit(0 if ask_to_raise(Path(sys.argv[1])) else 1)",
                    str(tmp_path),
                ],
                env=_env(),
            )
            qtbot.waitUntil(lambda: asker.poll() is not None)
        assert asker.returncode == 0
    finally:
        server.close()
    assert not ask_to_raise(tmp_path, timeout_ms=300)  # nobody listens any more


def test_one_app_per_directory_and_no_stale_lock_after_a_kill(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    tries = failures = 0
    problems = []
    first = _app(data_dir)
    try:
        for round_ in range(3):
            if not _wait(lambda: app_running(data_dir) and _raised(data_dir)):
                failures += 1
                problems.append(f"round {round_}: the app did not come up")
                break
            second = _app(data_dir)
            _out, err = second.communicate(timeout=120)
            tries += 1
            if second.returncode != 0 or "brought forward" not in err or "Traceback" in err:
                failures += 1
                problems.append(f"round {round_}: second start {second.returncode}: {err}")
            first.send_signal(signal.SIGKILL)
            first.communicate(timeout=60)
            tries += 1
            first = _app(data_dir)  # the killed app's lock is gone: this one opens
            if not _wait(lambda: app_running(data_dir) and _raised(data_dir)):
                failures += 1
                problems.append(f"round {round_}: no start after the kill: {first.poll()}")
                break
    finally:
        first.kill()
        first.communicate(timeout=60)
    print(f"second starts and kills of the app: tries {tries}, failures {failures}")
    assert problems == []
    assert failures == 0


def _answer_dialog(seen: list[str]) -> None:
    """Read and close the modal dialog run() shows (it blocks until closed)."""

    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.accept()
        else:
            QTimer.singleShot(50, close)

    QTimer.singleShot(50, close)


def test_an_open_app_that_does_not_answer_is_said_in_chinese(qapp, tmp_path: Path, capfd) -> None:
    data_dir = tmp_path / "data"
    desk = Desk.open(data_dir)
    ensure_ready(desk)
    desk.close()
    lock = InstanceLock.acquire(data_dir)  # held, but nobody listens for a second start
    assert lock is not None
    seen: list[str] = []
    try:
        _answer_dialog(seen)
        assert run(data_dir) == 1
    finally:
        lock.release()
    assert seen and "已经打开" in seen[0], seen
    assert "already open" in capfd.readouterr().err
    # The refusal took its translations away again: the next test reads English.
    assert QApplication.translate("DomainMessages", "village") == "village"


def test_a_data_directory_that_cannot_be_made_is_said_in_a_dialog(qapp, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    seen: list[str] = []
    _answer_dialog(seen)
    assert run(blocker / "data") == 1
    assert seen and str(blocker) in seen[0] and "不是文件夹" in seen[0], seen


# -- the disk ----------------------------------------------------------------------


def test_the_status_bar_warns_of_a_low_disk(qtbot, window, ctx) -> None:
    assert (
        not window.status_bar.disk_status_label.isVisible() or window.status.low_disk_mb is not None
    )
    new = ctx.desk.update_settings(
        ctx.desk.settings().replace(low_disk_warning_mb=MAX_LOW_DISK_MB), actor_id=SYSTEM_ACTOR
    )
    ctx.changes.publish(OpChanges.of_settings(new))
    qtbot.waitUntil(lambda: window.status.low_disk_mb is not None)
    qtbot.waitUntil(window.status_bar.disk_status_label.isVisible)
    assert str(window.status.low_disk_mb) in window.status_bar.disk_status_label.text()
    new = ctx.desk.update_settings(
        ctx.desk.settings().replace(low_disk_warning_mb=0), actor_id=SYSTEM_ACTOR
    )
    ctx.changes.publish(OpChanges.of_settings(new))
    qtbot.waitUntil(lambda: not window.status_bar.disk_status_label.isVisible())


def test_the_intake_keeps_what_was_typed_when_the_disk_is_full(
    qtbot, window, ctx, applicant, desk
) -> None:
    intake = window.intake
    engine = desk.store.engine

    def limit(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    qtbot.keyClicks(intake.id_edit, applicant.id_number)
    qtbot.keyClick(intake.id_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.item_edit)
    settled(qtbot, ctx)
    pending_before = desk.pending_changes()
    engine.dispose()
    event.listen(engine, "connect", limit)
    try:
        qtbot.keyClicks(intake.item_edit, "zdsh")
        qtbot.keyClick(intake.item_edit, Qt.Key.Key_Return)
        settled(qtbot, ctx)
        shown = [w.text() for w in window.findChildren(type(intake.status_label)) if w.isVisible()]
        messages = " ".join(shown) + " " + window.statusBar().currentMessage()
        assert "磁盘已满" in messages or "disk is full" in messages, messages
        assert intake.case is None  # no case was made
        assert intake.id_edit.text() == applicant.id_number
        assert intake.item_edit.text() == "zdsh"
    finally:
        event.remove(engine, "connect", limit)
        engine.dispose()
    assert desk.pending_changes() == pending_before  # nothing was written
    # Space again: the same Return goes on with what was typed.
    intake.item_edit.setFocus()
    qtbot.keyClick(intake.item_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case is not None)

"""An unexpected exception in the app: logged, a short dialog naming the log, and the app goes on."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from support.desks import REPO, resident_id

from clerk_desk import diagnostics
from clerk_desk.ui.app import install_translators
from clerk_desk.ui.crash_dialog import CrashReporter

pytestmark = pytest.mark.gui

NAME = "王䶮"
ID_NUMBER = resident_id("37083019800101123")


@pytest.fixture
def reporter(data_dir: Path) -> Iterator[CrashReporter]:
    """The app's hooks in this test process (faulthandler stays pytest's), undone after."""
    data_dir.mkdir(parents=True)
    path = diagnostics.setup_logging(data_dir, command="test")
    r = CrashReporter(path)
    diagnostics.install_excepthooks(r.report, faults=False)
    yield r
    diagnostics.uninstall_excepthooks()
    diagnostics.stop_logging()
    if r.dialog is not None:
        r.dialog.close()


class Emitter(QObject):
    fired = Signal()


def visible_crash_dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "crash_dialog" and w.isVisible()
    ]


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_dialog_and_the_app_goes_on(
    qtbot: QtBot, reporter: CrashReporter, data_dir: Path
) -> None:
    button = QPushButton("Save")
    qtbot.addWidget(button)
    clicks: list[int] = []

    def save() -> None:
        clicks.append(1)
        raise ValueError(f"cannot save {NAME} {ID_NUMBER}")

    button.clicked.connect(save)
    faults = failures = 0
    button.click()  # the exception leaves the slot: PySide6 hands it to sys.excepthook
    faults += 1
    qtbot.waitUntil(lambda: len(visible_crash_dialogs()) == 1)
    dialog = visible_crash_dialogs()[0]
    assert reporter.dialog is dialog
    assert "ValueError" in dialog.text()
    assert str(diagnostics.log_path(data_dir).absolute()) in dialog.informativeText()
    # The app goes on: the same button works again, an emitter's slot and a timer still run.
    button.click()
    faults += 1
    emitter = Emitter()
    emitter.fired.connect(lambda: (_ for _ in ()).throw(KeyError("in a lambda slot")))
    emitter.fired.emit()
    faults += 1
    ticked: list[int] = []
    QTimer.singleShot(0, lambda: ticked.append(1))
    qtbot.waitUntil(lambda: ticked == [1] and reporter.reported == 3)
    assert clicks == [1, 1]
    assert len(visible_crash_dialogs()) == 1  # one dialog; the others are counted in it
    assert "2 more unexpected error" in dialog.informativeText()
    # A worker thread's exception reaches the dialog through the GUI thread.
    thread = threading.Thread(target=lambda: 1 / 0, name="printing")
    thread.start()
    thread.join()
    faults += 1
    qtbot.waitUntil(lambda: reporter.reported == 4)
    dialog.close()
    qtbot.waitUntil(lambda: reporter.dialog is None)
    button.click()  # after the dialog was closed: a new one
    faults += 1
    qtbot.waitUntil(lambda: len(visible_crash_dialogs()) == 1 and reporter.reported == 5)
    log = diagnostics.log_path(data_dir).read_text(encoding="utf-8")
    failures += 3 - log.count("ValueError: cannot save [text] [id-number]")
    failures += "KeyError: 'in a lambda slot'" not in log
    failures += "unexpected exception in thread printing" not in log
    failures += NAME in log or ID_NUMBER in log
    print(f"exceptions in the app: {faults} tries, {failures} failures")
    assert failures == 0


def test_the_dialog_speaks_the_clerks_language(qtbot: QtBot, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "zh_CN")
    try:
        r = CrashReporter(tmp_path / "logs" / "clerk-desk.log")
        r.report(RuntimeError("x"))
        qtbot.waitUntil(lambda: r.dialog is not None)
        assert r.dialog is not None
        assert "日志文件" in r.dialog.informativeText()
        assert "RuntimeError" in r.dialog.text() and "窗口受理台" in r.dialog.text()
        assert r.dialog.windowTitle() != "ClerkDesk: unexpected error"
        r.dialog.close()
        nowhere = CrashReporter(None)
        nowhere.report(RuntimeError("x"))
        qtbot.waitUntil(lambda: nowhere.dialog is not None)
        assert nowhere.dialog is not None
        assert "日志" in nowhere.dialog.informativeText()
        nowhere.dialog.close()
    finally:
        for t in translators:
            app.removeTranslator(t)


APP_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv)  # the app's run() takes this one

def boom():
    raise ValueError("slot failed for {name} {id_number}")

def finish():
    shown = sorted(w.objectName() for w in app.topLevelWidgets() if w.isVisible() and w.objectName())
    print("visible:", shown, flush=True)
    app.quit()

QTimer.singleShot(500, boom)
QTimer.singleShot(4000, finish)
import clerk_desk.cli as cli
sys.argv = ["clerk-desk", "--data-dir", {data_dir!r}]
sys.exit(cli.main())
"""


@pytest.mark.slow
def test_the_real_app_logs_the_exception_shows_the_dialog_and_exits_normally(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    script = APP_SCRIPT.format(name=NAME, id_number=ID_NUMBER, data_dir=str(data_dir))
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "crash_dialog" in proc.stdout, proc.stdout
    assert "Traceback" not in proc.stderr
    log = diagnostics.log_path(data_dir).read_text(encoding="utf-8")
    assert "start (desktop app)" in log
    assert (
        "desktop app: Qt 6." in log and "PySide6 6." in log and "platform plugin offscreen" in log
    )
    assert "CRITICAL" in log and "unexpected exception" in log and "in boom" in log
    assert "ValueError: slot failed for [text] [id-number]" in log
    assert NAME not in log and ID_NUMBER not in log

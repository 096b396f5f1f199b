"""Screenshots of the running app for the README (under Xvfb, Qt's xcb platform).

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py docs/img
    QT_SCALE_FACTOR=2 xvfb-run -s "-screen 0 2732x1536x24" \
        .venv/bin/python tools/screenshots.py docs/img      # the intake at 200%

Builds a throw-away data directory with a few demo cases, drives the real
windows and saves what a clerk sees at 1366x768 (at 200%: the intake only,
as screen-intake-200pct.png).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clerk_desk.centre_setup import CentreSetup
from clerk_desk.clock import CHINA_TZ, FixedClock
from clerk_desk.desk import Desk
from clerk_desk.first_run import DEMO_LOGIN, ensure_ready
from clerk_desk.identity_numbers import resident_id_check_char
from clerk_desk.ui.app import Application, install_translators
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.first_start import FirstStartDialog
from clerk_desk.ui.main_window import MainWindow
from clerk_desk.ui.preview import PreviewDialog
from clerk_desk.ui.tasks import TaskRunner

LOW_INCOME = "370830104-MZ-001"
NO = dict.fromkeys(("has_disabled_member", "has_serious_illness", "divorced"), False)


def rid(body: str) -> str:
    return body + resident_id_check_char(body)


def wait(cond, seconds: float = 20) -> None:  # type: ignore[no-untyped-def]
    import time

    end = time.monotonic() + seconds
    while not cond():
        QCoreApplication.processEvents()
        if time.monotonic() > end:
            raise TimeoutError
        time.sleep(0.01)


def settle(ms: int = 300) -> None:
    QTest.qWait(ms)


SCALED = os.environ.get("QT_SCALE_FACTOR", "1") == "2"


def save(widget: QWidget, out: Path, name: str) -> None:
    settle()
    path = out / (f"screen-{name}-200pct.png" if SCALED else f"screen-{name}.png")
    widget.grab().save(str(path))
    print("saved", path)


def demo_cases(desk: Desk, clock: FixedClock) -> None:
    clerk = desk.staff.by_login(DEMO_LOGIN)
    assert clerk is not None
    people = [
        ("王䶮", rid("37083019800101123"), "13812345678"),
        ("张𠈌", rid("37083019650712345"), "13905371234"),
        ("李秀英", rid("37083019580303222"), "15953701234"),
        ("刘建国", rid("37083019720909111"), "13605379876"),
    ]
    recs = [
        desk.applicants.register_person(actor_id=clerk.id, name=n, id_number=i, phone=p)
        for n, i, p in people
    ]
    key = ["id_card", "hukou", "app_form", "income", "consent"]
    for day, person, outcome in (
        (date(2026, 10, 12), recs[3], "accept"),
        (date(2026, 11, 2), recs[2], "accept"),
        (date(2026, 11, 18), recs[1], "notice"),
        (date(2026, 11, 20), recs[0], "accept"),
    ):
        clock.set(datetime(day.year, day.month, day.day, 9, 30, tzinfo=CHINA_TZ))
        case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=person.id)
        desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
        if outcome == "accept":
            desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=key)
            desk.intake.accept(case_id=case.id, clerk_id=clerk.id)
        else:
            desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=key[:3], missing=key[3:])
            desk.intake.issue_notice(case_id=case.id, clerk_id=clerk.id)
        desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    clock.set(datetime(2026, 11, 23, 10, 5, tzinfo=CHINA_TZ))


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    data = Path(tempfile.mkdtemp()) / "data"
    clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=CHINA_TZ))
    desk = Desk.open(data, clock=clock)
    ensure_ready(desk)
    printed = Path(tempfile.mkdtemp())
    desk.update_settings(
        desk.settings().replace(
            printer=f"folder:{printed / 'a4'}", roll_printer=f"folder:{printed / 'roll'}"
        ),
        actor_id="system",
    )
    demo_cases(desk, clock)
    install_translators(app, "zh_CN")
    ctx = UiContext(desk, TaskRunner())
    if not SCALED:
        first = FirstStartDialog(ctx)
        first.show()
        first.adjustSize()
        save(first, out, "first-start")
        first.close()
    shell = Application(app, ctx)
    shell.start()
    login = shell.login_window
    login.resize(420, 300)
    wait(login.demo_label.isVisible)
    login.login_edit.setText("demo")
    if not SCALED:
        save(login, out, "login")
    login.password_edit.setText("demo1234")
    QTest.keyClick(login.password_edit, Qt.Key.Key_Return)
    wait(lambda: shell.main_window is not None)
    window = shell.main_window
    assert isinstance(window, MainWindow)
    window.resize(1366, 740)  # the screen less a taskbar (doubled at 200%)
    window.tabs.setCurrentIndex(1)  # all
    wait(lambda: window.model.total() >= 4)
    wait(lambda: window.intake.item_index() is not None)
    intake = window.intake
    intake.id_edit.setText(rid("37083019800101123"))
    QTest.keyClick(intake.id_edit, Qt.Key.Key_Return)
    wait(lambda: intake.name_edit.text() != "")
    event = QInputMethodEvent()
    event.setCommitString("低保")
    QApplication.sendEvent(intake.item_edit, event)
    QTest.keyClick(intake.item_edit, Qt.Key.Key_Return)
    wait(lambda: intake.case is not None)
    for key in (Qt.Key.Key_Y, Qt.Key.Key_N, Qt.Key.Key_N):  # by_proxy answers itself
        QTest.keyClick(intake.questions_view, key)
    wait(lambda: intake.checklist.rowCount() == 6)
    for _ in range(4):
        QTest.keyClick(intake.checklist_view, Qt.Key.Key_Space)
        QTest.keyClick(intake.checklist_view, Qt.Key.Key_Down)
    save(window, out, "intake")
    if SCALED:
        window.close()
        ctx.runner.shutdown()
        desk.close()
        return 0
    intake.notice_button.click()  # Ctrl+N; Xvfb has no window manager to activate the window
    wait(lambda: any(d.isVisible() for d in window.findChildren(PreviewDialog)))
    dialog = next(d for d in window.findChildren(PreviewDialog) if d.isVisible())
    dialog.resize(900, 720)
    wait(lambda: dialog.pdf.pageCount() > 0)
    save(dialog, out, "preview")
    dialog.reject()
    settle()
    window.tabs.setCurrentIndex(1)
    wait(lambda: window.model.total() >= 5)
    window.table.selectRow(0)
    window.case_list.open_row(window.model.index(4, 0))
    detail = window.detail_page
    assert detail is not None
    wait(lambda: detail.case is not None)
    save(window, out, "case-detail")
    catalog = window.catalog_page
    assert catalog is not None
    window._show(catalog)
    wait(lambda: catalog.is_ready())
    catalog.search("低保")
    settle(500)
    save(window, out, "service-guide")
    staff_page(shell, desk, out)
    ctx.runner.shutdown()
    desk.close()
    return 0


def staff_page(shell: Application, desk: Desk, out: Path) -> None:
    """The centre goes live: its first admin (the demo account ends) and 人员管理."""
    desk.set_up_centre(
        CentreSetup(
            login="zhangli",
            name="张丽",
            password="Guocang-2026",
            decision_authority="汶上县郭仓镇人民政府",
            reconsideration_body="汶上县人民政府",
            court="汶上县人民法院",
        ),
        via="first_start",
    )
    for login, name, role, village in (
        ("lixy", "李晓燕", "clerk", ""),
        ("wangq", "王强", "supervisor", ""),
        ("zhaody", "赵代办", "agent", "东关村便民服务代办点"),
    ):
        desk.staff.create(
            actor_id="system", login=login, name=name, role=role, village=village,
            password="Temp-2026x",
        )
    shell._logout()
    login = shell.login_window
    wait(login.isVisible)
    login.login_edit.setText("zhangli")
    login.password_edit.setText("Guocang-2026")
    QTest.keyClick(login.password_edit, Qt.Key.Key_Return)
    wait(lambda: shell.main_window is not None and shell.main_window.isVisible())
    window = shell.main_window
    assert isinstance(window, MainWindow)
    window.resize(1366, 740)
    window._show(window.pages["staff"])
    settle(500)
    save(window, out, "staff")
    backups_dialog(shell, desk, window, out)
    window.close()


def backups_dialog(shell: Application, desk: Desk, window: QWidget, out: Path) -> None:
    """A supervisor's or admin's Backups dialog (Ctrl+Shift+B), after a backup by hand."""
    from clerk_desk.ui.backup_dialog import BackupDialog

    desk.backups.take("manual")
    dialog = BackupDialog(shell.ctx, window)
    dialog.show()
    wait(lambda: dialog.model.rowCount() > 0)
    settle(300)
    save(dialog, out, "backups")
    dialog.close()


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img")))

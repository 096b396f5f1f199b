"""The short dialog for an unexpected exception: it names the log file, and the app goes on.

:func:`clerk_desk.diagnostics.install_excepthooks` writes the traceback to
the log and calls :meth:`CrashReporter.report`, from whatever thread the
exception came from; the dialog itself is shown on the GUI thread. PySide6
hands an exception raised in a slot or a virtual method to ``sys.excepthook``
and carries on with the event loop, so the clerk can go on working.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, Slot, qInstallMessageHandler
from PySide6.QtWidgets import QMessageBox

from clerk_desk.ui.field_errors import widen_message_box

log = logging.getLogger(__name__)


class CrashReporter(QObject):
    """Shows one dialog at a time for unexpected exceptions; more while it is open are counted.

    Signals:
        exception_reported(str): an exception's type name, from any thread (shown queued).
    """

    exception_reported = Signal(str)

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.dialog: QMessageBox | None = None
        self.reported = 0  # exceptions shown or counted
        self._since_shown = 0
        self.exception_reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, exc: BaseException) -> None:
        """Called by the exception hooks, on any thread: never touches a widget here."""
        self.exception_reported.emit(type(exc).__name__)

    @Slot(str)
    def _show(self, kind: str) -> None:
        self.reported += 1
        if self.dialog is not None:
            self._since_shown += 1
            self.dialog.setInformativeText(self._details())
            return
        self._since_shown = 0
        # Not parented: the window the exception came from may be closing.
        box = QMessageBox()
        box.setObjectName("crash_dialog")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("ClerkDesk: unexpected error"))
        box.setText(
            self.tr(
                "Something went wrong inside ClerkDesk ({kind}). You can go on working: check that what you were doing has been saved."
            ).format(kind=kind)
        )
        box.setInformativeText(self._details())
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setWindowModality(Qt.WindowModality.NonModal)
        widen_message_box(box)  # the sentences as lines, not a column
        box.finished.connect(self._closed)
        self.dialog = box
        box.show()

    def _details(self) -> str:
        if self.log_file is None:
            text = self.tr("No log file could be written, so the details are lost.")
        else:
            text = self.tr(
                "The details are in the log file:\n{path}\nGive this file to whoever looks after ClerkDesk."
            ).format(path=str(self.log_file))
        if self._since_shown:
            text += "\n" + self.tr(
                "%n more unexpected error(s) since this message appeared.", "", self._since_shown
            )
        return text

    @Slot(int)
    def _closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def log_qt_messages() -> None:
    """Qt's own warnings ("QPainter::begin: ...") go to the log, as ours do."""
    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)

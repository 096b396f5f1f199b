"""The main window's status bar, and the freeze policy's banner above the window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStatusBar, QWidget

from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import ERROR_STYLE
from clerk_desk.ui.messages import without_paths
from clerk_desk.ui.terminal_status import (
    PrinterKind,
    PrinterState,
    TerminalStatus,
    freeze_words,
)

# The words were the main window's before the status bar was split from it:
# they keep its translation context.
translate = QCoreApplication.translate

WARNING_STYLE = f"{ERROR_STYLE}; font-weight: bold"


class FreezeBanner(QWidget):
    """The freeze policy's warning at login: a line above everything, until closed.

    It takes no focus and blocks nothing (the status bar keeps saying it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("freeze_banner")
        self.text = QLabel()
        self.text.setObjectName("freeze_banner_text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setStyleSheet(WARNING_STYLE)
        self.close_button = QPushButton(translate("MainWindow", "Close"))
        self.close_button.setObjectName("freeze_banner_close")
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.close_button)
        self.setVisible(False)


class MainStatusBar(QStatusBar):
    """Sync, changes waiting to sync, the printers, warnings; messages and "Working...".

    It shows what ``status`` (a TerminalStatus) reads, each time it has read
    it; the freeze policy's warning also goes on ``banner``, once a login.
    """

    def __init__(self, ctx: UiContext, banner: FreezeBanner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._banner = banner
        self.sync_label = QLabel()
        self.sync_label.setObjectName("sync_status")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pending_status")
        # The printer of the paper documents are made in; the other paper's when set.
        self.printer_label = QLabel()
        self.printer_label.setObjectName("printer_status")
        self.printer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.other_printer_label = QLabel()
        self.other_printer_label.setObjectName("other_printer_status")
        self.other_printer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_url_label = QLabel()
        self.status_url_label.setObjectName("status_url_status")
        self.status_url_label.setTextFormat(Qt.TextFormat.PlainText)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busy_status")
        # While the demo account is the only active account: this is no real counter yet.
        self.demo_status_label = QLabel(translate("MainWindow", "Demo account: not for real cases"))
        self.demo_status_label.setObjectName("demo_status")
        self.demo_status_label.setStyleSheet(WARNING_STYLE)
        self.demo_status_label.setToolTip(
            translate(
                "MainWindow",
                "Its password is public. An admin is created with the first-start dialog "
                "or clerk-desk staff add LOGIN --name NAME --role admin; that disables it.",
            )
        )
        self.demo_status_label.setVisible(False)
        # While the data's disk has less free space than the setting low_disk_warning_mb.
        self.disk_status_label = QLabel()
        self.disk_status_label.setObjectName("disk_status")
        self.disk_status_label.setStyleSheet(WARNING_STYLE)
        self.disk_status_label.setVisible(False)
        # The freeze policy: days without a successful sync, changes waiting (non-blocking).
        self.freeze_label = QLabel()
        self.freeze_label.setObjectName("freeze_status")
        self.freeze_label.setTextFormat(Qt.TextFormat.PlainText)
        self.freeze_label.setStyleSheet(WARNING_STYLE)
        self.freeze_label.setVisible(False)
        # Said once per login on the banner (see _show_freeze).
        self._freeze_told = False
        for w in (
            self.freeze_label,
            self.disk_status_label,
            self.demo_status_label,
            self.sync_label,
            self.pending_label,
            self.printer_label,
            self.other_printer_label,
            self.status_url_label,
        ):
            self.addPermanentWidget(w)
        self.addWidget(self.busy_label)
        self.status = TerminalStatus(ctx, self)
        self.status.changed.connect(self.show_status)
        self.status.failed.connect(self.show_message)

    def show_message(self, message: str, timeout: int = 10_000) -> None:
        """A message, paths cut to their file names (in full: the tooltip)."""
        short = without_paths(message)
        self.setToolTip(message if short != message else "")
        self.showMessage(short, timeout)

    def set_busy(self, busy: bool) -> None:
        self.busy_label.setText(translate("MainWindow", "Working...") if busy else "")

    def show_status(self) -> None:
        """Show what ``status`` read last."""
        status = self.status
        self.demo_status_label.setVisible(bool(status.demo_only))
        self.disk_status_label.setVisible(status.low_disk_mb is not None)
        if status.low_disk_mb is not None:
            self.disk_status_label.setText(
                translate("MainWindow", "Disk almost full: {free} MB free").format(
                    free=status.low_disk_mb
                )
            )
            self.disk_status_label.setToolTip(
                translate(
                    "MainWindow",
                    "When the disk is full no case can be saved. Ask for space to be freed; "
                    "the limit is set in Settings (Ctrl+,).",
                )
            )
        self._show_freeze()
        text, tip, warn = status.sync_summary()
        self.sync_label.setText(text)
        self.sync_label.setToolTip(tip)
        self.sync_label.setStyleSheet(WARNING_STYLE if warn else "")
        if status.pending is None:
            self.pending_label.clear()
        else:
            self.pending_label.setText(
                translate("MainWindow", "%n change(s) waiting to sync", "", status.pending)
            )
        shown = list(status.printers.items())
        # The paper is named when two printers are shown, or the only one is the roll's.
        named = len(shown) > 1 or status.paper != "a4"
        labels = (self.printer_label, self.other_printer_label)
        for label, (layout, printer) in zip(labels, shown, strict=False):
            text, tip, warn = self.printer_status(printer, layout if named else None)
            label.setText(text)
            label.setToolTip(tip)
            label.setStyleSheet(WARNING_STYLE if warn else "")
        self.other_printer_label.setVisible(len(shown) > 1)
        placeholder = status.placeholder_status_url
        self.status_url_label.setVisible(placeholder)
        if placeholder:
            self.status_url_label.setText(
                translate("MainWindow", "Documents carry a placeholder status address")
            )
            self.status_url_label.setToolTip(
                translate(
                    "MainWindow",
                    "The public status URL is still the example address {url}: the documents "
                    "and their QR codes send applicants nowhere. A supervisor or an admin sets "
                    "the centre's real address in Settings (Ctrl+,).",
                ).format(url=self._ctx.desk.settings().public_status_url)
            )
            self.status_url_label.setStyleSheet(WARNING_STYLE)

    def _show_freeze(self) -> None:
        """The freeze policy on the status bar; at login, once, on the banner."""
        freeze = self.status.freeze
        warned = freeze is not None and freeze.warned
        self.freeze_label.setVisible(warned)
        if freeze is None or not warned:
            self._banner.setVisible(False)  # a sync succeeded meanwhile
            return
        short, full = freeze_words(freeze)
        self.freeze_label.setText(short)
        self.freeze_label.setToolTip(full)
        self._banner.text.setText(full)
        if not self._freeze_told:
            self._freeze_told = True
            self._banner.setVisible(True)

    @staticmethod
    def _paper_name(layout: str) -> str:
        if layout == "roll80":
            return translate("MainWindow", "80 mm roll")
        if layout == "a4":
            return translate("MainWindow", "A4")
        return layout

    def printer_status(self, printer: PrinterState, layout: str | None) -> tuple[str, str, bool]:
        """The label text, tooltip and whether it warns, for one printer.

        ``layout`` names the printer's paper in the text (None: the only printer, A4).
        """
        paper = self._paper_name(layout) if layout is not None else ""
        if printer.kind is PrinterKind.NONE:
            if layout is None:
                text = translate("MainWindow", "No printer chosen")
                tip = translate("MainWindow", "Choose the printer in Settings (Ctrl+,).")
            else:
                text = translate("MainWindow", "No {paper} printer chosen").format(paper=paper)
                tip = translate(
                    "MainWindow", "Choose the printer for {paper} paper in Settings (Ctrl+,)."
                ).format(paper=paper)
            return text, tip, True
        if printer.kind is PrinterKind.FOLDER:
            name = translate("MainWindow", "PDF folder {name}").format(name=printer.name)
        elif printer.kind is PrinterKind.QT and not printer.name:
            name = translate("MainWindow", "system default printer")
        else:
            name = printer.name
        if printer.ready is None:
            tip = translate("MainWindow", "Checking the printer...")
            if layout is None:
                return translate("MainWindow", "Printer: {name}").format(name=name), tip, False
            return (
                translate("MainWindow", "{paper} printer: {name}").format(paper=paper, name=name),
                tip,
                False,
            )
        if printer.ready:
            if layout is None:
                text = translate("MainWindow", "Printer: {name}, ready").format(name=name)
            else:
                text = translate("MainWindow", "{paper} printer: {name}, ready").format(
                    paper=paper, name=name
                )
            # Readable: a folder's full path, else the name (never cups:QUEUE).
            folder = printer.setting.partition(":")[2] if printer.kind is PrinterKind.FOLDER else ""
            return text, folder or text, False
        if layout is None:
            text = translate("MainWindow", "Printer: {name}, not ready").format(name=name)
        else:
            text = translate("MainWindow", "{paper} printer: {name}, not ready").format(
                paper=paper, name=name
            )
        return text, printer.problem, True

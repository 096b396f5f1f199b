"""The case page's documents: originals and reprints (补打), and what the clerk does with them.

:class:`DocumentsModel` holds the documents (the generic
:class:`~clerk_desk.ui.table_model.RowTableModel`); :class:`DocumentsSection`
shows them with the Preview, Reprint, Reprint on the other paper and Make
documents buttons, and asks for those by signals: the case controller does them.
Its texts keep the ``CaseDetail`` translation context they had before the split.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.case_documents import A4_ONLY, DocumentInfo
from clerk_desk.settings import Layout
from clerk_desk.ui.actions import action_button, set_action_tooltip
from clerk_desk.ui.case_timeline import local_time, table_look
from clerk_desk.ui.preview import KIND_NAMES
from clerk_desk.ui.table_model import ALIGN_CENTRE, Column, RowTableModel

REPRINT_OTHER_KEY = "Ctrl+Shift+R"


class DocumentsModel(RowTableModel[DocumentInfo]):
    """The documents kept for the case, originals and reprints (补打)."""

    COLUMNS = ("kind", "serial", "paper", "reprint", "created", "printed")

    def __init__(self) -> None:
        self._tz = "Asia/Shanghai"
        columns: list[Column[DocumentInfo]] = [
            Column(
                lambda: self.tr("Document"), lambda d: KIND_NAMES.get(d.kind.value, d.kind.value)
            ),
            Column(lambda: self.tr("Serial no."), lambda d: d.serial or ""),
            Column(lambda: self.tr("Paper"), lambda d: paper_name(d.layout)),
            Column(
                lambda: self.tr("Reprint"),
                lambda d: str(d.reprint) if d.reprint else "",
                alignment=ALIGN_CENTRE,
            ),
            Column(lambda: self.tr("Made"), lambda d: local_time(d.created_at, self._tz)),
            Column(
                lambda: self.tr("Printed"), lambda d: str(d.print_count), alignment=ALIGN_CENTRE
            ),
        ]
        super().__init__(columns, key=lambda d: d.id)

    def reset(self, docs: Sequence[DocumentInfo], tz: str) -> None:
        self._tz = tz
        self.set_rows(docs)

    def documents(self) -> list[DocumentInfo]:
        return self.rows

    def document(self, row: int) -> DocumentInfo:
        return self.row(row)


def paper_name(layout: str) -> str:
    """A document's paper as the clerk calls it."""
    if layout == "roll80":
        return QCoreApplication.translate("CaseDetail", "80 mm roll")
    if layout == "a4":
        return QCoreApplication.translate("CaseDetail", "A4")
    return layout


def other_layout(layout: str) -> Layout:
    """The other paper: A4 for a roll document, the 80 mm roll for an A4 one."""
    return "a4" if layout == "roll80" else "roll80"


class DocumentsSection(QGroupBox):
    """The documents box: the table and its buttons; shows and collects, does nothing itself.

    The buttons' actions belong to ``keys`` (the case page), so their keys work
    wherever the focus is on the page.

    Signals:
        preview_requested(): Preview (or Enter on a document): the selected one.
        reprint_requested(object): Reprint the selected document: on its own paper
            (None) or on the other one (the Layout).
        make_requested(): Make the outcome documents the case is missing.
    """

    preview_requested = Signal()
    reprint_requested = Signal(object)
    make_requested = Signal()

    def __init__(self, keys: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("CaseDetail", "Documents"), parent)
        self.documents = DocumentsModel()
        self.documents_view = QTableView()
        self.documents_view.setObjectName("documents_view")
        self.documents_view.setModel(self.documents)
        table_look(self.documents_view)
        dh = self.documents_view.horizontalHeader()
        dh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        dh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.documents_view.activated.connect(lambda _i: self.preview_requested.emit())
        self.preview_button, self.preview_action = action_button(
            keys,
            QCoreApplication.translate("CaseDetail", "Preview"),
            "Ctrl+Shift+V",
            self.preview_requested.emit,
            "preview",
        )
        self.reprint_button, self.reprint_action = action_button(
            keys,
            QCoreApplication.translate("CaseDetail", "Reprint"),
            "Ctrl+Shift+P",
            lambda: self.reprint_requested.emit(None),
            "reprint",
        )
        # The same reprint on the other paper: an A4 copy of a roll receipt (or
        # the other way); its text names the paper of the selected document's copy.
        self.reprint_other_button, self.reprint_other_action = action_button(
            keys,
            QCoreApplication.translate("CaseDetail", "Reprint on A4"),
            REPRINT_OTHER_KEY,
            self.reprint_on_other_paper,
            "reprint_other_paper",
        )
        self.make_button, self.make_action = action_button(
            keys,
            QCoreApplication.translate("CaseDetail", "Make documents"),
            "Ctrl+Shift+M",
            self.make_requested.emit,
            "make_documents",
        )
        buttons = QVBoxLayout()
        for b in (
            self.preview_button,
            self.reprint_button,
            self.reprint_other_button,
            self.make_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.documents_view, 1)
        layout.addLayout(buttons)

    def reprint_on_other_paper(self) -> None:
        """Ask to reprint the selected document on the other paper (A4 <-> 80 mm roll)."""
        doc = self.selected_document()
        if doc is not None:
            self.reprint_requested.emit(other_layout(doc.layout))

    def selected_document(self) -> DocumentInfo | None:
        model = self.documents_view.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if rows:
            return self.documents.document(rows[0].row())
        current = self.documents_view.currentIndex()
        if current.isValid():
            return self.documents.document(current.row())
        return None

    def select_document(self, document_id: str) -> bool:
        """Select the document; False when the list does not hold it."""
        row = self.documents.row_of(document_id)
        if row is None:
            return False
        self.documents_view.selectRow(row)
        return True

    def show_documents(self, docs: Sequence[DocumentInfo], tz: str, select_id: str | None) -> None:
        """Show ``docs``; select ``select_id``, or else the newest."""
        self.documents.reset(docs, tz)
        row = self.documents.row_of(select_id) if select_id else None
        if row is None and docs:
            row = len(docs) - 1
        if row is not None:
            self.documents_view.selectRow(row)

    def offer(self, *, busy: bool, paper: str, calls_for: bool, can_make: bool) -> None:
        """Enable what can be done now.

        ``paper``: the terminal's paper, named by Reprint on the other paper when
        nothing is selected; ``calls_for``: the case's outcome calls for documents
        (Make documents shown); ``can_make``: some of them are not made yet.
        """
        selected = self.selected_document()
        has_doc = selected is not None
        for button, action in (
            (self.preview_button, self.preview_action),
            (self.reprint_button, self.reprint_action),
            (self.reprint_other_button, self.reprint_other_action),
        ):
            button.setEnabled(has_doc and not busy)
            action.setEnabled(has_doc and not busy)
        if selected is not None and selected.kind in A4_ONLY:
            # Sealed and kept by the applicant: no copy on the roll.
            self.reprint_other_button.setEnabled(False)
            self.reprint_other_action.setEnabled(False)
        # Nothing selected: the paper documents are made in stands for it.
        if selected is not None:
            paper = selected.layout
        to_roll = other_layout(paper) == "roll80"
        text = (
            QCoreApplication.translate("CaseDetail", "Reprint on 80 mm roll")
            if to_roll
            else QCoreApplication.translate("CaseDetail", "Reprint on A4")
        )
        self.reprint_other_button.setText(text)
        self.reprint_other_action.setText(text)
        set_action_tooltip(
            self.reprint_other_button, self.reprint_other_action, text, REPRINT_OTHER_KEY
        )
        self.make_button.setVisible(calls_for)
        self.make_button.setEnabled(can_make and not busy)
        self.make_action.setEnabled(can_make and not busy)

    def take_focus(self) -> None:
        """The keyboard on the documents, the newest selected unless one is current."""
        if not self.documents_view.currentIndex().isValid():
            self.documents_view.selectRow(self.documents.rowCount() - 1)
        self.documents_view.setFocus(Qt.FocusReason.OtherFocusReason)

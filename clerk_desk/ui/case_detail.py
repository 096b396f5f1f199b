"""One case as the clerk works on it after the intake.

Header (who, what, which dates), the timeline of every step, the documents
kept for the case, and one button per step the state machine allows now.

Keys (also shown in tooltips):
    Ctrl+Shift+B    start processing / resume
    Ctrl+Shift+U    suspend (asks the reason)
    Ctrl+Shift+D    decide (asks the decision)
    Ctrl+Shift+C    complete
    Ctrl+Shift+L    deliver the result (asks how)
    Ctrl+Shift+X    withdraw (asks the reason)
    Ctrl+Shift+A    promised materials arrived (tolerant acceptance)
    Ctrl+Shift+V    preview the selected document (also Enter on it)
    Ctrl+Shift+P    reprint (补打) the selected document
    Ctrl+Shift+R    reprint it on the other paper (A4 <-> 80 mm roll)
    Ctrl+Shift+M    make the outcome documents the case is missing
    F4              re-check the materials of a one-time notice, or continue an
                    unfinished intake, in the intake panel (the main window's key:
                    it asks :meth:`CaseDetail.request_intake` first)
    F5              reload the case
    Esc             back to the case list (the main window's: ``back_requested``)

Opened from the case list, the page takes the keyboard (:meth:`CaseDetail.show_case`
with ``focus``): its keys work only while focus is inside it.

The page is a thin composition: :class:`~clerk_desk.ui.case_controller.CaseController`
holds the case and its flow (no widgets), and the sections only show and
collect: :class:`~clerk_desk.ui.case_header.CaseHeader`,
:class:`~clerk_desk.ui.case_steps.StepsBar`,
:class:`~clerk_desk.ui.case_timeline.TimelineSection` and
:class:`~clerk_desk.ui.case_documents_section.DocumentsSection`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.case_documents import DocumentInfo
from clerk_desk.cases import CaseView
from clerk_desk.errors import ClerkDeskError
from clerk_desk.lifecycle import CaseState
from clerk_desk.settings import Layout
from clerk_desk.ui.actions import shortcut_tooltip
from clerk_desk.ui.case_controller import STEPS, CaseController, CaseData
from clerk_desk.ui.case_documents_section import DocumentsSection
from clerk_desk.ui.case_header import CaseHeader, fact_label
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.case_steps import StepsBar, SupplementDialog, TextAskDialog
from clerk_desk.ui.case_timeline import TimelineSection
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import ERROR_STYLE
from clerk_desk.ui.messages import describe
from clerk_desk.ui.ops import OpChanges
from clerk_desk.ui.preview import PreviewDialog

log = logging.getLogger(__name__)


class CaseDetail(QWidget):
    """A case's header, timeline, documents and next steps.

    The page wires its sections to its controller (``controller``): every desk
    call runs there, as an operation on the database worker. The sections'
    widgets are the page's attributes too (``step_buttons``, ``documents_view``...).

    A step saved here is told to every screen by its operation
    (``ctx.changes``); a print of the case's documents elsewhere (the
    preview) makes the page read its documents again.

    Signals:
        preview_requested(object): a list of DocumentInfo to preview and print
            (Preview, a reprint's new copy, newly made documents).
        intake_requested(str): the id of a case to take up in the intake panel:
            the re-check of its one-time notice, or its unfinished intake.
        back_requested(): Esc: the clerk goes back to the case list.
    """

    preview_requested = Signal(object)
    intake_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_detail")
        self._ctx = ctx
        self.controller = CaseController(ctx, self)
        self._focus_on_load = False  # take the keyboard when the case asked for arrives
        self.active_dialog: QDialog | None = None
        self._build()
        self._connect()
        self._update_actions()

    # -- construction ----------------------------------------------------------

    def _build(self) -> None:
        self.header = CaseHeader()
        # The header's labels, as the page's own (tests and the main window read them).
        self.tracking_label = self.header.tracking_label
        self.query_code_label = self.header.query_code_label
        self.state_label = self.header.state_label
        self.item_label = self.header.item_label
        self.applicant_label = self.header.applicant_label
        self.first_clerk_label = self.header.first_clerk_label
        self.proxy_label = self.header.proxy_label
        self.letter_label = self.header.letter_label
        self.accepted_label = self.header.accepted_label
        self.due_label = self.header.due_label
        self.promise_label = self.header.promise_label
        self.rejection_label = self.header.rejection_label

        # Steps the state machine allows now; hidden when not allowed.
        self.steps = StepsBar(self)
        self.intake_button = self.steps.intake_button
        self.step_buttons = self.steps.step_buttons
        self.step_actions = self.steps.step_actions

        self.refresh_action = QAction(self.tr("Reload"), self)
        self.refresh_action.setObjectName("action_reload")
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        self.back_action = QAction(self.tr("Back to the case list"), self)
        self.back_action.setObjectName("action_back_to_list")
        self.back_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.back_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.back_action.setToolTip(shortcut_tooltip(self.back_action.text(), "Esc"))
        self.back_action.triggered.connect(self.back_requested)
        self.addAction(self.back_action)

        self.timeline_section = TimelineSection()
        self.timeline = self.timeline_section.timeline
        self.timeline_view = self.timeline_section.timeline_view

        self.documents_section = DocumentsSection(self)
        section = self.documents_section
        self.documents = section.documents
        self.documents_view = section.documents_view
        self.preview_button, self.preview_action = section.preview_button, section.preview_action
        self.reprint_button, self.reprint_action = section.reprint_button, section.reprint_action
        self.reprint_other_button = section.reprint_other_button
        self.reprint_other_action = section.reprint_other_action
        self.make_button, self.make_action = section.make_button, section.make_action

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("case_detail_splitter")
        splitter.addWidget(self.timeline_section)
        splitter.addWidget(self.documents_section)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.status_label = fact_label("case_status")
        self.error_label = fact_label("case_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)  # takes no room until there is an error

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.steps)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)

    def _connect(self) -> None:
        c = self.controller
        c.case_loaded.connect(self._loaded)
        c.step_saved.connect(self._stepped)
        self._ctx.changes.op_executed.connect(self._op_executed)
        c.documents_changed.connect(self._documents_changed)
        c.reprinted.connect(self._reprinted)
        c.documents_made.connect(self._made)
        c.busy_changed.connect(lambda _busy: self._update_actions())
        c.failed.connect(self._failed)
        c.intake_requested.connect(self.intake_requested)
        slots: dict[str, Callable[[], None]] = {
            "start": self._start_or_resume,
            "suspend": self._suspend,
            "decide": self._decide,
            "complete": self._complete,
            "deliver": self._deliver,
            "withdraw": self._withdraw,
            "supplement": self._supplement,
        }
        self.steps.step_requested.connect(lambda name: slots[name]())
        self.steps.intake_requested.connect(self.request_intake)
        d = self.documents_section
        d.preview_requested.connect(self.preview_selected)
        d.reprint_requested.connect(self._reprint)
        d.make_requested.connect(self.make_documents)

    # -- state -------------------------------------------------------------------

    @property
    def case(self) -> CaseView | None:
        return self.controller.case

    def visible_steps(self) -> set[CaseState]:
        """The target states whose step buttons are offered now."""
        return {
            target
            for name, target in STEPS.items()
            if target is not None and not self.step_buttons[name].isHidden()
        }

    def show_case(self, case_id: str, *, focus: bool = False) -> None:
        """Load and show a case (its view, timeline and documents).

        ``focus``: the page takes the keyboard now (its keys work at once) and,
        when the case has arrived, puts it on the documents, or on the first
        step offered when there are none (see :meth:`focus_first`).
        """
        if focus:
            self._focus_on_load = True
            self.documents_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set_error("")
        self.status_label.setText(self.tr("Loading..."))
        self.controller.show_case(case_id)

    def _op_executed(self, changes: OpChanges, initiator: object) -> None:
        """Another screen's operation made or printed this case's documents, or a sync
        pulled cases (the back office may have moved this one): read the case again.

        (This page's own operations bring their answer to the controller.)
        """
        shown = self.controller.case_id
        if shown is None or initiator is self.controller:
            return
        if changes.case_lists or any(d.case_id == shown for d in changes.documents):
            self.refresh()

    def refresh(self) -> None:
        if self.controller.case_id is not None:
            self.show_case(self.controller.case_id)

    def _loaded(self, data: CaseData) -> None:
        self._apply(data)
        self.status_label.clear()
        if self._focus_on_load:
            self._focus_on_load = False
            focused = QApplication.focusWidget()
            # Unless the clerk has gone elsewhere meanwhile (Ctrl+F, another page).
            if focused is None or focused is self.documents_view or focused is self:
                self.focus_first()

    def focus_first(self) -> None:
        """The keyboard on the documents list when the case has documents, else on its first step."""
        if self.documents.rowCount():
            self.documents_section.take_focus()
        elif not self.steps.take_focus():
            self.timeline_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply(self, data: CaseData) -> None:
        view, tz = data.view, data.settings.timezone
        self.header.show_case(view)
        self.timeline_section.show_steps(data.timeline, view.stored_item.item, tz)
        selected = self.selected_document()
        self.documents_section.show_documents(data.documents, tz, selected.id if selected else None)
        self._update_actions()

    def request_intake(self) -> bool:
        """Ask for the case shown to be taken up in the intake (the button, or F4).

        False, and nothing asked, when the case is past the intake.
        """
        return self.controller.request_intake()

    def _update_actions(self) -> None:
        c = self.controller
        view, busy = c.case, c.busy
        self.steps.offer(
            c.offered_steps(),
            take_up=c.can_take_up(),
            state=view.state if view is not None else None,
            busy=busy,
        )
        self.documents_section.offer(
            busy=busy,
            paper=c.paper,
            calls_for=c.calls_for_documents(),
            can_make=c.calls_for_documents() and bool(c.missing_documents()),
        )
        self.refresh_action.setEnabled(c.case_id is not None)

    def is_busy(self) -> bool:
        """True while a desk call of this widget runs (its buttons are disabled)."""
        return self.controller.busy

    def _failed(self, error: BaseException) -> None:
        self._focus_on_load = False
        self.status_label.clear()
        if isinstance(error, ClerkDeskError):
            self._set_error(describe(error))
        else:
            self._set_error(
                self.tr("Something went wrong: {message}").format(
                    message=str(error) or type(error).__name__
                )
            )

    def _set_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    # -- documents ------------------------------------------------------------------

    def selected_document(self) -> DocumentInfo | None:
        return self.documents_section.selected_document()

    def select_document(self, document_id: str) -> None:
        if self.documents_section.select_document(document_id):
            self._update_actions()

    def preview_selected(self) -> None:
        doc = self.selected_document()
        if doc is not None:
            self.preview_requested.emit([doc])

    def open_preview(self, docs: list[DocumentInfo]) -> PreviewDialog:
        """Open the print preview of ``docs`` (parented, non-blocking)."""
        dialog = PreviewDialog(self._ctx, list(docs), self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def reprint_selected(self) -> None:
        """Reprint (补打) the selected document on its own paper."""
        self.documents_section.reprint_requested.emit(None)

    def reprint_selected_on_other_paper(self) -> None:
        """Reprint the selected document on the other paper (A4 <-> 80 mm roll)."""
        self.documents_section.reprint_on_other_paper()

    def _reprint(self, layout: Layout | None) -> None:
        doc = self.selected_document()
        if doc is not None and not self.controller.busy:
            self._set_error("")
            self.controller.reprint(doc, layout)

    def _reprinted(self, copy: DocumentInfo) -> None:
        self.status_label.setText(
            self.tr("Reprint {count} of the document made.").format(count=copy.reprint)
        )
        self.preview_requested.emit([copy])

    def make_documents(self) -> None:
        if self.controller.case is not None and not self.controller.busy:
            self._set_error("")
            self.controller.make_documents()

    def _made(self, made: list[DocumentInfo]) -> None:
        if made:
            self.preview_requested.emit(made)

    def _documents_changed(self, docs: list[DocumentInfo], select_id: str | None) -> None:
        self.documents_section.show_documents(docs, self.controller.timezone, select_id)
        self._update_actions()

    # -- steps -----------------------------------------------------------------------

    def _stepped(self, data: CaseData) -> None:
        view = data.view
        if view.id == self.controller.case_id:
            self._apply(data)
            self.status_label.setText(
                self.tr("Case {number} is now {state}.").format(
                    number=view.tracking_number, state=state_name(view.state)
                )
            )

    def _take(self, step: Callable[[], bool]) -> None:
        """Take a step through the controller; the last error goes when it starts."""
        if self.controller.case is not None and not self.controller.busy:
            self._set_error("")
            step()

    def _ask(
        self,
        title: str,
        prompt: str,
        then: Callable[[str], None],
        choices: Sequence[str] = (),
    ) -> None:
        if self.case is None or self.controller.busy or self.active_dialog is not None:
            return
        dialog = TextAskDialog(title, prompt, self, choices)
        self.active_dialog = dialog

        def finished(result: int) -> None:
            self.active_dialog = None
            if result == QDialog.DialogCode.Accepted:
                then(dialog.value())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _start_or_resume(self) -> None:
        self._take(self.controller.start_or_resume)

    def _suspend(self) -> None:
        self._ask(
            self.tr("Suspend the case"),
            self.tr("Why is the clock paused (hearing, inspection, expert review)?"),
            lambda reason: self._take(lambda: self.controller.suspend(reason)),
        )

    def _decide(self) -> None:
        self._ask(
            self.tr("Decide the case"),
            self.tr("What was decided?"),
            lambda decision: self._take(lambda: self.controller.decide(decision)),
        )

    def _complete(self) -> None:
        self._take(self.controller.complete)

    def _deliver(self) -> None:
        self._ask(
            self.tr("Deliver the result"),
            self.tr("How did the applicant get the result?"),
            lambda how: self._take(lambda: self.controller.deliver(how)),
            choices=(
                self.tr("Collected at the counter"),
                self.tr("Sent by post"),
                self.tr("Sent electronically"),
            ),
        )

    def _withdraw(self) -> None:
        self._ask(
            self.tr("Withdraw the case"),
            self.tr("Why is the application withdrawn?"),
            lambda reason: self._take(lambda: self.controller.withdraw(reason)),
        )

    def _supplement(self) -> None:
        view = self.case
        if (
            view is None
            or self.controller.busy
            or self.active_dialog is not None
            or not view.missing
        ):
            return
        dialog = SupplementDialog([(m.id, m.name) for m in view.missing], self)
        self.active_dialog = dialog

        def finished(result: int) -> None:
            self.active_dialog = None
            if result == QDialog.DialogCode.Accepted:
                ids = dialog.checked()
                self._take(lambda: self.controller.supplement(ids))
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

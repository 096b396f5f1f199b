"""The intake, start to finish without the mouse.

Keys (also shown in tooltips):
    ID number, Enter        look up the applicant (a known one fills in at once)
    type in item search     Chinese, full pinyin, initials or item code; Down/Enter picks
    Y / N                   answer the current situation question
    Space, Ctrl+A           tick a material received, tick all
    Ctrl+Enter              accept
    Ctrl+T                  tolerant acceptance (容缺受理)
    Ctrl+N                  one-time notice (一次性告知)
    Ctrl+R                  reject
    Esc                     start over
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.case_documents import DocumentInfo
from clerk_desk.cases import CaseView
from clerk_desk.catalog import StoredItem
from clerk_desk.errors import ClerkDeskError
from clerk_desk.id_card import IdCardData, parse_wedge_text
from clerk_desk.intake import Proxy
from clerk_desk.item_search import ItemSearchIndex, SearchHit
from clerk_desk.lifecycle import CaseState
from clerk_desk.tracking_numbers import display
from clerk_desk.ui.actions import action_button
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.checklist_model import ChecklistModel, QuestionModel
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.dialogs import PromiseDateDialog, RejectionDialog
from clerk_desk.ui.hits_model import HitsModel
from clerk_desk.ui.messages import describe

Outcome = tuple[CaseView, list[DocumentInfo], ClerkDeskError | None]


class IntakePanel(QWidget):
    """One applicant's intake, as a single keyboard-driven page.

    Signals:
        case_changed(object): the CaseView after each saved step.
        outcome_reached(object, object, object): CaseView, its documents, and
            an error text if the documents could not be made (the case stands).
    """

    case_changed = Signal(object)
    outcome_reached = Signal(object, object, object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intake_panel")
        self._ctx = ctx
        self._index: ItemSearchIndex | None = None
        self._applicant: ApplicantRecord | None = None
        self._case: CaseView | None = None
        self._waiting: list[CaseView] = []
        self._card_name = ""
        self._build()

    # -- construction ------------------------------------------------------

    def _build(self) -> None:
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("id_number")
        self.id_edit.setPlaceholderText(self.tr("Type or read the ID number, then Enter"))
        self.id_edit.setMaxLength(256)  # wedge readers may type a whole card record
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("applicant_name")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("phone")
        self.proxy_check = QCheckBox(
            self.tr("Someone acts for the applicant (letter of authorisation)")
        )
        self.proxy_check.setObjectName("proxy_check")
        self.proxy_id_edit = QLineEdit()
        self.proxy_id_edit.setObjectName("proxy_id_number")
        self.proxy_name_edit = QLineEdit()
        self.proxy_name_edit.setObjectName("proxy_name")
        self.letter_edit = QLineEdit()
        self.letter_edit.setObjectName("authorization_letter")
        self.letter_edit.setPlaceholderText(
            self.tr("e.g. 授权委托书 2026-11-20, signed by the applicant")
        )
        self.proxy_box = QWidget()
        proxy_form = QFormLayout(self.proxy_box)
        proxy_form.setContentsMargins(0, 0, 0, 0)
        proxy_form.addRow(self.tr("Proxy ID number:"), self.proxy_id_edit)
        proxy_form.addRow(self.tr("Proxy name:"), self.proxy_name_edit)
        proxy_form.addRow(self.tr("Letter of authorisation:"), self.letter_edit)
        self.proxy_box.setVisible(False)
        self.returning_label = QLabel()
        self.returning_label.setObjectName("returning_banner")
        self.returning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.returning_label.setStyleSheet("background: #fff3cd; padding: 4px")
        self.returning_label.setVisible(False)

        applicant_box = QGroupBox(self.tr("Applicant"))
        form = QFormLayout(applicant_box)
        form.addRow(self.tr("&ID number:"), self.id_edit)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("P&hone:"), self.phone_edit)
        form.addRow(self.proxy_check)
        form.addRow(self.proxy_box)
        form.addRow(self.returning_label)

        self.item_edit = QLineEdit()
        self.item_edit.setObjectName("item_search")
        self.item_edit.setPlaceholderText(self.tr("低保 / dibao / dbsq / item code"))
        self.hits = HitsModel()
        self.hits_view = QListView()
        self.hits_view.setObjectName("item_hits")
        self.hits_view.setModel(self.hits)
        self.item_label = QLabel()
        self.item_label.setObjectName("chosen_item")
        self.item_label.setTextFormat(Qt.TextFormat.PlainText)
        self.item_label.setWordWrap(True)
        item_box = QGroupBox(self.tr("Service item"))
        item_layout = QVBoxLayout(item_box)
        item_layout.addWidget(self.item_edit)
        item_layout.addWidget(self.hits_view, 1)
        item_layout.addWidget(self.item_label)

        self.questions = QuestionModel()
        self.questions_view = QListView()
        self.questions_view.setObjectName("questions")
        self.questions_view.setModel(self.questions)
        self.questions_view.setWordWrap(True)
        self.questions_view.setToolTip(self.tr("Y: yes, N: no"))
        q_box = QGroupBox(self.tr("Situation questions (Y / N)"))
        QVBoxLayout(q_box).addWidget(self.questions_view)

        self.checklist = ChecklistModel()
        self.checklist_view = QListView()
        self.checklist_view.setObjectName("checklist")
        self.checklist_view.setModel(self.checklist)
        self.checklist_view.setWordWrap(True)
        self.checklist_view.setToolTip(self.tr("Space: received / missing; Ctrl+A: all received"))
        c_box = QGroupBox(self.tr("Materials (ticked = received)"))
        QVBoxLayout(c_box).addWidget(self.checklist_view)

        self.accept_button = self._action_button(
            self.tr("&Accept"), "Ctrl+Return", self._accept, "accept"
        )
        self.tolerant_button = self._action_button(
            self.tr("&Tolerant acceptance"), "Ctrl+T", self._tolerant, "tolerant"
        )
        self.notice_button = self._action_button(
            self.tr("One-time &notice"), "Ctrl+N", self._notice, "notice"
        )
        self.reject_button = self._action_button(
            self.tr("&Reject"), "Ctrl+R", self._reject, "reject"
        )
        self._action_button(self.tr("Start over"), "Esc", self.reset, "start_over")
        self.error_label = QLabel()
        self.error_label.setObjectName("intake_error")
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("intake_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QHBoxLayout()
        for b in (self.accept_button, self.tolerant_button, self.notice_button, self.reject_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        grid = QGridLayout(self)
        grid.addWidget(applicant_box, 0, 0)
        grid.addWidget(item_box, 1, 0)
        grid.addWidget(q_box, 0, 1)
        grid.addWidget(c_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        grid.addLayout(buttons, 2, 0, 1, 2)
        grid.addWidget(self.status_label, 3, 0, 1, 2)
        grid.addWidget(self.error_label, 4, 0, 1, 2)

        self.id_edit.returnPressed.connect(self._lookup_applicant)
        self.name_edit.returnPressed.connect(self.phone_edit.setFocus)
        self.phone_edit.returnPressed.connect(self._after_applicant_fields)
        self.proxy_check.toggled.connect(self._toggle_proxy)
        self.item_edit.textChanged.connect(self._search)
        self.item_edit.returnPressed.connect(self._pick_item)
        self.hits_view.activated.connect(lambda _i: self._pick_item())
        for w in (self.item_edit, self.hits_view, self.questions_view, self.checklist_view):
            w.installEventFilter(self)
        self.setTabOrder(self.id_edit, self.name_edit)
        self.setTabOrder(self.name_edit, self.phone_edit)
        self.setTabOrder(self.phone_edit, self.proxy_check)
        self.setTabOrder(self.proxy_check, self.item_edit)
        self.setTabOrder(self.item_edit, self.hits_view)
        self.setTabOrder(self.hits_view, self.questions_view)
        self.setTabOrder(self.questions_view, self.checklist_view)
        self.setTabOrder(self.checklist_view, self.accept_button)
        self._set_outcomes_enabled(False)

    def _action_button(
        self, text: str, shortcut: str, slot: Callable[[], None], name: str
    ) -> QPushButton:
        return action_button(self, text, shortcut, slot, name)[0]

    def load_index(self) -> None:
        """Get the item search index (built once per catalog version, off the GUI thread)."""
        # CPU-bound and read-only: on the I/O pool, so the database thread
        # stays free for what the clerk is waiting for.
        self._ctx.runner.io(self._ctx.desk.item_index, self._index_ready, self._show_error)

    def _index_ready(self, index: ItemSearchIndex) -> None:
        self._index = index
        self._search(self.item_edit.text())

    def item_index(self) -> ItemSearchIndex | None:
        return self._index

    # -- state -------------------------------------------------------------

    @property
    def case(self) -> CaseView | None:
        return self._case

    def reset(self) -> None:
        """Clear everything for the next applicant."""
        self._applicant, self._case, self._waiting = None, None, []
        self._card_name = ""
        for edit in (
            self.id_edit,
            self.name_edit,
            self.phone_edit,
            self.proxy_id_edit,
            self.proxy_name_edit,
            self.letter_edit,
            self.item_edit,
        ):
            edit.clear()
            edit.setReadOnly(False)
        self.proxy_check.setChecked(False)
        self.returning_label.setVisible(False)
        self.item_label.clear()
        self.questions.reset([])
        self.checklist.reset([])
        self.error_label.clear()
        self.status_label.clear()
        self.item_edit.setEnabled(True)
        self.hits_view.setEnabled(True)
        self._set_outcomes_enabled(False)
        self.id_edit.setFocus()

    def _set_outcomes_enabled(self, enabled: bool) -> None:
        recheck = self._case is not None and self._case.state is CaseState.NOTICE_ISSUED
        for button in (self.accept_button, self.tolerant_button, self.reject_button):
            button.setEnabled(enabled)
        self.notice_button.setEnabled(enabled and not recheck)

    def _show_error(self, error: BaseException) -> None:
        self.error_label.setText(
            describe(error) if isinstance(error, ClerkDeskError) else repr(error)
        )

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.error_label.clear()
        self._ctx.runner.db(fn, done, self._show_error)

    # -- applicant -----------------------------------------------------------

    def _lookup_applicant(self) -> None:
        text = self.id_edit.text().strip()
        if not text:
            return
        desk = self._ctx.desk
        if any(sep in text for sep in "|,，｜\t"):
            # A keyboard-wedge reader typed the whole card record.
            try:
                card = parse_wedge_text(text, today=desk.clock.today())
            except ClerkDeskError as exc:
                self._show_error(exc)
                return
            if isinstance(card, IdCardData):
                self.load_card(card)
                return

        def find() -> tuple[ApplicantRecord | None, list[CaseView]]:
            found = desk.applicants.find(text)
            waiting = desk.intake.open_cases_with_notice(found.id) if found else []
            return found, waiting

        self._run(find, self._applicant_found)

    def _applicant_found(self, result: tuple[ApplicantRecord | None, list[CaseView]]) -> None:
        found, waiting = result
        self._applicant, self._waiting = found, waiting
        if found is None:
            self.status_label.setText(self.tr("New applicant: enter the name and phone."))
            self.name_edit.setFocus()
            return
        self.id_edit.setText(found.id_number)
        # A name just read from the card wins over an older spelling on file.
        self.name_edit.setText(self._card_name or found.name)
        self.phone_edit.setText(found.phone)
        self.status_label.setText(self.tr("Known applicant."))
        if waiting:
            numbers = ", ".join(display(c.tracking_number) for c in waiting)
            self.returning_label.setText(
                self.tr(
                    "Returning with a one-time notice: {numbers}. Press F4 to re-check."
                ).format(numbers=numbers)
            )
            self.returning_label.setVisible(True)
        self.item_edit.setFocus()

    def _after_applicant_fields(self) -> None:
        if self.proxy_check.isChecked():
            self.proxy_id_edit.setFocus()
        else:
            self.item_edit.setFocus()

    def _toggle_proxy(self, on: bool) -> None:
        self.proxy_box.setVisible(on)
        if on:
            self.proxy_id_edit.setFocus()

    def load_card(self, card: IdCardData) -> None:
        """Fill in what an ID card reader read, then look the applicant up."""
        if card.is_expired(self._ctx.desk.clock.today()):
            self.status_label.setText(
                self.tr("Note: this ID card expired on {date}.").format(date=card.valid_until)
            )
        self.id_edit.setText(card.id_number)
        self.name_edit.setText(card.name)
        self._card_name = card.name
        self._lookup_applicant()

    # -- the returning applicant ---------------------------------------------

    def recheck_waiting(self) -> bool:
        """Open the re-check of the first case waiting on a notice (F4)."""
        if not self._waiting:
            return False
        self.load_recheck(self._waiting[0])
        return True

    def load_recheck(self, case: CaseView) -> None:
        """Show only the notice's materials of a case waiting for the applicant's return."""
        self._case = case
        self._applicant = case.applicant
        self.id_edit.setText(case.applicant.id_number)
        self.name_edit.setText(case.applicant.name)
        self.phone_edit.setText(case.applicant.phone)
        for edit in (self.id_edit, self.name_edit, self.phone_edit):
            edit.setReadOnly(True)
        self.returning_label.setVisible(False)
        self.item_edit.setEnabled(False)
        self.hits_view.setEnabled(False)
        self.item_label.setText(
            f"{display(case.tracking_number)}  {case.stored_item.item.name}  "
            + self.tr("(re-check of the one-time notice)")
        )
        self.questions.reset(case.stored_item.item.questions, dict(case.answers))
        received = {e.material.id for e in case.recheck if e.status == "received"}
        self.checklist.reset([e.material for e in case.recheck], received)
        self._set_outcomes_enabled(True)
        self.checklist_view.setFocus()
        self.checklist_view.setCurrentIndex(self.checklist.index(0))

    # -- the item ------------------------------------------------------------

    def _search(self, text: str) -> None:
        if self._index is None:
            return
        hits: list[SearchHit] = self._index.search(text, limit=50)
        self.hits.reset(hits)
        if hits:
            self.hits_view.setCurrentIndex(self.hits.index(0))

    def _pick_item(self) -> None:
        current = self.hits_view.currentIndex()
        if not current.isValid():
            current = self.hits.index(0)
        if not current.isValid():
            self.error_label.setText(self.tr("No service item matches."))
            return
        stored: StoredItem = self.hits.item_at(current.row())
        self._start_case(stored)

    def _start_case(self, stored: StoredItem) -> None:
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        id_number = self.id_edit.text()
        name, phone = self.name_edit.text(), self.phone_edit.text()
        known = self._applicant
        proxy_fields = (
            (self.proxy_id_edit.text(), self.proxy_name_edit.text(), self.letter_edit.text())
            if self.proxy_check.isChecked()
            else None
        )

        def start() -> CaseView:
            if known is not None and known.name == name and known.phone == phone.strip():
                applicant = known
            else:
                applicant = desk.applicants.register_person(
                    actor_id=staff.id, name=name, id_number=id_number, phone=phone
                )
            proxy = None
            if proxy_fields is not None:
                pid, pname, letter = proxy_fields
                acting = None
                if pid.strip():
                    acting = desk.applicants.register_person(
                        actor_id=staff.id, name=pname, id_number=pid
                    ).id
                proxy = Proxy(acting, letter)
            elif staff.role == "agent":
                proxy = Proxy(None, self.letter_edit.text())
            return desk.intake.start(
                clerk_id=staff.id,
                item_code=stored.item.code,
                applicant_id=applicant.id,
                proxy=proxy,
            )

        self._run(start, self._case_started)

    def _case_started(self, case: CaseView) -> None:
        self._case = case
        self._applicant = case.applicant
        self.case_changed.emit(case)
        item = case.stored_item.item
        self.item_label.setText(f"{item.code}  {item.name}")
        self.status_label.setText(
            self.tr("Case {number} opened.").format(number=display(case.tracking_number))
        )
        self.questions.reset(item.questions)
        if item.questions:
            self.questions_view.setFocus()
            self.questions_view.setCurrentIndex(self.questions.index(0))
        else:
            self._send_answers()

    # -- questions -------------------------------------------------------------

    def answer_current(self, value: bool) -> None:
        row = self.questions_view.currentIndex().row()
        if row < 0:
            row = self.questions.first_unanswered() or 0
        if self.questions.rowCount() == 0 or self._case is None:
            return
        if self._case.state is not CaseState.CONSULTED:
            return
        self.questions.set_answer(row, value)
        nxt = self.questions.first_unanswered()
        if nxt is not None:
            self.questions_view.setCurrentIndex(self.questions.index(nxt))
        else:
            self._send_answers()

    def _send_answers(self) -> None:
        case = self._case
        assert case is not None
        staff = self._ctx.login.require()
        answers = self.questions.answers()
        desk = self._ctx.desk
        self._run(
            lambda: desk.intake.answer(case_id=case.id, clerk_id=staff.id, answers=answers),
            self._answered,
        )

    def _answered(self, case: CaseView) -> None:
        self._case = case
        self.case_changed.emit(case)
        self.checklist.reset([e.material for e in case.checklist])
        self._set_outcomes_enabled(True)
        self.checklist_view.setFocus()
        self.checklist_view.setCurrentIndex(self.checklist.index(0))

    # -- outcomes ----------------------------------------------------------------

    def _outcome(self, decide: Callable[[str, str], CaseView]) -> None:
        """Save the marks, take the outcome, make its documents: one worker task."""
        case = self._case
        if case is None or not self.accept_button.isEnabled():
            return
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        received, missing = self.checklist.received(), self.checklist.missing()

        def run() -> Outcome:
            desk.intake.mark(case_id=case.id, clerk_id=staff.id, received=received, missing=missing)
            view = decide(case.id, staff.id)
            try:
                docs = desk.documents.issue_for_case(view.id, staff_id=staff.id)
            except ClerkDeskError as exc:
                return view, [], exc  # described on the GUI thread
            return view, docs, None

        self._run(run, self._outcome_done)

    def _outcome_done(self, result: Outcome) -> None:
        view, docs, error = result
        self._case = view
        self._set_outcomes_enabled(False)
        self.case_changed.emit(view)
        if error:
            self.error_label.setText(
                self.tr("The case stands, but its document could not be made: {error}").format(
                    error=describe(error)
                )
            )
        self.status_label.setText(
            self.tr("Case {number}: {state}.").format(
                number=display(view.tracking_number), state=state_name(view.state)
            )
        )
        self.outcome_reached.emit(view, docs, error)

    def _accept(self) -> None:
        intake = self._ctx.desk.intake
        self._outcome(lambda cid, sid: intake.accept(case_id=cid, clerk_id=sid))

    def _notice(self) -> None:
        intake = self._ctx.desk.intake
        self._outcome(lambda cid, sid: intake.issue_notice(case_id=cid, clerk_id=sid))

    def _tolerant(self) -> None:
        if self._case is None or not self.tolerant_button.isEnabled():
            return
        missing = [
            m.name for m in self.checklist.materials() if m.id in set(self.checklist.missing())
        ]
        dialog = PromiseDateDialog(self._ctx.desk.clock.today(), missing, self)
        intake = self._ctx.desk.intake

        def finished(result: int) -> None:
            if result == PromiseDateDialog.DialogCode.Accepted:
                when = dialog.promise_date()
                self._outcome(
                    lambda cid, sid: intake.tolerant_accept(
                        case_id=cid, clerk_id=sid, promise_date=when
                    )
                )
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _reject(self) -> None:
        if self._case is None or not self.reject_button.isEnabled():
            return
        dialog = RejectionDialog(self)
        intake = self._ctx.desk.intake

        def finished(result: int) -> None:
            if result == RejectionDialog.DialogCode.Accepted:
                reason, basis, body = dialog.values()
                self._outcome(
                    lambda cid, sid: intake.reject(
                        case_id=cid,
                        clerk_id=sid,
                        reason=reason,
                        legal_basis=basis,
                        competent_body=body,
                    )
                )
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    # -- keys ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, mods = event.key(), event.modifiers()
        if watched is self.item_edit and key == Qt.Key.Key_Down:
            self.hits_view.setFocus()
            return True
        if watched is self.questions_view and mods == Qt.KeyboardModifier.NoModifier:
            if key == Qt.Key.Key_Y:
                self.answer_current(True)
                return True
            if key == Qt.Key.Key_N:
                self.answer_current(False)
                return True
        if watched is self.checklist_view:
            if key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.NoModifier:
                row = self.checklist_view.currentIndex().row()
                if row >= 0:
                    self.checklist.toggle(row)
                return True
            if key == Qt.Key.Key_A and mods == Qt.KeyboardModifier.ControlModifier:
                self.checklist.set_all(True)
                return True
        return False

    def current_index(self) -> QModelIndex:
        return self.hits_view.currentIndex()

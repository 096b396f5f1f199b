"""The intake, start to finish without the mouse.

Keys (also shown in tooltips):
    ID number, Enter        look up the applicant (a known one fills in at once)
    tracking number, Enter  take the case up again: the re-check of a one-time
                            notice, or an intake left unfinished (any other case
                            says which state it is in)
    F4 (main window)        re-check the notice case of the returning applicant;
                            with several, a chooser (Up/Down, Enter)
    Alt+P                   someone acts for the applicant: proxy ID number, Enter
                            (a known person fills in), name, Enter, letter, Enter
    type in item search     Chinese, full pinyin, initials or item code; Down/Enter picks
    Y / N                   answer the current situation question
    Space, Ctrl+A           tick a material received, tick all
    Ctrl+Enter              accept
    Ctrl+T                  tolerant acceptance (容缺受理)
    Ctrl+N                  one-time notice (一次性告知)
    Ctrl+R                  reject
    Ctrl+Enter (agent)      collect for the township (代办收件): a village agent's
                            only outcome; the township decides after the hand-over
    Ctrl+Shift+N            a new case anyway, with its reason (offered when picking
                            the item opened the applicant's open case on it)
    Esc                     start over; the case is kept as far as it got

Nothing the clerk enters is lost: answers and ticks are saved to the case as
they are made (coalesced for a moment, on the database thread) and at once
before an outcome, Esc, a logout or leaving the page. A village agent is the
proxy: the letter of authorisation is asked for from the start, and the only
outcome is the collection with its receipt. At the township, a collected case
whose handover list has been received opens at its checklist for the clerk's
check and outcome.

A refusal that names a field (a mistyped phone found when the case opens)
puts the cursor back in that field, its text selected; one that names a field
of the promise or rejection dialog opens the dialog again with what was
entered. Tolerant acceptance with a key material missing is refused at once.

Picking an item on which the applicant has an open case (暂存 or 待补正) opens
that case, says so in a line under the item, and offers a new case anyway
(Ctrl+Shift+N), which asks for the reason. When the day rules a one-time
notice out (nothing received at an earlier visit, or the 5 days are over), the
notice button's tooltip and the status line say why before the clerk tries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from itertools import pairwise

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import QDialog, QGridLayout, QMessageBox, QPushButton, QWidget

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.case_documents import DocumentInfo
from clerk_desk.cases import CaseView, local_date
from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.id_card import IdCardData, parse_wedge_text
from clerk_desk.intake import StartedCase
from clerk_desk.item_search import ItemSearchIndex
from clerk_desk.lifecycle import OPEN_INTAKE_STATES, CaseState
from clerk_desk.outcomes import Outcome as Ending
from clerk_desk.staff import StaffRecord
from clerk_desk.sync_freeze import FreezeOverride, SyncFrozen
from clerk_desk.tracking_numbers import display
from clerk_desk.ui.actions import action_button, shortcut_tooltip
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.dialogs import (
    NewCaseReasonDialog,
    NoticeChooserDialog,
    NoticeRow,
    PromiseDateDialog,
    RejectionDialog,
    SupervisorOverrideDialog,
    VillagePointDialog,
)
from clerk_desk.ui.intake_controller import IntakeController, looks_like_tracking_number
from clerk_desk.ui.intake_sections import (
    NEW_CASE_SHORTCUT,
    ApplicantSection,
    ChecklistSection,
    ItemSection,
    OutcomesBar,
    QuestionsSection,
)
from clerk_desk.ui.messages import date_text, describe
from clerk_desk.ui.terminal_status import freeze_words

PROXY_SHORTCUT = "Alt+P"
# Fields of the outcome dialogs: a refusal naming one opens its dialog again.
DIALOG_FIELDS = frozenset(
    {"promise_date", "reason", "legal_basis", "competent_body", "village_point"}
)
MAIN_OUTCOME_KEY = "Ctrl+Return"  # accept at the counter, collect at the village


class IntakePanel(QWidget):
    """One applicant's intake, as a single keyboard-driven page.

    The composition: the sections (:mod:`clerk_desk.ui.intake_sections`) show
    and collect, the :class:`IntakeController` (``controller``) holds the flow
    and calls the domain; this panel wires them, owns the keys and the dialogs.

    Signals:
        case_changed(object): the CaseView after each saved step (answers and
            ticks included).
        outcome_reached(object, object, object): CaseView, its documents, and
            an error text if the documents could not be made (the case stands).
    """

    case_changed = Signal(object)
    outcome_reached = Signal(object, object, object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intake_panel")
        self._ctx = ctx
        self.controller = IntakeController(ctx, self)
        self._card_name = ""
        self.confirm_dialog: QMessageBox | None = None
        self._open_dialog: QDialog | None = None
        # The last supervisor's-password dialog (a new intake on a frozen terminal).
        self.supervisor_dialog: SupervisorOverrideDialog | None = None
        # What the clerk entered in an outcome's dialog: asked again when refused.
        self._promise: tuple[list[str], date] | None = None
        self._rejection: tuple[str, str, str] | None = None
        self._village_point: str | None = None
        self._build()
        self._wire()
        self._apply_role(ctx.login.staff)
        ctx.login.changed.connect(self._login_changed)

    # -- construction ------------------------------------------------------

    def _build(self) -> None:
        self.applicant_box = ApplicantSection()
        a = self.applicant_box
        self.id_edit, self.name_edit, self.phone_edit = a.id_edit, a.name_edit, a.phone_edit
        self.proxy_check, self.proxy_box = a.proxy_check, a.proxy_box
        self.proxy_id_edit, self.proxy_name_edit = a.proxy_id_edit, a.proxy_name_edit
        self.letter_edit, self.returning_label = a.letter_edit, a.returning_label
        self.proxy_action = QAction(self.proxy_check.text(), self)
        self.proxy_action.setObjectName("action_proxy")
        self.proxy_action.setShortcut(QKeySequence(PROXY_SHORTCUT))
        self.proxy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.proxy_action.triggered.connect(self._toggle_proxy_by_key)
        self.addAction(self.proxy_action)
        tip = shortcut_tooltip(self.proxy_check.text(), PROXY_SHORTCUT)
        self.proxy_check.setToolTip(tip)
        self.proxy_action.setToolTip(tip)

        self.new_case_button, self.new_case_action = action_button(
            self,
            self.tr("New case any&way"),
            NEW_CASE_SHORTCUT,
            lambda: self._ask_new_case(),
            "new_case",
        )
        self.item_box = ItemSection(self.new_case_button)
        self.item_edit, self.hits, self.hits_view = (
            self.item_box.item_edit,
            self.item_box.hits,
            self.item_box.hits_view,
        )
        self.item_label, self.open_case_label = (
            self.item_box.item_label,
            self.item_box.open_case_label,
        )
        self.questions_box = QuestionsSection()
        self.questions, self.questions_view = (
            self.questions_box.questions,
            self.questions_box.questions_view,
        )
        self.checklist_box = ChecklistSection()
        self.checklist = self.checklist_box.checklist
        self.checklist_view = self.checklist_box.checklist_view

        # Buttons and their shortcuts are enabled and disabled together: while
        # an outcome runs, neither a click nor a key can take a second one.
        self._outcome_controls: dict[str, tuple[QPushButton, QAction]] = {
            "accept": action_button(
                self, self.tr("&Accept"), "Ctrl+Return", self._accept, "accept"
            ),
            "tolerant": action_button(
                self, self.tr("&Tolerant acceptance"), "Ctrl+T", self._tolerant, "tolerant"
            ),
            "notice": action_button(
                self, self.tr("One-time &notice"), "Ctrl+N", self._notice, "notice"
            ),
            "reject": action_button(self, self.tr("&Reject"), "Ctrl+R", self._reject, "reject"),
            # A village agent's only outcome; it takes the accept key (see _apply_role).
            "collect": action_button(
                self,
                self.tr("&Collect for the township"),
                MAIN_OUTCOME_KEY,
                self._collect,
                "collect",
            ),
        }
        self.accept_button = self._outcome_controls["accept"][0]
        self.tolerant_button = self._outcome_controls["tolerant"][0]
        self.notice_button = self._outcome_controls["notice"][0]
        self.reject_button = self._outcome_controls["reject"][0]
        self.collect_button = self._outcome_controls["collect"][0]
        self.collect_button.setToolTip(
            self.collect_button.toolTip()
            + "\n"
            + self.tr("The township accepts or notifies after the hand-over")
        )
        self._notice_tip = self.notice_button.toolTip()
        action_button(self, self.tr("Start over"), "Esc", self.start_over, "start_over")
        self.outcomes_bar = OutcomesBar([b for b, _a in self._outcome_controls.values()])
        self.error_label = self.outcomes_bar.error_label
        self.status_label = self.outcomes_bar.status_label

        grid = QGridLayout(self)
        grid.addWidget(self.applicant_box, 0, 0)
        grid.addWidget(self.item_box, 1, 0)
        grid.addWidget(self.questions_box, 0, 1)
        grid.addWidget(self.checklist_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        grid.addWidget(self.outcomes_bar, 2, 0, 1, 2)
        order = (
            self.id_edit,
            self.name_edit,
            self.phone_edit,
            self.proxy_check,
            self.proxy_id_edit,
            self.proxy_name_edit,
            self.letter_edit,
            self.item_edit,
            self.hits_view,
            self.questions_view,
            self.checklist_view,
            self.accept_button,
            self.collect_button,
        )
        for first, second in pairwise(order):
            self.setTabOrder(first, second)

    def _wire(self) -> None:
        """The sections' keys to the controller, the controller's news to the sections."""
        self.id_edit.returnPressed.connect(self._lookup_applicant)
        self.phone_edit.returnPressed.connect(self._after_applicant_fields)
        self.proxy_check.toggled.connect(self._toggle_proxy)
        self.proxy_id_edit.returnPressed.connect(self._lookup_proxy)
        self.letter_edit.returnPressed.connect(self.item_edit.setFocus)
        self.item_edit.textChanged.connect(lambda _t: self.item_box.search(self.item_index()))
        self.item_edit.returnPressed.connect(self._pick_item)
        self.hits_view.activated.connect(lambda _i: self._pick_item())
        self.questions_box.answer_requested.connect(self.answer_current)
        c = self.controller
        self.checklist.marks_changed.connect(c.mark)
        c.index_loaded.connect(self.item_box.search)
        c.applicant_found.connect(self._applicant_found)
        c.proxy_found.connect(self._proxy_found)
        c.case_started.connect(self._case_started)
        c.open_case_found.connect(self._show_open_case)
        c.case_taken_up.connect(self._take_up)
        c.case_not_taken_up.connect(self._not_taken_up)
        c.checklist_changed.connect(self.checklist_box.show_materials)
        c.checklist_locked.connect(lambda locked: self.checklist.set_editable(not locked))
        c.case_saved.connect(self.case_changed)
        c.notice_blocker_changed.connect(self._show_notice_blocker)
        c.outcome_issued.connect(self._outcome_issued)
        c.outcome_refused.connect(self._outcome_refused)
        c.freeze_refused.connect(self._ask_supervisor)
        c.new_case_refused.connect(self._ask_new_case)
        c.failed.connect(self._show_error)
        c.step_started.connect(self.error_label.clear)
        c.actions_changed.connect(self.update_actions)
        self._show_open_case(None)  # also enables what the (empty) intake allows

    def load_index(self) -> None:
        """Get the item search index (built once per catalog version, off the GUI thread)."""
        self.controller.load_index()

    def item_index(self) -> ItemSearchIndex | None:
        return self.controller.index

    # -- who is at the keyboard ----------------------------------------------

    @Slot(object)
    def _login_changed(self, staff: StaffRecord | None) -> None:
        if staff is not None:  # a logout saves what waits (the controller)
            self._apply_role(staff)

    def _apply_role(self, staff: StaffRecord | None) -> None:
        """A village agent acts for the applicant: the letter is asked for from the start."""
        agent = self.controller.agent
        # An agent collects; the counter's four outcomes are the township's.
        for name, (button, action) in self._outcome_controls.items():
            mine = (name == "collect") == agent
            button.setVisible(mine)
            if name in ("accept", "collect"):
                action.setShortcut(QKeySequence(MAIN_OUTCOME_KEY) if mine else QKeySequence())
        self.update_actions()
        self.applicant_box.set_agent(agent)

    # -- state -------------------------------------------------------------

    @property
    def case(self) -> CaseView | None:
        return self.controller.case

    def reset(self) -> None:
        """Clear everything for the next applicant; what the case holds is saved first."""
        kept = self.controller.reset()
        self._card_name = ""
        self.applicant_box.clear()
        self.item_edit.clear()
        self._show_open_case(None)
        self._show_notice_blocker(None)
        self.item_label.clear()
        self.questions.reset([])
        self.checklist.reset([])
        self.checklist.set_editable(True)
        self.error_label.clear()
        self.status_label.clear()
        if kept is not None and kept.state in OPEN_INTAKE_STATES:
            self.status_label.setText(
                self.tr(
                    "Case {number} is kept as it is ({state}): type its tracking number to go on."
                ).format(number=display(kept.tracking_number), state=state_name(kept.state))
            )
        self.item_box.lock(False)
        self.update_actions()
        self.id_edit.setFocus()

    def start_over(self) -> None:
        """Esc: clear the panel for the next applicant.

        A case is kept as far as it got (its answers and ticks are saved as they
        are made), so nothing is asked. Only what was typed for an applicant
        before any case holds it would be lost: then the clerk is asked first.
        """
        if self.confirm_dialog is not None or self._open_dialog is not None:
            return  # a dialog of the panel is up: Esc is its own
        if self.case is None and self.applicant_box.typed_but_unsaved(self.controller.applicant):
            self._confirm_clear()
            return
        self.reset()

    def _confirm_clear(self) -> None:
        box = QMessageBox(self)
        box.setObjectName("start_over_dialog")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Start over"))
        box.setText(
            self.tr(
                "What was typed for this applicant is not saved yet (it is saved when "
                "the case opens). Clear it?"
            )
        )
        clear = box.addButton(self.tr("Clear (Enter)"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep typing (Esc)"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(clear)
        box.setEscapeButton(keep)
        self.confirm_dialog = box

        def finished(_result: int) -> None:
            self.confirm_dialog = None
            if box.clickedButton() is clear:
                self.reset()
            box.deleteLater()

        box.finished.connect(finished)
        box.open()

    def _lock(self, locked: bool) -> None:
        """A case's applicant, proxy and item are fixed once it is open."""
        self.applicant_box.lock(locked)
        self.item_box.lock(locked)

    def _outcomes_possible(self) -> bool:
        return self._open_dialog is None and self.controller.outcomes_possible()

    def update_actions(self) -> None:
        """Enable the outcome buttons and shortcuts the case allows now (none while one runs)."""
        free = not self.controller.busy and self._open_dialog is None
        offered = self.controller.new_case_offered and free
        self.new_case_button.setEnabled(offered)
        self.new_case_action.setEnabled(offered)
        outcomes = self.controller.allowed_outcomes() if free else set()
        for name, (button, action) in self._outcome_controls.items():
            on = Ending(name) in outcomes
            button.setEnabled(on)
            action.setEnabled(on)

    def _show_error(self, error: BaseException) -> None:
        """The error below the buttons; a field it names gets the focus, its text selected.

        The clerk may be several fields further on (an item picked after a
        mistyped phone): the cursor goes back to what needs correcting.
        """
        if isinstance(error, ClerkDeskError):
            text = describe(error)
        else:
            text = self.tr("Something went wrong: {message}").format(
                message=str(error) or type(error).__name__
            )
        self.error_label.setText(text)
        if isinstance(error, InvalidInput):
            edit = self.applicant_box.field_for(error.where)
            if edit is not None and edit.isVisibleTo(self) and edit.isEnabled():
                edit.setFocus(Qt.FocusReason.OtherFocusReason)
                edit.selectAll()

    def hideEvent(self, event: QHideEvent) -> None:
        # Another page, a closed window, a logout: what waits is written now.
        self.controller.save_now()
        super().hideEvent(event)

    # -- applicant -----------------------------------------------------------

    def _lookup_applicant(self) -> None:
        text = self.id_edit.text().strip()
        if not text or self.case is not None:
            return
        if any(sep in text for sep in "|,，｜\t"):
            # A keyboard-wedge reader typed the whole card record.
            try:
                card = parse_wedge_text(text, today=self._ctx.desk.clock.today())
            except ClerkDeskError as exc:
                self._show_error(exc)
                return
            if isinstance(card, IdCardData):
                self.load_card(card)
                return
        if looks_like_tracking_number(text):
            self.controller.find_case(text)
            return
        self.controller.find_applicant(text)

    def _applicant_found(self, found: ApplicantRecord | None, waiting: list[CaseView]) -> None:
        if found is None:
            self.status_label.setText(self.tr("New applicant: enter the name and phone."))
            self.name_edit.setFocus()
            return
        self.applicant_box.show_found(found, self._card_name)
        self.status_label.setText(self.tr("Known applicant."))
        if waiting:
            self.applicant_box.show_returning(waiting)
        if self.controller.agent and not self.letter_edit.text().strip():
            self.letter_edit.setFocus()
        else:
            self.item_edit.setFocus()

    def _after_applicant_fields(self) -> None:
        if self.controller.agent:
            self.letter_edit.setFocus()
        elif self.proxy_check.isChecked():
            self.proxy_id_edit.setFocus()
        else:
            self.item_edit.setFocus()

    def _toggle_proxy_by_key(self) -> None:
        if self.proxy_check.isVisible() and self.proxy_check.isEnabled():
            self.proxy_check.toggle()

    def _toggle_proxy(self, on: bool) -> None:
        self.applicant_box.layout_proxy()
        if on:
            self.proxy_id_edit.setFocus()

    def _lookup_proxy(self) -> None:
        """Proxy ID number, Enter: a known person fills in, a new one is asked for the name."""
        text = self.proxy_id_edit.text().strip()
        if self.proxy_id_edit.isReadOnly():
            return
        if not text:
            self.letter_edit.setFocus()  # a proxy known only by the letter
            return
        self.controller.find_proxy(text)

    def _proxy_found(self, found: ApplicantRecord | None) -> None:
        if found is None:
            self.status_label.setText(
                self.tr("New person acting for the applicant: enter the name.")
            )
            self.proxy_name_edit.setFocus()
            return
        self.proxy_id_edit.setText(found.id_number)
        self.proxy_name_edit.setText(found.name)
        self.status_label.setText(
            self.tr("Known person acting for the applicant: {name}.").format(name=found.name)
        )
        self.letter_edit.setFocus()

    def load_card(self, card: IdCardData) -> None:
        """Fill in what an ID card reader read, then look the applicant up."""
        if card.is_expired(self._ctx.desk.clock.today()):
            self.status_label.setText(
                self.tr("Note: this ID card expired on {date}.").format(
                    date=date_text(card.valid_until) if card.valid_until else ""
                )
            )
        self.id_edit.setText(card.id_number)
        self.name_edit.setText(card.name)
        self._card_name = card.name
        self._lookup_applicant()

    # -- taking a case up again ---------------------------------------------------

    @Slot(str)
    def open_case(self, case_id: str) -> None:
        """Take a case up in the intake (the case detail, the F4 chooser ask for this)."""
        self.reset()
        self.controller.open_case(case_id)

    def _not_taken_up(self, view: CaseView) -> None:
        """A case the intake has nothing to take in from: say where it is."""
        self.id_edit.selectAll()
        if view.state is CaseState.COLLECTED:
            self.status_label.setText(
                self.tr(
                    "Case {number} ({item}, {name}) was collected by the village agent {agent}: "
                    "the township checks and decides it once its handover list is received (F7)."
                ).format(
                    number=display(view.tracking_number),
                    item=view.stored_item.item.name,
                    name=view.applicant.name,
                    agent=view.first_clerk.name,
                )
            )
        else:
            self.status_label.setText(
                self.tr(
                    "Case {number} ({item}, {name}) is {state}: the intake has nothing left to "
                    "take in. Open it from the case list for its next steps."
                ).format(
                    number=display(view.tracking_number),
                    item=view.stored_item.item.name,
                    name=view.applicant.name,
                    state=state_name(view.state),
                )
            )

    def _take_up(self, case: CaseView) -> None:
        """A case taken up again: a notice's re-check, an unfinished intake, a collected case.

        Ticks are saved as they are made: a partial receipt stays with the case
        (Esc) until the rest comes. At the township, the agent's answers stand
        and their ticks are the starting point of the clerk's own check.
        """
        self.applicant_box.show_case(case)
        self._lock(True)
        item = case.stored_item.item
        number = display(case.tracking_number)
        self.questions_box.show_questions(item.questions, dict(case.answers))
        if case.state is CaseState.NOTICE_ISSUED:
            self.item_label.setText(
                f"{number}  {item.name}  " + self.tr("(re-check of the one-time notice)")
            )
            self.status_label.setText(
                self.tr(
                    "Case {number}: tick what the applicant brought. Esc keeps what came so far."
                ).format(number=number)
            )
        elif case.state is CaseState.CONSULTED:
            self.item_label.setText(f"{number}  {item.code}  {item.name}")
            self.status_label.setText(
                self.tr("Case {number} taken up where it stopped.").format(number=number)
            )
            if case.unanswered:
                self.questions_box.focus_unanswered()
        else:
            self.item_label.setText(
                f"{number}  {item.code}  {item.name}  "
                + self.tr("(collected by {agent})").format(agent=case.first_clerk.name)
            )
            self.status_label.setText(
                self.tr(
                    "Case {number} from the village agent {agent}: check the materials that "
                    "arrived, then accept, accept tolerantly, notify or reject."
                ).format(number=number, agent=case.first_clerk.name)
            )

    def recheck_waiting(self) -> bool:
        """F4: re-check the case the returning applicant's notice is for.

        With several such cases the clerk chooses one (tracking number, item,
        notice date). False when the applicant has none waiting.
        """
        waiting = list(self.controller.waiting)
        if not waiting:
            return False
        if len(waiting) == 1:
            self.open_case(waiting[0].id)
            return True
        if self._open_dialog is not None:
            return True
        tz = self._ctx.desk.settings().timezone
        rows: list[NoticeRow] = [
            (display(c.tracking_number), c.stored_item.item.name, self._day(c.notice_issued_at, tz))
            for c in waiting
        ]
        dialog = NoticeChooserDialog(rows, self)
        self._ask_then(dialog, lambda: self.open_case(waiting[dialog.chosen()].id))
        return True

    @staticmethod
    def _day(at: datetime | None, tz: str) -> str:
        if at is None:
            return ""
        if at.tzinfo is None:  # defensive: the store gives aware datetimes
            at = at.replace(tzinfo=UTC)
        return local_date(at, tz).isoformat()

    def _show_notice_blocker(self, blocker: ClerkDeskError | None) -> None:
        """Why the day rules a one-time notice out: on its button and the status line."""
        if blocker is None:
            self.notice_button.setToolTip(self._notice_tip)
            return
        why = describe(blocker)
        self.notice_button.setToolTip(f"{self._notice_tip}\n{why}")
        self.outcomes_bar.add_status(why)

    # -- the item ------------------------------------------------------------

    def _pick_item(self) -> None:
        if self.case is not None or self.controller.busy:
            return  # one case per intake; a second Enter does not open another
        stored = self.item_box.current_item()
        if stored is None:
            self.error_label.setText(self.tr("No service item matches."))
            return
        agent = self.controller.agent
        if (agent or self.applicant_box.acting()) and not self.letter_edit.text().strip():
            self.error_label.setText(
                self.tr(
                    "A village agent needs the applicant's letter of authorisation: enter it first."
                )
                if agent
                else self.tr(
                    "Someone acts for the applicant: enter their letter of authorisation first."
                )
            )
            self.letter_edit.setFocus()
            return
        self.controller.start_case(stored, self.applicant_box.form())

    def _case_started(self, started: StartedCase, replacing: bool) -> None:
        case = started.case
        if replacing:  # a new case anyway: it replaces the open one shown
            self._show_open_case(None)
            self.applicant_box.show_case(case)
        self._lock(True)
        item = case.stored_item.item
        self.item_label.setText(f"{item.code}  {item.name}")
        opened = self.tr("Case {number} opened.").format(number=display(case.tracking_number))
        if started.freeze is not None and started.freeze.warned:
            # The freeze policy warns as a new intake opens (it never blocks here).
            opened += "\n" + freeze_words(started.freeze)[1]
        self.status_label.setText(opened)
        self.questions_box.show_questions(item.questions, dict(case.answers))
        self.questions_box.focus_unanswered()

    def _show_open_case(self, case: CaseView | None) -> None:
        """The line saying the applicant's open case was opened (hidden with None)."""
        self.item_box.show_open_case(case)
        self.update_actions()

    def _ask_new_case(self, reason: str = "", error: InvalidInput | None = None) -> None:
        """Ctrl+Shift+N: the reason for a new case beside the open one, then the new case."""
        case = self.case
        if (
            not self.controller.new_case_offered
            or case is None
            or self.controller.busy
            or self._open_dialog is not None
        ):
            return
        dialog = NewCaseReasonDialog(display(case.tracking_number), self)
        dialog.set_reason(reason)
        self._ask_then(dialog, lambda: self.controller.start_new_case(dialog.reason()))
        if error is not None:
            dialog.show_error(error.where, describe(error))

    def _ask_supervisor(self, frozen: SyncFrozen, error: InvalidInput | None, login: str) -> None:
        """A frozen terminal: a supervisor's login and password for this new intake."""
        if self._open_dialog is not None:
            return
        dialog = SupervisorOverrideDialog(describe(frozen), self)
        dialog.set_login(login)
        self.supervisor_dialog = dialog

        def confirmed() -> None:
            typed_login, password = dialog.values()
            self.controller.override(FreezeOverride(typed_login, password))

        self._ask_then(dialog, confirmed)
        if error is not None:
            dialog.show_error(error.where, describe(error))

    # -- questions -------------------------------------------------------------

    def answer_current(self, value: bool) -> None:
        """Y or N on the current question; the last one opens the checklist."""
        current = self.questions_box.current()
        if current is None:
            return
        row, qid = current
        if not self.controller.answer(qid, value):
            return
        self.questions.set_answer(row, value)
        nxt = self.questions.first_unanswered()
        if nxt is not None:
            self.questions_view.setCurrentIndex(self.questions.index(nxt))

    # -- outcomes ----------------------------------------------------------------

    def _outcome_issued(
        self, view: CaseView, docs: list[DocumentInfo], error: ClerkDeskError | None
    ) -> None:
        case = self.case
        if case is not None and case.id == view.id:
            if error:
                self.error_label.setText(
                    self.tr("The case stands, but its document could not be made: {error}").format(
                        error=describe(error)
                    )
                )
            status = self.tr("Case {number}: {state}.").format(
                number=display(view.tracking_number), state=state_name(view.state)
            )
            if view.state is CaseState.COLLECTED:
                status += " " + self.tr(
                    "Hand the applicant the receipt; the case goes to the township on your "
                    "next handover list (F7)."
                )
            elif view.collected_at is not None:
                status += " " + self.tr(
                    "The documents go back to the applicant through the village agent {agent}."
                ).format(agent=view.first_clerk.name)
            self.status_label.setText(status)
        self.update_actions()
        self.case_changed.emit(view)
        self.outcome_reached.emit(view, docs, error)

    def _outcome_refused(self, ending: Ending, error: BaseException) -> None:
        """A refusal naming a field of the outcome's dialog opens it again, as entered."""
        if not isinstance(error, InvalidInput) or error.where not in DIALOG_FIELDS:
            return
        if ending is Ending.TOLERANT and self._promise is not None:
            self._ask_promise(*self._promise, error=error)
        elif ending is Ending.REJECT and self._rejection is not None:
            self._ask_rejection(self._rejection, error)
        elif ending is Ending.COLLECT:
            self._ask_village_point(self._village_point, error)

    def _accept(self) -> None:
        if self._outcomes_possible():
            self.controller.accept()

    def _notice(self) -> None:
        if self._outcomes_possible():
            self.controller.notice()

    def _collect(self) -> None:
        """The village agent's outcome (Ctrl+Enter for an agent): collect for the township."""
        if self._outcomes_possible():
            self._village_point = None
            self.controller.collect(None)

    def _ask_village_point(self, point: str | None, error: InvalidInput) -> None:
        """The first collection names the village point (the receipt prints it)."""
        dialog = VillagePointDialog(self)
        if point:
            dialog.set_village_point(point)

        def take() -> None:
            self._village_point = dialog.village_point()
            self.controller.collect(self._village_point)

        self._ask_then(dialog, take)
        if point is not None:  # what was entered was refused; the first time only asks
            dialog.show_error(error.where, describe(error))

    def _ask_then(self, dialog: QDialog, then: Callable[[], None]) -> None:
        """Open a dialog (non-blocking; no outcome meanwhile); ``then`` runs if the clerk confirms."""
        self._open_dialog = dialog
        self.update_actions()

        def finished(result: int) -> None:
            self._open_dialog = None
            self.update_actions()
            if result == QDialog.DialogCode.Accepted:
                then()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def _tolerant(self) -> None:
        """Ctrl+T: the promise date for the missing non-key materials.

        What blocks it (:func:`clerk_desk.outcomes.outcome_blockers` with the
        ticks shown: a key material missing, an item that does not allow it,
        nothing missing) is said at once, with no dialog to confirm first and be
        refused after.
        """
        if self._ctx.login.staff is None or not self._outcomes_possible():
            return
        blocker = self.controller.tolerant_blocker()
        if blocker is not None:
            self.error_label.setText(describe(blocker))
            return
        self.error_label.clear()
        missing = set(self.controller.missing())
        self._ask_promise([m.name for m in self.controller.materials() if m.id in missing])

    def _ask_promise(
        self, missing: list[str], when: date | None = None, error: InvalidInput | None = None
    ) -> None:
        dialog = PromiseDateDialog(self._ctx.desk.clock.today(), missing, self)
        if when is not None:
            dialog.set_promise_date(when)

        def take() -> None:
            self._promise = (missing, dialog.promise_date())
            self.controller.tolerant(self._promise[1])

        self._ask_then(dialog, take)
        if error is not None:
            dialog.show_error(error.where, describe(error))

    def _reject(self) -> None:
        if self._outcomes_possible():
            self._ask_rejection()

    def _ask_rejection(
        self, values: tuple[str, str, str] | None = None, error: InvalidInput | None = None
    ) -> None:
        dialog = RejectionDialog(self)
        if values is not None:
            dialog.set_values(*values)

        def take() -> None:
            self._rejection = dialog.values()
            self.controller.reject(*self._rejection)

        self._ask_then(dialog, take)
        if error is not None:
            dialog.show_error(error.where, describe(error))

    def current_index(self) -> QModelIndex:
        return self.hits_view.currentIndex()

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

A refusal that names a field (a mistyped phone found when the case opens) is
shown on a line right under that field, until it is edited, and puts the
cursor back there, its text selected; one naming no field goes to the error
line under the buttons. One that names a field of the promise or rejection
dialog opens the dialog again with what was entered, the refusal under that
field. Tolerant acceptance with a key material missing is refused at once.
Sections with nothing to show yet (no item chosen, an item without questions)
are hidden, and the rest moves up.

Picking an item on which the applicant has an open case (暂存 or 待补正) opens
that case, says so in a line under the item, and offers a new case anyway
(Ctrl+Shift+N), which asks for the reason. When the day rules a one-time
notice out (nothing received at an earlier visit, or the 5 days are over), the
notice button's tooltip and the status line say why before the clerk tries.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from clerk_desk.case_documents import DocumentInfo
from clerk_desk.cases import CaseView
from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.id_card import IdCardData, parse_wedge_text
from clerk_desk.intake import StartedCase
from clerk_desk.item_search import ItemSearchIndex
from clerk_desk.lifecycle import CaseState
from clerk_desk.outcomes import Outcome as Ending
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.actions import action_button
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.dialogs import SupervisorOverrideDialog
from clerk_desk.ui.field_errors import FieldErrors
from clerk_desk.ui.intake_applicant import ApplicantSection
from clerk_desk.ui.intake_asks import IntakeAsks
from clerk_desk.ui.intake_controller import IntakeController
from clerk_desk.ui.intake_outcomes_bar import OutcomesBar
from clerk_desk.ui.intake_sections import (
    NEW_CASE_SHORTCUT,
    ChecklistSection,
    ItemSection,
    QuestionsSection,
    ReadingColumns,
)
from clerk_desk.ui.intake_steps import looks_like_tracking_number
from clerk_desk.ui.messages import describe


class IntakePanel(QWidget):
    """One applicant's intake, as a single keyboard-driven page.

    The composition: the sections (:mod:`clerk_desk.ui.intake_sections`) show
    and collect, the :class:`IntakeController` (``controller``) holds the flow
    and calls the domain; this panel wires them, owns the keys and the dialogs.

    Every saved step reaches the other screens from its operation
    (``ctx.changes.case_changed``).

    Signals:
        outcome_reached(object, object, object): CaseView, its documents, and
            an error text if the documents could not be made (the case stands).
    """

    outcome_reached = Signal(object, object, object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intake_panel")
        self._ctx = ctx
        self.controller = IntakeController(ctx, self)
        self.asks = IntakeAsks(self.controller, ctx.desk.clock.today, self)
        self._build()
        self._wire()
        self._apply_role(ctx.login.staff)
        ctx.login.changed.connect(self._login_changed)

    # -- construction ------------------------------------------------------

    def _build(self) -> None:
        # Each field's error line, and the general one (the outcomes bar's, set below).
        self.errors = FieldErrors()
        self.applicant_box = ApplicantSection(self, self.errors)
        a = self.applicant_box
        self.id_edit, self.name_edit, self.phone_edit = a.id_edit, a.name_edit, a.phone_edit
        self.proxy_check, self.proxy_box = a.proxy_check, a.proxy_box
        self.proxy_id_edit, self.proxy_name_edit = a.proxy_id_edit, a.proxy_name_edit
        self.letter_edit, self.returning_label = a.letter_edit, a.returning_label
        self.proxy_action = a.proxy_action
        self.new_case_button, self.new_case_action = action_button(
            self,
            self.tr("New case any&way"),
            NEW_CASE_SHORTCUT,
            lambda: self.asks.new_case_reason(),
            "new_case",
        )
        self.item_box = i = ItemSection(self.new_case_button, self.errors)
        self.item_edit, self.hits, self.hits_view = i.item_edit, i.hits, i.hits_view
        self.item_label, self.open_case_label = i.item_label, i.open_case_label
        self.questions_box = QuestionsSection()
        self.questions, self.questions_view = (
            self.questions_box.questions,
            self.questions_box.questions_view,
        )
        self.checklist_box = ChecklistSection()
        self.checklist = self.checklist_box.checklist
        self.checklist_view = self.checklist_box.checklist_view

        self.outcomes_bar = OutcomesBar(
            self,
            {
                Ending.ACCEPT: self._accept,
                Ending.TOLERANT: self._tolerant,
                Ending.NOTICE: self._notice,
                Ending.REJECT: self._reject,
                Ending.COLLECT: self._collect,
            },
        )
        bar = self.outcomes_bar
        self.accept_button, self.tolerant_button = (
            bar.button(Ending.ACCEPT),
            bar.button(Ending.TOLERANT),
        )
        self.notice_button, self.reject_button = (
            bar.button(Ending.NOTICE),
            bar.button(Ending.REJECT),
        )
        self.collect_button = bar.button(Ending.COLLECT)
        action_button(self, self.tr("Start over"), "Esc", self.start_over, "start_over")
        self.error_label = self.errors.general = self.outcomes_bar.error_label
        self.status_label = self.outcomes_bar.status_label
        # 1, 2 | 3, 4; no item chosen: the applicant and the item take the width.
        page = QVBoxLayout(self)
        page.addLayout(
            ReadingColumns(
                [(self.applicant_box, 0), (self.item_box, 1)],
                [(self.questions_box, 0), (self.checklist_box, 0)],
            ),
            1,
        )
        page.addWidget(self.outcomes_bar)
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
        self.applicant_box.next_field = self.item_edit
        self.applicant_box.noted.connect(self.status_label.setText)
        self.proxy_id_edit.returnPressed.connect(self._lookup_proxy)
        self.letter_edit.returnPressed.connect(self.item_edit.setFocus)
        self.item_edit.textChanged.connect(lambda _t: self.item_box.search(self.item_index()))
        self.item_edit.returnPressed.connect(self._pick_item)
        self.hits_view.activated.connect(lambda _i: self._pick_item())
        self.questions_box.answer_requested.connect(self.answer_current)
        c = self.controller
        self.checklist.marks_changed.connect(c.mark)
        c.index_loaded.connect(self.item_box.search)
        c.applicant_found.connect(self.applicant_box.show_found)
        c.proxy_found.connect(self.applicant_box.show_proxy_found)
        c.case_started.connect(self._case_started)
        c.open_case_found.connect(self._show_open_case)
        c.case_taken_up.connect(self._take_up)
        c.case_not_taken_up.connect(self._not_taken_up)
        c.checklist_changed.connect(self.checklist_box.show_materials)
        c.ticks_changed.connect(self._show_summary)
        c.actions_changed.connect(self._show_summary)  # the outcomes offered follow the case
        c.checklist_locked.connect(lambda locked: self.checklist.set_editable(not locked))
        c.notice_blocker_changed.connect(self.outcomes_bar.show_notice_blocker)
        c.outcome_issued.connect(self._outcome_issued)
        c.failed.connect(self._show_error)
        c.outcome_refused.connect(self._outcome_refused)
        c.step_started.connect(self.errors.clear)
        c.actions_changed.connect(self.update_actions)
        self.asks.dialog_toggled.connect(self.update_actions)
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
        self.outcomes_bar.set_agent(agent)
        self.update_actions()
        self.applicant_box.set_agent(agent)
        if self.controller.index is not None:
            self.load_index()  # another login: the items this role may take

    # -- state -------------------------------------------------------------

    @property
    def case(self) -> CaseView | None:
        return self.controller.case

    @property
    def confirm_dialog(self) -> QMessageBox | None:
        """The question before clearing what was typed, while it is up."""
        return self.asks.confirm_dialog

    @property
    def supervisor_dialog(self) -> SupervisorOverrideDialog | None:
        """The last supervisor's-password dialog (a new intake on a frozen terminal)."""
        return self.asks.supervisor_dialog

    def reset(self) -> None:
        """Clear everything for the next applicant; what the case holds is saved first."""
        kept = self.controller.reset()
        self.applicant_box.clear()
        self.item_edit.clear()
        self._show_open_case(None)
        self.outcomes_bar.show_notice_blocker(None)
        self.item_label.clear()
        self.questions_box.show_questions([], {})
        self.checklist_box.show_materials([], set())
        self.errors.clear()
        self.outcomes_bar.show_kept(kept)
        self.item_box.lock(False)
        self.update_actions()
        self.id_edit.setFocus()

    def start_over(self) -> None:
        """Esc: clear the panel for the next applicant.

        A case is kept as far as it got (its answers and ticks are saved as they
        are made), so nothing is asked. Only what was typed for an applicant
        before any case holds it would be lost: then the clerk is asked first.
        """
        if self.confirm_dialog is not None or self.asks.open_dialog is not None:
            return  # a dialog of the panel is up: Esc is its own
        if self.case is None and self.applicant_box.typed_but_unsaved(self.controller.applicant):
            self.asks.confirm_clear(self.reset)
            return
        self.reset()

    def _lock(self, locked: bool) -> None:
        """A case's applicant, proxy and item are fixed once it is open."""
        self.applicant_box.lock(locked)
        self.item_box.lock(locked)

    def _outcomes_possible(self) -> bool:
        return self.asks.open_dialog is None and self.controller.outcomes_possible()

    def _show_summary(self) -> None:
        self.outcomes_bar.show_summary(self.controller.checklist_summary())

    def update_actions(self) -> None:
        """Enable the outcome buttons and shortcuts the case allows now (none while one runs)."""
        free = not self.controller.busy and self.asks.open_dialog is None
        offered = self.controller.new_case_offered and free
        self.new_case_button.setEnabled(offered)
        self.new_case_action.setEnabled(offered)
        self.outcomes_bar.enable(self.controller.allowed_outcomes() if free else set())

    def _show_error(self, error: BaseException) -> None:
        """The error under the field it names, the cursor there; else below the buttons.

        The clerk may be several fields further on (an item picked after a
        mistyped phone): the cursor goes back to what needs correcting.
        """
        if isinstance(error, ClerkDeskError):
            text = describe(error)
        else:
            text = self.tr("Something went wrong: {message}").format(
                message=str(error) or type(error).__name__
            )
        self.errors.show(error.where if isinstance(error, InvalidInput) else None, text)

    def _outcome_refused(self, ending: Ending, error: BaseException) -> None:
        """Said once: under its field in the outcome's dialog, opened again; else here."""
        if not self.asks.ask_again(ending, error):
            self._show_error(error)

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

    def _lookup_proxy(self) -> None:
        """Proxy ID number, Enter: a known person fills in, a new one is asked for the name."""
        text = self.proxy_id_edit.text().strip()
        if self.proxy_id_edit.isReadOnly():
            return
        if not text:
            self.letter_edit.setFocus()  # a proxy known only by the letter
            return
        self.controller.find_proxy(text)

    def load_card(self, card: IdCardData) -> None:
        """Fill in what an ID card reader read, then look the applicant up."""
        self.applicant_box.show_card(card, self._ctx.desk.clock.today())
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
        self.outcomes_bar.show_not_taken_up(view)

    def _take_up(self, case: CaseView) -> None:
        """A case taken up again: a notice's re-check, an unfinished intake, a collected case.

        Ticks are saved as they are made: a partial receipt stays with the case
        (Esc) until the rest comes. At the township, the agent's answers stand
        and their ticks are the starting point of the clerk's own check.
        """
        self.applicant_box.show_case(case)
        self._lock(True)
        self.item_box.show_taken_up(case)
        self.questions_box.show_questions(case.stored_item.item.questions, dict(case.answers))
        self.outcomes_bar.show_taken_up(case)
        if case.state is CaseState.CONSULTED and case.unanswered:
            self.questions_box.focus_unanswered()

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
        if self.asks.open_dialog is not None:
            return True
        tz = self._ctx.desk.settings().timezone
        self.asks.notice_case(waiting, tz, lambda row: self.open_case(waiting[row].id))
        return True

    # -- the item ------------------------------------------------------------

    def _pick_item(self) -> None:
        if self.case is not None or self.controller.busy:
            return  # one case per intake; a second Enter does not open another
        stored = self.item_box.current_item()
        if stored is None:
            self.errors.show(self.item_edit, self.tr("No service item matches."), focus=False)
            return
        missing = self.applicant_box.missing_letter()
        if missing is not None:
            self.errors.show(self.letter_edit, missing)
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
        self.outcomes_bar.show_opened(started)
        self.questions_box.show_questions(item.questions, dict(case.answers))
        self.questions_box.focus_unanswered()

    def _show_open_case(self, case: CaseView | None) -> None:
        """The line saying the applicant's open case was opened (hidden with None)."""
        self.item_box.show_open_case(case)
        self.update_actions()

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
            self.outcomes_bar.show_outcome(view, error)
        self.update_actions()
        self.outcome_reached.emit(view, docs, error)

    def _accept(self) -> None:
        if self._outcomes_possible():
            self.controller.accept()

    def _notice(self) -> None:
        if self._outcomes_possible():
            self.controller.notice()

    def _collect(self) -> None:
        """The village agent's outcome (Ctrl+Enter for an agent): collect for the township."""
        if self._outcomes_possible():
            self.asks.collect()

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
        self.asks.promise([m.name for m in self.controller.materials() if m.id in missing])

    def _reject(self) -> None:
        if self._outcomes_possible():
            self.asks.rejection()

    def current_index(self) -> QModelIndex:
        return self.hits_view.currentIndex()

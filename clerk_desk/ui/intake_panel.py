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

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from itertools import pairwise
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QHideEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord
from clerk_desk.case_documents import DocumentInfo, DocumentKind
from clerk_desk.cases import CaseView, local_date
from clerk_desk.catalog import StoredItem
from clerk_desk.catalog_format import Material
from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.id_card import IdCardData, parse_wedge_text
from clerk_desk.intake import Proxy, StartedCase
from clerk_desk.item_search import ItemSearchIndex, SearchHit
from clerk_desk.lifecycle import OPEN_INTAKE_STATES, CaseState
from clerk_desk.outcomes import NOT_OFFERED, outcome_blockers
from clerk_desk.outcomes import Outcome as Ending
from clerk_desk.roles import Role
from clerk_desk.staff import StaffRecord
from clerk_desk.sync_freeze import FreezeOverride, SyncFrozen
from clerk_desk.tracking_numbers import display
from clerk_desk.ui.actions import action_button, shortcut_tooltip
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.checklist_model import ChecklistModel, QuestionModel
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
from clerk_desk.ui.hits_model import HitsDelegate, HitsModel
from clerk_desk.ui.messages import date_text, describe
from clerk_desk.ui.terminal_status import freeze_words

log = logging.getLogger(__name__)

Outcome = tuple[CaseView, list[DocumentInfo], ClerkDeskError | None]

# Answers and ticks wait this long for more before they are written: a clerk
# ticking five materials makes one or two writes, not five. Whatever waits is
# written at once by an outcome, Esc, a logout or leaving the page.
SAVE_DELAY_MS = 1000
PROXY_SHORTCUT = "Alt+P"
NEW_CASE_SHORTCUT = "Ctrl+Shift+N"
# Fields of the outcome dialogs: a refusal naming one opens its dialog again.
DIALOG_FIELDS = frozenset(
    {"promise_date", "reason", "legal_basis", "competent_body", "village_point"}
)
MAIN_OUTCOME_KEY = "Ctrl+Return"  # accept at the counter, collect at the village


def looks_like_tracking_number(text: str) -> bool:
    """Whether what was typed in the ID field is meant as a tracking number.

    The field tells them apart by form: a resident ID has 18 characters (or 15
    digits), a tracking number 16 digits (old ones 13 symbols). A valid number
    of either form (with or without its spaces or dashes) is one; so is a
    mistyped one of 16 characters, digits but for a look-alike letter, and a
    mistyped old one with the old length or its dashes and letters no resident
    ID has (only an ID's last character may be X), so that the clerk hears what
    is wrong with the number, not that an ID needs 18 digits.
    """
    number = tracking_numbers.normalize(text)
    if tracking_numbers.is_valid(number):
        return True
    if len(number) == tracking_numbers.LENGTH:
        return sum(c.isdigit() for c in number) >= tracking_numbers.LENGTH - 1
    letters = any(c.isalpha() for c in number[:-1])
    return letters and (len(number) == tracking_numbers.LEGACY_LENGTH or "-" in text)


@contextmanager
def as_proxy_fields() -> Iterator[None]:
    """An InvalidInput about the person acting names the proxy's field.

    ``register_person`` and ``find`` say ``id_number`` or ``name``: for the
    proxy that must read (and focus) as the proxy's ID number or name.
    """
    try:
        yield
    except InvalidInput as error:
        if error.where.startswith("proxy"):
            raise
        raise InvalidInput(f"proxy.{error.where}", error.template, **error.params) from error


class IntakePanel(QWidget):
    """One applicant's intake, as a single keyboard-driven page.

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
        self._index: ItemSearchIndex | None = None
        self._applicant: ApplicantRecord | None = None
        self._case: CaseView | None = None
        self._waiting: list[CaseView] = []
        self._card_name = ""
        self._agent = False
        # Blocking tasks under way (opening a case, the full answers, an outcome):
        # no outcome can be taken meanwhile.
        self._busy = 0
        # The checklist is on screen and an outcome may be taken from it.
        self._checklist_open = False
        self._unsaved_answers: dict[str, bool] = {}
        self._unsaved_marks: dict[str, bool] = {}
        self._unsaved_by: str | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self.confirm_dialog: QMessageBox | None = None
        self._open_dialog: QDialog | None = None
        # The last supervisor's-password dialog (a new intake on a frozen terminal).
        self.supervisor_dialog: SupervisorOverrideDialog | None = None
        # Picking the item opened the applicant's open case: a new one, given its reason.
        self._new_case: Callable[[str, InvalidInput | None], None] | None = None
        self._notice_blocked = False
        self._build()
        self._apply_role(ctx.login.staff)
        ctx.login.changed.connect(self._login_changed)

    # -- construction ------------------------------------------------------

    def _build(self) -> None:
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("id_number")
        # Short enough for the field at 1366x768; the tooltip says the rest.
        self.id_edit.setPlaceholderText(self.tr("ID or tracking number, Enter"))
        self.id_edit.setToolTip(
            self.tr(
                "The applicant's ID number or credit code (typed, or F8 for the card "
                "reader), or a case's tracking number; then Enter"
            )
        )
        self.id_edit.setMaxLength(256)  # wedge readers may type a whole card record
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("applicant_name")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("phone")
        self.proxy_check = QCheckBox(
            self.tr("Someone acts for the applicant (letter of authorisation)")
        )
        self.proxy_check.setObjectName("proxy_check")
        self.proxy_action = QAction(self.proxy_check.text(), self)
        self.proxy_action.setObjectName("action_proxy")
        self.proxy_action.setShortcut(QKeySequence(PROXY_SHORTCUT))
        self.proxy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.proxy_action.triggered.connect(self._toggle_proxy_by_key)
        self.addAction(self.proxy_action)
        tip = shortcut_tooltip(self.proxy_check.text(), PROXY_SHORTCUT)
        self.proxy_check.setToolTip(tip)
        self.proxy_action.setToolTip(tip)
        self.proxy_id_edit = QLineEdit()
        self.proxy_id_edit.setObjectName("proxy_id_number")
        self.proxy_id_edit.setPlaceholderText(self.tr("ID number, then Enter"))
        self.proxy_name_edit = QLineEdit()
        self.proxy_name_edit.setObjectName("proxy_name")
        self.letter_edit = QLineEdit()
        self.letter_edit.setObjectName("authorization_letter")
        self.proxy_box = QWidget()
        self._proxy_form = QFormLayout(self.proxy_box)
        self._proxy_form.setContentsMargins(0, 0, 0, 0)
        self._proxy_form.addRow(self.tr("Proxy ID number:"), self.proxy_id_edit)
        self._proxy_form.addRow(self.tr("Proxy name:"), self.proxy_name_edit)
        self._proxy_form.addRow(self.tr("Letter of authorisation:"), self.letter_edit)
        self.proxy_box.setVisible(False)
        self.returning_label = QLabel()
        self.returning_label.setObjectName("returning_banner")
        self.returning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.returning_label.setWordWrap(True)  # several numbers must not widen the column
        self.returning_label.setStyleSheet("background: #fff3cd; padding: 4px")
        self.returning_label.setVisible(False)

        applicant_box = QGroupBox(self.tr("Applicant"))
        form = QFormLayout(applicant_box)
        form.addRow(self.tr("&ID number:"), self.id_edit)
        form.addRow(self.tr("Na&me:"), self.name_edit)
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
        HitsDelegate.install(self.hits_view)  # name and code, no sideways scrolling
        self.item_label = QLabel()
        self.item_label.setObjectName("chosen_item")
        self.item_label.setTextFormat(Qt.TextFormat.PlainText)
        self.item_label.setWordWrap(True)
        item_box = QGroupBox(self.tr("Service item"))
        item_layout = QVBoxLayout(item_box)
        item_layout.addWidget(self.item_edit)
        item_layout.addWidget(self.hits_view, 1)
        item_layout.addWidget(self.item_label)
        self.open_case_label = QLabel()
        self.open_case_label.setObjectName("open_case_banner")
        self.open_case_label.setTextFormat(Qt.TextFormat.PlainText)
        self.open_case_label.setWordWrap(True)
        self.open_case_label.setStyleSheet("background: #fff3cd; padding: 4px")
        self.new_case_button, self.new_case_action = action_button(
            self,
            self.tr("New case any&way"),
            NEW_CASE_SHORTCUT,
            lambda: self._ask_new_case(),
            "new_case",
        )
        open_case_row = QHBoxLayout()
        open_case_row.addWidget(self.open_case_label, 1)
        open_case_row.addWidget(self.new_case_button)
        item_layout.addLayout(open_case_row)

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
        self.error_label = QLabel()
        self.error_label.setObjectName("intake_error")
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("intake_status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)

        buttons = QHBoxLayout()
        for b in (
            self.accept_button,
            self.tolerant_button,
            self.notice_button,
            self.reject_button,
            self.collect_button,
        ):
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
        self.proxy_id_edit.returnPressed.connect(self._lookup_proxy)
        self.proxy_name_edit.returnPressed.connect(self.letter_edit.setFocus)
        self.letter_edit.returnPressed.connect(self.item_edit.setFocus)
        self.item_edit.textChanged.connect(self._search)
        self.item_edit.returnPressed.connect(self._pick_item)
        self.hits_view.activated.connect(lambda _i: self._pick_item())
        self.checklist.marks_changed.connect(self._marks_changed)
        for w in (self.item_edit, self.hits_view, self.questions_view, self.checklist_view):
            w.installEventFilter(self)
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
        self._show_open_case(None)  # also enables what the (empty) intake allows

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

    # -- who is at the keyboard ----------------------------------------------

    @Slot(object)
    def _login_changed(self, staff: StaffRecord | None) -> None:
        if staff is None:
            self.save_now()  # logged out: what waits is saved under the clerk who made it
        else:
            self._apply_role(staff)

    def _apply_role(self, staff: StaffRecord | None) -> None:
        """A village agent acts for the applicant: the letter is asked for from the start."""
        self._agent = staff is not None and staff.role == Role.AGENT
        self.proxy_check.setVisible(not self._agent)
        # An agent collects; the counter's four outcomes are the township's.
        for name, (button, action) in self._outcome_controls.items():
            mine = (name == "collect") == self._agent
            button.setVisible(mine)
            if name in ("accept", "collect"):
                action.setShortcut(QKeySequence(MAIN_OUTCOME_KEY) if mine else QKeySequence())
        self.update_actions()
        if self._agent:
            self.letter_edit.setPlaceholderText(
                self.tr("The applicant's letter of authorisation for you (required)")
            )
        else:
            self.letter_edit.setPlaceholderText(
                self.tr("e.g. 授权委托书 2026-11-20, signed by the applicant")
            )
        self._layout_proxy()

    def _layout_proxy(self) -> None:
        person = self.proxy_check.isChecked() and not self._agent
        self._proxy_form.setRowVisible(self.proxy_id_edit, person)
        self._proxy_form.setRowVisible(self.proxy_name_edit, person)
        self.proxy_box.setVisible(person or self._agent)

    # -- state -------------------------------------------------------------

    @property
    def case(self) -> CaseView | None:
        return self._case

    def reset(self) -> None:
        """Clear everything for the next applicant; what the case holds is saved first."""
        self.save_now()
        kept = self._case
        self._applicant, self._case, self._waiting = None, None, []
        self._card_name = ""
        self._checklist_open = False
        for edit in (*self._person_edits(), self.item_edit):
            edit.clear()
        self._lock_applicant(False)
        self.proxy_check.setChecked(False)
        self._layout_proxy()
        self.returning_label.setVisible(False)
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
        self.item_edit.setEnabled(True)
        self.hits_view.setEnabled(True)
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
        if self._case is None and self._typed_but_unsaved():
            self._confirm_clear()
            return
        self.reset()

    def _typed_but_unsaved(self) -> bool:
        name, phone = self.name_edit.text().strip(), self.phone_edit.text().strip()
        known = self._applicant
        person = (
            bool(name or phone) if known is None else (name, phone) != (known.name, known.phone)
        )
        proxy = any(
            e.text().strip() for e in (self.proxy_id_edit, self.proxy_name_edit, self.letter_edit)
        )
        return person or proxy

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

    def _person_edits(self) -> tuple[QLineEdit, ...]:
        """The applicant's and the proxy's fields."""
        return (
            self.id_edit,
            self.name_edit,
            self.phone_edit,
            self.proxy_id_edit,
            self.proxy_name_edit,
            self.letter_edit,
        )

    def _lock_applicant(self, locked: bool) -> None:
        """A case's applicant and proxy are fixed once it is open."""
        for edit in self._person_edits():
            edit.setReadOnly(locked)
        self.proxy_check.setEnabled(not locked)
        self.item_edit.setEnabled(not locked)
        self.hits_view.setEnabled(not locked)

    def _outcomes_possible(self) -> bool:
        case = self._case
        return (
            case is not None
            and case.state in OPEN_INTAKE_STATES
            and self._checklist_open
            and self._busy == 0
            and self._open_dialog is None
        )

    def _offered_outcomes(self) -> set[Ending]:
        """The outcomes the domain offers this clerk on the case at its stage."""
        case, staff = self._case, self._ctx.login.staff
        if case is None or staff is None:
            return set()
        return {
            outcome
            for outcome, blockers in outcome_blockers(case, clerk=staff).items()
            if not any(b.kind in NOT_OFFERED for b in blockers)
        }

    def update_actions(self) -> None:
        """Enable the outcome buttons and shortcuts the case allows now (none while one runs)."""
        offered = self._new_case is not None and self._busy == 0 and self._open_dialog is None
        self.new_case_button.setEnabled(offered)
        self.new_case_action.setEnabled(offered)
        possible = self._outcomes_possible()
        outcomes = self._offered_outcomes() if possible else set()
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
            self._focus_field(error.where)

    def field_for(self, where: str) -> QLineEdit | None:
        """The panel's field an InvalidInput's ``where`` names (None: not one of the panel's)."""
        fields = {
            "id_number": self.id_edit,
            "credit_code": self.id_edit,
            "tracking_number": self.id_edit,
            "id_card": self.id_edit,  # a wedge reader's record lands in the ID field
            "name": self.name_edit,
            "phone": self.phone_edit,
            "proxy": self.letter_edit,  # a village agent needs the letter
            "proxy.applicant_id": self.proxy_id_edit,
            "proxy.id_number": self.proxy_id_edit,
            "proxy.credit_code": self.proxy_id_edit,
            "proxy.name": self.proxy_name_edit,
            "proxy.authorization_letter": self.letter_edit,
        }
        return fields.get(where)

    def _focus_field(self, where: str) -> None:
        edit = self.field_for(where)
        if edit is None or not edit.isVisibleTo(self) or not edit.isEnabled():
            return
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.selectAll()

    def _run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        blocking: bool = False,
        failed: Callable[[BaseException], None] | None = None,
        quiet: bool = False,
    ) -> None:
        """``fn`` on the database thread, ``done`` with its result back here.

        ``blocking``: no outcome can be taken until it is back. ``quiet``: an
        error still on screen stays (a background save must not hide it).
        """
        if not quiet:
            self.error_label.clear()
        if blocking:
            self._busy += 1
            self.update_actions()

        def finish() -> None:
            if blocking:
                self._busy -= 1

        def on_done(result: Any) -> None:
            finish()
            done(result)
            self.update_actions()

        def on_error(error: BaseException) -> None:
            finish()
            (failed or self._show_error)(error)
            self.update_actions()

        self._ctx.runner.db(fn, on_done, on_error)

    # -- saving as the clerk goes ----------------------------------------------

    def _note(
        self, answers: dict[str, bool] | None = None, marks: dict[str, bool] | None = None
    ) -> None:
        staff = self._ctx.login.staff
        if self._case is None or staff is None:
            return
        self._unsaved_by = staff.id
        self._unsaved_answers.update(answers or {})
        self._unsaved_marks.update(marks or {})
        if not self._save_timer.isActive():
            self._save_timer.start()

    def save_now(self, then: Callable[[CaseView], None] | None = None) -> None:
        """Send the answers and ticks not yet saved to the database thread now.

        Ticks go first: they were made against the checklist the answers
        before gave. ``then`` gets the saved case (and blocks the outcomes
        until it has it); without it the case is only brought up to date.
        """
        self._save_timer.stop()
        case, staff_id = self._case, self._unsaved_by
        answers, marks = self._unsaved_answers, self._unsaved_marks
        self._unsaved_answers, self._unsaved_marks = {}, {}
        if case is None or staff_id is None or not (answers or marks):
            return
        intake = self._ctx.desk.intake

        def run() -> CaseView:
            view = case
            if marks:
                view = intake.mark(
                    case_id=case.id,
                    clerk_id=staff_id,
                    received=[m for m, got in marks.items() if got],
                    missing=[m for m, got in marks.items() if not got],
                )
            if answers:
                view = intake.answer(case_id=case.id, clerk_id=staff_id, answers=answers)
            return view

        if then is None:
            self._run(run, self._saved, quiet=True)
        else:
            self._run(run, then, blocking=True)

    def _saved(self, view: CaseView) -> None:
        if self._case is not None and self._case.id == view.id:
            self._case = view
            if self._notice_blocked:  # a tick received today may lift it
                self._check_notice_day(view)
        if self._ctx.login.staff is not None:  # after a logout the screens are going away
            self.case_changed.emit(view)

    def hideEvent(self, event: QHideEvent) -> None:
        # Another page, a closed window, a logout: what waits is written now.
        self.save_now()
        super().hideEvent(event)

    # -- applicant -----------------------------------------------------------

    def _lookup_applicant(self) -> None:
        text = self.id_edit.text().strip()
        if not text or self._case is not None:
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
        if looks_like_tracking_number(text):
            self._lookup_tracking_number(text)
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
            self.returning_label.setText(self._returning_text(waiting))
            self.returning_label.setVisible(True)
        if self._agent and not self.letter_edit.text().strip():
            self.letter_edit.setFocus()
        else:
            self.item_edit.setFocus()

    def _returning_text(self, waiting: list[CaseView]) -> str:
        """The banner: one case a line, so that no tracking number breaks in two."""
        lines = [self.tr("Returning with a one-time notice; F4 re-checks it:")]
        lines += [f"{display(c.tracking_number)}  {c.stored_item.item.name}" for c in waiting]
        return "\n".join(lines)

    def _after_applicant_fields(self) -> None:
        if self._agent:
            self.letter_edit.setFocus()
        elif self.proxy_check.isChecked():
            self.proxy_id_edit.setFocus()
        else:
            self.item_edit.setFocus()

    def _toggle_proxy_by_key(self) -> None:
        if self.proxy_check.isVisible() and self.proxy_check.isEnabled():
            self.proxy_check.toggle()

    def _toggle_proxy(self, on: bool) -> None:
        self._layout_proxy()
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
        desk = self._ctx.desk

        def find() -> ApplicantRecord | None:
            with as_proxy_fields():
                return desk.applicants.find(text)

        self._run(find, self._proxy_found)

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

    def _lookup_tracking_number(self, text: str) -> None:
        try:
            number = tracking_numbers.parse(text, where="tracking_number")
        except ClerkDeskError as exc:
            self._show_error(exc)
            return
        cases = self._ctx.desk.cases
        self._run(lambda: cases.by_tracking_number(number), self._take_up, blocking=True)

    @Slot(str)
    def open_case(self, case_id: str) -> None:
        """Take a case up in the intake (the case detail, the F4 chooser ask for this)."""
        self.reset()
        cases = self._ctx.desk.cases
        self._run(lambda: cases.get(case_id), self._take_up, blocking=True)

    def _take_up(self, view: CaseView) -> None:
        if view.state is CaseState.NOTICE_ISSUED:
            self.load_recheck(view)
        elif view.state is CaseState.CONSULTED:
            self.load_consulted(view)
        elif view.state is CaseState.COLLECTED and not self._agent and view.handed_over_at:
            self.load_collected(view)
        elif view.state is CaseState.COLLECTED:
            self.id_edit.selectAll()
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
            self.id_edit.selectAll()
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

    def _show_case_fields(self, case: CaseView) -> None:
        self._case = case
        self._applicant = case.applicant
        self._waiting = []
        self.id_edit.setText(case.applicant.id_number)
        self.name_edit.setText(case.applicant.name)
        self.phone_edit.setText(case.applicant.phone)
        acting = case.proxy is not None or bool(case.authorization_letter)
        self.proxy_check.blockSignals(True)
        self.proxy_check.setChecked(acting and not self._agent)
        self.proxy_check.blockSignals(False)
        self._layout_proxy()
        self.proxy_id_edit.setText(case.proxy.id_number if case.proxy else "")
        self.proxy_name_edit.setText(case.proxy.name if case.proxy else "")
        self.letter_edit.setText(case.authorization_letter or "")
        self._lock_applicant(True)
        self.returning_label.setVisible(False)

    def _open_checklist(self, materials: list[Material], received: set[str]) -> None:
        self.checklist.reset(materials, received)
        self.checklist.set_editable(True)
        self._checklist_open = True
        self.update_actions()
        self.checklist_view.setFocus()
        self.checklist_view.setCurrentIndex(self.checklist.index(0))

    def recheck_waiting(self) -> bool:
        """F4: re-check the case the returning applicant's notice is for.

        With several such cases the clerk chooses one (tracking number, item,
        notice date). False when the applicant has none waiting.
        """
        waiting = list(self._waiting)
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

    def load_recheck(self, case: CaseView) -> None:
        """Show only the notice's materials of a case waiting for the applicant's return.

        Ticks are saved as they are made: a partial receipt stays with the case
        (Esc) until the rest comes.
        """
        self._show_case_fields(case)
        self.item_label.setText(
            f"{display(case.tracking_number)}  {case.stored_item.item.name}  "
            + self.tr("(re-check of the one-time notice)")
        )
        self.questions.reset(case.stored_item.item.questions, dict(case.answers))
        received = {e.material.id for e in case.recheck if e.status == "received"}
        self._open_checklist([e.material for e in case.recheck], received)
        self.status_label.setText(
            self.tr(
                "Case {number}: tick what the applicant brought. Esc keeps what came so far."
            ).format(number=display(case.tracking_number))
        )

    def load_consulted(self, case: CaseView) -> None:
        """Go on with an intake left unfinished, from where it stopped."""
        self._show_case_fields(case)
        item = case.stored_item.item
        self.item_label.setText(f"{display(case.tracking_number)}  {item.code}  {item.name}")
        self.questions.reset(item.questions, dict(case.answers))
        self.status_label.setText(
            self.tr("Case {number} taken up where it stopped.").format(
                number=display(case.tracking_number)
            )
        )
        self._check_notice_day(case)
        if case.unanswered:
            self._checklist_open = False
            self.checklist.reset([])
            self.update_actions()
            self.questions_view.setFocus()
            self.questions_view.setCurrentIndex(
                self.questions.index(self.questions.first_unanswered() or 0)
            )
            return
        received = {e.material.id for e in case.checklist if e.status == "received"}
        self._open_checklist([e.material for e in case.checklist], received)

    def load_collected(self, case: CaseView) -> None:
        """A village agent's case handed over to the township: check the materials, decide.

        The agent's answers stand; their ticks are the starting point of the
        clerk's own check of what arrived.
        """
        self._show_case_fields(case)
        item = case.stored_item.item
        self.item_label.setText(
            f"{display(case.tracking_number)}  {item.code}  {item.name}  "
            + self.tr("(collected by {agent})").format(agent=case.first_clerk.name)
        )
        self.questions.reset(item.questions, dict(case.answers))
        received = {e.material.id for e in case.checklist if e.status == "received"}
        self._open_checklist([e.material for e in case.checklist], received)
        self.status_label.setText(
            self.tr(
                "Case {number} from the village agent {agent}: check the materials that arrived, "
                "then accept, accept tolerantly, notify or reject."
            ).format(number=display(case.tracking_number), agent=case.first_clerk.name)
        )

    def _check_notice_day(self, case: CaseView) -> None:
        """Ask the domain whether the day rules a one-time notice out, and show why."""
        if case.state is not CaseState.CONSULTED:
            self._show_notice_blocker(None)
            return
        intake = self._ctx.desk.intake

        def shown(blocker: ClerkDeskError | None) -> None:
            if self._case is not None and self._case.id == case.id:
                self._show_notice_blocker(blocker)

        self._run(lambda: intake.notice_blocker(case.id), shown, quiet=True)

    def _show_notice_blocker(self, blocker: ClerkDeskError | None) -> None:
        self._notice_blocked = blocker is not None
        if blocker is None:
            self.notice_button.setToolTip(self._notice_tip)
            return
        why = describe(blocker)
        self.notice_button.setToolTip(f"{self._notice_tip}\n{why}")
        if why not in self.status_label.text():
            self.status_label.setText(f"{self.status_label.text()}\n{why}".strip())

    # -- the item ------------------------------------------------------------

    def _search(self, text: str) -> None:
        if self._index is None:
            return
        hits: list[SearchHit] = self._index.search(text, limit=50)
        self.hits.reset(hits)
        if hits:
            self.hits_view.setCurrentIndex(self.hits.index(0))

    def _pick_item(self) -> None:
        if self._case is not None or self._busy:
            return  # one case per intake; a second Enter does not open another
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
        letter = self.letter_edit.text()
        acting = self.proxy_check.isChecked() and not self._agent
        if (self._agent or acting) and not letter.strip():
            self.error_label.setText(
                self.tr(
                    "A village agent needs the applicant's letter of authorisation: enter it first."
                )
                if self._agent
                else self.tr(
                    "Someone acts for the applicant: enter their letter of authorisation first."
                )
            )
            self.letter_edit.setFocus()
            return
        proxy_person = (self.proxy_id_edit.text(), self.proxy_name_edit.text()) if acting else None

        def start(reason: str | None, override: FreezeOverride | None) -> StartedCase:
            if known is not None and known.name == name and known.phone == phone.strip():
                applicant = known
            else:
                applicant = desk.applicants.register_person(
                    actor_id=staff.id, name=name, id_number=id_number, phone=phone
                )
            proxy = None
            if proxy_person is not None:
                pid, pname = proxy_person
                person = None
                if pid.strip():
                    with as_proxy_fields():
                        person = desk.applicants.register_person(
                            actor_id=staff.id, name=pname, id_number=pid
                        ).id
                proxy = Proxy(person, letter)
            elif self._agent:
                proxy = Proxy(None, letter)  # the agent, logged in, is the one acting
            return desk.intake.start_case(
                clerk_id=staff.id,
                item_code=stored.item.code,
                applicant_id=applicant.id,
                proxy=proxy,
                new_case_reason=reason,
                override=override,
            )

        def attempt(
            reason: str | None,
            done: Callable[[StartedCase], None],
            refused: Callable[[BaseException], None],
            override: FreezeOverride | None = None,
            frozen: SyncFrozen | None = None,
        ) -> None:
            """Open the case; on a frozen terminal ask a supervisor, and try again with them."""

            def again(ov: FreezeOverride, why: SyncFrozen) -> None:
                attempt(reason, done, refused, ov, why)

            def failed(error: BaseException) -> None:
                if isinstance(error, SyncFrozen):
                    self._ask_supervisor(error, again)
                elif (
                    frozen is not None
                    and override is not None
                    and isinstance(error, InvalidInput)
                    and error.where in ("supervisor_login", "supervisor_password")
                ):
                    self._ask_supervisor(frozen, again, error, override.supervisor_login)
                else:
                    refused(error)

            self._run(lambda: start(reason, override), done, blocking=True, failed=failed)

        def anyway(reason: str, error: InvalidInput | None) -> None:
            if error is not None:  # the reason was refused: ask again, with what was typed
                self._ask_new_case(reason, error)
                return

            def failed(refused: BaseException) -> None:
                if isinstance(refused, InvalidInput) and refused.where == "new_case_reason":
                    anyway(reason, refused)
                else:
                    self._show_error(refused)

            self.save_now()  # the open case's ticks first
            attempt(reason, self._case_started, failed)

        self._new_case = None
        attempt(None, lambda started: self._case_started(started, anyway), self._show_error)

    def _ask_supervisor(
        self,
        frozen: SyncFrozen,
        then: Callable[[FreezeOverride, SyncFrozen], None],
        error: InvalidInput | None = None,
        login: str = "",
    ) -> None:
        """A frozen terminal: a supervisor's login and password for this new intake."""
        if self._open_dialog is not None:
            return
        dialog = SupervisorOverrideDialog(describe(frozen), self)
        dialog.set_login(login)
        self.supervisor_dialog = dialog

        def confirmed() -> None:
            typed_login, password = dialog.values()
            then(FreezeOverride(typed_login, password), frozen)

        self._ask_then(dialog, confirmed)
        if error is not None:
            dialog.show_error(error.where, describe(error))

    def _case_started(
        self,
        started: StartedCase,
        anyway: Callable[[str, InvalidInput | None], None] | None = None,
    ) -> None:
        case = started.case
        if started.existing:
            # The applicant's open case on the item: taken up, and a new one offered.
            self._take_up(case)
            self._new_case = anyway
            self._show_open_case(case)
            self.update_actions()
            return
        if self._new_case is not None:  # a new case anyway: it replaces the open one shown
            self._show_open_case(None)
            self._show_case_fields(case)
            self._checklist_open = False
            self.checklist.reset([])
        self._case = case
        self._applicant = case.applicant
        self._lock_applicant(True)
        self.case_changed.emit(case)
        item = case.stored_item.item
        self.item_label.setText(f"{item.code}  {item.name}")
        opened = self.tr("Case {number} opened.").format(number=display(case.tracking_number))
        if started.freeze is not None and started.freeze.warned:
            # The freeze policy warns as a new intake opens (it never blocks here).
            opened += "\n" + freeze_words(started.freeze)[1]
        self.status_label.setText(opened)
        # Some questions answer themselves (by_proxy from the proxy recorded).
        self.questions.reset(item.questions, dict(case.answers))
        first = self.questions.first_unanswered()
        if first is not None:
            self.questions_view.setFocus()
            self.questions_view.setCurrentIndex(self.questions.index(first))
        else:
            self._answered(case)

    def _show_open_case(self, case: CaseView | None) -> None:
        """The line saying the applicant's open case was opened (hidden with None)."""
        if case is None:
            self._new_case = None
            self.open_case_label.clear()
        else:
            self.open_case_label.setText(
                self.tr(
                    "Opened the applicant's open case on this item: {number} ({state}). "
                    "A new case anyway: {keys}, with the reason."
                ).format(
                    number=display(case.tracking_number),
                    state=state_name(case.state),
                    keys=NEW_CASE_SHORTCUT,
                )
            )
        self.open_case_label.setVisible(case is not None)
        self.new_case_button.setVisible(case is not None)
        self.update_actions()

    def _ask_new_case(self, reason: str = "", error: InvalidInput | None = None) -> None:
        """Ctrl+Shift+N: the reason for a new case beside the open one, then the new case."""
        anyway, case = self._new_case, self._case
        if anyway is None or case is None or self._busy or self._open_dialog is not None:
            return
        dialog = NewCaseReasonDialog(display(case.tracking_number), self)
        dialog.set_reason(reason)
        self._ask_then(dialog, lambda: anyway(dialog.reason(), None))
        if error is not None:
            dialog.show_error(error.where, describe(error))

    # -- questions -------------------------------------------------------------

    def answer_current(self, value: bool) -> None:
        case = self._case
        if self.questions.rowCount() == 0 or case is None or self._busy:
            return
        if case.state is not CaseState.CONSULTED:
            return
        row = self.questions_view.currentIndex().row()
        if row < 0:
            row = self.questions.first_unanswered() or 0
        self.questions.set_answer(row, value)
        qid = str(self.questions.data(self.questions.index(row), Qt.ItemDataRole.UserRole))
        self._note(answers={qid: value})
        nxt = self.questions.first_unanswered()
        if nxt is not None:
            self.questions_view.setCurrentIndex(self.questions.index(nxt))
            return
        # Every question answered: the checklist follows from the answers as saved.
        self._checklist_open = False
        self.checklist.set_editable(False)
        self.update_actions()
        self.save_now(then=self._answered)

    def _answered(self, case: CaseView) -> None:
        self._case = case
        self.case_changed.emit(case)
        received = {e.material.id for e in case.checklist if e.status == "received"}
        self._open_checklist([e.material for e in case.checklist], received)

    def _marks_changed(self, marks: dict[str, bool]) -> None:
        if (
            self._checklist_open
            and self._case is not None
            and self._case.state in OPEN_INTAKE_STATES
        ):
            self._note(marks=marks)

    # -- outcomes ----------------------------------------------------------------

    def _outcome(
        self,
        decide: Callable[[str, str], CaseView],
        ask_again: Callable[[InvalidInput], None] | None = None,
    ) -> None:
        """Save the marks, take the outcome, make its documents: one worker task.

        ``ask_again``: the outcome's dialog, opened again with what the clerk
        entered, when the refusal names one of its fields.
        """
        case = self._case
        if case is None or not self._outcomes_possible():
            return
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        # The full marks below include every tick still waiting to be saved.
        self._save_timer.stop()
        answers = self._unsaved_answers
        self._unsaved_answers, self._unsaved_marks = {}, {}
        received, missing = self.checklist.received(), self.checklist.missing()
        self.checklist.set_editable(False)

        def run() -> Outcome:
            if answers:
                desk.intake.answer(case_id=case.id, clerk_id=staff.id, answers=answers)
            desk.intake.mark(case_id=case.id, clerk_id=staff.id, received=received, missing=missing)
            view = decide(case.id, staff.id)
            try:
                docs = desk.documents.issue_for_case(view.id, staff_id=staff.id)
            except ClerkDeskError as exc:
                return view, [], exc  # described on the GUI thread
            if view.state is not CaseState.COLLECTED:  # the receipt stayed at the village
                docs = [d for d in docs if d.kind is not DocumentKind.AGENT_RECEIPT]
            return view, docs, None

        def failed(error: BaseException) -> None:
            self._outcome_failed(error, ask_again)

        self._run(run, self._outcome_done, blocking=True, failed=failed)

    def _outcome_failed(
        self, error: BaseException, ask_again: Callable[[InvalidInput], None] | None = None
    ) -> None:
        self._show_error(error)
        if self._case is not None and self._case.state in OPEN_INTAKE_STATES:
            self.checklist.set_editable(True)  # refused: the clerk corrects and tries again
            if (
                ask_again is not None
                and isinstance(error, InvalidInput)
                and error.where in DIALOG_FIELDS
            ):
                ask_again(error)

    def _outcome_done(self, result: Outcome) -> None:
        view, docs, error = result
        if self._case is not None and self._case.id == view.id:
            self._case = view
            # Taken: the checklist on screen is closed (after a notice the case
            # waits for its re-check, which opens afresh).
            self._checklist_open = False
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

    def _accept(self) -> None:
        intake = self._ctx.desk.intake
        self._outcome(lambda cid, sid: intake.accept(case_id=cid, clerk_id=sid))

    def _collect(self) -> None:
        """The village agent's outcome (Ctrl+Enter for an agent): collect for the township."""
        self._take_collect(None)

    def _take_collect(self, point: str | None) -> None:
        intake = self._ctx.desk.intake
        self._outcome(
            lambda cid, sid: intake.collect(case_id=cid, clerk_id=sid, village_point=point),
            lambda refused: self._ask_village_point(point, refused),
        )

    def _ask_village_point(self, point: str | None, error: InvalidInput) -> None:
        """The first collection names the village point (the receipt prints it)."""
        dialog = VillagePointDialog(self)
        if point:
            dialog.set_village_point(point)
        self._ask_then(dialog, lambda: self._take_collect(dialog.village_point()))
        if point is not None:  # what was entered was refused; the first time only asks
            dialog.show_error(error.where, describe(error))

    def _notice(self) -> None:
        intake = self._ctx.desk.intake
        self._outcome(lambda cid, sid: intake.issue_notice(case_id=cid, clerk_id=sid))

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
        case, staff = self._case, self._ctx.login.staff
        if case is None or staff is None or not self._outcomes_possible():
            return
        received = self.checklist.received()
        blockers = outcome_blockers(case, clerk=staff, received=received)[Ending.TOLERANT]
        if blockers:
            self.error_label.setText(describe(blockers[0].reason))
            return
        self.error_label.clear()
        self._ask_promise([m.name for m in self.checklist.materials() if m.id not in received])

    def _ask_promise(
        self, missing: list[str], when: date | None = None, error: InvalidInput | None = None
    ) -> None:
        dialog = PromiseDateDialog(self._ctx.desk.clock.today(), missing, self)
        if when is not None:
            dialog.set_promise_date(when)
        intake = self._ctx.desk.intake

        def take() -> None:
            chosen = dialog.promise_date()
            self._outcome(
                lambda cid, sid: intake.tolerant_accept(
                    case_id=cid, clerk_id=sid, promise_date=chosen
                ),
                lambda refused: self._ask_promise(missing, chosen, refused),
            )

        self._ask_then(dialog, take)
        if error is not None:
            dialog.show_error(error.where, describe(error))

    def _reject(self) -> None:
        if not self._outcomes_possible():
            return
        self._ask_rejection()

    def _ask_rejection(
        self, values: tuple[str, str, str] | None = None, error: InvalidInput | None = None
    ) -> None:
        dialog = RejectionDialog(self)
        if values is not None:
            dialog.set_values(*values)
        intake = self._ctx.desk.intake

        def take() -> None:
            entered = dialog.values()
            reason, basis, body = entered
            self._outcome(
                lambda cid, sid: intake.reject(
                    case_id=cid,
                    clerk_id=sid,
                    reason=reason,
                    legal_basis=basis,
                    competent_body=body,
                ),
                lambda refused: self._ask_rejection(entered, refused),
            )

        self._ask_then(dialog, take)
        if error is not None:
            dialog.show_error(error.where, describe(error))

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

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
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import A4_ONLY, DocumentInfo, kinds_for
from clerk_desk.cases import CaseView, TimelineEntry
from clerk_desk.catalog_format import Item
from clerk_desk.errors import ClerkDeskError
from clerk_desk.lifecycle import FINAL_STATES, OPEN_INTAKE_STATES, CaseState
from clerk_desk.roles import Role
from clerk_desk.settings import Layout, TerminalSettings
from clerk_desk.timeline import (
    AcceptedDetail,
    DueDateReviewedDetail,
    HandedOverDetail,
    StepDetail,
)
from clerk_desk.ui.actions import action_button, ok_cancel_buttons, shortcut_tooltip
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.messages import date_text, describe
from clerk_desk.ui.preview import KIND_NAMES, PreviewDialog
from clerk_desk.ui.table_model import ALIGN_CENTRE, Column, RowTableModel

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
Loaded = tuple[CaseView, list[TimelineEntry], list[DocumentInfo], TerminalSettings]

ERROR_STYLE = "color: #b00020"
REPRINT_OTHER_KEY = "Ctrl+Shift+R"


def local_time(at: datetime, tz: str) -> str:
    """A stored (UTC) moment as the centre's wall clock reads it."""
    if at.tzinfo is None:  # defensive: the store gives aware datetimes
        at = at.replace(tzinfo=UTC)
    return at.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseDetail", text)


def step_name(action: str) -> str:
    names = {
        "opened": QCoreApplication.translate("CaseDetail", "opened"),
        "answered": QCoreApplication.translate("CaseDetail", "questions answered"),
        "materials_checked": QCoreApplication.translate("CaseDetail", "materials checked"),
        "accepted": QCoreApplication.translate("CaseDetail", "accepted"),
        "tolerant_accepted": QCoreApplication.translate("CaseDetail", "tolerant acceptance"),
        "notice_issued": QCoreApplication.translate("CaseDetail", "one-time notice"),
        "rejected": QCoreApplication.translate("CaseDetail", "rejected"),
        "processing_started": QCoreApplication.translate("CaseDetail", "processing started"),
        "suspended": QCoreApplication.translate("CaseDetail", "suspended"),
        "resumed": QCoreApplication.translate("CaseDetail", "resumed"),
        "decided": QCoreApplication.translate("CaseDetail", "decided"),
        "completed": QCoreApplication.translate("CaseDetail", "completed"),
        "delivered": QCoreApplication.translate("CaseDetail", "delivered"),
        "withdrawn": QCoreApplication.translate("CaseDetail", "withdrawn"),
        "materials_supplemented": QCoreApplication.translate(
            "CaseDetail", "promised materials arrived"
        ),
        "collected": QCoreApplication.translate("CaseDetail", "collected by the village agent"),
        "handed_over": QCoreApplication.translate("CaseDetail", "handed over to the township"),
        "due_date_reviewed": QCoreApplication.translate(
            "CaseDetail", "due date reviewed (new holiday schedule)"
        ),
    }
    return names.get(action, action)


def _detail_label(key: str) -> str:
    labels = {
        "reason": QCoreApplication.translate("CaseDetail", "reason"),
        "decision": QCoreApplication.translate("CaseDetail", "decision"),
        "how": QCoreApplication.translate("CaseDetail", "delivered by"),
        "received": QCoreApplication.translate("CaseDetail", "received"),
        "missing": QCoreApplication.translate("CaseDetail", "missing"),
        "unmarked": QCoreApplication.translate("CaseDetail", "mark taken back"),
        "promised": QCoreApplication.translate("CaseDetail", "promised"),
        "materials": QCoreApplication.translate("CaseDetail", "materials"),
        "promise_date": QCoreApplication.translate("CaseDetail", "promised by"),
        "due_on": QCoreApplication.translate("CaseDetail", "due date"),
        "due_on_before": QCoreApplication.translate("CaseDetail", "due date before"),
        "calendar_source": QCoreApplication.translate("CaseDetail", "holiday schedule from"),
        "suspended_on": QCoreApplication.translate("CaseDetail", "suspended on"),
        "paused_working_days": QCoreApplication.translate("CaseDetail", "paused working days"),
        "answers": QCoreApplication.translate("CaseDetail", "answers"),
        "item_code": QCoreApplication.translate("CaseDetail", "item"),
        "catalog_version": QCoreApplication.translate("CaseDetail", "catalog version"),
        "legal_basis": QCoreApplication.translate("CaseDetail", "legal basis"),
        "competent_body": QCoreApplication.translate("CaseDetail", "competent body"),
        "rejected_on": QCoreApplication.translate("CaseDetail", "rejected on"),
        "batch_number": QCoreApplication.translate("CaseDetail", "handover list"),
        "received_by": QCoreApplication.translate("CaseDetail", "received by"),
        "received_on": QCoreApplication.translate("CaseDetail", "received on"),
        "collected": QCoreApplication.translate("CaseDetail", "collected"),
        "verified": QCoreApplication.translate("CaseDetail", "verified, original returned"),
        "village_point": QCoreApplication.translate("CaseDetail", "village point"),
    }
    return labels.get(key, key)


_MATERIAL_KEYS = frozenset(
    {"received", "missing", "unmarked", "promised", "materials", "collected", "verified"}
)


def _list(values: Iterable[object]) -> str:
    """Values joined as the clerk's language lists them (、 in Chinese)."""
    return QCoreApplication.translate("DomainMessages", ", ").join(str(v) for v in values)


def _day(value: object) -> str:
    """A stored ISO day as a sentence writes it (2026年11月23日); anything else as it is."""
    text = str(value)
    return date_text(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text


def _years(value: object) -> str:
    return _list(value) if isinstance(value, list) else str(value)


def _provisional(years: object) -> str:
    """A due date counted through years without a published holiday schedule."""
    return QCoreApplication.translate(
        "CaseDetail",
        "the holiday schedule for {years} is not published: the due date is provisional",
    ).format(years=_years(years))


def _was_provisional(years: object) -> str:
    return QCoreApplication.translate(
        "CaseDetail",
        "the holiday schedule for {years} was not published: the date before was provisional",
    ).format(years=_years(years))


def detail_summary(
    detail: StepDetail,
    item: Item | None,
    staff_names: Mapping[str, str] | None = None,
) -> str:
    """A step's detail in one line, in the clerk's words.

    Every key of the step's own detail has a label, and its value is shown readably:
    material and question ids as their names, a staff id as the person's name
    (``staff_names``), provisional years and deemed acceptance as sentences. A
    department's step names its staff in the clerk column (its number is for sync
    only), so only the step's own keys are shown.
    """

    def material(mid: object) -> str:
        found = item.material(str(mid)) if item is not None else None
        return found.name if found is not None else str(mid)

    def materials(ids: object) -> str:
        return _list(material(v) for v in ids) if isinstance(ids, list) else str(ids)

    def question(qid: str) -> str:
        if item is not None:
            for q in item.questions:
                if q.id == qid:
                    return q.text
        return qid

    yes = QCoreApplication.translate("CaseDetail", "yes")
    no = QCoreApplication.translate("CaseDetail", "no")
    # The punctuation is the language's too: 标签：值；…… in Chinese.
    labelled = QCoreApplication.translate("CaseDetail", "{label}: {value}")
    answered = QCoreApplication.translate("CaseDetail", "{question} {answer}")
    parts: list[str] = []
    # A review that made a provisional date final.
    final = (
        isinstance(detail, DueDateReviewedDetail)
        and bool(detail.provisional_years_before)
        and not detail.provisional_years
    )
    for key, value in detail.own_json().items():
        if key == "provisional_years" and final:
            parts.append(
                QCoreApplication.translate(
                    "CaseDetail", "the holiday schedule is published: the due date is final"
                )
            )
            continue
        if value in (None, "", [], {}):
            continue
        if key in ("due_unpublished_years", "provisional_years"):
            parts.append(_provisional(value))
            continue
        if key == "provisional_years_before":
            parts.append(_was_provisional(value))
            continue
        if isinstance(detail, AcceptedDetail) and key == "deemed_accepted" and detail.deemed:
            parts.append(
                QCoreApplication.translate(
                    "CaseDetail",
                    "no one-time notice in time: accepted from {date}, "
                    "the day the materials were received",
                ).format(date=_day(detail.deemed.received_on.isoformat()))
            )
            if detail.deemed.missing:
                parts.append(
                    labelled.format(
                        label=_detail_label("missing"), value=materials(list(detail.deemed.missing))
                    )
                )
            continue
        if key in _MATERIAL_KEYS and isinstance(value, list):
            text = materials(value)
        elif key == "answers" and isinstance(value, Mapping):
            text = _list(
                answered.format(question=question(str(q)), answer=yes if a else no)
                for q, a in value.items()
            )
        elif key == "item_code" and item is not None and item.code == value:
            text = QCoreApplication.translate("CaseDetail", "{name} ({code})").format(
                name=item.name, code=value
            )
        elif isinstance(detail, HandedOverDetail) and key == "received_by":
            text = (staff_names or {}).get(detail.received_by, detail.received_by)
        elif isinstance(value, list):
            text = _list(value)
        else:
            text = str(value)
        parts.append(labelled.format(label=_detail_label(key), value=text))
    return QCoreApplication.translate("CaseDetail", "; ").join(parts)


# -- models ---------------------------------------------------------------------


class TimelineModel(RowTableModel[TimelineEntry]):
    """The case's steps, oldest first."""

    COLUMNS = ("time", "clerk", "step", "states", "detail")

    def __init__(self) -> None:
        self._item: Item | None = None
        self._tz = "Asia/Shanghai"
        self._staff_names: dict[str, str] = {}

        def clerk(e: TimelineEntry) -> str:
            if e.staff_id is None and e.staff_name:
                # A department's step that came from the county server (clerk_desk.office_steps).
                return self.tr("{name} (department)").format(name=e.staff_name)
            # No person took the step (a due date reviewed under a new holiday schedule).
            return e.staff_name if e.staff_id is not None else self.tr("System")

        def states(e: TimelineEntry) -> str:
            to = state_name(e.to_state)
            if e.from_state is None or e.from_state is e.to_state:
                return to
            return f"{state_name(e.from_state)} → {to}"

        def detail(e: TimelineEntry) -> str:
            return detail_summary(e.detail, self._item, self._staff_names)

        columns: list[Column[TimelineEntry]] = [
            Column(lambda: self.tr("Time"), lambda e: local_time(e.at, self._tz)),
            Column(lambda: self.tr("Clerk"), clerk),
            Column(lambda: self.tr("Step"), lambda e: step_name(e.action)),
            Column(lambda: self.tr("State"), states),
            Column(lambda: self.tr("Detail"), detail),
        ]
        # The tooltip shows what the cell shows (long details are cut in the view).
        super().__init__(
            [
                Column(c.header, c.value, name=name, tooltip=c.value)
                for name, c in zip(self.COLUMNS, columns, strict=True)
            ]
        )

    def reset(self, entries: Sequence[TimelineEntry], item: Item | None, tz: str) -> None:
        self._item, self._tz = item, tz
        self._staff_names = {e.staff_id: e.staff_name for e in entries if e.staff_id}
        self.set_rows(entries)

    def entry(self, row: int) -> TimelineEntry:
        return self.row(row)


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


# -- small dialogs ----------------------------------------------------------------


class TextAskDialog(QDialog):
    """Asks for one text (a reason, a decision, how the result was delivered).

    With ``choices`` the text is an editable drop-down of usual answers.
    OK stays refused while the text is empty.
    """

    def __init__(
        self,
        title: str,
        prompt: str,
        parent: QWidget | None = None,
        choices: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("step_dialog")
        self.setWindowTitle(title)
        self.prompt = QLabel(prompt)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setWordWrap(True)
        self.text_edit: QPlainTextEdit | None = None
        self.choice_edit: QComboBox | None = None
        if choices:
            self.choice_edit = QComboBox()
            self.choice_edit.setObjectName("step_choice")
            self.choice_edit.setEditable(True)
            self.choice_edit.addItems(list(choices))
            self.choice_edit.setCurrentIndex(0)
            field: QWidget = self.choice_edit
        else:
            self.text_edit = QPlainTextEdit()
            self.text_edit.setObjectName("step_text")
            self.text_edit.setTabChangesFocus(True)
            self.text_edit.setMinimumHeight(80)
            field = self.text_edit
        self.prompt.setBuddy(field)
        self.error = QLabel()
        self.error.setObjectName("step_dialog_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = ok_cancel_buttons(
            self._check, self.reject, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel (Esc)")
        )
        save = QAction(self)
        save.setShortcut(QKeySequence("Ctrl+Return"))
        save.triggered.connect(self._check)
        self.addAction(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(field)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        field.setFocus()

    def set_value(self, text: str) -> None:
        if self.text_edit is not None:
            self.text_edit.setPlainText(text)
        elif self.choice_edit is not None:
            self.choice_edit.setEditText(text)

    def value(self) -> str:
        if self.text_edit is not None:
            return self.text_edit.toPlainText().strip()
        assert self.choice_edit is not None
        return self.choice_edit.currentText().strip()

    def _check(self) -> None:
        if not self.value():
            self.error.setText(self.tr("Please fill this in."))
            return
        self.accept()


class SupplementDialog(QDialog):
    """Which of the promised (tolerant acceptance) materials arrived."""

    def __init__(self, missing: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supplement_dialog")
        self.setWindowTitle(self.tr("Promised materials arrived"))
        self.materials = QStandardItemModel(self)
        for mid, name in missing:
            row = QStandardItem(name)
            row.setData(mid, Qt.ItemDataRole.UserRole)
            row.setCheckable(True)
            row.setEditable(False)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.materials.appendRow(row)
        self.view = QListView()
        self.view.setObjectName("supplement_materials")
        self.view.setModel(self.materials)
        self.view.setToolTip(self.tr("Space: arrived / not yet"))
        label = QLabel(self.tr("Tick what the applicant brought:"))
        label.setBuddy(self.view)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        buttons = ok_cancel_buttons(
            self._check, self.reject, self.tr("Save (Enter)"), self.tr("Cancel (Esc)")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if self.materials.rowCount():
            self.view.setCurrentIndex(self.materials.index(0, 0))
        self.view.setFocus()

    def set_checked(self, material_id: str, checked: bool = True) -> None:
        for row in range(self.materials.rowCount()):
            item = self.materials.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == material_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked(self) -> list[str]:
        out = []
        for row in range(self.materials.rowCount()):
            item = self.materials.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _check(self) -> None:
        if not self.checked():
            self.error.setText(self.tr("Tick at least one material."))
            return
        self.accept()


# -- the widget ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    target: CaseState | None  # None: supplement (the state stays)
    name: str
    shortcut: str


# States in which the case is still the intake's: its notice re-check, an unfinished
# intake, or a village agent's collection for the township's check (once handed over).

_STEPS = (
    _Step(CaseState.IN_PROGRESS, "start", "Ctrl+Shift+B"),
    _Step(CaseState.SUSPENDED, "suspend", "Ctrl+Shift+U"),
    _Step(CaseState.DECIDED, "decide", "Ctrl+Shift+D"),
    _Step(CaseState.COMPLETED, "complete", "Ctrl+Shift+C"),
    _Step(CaseState.DELIVERED, "deliver", "Ctrl+Shift+L"),
    _Step(CaseState.WITHDRAWN, "withdraw", "Ctrl+Shift+X"),
    _Step(None, "supplement", "Ctrl+Shift+A"),
)


class CaseDetail(QWidget):
    """A case's header, timeline, documents and next steps.

    Every desk call runs on the database worker (``ctx.runner.db``).

    Signals:
        case_changed(object): the new CaseView after a step saved here.
        preview_requested(object): a list of DocumentInfo to preview and print
            (Preview, a reprint's new copy, newly made documents).
        intake_requested(str): the id of a case to take up in the intake panel:
            the re-check of its one-time notice, or its unfinished intake.
        back_requested(): Esc: the clerk goes back to the case list.
    """

    case_changed = Signal(object)
    preview_requested = Signal(object)
    intake_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_detail")
        self._ctx = ctx
        self._case_id: str | None = None
        self._view: CaseView | None = None
        self._settings: TerminalSettings | None = None
        self._tasks = 0  # desk calls of this widget under way
        self._focus_on_load = False  # take the keyboard when the case asked for arrives
        self.active_dialog: QDialog | None = None
        self._build()
        self._update_actions()

    # -- construction ----------------------------------------------------------

    def _label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build(self) -> None:
        self.tracking_label = self._label("tracking_number")
        font = self.tracking_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.tracking_label.setFont(font)
        self.query_code_label = self._label("query_code")
        self.state_label = self._label("case_state")
        self.item_label = self._label("case_item")
        self.applicant_label = self._label("case_applicant")
        self.first_clerk_label = self._label("first_clerk")
        self.proxy_label = self._label("case_proxy")
        self.letter_label = self._label("authorization_letter")
        self.accepted_label = self._label("accepted_on")
        self.due_label = self._label("due_on")
        self.promise_label = self._label("promise_date")
        self.rejection_label = self._label("rejection_reason")

        left = QFormLayout()
        left.addRow(self.tr("Tracking no.:"), self.tracking_label)
        left.addRow(self.tr("Query code:"), self.query_code_label)
        left.addRow(self.tr("State:"), self.state_label)
        left.addRow(self.tr("Service item:"), self.item_label)
        left.addRow(self.tr("Applicant:"), self.applicant_label)
        left.addRow(self.tr("First-contact clerk:"), self.first_clerk_label)
        right = QFormLayout()
        right.addRow(self.tr("Acting for the applicant:"), self.proxy_label)
        right.addRow(self.tr("Letter of authorisation:"), self.letter_label)
        right.addRow(self.tr("Accepted on:"), self.accepted_label)
        right.addRow(self.tr("Due date:"), self.due_label)
        right.addRow(self.tr("Materials promised by:"), self.promise_label)
        right.addRow(self.tr("Rejected because:"), self.rejection_label)
        self._right_form = right
        header = QGroupBox(self.tr("Case"))
        header.setObjectName("case_header")
        header_layout = QHBoxLayout(header)
        header_layout.addLayout(left, 1)
        header_layout.addLayout(right, 1)

        # Steps the state machine allows now; hidden when not allowed.
        self.step_buttons: dict[str, QPushButton] = {}
        self.step_actions: dict[str, QAction] = {}
        step_texts = {
            "start": self.tr("Start processing"),
            "suspend": self.tr("Suspend..."),
            "decide": self.tr("Decide..."),
            "complete": self.tr("Complete"),
            "deliver": self.tr("Deliver the result..."),
            "withdraw": self.tr("Withdraw..."),
            "supplement": self.tr("Materials arrived..."),
        }
        slots: dict[str, Callable[[], None]] = {
            "start": self._start_or_resume,
            "suspend": self._suspend,
            "decide": self._decide,
            "complete": self._complete,
            "deliver": self._deliver,
            "withdraw": self._withdraw,
            "supplement": self._supplement,
        }
        steps = QHBoxLayout()
        # The intake's own work on a case that is still at the counter. F4 is
        # the main window's key (a page may not repeat it): shown, not bound here.
        self.intake_button = QPushButton(self.tr("Re-check materials"))
        self.intake_button.setObjectName("intake_button")
        self.intake_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.intake_button.clicked.connect(self.request_intake)
        steps.addWidget(self.intake_button)
        for step in _STEPS:
            button, action = self._action_button(
                step_texts[step.name], step.shortcut, slots[step.name], step.name
            )
            self.step_buttons[step.name] = button
            self.step_actions[step.name] = action
            steps.addWidget(button)
        steps.addStretch(1)
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

        self.timeline = TimelineModel()
        self.timeline_view = QTableView()
        self.timeline_view.setObjectName("timeline_view")
        self.timeline_view.setModel(self.timeline)
        self._table_look(self.timeline_view)
        th = self.timeline_view.horizontalHeader()
        for col in range(4):
            th.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        th.setStretchLastSection(True)
        timeline_box = QGroupBox(self.tr("Timeline"))
        QVBoxLayout(timeline_box).addWidget(self.timeline_view)

        self.documents = DocumentsModel()
        self.documents_view = QTableView()
        self.documents_view.setObjectName("documents_view")
        self.documents_view.setModel(self.documents)
        self._table_look(self.documents_view)
        dh = self.documents_view.horizontalHeader()
        dh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        dh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.documents_view.activated.connect(lambda _i: self.preview_selected())
        self.preview_button, self.preview_action = self._action_button(
            self.tr("Preview"), "Ctrl+Shift+V", self.preview_selected, "preview"
        )
        self.reprint_button, self.reprint_action = self._action_button(
            self.tr("Reprint"), "Ctrl+Shift+P", self.reprint_selected, "reprint"
        )
        # The same reprint on the other paper: an A4 copy of a roll receipt (or
        # the other way); its text names the paper of the selected document's copy.
        self.reprint_other_button, self.reprint_other_action = self._action_button(
            self.tr("Reprint on A4"),
            REPRINT_OTHER_KEY,
            self.reprint_selected_on_other_paper,
            "reprint_other_paper",
        )
        self.make_button, self.make_action = self._action_button(
            self.tr("Make documents"), "Ctrl+Shift+M", self.make_documents, "make_documents"
        )
        doc_buttons = QVBoxLayout()
        for b in (
            self.preview_button,
            self.reprint_button,
            self.reprint_other_button,
            self.make_button,
        ):
            doc_buttons.addWidget(b)
        doc_buttons.addStretch(1)
        documents_box = QGroupBox(self.tr("Documents"))
        documents_layout = QHBoxLayout(documents_box)
        documents_layout.addWidget(self.documents_view, 1)
        documents_layout.addLayout(doc_buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("case_detail_splitter")
        splitter.addWidget(timeline_box)
        splitter.addWidget(documents_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        self.status_label = self._label("case_status")
        self.error_label = self._label("case_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)  # takes no room until there is an error

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(steps)
        layout.addWidget(self.error_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status_label)

    @staticmethod
    def _table_look(view: QTableView) -> None:
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(True)
        view.verticalHeader().setVisible(False)
        view.setTabKeyNavigation(False)

    def _action_button(
        self, text: str, shortcut: str, slot: Callable[[], None], name: str
    ) -> tuple[QPushButton, QAction]:
        return action_button(self, text, shortcut, slot, name)

    def _set_tooltip(self, button: QPushButton, action: QAction, text: str, shortcut: str) -> None:
        tip = shortcut_tooltip(text, shortcut)
        button.setToolTip(tip)
        action.setToolTip(tip)

    # -- state -------------------------------------------------------------------

    @property
    def case(self) -> CaseView | None:
        return self._view

    def visible_steps(self) -> set[CaseState]:
        """The target states whose step buttons are offered now."""
        targets = {s.name: s.target for s in _STEPS}
        return {
            target
            for name, target in targets.items()
            if target is not None and not self.step_buttons[name].isHidden()
        }

    def show_case(self, case_id: str, *, focus: bool = False) -> None:
        """Load and show a case (its view, timeline and documents).

        ``focus``: the page takes the keyboard now (its keys work at once) and,
        when the case has arrived, puts it on the documents, or on the first
        step offered when there are none (see :meth:`focus_first`).
        """
        self._case_id = case_id
        if focus:
            self._focus_on_load = True
            self.documents_view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._set_error("")
        self.status_label.setText(self.tr("Loading..."))
        desk = self._ctx.desk

        def load() -> Loaded:
            view = desk.cases.get(case_id)
            return (
                view,
                desk.cases.timeline(case_id),
                desk.documents.for_case(case_id),
                desk.settings(),
            )

        self._set_busy(True)
        self._ctx.runner.db(load, self._loaded, self._failed)

    def refresh(self) -> None:
        if self._case_id is not None:
            self.show_case(self._case_id)

    def _loaded(self, result: Loaded) -> None:
        self._set_busy(False)
        view = result[0]
        if view.id != self._case_id:
            return  # another case was asked for meanwhile
        self._apply(result)
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
            if not self.documents_view.currentIndex().isValid():
                self.documents_view.selectRow(self.documents.rowCount() - 1)
            self.documents_view.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        for button in (self.intake_button, *self.step_buttons.values()):
            if not button.isHidden() and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.timeline_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply(self, result: Loaded) -> None:
        view, timeline, docs, settings = result
        self._view, self._settings = view, settings
        tz = settings.timezone
        self._show_header(view)
        self.timeline.reset(timeline, view.stored_item.item, tz)
        if timeline:
            self.timeline_view.scrollToBottom()
        selected = self.selected_document()
        self._set_documents(docs, tz, selected.id if selected else None)
        self._update_actions()

    def _set_documents(self, docs: list[DocumentInfo], tz: str, select_id: str | None) -> None:
        self.documents.reset(docs, tz)
        row = self.documents.row_of(select_id) if select_id else None
        if row is None and docs:
            row = len(docs) - 1
        if row is not None:
            self.documents_view.selectRow(row)
        self._update_actions()

    def _show_header(self, view: CaseView) -> None:
        try:
            number = tracking_numbers.display(view.tracking_number)
        except ValueError:
            number = view.tracking_number
        self.tracking_label.setText(number)
        self.query_code_label.setText(tracking_numbers.display_query_code(view.query_code))
        self.state_label.setText(state_name(view.state))
        item = view.stored_item.item
        self.item_label.setText(
            self.tr("{name} ({code}, catalog {version})").format(
                name=item.name, code=item.code, version=view.stored_item.version_label
            )
        )
        self.applicant_label.setText(self._person(view.applicant.name, view.applicant))
        clerk = view.first_clerk
        self.first_clerk_label.setText(
            self.tr("{name}, window {window}").format(name=clerk.name, window=clerk.window)
            if clerk.window
            else clerk.name
        )
        self._row(self.proxy_label, self._person(view.proxy.name, view.proxy) if view.proxy else "")
        self._row(self.letter_label, view.authorization_letter or "")
        self._row(self.accepted_label, view.accepted_on.isoformat() if view.accepted_on else "")
        due = ""
        if view.due_on is not None:
            due = view.due_on.isoformat()
            if view.due_provisional:
                years = _list(view.due_unpublished_years)
                due = self.tr(
                    "{date} (provisional: the holiday schedule for {years} is not published yet)"
                ).format(date=due, years=years)
        elif view.accepted_on is not None and view.stored_item.item.time_limit.immediate:
            due = self.tr("Immediate item: completed at the counter")
        self._row(self.due_label, due)
        self._row(self.promise_label, view.promise_date.isoformat() if view.promise_date else "")
        rejection = ""
        if view.rejection:
            rejection = view.rejection.get("reason", "")
            if view.rejection.get("legal_basis"):
                rejection += "\n" + self.tr("Legal basis: {basis}").format(
                    basis=view.rejection["legal_basis"]
                )
            if view.rejection.get("competent_body"):
                rejection += "\n" + self.tr("Turn to: {body}").format(
                    body=view.rejection["competent_body"]
                )
        self._row(self.rejection_label, rejection)

    def _person(self, name: str, record: Any) -> str:
        # A logged-in clerk sees the full ID number (documents print it masked).
        parts = [name, record.id_number]
        if record.contact_person:
            parts.append(self.tr("contact {name}").format(name=record.contact_person))
        if record.phone:
            parts.append(self.tr("phone {phone}").format(phone=record.phone))
        return "  ".join(p for p in parts if p)

    def _row(self, label: QLabel, text: str) -> None:
        label.setText(text)
        self._right_form.setRowVisible(label, bool(text))

    def _missing_kinds(self) -> list[str]:
        view = self._view
        if view is None:
            return []
        have = {d.kind for d in self.documents.documents() if d.reprint == 0}
        return [k.value for k in kinds_for(view) if k not in have]

    def request_intake(self) -> bool:
        """Ask for the case shown to be taken up in the intake (the button, or F4).

        False, and nothing asked, when the case is past the intake.
        """
        view = self._view
        if view is None or self._busy or not self._at_intake(view):
            return False
        self.intake_requested.emit(view.id)
        return True

    def _at_intake(self, view: CaseView) -> bool:
        """The intake takes the case up; a collected one only at the township, once received."""
        if view.state is CaseState.COLLECTED:
            staff = self._ctx.login.staff
            return (
                view.handed_over_at is not None and staff is not None and staff.role != Role.AGENT
            )
        return view.state in OPEN_INTAKE_STATES

    def _update_actions(self) -> None:
        view = self._view
        allowed = view.allowed_next if view is not None else frozenset()
        at_intake = view is not None and self._at_intake(view)
        self.intake_button.setVisible(at_intake)
        self.intake_button.setEnabled(at_intake and not self._busy)
        if view is not None and view.state is CaseState.CONSULTED:
            text = self.tr("Continue the intake")
        elif view is not None and view.state is CaseState.COLLECTED:
            text = self.tr("Check the materials and decide")
        else:
            text = self.tr("Re-check materials")
        self.intake_button.setText(text)
        self.intake_button.setToolTip(shortcut_tooltip(text, "F4"))
        for step in _STEPS:
            if step.target is None:
                shown = (
                    view is not None
                    and view.promise_date is not None
                    and bool(view.missing)
                    and view.state not in FINAL_STATES
                )
            else:
                shown = step.target in allowed
            self.step_buttons[step.name].setVisible(shown)
            self.step_buttons[step.name].setEnabled(shown and not self._busy)
            self.step_actions[step.name].setEnabled(shown and not self._busy)
        start = self.step_buttons["start"]
        resume = view is not None and view.state is CaseState.SUSPENDED
        text = self.tr("Resume") if resume else self.tr("Start processing")
        start.setText(text)
        self.step_actions["start"].setText(text)
        self._set_tooltip(start, self.step_actions["start"], text, "Ctrl+Shift+B")

        selected = self.selected_document()
        has_doc = selected is not None
        for button, action in (
            (self.preview_button, self.preview_action),
            (self.reprint_button, self.reprint_action),
            (self.reprint_other_button, self.reprint_other_action),
        ):
            button.setEnabled(has_doc and not self._busy)
            action.setEnabled(has_doc and not self._busy)
        if selected is not None and selected.kind in A4_ONLY:
            # Sealed and kept by the applicant: no copy on the roll.
            self.reprint_other_button.setEnabled(False)
            self.reprint_other_action.setEnabled(False)
        # Nothing selected: the paper documents are made in stands for it.
        if selected is not None:
            paper = selected.layout
        else:
            paper = self._settings.paper if self._settings is not None else "a4"
        to_roll = other_layout(paper) == "roll80"
        text = self.tr("Reprint on 80 mm roll") if to_roll else self.tr("Reprint on A4")
        self.reprint_other_button.setText(text)
        self.reprint_other_action.setText(text)
        self._set_tooltip(
            self.reprint_other_button, self.reprint_other_action, text, REPRINT_OTHER_KEY
        )
        calls_for = view is not None and bool(kinds_for(view))
        self.make_button.setVisible(calls_for)
        can_make = calls_for and bool(self._missing_kinds()) and not self._busy
        self.make_button.setEnabled(can_make)
        self.make_action.setEnabled(can_make)
        self.refresh_action.setEnabled(self._case_id is not None)

    @property
    def _busy(self) -> bool:
        return self._tasks > 0

    def is_busy(self) -> bool:
        """True while a desk call of this widget runs (its buttons are disabled)."""
        return self._busy

    def _set_busy(self, busy: bool) -> None:
        self._tasks = self._tasks + 1 if busy else max(0, self._tasks - 1)
        self._update_actions()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
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
        model = self.documents_view.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if rows:
            return self.documents.document(rows[0].row())
        current = self.documents_view.currentIndex()
        if current.isValid():
            return self.documents.document(current.row())
        return None

    def select_document(self, document_id: str) -> None:
        row = self.documents.row_of(document_id)
        if row is not None:
            self.documents_view.selectRow(row)
            self._update_actions()

    def preview_selected(self) -> None:
        doc = self.selected_document()
        if doc is not None:
            self.preview_requested.emit([doc])

    def open_preview(self, docs: list[DocumentInfo]) -> PreviewDialog:
        """Open the print preview of ``docs`` (parented, non-blocking)."""
        dialog = PreviewDialog(self._ctx, list(docs), self)
        dialog.printed.connect(lambda _info: self.refresh())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def reprint_selected(self) -> None:
        """Reprint (补打) the selected document on its own paper."""
        self._reprint(None)

    def reprint_selected_on_other_paper(self) -> None:
        """Reprint the selected document on the other paper (A4 <-> 80 mm roll)."""
        doc = self.selected_document()
        if doc is not None:
            self._reprint(other_layout(doc.layout))

    def _reprint(self, layout: Layout | None) -> None:
        doc = self.selected_document()
        if doc is None or self._busy:
            return
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        case_id = doc.case_id

        def run() -> tuple[DocumentInfo, list[DocumentInfo]]:
            copy = desk.documents.reprint(doc.id, staff_id=staff.id, layout=layout)
            return copy, desk.documents.for_case(case_id) if case_id else [copy]

        self._set_error("")
        self._set_busy(True)
        self._ctx.runner.db(run, self._reprinted, self._failed)

    def _reprinted(self, result: tuple[DocumentInfo, list[DocumentInfo]]) -> None:
        self._set_busy(False)
        copy, docs = result
        if copy.case_id == self._case_id:
            self._set_documents(docs, self._tz(), copy.id)
        self.status_label.setText(
            self.tr("Reprint {count} of the document made.").format(count=copy.reprint)
        )
        self.preview_requested.emit([copy])

    def make_documents(self) -> None:
        view = self._view
        if view is None or self._busy:
            return
        staff = self._ctx.login.require()
        desk = self._ctx.desk
        case_id = view.id

        def run() -> tuple[list[DocumentInfo], list[DocumentInfo]]:
            made = desk.documents.issue_for_case(case_id, staff_id=staff.id)
            return made, desk.documents.for_case(case_id)

        self._set_error("")
        self._set_busy(True)
        self._ctx.runner.db(run, lambda r: self._made(case_id, r), self._failed)

    def _made(self, case_id: str, result: tuple[list[DocumentInfo], list[DocumentInfo]]) -> None:
        self._set_busy(False)
        made, docs = result
        if case_id == self._case_id:
            self._set_documents(docs, self._tz(), made[-1].id if made else None)
        if made:
            self.preview_requested.emit(made)

    def _tz(self) -> str:
        return self._settings.timezone if self._settings else "Asia/Shanghai"

    # -- steps -----------------------------------------------------------------------

    def _run_step(self, step: Callable[[str, str], CaseView]) -> None:
        view = self._view
        if view is None or self._busy:
            return
        staff = self._ctx.login.require()
        desk = self._ctx.desk

        def run() -> Loaded:
            new = step(view.id, staff.id)
            return (
                new,
                desk.cases.timeline(new.id),
                desk.documents.for_case(new.id),
                desk.settings(),
            )

        self._set_error("")
        self._set_busy(True)
        self._ctx.runner.db(run, self._stepped, self._failed)

    def _stepped(self, result: Loaded) -> None:
        self._set_busy(False)
        view = result[0]
        if view.id == self._case_id:
            self._apply(result)
            self.status_label.setText(
                self.tr("Case {number} is now {state}.").format(
                    number=view.tracking_number, state=state_name(view.state)
                )
            )
        self.case_changed.emit(view)

    def _ask(
        self,
        title: str,
        prompt: str,
        then: Callable[[str], None],
        choices: Sequence[str] = (),
    ) -> None:
        if self._view is None or self._busy or self.active_dialog is not None:
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
        cases = self._ctx.desk.cases
        if self._view is not None and self._view.state is CaseState.SUSPENDED:
            self._run_step(lambda cid, sid: cases.resume(cid, staff_id=sid))
        else:
            self._run_step(lambda cid, sid: cases.start_processing(cid, staff_id=sid))

    def _suspend(self) -> None:
        cases = self._ctx.desk.cases
        self._ask(
            self.tr("Suspend the case"),
            self.tr("Why is the clock paused (hearing, inspection, expert review)?"),
            lambda reason: self._run_step(
                lambda cid, sid: cases.suspend(cid, staff_id=sid, reason=reason)
            ),
        )

    def _decide(self) -> None:
        cases = self._ctx.desk.cases
        self._ask(
            self.tr("Decide the case"),
            self.tr("What was decided?"),
            lambda decision: self._run_step(
                lambda cid, sid: cases.decide(cid, staff_id=sid, decision=decision)
            ),
        )

    def _complete(self) -> None:
        cases = self._ctx.desk.cases
        self._run_step(lambda cid, sid: cases.complete(cid, staff_id=sid))

    def _deliver(self) -> None:
        cases = self._ctx.desk.cases
        self._ask(
            self.tr("Deliver the result"),
            self.tr("How did the applicant get the result?"),
            lambda how: self._run_step(lambda cid, sid: cases.deliver(cid, staff_id=sid, how=how)),
            choices=(
                self.tr("Collected at the counter"),
                self.tr("Sent by post"),
                self.tr("Sent electronically"),
            ),
        )

    def _withdraw(self) -> None:
        cases = self._ctx.desk.cases
        self._ask(
            self.tr("Withdraw the case"),
            self.tr("Why is the application withdrawn?"),
            lambda reason: self._run_step(
                lambda cid, sid: cases.withdraw(cid, staff_id=sid, reason=reason)
            ),
        )

    def _supplement(self) -> None:
        view = self._view
        if view is None or self._busy or self.active_dialog is not None or not view.missing:
            return
        dialog = SupplementDialog([(m.id, m.name) for m in view.missing], self)
        self.active_dialog = dialog
        cases = self._ctx.desk.cases

        def finished(result: int) -> None:
            self.active_dialog = None
            if result == QDialog.DialogCode.Accepted:
                ids = dialog.checked()
                self._run_step(
                    lambda cid, sid: cases.supplement(cid, staff_id=sid, material_ids=ids)
                )
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

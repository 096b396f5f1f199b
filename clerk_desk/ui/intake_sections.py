"""The sections of the intake page: they show and collect, and decide nothing.

Each is a group box the intake panel (:mod:`clerk_desk.ui.intake_panel`)
builds and wires to its :class:`~clerk_desk.ui.intake_controller.IntakeController`.
Their words keep the translation context ``IntakePanel`` they were reviewed in.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.cases import CaseView
from clerk_desk.catalog import StoredItem
from clerk_desk.catalog_format import Material, Question
from clerk_desk.item_search import ItemSearchIndex, SearchHit
from clerk_desk.lifecycle import CaseState
from clerk_desk.tracking_numbers import display
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.checklist_model import ChecklistModel, QuestionModel
from clerk_desk.ui.hits_model import HitsDelegate, HitsModel

NEW_CASE_SHORTCUT = "Ctrl+Shift+N"
BANNER_STYLE = "background: #fff3cd; padding: 4px"


def banner(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)  # several numbers must not widen the column
    label.setStyleSheet(BANNER_STYLE)
    return label


class ItemSection(QGroupBox):
    """The item search, its hits, the item chosen and the applicant's open case on it."""

    def __init__(self, new_case_button: QPushButton, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("IntakePanel", "2 Service item"), parent)
        self.item_edit = QLineEdit()
        self.item_edit.setObjectName("item_search")
        self.item_edit.setPlaceholderText(
            QCoreApplication.translate("IntakePanel", "低保 / dibao / dbsq / item code")
        )
        self.hits = HitsModel()
        self.hits_view = QListView()
        self.hits_view.setObjectName("item_hits")
        self.hits_view.setModel(self.hits)
        HitsDelegate.install(self.hits_view)  # name and code, no sideways scrolling
        self.item_label = QLabel()
        self.item_label.setObjectName("chosen_item")
        self.item_label.setTextFormat(Qt.TextFormat.PlainText)
        self.item_label.setWordWrap(True)
        self.open_case_label = banner("open_case_banner")
        self.new_case_button = new_case_button
        layout = QVBoxLayout(self)
        layout.addWidget(self.item_edit)
        layout.addWidget(self.hits_view, 1)
        layout.addWidget(self.item_label)
        open_case_row = QHBoxLayout()
        open_case_row.addWidget(self.open_case_label, 1)
        open_case_row.addWidget(self.new_case_button)
        layout.addLayout(open_case_row)
        self.item_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.item_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self.hits_view.setFocus()
            return True
        return False

    def search(self, index: ItemSearchIndex | None) -> None:
        if index is None:
            return
        hits: list[SearchHit] = index.search(self.item_edit.text(), limit=50)
        self.hits.reset(hits)
        if hits:
            self.hits_view.setCurrentIndex(self.hits.index(0))

    def current_item(self) -> StoredItem | None:
        """The hit chosen (the first when none is), None when nothing matches."""
        current = self.hits_view.currentIndex()
        if not current.isValid():
            current = self.hits.index(0)
        if not current.isValid():
            return None
        return self.hits.item_at(current.row())

    def lock(self, locked: bool) -> None:
        self.item_edit.setEnabled(not locked)
        self.hits_view.setEnabled(not locked)

    def show_open_case(self, case: CaseView | None) -> None:
        """The line saying the applicant's open case was opened (hidden with None)."""
        if case is None:
            self.open_case_label.clear()
        else:
            self.open_case_label.setText(
                QCoreApplication.translate(
                    "IntakePanel",
                    "Opened the applicant's open case on this item: {number} ({state}). "
                    "A new case anyway: {keys}, with the reason.",
                ).format(
                    number=display(case.tracking_number),
                    state=state_name(case.state),
                    keys=NEW_CASE_SHORTCUT,
                )
            )
        self.open_case_label.setVisible(case is not None)
        self.new_case_button.setVisible(case is not None)

    def show_taken_up(self, case: CaseView) -> None:
        """The case's number and item, and why it is here again (a re-check, a collection)."""
        number, item = display(case.tracking_number), case.stored_item.item
        if case.state is CaseState.NOTICE_ISSUED:
            self.item_label.setText(
                f"{number}  {item.name}  "
                + QCoreApplication.translate("IntakePanel", "(re-check of the one-time notice)")
            )
        elif case.state is CaseState.CONSULTED:
            self.item_label.setText(f"{number}  {item.code}  {item.name}")
        else:
            self.item_label.setText(
                f"{number}  {item.code}  {item.name}  "
                + QCoreApplication.translate("IntakePanel", "(collected by {agent})").format(
                    agent=case.first_clerk.name
                )
            )


class QuestionsSection(QGroupBox):
    """The situation questions (情形), answered with Y and N.

    Signals:
        answer_requested(bool): Y (True) or N (False) on the current question.
    """

    answer_requested = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("IntakePanel", "3 Situation questions (Y / N)"), parent
        )
        self.questions = QuestionModel()
        self.questions_view = QListView()
        self.questions_view.setObjectName("questions")
        self.questions_view.setModel(self.questions)
        self.questions_view.setWordWrap(True)
        self.questions_view.setToolTip(QCoreApplication.translate("IntakePanel", "Y: yes, N: no"))
        QVBoxLayout(self).addWidget(self.questions_view)
        self.questions_view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.questions_view
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and event.key() in (Qt.Key.Key_Y, Qt.Key.Key_N)
        ):
            self.answer_requested.emit(event.key() == Qt.Key.Key_Y)
            return True
        return False

    def show_questions(self, questions: Sequence[Question], answers: dict[str, bool]) -> None:
        self.questions.reset(questions, answers)

    def current(self) -> tuple[int, str] | None:
        """The row and id of the question Y or N answers (None: no questions)."""
        if self.questions.rowCount() == 0:
            return None
        row = self.questions_view.currentIndex().row()
        if row < 0:
            row = self.questions.first_unanswered() or 0
        qid = self.questions.data(self.questions.index(row), Qt.ItemDataRole.UserRole)
        return row, str(qid)

    def focus_unanswered(self) -> bool:
        """The cursor on the first question unanswered; False when all are answered."""
        first = self.questions.first_unanswered()
        if first is None:
            return False
        self.questions_view.setFocus()
        self.questions_view.setCurrentIndex(self.questions.index(first))
        return True


class ChecklistSection(QGroupBox):
    """The materials, ticked as received (Space, Ctrl+A)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("IntakePanel", "4 Materials (ticked = received)"), parent
        )
        self.checklist = ChecklistModel()
        self.checklist_view = QListView()
        self.checklist_view.setObjectName("checklist")
        self.checklist_view.setModel(self.checklist)
        self.checklist_view.setWordWrap(True)
        self.checklist_view.setToolTip(
            QCoreApplication.translate(
                "IntakePanel", "Space: received / missing; Ctrl+A: all received"
            )
        )
        QVBoxLayout(self).addWidget(self.checklist_view)
        self.checklist_view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.checklist_view or not isinstance(event, QKeyEvent):
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.NoModifier:
            row = self.checklist_view.currentIndex().row()
            if row >= 0:
                self.checklist.toggle(row)
            return True
        if key == Qt.Key.Key_A and mods == Qt.KeyboardModifier.ControlModifier:
            self.checklist.set_all(True)
            return True
        return False

    def show_materials(self, materials: list[Material], received: set[str]) -> None:
        """A checklist to tick (the cursor on its first line), or none with no materials."""
        self.checklist.reset(materials, received)
        self.checklist.set_editable(True)
        if materials:
            self.checklist_view.setFocus()
            self.checklist_view.setCurrentIndex(self.checklist.index(0))

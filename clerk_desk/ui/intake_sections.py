"""The sections of the intake page: they show and collect, and decide nothing.

Each is a group box the intake panel (:mod:`clerk_desk.ui.intake_panel`)
builds and wires to its :class:`~clerk_desk.ui.intake_controller.IntakeController`.
A section with nothing to show yet is hidden (no item chosen: no questions, no
checklist; an item without questions), and so is an empty line: what comes
after moves up. The questions take the height of their rows, no more.
Their words keep the translation context ``IntakePanel`` they were reviewed in.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
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
from clerk_desk.ui.field_errors import FieldErrors, MessageLine
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


class FittedListView(QListView):
    """A list as tall as its rows (less when the page is short): no blank rows under it."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
                signal.connect(self.updateGeometry)
            model.dataChanged.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        frame = 2 * self.frameWidth()
        if rows == 0:
            return QSize(hint.width(), frame + self.fontMetrics().height())
        self.executeDelayedItemsLayout()  # the rows as wrapped at the present width
        last = self.rectForIndex(model.index(rows - 1, 0))
        return QSize(hint.width(), last.bottom() + 1 + 2 * self.spacing() + frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the rows wrap anew: another height


class ReadingColumns(QHBoxLayout):
    """Sections in columns read top to bottom; each takes the height of what it shows.

    A section given a stretch takes the height left in its column while it
    can grow (the item's hits); the rest of a column stays below its last
    section. A column whose sections are all hidden gives its width to the others.
    """

    def __init__(self, *columns: Sequence[tuple[QWidget, int]]) -> None:
        super().__init__()
        self._columns: list[tuple[QVBoxLayout, list[QWidget]]] = []
        for sections in columns:
            column = QVBoxLayout()
            for widget, stretch in sections:
                column.addWidget(widget, stretch)
                widget.installEventFilter(self)
            column.addStretch(0)  # what the sections leave, under the last
            self.addLayout(column, 1)
            self._columns.append((column, [widget for widget, _stretch in sections]))
        self._share()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._share()
        return False

    def _share(self) -> None:
        for column, widgets in self._columns:
            shown = any(not w.isHidden() for w in widgets)
            self.setStretchFactor(column, 1 if shown else 0)


class ItemSection(QGroupBox):
    """The item search, its hits, the item chosen and the applicant's open case on it.

    A refusal about the search (nothing matches) is shown right under it (``errors``).
    """

    def __init__(
        self, new_case_button: QPushButton, errors: FieldErrors, parent: QWidget | None = None
    ) -> None:
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
        self.item_label = MessageLine("chosen_item")
        self.open_case_label = banner("open_case_banner")
        self.new_case_button = new_case_button
        layout = QVBoxLayout(self)
        errors.add_below(layout, self.item_edit)
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
        """An item chosen: the search stays, greyed; its hits go (the item line says which)."""
        self.item_edit.setEnabled(not locked)
        self.hits_view.setEnabled(not locked)
        self.hits_view.setVisible(not locked)
        vertical = QSizePolicy.Policy.Maximum if locked else QSizePolicy.Policy.Preferred
        self.setSizePolicy(QSizePolicy.Policy.Preferred, vertical)

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
        self.questions_view = FittedListView()
        self.questions_view.setObjectName("questions")
        self.questions_view.setModel(self.questions)
        self.questions_view.setWordWrap(True)
        self.questions_view.setToolTip(QCoreApplication.translate("IntakePanel", "Y: yes, N: no"))
        QVBoxLayout(self).addWidget(self.questions_view)
        self.questions_view.installEventFilter(self)
        self.setVisible(False)  # until an item with questions is chosen

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
        """The item's questions; none (no item, or an item without any) hides the section."""
        self.questions.reset(questions, answers)
        self.setVisible(bool(questions))

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
        self.checklist_view = FittedListView()
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
        self.setVisible(False)  # until the questions are answered

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
        """A checklist to tick (the cursor on its first line); none hides the section."""
        self.checklist.reset(materials, received)
        self.checklist.set_editable(True)
        self.setVisible(bool(materials))
        if materials:
            self.checklist_view.setFocus()
            self.checklist_view.setCurrentIndex(self.checklist.index(0))

"""List models for the intake panel: questions with yes/no, and the material checklist."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from clerk_desk.catalog_format import Material, Question

Index = QModelIndex | QPersistentModelIndex


class QuestionModel(QAbstractListModel):
    """The item's situation questions; each answered yes, no, or not yet."""

    def __init__(self) -> None:
        super().__init__()
        self._questions: list[Question] = []
        self._answers: dict[str, bool] = {}

    def reset(self, questions: Sequence[Question], answers: dict[str, bool] | None = None) -> None:
        self.beginResetModel()
        self._questions = list(questions)
        self._answers = dict(answers or {})
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._questions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        q = self._questions[index.row()]
        answer = self._answers.get(q.id)
        if role == Qt.ItemDataRole.DisplayRole:
            mark = {True: self.tr("[yes]"), False: self.tr("[no]"), None: "[  ]"}[answer]
            return f"{mark} {q.text}"
        if role == Qt.ItemDataRole.UserRole:
            return q.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Y: yes, N: no")
        return None

    def set_answer(self, row: int, value: bool) -> None:
        q = self._questions[row]
        self._answers[q.id] = value
        idx = self.index(row)
        self.dataChanged.emit(idx, idx)

    def answers(self) -> dict[str, bool]:
        return dict(self._answers)

    def complete(self) -> bool:
        return all(q.id in self._answers for q in self._questions)

    def first_unanswered(self) -> int | None:
        for row, q in enumerate(self._questions):
            if q.id not in self._answers:
                return row
        return None


class ChecklistModel(QAbstractListModel):
    """Materials to check; checked = received, unchecked = missing.

    Signals:
        marks_changed(object): the clerk ticked or unticked materials
            ({material id: received}); not emitted by :meth:`reset`.
    """

    marks_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._materials: list[Material] = []
        self._received: set[str] = set()
        self._editable = True

    def reset(self, materials: Sequence[Material], received: set[str] | None = None) -> None:
        self.beginResetModel()
        self._materials = list(materials)
        self._received = set(received or ())
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        """Whether the clerk may change the ticks (not while an outcome runs, nor after it)."""
        self._editable = editable

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._materials)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self._materials[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.material_text(m)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if m.id in self._received else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return m.note or None
        return None

    def material_text(self, m: Material) -> str:
        """A checklist row as the clerk reads it: name, form, copies, key or not."""
        forms = {
            "original": self.tr("original"),
            "copy": self.tr("copy"),
            "electronic": self.tr("electronic copy"),
        }
        key = self.tr("key") if m.key else self.tr("non-key")
        return self.tr("{name}  ({form} x{copies}, {key})").format(
            name=m.name, form=forms.get(m.form, m.form), copies=m.copies, key=key
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self._editable else flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or not self._editable:
            return False
        mid = self._materials[index.row()].id
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked:
            self._received.add(mid)
        else:
            self._received.discard(mid)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.marks_changed.emit({mid: checked})
        return True

    def toggle(self, row: int) -> None:
        idx = self.index(row)
        state = self.data(idx, Qt.ItemDataRole.CheckStateRole)
        self.setData(
            idx,
            Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def set_all(self, received: bool) -> None:
        if not self._editable:
            return
        self._received = {m.id for m in self._materials} if received else set()
        if self._materials:
            self.dataChanged.emit(self.index(0), self.index(len(self._materials) - 1))
            self.marks_changed.emit(dict.fromkeys((m.id for m in self._materials), received))

    def received(self) -> list[str]:
        return [m.id for m in self._materials if m.id in self._received]

    def missing(self) -> list[str]:
        return [m.id for m in self._materials if m.id not in self._received]

    def materials(self) -> list[Material]:
        return list(self._materials)

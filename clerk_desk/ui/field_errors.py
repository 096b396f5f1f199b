"""Lines that take no room until they have something to say, and errors beside their fields.

A refusal that names a field is read where the eye already is: on a line right
under that field, in the error style, until the field is edited. A refusal
naming no field keeps the form's general line. A line with no text is hidden,
so an empty hint or error leaves no blank row in a form or a section.

Dialogs open at least as large as their content asks (:func:`size_for_content`),
at a width where a wrapped Chinese sentence reads as lines, not as a column.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

ERROR_STYLE = "color: #b00020"
# A dialog's least width, in ideographs: a wrapped sentence of its own is
# read as a few lines, and a list of material names is not cut.
DIALOG_EMS = 32


class MessageLine(QLabel):
    """A plain-text, word-wrapped line that is hidden while it has no text."""

    def __init__(self, name: str, *, error: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        if error:
            self.setStyleSheet(ERROR_STYLE)
        self.setVisible(False)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


def _edited_signal(field: QWidget) -> SignalInstance | None:
    """The signal a field sends when its value changes (None: a field we do not know)."""
    if isinstance(field, (QLineEdit, QPlainTextEdit)):
        return field.textChanged
    if isinstance(field, QDateEdit):
        return field.dateChanged
    if isinstance(field, QComboBox):
        return field.currentIndexChanged
    if isinstance(field, QAbstractSpinBox):
        return field.editingFinished
    return None


class FieldErrors:
    """An error line under each field of a form, and the form's general line.

    A field is known by its object name (an InvalidInput's ``where``) or by
    the widget itself. Its line clears itself when the field is edited.
    """

    def __init__(self, general: MessageLine | None = None) -> None:
        self.general = general
        self._lines: dict[int, MessageLine] = {}
        self._by_name: dict[str, QWidget] = {}

    def add(self, field: QWidget, *names: str) -> MessageLine:
        """A line for ``field`` (placed by the caller); ``names`` are more ``where`` for it."""
        line = MessageLine(f"{field.objectName()}_error", error=True)
        self._lines[id(field)] = line
        for name in (field.objectName(), *names):
            if name:
                self._by_name[name] = field
        signal = _edited_signal(field)
        if signal is not None:
            signal.connect(line.clear)
        return line

    def add_row(
        self, form: QFormLayout, label: str, field: QWidget, names: tuple[str, ...] = ()
    ) -> MessageLine:
        """``label``: ``field`` as a row of ``form``, and the field's error line under it."""
        form.addRow(label, field)
        line = self.add(field, *names)
        form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, line)
        return line

    def add_below(self, layout: QBoxLayout, field: QWidget) -> MessageLine:
        """``field`` in a box layout, and its error line right after it."""
        layout.addWidget(field)
        line = self.add(field)
        layout.addWidget(line)
        return line

    def field(self, where: str) -> QWidget | None:
        return self._by_name.get(where)

    def line(self, field: QWidget | str) -> MessageLine | None:
        """The error line of a field (by widget or name); None when it has none."""
        widget = self._by_name.get(field) if isinstance(field, str) else field
        return self._lines.get(id(widget)) if widget is not None else None

    def show(self, field: QWidget | str | None, text: str, *, focus: bool = True) -> MessageLine:
        """``text`` beside the field it names, if that field is shown; else on the general line.

        With ``focus``, the cursor goes to the field, its text selected, to be corrected.
        """
        widget = self._by_name.get(field) if isinstance(field, str) else field
        line = self.line(widget) if widget is not None else None
        usable = (
            widget is not None
            and line is not None
            and widget.isVisibleTo(widget.window())
            and widget.isEnabled()
        )
        if not usable or line is None or widget is None:
            if self.general is None:
                raise LookupError(f"no line for {field!r}")
            self.general.setText(text)
            return self.general
        line.setText(text)
        if focus:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
                widget.selectAll()
        return line

    def clear(self) -> None:
        """Every line, the general one too."""
        for line in self._lines.values():
            line.clear()
        if self.general is not None:
            self.general.clear()


def content_size(dialog: QWidget) -> tuple[int, int]:
    """The width and height the dialog's content asks for (wrapped lines included)."""
    hint = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    width = max(hint.width(), dialog.minimumWidth())
    height = hint.height()
    layout = dialog.layout()
    if layout is not None and layout.hasHeightForWidth():
        height = max(height, layout.totalHeightForWidth(width))
    return width, max(height, dialog.minimumHeight())


def size_for_content(dialog: QDialog, ems: int = DIALOG_EMS) -> None:
    """A least width of ``ems`` ideographs, then the size the content asks for at it."""
    em = dialog.fontMetrics().horizontalAdvance("中")
    dialog.setMinimumWidth(max(dialog.minimumWidth(), ems * em))
    dialog.resize(*content_size(dialog))


def grow_to_content(dialog: QWidget) -> None:
    """Larger where a line shown since needs it; never smaller than the clerk made it."""
    width, height = content_size(dialog)
    dialog.resize(max(width, dialog.width()), max(height, dialog.height()))


def widen_message_box(box: QMessageBox, ems: int = DIALOG_EMS) -> None:
    """A least width for a message box's sentences.

    Qt fixes a message box's size itself, from its layout's least width (a
    minimum width set on the box is overridden): a spacer of ``ems``
    ideographs in the text's column, on a row of its own, gives the text that width.
    """
    layout = box.layout()
    text = box.findChild(QLabel, "qt_msgbox_label")  # Qt's name for the text's label
    if not isinstance(layout, QGridLayout) or text is None or layout.indexOf(text) < 0:
        return
    # PySide6's stubs type the (row, column, rows, columns) tuple as object.
    at = layout.getItemPosition(layout.indexOf(text))
    position: tuple[int, int, int, int] = at  # type: ignore[assignment]
    _row, column, _rows, columns = position
    em = box.fontMetrics().horizontalAdvance("中")
    spacer = QSpacerItem(ems * em, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
    layout.addItem(spacer, layout.rowCount(), column, 1, columns)

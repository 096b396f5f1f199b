"""Buttons backed by actions: a shortcut that works inside the page, shown in the tooltip."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget


def key_text(shortcut: str | QKeySequence) -> str:
    """The keys as the documentation names them: ``Ctrl+Enter``, not Qt's ``Ctrl+Return``.

    Portable text: Qt's zh_CN translation would write ``Ctrl+回车``, which no
    keycap and no page of the documentation says.
    """
    keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.PortableText)
    return re.sub(r"\bReturn\b", "Enter", keys)


def shortcut_tooltip(text: str, shortcut: str | QKeySequence) -> str:
    """``Accept (Ctrl+Enter)``, ``受理（Ctrl+Enter）``: the name without its mnemonic, and its keys.

    A Chinese name (zh_CN's ``受理（&A）``) loses its whole ``（&A）`` suffix (or an
    ASCII ``(&A)``) and takes full-width parentheses, as the glossary writes Chinese.
    """
    name = re.sub(r"\s*[（(]&\w[）)]", "", text).replace("&", "")
    if re.search(r"[\u3400-\u9fff]", name):
        return f"{name}（{key_text(shortcut)}）"
    return f"{name} ({key_text(shortcut)})"


def action_button(
    owner: QWidget, text: str, shortcut: str, slot: Callable[[], None], name: str
) -> tuple[QPushButton, QAction]:
    """An action of ``owner`` (fires while focus is inside it) and a button that triggers it.

    The button takes focus only by Tab, so clicking it leaves the keyboard
    where the clerk was working.
    """
    action = QAction(text, owner)
    action.setObjectName(f"action_{name}")
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    owner.addAction(action)
    button = QPushButton(text)
    button.setObjectName(f"{name}_button")
    button.setToolTip(shortcut_tooltip(text, shortcut))
    action.setToolTip(button.toolTip())
    button.clicked.connect(action.trigger)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return button, action


def set_action_tooltip(button: QPushButton, action: QAction, text: str, shortcut: str) -> None:
    """A renamed action button's tooltip, on the button and its action alike."""
    tip = shortcut_tooltip(text, shortcut)
    button.setToolTip(tip)
    action.setToolTip(tip)


def ok_cancel_buttons(
    on_ok: Callable[[], None],
    on_cancel: Callable[[], None],
    ok_tooltip: str | None = None,
    cancel_tooltip: str | None = None,
) -> QDialogButtonBox:
    """A dialog's OK and Cancel, wired; tooltips (translated by the caller) name their keys."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_tooltip is not None:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setToolTip(ok_tooltip)
    if cancel_tooltip is not None:
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(cancel_tooltip)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(on_cancel)
    return buttons

"""The windows a clerk's session opened beside the main window, while the screen is locked.

A locked screen must show nothing of the session: not the print preview
with the applicant's name, not a dialog whose button still works. Locking
hides every other window of the application (dialogs, message boxes) and
closes popups; a window that opens while the screen is locked (a late answer
from the database thread) is kept off the screen and hidden as well.
Unlocking by the same clerk shows them again, as they were, with the
keyboard where it was; logging out closes them.

The keys that lock the screen and log out work in every window of the
session, not only the main window: a clerk must be able to lock with an
applicant's document open in the preview. The main window's actions for them
are shared with each session window as it takes the keyboard (a
window-modal dialog blocks the main window, and with it any application-wide
shortcut of its own).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QDialog, QWidget

log = logging.getLogger(__name__)

# Windows that come and go by themselves and hold no session data.
_TRANSIENT = {Qt.WindowType.ToolTip, Qt.WindowType.Popup, Qt.WindowType.SplashScreen}


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


def _depth(widget: QWidget) -> int:
    """How many windows own this one (a dialog of a dialog: 2): owners show first."""
    n, parent = 0, widget.parentWidget()
    while parent is not None:
        n += 1
        parent = parent.parentWidget()
    return n


class SessionWindows(QObject):
    """Hides the session's other windows while ``main`` shows its lock screen."""

    def __init__(self, main: QWidget) -> None:
        super().__init__(main)
        self._main = main
        self._hidden: list[QWidget] = []
        self._active: QWidget | None = None
        self._focus: QWidget | None = None
        self._covering = False
        self._shared: list[QAction] = []

    @property
    def covering(self) -> bool:
        return self._covering

    def share(self, actions: Sequence[QAction]) -> None:
        """Make ``actions`` (the main window's, with their shortcuts) work in every session window.

        Each window the session opens gets them when it takes the keyboard:
        the same actions, so disabling one (while locked) disables it everywhere.
        """
        self._shared = list(actions)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._window_focused)
        active = QApplication.activeWindow()
        if active is not None:
            self._share_with(active)

    def _window_focused(self, _window: QWindow | None) -> None:
        active = QApplication.activeWindow()
        if active is not None and _alive(self._main):
            self._share_with(active)

    def _share_with(self, window: QWidget) -> None:
        if not self._is_other_window(window) or not self._owned(window):
            return
        for action in self._shared:
            if action not in window.actions():
                window.addAction(action)

    def hidden(self) -> list[QWidget]:
        """The windows hidden by the lock, in the order they come back."""
        return [w for w in self._hidden if _alive(w)]

    def _is_other_window(self, widget: QObject) -> bool:
        return (
            isinstance(widget, QWidget)
            and widget is not self._main
            and widget.isWindow()
            and widget.windowType() not in _TRANSIENT
        )

    def cover(self) -> None:
        """Hide every other visible window; keep new ones off the screen until :meth:`uncover`."""
        if self._covering:
            return
        self._covering = True
        self._focus = QApplication.focusWidget()
        self._active = QApplication.activeWindow()
        for _ in range(10):  # a popup's close may reveal its parent popup
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        others = [w for w in QApplication.topLevelWidgets() if self._is_other_window(w)]
        self._hidden = sorted((w for w in others if w.isVisible()), key=_depth)
        for window in self._hidden:
            window.hide()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uncover(self) -> None:
        """Show the hidden windows again, owners first; the keyboard goes back where it was."""
        if not self._covering:
            return
        self._stop_watching()
        windows, self._hidden = self.hidden(), []
        active = self._active if _alive(self._active) else None
        # The window that was active comes back last: on top, as it was.
        windows.sort(key=lambda w: (w is active, _depth(w)))
        for window in windows:
            window.show()
        if active is not None and active.isVisible():
            active.activateWindow()  # shown last, it is on top already
        if _alive(self._focus) and self._focus is not None and self._focus.isVisible():
            self._focus.setFocus()
        self._active = self._focus = None

    def close_all(self) -> None:
        """Logout: close the hidden windows and the main window's own (their ``finished`` runs)."""
        self._stop_watching()
        windows, self._hidden = self.hidden(), []
        windows += [
            w
            for w in QApplication.topLevelWidgets()
            if self._is_other_window(w) and w.isVisible() and self._owned(w) and w not in windows
        ]
        for window in sorted(windows, key=_depth, reverse=True):  # a dialog before its owner
            if not _alive(window):
                continue
            if isinstance(window, QDialog):
                window.reject()  # hidden or not: its finished handler runs
            else:
                window.close()
        self._active = self._focus = None

    def _owned(self, widget: QWidget) -> bool:
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self._main:
                return True
            parent = parent.parentWidget()
        return False

    def _stop_watching(self) -> None:
        if self._covering:
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        self._covering = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._is_other_window(watched):
            assert isinstance(watched, QWidget)
            # Qt is in the middle of showing it: keep it off the screen now
            # (this attribute stops the window system from mapping it) and
            # hide it properly once the show is done.
            watched.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
            QTimer.singleShot(0, self, lambda w=watched: self._hide_late(w))
        return False

    def _hide_late(self, window: QWidget) -> None:
        if not _alive(window):
            return
        window.hide()
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
        if not self._covering:
            window.show()  # unlocked meanwhile: it may show now
        elif window not in self._hidden:
            log.debug("window %s opened while locked: kept hidden", window.objectName())
            self._hidden.append(window)

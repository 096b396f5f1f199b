"""The service guide (办事指南) of each item, as the clerk shows it over the counter.

Keys (also shown in tooltips):
    type in the search box   Chinese, pinyin, initials or item code; Down goes to the list
    Enter                    take this item (starts an intake in the main window)
    Ctrl++ / Ctrl+-          larger / smaller text (the applicant reads it)
    Ctrl+0                   usual text size

The guide itself, its HTML (catalog text is untrusted: every value is
escaped) and its zoom, is :mod:`clerk_desk.ui.catalog_guide`.

The search uses the desk's one item index (``Desk.item_index``, built once per
catalog version and shared with the intake), fetched when the page is first
shown: made with the main window at login, the page costs nothing until then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.catalog import StoredItem
from clerk_desk.errors import ClerkDeskError
from clerk_desk.item_search import ItemSearchIndex
from clerk_desk.ui.catalog_guide import GuideView
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import ERROR_STYLE
from clerk_desk.ui.hits_model import HitsDelegate, HitsModel
from clerk_desk.ui.item_index_loader import ItemIndexLoader
from clerk_desk.ui.messages import describe

SEARCH_LIMIT = 100


class CatalogBrowser(QWidget):
    """Search the catalog and show an item's guide in large print.

    Signals:
        item_chosen(object): the StoredItem the clerk took with Enter
            (the main window starts an intake with it).
    """

    item_chosen = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalog_browser")
        self._ctx = ctx
        self._index: ItemSearchIndex | None = None
        self._shown: StoredItem | None = None
        # The whole catalog, whoever looks: the guide informs, the intake decides.
        self._loader = ItemIndexLoader(ctx, self)
        self._loader.loaded.connect(self._index_ready)
        self._loader.failed.connect(self._failed)
        self._build()

    # -- construction ------------------------------------------------------------

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("catalog_search")
        self.search_edit.setPlaceholderText(self.tr("低保 / dibao / dbsq / item code"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setToolTip(
            self.tr("Chinese, pinyin, initials or item code; Down: the list; Enter: take the item")
        )
        self.hits = HitsModel()
        self.results_view = QListView()
        self.results_view.setObjectName("catalog_results")
        self.results_view.setModel(self.hits)
        HitsDelegate.install(self.results_view)  # name and code, no sideways scrolling
        self.results_view.setToolTip(self.tr("Enter: take this item"))
        self.count_label = QLabel()
        self.count_label.setObjectName("catalog_count")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.guide = GuideView()

        self.zoom_in_button, self.zoom_in_action = self._zoom_button(
            self.tr("Larger text"),
            QKeySequence.StandardKey.ZoomIn,
            "Ctrl+=",
            self.zoom_in,
            "zoom_in",
        )
        self.zoom_out_button, self.zoom_out_action = self._zoom_button(
            self.tr("Smaller text"),
            QKeySequence.StandardKey.ZoomOut,
            None,
            self.zoom_out,
            "zoom_out",
        )
        self.zoom_reset_action = QAction(self.tr("Usual text size"), self)
        self.zoom_reset_action.setObjectName("action_zoom_reset")
        self.zoom_reset_action.setShortcut(QKeySequence("Ctrl+0"))
        self.zoom_reset_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.zoom_reset_action.triggered.connect(self.zoom_reset)
        self.addAction(self.zoom_reset_action)
        self.choose_button = QPushButton(self.tr("Take this item"))
        self.choose_button.setObjectName("choose_item_button")
        self.choose_button.setToolTip(self.tr("Take this item (Enter)"))
        self.choose_button.clicked.connect(self.choose_current)

        self.error_label = QLabel()
        self.error_label.setObjectName("catalog_error")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search_edit)
        left_layout.addWidget(search_label)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.results_view, 1)
        left_layout.addWidget(self.count_label)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        tools.addWidget(self.choose_button)
        tools.addStretch(1)
        tools.addWidget(self.zoom_out_button)
        tools.addWidget(self.zoom_in_button)
        right_layout.addLayout(tools)
        right_layout.addWidget(self.guide, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        # The guide takes four fifths: beside the case list at 1366x768 its materials
        # table keeps a name's worth of width; the hits wrap (hits_model.hit_layout).
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([250, 1000])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)

        self.search_edit.textChanged.connect(self._search)
        # The selection model outlives model resets: connected once.
        self.results_view.selectionModel().currentChanged.connect(self._current_changed)
        self.search_edit.returnPressed.connect(self.choose_current)
        self.results_view.activated.connect(lambda _i: self.choose_current())
        self.search_edit.installEventFilter(self)
        self.setFocusProxy(self.search_edit)
        self.setTabOrder(self.search_edit, self.results_view)
        self.setTabOrder(self.results_view, self.guide)

    def _zoom_button(
        self,
        text: str,
        key: QKeySequence.StandardKey,
        extra: str | None,
        slot: Callable[[], None],
        name: str,
    ) -> tuple[QPushButton, QAction]:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        keys = list(QKeySequence.keyBindings(key))
        if extra is not None and QKeySequence(extra) not in keys:
            # Ctrl+= too: on most keyboards + needs Shift. A key listed twice
            # would make the shortcut ambiguous, and then it never fires.
            keys.append(QKeySequence(extra))
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        button = QPushButton(text)
        button.setObjectName(f"{name}_button")
        seq = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
        tip = self.tr("{action} ({key})").format(action=text, key=seq)
        button.setToolTip(tip)
        action.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(action.trigger)
        return button, action

    # -- the index -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        """Get the desk's item index (built once per catalog version; a new import gets a new one).

        Off the GUI thread, as the intake's (:class:`ItemIndexLoader`).
        """
        if self._loader.loading:
            return
        if self._index is None:
            self.count_label.setText(self.tr("Loading the catalog..."))
        self._loader.load()

    def _index_ready(self, index: ItemSearchIndex) -> None:
        if index is self._index:
            return  # the same catalog version: the results stand
        self._index = index
        self.error_label.clear()
        self._search(self.search_edit.text())

    def _failed(self, error: BaseException) -> None:
        self.count_label.clear()
        if isinstance(error, ClerkDeskError):
            self.error_label.setText(describe(error))
        else:
            self.error_label.setText(self.tr("Unexpected error: {error}").format(error=repr(error)))

    def is_ready(self) -> bool:
        return self._index is not None

    # -- searching and showing -------------------------------------------------------

    def search(self, text: str) -> None:
        """Put ``text`` in the search box (the results follow)."""
        self.search_edit.setText(text)

    def _search(self, text: str) -> None:
        if self._index is None:
            return
        hits = self._index.search(text, limit=SEARCH_LIMIT)
        self.hits.reset(hits)
        if hits:
            self.count_label.setText(self.tr("%n item(s)", "", len(hits)))
            self.results_view.setCurrentIndex(self.hits.index(0))
        else:
            self.count_label.setText(self.tr("No service item matches."))
            self._show(None)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.hits.item_at(current.row()) if current.isValid() else None)

    def results(self) -> list[StoredItem]:
        return [self.hits.item_at(row) for row in range(self.hits.rowCount())]

    def current_item(self) -> StoredItem | None:
        return self._shown

    def show_item(self, code: str) -> bool:
        """Select the result with item code ``code``; False if it is not in the list."""
        for row, stored in enumerate(self.results()):
            if stored.item.code == code:
                self.results_view.setCurrentIndex(self.hits.index(row))
                return True
        return False

    def _show(self, stored: StoredItem | None) -> None:
        self._shown = stored
        self.choose_button.setEnabled(stored is not None)
        self.guide.show_item(stored)

    def guide_text(self) -> str:
        """The guide as the applicant reads it (plain text)."""
        return self.guide.toPlainText()

    def choose_current(self) -> None:
        current = self.results_view.currentIndex()
        if not current.isValid():
            return
        self.item_chosen.emit(self.hits.item_at(current.row()))

    # -- zoom ------------------------------------------------------------------------

    def point_size(self) -> int:
        return self.guide.point_size()

    def zoom_in(self) -> None:
        self.guide.zoom_in()

    def zoom_out(self) -> None:
        self.guide.zoom_out()

    def zoom_reset(self) -> None:
        self.guide.zoom_reset()

    # -- keys --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt API
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            and self.hits.rowCount()
        ):
            self.results_view.setFocus()
            return True
        return False

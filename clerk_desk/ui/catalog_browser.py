"""The service guide (办事指南) of each item, as the clerk shows it over the counter.

Keys (also shown in tooltips):
    type in the search box   Chinese, pinyin, initials or item code; Down goes to the list
    Enter                    take this item (starts an intake in the main window)
    Ctrl++ / Ctrl+-          larger / smaller text (the applicant reads it)
    Ctrl+0                   usual text size

Catalog text is untrusted: every value is HTML-escaped before it goes into
the guide, so a name such as ``<b>x</b>`` shows literally.

The search uses the desk's one item index (``Desk.item_index``, built once per
catalog version and shared with the intake), fetched when the page is first
shown: made with the main window at login, the page costs nothing until then.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.case_documents import FORM
from clerk_desk.catalog import StoredItem
from clerk_desk.catalog_format import Item, Material
from clerk_desk.errors import ClerkDeskError
from clerk_desk.item_search import ItemSearchIndex
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.hits_model import HitsDelegate, HitsModel
from clerk_desk.ui.messages import describe

BASE_POINT_SIZE = 15
MIN_POINT_SIZE = 9
MAX_POINT_SIZE = 40
ZOOM_STEP = 2
SEARCH_LIMIT = 100

# The materials table: the name column takes the width; number, form, copies
# and key are kept on one line each ("narrow": without it a CJK word may break
# after any character, and a squeezed column shows one character a line).
# The note, the blank form and when a material is needed go under its name,
# wrapping at word boundaries, so the table fits the guide at 1366x768.
_STYLE = """
table.facts td { padding: 2px 12px 2px 0; }
table.materials { border-collapse: collapse; }
table.materials th, table.materials td { border: 1px solid #999; padding: 4px 6px; }
table.materials th { background: #eeeeee; }
.narrow { white-space: nowrap; }
.key { font-weight: bold; color: #b00020; }
.muted { color: #555555; }
"""


def _e(value: object) -> str:
    """A catalog value as HTML text (untrusted: everything escaped)."""
    return html.escape(str(value), quote=True)


def _lines(value: str) -> str:
    return "<br/>".join(_e(line) for line in value.splitlines())


def _t(translated: str) -> str:
    """A translated label, escaped (translations are data too).

    Callers pass ``QCoreApplication.translate("CatalogBrowser", "...")`` so that
    lupdate finds the string.
    """
    return html.escape(translated, quote=True)


def _guide_labels() -> dict[str, str]:
    """Headings of the guide, translated and escaped (built where lupdate can read them)."""
    return {
        "Conditions": _t(QCoreApplication.translate("CatalogBrowser", "Conditions")),
        "None stated.": _t(QCoreApplication.translate("CatalogBrowser", "None stated.")),
        "Materials": _t(QCoreApplication.translate("CatalogBrowser", "Materials")),
        "No materials are needed.": _t(
            QCoreApplication.translate("CatalogBrowser", "No materials are needed.")
        ),
        "Situation questions": _t(
            QCoreApplication.translate("CatalogBrowser", "Situation questions")
        ),
        "Time limits": _t(QCoreApplication.translate("CatalogBrowser", "Time limits")),
        "Immediate item: completed at the counter.": _t(
            QCoreApplication.translate(
                "CatalogBrowser", "Immediate item: completed at the counter."
            )
        ),
        "Statutory": _t(QCoreApplication.translate("CatalogBrowser", "Statutory")),
        "Promised": _t(QCoreApplication.translate("CatalogBrowser", "Promised")),
        "Fee": _t(QCoreApplication.translate("CatalogBrowser", "Fee")),
        "Legal basis": _t(QCoreApplication.translate("CatalogBrowser", "Legal basis")),
        "At this counter": _t(QCoreApplication.translate("CatalogBrowser", "At this counter")),
        "A village agent may take it": _t(
            QCoreApplication.translate("CatalogBrowser", "A village agent may take it")
        ),
        "Tolerant acceptance allowed": _t(
            QCoreApplication.translate("CatalogBrowser", "Tolerant acceptance allowed")
        ),
    }


def fee_text(amount_cents: int) -> str:
    if amount_cents == 0:
        return QCoreApplication.translate("CatalogBrowser", "Free")
    amount = f"{amount_cents // 100}.{amount_cents % 100:02d}"
    return QCoreApplication.translate("CatalogBrowser", "¥{amount}").format(amount=amount)


def level_name(level: str) -> str:
    names = {
        "village": QCoreApplication.translate("CatalogBrowser", "village agency point"),
        "township": QCoreApplication.translate("CatalogBrowser", "township service centre"),
        "county": QCoreApplication.translate("CatalogBrowser", "county service hall"),
    }
    return names.get(level, level)


def _needed_when(material: Material, questions: dict[str, str]) -> str:
    conditions = [
        _t(QCoreApplication.translate("CatalogBrowser", "{question} = yes")).format(
            question=_e(questions.get(q, q))
        )
        for q in material.when_yes
    ] + [
        _t(QCoreApplication.translate("CatalogBrowser", "{question} = no")).format(
            question=_e(questions.get(q, q))
        )
        for q in material.when_no
    ]
    if not conditions:
        return _t(QCoreApplication.translate("CatalogBrowser", "always"))
    return _t(QCoreApplication.translate("CatalogBrowser", "only if {conditions}")).format(
        conditions=_t(QCoreApplication.translate("CatalogBrowser", "; ")).join(conditions)
    )


def _labelled(label: str, value: str) -> str:
    """``Note: ...`` under a material's name (``label`` and ``value`` already escaped)."""
    return _t(QCoreApplication.translate("CatalogBrowser", "{label}: {value}")).format(
        label=label, value=value
    )


def _material_cell(material: Material, questions: dict[str, str]) -> str:
    """A material's name, and under it its note, blank form and when it is needed."""
    lines = [_e(material.name)]
    if material.note:
        note = _t(QCoreApplication.translate("CatalogBrowser", "Note"))
        lines.append(f'<span class="muted">{_labelled(note, _lines(material.note))}</span>')
    if material.template:
        form = _t(QCoreApplication.translate("CatalogBrowser", "Blank form"))
        lines.append(f'<span class="muted">{_labelled(form, _e(material.template))}</span>')
    if material.when_yes or material.when_no:
        lines.append(f'<span class="muted">{_needed_when(material, questions)}</span>')
    return "<br/>".join(lines)


def guide_html(stored: StoredItem) -> str:
    """The whole guide of an item as HTML, every catalog value escaped."""
    item: Item = stored.item
    L = _guide_labels()
    yes, no = (
        _t(QCoreApplication.translate("CatalogBrowser", "yes")),
        _t(QCoreApplication.translate("CatalogBrowser", "no")),
    )
    out: list[str] = [f"<h2>{_e(item.name)}</h2>"]
    facts = [
        (_t(QCoreApplication.translate("CatalogBrowser", "Item code")), _e(item.code)),
        (_t(QCoreApplication.translate("CatalogBrowser", "Department")), _e(item.department)),
        (_t(QCoreApplication.translate("CatalogBrowser", "Kind")), _e(item.kind)),
        (
            _t(QCoreApplication.translate("CatalogBrowser", "Handled at")),
            _e(level_name(item.level)),
        ),
        (
            _t(QCoreApplication.translate("CatalogBrowser", "Catalog version")),
            _e(stored.version_label),
        ),
    ]
    out.append('<table class="facts">')
    out += [f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in facts]
    out.append("</table>")

    out.append(f"<h3>{L['Conditions']}</h3>")
    out.append(f"<p>{_lines(item.conditions) if item.conditions else L['None stated.']}</p>")

    questions = {q.id: q.text for q in item.questions}
    out.append(f"<h3>{L['Materials']}</h3>")
    if item.materials:
        narrow = ' class="narrow"'
        heads = (
            (_t(QCoreApplication.translate("CatalogBrowser", "No.")), narrow),
            (_t(QCoreApplication.translate("CatalogBrowser", "Material")), ""),
            (_t(QCoreApplication.translate("CatalogBrowser", "Form")), narrow),
            (_t(QCoreApplication.translate("CatalogBrowser", "Copies")), narrow),
            (_t(QCoreApplication.translate("CatalogBrowser", "Key")), narrow),
        )
        out.append('<table class="materials" cellspacing="0" width="100%">')
        out.append("<tr>" + "".join(f"<th{c}>{h}</th>" for h, c in heads) + "</tr>")
        key_label = _t(QCoreApplication.translate("CatalogBrowser", "key"))
        for n, m in enumerate(item.materials, 1):
            key = f'<span class="key">{key_label}</span>' if m.key else ""
            cells = (
                (str(n), narrow),
                (_material_cell(m, questions), ""),
                (_e(FORM.get(m.form, m.form)), narrow),
                (_e(m.copies), narrow),
                (key, narrow),
            )
            out.append("<tr>" + "".join(f"<td{c}>{v}</td>" for v, c in cells) + "</tr>")
        out.append("</table>")
        never_waived = _t(
            QCoreApplication.translate(
                "CatalogBrowser",
                "Key materials are never waived, not even under tolerant acceptance.",
            )
        )
        out.append(f'<p class="muted">{never_waived}</p>')
    else:
        out.append(f"<p>{L['No materials are needed.']}</p>")

    if item.questions:
        out.append(f"<h3>{L['Situation questions']}</h3>")
        out.append("<ol>" + "".join(f"<li>{_e(q.text)}</li>" for q in item.questions) + "</ol>")

    out.append(f"<h3>{L['Time limits']}</h3>")
    tl = item.time_limit
    if tl.immediate:
        out.append(f"<p>{L['Immediate item: completed at the counter.']}</p>")
    else:
        # 20个工作日, 30日: the number and its unit in one template (no space in Chinese).
        span = _t(
            QCoreApplication.translate("CatalogBrowser", "{days} working days")
            if tl.unit == "working_day"
            else QCoreApplication.translate("CatalogBrowser", "{days} calendar days")
        )
        statutory = span.format(days=_e(tl.statutory_days))
        promised = span.format(days=_e(tl.promised_days))
        out.append('<table class="facts">')
        out.append(f"<tr><td><b>{L['Statutory']}</b></td><td>{statutory}</td></tr>")
        out.append(f"<tr><td><b>{L['Promised']}</b></td><td>{promised}</td></tr>")
        out.append("</table>")

    out.append(f"<h3>{L['Fee']}</h3>")
    fee = _e(fee_text(item.fee.amount_cents))
    if item.fee.basis:
        fee += " &mdash; " + _t(
            QCoreApplication.translate("CatalogBrowser", "basis: {basis}")
        ).format(basis=_e(item.fee.basis))
    out.append(f"<p>{fee}</p>")

    out.append(f"<h3>{L['Legal basis']}</h3>")
    if item.legal_basis:
        out.append("<ul>" + "".join(f"<li>{_e(b)}</li>" for b in item.legal_basis) + "</ul>")
    else:
        out.append(f"<p>{L['None stated.']}</p>")

    out.append(f"<h3>{L['At this counter']}</h3>")
    out.append('<table class="facts">')
    out.append(
        f"<tr><td><b>{L['A village agent may take it']}</b></td>"
        f"<td>{yes if item.agency_allowed else no}</td></tr>"
    )
    out.append(
        f"<tr><td><b>{L['Tolerant acceptance allowed']}</b></td>"
        f"<td>{yes if item.tolerant_acceptance else no}</td></tr>"
    )
    out.append("</table>")
    return "\n".join(out)


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
        self._point_size = BASE_POINT_SIZE
        self._loading = False
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

        self.guide = QTextBrowser()
        self.guide.setObjectName("catalog_guide")
        self.guide.setReadOnly(True)
        self.guide.setOpenLinks(False)
        self.guide.setOpenExternalLinks(False)
        self.guide.document().setDefaultStyleSheet(_STYLE)
        self._apply_zoom()

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
        self.error_label.setStyleSheet("color: #b00020")
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

        Off the GUI thread, on the I/O pool like the intake's: the first build
        is CPU work that must not hold up the database thread.
        """
        if self._loading:
            return
        self._loading = True
        if self._index is None:
            self.count_label.setText(self.tr("Loading the catalog..."))
        self._ctx.runner.io(self._ctx.desk.item_index, self._index_ready, self._failed)

    def _index_ready(self, index: ItemSearchIndex) -> None:
        self._loading = False
        if index is self._index:
            return  # the same catalog version: the results stand
        self._index = index
        self.error_label.clear()
        self._search(self.search_edit.text())

    def _failed(self, error: BaseException) -> None:
        self._loading = False
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
        if stored is None:
            self.guide.clear()
            return
        self.guide.setHtml(guide_html(stored))
        self.guide.verticalScrollBar().setValue(0)

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
        return self._point_size

    def zoom_in(self) -> None:
        self._set_point_size(self._point_size + ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_point_size(self._point_size - ZOOM_STEP)

    def zoom_reset(self) -> None:
        self._set_point_size(BASE_POINT_SIZE)

    def _set_point_size(self, size: int) -> None:
        self._point_size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size))
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        font = self.guide.font()
        font.setPointSize(self._point_size)
        self.guide.setFont(font)  # the document's default font follows the widget's

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

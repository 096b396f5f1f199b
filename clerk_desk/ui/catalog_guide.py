"""An item's service guide (办事指南): its HTML, and the view that shows it in large print.

Catalog text is untrusted: every value is HTML-escaped before it goes into
the guide, so a name such as ``<b>x</b>`` shows literally.

The guide's words keep the catalog browser's translation context
(``CatalogBrowser``): ``guide_html`` builds them where lupdate can read them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser

from clerk_desk.case_documents import FORM
from clerk_desk.catalog import StoredItem
from clerk_desk.catalog_format import Item, Material

BASE_POINT_SIZE = 15
MIN_POINT_SIZE = 9
MAX_POINT_SIZE = 40
ZOOM_STEP = 2

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


class GuideView(QTextBrowser):
    """An item's guide, read-only, in print the applicant reads across the counter.

    The page's keys (Ctrl++ / Ctrl+- / Ctrl+0) call :meth:`zoom_in`,
    :meth:`zoom_out` and :meth:`zoom_reset`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("catalog_guide")
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(_STYLE)
        self._point_size = BASE_POINT_SIZE
        self._apply_zoom()

    def show_item(self, stored: StoredItem | None) -> None:
        """The guide of ``stored`` from its top (None: nothing)."""
        if stored is None:
            self.clear()
            return
        self.setHtml(guide_html(stored))
        self.verticalScrollBar().setValue(0)

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
        font = self.font()
        font.setPointSize(self._point_size)
        self.setFont(font)  # the document's default font follows the widget's

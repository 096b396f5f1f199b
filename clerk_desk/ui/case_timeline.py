"""The case page's timeline: every step of the case, oldest first, in the clerk's words.

:func:`detail_summary` writes a step's detail in one line; :class:`TimelineModel`
holds the steps (the generic :class:`~clerk_desk.ui.table_model.RowTableModel`);
:class:`TimelineSection` shows them. Its texts keep the ``CaseDetail`` translation
context they had before the case page was split.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.cases import TimelineEntry
from clerk_desk.catalog_format import Item
from clerk_desk.timeline import (
    AcceptedDetail,
    DueDateReviewedDetail,
    HandedOverDetail,
    StepDetail,
)
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.messages import date_text
from clerk_desk.ui.table_model import Column, RowTableModel


def local_time(at: datetime, tz: str) -> str:
    """A stored (UTC) moment as the centre's wall clock reads it."""
    if at.tzinfo is None:  # defensive: the store gives aware datetimes
        at = at.replace(tzinfo=UTC)
    return at.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def step_name(action: str) -> str:
    """A timeline step's name in the clerk's words (the action itself when unknown)."""
    return known_step_name(action) or action


def known_step_name(action: str) -> str | None:
    """A timeline step's name in the clerk's words; None for an action that is no step."""
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
    return names.get(action)


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


def join_list(values: Iterable[object]) -> str:
    """Values joined as the clerk's language lists them (、 in Chinese)."""
    return QCoreApplication.translate("DomainMessages", ", ").join(str(v) for v in values)


def _day(value: object) -> str:
    """A stored ISO day as a sentence writes it (2026年11月23日); anything else as it is."""
    text = str(value)
    return date_text(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text


def _years(value: object) -> str:
    return join_list(value) if isinstance(value, list) else str(value)


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
        return join_list(material(v) for v in ids) if isinstance(ids, list) else str(ids)

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
            text = join_list(
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
            text = join_list(value)
        else:
            text = str(value)
        parts.append(labelled.format(label=_detail_label(key), value=text))
    return QCoreApplication.translate("CaseDetail", "; ").join(parts)


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


def table_look(view: QTableView) -> None:
    """How the case page's tables look and select: whole rows, one at a time, read-only."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.setTabKeyNavigation(False)


class TimelineSection(QGroupBox):
    """The timeline box of the case page: shows the steps, collects nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("CaseDetail", "Timeline"), parent)
        self.timeline = TimelineModel()
        self.timeline_view = QTableView()
        self.timeline_view.setObjectName("timeline_view")
        self.timeline_view.setModel(self.timeline)
        table_look(self.timeline_view)
        th = self.timeline_view.horizontalHeader()
        for col in range(4):
            th.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        th.setStretchLastSection(True)
        QVBoxLayout(self).addWidget(self.timeline_view)

    def show_steps(self, entries: Sequence[TimelineEntry], item: Item | None, tz: str) -> None:
        self.timeline.reset(entries, item, tz)
        if entries:
            self.timeline_view.scrollToBottom()

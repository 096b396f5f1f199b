"""A case's timeline: each step's name (:class:`Step`) and its typed, versioned detail.

Every event of ``case_events`` has an action, one of :class:`Step`, and a JSON
detail. The detail is written from, and read back as, the frozen dataclass of its
step (:data:`DETAILS`): :meth:`StepDetail.to_json` for the row and the sync
payload, :func:`read_detail` for the readers (the case service, the documents, the
case page), so no reader looks a key up by a bare string.

Versions. Each detail class has a ``version``; version 1 is the detail as the
terminals of the first counter release write it, and rows of that version carry no
version key: their JSON, stored and sent to the server, is exactly what it was. A
later version writes ``detail_version`` and its reader still takes every earlier
one. Keys an older version did not record read as None (an acceptance from before
the received list was kept, a notice from before its legal start was), and the
readers fall back as they did.

A step the county's back office took (:mod:`clerk_desk.office_steps`) carries the
office staff's name and the step's number on the server in every detail
(``office_staff``, ``office_step_seq``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Self

__all__ = [
    "DETAILS",
    "OUTCOME_STEPS",
    "AcceptedDetail",
    "AnsweredDetail",
    "CollectedDetail",
    "DecidedDetail",
    "DeemedAcceptance",
    "DeliveredDetail",
    "DueDateReviewedDetail",
    "HandedOverDetail",
    "MaterialsCheckedDetail",
    "NoticeDetail",
    "OpenCase",
    "OpenedDetail",
    "RecoveredDetail",
    "RejectedDetail",
    "ResumedDetail",
    "Step",
    "StepDetail",
    "SupplementedDetail",
    "SuspendedDetail",
    "WithdrawnDetail",
    "read_detail",
]

VERSION_KEY = "detail_version"


class Step(StrEnum):
    """A timeline step's name, as stored in ``case_events.action``."""

    OPENED = "opened"
    ANSWERED = "answered"
    MATERIALS_CHECKED = "materials_checked"
    ACCEPTED = "accepted"
    TOLERANT_ACCEPTED = "tolerant_accepted"
    NOTICE_ISSUED = "notice_issued"
    REJECTED = "rejected"
    COLLECTED = "collected"  # 代办收件 at a village point
    HANDED_OVER = "handed_over"  # the township received the agent's handover list
    PROCESSING_STARTED = "processing_started"
    SUSPENDED = "suspended"
    RESUMED = "resumed"
    DECIDED = "decided"
    COMPLETED = "completed"
    DELIVERED = "delivered"
    WITHDRAWN = "withdrawn"
    MATERIALS_SUPPLEMENTED = "materials_supplemented"  # promised under tolerant acceptance
    DUE_DATE_REVIEWED = "due_date_reviewed"  # a newer holiday schedule moved the due date
    RECOVERED = "recovered"  # the case came back from the server after a lost disk


# The outcomes a printed document records (each happens at most once in a case).
OUTCOME_STEPS = (
    Step.COLLECTED,
    Step.NOTICE_ISSUED,
    Step.ACCEPTED,
    Step.TOLERANT_ACCEPTED,
    Step.REJECTED,
)


def _ids(raw: object) -> tuple[str, ...]:
    return tuple(str(v) for v in raw) if isinstance(raw, list | tuple) else ()


def _ids_or_none(raw: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
    return _ids(raw[key]) if key in raw else None


def _day(raw: object) -> date | None:
    return date.fromisoformat(raw) if isinstance(raw, str) and raw else None


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key)
    return value if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class StepDetail:
    """A step's detail: what every step may carry (a back-office step's origin)."""

    version: int = 1  # a later version of a step's detail raises its class's default
    office_staff: str = ""  # a back-office step: the office staff's name
    office_step_seq: int | None = None  # ... and its number on the server

    def own_json(self) -> dict[str, Any]:
        """The step's own keys, in the order the first release wrote them."""
        return {}

    def to_json(self) -> dict[str, Any]:
        """The detail as stored and synced (version 1: exactly as the first release wrote it)."""
        out: dict[str, Any] = {}
        if self.office_step_seq is not None:
            out["office_staff"] = self.office_staff
            out["office_step_seq"] = self.office_step_seq
        out.update(self.own_json())
        if self.version != 1:
            out[VERSION_KEY] = self.version
        return out

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        """The step's own fields from a stored detail of any version."""
        return {}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any] | None) -> Self:
        """A stored detail of this class's step, of any version (None: no detail)."""
        raw = raw or {}
        version = raw.get(VERSION_KEY, 1)
        seq = raw.get("office_step_seq")
        return cls(
            version=version if isinstance(version, int) else 1,
            office_staff=_text(raw, "office_staff"),
            office_step_seq=seq if isinstance(seq, int) and not isinstance(seq, bool) else None,
            **cls._fields(raw),
        )


@dataclass(frozen=True, slots=True)
class OpenCase:
    """An open intake of the applicant on the item, beside which a new case was opened."""

    id: str
    tracking_number: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenedDetail(StepDetail):
    item_code: str = ""
    catalog_version: str = ""
    answers: Mapping[str, bool] = field(default_factory=dict)
    new_case_reason: str = ""
    open_cases: tuple[OpenCase, ...] = ()
    # Opened on a frozen terminal with a supervisor's password (the audit has the same).
    freeze_override: Mapping[str, Any] | None = None

    def own_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"item_code": self.item_code, "catalog_version": self.catalog_version}
        if self.answers:
            out["answers"] = dict(self.answers)
        if self.open_cases:
            out["new_case_reason"] = self.new_case_reason
            out["open_cases"] = [
                {"id": c.id, "tracking_number": c.tracking_number} for c in self.open_cases
            ]
        if self.freeze_override:
            out["freeze_override"] = dict(self.freeze_override)
        return out

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        answers, override = raw.get("answers"), raw.get("freeze_override")
        return {
            "item_code": _text(raw, "item_code"),
            "catalog_version": _text(raw, "catalog_version"),
            "answers": dict(answers) if isinstance(answers, Mapping) else {},
            "new_case_reason": _text(raw, "new_case_reason"),
            "open_cases": tuple(
                OpenCase(str(c.get("id", "")), str(c.get("tracking_number", "")))
                for c in raw.get("open_cases", ())
                if isinstance(c, Mapping)
            ),
            "freeze_override": dict(override) if isinstance(override, Mapping) else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class AnsweredDetail(StepDetail):
    answers: Mapping[str, bool] = field(default_factory=dict)

    def own_json(self) -> dict[str, Any]:
        return {"answers": dict(self.answers)}

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        answers = raw.get("answers")
        return {"answers": dict(answers) if isinstance(answers, Mapping) else {}}


@dataclass(frozen=True, slots=True, kw_only=True)
class MaterialsCheckedDetail(StepDetail):
    """Only the marks that changed; ``unmarked`` (marks taken back) only when there are some."""

    received: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    unmarked: tuple[str, ...] = ()

    def own_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"received": list(self.received), "missing": list(self.missing)}
        if self.unmarked:
            out["unmarked"] = list(self.unmarked)
        return out

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {k: _ids(raw.get(k)) for k in ("received", "missing", "unmarked")}


@dataclass(frozen=True, slots=True)
class DeemedAcceptance:
    """No one-time notice in time (art. 32): accepted from the day the materials came."""

    received_on: date
    notice_due_by: date
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AcceptedDetail(StepDetail):
    """``accepted`` and ``tolerant_accepted``.

    ``received``: what had been handed in (None: an acceptance from before it was
    kept). ``promised``/``promise_date``: tolerant acceptance only. ``due_recorded``:
    the due date promised at acceptance was kept (``due_on`` None then means no
    due date: an immediate item).
    """

    received: tuple[str, ...] | None = None
    promised: tuple[str, ...] | None = None
    promise_date: date | None = None
    due_recorded: bool = False
    due_on: date | None = None
    due_unpublished_years: tuple[int, ...] = ()
    deemed: DeemedAcceptance | None = None

    def own_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.received is not None:
            out["received"] = list(self.received)
        if self.promised is not None:
            out["promised"] = list(self.promised)
        if self.promise_date is not None:
            out["promise_date"] = self.promise_date.isoformat()
        if self.due_recorded:
            out["due_on"] = self.due_on.isoformat() if self.due_on else None
            out["due_unpublished_years"] = list(self.due_unpublished_years)
        if self.deemed is not None:
            out["deemed_accepted"] = {
                "received_on": self.deemed.received_on.isoformat(),
                "notice_due_by": self.deemed.notice_due_by.isoformat(),
                "missing": list(self.deemed.missing),
            }
        return out

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        deemed = raw.get("deemed_accepted")
        years = raw.get("due_unpublished_years")
        return {
            "received": _ids_or_none(raw, "received"),
            "promised": _ids_or_none(raw, "promised"),
            "promise_date": _day(raw.get("promise_date")),
            "due_recorded": "due_on" in raw,
            "due_on": _day(raw.get("due_on")),
            "due_unpublished_years": tuple(int(y) for y in years)
            if isinstance(years, list)
            else (),
            "deemed": DeemedAcceptance(
                received_on=date.fromisoformat(deemed["received_on"]),
                notice_due_by=date.fromisoformat(deemed["notice_due_by"]),
                missing=_ids(deemed.get("missing")),
            )
            if isinstance(deemed, Mapping)
            else None,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class NoticeDetail(StepDetail):
    """``notice_issued``: what the notice asks for, and its legal start (art. 32)."""

    missing: tuple[str, ...] = ()
    received_on: date | None = None  # None: a notice from before it was kept

    def own_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"missing": list(self.missing)}
        if self.received_on is not None:
            out["received_on"] = self.received_on.isoformat()
        return out

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {"missing": _ids(raw.get("missing")), "received_on": _day(raw.get("received_on"))}


@dataclass(frozen=True, slots=True, kw_only=True)
class RejectedDetail(StepDetail):
    reason: str = ""
    legal_basis: str = ""
    competent_body: str = ""
    rejected_on: date | None = None

    def own_json(self) -> dict[str, Any]:
        return {
            "reason": self.reason,
            "legal_basis": self.legal_basis,
            "competent_body": self.competent_body,
            "rejected_on": self.rejected_on.isoformat() if self.rejected_on else None,
        }

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "reason": _text(raw, "reason"),
            "legal_basis": _text(raw, "legal_basis"),
            "competent_body": _text(raw, "competent_body"),
            "rejected_on": _day(raw.get("rejected_on")),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CollectedDetail(StepDetail):
    """``collected``: what the agent's receipt lists (None: from before it was kept)."""

    collected: tuple[str, ...] | None = None
    verified: tuple[str, ...] = ()  # originals verified and handed back
    missing: tuple[str, ...] = ()
    village_point: str = ""

    def own_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.collected is not None:
            out["collected"] = list(self.collected)
        out["verified"] = list(self.verified)
        out["missing"] = list(self.missing)
        out["village_point"] = self.village_point
        return out

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "collected": _ids_or_none(raw, "collected"),
            "verified": _ids(raw.get("verified")),
            "missing": _ids(raw.get("missing")),
            "village_point": _text(raw, "village_point"),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class HandedOverDetail(StepDetail):
    batch_number: str = ""
    received_by: str = ""  # the township clerk's staff id
    received_on: date | None = None

    def own_json(self) -> dict[str, Any]:
        return {
            "batch_number": self.batch_number,
            "received_by": self.received_by,
            "received_on": self.received_on.isoformat() if self.received_on else None,
        }

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "batch_number": _text(raw, "batch_number"),
            "received_by": _text(raw, "received_by"),
            "received_on": _day(raw.get("received_on")),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class SuspendedDetail(StepDetail):
    """``suspended``: why, and the day the clock stopped (the resumption counts from it)."""

    reason: str = ""
    suspended_on: date | None = None

    def own_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"reason": self.reason}
        if self.suspended_on is not None:
            out["suspended_on"] = self.suspended_on.isoformat()
        return out

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {"reason": _text(raw, "reason"), "suspended_on": _day(raw.get("suspended_on"))}


@dataclass(frozen=True, slots=True, kw_only=True)
class ResumedDetail(StepDetail):
    """``resumed``: the working days spent suspended, and the due date they moved to.

    ``due_on`` is kept as written: an ISO date, or "None" for a case without one.
    """

    paused_working_days: int = 0
    due_on: str = ""

    def own_json(self) -> dict[str, Any]:
        return {"paused_working_days": self.paused_working_days, "due_on": self.due_on}

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        days = raw.get("paused_working_days")
        return {
            "paused_working_days": days if isinstance(days, int) else 0,
            "due_on": str(raw.get("due_on", "")),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class DecidedDetail(StepDetail):
    decision: str = ""

    def own_json(self) -> dict[str, Any]:
        return {"decision": self.decision}

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {"decision": _text(raw, "decision")}


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliveredDetail(StepDetail):
    how: str = ""

    def own_json(self) -> dict[str, Any]:
        return {"how": self.how}

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {"how": _text(raw, "how")}


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawnDetail(StepDetail):
    reason: str = ""

    def own_json(self) -> dict[str, Any]:
        return {"reason": self.reason}

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {"reason": _text(raw, "reason")}


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplementedDetail(StepDetail):
    materials: tuple[str, ...] = ()

    def own_json(self) -> dict[str, Any]:
        return {"materials": list(self.materials)}

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        return {"materials": _ids(raw.get("materials"))}


@dataclass(frozen=True, slots=True, kw_only=True)
class DueDateReviewedDetail(StepDetail):
    due_on_before: date | None = None
    provisional_years_before: tuple[int, ...] = ()
    due_on: date | None = None
    provisional_years: tuple[int, ...] = ()
    calendar_source: str = ""

    def own_json(self) -> dict[str, Any]:
        return {
            "due_on_before": self.due_on_before.isoformat() if self.due_on_before else None,
            "provisional_years_before": list(self.provisional_years_before),
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "provisional_years": list(self.provisional_years),
            "calendar_source": self.calendar_source,
        }

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        def years(key: str) -> tuple[int, ...]:
            value = raw.get(key)
            return tuple(int(y) for y in value) if isinstance(value, list) else ()

        return {
            "due_on_before": _day(raw.get("due_on_before")),
            "provisional_years_before": years("provisional_years_before"),
            "due_on": _day(raw.get("due_on")),
            "provisional_years": years("provisional_years"),
            "calendar_source": _text(raw, "calendar_source"),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RecoveredDetail(StepDetail):
    """``recovered``: the case as the server had it, after this terminal lost its store."""

    server_id: object = None
    server_updated_at: object = None
    event_seq: int = 0

    def own_json(self) -> dict[str, Any]:
        return {
            "server_id": self.server_id,
            "server_updated_at": self.server_updated_at,
            "event_seq": self.event_seq,
        }

    @classmethod
    def _fields(cls, raw: Mapping[str, Any]) -> dict[str, Any]:
        seq = raw.get("event_seq")
        return {
            "server_id": raw.get("server_id"),
            "server_updated_at": raw.get("server_updated_at"),
            "event_seq": seq if isinstance(seq, int) else 0,
        }


# Each step's detail class; a step without its own keys has the plain StepDetail.
DETAILS: dict[Step, type[StepDetail]] = {
    Step.OPENED: OpenedDetail,
    Step.ANSWERED: AnsweredDetail,
    Step.MATERIALS_CHECKED: MaterialsCheckedDetail,
    Step.ACCEPTED: AcceptedDetail,
    Step.TOLERANT_ACCEPTED: AcceptedDetail,
    Step.NOTICE_ISSUED: NoticeDetail,
    Step.REJECTED: RejectedDetail,
    Step.COLLECTED: CollectedDetail,
    Step.HANDED_OVER: HandedOverDetail,
    Step.PROCESSING_STARTED: StepDetail,
    Step.SUSPENDED: SuspendedDetail,
    Step.RESUMED: ResumedDetail,
    Step.DECIDED: DecidedDetail,
    Step.COMPLETED: StepDetail,
    Step.DELIVERED: DeliveredDetail,
    Step.WITHDRAWN: WithdrawnDetail,
    Step.MATERIALS_SUPPLEMENTED: SupplementedDetail,
    Step.DUE_DATE_REVIEWED: DueDateReviewedDetail,
    Step.RECOVERED: RecoveredDetail,
}


def read_detail(step: str, raw: Mapping[str, Any] | None) -> StepDetail:
    """A stored detail of ``step`` (any version, from any release) as its dataclass.

    An action this release does not know (a newer terminal's, recovered) reads as a
    plain :class:`StepDetail`.
    """
    try:
        cls = DETAILS[Step(step)]
    except ValueError:
        cls = StepDetail
    return cls.from_json(raw or {})

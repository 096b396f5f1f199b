"""Village agents' handover lists (代办件移交清单): made at the village, received in town.

A village agent (a staff account with role ``agent``) collects a villager's
materials at the village point (代办收件, :meth:`clerk_desk.intake.IntakeService.collect`);
the case is not accepted there. The materials then travel to the township
counter in a batch: the agent picks the cases to carry (:meth:`HandoverService.pending`),
makes the list (:meth:`~HandoverService.create_batch`: a numbered batch and its
printed list, which both sides sign), and the township clerk receives it by
typing or scanning the batch number (:meth:`~HandoverService.receive`). That
puts a ``handed_over`` step on each case's timeline and records the day on
the case: the one-time notice's 5 working days run from it. The received
cases then wait in the township clerk's hands
(:meth:`~HandoverService.awaiting_decision`) for the check of their materials
and one of the four outcomes, whose documents go back through the agent.

A case is carried once: only collected cases carry materials to the township,
and a case already on a list cannot be put on another. Originals the agent
verified and handed back (``returned`` in the catalog) are not carried and
not counted. The page and the printed list name and count the materials the
same way: :func:`carried_materials` says what a case carries, and
:func:`~clerk_desk.printing.document_data.count_materials` counts it (the
materials, each with its copies). Every call is one write transaction with its audit and outbox
entries; a refused call writes nothing.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import (
    FORM,
    CaseDocuments,
    DocumentInfo,
    DocumentKind,
    document_info,
    inputs_from_json,
)
from clerk_desk.cases import (
    CaseService,
    CaseView,
    load_case,
    local_date,
    plain_text,
    record_case_step,
    require_staff,
)
from clerk_desk.clock import Clock
from clerk_desk.errors import InvalidInput, NotFound, RuleViolation
from clerk_desk.holiday_calendar import HolidayCalendarService
from clerk_desk.journal import record_change
from clerk_desk.lifecycle import CaseState
from clerk_desk.models import (
    Applicant,
    Case,
    CaseMaterial,
    CatalogItem,
    Document,
    HandoverBatch,
    HandoverCase,
    Staff,
    new_id,
)
from clerk_desk.printing import document_data as dd
from clerk_desk.roles import Role
from clerk_desk.settings import TerminalSettings, load_settings
from clerk_desk.storage import Store
from clerk_desk.timeline import HandedOverDetail, Step
from clerk_desk.working_days import NOTICE_WORKING_DAYS, due_date

# Only a village agent's collection sends materials to the township with the agent.
CARRIED_STATES = frozenset({CaseState.COLLECTED})
RECEIVING_ROLES = frozenset({Role.CLERK, Role.SUPERVISOR, Role.ADMIN})
QR_PREFIX = "CLERKDESK-HANDOVER/"
QR_VERSION = "2"
# Lists printed by earlier versions carry version 1 (numbers comma-separated); the
# counter reads only the batch number, the same in both.
QR_VERSIONS_READ = ("1", "2")
VILLAGE_POINT_MAX = 200
# One printed list, its QR code legible on the 80 mm roll (0.5 mm modules); a
# real batch is a handful of folders.
MAX_CASES = 120

_BATCH_NUMBER = re.compile(r"HO-([0-9A-Z]{1,8})-(\d{8})-(\d{2,3})")


@dataclass(frozen=True, slots=True)
class BatchCase:
    """One case on a handover list, as the township clerk checks it."""

    case_id: str
    tracking_number: str
    item_name: str
    applicant_name: str  # full, on screen and on the printed list
    materials_count: int  # copies carried (returned originals stay with the applicant)
    state: CaseState
    # What the signed list says the case carried (empty for lists kept before
    # the list named them: those counted copies only).
    materials: tuple[dd.ReceivedMaterial, ...] = ()

    @property
    def count(self) -> dd.MaterialCount:
        """The materials carried, as the printed list counts them."""
        if self.materials:
            return dd.count_materials(self.materials)
        return dd.MaterialCount(None, self.materials_count)


@dataclass(frozen=True, slots=True)
class BatchInfo:
    """A handover batch (a snapshot)."""

    id: str
    batch_number: str
    agent_id: str
    agent_name: str
    village_point: str
    created_at: datetime
    cases: tuple[BatchCase, ...]
    received_by_id: str | None
    received_by_name: str | None
    received_at: datetime | None
    document_id: str | None

    @property
    def tracking_numbers(self) -> tuple[str, ...]:
        return tuple(c.tracking_number for c in self.cases)

    @property
    def received(self) -> bool:
        return self.received_at is not None

    @property
    def count(self) -> dd.MaterialCount:
        """Every case's materials together, as the printed list's total counts them."""
        total = dd.MaterialCount(0, 0)
        for case in self.cases:
            total += case.count
        return total


@dataclass(frozen=True, slots=True)
class AwaitingCase:
    """A case received from a village agent, waiting for the township's check and outcome."""

    case_id: str
    tracking_number: str
    item_name: str
    applicant_name: str
    agent_name: str
    village_point: str
    batch_number: str
    received_on: date  # the hand-over's receipt: the one-time notice's limit runs from it
    notice_due_by: date  # the last day for a one-time notice (art. 32)


def carried_materials(view: CaseView) -> tuple[dd.ReceivedMaterial, ...]:
    """What a collected case carries: its received materials, less originals handed back.

    Named as the printed list names them; count them with
    :func:`~clerk_desk.printing.document_data.count_materials`.
    """
    return tuple(
        dd.ReceivedMaterial(name=m.name, form=FORM[m.form], copies=m.copies)  # type: ignore[arg-type]
        for m in view.received
        if not m.returned
    )


def batch_number_for(terminal_code: str, day: date, seq: int) -> str:
    """``HO-90421-20261123-01``: terminal number, local day, daily sequence (from 1).

    Batches made under an early version carry its symbol code (``HO-K7QM3P-...``).
    """
    return f"HO-{terminal_code}-{day:%Y%m%d}-{seq:02d}"


def parse_handover_qr(text: str) -> str:
    """The batch number in what was typed or scanned at the counter.

    Accepts the batch number itself or the handover list's QR payload
    (``CLERKDESK-HANDOVER/2;batch=...;n=...``, or version 1 of earlier lists, which a
    keyboard-wedge scanner
    types), in any letter case and in full-width characters (an input method
    left on). Raises InvalidInput naming ``batch_number``.
    """
    raw = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if not raw:
        raise InvalidInput("batch_number", "type or scan the batch number of the handover list")
    if raw.startswith(QR_PREFIX):
        version, _, rest = raw[len(QR_PREFIX) :].partition(";")
        if version not in QR_VERSIONS_READ:
            raise InvalidInput(
                "batch_number",
                "handover code version {version} is not known to this ClerkDesk "
                "(it reads version {known})",
                version=repr(version),
                known=", ".join(QR_VERSIONS_READ),
            )
        fields = dict(part.partition("=")[::2] for part in rest.split(";") if part)
        raw = fields.get("BATCH", "")
        if not raw:
            raise InvalidInput("batch_number", "the scanned handover code carries no batch number")
    if not _BATCH_NUMBER.fullmatch(raw):
        raise InvalidInput(
            "batch_number",
            "{typed} is not a handover batch number (like HO-90421-20261123-01)",
            typed=repr(raw[:40]),
        )
    return raw


def _display(number: str) -> str:
    try:
        return tracking_numbers.display(number)
    except ValueError:
        return number


class HandoverService:
    """Handover batches: the agent's pending cases, making a list, receiving it."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        cases: CaseService,
        documents: CaseDocuments,
        settings: Callable[[], TerminalSettings],
        calendar: HolidayCalendarService,
    ) -> None:
        self._store = store
        self._clock = clock
        self._cases = cases
        self._documents = documents
        self._settings = settings
        self._calendar = calendar

    # -- the agent's side ----------------------------------------------------

    def pending(self, agent_id: str) -> list[CaseView]:
        """The agent's collected cases not yet on any handover list, oldest first."""
        with self._store.read() as session:
            self._require_agent(session, agent_id)
            ids = list(
                session.scalars(
                    select(Case.id)
                    .where(
                        Case.first_clerk_id == agent_id,
                        Case.state.in_([s.value for s in CARRIED_STATES]),
                        Case.id.not_in(select(HandoverCase.case_id)),
                    )
                    .order_by(Case.created_at, Case.tracking_number)
                )
            )
        return [self._cases.get(case_id) for case_id in ids]

    def create_batch(
        self,
        *,
        agent_id: str,
        case_ids: Sequence[str],
        village_point: str,
        layout: dd.Layout | None = None,
    ) -> tuple[BatchInfo, DocumentInfo]:
        """Number a batch of the agent's pending cases and make its handover list.

        Everything is checked before anything is written; the list (numbered
        and rendered there), the batch and its cases are then written in one
        transaction (checked again there, under the write lock).
        """
        settings = self._settings()
        layout = layout or settings.paper
        point = plain_text(village_point, where="village_point", max_len=VILLAGE_POINT_MAX)
        if isinstance(case_ids, str):
            raise InvalidInput("case_ids", "must be a list of case ids, not one string")
        ids = list(case_ids)
        if not ids:
            raise InvalidInput("case_ids", "a handover list needs at least one case")
        if len(ids) > MAX_CASES:
            raise InvalidInput(
                "case_ids",
                "{count} cases on one list; at most {max_cases} fit",
                count=len(ids),
                max_cases=MAX_CASES,
            )
        seen: dict[str, int] = {}
        for i, case_id in enumerate(ids):
            if case_id in seen:
                raise InvalidInput(
                    f"case_ids[{i}]",
                    "is the same case as case_ids[{index}]",
                    index=seen[case_id],
                )
            seen[case_id] = i
        if not settings.terminal_code:
            raise RuleViolation("this terminal has no terminal number yet: finish its set-up first")
        today = self._clock.today()
        with self._store.read() as session:
            agent = self._require_agent(session, agent_id)
            agent_name = agent.name
            self._check_pending(session, agent, ids)
            number = self._next_batch_number(session, settings.terminal_code, today)
        views = [self._cases.get(case_id) for case_id in ids]
        inputs = dd.HandoverList(
            batch_number=number,
            village_point=point,
            agent_name=agent_name,
            agent_phone="",  # staff accounts carry no phone number
            centre_name=settings.centre_name,
            handed_over_on=today,
            rows=tuple(
                dd.HandoverRow(
                    tracking_number=v.tracking_number,
                    item_name=v.stored_item.item.name,
                    # In full: an internal paper between the village point and the township.
                    applicant_name=v.applicant.name,
                    materials_count=dd.count_materials(carried).copies,
                    materials=carried,
                )
                for v in views
                for carried in (carried_materials(v),)
            ),
        )
        now = self._clock.now()
        with self._store.write() as session:
            agent = self._require_agent(session, agent_id)
            self._check_pending(session, agent, ids)
            # The terminal number and the centre as stored now: the number is taken,
            # and the list names the centre, in the transaction that keeps them.
            fresh = load_settings(session)
            if (fresh.terminal_code, fresh.centre_name) != (
                settings.terminal_code,
                settings.centre_name,
            ):
                number = self._next_batch_number(session, fresh.terminal_code, today)
                inputs = dataclasses.replace(
                    inputs, batch_number=number, centre_name=fresh.centre_name
                )
            if session.scalar(select(HandoverBatch.id).where(HandoverBatch.batch_number == number)):
                raise RuleViolation(
                    "batch number {batch} was taken while the list was being made; "
                    "make the list again",
                    batch=number,
                )
            # Numbered (文书编号) and rendered here, so the number commits with the list.
            doc = self._documents.issue(
                session, None, DocumentKind.HANDOVER, layout, agent_id, inputs, now
            )
            session.flush()
            batch = HandoverBatch(
                id=new_id(),
                batch_number=number,
                agent_id=agent_id,
                village_point=point,
                created_at=now,
                document_id=doc.id,
            )
            session.add(batch)
            session.flush()
            for position, case_id in enumerate(ids, start=1):
                session.add(HandoverCase(batch_id=batch.id, position=position, case_id=case_id))
            session.flush()
            record_change(
                session,
                at=now,
                actor_id=agent_id,
                action="handover.created",
                entity="handover_batch",
                entity_id=batch.id,
                payload=self._payload(batch, ids),
            )
            return self._infos(session, [batch])[0], document_info(doc)

    # -- the township's side -------------------------------------------------

    def receive(self, *, batch_number: str, clerk_id: str) -> BatchInfo:
        """The township clerk receives a batch: once, and never an agent."""
        number = parse_handover_qr(batch_number)
        now = self._clock.now()
        with self._store.write() as session:
            clerk = require_staff(session, clerk_id, where="clerk_id")
            if clerk.role not in RECEIVING_ROLES:
                raise RuleViolation(
                    "{name} is a village agent: a handover list is received at the "
                    "township counter by a clerk",
                    name=clerk.name,
                )
            batch = self._load(session, number)
            if batch.received_at is not None:
                by = session.get(Staff, batch.received_by) if batch.received_by else None
                raise RuleViolation(
                    "handover list {batch} was already received by {name} at {at}",
                    batch=number,
                    name=by.name if by else batch.received_by,
                    at=self._local(batch.received_at),
                )
            batch.received_by = clerk.id
            batch.received_at = now
            case_ids = self._case_ids(session, batch.id)
            received_on = self._clock.today()
            for case_id in case_ids:
                case = load_case(session, case_id)
                if case.state == CaseState.COLLECTED.value:
                    # In the township's hands: the one-time notice's days run from today.
                    case.handed_over_at = now
                record_case_step(
                    session,
                    case,
                    at=now,
                    staff_id=clerk.id,
                    action=Step.HANDED_OVER,
                    detail=HandedOverDetail(
                        batch_number=number, received_by=clerk.id, received_on=received_on
                    ),
                    from_state=CaseState(case.state),
                )
            session.flush()
            record_change(
                session,
                at=now,
                actor_id=clerk.id,
                action="handover.received",
                entity="handover_batch",
                entity_id=batch.id,
                payload=self._payload(batch, case_ids),
            )
            return self._infos(session, [batch])[0]

    def awaiting_decision(self, *, limit: int = 500) -> list[AwaitingCase]:
        """Cases received from village agents still waiting for the township's outcome.

        Oldest receipt first (the nearest notice limit first). Each opens in
        the intake at its checklist: the clerk checks the materials again and
        accepts, accepts tolerantly, notifies or rejects.
        """
        tz = self._settings().timezone
        calendar = self._calendar.calendar()
        with self._store.read() as session:
            rows = session.execute(
                select(
                    Case.id,
                    Case.tracking_number,
                    CatalogItem.name,
                    Applicant.name,
                    Staff.name,
                    HandoverBatch.village_point,
                    HandoverBatch.batch_number,
                    Case.handed_over_at,
                )
                .join(CatalogItem, CatalogItem.id == Case.item_id)
                .join(Applicant, Applicant.id == Case.applicant_id)
                .join(Staff, Staff.id == Case.first_clerk_id)
                .join(HandoverCase, HandoverCase.case_id == Case.id)
                .join(HandoverBatch, HandoverBatch.id == HandoverCase.batch_id)
                .where(
                    Case.state == CaseState.COLLECTED.value,
                    Case.handed_over_at.is_not(None),
                )
                .order_by(Case.handed_over_at, HandoverBatch.batch_number, HandoverCase.position)
                .limit(max(0, limit))
            ).all()
        out: list[AwaitingCase] = []
        for case_id, number, item, applicant, agent, point, batch, at in rows:
            assert at is not None  # selected so
            received_on = local_date(at, tz)
            due_by = due_date(received_on, NOTICE_WORKING_DAYS, "working_day", calendar).due_on
            out.append(
                AwaitingCase(
                    case_id, number, item, applicant, agent, point, batch, received_on, due_by
                )
            )
        return out

    # -- reading ---------------------------------------------------------------

    def batches(self, agent_id: str | None = None, *, limit: int = 100) -> list[BatchInfo]:
        """Batches newest first: one agent's, or every agent's (the township's list)."""
        with self._store.read() as session:
            query = select(HandoverBatch).order_by(
                HandoverBatch.created_at.desc(), HandoverBatch.batch_number.desc()
            )
            if agent_id is not None:
                query = query.where(HandoverBatch.agent_id == agent_id)
            return self._infos(session, list(session.scalars(query.limit(max(0, limit)))))

    def batch(self, batch_number: str) -> BatchInfo:
        """A batch by its number, or by the QR payload of its list."""
        number = parse_handover_qr(batch_number)
        with self._store.read() as session:
            return self._infos(session, [self._load(session, number)])[0]

    # -- helpers ---------------------------------------------------------------

    @staticmethod
    def _require_agent(session: Session, agent_id: str) -> Staff:
        agent = require_staff(session, agent_id, where="agent_id")
        if agent.role != Role.AGENT:
            raise RuleViolation(
                "{name} is not a village agent: only an agent hands cases over "
                "with a handover list",
                name=agent.name,
            )
        return agent

    @staticmethod
    def _check_pending(session: Session, agent: Staff, ids: list[str]) -> None:
        on_lists = dict(
            session.execute(
                select(HandoverCase.case_id, HandoverBatch.batch_number)
                .join(HandoverBatch, HandoverBatch.id == HandoverCase.batch_id)
                .where(HandoverCase.case_id.in_(ids))
            ).all()
        )
        for i, case_id in enumerate(ids):
            where = f"case_ids[{i}]"
            case = session.get(Case, case_id)
            if case is None:
                raise InvalidInput(where, "no case with id {id}", id=repr(case_id))
            label = _display(case.tracking_number)
            if case.first_clerk_id != agent.id:
                raise RuleViolation(
                    "case {number} was not taken by {name}: an agent hands over only "
                    "the cases they took",
                    number=label,
                    name=agent.name,
                )
            if case.state not in CARRIED_STATES:
                raise RuleViolation(
                    "case {number} is {state}: only cases the agent collected go to the "
                    "township with their materials",
                    number=label,
                    state=case.state,
                )
            if case_id in on_lists:
                raise RuleViolation(
                    "case {number} is already on handover list {batch}",
                    number=label,
                    batch=on_lists[case_id],
                )

    @staticmethod
    def _next_batch_number(session: Session, terminal_code: str, day: date) -> str:
        prefix = batch_number_for(terminal_code, day, 0)[:-2]
        taken = session.scalars(
            select(HandoverBatch.batch_number).where(
                HandoverBatch.batch_number.startswith(prefix, autoescape=True)
            )
        )
        last = max((int(n[len(prefix) :]) for n in taken if n[len(prefix) :].isdigit()), default=0)
        if last >= 999:
            raise RuleViolation(
                "999 handover lists made today on terminal {terminal}", terminal=terminal_code
            )
        return batch_number_for(terminal_code, day, last + 1)

    @staticmethod
    def _load(session: Session, number: str) -> HandoverBatch:
        batch = session.scalar(select(HandoverBatch).where(HandoverBatch.batch_number == number))
        if batch is None:
            raise NotFound("batch_number: no handover list {batch}", batch=number)
        return batch

    @staticmethod
    def _case_ids(session: Session, batch_id: str) -> list[str]:
        return list(
            session.scalars(
                select(HandoverCase.case_id)
                .where(HandoverCase.batch_id == batch_id)
                .order_by(HandoverCase.position)
            )
        )

    def _local(self, at: datetime) -> str:
        return at.astimezone(ZoneInfo(self._settings().timezone)).strftime("%Y-%m-%d %H:%M")

    @staticmethod
    def _payload(batch: HandoverBatch, case_ids: list[str]) -> dict[str, Any]:
        """The whole batch as it goes up to the server (upsert by id)."""
        return {
            "id": batch.id,
            "batch_number": batch.batch_number,
            "agent_id": batch.agent_id,
            "village_point": batch.village_point,
            "created_at": batch.created_at.isoformat(),
            "document_id": batch.document_id,
            "case_ids": list(case_ids),
            "received_by": batch.received_by,
            "received_at": batch.received_at.isoformat() if batch.received_at else None,
        }

    @staticmethod
    def _infos(session: Session, batches: list[HandoverBatch]) -> list[BatchInfo]:
        if not batches:
            return []
        batch_ids = [b.id for b in batches]
        received = (
            select(CaseMaterial.case_id, func.count().label("n"))
            .where(CaseMaterial.status == "received")
            .group_by(CaseMaterial.case_id)
            .subquery()
        )
        rows = session.execute(
            select(
                HandoverCase.batch_id,
                Case.id,
                Case.tracking_number,
                CatalogItem.name,
                Applicant.name,
                func.coalesce(received.c.n, 0),
                Case.state,
            )
            .join(Case, Case.id == HandoverCase.case_id)
            .join(CatalogItem, CatalogItem.id == Case.item_id)
            .join(Applicant, Applicant.id == Case.applicant_id)
            .outerjoin(received, received.c.case_id == Case.id)
            .where(HandoverCase.batch_id.in_(batch_ids))
            .order_by(HandoverCase.batch_id, HandoverCase.position)
        ).all()
        # The materials each case carried, as the list both sides signed says
        # (at handover), not as the case stands now.
        printed: dict[str, dict[str, dd.HandoverRow]] = {}
        doc_ids = {b.document_id: b.id for b in batches if b.document_id}
        for doc_id, inputs in session.execute(
            select(Document.id, Document.inputs).where(Document.id.in_(doc_ids))
        ):
            printed[doc_ids[doc_id]] = {
                r["tracking_number"]: inputs_from_json(dd.HandoverRow, r)
                for r in inputs.get("rows", ())
            }
        cases: dict[str, list[BatchCase]] = {b: [] for b in batch_ids}
        for batch_id, case_id, number, item, applicant, count, state in rows:
            row = printed.get(batch_id, {}).get(number)
            cases[batch_id].append(
                BatchCase(
                    case_id,
                    number,
                    item,
                    applicant,
                    row.materials_count if row else int(count),
                    CaseState(state),
                    row.materials if row else (),
                )
            )
        staff_ids = {b.agent_id for b in batches} | {
            b.received_by for b in batches if b.received_by
        }
        names = dict(
            session.execute(select(Staff.id, Staff.name).where(Staff.id.in_(staff_ids))).all()
        )
        return [
            BatchInfo(
                id=b.id,
                batch_number=b.batch_number,
                agent_id=b.agent_id,
                agent_name=names.get(b.agent_id, b.agent_id),
                village_point=b.village_point,
                created_at=b.created_at,
                cases=tuple(cases[b.id]),
                received_by_id=b.received_by,
                received_by_name=names.get(b.received_by) if b.received_by else None,
                received_at=b.received_at,
                document_id=b.document_id,
            )
            for b in batches
        ]

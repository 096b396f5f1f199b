"""The documents a case's outcome calls for: made, kept, reprinted, printed.

The PDF is the one source of truth: the bytes made here are what the preview
shows and what goes to the printer, and they are kept with the case together
with their SHA-256 and the input values they were rendered from. A reprint
(补打) is rendered from those same inputs with the reprint count and the day of
the reprint set, so it is visibly marked, counted and audited; it may be made
in the other layout (an A4 copy of a roll receipt). A failed print changes
nothing but the audit log: the case stands and the document can be printed
again.

Documents are made from the case's history, not its present: the acceptance
step's timeline event says what was received and what was promised, so a
receipt made after a supplement still lists exactly what the applicant handed
in at acceptance. The inputs hold only what is printed (identity numbers
masked), since they are copied into the audit log and the outbox.

Every document gets its 文书编号 (serial number) when it is kept: per prefix
(the centre's ``document_prefix``), kind and issue year, taken from a counter
raised in the same transaction, so a number is never used twice, not even
after a kill. A reprint carries its original's serial. Decisions (acceptance,
rejection, the promise) are issued in the name of the 决定机关: the item's
``authority``, else the centre's ``decision_authority``; without either they
are refused. The rejection and the promise are made on A4 only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import func, literal_column, select, update

from clerk_desk.cases import CaseService, CaseView, local_date, require_staff, staff_record
from clerk_desk.catalog_format import Item, Material
from clerk_desk.clock import Clock
from clerk_desk.errors import InvalidInput, NotFound, RuleViolation
from clerk_desk.identity_numbers import mask_id_number
from clerk_desk.journal import record_change
from clerk_desk.models import CaseEvent, Document, DocumentSerial, PrintAttempt, Staff, new_id
from clerk_desk.printing import document_data as dd
from clerk_desk.printing.printers import Printer, PrintFailed, TaggedTemps
from clerk_desk.settings import TerminalSettings, load_settings
from clerk_desk.staff import StaffRecord
from clerk_desk.storage import Store, Writer, write_here
from clerk_desk.timeline import (
    OUTCOME_STEPS,
    AcceptedDetail,
    CollectedDetail,
    NoticeDetail,
    Step,
    StepDetail,
    read_detail,
)
from clerk_desk.working_days import NOTICE_WORKING_DAYS

if TYPE_CHECKING:
    from clerk_desk.printing.documents import DocumentRenderer

FORM = {"original": "原件", "copy": "复印件", "electronic": "电子件"}


class DocumentKind(StrEnum):
    ACCEPTANCE = "acceptance_notice"
    ONE_TIME_NOTICE = "one_time_notice"
    TOLERANT_PROMISE = "tolerant_promise"
    REJECTION = "rejection_notice"
    HANDOVER = "handover_list"
    AGENT_RECEIPT = "agent_receipt"  # 代办收件回执: a village agent's collection


# The kind word of each document's serial number (文书编号), as in 郭仓便民受字〔2026〕第0042号.
SERIAL_WORDS: dict[str, str] = {
    DocumentKind.ACCEPTANCE: "受",
    DocumentKind.ONE_TIME_NOTICE: "告",
    DocumentKind.TOLERANT_PROMISE: "容",
    DocumentKind.REJECTION: "不受",
    DocumentKind.HANDOVER: "移",
    DocumentKind.AGENT_RECEIPT: "代收",
}

# Sealed documents the applicant keeps for months: made and printed on A4 only.
A4_ONLY: frozenset[DocumentKind] = frozenset(
    {DocumentKind.REJECTION, DocumentKind.TOLERANT_PROMISE}
)
DOCUMENT_TITLES: dict[DocumentKind, str] = {
    DocumentKind.ACCEPTANCE: "受理通知书",
    DocumentKind.ONE_TIME_NOTICE: "一次性告知书",
    DocumentKind.TOLERANT_PROMISE: "容缺受理承诺书",
    DocumentKind.REJECTION: "不予受理通知书",
    DocumentKind.HANDOVER: "代办件移交清单",
    DocumentKind.AGENT_RECEIPT: "代办收件回执",
}

INPUT_TYPES: dict[DocumentKind, type] = {
    DocumentKind.ACCEPTANCE: dd.AcceptanceNotice,
    DocumentKind.ONE_TIME_NOTICE: dd.OneTimeNotice,
    DocumentKind.TOLERANT_PROMISE: dd.TolerantPromise,
    DocumentKind.REJECTION: dd.RejectionNotice,
    DocumentKind.HANDOVER: dd.HandoverList,
    DocumentKind.AGENT_RECEIPT: dd.AgentReceipt,
}


def kinds_for(view: CaseView) -> tuple[DocumentKind, ...]:
    """The outcome documents a case has called for so far, from its history.

    Read from what happened (a notice issued, an acceptance, a promise, a
    rejection), not from the current state, so a document missing from an
    accepted case can still be made after it has moved on.
    """
    kinds: list[DocumentKind] = []
    if view.collected_at is not None:
        kinds.append(DocumentKind.AGENT_RECEIPT)
    if view.notice_issued_at is not None:
        kinds.append(DocumentKind.ONE_TIME_NOTICE)
    if view.accepted_on is not None:
        kinds.append(DocumentKind.ACCEPTANCE)
        if view.promise_date is not None:
            kinds.append(DocumentKind.TOLERANT_PROMISE)
    if view.rejection is not None:
        kinds.append(DocumentKind.REJECTION)
    return tuple(kinds)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    id: str
    case_id: str | None
    kind: DocumentKind
    layout: str
    reprint: int
    original_id: str | None
    created_at: datetime
    staff_id: str
    sha256: str
    size: int
    print_count: int
    serial: str | None = None  # 文书编号 (None: kept before serials existed)


def document_info(d: Document) -> DocumentInfo:
    return DocumentInfo(
        id=d.id,
        case_id=d.case_id,
        kind=DocumentKind(d.kind),
        layout=d.layout,
        reprint=d.reprint,
        original_id=d.original_id,
        created_at=d.created_at,
        staff_id=d.staff_id,
        sha256=d.sha256,
        size=len(d.pdf),
        print_count=d.print_count,
        serial=d.serial,
    )


# -- inputs to and from JSON (so a document can be re-created exactly) -------


def inputs_to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: inputs_to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [inputs_to_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def inputs_from_json(cls: type, data: Any) -> Any:
    """The inputs kept as JSON, back as ``cls``.

    A field added since the document was kept (``reprinted_on``) takes its
    default, so older documents still load and re-create as they were kept.
    """
    hints = typing.get_type_hints(cls)
    return cls(
        **{
            f.name: _value(hints[f.name], data[f.name])
            for f in dataclasses.fields(cls)
            if f.name in data or not _has_default(f)
        }
    )


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def _value(tp: Any, raw: Any) -> Any:
    if raw is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        return _value(inner[0], raw)
    if origin is tuple:
        return tuple(_value(typing.get_args(tp)[0], v) for v in raw)
    if tp is date:
        return date.fromisoformat(raw)
    if dataclasses.is_dataclass(tp):
        return inputs_from_json(tp, raw)  # type: ignore[arg-type]
    return raw


def masked_inputs(inputs: Any) -> Any:
    """``inputs`` with the applicant's identity number as printed (masked).

    Documents kept before the inputs were masked hold the full number; a
    reprint of one must not copy it into its own inputs and audit entry.
    """
    applicant = getattr(inputs, "applicant", None)
    if not isinstance(applicant, dd.Applicant):
        return inputs
    masked = mask_id_number(applicant.id_number)
    if masked == applicant.id_number:
        return inputs
    return dataclasses.replace(inputs, applicant=dataclasses.replace(applicant, id_number=masked))


def check_layout(layout: str) -> dd.Layout:
    if layout not in dd.LAYOUTS:
        raise InvalidInput(
            "layout",
            "must be one of {choices}, got {got}",
            choices=", ".join(dd.LAYOUTS),
            got=repr(layout),
        )
    return layout  # type: ignore[return-value]


# -- serial numbers, the deciding body, the paper -----------------------------

# A centre's name and the short form its serial numbers take when no prefix is
# set: (山东省济宁市汶上县)郭仓镇便民服务中心 -> 郭仓便民, 汶上县政务服务中心 -> 汶上县政务.
_CENTRE_KIND = r"(?:镇|乡|街道办事处|街道)?(?P<kind>便民|政务|为民)服务中心$"
_CENTRE_NAMES = (
    re.compile(r"^.*[省市县区旗](?P<place>[^省市县区旗]+?)" + _CENTRE_KIND),
    re.compile(r"^(?P<place>.+?)" + _CENTRE_KIND),
)


def short_centre_name(centre_name: str) -> str:
    """The centre's name as a serial-number prefix: the place (without the province,
    city and county before it) and the kind of centre; else the name as it is."""
    name = centre_name.strip()
    for pattern in _CENTRE_NAMES:
        m = pattern.match(name)
        if m:
            return f"{m['place']}{m['kind']}"
    return name


def serial_prefix(settings: TerminalSettings) -> str:
    """``document_prefix``, else the short form of the centre's name."""
    return settings.document_prefix.strip() or short_centre_name(settings.centre_name)


def format_serial(prefix: str, word: str, year: int, number: int) -> str:
    """``郭仓便民受字〔2026〕第0042号``."""
    return f"{prefix}{word}字〔{year}〕第{number:04d}号"


def next_serial(session: Any, prefix: str, word: str, year: int) -> str:
    """Take the next serial of (prefix, kind word, year), in the caller's transaction."""
    row = session.get(DocumentSerial, (prefix, word, year))
    if row is None:
        row = DocumentSerial(prefix=prefix, kind=word, year=year, last=0)
        session.add(row)
    row.last += 1
    return format_serial(prefix, word, year, row.last)


def issue_date(inputs: Any) -> date:
    """The date printed on a document as its issue date (its serial's year)."""
    issued = (
        getattr(inputs, "issued_on", None)
        or getattr(inputs, "handed_over_on", None)
        or getattr(inputs, "collected_on", None)
    )
    assert isinstance(issued, date), f"{type(inputs).__name__} has no issue date"
    return issued


def deciding_body(item: Item, settings: TerminalSettings) -> str:
    """The 决定机关: the item's ``authority``, else the centre's ``decision_authority``."""
    return (item.authority or "").strip() or settings.decision_authority.strip()


def require_deciding_body(item: Item, settings: TerminalSettings) -> str:
    """The 决定机关 of a decision; refused without one (nobody signs a nameless decision)."""
    body = deciding_body(item, settings)
    if not body:
        raise RuleViolation(
            "item {code} ({name}) names no deciding body and the centre's {field} is not set: "
            "a decision cannot be issued without the name of the body that makes it; a "
            "supervisor or an admin sets it in Settings",
            code=item.code,
            name=item.name,
            field="decision_authority",
        )
    return body


def roll_only(settings: TerminalSettings) -> bool:
    """The counter prints on the 80 mm roll and has no A4 printer."""
    return settings.paper == "roll80" and not settings.printer.strip()


def check_a4_available(settings: TerminalSettings, kind: DocumentKind) -> None:
    """Refuse an A4-only document on a counter that prints only on the roll."""
    if kind in A4_ONLY and roll_only(settings):
        raise RuleViolation(
            "the {document} is printed on A4 only (it is sealed and the applicant keeps it), "
            "and this counter has only the 80 mm roll printer: choose an A4 printer in Settings",
            document=DOCUMENT_TITLES[kind],
        )


def layout_for(
    kind: DocumentKind, settings: TerminalSettings, requested: str | None = None
) -> dd.Layout:
    """The paper a document of ``kind`` is made on: A4 for the A4-only ones, else as asked."""
    layout = check_layout(requested or settings.paper)
    if kind in A4_ONLY:
        check_a4_available(settings, kind)
        return "a4"
    return layout


# -- the case's history: what the documents are made from ---------------------

_D = TypeVar("_D", bound=StepDetail)


@dataclass(frozen=True, slots=True)
class OutcomeStep:
    """The timeline event of an outcome: who took the step, and what it recorded."""

    action: Step
    staff: StaffRecord
    detail: StepDetail


def outcome_steps(session: Any, case_id: str) -> dict[Step, OutcomeStep]:
    """The case's outcome events by step (each happens at most once in a case)."""
    rows = session.execute(
        select(CaseEvent, Staff)
        .join(Staff, Staff.id == CaseEvent.staff_id)
        .where(CaseEvent.case_id == case_id, CaseEvent.action.in_(OUTCOME_STEPS))
        .order_by(CaseEvent.seq)
    ).all()
    return {
        Step(e.action): OutcomeStep(
            Step(e.action), staff_record(s), read_detail(e.action, e.detail)
        )
        for e, s in rows
    }


def acceptance_step(steps: Mapping[Step, OutcomeStep]) -> OutcomeStep | None:
    """The case's acceptance (full or tolerant; a case is accepted once)."""
    return steps.get(Step.ACCEPTED) or steps.get(Step.TOLERANT_ACCEPTED)


def _detail(step: OutcomeStep | None, kind: type[_D]) -> _D:
    """The step's detail as ``kind`` (an empty one when there is no such step)."""
    if step is not None and isinstance(step.detail, kind):
        return step.detail
    return kind()


def _materials(view: CaseView, ids: Sequence[str]) -> tuple[Material, ...]:
    item = view.stored_item.item
    out = []
    for mid in ids:
        m = item.material(mid)
        assert m is not None, f"material {mid} is not in the case's pinned item"
        out.append(m)
    return tuple(out)


def received_at_acceptance(view: CaseView, step: OutcomeStep | None) -> tuple[Material, ...]:
    """What the applicant had handed in when the case was accepted.

    From the acceptance event; an event from before it kept the list: the
    materials marked received now, less those promised (which can only have
    come later, as a supplement).
    """
    detail = _detail(step, AcceptedDetail)
    if detail.received is not None:
        return _materials(view, detail.received)
    promised = set(detail.promised or ())
    return tuple(m for m in view.received if m.id not in promised)


def promised_at_acceptance(view: CaseView, step: OutcomeStep | None) -> tuple[Material, ...]:
    """The materials promised under tolerant acceptance (from the event; else still missing)."""
    promised = _detail(step, AcceptedDetail).promised
    if promised is not None:
        return _materials(view, promised)
    return view.missing


# -- building the inputs from a case ------------------------------------------


def counter_for(settings: TerminalSettings, clerk: StaffRecord) -> dd.Counter:
    return dd.Counter(
        centre_name=settings.centre_name,
        window=clerk.window or settings.window,
        clerk_name=clerk.name,
        phone=settings.contact_phone,
        address=settings.centre_address,
        hours=settings.office_hours,
    )


def applicant_for(view: CaseView, *, with_phone: bool = False) -> dd.Applicant:
    """The applicant as printed: the identity number masked, the phone only where printed."""
    a = view.applicant
    return dd.Applicant(
        name=a.name,
        id_number=mask_id_number(a.id_number),
        kind="person" if a.kind == "person" else "organisation",
        phone=a.phone if with_phone else "",
        contact_person=a.contact_person,
    )


def build_inputs(
    kind: DocumentKind,
    view: CaseView,
    settings: TerminalSettings,
    clerk: StaffRecord,
    today: date,
    steps: Mapping[Step, OutcomeStep] | None = None,
) -> Any:
    """The input values of ``kind`` for the case, from its outcome ``steps``.

    The clerk named on the document is the one who took the step (``clerk``,
    the one making the document, only where the step is not recorded).
    """
    steps = steps or {}
    if kind is DocumentKind.AGENT_RECEIPT:
        return agent_receipt_inputs(view, settings, clerk, steps.get(Step.COLLECTED))
    item = view.stored_item.item
    authority = (
        require_deciding_body(item, settings)
        if kind is not DocumentKind.ONE_TIME_NOTICE
        else deciding_body(item, settings)
    )
    accepted = acceptance_step(steps)
    step = {
        DocumentKind.ACCEPTANCE: accepted,
        DocumentKind.TOLERANT_PROMISE: accepted,
        DocumentKind.ONE_TIME_NOTICE: steps.get(Step.NOTICE_ISSUED),
        DocumentKind.REJECTION: steps.get(Step.REJECTED),
    }.get(kind)
    common: dict[str, Any] = {
        "counter": counter_for(settings, step.staff if step is not None else clerk),
        "tracking_number": view.tracking_number,
        "query_code": view.query_code,
        "status_base_url": settings.public_status_url,
        "item_name": item.name,
        "applicant": applicant_for(view, with_phone=kind is DocumentKind.TOLERANT_PROMISE),
        "authority": authority,
    }
    opened_on = local_date(view.created_at, settings.timezone)

    def missing(materials: Sequence[Material]) -> tuple[dd.MissingMaterial, ...]:
        return tuple(
            dd.MissingMaterial(
                name=m.name,
                form=FORM[m.form],  # type: ignore[arg-type]
                copies=m.copies,
                note=m.note or "",
                template_name=m.template or "",
            )
            for m in materials
        )

    if kind is DocumentKind.ACCEPTANCE:
        assert view.accepted_on is not None
        detail = _detail(accepted, AcceptedDetail)
        due_on, provisional = view.due_on, view.due_provisional
        if detail.due_recorded:  # the promise made at acceptance, before any suspension moved it
            due_on, provisional = detail.due_on, bool(detail.due_unpublished_years)
        limit = item.time_limit
        return dd.AcceptanceNotice(
            issued_on=view.accepted_on,
            materials=tuple(
                dd.ReceivedMaterial(
                    name=m.name,
                    form=FORM[m.form],  # type: ignore[arg-type]
                    copies=m.copies,
                    returned=m.returned,
                )
                for m in received_at_acceptance(view, accepted)
            ),
            legal_basis="；".join(item.legal_basis),
            statutory_days=None if limit.immediate else limit.statutory_days,
            promised_days=None if limit.immediate else limit.promised_days,
            time_unit=limit.unit,
            due_date=due_on,
            due_date_provisional=provisional,
            fee_fen=item.fee.amount_cents,
            fee_basis=item.fee.basis or "",
            tolerant=accepted.action is Step.TOLERANT_ACCEPTED
            if accepted is not None
            else view.promise_date is not None,
            **common,
        )
    if kind is DocumentKind.ONE_TIME_NOTICE:
        assert view.notice_issued_at is not None and view.notice_material_ids is not None
        # The legal start (art. 32): the day the materials were received, kept with
        # the step; notices of earlier versions counted from the day of the visit.
        received = _detail(steps.get(Step.NOTICE_ISSUED), NoticeDetail).received_on
        return dd.OneTimeNotice(
            issued_on=local_date(view.notice_issued_at, settings.timezone),
            received_on=received or opened_on,
            missing=missing(_materials(view, view.notice_material_ids)),
            legal_basis="；".join(item.legal_basis),
            notice_basis=item.notice_provisions(),
            **common,
        )
    if kind is DocumentKind.TOLERANT_PROMISE:
        assert view.accepted_on is not None and view.promise_date is not None
        promised_on = _detail(accepted, AcceptedDetail).promise_date
        return dd.TolerantPromise(
            issued_on=view.accepted_on,
            missing=missing(promised_at_acceptance(view, accepted)),
            promise_date=promised_on or view.promise_date,
            **common,
        )
    if kind is DocumentKind.REJECTION:
        assert view.rejection is not None
        rejected_on = view.rejection.get("rejected_on")
        return dd.RejectionNotice(
            issued_on=date.fromisoformat(rejected_on) if rejected_on else today,
            applied_on=opened_on,
            reason=view.rejection["reason"],
            legal_basis=view.rejection["legal_basis"],
            competent_body=view.rejection.get("competent_body", ""),
            reconsideration_body=settings.reconsideration_body,
            court=settings.court,
            **common,
        )
    raise ValueError(f"{kind} is not a case outcome document")


def agent_receipt_inputs(
    view: CaseView, settings: TerminalSettings, agent: StaffRecord, step: OutcomeStep | None
) -> dd.AgentReceipt:
    """The 代办收件回执 of a village agent's collection, from its ``collected`` step.

    The step recorded what was collected (carried to the township), what was
    verified and handed back (returned originals) and the village point.
    """
    assert view.collected_at is not None
    detail = _detail(step, CollectedDetail)
    if detail.collected is not None:
        collected = _materials(view, detail.collected)
        verified = _materials(view, detail.verified)
    else:
        collected = tuple(m for m in view.received if not m.returned)
        verified = tuple(m for m in view.received if m.returned)

    def rows(materials: Sequence[Material]) -> tuple[dd.ReceivedMaterial, ...]:
        return tuple(
            dd.ReceivedMaterial(name=m.name, form=FORM[m.form], copies=m.copies)  # type: ignore[arg-type]
            for m in materials
        )

    return dd.AgentReceipt(
        centre_name=settings.centre_name,
        centre_phone=settings.contact_phone,
        village_point=detail.village_point,
        agent_name=(step.staff if step is not None else agent).name,
        collected_on=local_date(view.collected_at, settings.timezone),
        tracking_number=view.tracking_number,
        query_code=view.query_code,
        status_base_url=settings.public_status_url,
        item_name=view.stored_item.item.name,
        applicant=applicant_for(view),
        collected=rows(collected),
        verified=rows(verified),
        notice_working_days=NOTICE_WORKING_DAYS,
    )


def render(renderer: DocumentRenderer, kind: DocumentKind, inputs: Any, layout: dd.Layout) -> bytes:
    method: Callable[[Any, dd.Layout], bytes] = getattr(renderer, kind.value)
    return method(inputs, layout)


# Oldest first, and in the order they were kept (documents made together share
# their time: the rowid keeps the order their outcome calls for them in).
_KEPT_ORDER: tuple[Any, ...] = (Document.created_at, literal_column("documents.rowid"))


class CaseDocuments:
    """Issues, keeps and reprints the documents of cases.

    ``renderer`` is a callable giving the shared DocumentRenderer, so fonts are
    loaded on first use (off the GUI thread), not at start-up.
    """

    def __init__(
        self,
        store: Store,
        clock: Clock,
        cases: CaseService,
        settings: Callable[[], TerminalSettings],
        renderer: Callable[[], DocumentRenderer],
        process_tag: Callable[[], str] = lambda: "",
    ) -> None:
        self._store = store
        self._clock = clock
        self._cases = cases
        self._settings = settings
        self._renderer = renderer
        # The live mark of this process (clerk_desk.recovery): its print attempts
        # and temporary files carry it, so a start elsewhere leaves them alone.
        self._process_tag = process_tag

    def renderer(self) -> DocumentRenderer:
        """The shared renderer (fonts load on first use)."""
        return self._renderer()

    @staticmethod
    def _originals(session: Any, case_id: str) -> dict[str, Document]:
        return {
            d.kind: d
            for d in session.scalars(
                select(Document).where(Document.case_id == case_id, Document.reprint == 0)
            )
        }

    def issue_within(self, session: Any, view: CaseView, staff_id: str) -> None:
        """Make and keep the documents an outcome calls for, in the outcome's transaction.

        Run by ``IntakeService.during_outcome``: the case's new state and its
        documents commit together, so no kill point leaves an accepted case
        without its receipt, and an outcome whose document cannot be made (a
        character no font has, a QR code too large for the paper) is refused
        with the case unchanged. Made on the paper of ``settings.paper``, the
        A4-only ones (:data:`A4_ONLY`) on A4.
        """
        # Read in the outcome's transaction: a centre changed by another process
        # meanwhile is the one the document names.
        settings = load_settings(session)
        clerk = staff_record(require_staff(session, staff_id, where="staff_id"))
        have = set(self._originals(session, view.id))
        steps = outcome_steps(session, view.id)
        today, now = self._clock.today(), self._clock.now()
        for kind in kinds_for(view):
            if kind.value in have:
                continue
            layout = layout_for(kind, settings)
            inputs = build_inputs(kind, view, settings, clerk, today, steps)
            self.issue(session, view.id, kind, layout, staff_id, inputs, now)

    def issue_for_case(
        self, case_id: str, *, staff_id: str, layout: dd.Layout | None = None
    ) -> list[DocumentInfo]:
        """Make the documents the case's outcome calls for that it does not have yet.

        The intake makes them with the outcome (:meth:`issue_within`); this
        returns them, and makes what a case from before that lacks.
        Idempotent: a document already made for this case is returned, not
        made again, in the layout it was made in (a copy in the other layout
        is a reprint: :meth:`reprint`). The documents are made under the write
        lock (their serial numbers are taken there), so what another call made
        meanwhile is not made twice.
        """
        check_layout(layout or self._settings().paper)
        view = self._cases.get(case_id)
        kinds = kinds_for(view)
        if not kinds:
            raise RuleViolation(
                "case {number} is {state}: no outcome document to print",
                number=view.tracking_number,
                state=view.state.value,
            )
        today, now = self._clock.today(), self._clock.now()
        with self._store.write() as session:
            settings = load_settings(session)  # the centre as it is now, not a cached copy
            staff = staff_record(require_staff(session, staff_id, where="staff_id"))
            have = set(self._originals(session, case_id))
            steps = outcome_steps(session, case_id)
            for kind in kinds:
                if kind.value in have:
                    continue
                paper = layout_for(kind, settings, layout)
                inputs = build_inputs(kind, view, settings, staff, today, steps)
                self.issue(session, case_id, kind, paper, staff_id, inputs, now)
            session.flush()
            docs = session.scalars(
                select(Document)
                .where(
                    Document.case_id == case_id,
                    Document.reprint == 0,
                    Document.kind.in_([k.value for k in kinds]),
                )
                .order_by(*_KEPT_ORDER)
            )
            return [document_info(d) for d in docs]

    def issue(
        self,
        session: Any,
        case_id: str | None,
        kind: DocumentKind,
        layout: str,
        staff_id: str,
        inputs: Any,
        now: datetime,
    ) -> Document:
        """Number, render and keep an original, in the caller's write transaction.

        The serial is taken from its counter here, so the document, its number and
        the counter commit together (or not at all); its prefix is read from the
        settings in this transaction.
        """
        word = SERIAL_WORDS.get(kind)
        if word is not None and not inputs.serial:
            serial = next_serial(
                session, serial_prefix(load_settings(session)), word, issue_date(inputs).year
            )
            inputs = dataclasses.replace(inputs, serial=serial)
        pdf = render(self._renderer(), kind, inputs, layout)  # type: ignore[arg-type]
        return self.keep(session, case_id, kind, layout, staff_id, inputs, pdf, now, 0, None)

    def keep(
        self,
        session: Any,
        case_id: str | None,
        kind: DocumentKind,
        layout: str,
        staff_id: str,
        inputs: Any,
        pdf: bytes,
        now: datetime,
        reprint: int,
        original_id: str | None,
    ) -> Document:
        doc = Document(
            id=new_id(),
            case_id=case_id,
            kind=kind.value,
            layout=layout,
            created_at=now,
            staff_id=staff_id,
            reprint=reprint,
            original_id=original_id,
            sha256=hashlib.sha256(pdf).hexdigest(),
            pdf=pdf,
            inputs=inputs_to_json(inputs),
            print_count=0,
            serial=getattr(inputs, "serial", "") or None,
        )
        session.add(doc)
        record_change(
            session,
            at=now,
            actor_id=staff_id,
            action="document.reprinted" if reprint else "document.issued",
            entity="document",
            entity_id=doc.id,
            payload={
                "case_id": case_id,
                "kind": kind.value,
                "layout": layout,
                "reprint": reprint,
                "original_id": original_id,
                "sha256": doc.sha256,
                "inputs": doc.inputs,
            },
        )
        return doc

    @staticmethod
    def _reprints(session: Any, original_id: str) -> int:
        return (
            session.scalar(
                select(func.count())
                .select_from(Document)
                .where(Document.original_id == original_id)
            )
            or 0
        )

    def reprint(
        self, document_id: str, *, staff_id: str, layout: dd.Layout | None = None
    ) -> DocumentInfo:
        """A copy of a document from the original's inputs, marked 补打 with its count and date.

        ``layout`` None keeps the layout of the document named; "a4" or
        "roll80" makes the copy on that paper (an A4 copy of a roll receipt).
        The A4-only documents (the rejection, the promise) are reprinted on A4
        (``layout`` None), a roll copy of one is refused. The copy carries the
        original's serial number.
        The count is taken under the write lock, so two reprints made at the
        same time are numbered one after the other (and the store refuses two
        with the same number).
        """
        with self._store.read() as session:
            require_staff(session, staff_id, where="staff_id")
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFound("document_id: no document {id}", id=repr(document_id))
            kind = DocumentKind(doc.kind)
            if kind in A4_ONLY:
                if layout is not None and check_layout(layout) != "a4":
                    raise InvalidInput(
                        "layout",
                        "the {document} is printed on A4 only: it is sealed and the "
                        "applicant keeps it",
                        document=DOCUMENT_TITLES[kind],
                    )
                target: dd.Layout = "a4"
            else:
                target = check_layout(layout if layout is not None else doc.layout)
            original_id = doc.original_id or doc.id
            original = session.get(Document, original_id)
            assert original is not None
            count = self._reprints(session, original_id)
        kind = DocumentKind(original.kind)
        base = masked_inputs(inputs_from_json(INPUT_TYPES[kind], original.inputs))
        today = self._clock.today()

        def make(number: int) -> tuple[Any, bytes]:
            inputs = dataclasses.replace(base, reprint=number, reprinted_on=today)
            return inputs, render(self._renderer(), kind, inputs, target)

        inputs, pdf = make(count + 1)
        now = self._clock.now()
        with self._store.write() as session:
            current = self._reprints(session, original_id)
            if current != count:  # another reprint was kept meanwhile: this one comes after it
                inputs, pdf = make(current + 1)
            copy = self.keep(
                session,
                original.case_id,
                kind,
                target,
                staff_id,
                inputs,
                pdf,
                now,
                current + 1,
                original_id,
            )
            session.flush()
            return document_info(copy)

    def for_case(self, case_id: str) -> list[DocumentInfo]:
        with self._store.read() as session:
            docs = session.scalars(
                select(Document).where(Document.case_id == case_id).order_by(*_KEPT_ORDER)
            )
            return [document_info(d) for d in docs]

    def pdf(self, document_id: str) -> bytes:
        with self._store.read() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFound("document_id: no document {id}", id=repr(document_id))
            return doc.pdf

    def verify(self, document_id: str) -> bool:
        """True if the kept bytes match their hash and re-creating them gives the same bytes."""
        with self._store.read() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFound("document_id: no document {id}", id=repr(document_id))
            kind, inputs_json, layout, sha, kept = (
                DocumentKind(doc.kind),
                doc.inputs,
                doc.layout,
                doc.sha256,
                doc.pdf,
            )
        if hashlib.sha256(kept).hexdigest() != sha:
            return False
        inputs = inputs_from_json(INPUT_TYPES[kind], inputs_json)
        again = render(self._renderer(), kind, inputs, layout)  # type: ignore[arg-type]
        return hashlib.sha256(again).hexdigest() == sha

    def begin_print(self, document_id: str, *, staff_id: str, printer: str, job_name: str) -> str:
        """Record a print attempt as "sending", committed before the printer gets the bytes.

        Returns the attempt's id, for :meth:`record_print`. A kill after this
        leaves the attempt "sending"; the next start completes it
        (:mod:`clerk_desk.recovery`), so a PDF that reached a printer folder
        always has its record.
        """
        now = self._clock.now()
        with self._store.write() as session:
            if session.get(Document, document_id) is None:
                raise NotFound("document_id: no document {id}", id=repr(document_id))
            attempt = PrintAttempt(
                id=new_id(),
                document_id=document_id,
                staff_id=staff_id,
                printer=printer,
                job_name=job_name,
                process=self._process_tag(),
                status="sending",
                started_at=now,
            )
            session.add(attempt)
            return attempt.id

    def record_print(
        self,
        document_id: str,
        *,
        staff_id: str,
        printer: str,
        error: str | None,
        job: str | None = None,
        queued: bool = False,
        attempt_id: str | None = None,
    ) -> DocumentInfo:
        """Record the outcome of one print attempt, audited; a successful one counts.

        Three outcomes, each its own audit action: ``document.print_failed``
        (``error``: the printer did not take it, or none is chosen),
        ``document.sent_to_queue`` (``queued``: a print queue took the job,
        ``job`` its id; it prints later and may still fail there) and
        ``document.printed`` (written out whole: a folder, a file; ``job`` the
        file's name). ``print_count`` counts the last two. ``attempt_id``
        completes the attempt :meth:`begin_print` recorded; without one (no
        printer to send to) the attempt is recorded here, already complete.
        """
        now = self._clock.now()
        with self._store.write() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFound("document_id: no document {id}", id=repr(document_id))
            if error is None:
                session.execute(
                    update(Document)
                    .where(Document.id == document_id)
                    .values(print_count=Document.print_count + 1)
                )
            if error is not None:
                action, status = "document.print_failed", "failed"
            elif queued:
                action, status = "document.sent_to_queue", "queued"
            else:
                action, status = "document.printed", "done"
            attempt = session.get(PrintAttempt, attempt_id) if attempt_id else None
            if attempt is None:
                attempt = PrintAttempt(
                    id=attempt_id or new_id(),
                    document_id=document_id,
                    staff_id=staff_id,
                    printer=printer,
                    job_name="",
                    process=self._process_tag(),
                    started_at=now,
                )
                session.add(attempt)
            attempt.status, attempt.job, attempt.error = status, job, error
            attempt.finished_at = now
            record_change(
                session,
                at=now,
                actor_id=staff_id,
                action=action,
                entity="document",
                entity_id=document_id,
                payload={"printer": printer, "error": error, "job": job, "case_id": doc.case_id},
            )
            session.flush()
            session.refresh(doc)
            return document_info(doc)

    def print_document(
        self,
        document_id: str,
        *,
        staff_id: str,
        printer: Printer,
        copies: int = 1,
        writer: Writer = write_here,
    ) -> DocumentInfo:
        """Record the attempt, send the kept bytes to ``printer``, and record the outcome.

        Blocks while the printer takes the job: call it off the GUI thread.
        On failure the attempt is recorded and PrintFailed raised; the
        document and its case are untouched and it can be printed again. A
        print queue's taking the job is recorded as that, with the job id.
        The attempt is committed before anything is sent (:meth:`begin_print`):
        a kill at any point leaves a record the next start completes.
        ``writer`` runs the record's writes (the app's: on its one database
        thread, while this waits on the I/O thread for the printer).
        """
        pdf = self.pdf(document_id)
        name = f"clerk-desk-{document_id[:8]}"
        if isinstance(printer, TaggedTemps):
            printer = printer.tagged(self._process_tag())
        label = printer.label
        attempt = writer(
            lambda: self.begin_print(document_id, staff_id=staff_id, printer=label, job_name=name)
        )
        try:
            job = printer.send(pdf, job_name=name, copies=copies)
        except PrintFailed as exc:
            error = str(exc)
            writer(
                lambda: self.record_print(
                    document_id,
                    staff_id=staff_id,
                    printer=label,
                    error=error,
                    attempt_id=attempt,
                )
            )
            raise
        except Exception:
            # Not the printer's answer (a bug, out of memory): what happened is read
            # from the printer folder as a start after a kill would.
            from clerk_desk.recovery import complete_attempt

            writer(lambda: complete_attempt(self._store, self._clock.now(), attempt))
            raise
        queued = printer.to_queue
        return writer(
            lambda: self.record_print(
                document_id,
                staff_id=staff_id,
                printer=label,
                error=None,
                job=job,
                queued=queued,
                attempt_id=attempt,
            )
        )

"""The documents a case's outcome calls for: made, kept, reprinted, printed.

The PDF is the one source of truth: the bytes made here are what the preview
shows and what goes to the printer, and they are kept with the case together
with their SHA-256 and the input values they were rendered from. A reprint
(补打) is rendered from those same inputs with the reprint count set, so it is
visibly marked, counted and audited. A failed print changes nothing but the
audit log: the case stands and the document can be printed again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update

from clerk_desk.cases import CaseService, CaseView, local_date, require_staff
from clerk_desk.clock import Clock
from clerk_desk.errors import NotFound, RuleViolation
from clerk_desk.journal import record_change
from clerk_desk.lifecycle import CaseState
from clerk_desk.models import Document, new_id
from clerk_desk.printing import document_data as dd
from clerk_desk.printing.printers import Printer, PrintFailed
from clerk_desk.settings import TerminalSettings
from clerk_desk.staff import StaffRecord
from clerk_desk.storage import Store

if TYPE_CHECKING:
    from clerk_desk.printing.documents import DocumentRenderer

FORM = {"original": "原件", "copy": "复印件", "electronic": "电子件"}


class DocumentKind(StrEnum):
    ACCEPTANCE = "acceptance_notice"
    ONE_TIME_NOTICE = "one_time_notice"
    TOLERANT_PROMISE = "tolerant_promise"
    REJECTION = "rejection_notice"
    HANDOVER = "handover_list"


INPUT_TYPES: dict[DocumentKind, type] = {
    DocumentKind.ACCEPTANCE: dd.AcceptanceNotice,
    DocumentKind.ONE_TIME_NOTICE: dd.OneTimeNotice,
    DocumentKind.TOLERANT_PROMISE: dd.TolerantPromise,
    DocumentKind.REJECTION: dd.RejectionNotice,
    DocumentKind.HANDOVER: dd.HandoverList,
}


def kinds_for(view: CaseView) -> tuple[DocumentKind, ...]:
    """The outcome documents a case has called for so far, from its history.

    Read from what happened (a notice issued, an acceptance, a promise, a
    rejection), not from the current state, so a document missing from an
    accepted case can still be made after it has moved on.
    """
    kinds: list[DocumentKind] = []
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
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _value(hints[f.name], data[f.name]) for f in dataclasses.fields(cls)})


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


def applicant_for(view: CaseView) -> dd.Applicant:
    a = view.applicant
    return dd.Applicant(
        name=a.name,
        id_number=a.id_number,
        kind="person" if a.kind == "person" else "organisation",
        phone=a.phone,
        contact_person=a.contact_person,
    )


def build_inputs(
    kind: DocumentKind, view: CaseView, settings: TerminalSettings, clerk: StaffRecord, today: date
) -> Any:
    item = view.stored_item.item
    counter = counter_for(settings, clerk)
    common: dict[str, Any] = {
        "counter": counter,
        "tracking_number": view.tracking_number,
        "query_code": view.query_code,
        "status_base_url": settings.public_status_url,
        "item_name": item.name,
        "applicant": applicant_for(view),
    }
    opened_on = local_date(view.created_at, settings.timezone)

    def missing(ids: list[str]) -> tuple[dd.MissingMaterial, ...]:
        out = []
        for mid in ids:
            m = item.material(mid)
            assert m is not None
            out.append(
                dd.MissingMaterial(
                    name=m.name,
                    form=FORM[m.form],  # type: ignore[arg-type]
                    copies=m.copies,
                    note=m.note or "",
                    template_name=m.template or "",
                )
            )
        return tuple(out)

    if kind is DocumentKind.ACCEPTANCE:
        assert view.accepted_on is not None
        return dd.AcceptanceNotice(
            issued_on=view.accepted_on,
            materials=tuple(
                dd.ReceivedMaterial(name=m.name, form=FORM[m.form], copies=m.copies)  # type: ignore[arg-type]
                for m in view.received
            ),
            due_date=view.due_on,
            due_date_provisional=view.due_provisional,
            fee_fen=item.fee.amount_cents,
            fee_basis=item.fee.basis or "",
            tolerant=view.state is CaseState.TOLERANT_ACCEPTED or view.promise_date is not None,
            **common,
        )
    if kind is DocumentKind.ONE_TIME_NOTICE:
        assert view.notice_issued_at is not None and view.notice_material_ids is not None
        return dd.OneTimeNotice(
            issued_on=local_date(view.notice_issued_at, settings.timezone),
            received_on=opened_on,
            missing=missing(list(view.notice_material_ids)),
            legal_basis="；".join(item.legal_basis),
            **common,
        )
    if kind is DocumentKind.TOLERANT_PROMISE:
        assert view.accepted_on is not None and view.promise_date is not None
        promised = [e.material.id for e in view.checklist if e.status == "missing"]
        return dd.TolerantPromise(
            issued_on=view.accepted_on,
            missing=missing(promised),
            promise_date=view.promise_date,
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


def render(renderer: DocumentRenderer, kind: DocumentKind, inputs: Any, layout: dd.Layout) -> bytes:
    method: Callable[[Any, dd.Layout], bytes] = getattr(renderer, kind.value)
    return method(inputs, layout)


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
    ) -> None:
        self._store = store
        self._clock = clock
        self._cases = cases
        self._settings = settings
        self._renderer = renderer

    def renderer(self) -> DocumentRenderer:
        """The shared renderer (fonts load on first use)."""
        return self._renderer()

    def issue_for_case(
        self, case_id: str, *, staff_id: str, layout: dd.Layout | None = None
    ) -> list[DocumentInfo]:
        """Make the documents the case's outcome calls for that it does not have yet.

        Idempotent: a document already made for this case is returned, not
        made again (reprints go through :meth:`reprint`). Everything is checked
        and rendered before anything is written.
        """
        settings = self._settings()
        layout = layout or settings.paper
        view = self._cases.get(case_id)
        kinds = kinds_for(view)
        if not kinds:
            raise RuleViolation(
                "case {number} is {state}: no outcome document to print",
                number=view.tracking_number,
                state=view.state.value,
            )
        with self._store.read() as session:
            clerk = require_staff(session, staff_id, where="staff_id")
            staff = StaffRecord(
                clerk.id, clerk.login, clerk.name, clerk.role, clerk.window, clerk.active
            )
            have = {
                d.kind: d
                for d in session.scalars(
                    select(Document).where(Document.case_id == case_id, Document.reprint == 0)
                )
            }
        today = self._clock.today()
        made: list[tuple[DocumentKind, Any, bytes]] = []
        for kind in kinds:
            if kind.value in have:
                continue
            inputs = build_inputs(kind, view, settings, staff, today)
            made.append((kind, inputs, render(self._renderer(), kind, inputs, layout)))
        now = self._clock.now()
        with self._store.write() as session:
            for kind, inputs, pdf in made:
                self.keep(session, case_id, kind, layout, staff_id, inputs, pdf, now, 0, None)
            session.flush()
            docs = session.scalars(
                select(Document)
                .where(
                    Document.case_id == case_id,
                    Document.reprint == 0,
                    Document.kind.in_([k.value for k in kinds]),
                )
                .order_by(Document.created_at)
            )
            return [document_info(d) for d in docs]

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

    def reprint(self, document_id: str, *, staff_id: str) -> DocumentInfo:
        """A new copy of a document, marked 补打 with its count, from the original's inputs."""
        with self._store.read() as session:
            require_staff(session, staff_id, where="staff_id")
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFound("document_id: no document {id}", id=repr(document_id))
            original_id = doc.original_id or doc.id
            original = session.get(Document, original_id)
            assert original is not None
            count = (
                session.scalar(
                    select(func.count())
                    .select_from(Document)
                    .where(Document.original_id == original_id)
                )
                or 0
            )
        kind = DocumentKind(original.kind)
        base = inputs_from_json(INPUT_TYPES[kind], original.inputs)
        inputs = dataclasses.replace(base, reprint=count + 1)
        pdf = render(self._renderer(), kind, inputs, original.layout)  # type: ignore[arg-type]
        now = self._clock.now()
        with self._store.write() as session:
            copy = self.keep(
                session,
                original.case_id,
                kind,
                original.layout,
                staff_id,
                inputs,
                pdf,
                now,
                count + 1,
                original_id,
            )
            session.flush()
            return document_info(copy)

    def for_case(self, case_id: str) -> list[DocumentInfo]:
        with self._store.read() as session:
            docs = session.scalars(
                select(Document).where(Document.case_id == case_id).order_by(Document.created_at)
            )
            return [document_info(d) for d in docs]

    def pdf(self, document_id: str) -> bytes:
        with self._store.read() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFound("document_id: no document {id}", id=repr(document_id))
            return doc.pdf

    def verify(self, document_id: str) -> bool:
        """Re-create the document from its inputs; True if the bytes are identical."""
        with self._store.read() as session:
            doc = session.get(Document, document_id)
            if doc is None:
                raise NotFound("document_id: no document {id}", id=repr(document_id))
            kind, inputs_json, layout, sha = (
                DocumentKind(doc.kind),
                doc.inputs,
                doc.layout,
                doc.sha256,
            )
        inputs = inputs_from_json(INPUT_TYPES[kind], inputs_json)
        again = render(self._renderer(), kind, inputs, layout)  # type: ignore[arg-type]
        return hashlib.sha256(again).hexdigest() == sha

    def record_print(
        self, document_id: str, *, staff_id: str, printer: str, error: str | None
    ) -> DocumentInfo:
        """Audit one print attempt; a successful one counts."""
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
            record_change(
                session,
                at=now,
                actor_id=staff_id,
                action="document.printed" if error is None else "document.print_failed",
                entity="document",
                entity_id=document_id,
                payload={"printer": printer, "error": error, "case_id": doc.case_id},
            )
            session.flush()
            session.refresh(doc)
            return document_info(doc)

    def print_document(
        self, document_id: str, *, staff_id: str, printer: Printer, copies: int = 1
    ) -> DocumentInfo:
        """Send the kept bytes to ``printer`` and record the attempt.

        Blocks while the printer takes the job: call it off the GUI thread.
        On failure the attempt is recorded and PrintFailed raised; the
        document and its case are untouched and it can be printed again.
        """
        pdf = self.pdf(document_id)
        job = f"clerk-desk-{document_id[:8]}"
        try:
            printer.send(pdf, job_name=job, copies=copies)
        except PrintFailed as exc:
            self.record_print(document_id, staff_id=staff_id, printer=printer.label, error=str(exc))
            raise
        return self.record_print(document_id, staff_id=staff_id, printer=printer.label, error=None)

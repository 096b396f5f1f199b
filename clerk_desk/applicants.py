"""Applicants: persons (resident ID) and organisations (credit code).

One record per identity number: registering a known number updates that
record (name, phone) instead of creating a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from clerk_desk.clock import Clock
from clerk_desk.errors import InvalidInput
from clerk_desk.identity_numbers import (
    normalize_phone,
    parse_credit_code,
    parse_resident_id,
    validate_name,
)
from clerk_desk.journal import record_change
from clerk_desk.models import Applicant
from clerk_desk.staff import require_actor
from clerk_desk.storage import Store


@dataclass(frozen=True, slots=True)
class ApplicantRecord:
    id: str
    kind: str
    name: str
    id_number: str
    phone: str
    contact_person: str

    def as_payload(self) -> dict[str, str]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "id_number": self.id_number,
            "phone": self.phone,
            "contact_person": self.contact_person,
        }


def applicant_record(a: Applicant) -> ApplicantRecord:
    return ApplicantRecord(a.id, a.kind, a.name, a.id_number, a.phone, a.contact_person)


def normalize_identity(text: str, *, today: date, where: str = "id_number") -> tuple[str, str]:
    """(kind, number) for a resident ID or a credit code typed at the counter."""
    stripped = text.strip()
    if len(stripped) == 18 and not stripped[:17].isdigit():
        return "organisation", parse_credit_code(stripped, where=where)
    return "person", parse_resident_id(stripped, today=today, where=where).number


class ApplicantService:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def register_person(
        self, *, actor_id: str, name: str, id_number: str, phone: str = ""
    ) -> ApplicantRecord:
        number = parse_resident_id(id_number, today=self._clock.today()).number
        return self._upsert(
            actor_id=actor_id,
            kind="person",
            name=validate_name(name),
            number=number,
            phone=normalize_phone(phone) if phone.strip() else "",
            contact_person="",
        )

    def register_organisation(
        self, *, actor_id: str, name: str, credit_code: str, contact_person: str, phone: str = ""
    ) -> ApplicantRecord:
        number = parse_credit_code(credit_code)
        return self._upsert(
            actor_id=actor_id,
            kind="organisation",
            name=validate_name(name, max_len=200),
            number=number,
            phone=normalize_phone(phone) if phone.strip() else "",
            contact_person=validate_name(contact_person, where="contact_person"),
        )

    def _upsert(
        self, *, actor_id: str, kind: str, name: str, number: str, phone: str, contact_person: str
    ) -> ApplicantRecord:
        now = self._clock.now()
        with self._store.write() as session:
            require_actor(session, actor_id)
            existing = session.scalar(
                select(Applicant).where(Applicant.kind == kind, Applicant.id_number == number)
            )
            if existing is None:
                applicant = Applicant(
                    kind=kind,
                    name=name,
                    id_number=number,
                    phone=phone,
                    contact_person=contact_person,
                    created_at=now,
                    updated_at=now,
                )
                session.add(applicant)
                session.flush()
                action = "applicant.created"
            else:
                applicant = existing
                new_phone = phone or existing.phone
                new_contact = contact_person or existing.contact_person
                if (name, new_phone, new_contact) == (
                    existing.name,
                    existing.phone,
                    existing.contact_person,
                ):
                    return applicant_record(existing)
                existing.name, existing.phone, existing.contact_person = (
                    name,
                    new_phone,
                    new_contact,
                )
                existing.updated_at = now
                action = "applicant.updated"
            record = applicant_record(applicant)
            record_change(
                session,
                at=now,
                actor_id=actor_id,
                action=action,
                entity="applicant",
                entity_id=record.id,
                payload=record.as_payload(),
            )
            return record

    def find(self, id_number: str) -> ApplicantRecord | None:
        """The applicant with this resident ID or credit code, if known."""
        kind, number = normalize_identity(id_number, today=self._clock.today())
        with self._store.read() as session:
            return find_applicant(session, kind, number)

    def get(self, applicant_id: str) -> ApplicantRecord:
        with self._store.read() as session:
            a = session.get(Applicant, applicant_id)
            if a is None:
                raise InvalidInput(
                    "applicant_id", "no applicant with id {id}", id=repr(applicant_id)
                )
            return applicant_record(a)


def find_applicant(session: Session, kind: str, number: str) -> ApplicantRecord | None:
    a = session.scalar(
        select(Applicant).where(Applicant.kind == kind, Applicant.id_number == number)
    )
    return applicant_record(a) if a else None

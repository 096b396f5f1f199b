"""A restored (or replaced) store takes back the centre's cases from the county server.

After ``clerk-desk restore`` (or when the server's push answer says the chain went back,
problem ``restored``) the store is marked (``sync_state.recovery_needed``); the next
sync pages through ``GET /sync/v1/recover`` before it pushes
(:meth:`clerk_desk.sync.SyncClient.recover`) and hands each page to
:func:`import_page`, in one write transaction with the paging position. For each
server copy:

* a case this store lacks is built from the snapshot
  (:func:`clerk_desk.cases.case_payload`): the case, its applicant (and proxy) from the
  applicants the server sent, its material marks, and one timeline event
  ``recovered`` that carries the server's last change (``server_id``) and takes the
  server's event seq, so the next local step is newer than the server's copy;
* a case held older than the server (by event seq) is brought forward the same way;
* a case held newer than the server's (by event seq), or at the same seq with the
  same content, stays as it is (it goes up as usual); at the same seq with other
  content (a step taken here on the old copy after the restore) the server's copy
  wins: the server never takes that step (see ``_apply_case``).

Each recovered case writes an audit entry ``case.recovered`` whose outbox entry is
only its anchor (``record_change(..., sync=False)``): the recovered copy is never
pushed back as new work. The number counters are raised so that no tracking number
or 文书编号 of a recovered case (or of a document the server saw) is issued again.

A clerk whose account this store lacks (made after the backup) comes back from the
server's copy of the account, disabled and without a password (``staff.recovered``).
A case that cannot be rebuilt here (its item is in none of this terminal's catalogs,
its clerk or applicant never reached the server, a login taken here by another
account) is skipped with the reason in the report; the rest go on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import SERIAL_WORDS
from clerk_desk.cases import case_payload
from clerk_desk.journal import SYSTEM_ACTOR, record_change
from clerk_desk.models import (
    Applicant,
    Case,
    CaseEvent,
    CaseMaterial,
    CatalogItem,
    CatalogVersion,
    Staff,
)
from clerk_desk.roles import STAFF_ROLES
from clerk_desk.timeline import RecoveredDetail, Step

# 郭仓便民受字〔2026〕第0042号: prefix, kind word, year, number (longest words first).
_WORDS = "|".join(sorted({re.escape(w) for w in SERIAL_WORDS.values()}, key=len, reverse=True))
_SERIAL = re.compile(rf"^(?P<prefix>.*?)(?P<word>{_WORDS})字〔(?P<year>\d{{4}})〕第(?P<n>\d+)号$")


@dataclass(slots=True)
class RecoveryReport:
    """What a recovery did, summed over its pages."""

    recovered: int = 0  # cases this store lacked, added
    updated: int = 0  # cases held older than the server's copy, brought forward
    kept: int = 0  # cases held as new as the server's or newer
    counters_raised: int = 0
    skipped: list[str] = field(default_factory=list)  # "<tracking number>: why"

    def add(self, other: RecoveryReport) -> None:
        self.recovered += other.recovered
        self.updated += other.updated
        self.kept += other.kept
        self.counters_raised += other.counters_raised
        self.skipped.extend(other.skipped)


# (item id, code, catalog label) as a snapshot names them -> (item row id, version id).
ItemCache = dict[tuple[Any, Any, Any], tuple[str, str]]


class Skip(Exception):
    """A case that cannot be rebuilt on this terminal (the reason is the message)."""


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"time without a zone: {value!r}")
    return parsed


def _text(snapshot: Mapping[str, Any], key: str, *, required: bool = True) -> str | None:
    value = snapshot.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value):
        raise Skip(f"the snapshot's {key} is missing or not text")
    return value


def _item(session: Session, snapshot: Mapping[str, Any], known: ItemCache) -> tuple[str, str]:
    """(item row id, catalog version id) of the case's item, remembered in ``known``.

    A catalog item row carries its whole document (JSON): a page of cases of the same
    few items loads each once.
    """
    key = (snapshot.get("item_id"), snapshot.get("item_code"), snapshot.get("catalog_label"))
    if key not in known:
        found = _find_item(session, snapshot)
        known[key] = (found.id, found.version_id)
    return known[key]


def _find_item(session: Session, snapshot: Mapping[str, Any]) -> CatalogItem:
    """The item the case was taken under: its row here, else by code in its catalog."""
    item_id = snapshot.get("item_id")
    if isinstance(item_id, str):
        found = session.get(CatalogItem, item_id)
        if found is not None:
            return found
    code = snapshot.get("item_code")
    label = snapshot.get("catalog_label")
    if not isinstance(code, str) or not code:
        raise Skip("its item is not in this terminal's catalogs (the snapshot names no code)")
    query = (
        select(CatalogItem)
        .join(CatalogVersion, CatalogVersion.id == CatalogItem.version_id)
        .where(CatalogItem.code == code)
    )
    if isinstance(label, str) and label:
        same = session.scalars(query.where(CatalogVersion.label == label)).first()
        if same is not None:
            return same
    newest = session.scalars(query.order_by(CatalogVersion.published_at.desc())).first()
    if newest is None:
        raise Skip(f"item {code} is in none of this terminal's catalogs")
    return newest


def _applicant(
    session: Session, applicant_id: str, applicants: Mapping[str, Any], at: datetime
) -> str:
    """The local id of the applicant the snapshot names (created from the server's copy)."""
    if session.get(Applicant, applicant_id) is not None:
        return applicant_id
    sent = applicants.get(applicant_id)
    if not isinstance(sent, Mapping):
        raise Skip(f"its applicant {applicant_id} never reached the server")
    kind, number = sent.get("kind"), sent.get("id_number")
    if kind not in ("person", "organisation") or not isinstance(number, str) or not number:
        raise Skip(f"the server's copy of applicant {applicant_id} is incomplete")
    same = session.scalars(
        select(Applicant).where(Applicant.kind == kind, Applicant.id_number == number)
    ).first()
    if same is not None:
        return same.id  # the same person, recorded here under another id
    name = sent.get("name")
    if not isinstance(name, str) or not name:
        raise Skip(f"the server's copy of applicant {applicant_id} has no name")
    phone, contact = sent.get("phone"), sent.get("contact_person")
    session.add(
        Applicant(
            id=applicant_id,
            kind=kind,
            name=name,
            id_number=number,
            phone=phone if isinstance(phone, str) else "",
            contact_person=contact if isinstance(contact, str) else "",
            created_at=at,
            updated_at=at,
        )
    )
    session.flush()  # before the case that refers to it (no relationship orders them)
    return applicant_id


def _clerk(session: Session, clerk_id: str, staff: Mapping[str, Any], at: datetime) -> str:
    """The case's clerk: the account here, else made again, disabled, from the server's copy.

    A clerk whose account was made after the backup comes back without a password and
    disabled: the case names its clerk, and an admin enables the account (and sets a
    password) if the person still works here. Audited, as an anchor only.
    """
    if session.get(Staff, clerk_id) is not None:
        return clerk_id
    sent = staff.get(clerk_id)
    if not isinstance(sent, Mapping):
        raise Skip(f"its clerk {clerk_id} has no account on this terminal")
    login, name, role = sent.get("login"), sent.get("name"), sent.get("role")
    if not isinstance(login, str) or not login or not isinstance(name, str) or not name:
        raise Skip(f"the server's copy of clerk {clerk_id} is incomplete")
    if role not in STAFF_ROLES:
        raise Skip(f"the server's copy of clerk {clerk_id} has no known role")
    if session.scalar(select(Staff.id).where(Staff.login == login)) is not None:
        raise Skip(f"its clerk's login {login!r} is another account here")
    window, village = sent.get("window"), sent.get("village")
    session.add(
        Staff(
            id=clerk_id,
            login=login[:64],
            name=name,
            role=role,
            window=window if isinstance(window, str) else "",
            village=village if isinstance(village, str) else "",
            password_hash=None,
            active=False,
            created_at=at,
        )
    )
    session.flush()
    record_change(
        session,
        at=at,
        actor_id=SYSTEM_ACTOR,
        action="staff.recovered",
        entity="staff",
        entity_id=clerk_id,
        payload={"login": login, "name": name, "role": role, "active": False},
        sync=False,
    )
    return clerk_id


def raise_tracking_counter(session: Session, number: str) -> int:
    """Make the terminal's tracking counter for the number's day at least its sequence."""
    try:
        terminal, day, sequence = tracking_numbers.decompose(number)
    except (ValueError, TypeError):
        return 0  # an old-form number: its scheme is no longer issued
    return _raise(
        session,
        "INSERT INTO tracking_sequences (terminal_code, day, last) VALUES (:a, :b, :last) "
        "ON CONFLICT (terminal_code, day) DO UPDATE SET last = excluded.last "
        "WHERE excluded.last > last",
        {"a": terminal, "b": day.isoformat(), "last": sequence},
    )


def raise_serial_counter(session: Session, serial: str) -> int:
    """Make the 文书编号 counter of the serial's prefix, word and year at least its number."""
    match = _SERIAL.match(serial)
    if match is None:
        return 0
    return _raise(
        session,
        "INSERT INTO document_serials (prefix, kind, year, last) VALUES (:a, :b, :y, :last) "
        "ON CONFLICT (prefix, kind, year) DO UPDATE SET last = excluded.last "
        "WHERE excluded.last > last",
        {
            "a": match["prefix"],
            "b": match["word"],
            "y": int(match["year"]),
            "last": int(match["n"]),
        },
    )


def _raise(session: Session, statement: str, params: Mapping[str, Any]) -> int:
    result = session.execute(text(statement), dict(params))
    return int(getattr(result, "rowcount", 0) or 0)


def _local_seq(session: Session, case_id: str) -> int:
    return int(
        session.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case_id)) or 0
    )


# Row ids a recovery maps to this store's own rows (an item found by code, an applicant
# known here under another id): not content.
_LOCAL_IDS = frozenset({"item_id", "catalog_version_id", "applicant_id", "proxy_id"})


def _same_content(here: Mapping[str, Any], there: Mapping[str, Any]) -> bool:
    return {k: v for k, v in here.items() if k not in _LOCAL_IDS} == {
        k: v for k, v in there.items() if k not in _LOCAL_IDS
    }


def recover_case(
    session: Session,
    entry: Mapping[str, Any],
    applicants: Mapping[str, Any],
    *,
    staff: Mapping[str, Any] | None = None,
    at: datetime,
    report: RecoveryReport,
    known_items: ItemCache | None = None,
) -> None:
    """One server copy: added, brought forward or kept (see the module's text)."""
    if known_items is None:
        known_items = {}
    snapshot = entry.get("case")
    if not isinstance(snapshot, Mapping) or snapshot.get("id") != entry.get("id"):
        report.skipped.append(f"{entry.get('id')!r}: the server sent no snapshot")
        return
    case_id = str(snapshot["id"])
    label = str(snapshot.get("tracking_number") or case_id)
    event_seq = entry.get("event_seq")
    server_seq = event_seq if isinstance(event_seq, int) and event_seq > 0 else 1
    local = session.get(Case, case_id)
    local_seq = _local_seq(session, case_id) if local is not None else 0
    if local is not None and (
        local_seq > server_seq
        or (local_seq == server_seq and _same_content(case_payload(local, session), snapshot))
    ):
        report.kept += 1
        report.counters_raised += raise_tracking_counter(session, local.tracking_number)
        return
    # The same seq with other content: a step taken here after the restore on an old
    # copy; the server's copy wins (the server never takes it: same or older seq).
    event_seq = max(server_seq, local_seq + 1)
    try:
        # One flush a case (at its end): a lookup does not flush what the case added.
        with session.begin_nested(), session.no_autoflush:
            _rebuild(
                session, local, snapshot, applicants, staff or {}, event_seq, entry, at, known_items
            )
    except Skip as exc:
        report.skipped.append(f"{label}: {exc}")
        return
    except (ValueError, TypeError) as exc:
        report.skipped.append(f"{label}: the snapshot does not fit ({exc})")
        return
    except IntegrityError as exc:
        report.skipped.append(f"{label}: it conflicts with a record here ({exc.orig})")
        return
    report.counters_raised += raise_tracking_counter(session, label)
    if local is None:
        report.recovered += 1
    else:
        report.updated += 1


def _rebuild(
    session: Session,
    local: Case | None,
    snapshot: Mapping[str, Any],
    applicants: Mapping[str, Any],
    staff: Mapping[str, Any],
    server_seq: int,
    entry: Mapping[str, Any],
    at: datetime,
    known_items: ItemCache,
) -> None:
    case_id = str(snapshot["id"])
    tracking = _text(snapshot, "tracking_number")
    assert tracking is not None
    other = session.scalars(
        select(Case.id).where(Case.tracking_number == tracking, Case.id != case_id)
    ).first()
    if other is not None:
        raise Skip(f"another case here ({other}) has the same tracking number")
    clerk_id = _clerk(session, _text(snapshot, "first_clerk_id") or "", staff, at)
    item_id, version_id = _item(session, snapshot, known_items)
    applicant_id = _applicant(session, _text(snapshot, "applicant_id") or "", applicants, at)
    proxy = _text(snapshot, "proxy_id", required=False)
    proxy_id = _applicant(session, proxy, applicants, at) if proxy else None
    state = _text(snapshot, "state")
    assert state is not None
    answers = snapshot.get("answers")
    created = _time(snapshot.get("created_at"))
    if created is None:
        raise Skip("the snapshot has no creation time")
    from_state = local.state if local is not None else None
    case = local or Case(id=case_id, created_at=created)
    case.tracking_number = tracking
    case.query_code = _text(snapshot, "query_code") or ""
    case.terminal_code = _text(snapshot, "terminal_code") or ""
    case.item_id = item_id
    case.catalog_version_id = version_id
    case.applicant_id = applicant_id
    case.proxy_id = proxy_id
    case.authorization_letter = _text(snapshot, "authorization_letter", required=False)
    case.first_clerk_id = clerk_id
    case.state = state
    case.answers = (
        {str(k): bool(v) for k, v in answers.items()} if isinstance(answers, dict) else {}
    )
    case.updated_at = at
    case.accepted_on = _date(snapshot.get("accepted_on"))
    case.due_on = _date(snapshot.get("due_on"))
    years = snapshot.get("due_unpublished_years")
    case.due_unpublished_years = [int(y) for y in years] if isinstance(years, list) else []
    case.promise_date = _date(snapshot.get("promise_date"))
    case.notice_issued_at = _time(snapshot.get("notice_issued_at"))
    notice = snapshot.get("notice_material_ids")
    case.notice_material_ids = [str(m) for m in notice] if isinstance(notice, list) else None
    rejection = snapshot.get("rejection")
    case.rejection = dict(rejection) if isinstance(rejection, dict) else None
    case.collected_at = _time(snapshot.get("collected_at"))
    case.handed_over_at = _time(snapshot.get("handed_over_at"))
    if local is None:
        session.add(case)
    session.flush()  # before the marks and the event that refer to it
    materials = snapshot.get("materials")
    if isinstance(materials, dict):
        for material_id, status in materials.items():
            if status not in ("received", "missing"):
                continue
            key = (case_id, str(material_id))
            mark = None if local is None else session.get(CaseMaterial, key)
            if mark is None:
                session.add(
                    CaseMaterial(
                        case_id=case_id,
                        material_id=str(material_id),
                        status=status,
                        marked_at=at,
                        marked_by=clerk_id,
                    )
                )
            elif mark.status != status:
                mark.status, mark.marked_at = status, at
    detail = RecoveredDetail(
        server_id=entry.get("server_id"),
        server_updated_at=entry.get("updated_at"),
        event_seq=server_seq,
    ).to_json()
    session.add(
        CaseEvent(
            case_id=case_id,
            seq=server_seq,
            at=at,
            staff_id=None,
            action=Step.RECOVERED,
            from_state=from_state,
            to_state=state,
            detail=detail,
        )
    )
    session.flush()
    # Audited; the outbox gets only the anchor: the recovered copy never goes up as new.
    record_change(
        session,
        at=at,
        actor_id=SYSTEM_ACTOR,
        action="case.recovered",
        entity="case",
        entity_id=case_id,
        payload={"tracking_number": tracking, "state": state, "from_state": from_state, **detail},
        sync=False,
    )


def import_page(session: Session, page: Mapping[str, Any], *, at: datetime) -> RecoveryReport:
    """Apply one page of ``GET /sync/v1/recover`` in the caller's write transaction."""
    report = RecoveryReport()
    applicants, accounts = page.get("applicants"), page.get("staff")
    sent = applicants if isinstance(applicants, Mapping) else {}
    staff = accounts if isinstance(accounts, Mapping) else {}
    for serial in page.get("document_serials") or []:
        if isinstance(serial, str):
            report.counters_raised += raise_serial_counter(session, serial)
    known_items: ItemCache = {}
    for entry in page.get("cases") or []:
        if isinstance(entry, Mapping):
            recover_case(
                session, entry, sent, staff=staff, at=at, report=report, known_items=known_items
            )
    return report

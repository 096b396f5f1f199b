"""The intake's steps as run on the database thread, and how typed text is read.

No Qt here: :class:`clerk_desk.ui.intake_controller.IntakeController` sends
these to the task runner and reports their results by its signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord
from clerk_desk.case_documents import DocumentInfo, DocumentKind
from clerk_desk.cases import CaseView
from clerk_desk.desk import Desk
from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.intake import IntakeService, Proxy, StartedCase
from clerk_desk.lifecycle import CaseState
from clerk_desk.outcomes import Outcome as Ending
from clerk_desk.sync_freeze import FreezeOverride

Outcome = tuple[CaseView, list[DocumentInfo], ClerkDeskError | None]


def looks_like_tracking_number(text: str) -> bool:
    """Whether what was typed in the ID field is meant as a tracking number.

    The field tells them apart by form: a resident ID has 18 characters (or 15
    digits), a tracking number 16 digits (old ones 13 symbols). A valid number
    of either form (with or without its spaces or dashes) is one; so is a
    mistyped one of 16 characters, digits but for a look-alike letter, and a
    mistyped old one with the old length or its dashes and letters no resident
    ID has (only an ID's last character may be X), so that the clerk hears what
    is wrong with the number, not that an ID needs 18 digits.
    """
    number = tracking_numbers.normalize(text)
    if tracking_numbers.is_valid(number):
        return True
    if len(number) == tracking_numbers.LENGTH:
        return sum(c.isdigit() for c in number) >= tracking_numbers.LENGTH - 1
    letters = any(c.isalpha() for c in number[:-1])
    return letters and (len(number) == tracking_numbers.LEGACY_LENGTH or "-" in text)


@contextmanager
def as_proxy_fields() -> Iterator[None]:
    """An InvalidInput about the person acting names the proxy's field.

    ``register_person`` and ``find`` say ``id_number`` or ``name``: for the
    proxy that must read (and focus) as the proxy's ID number or name.
    """
    try:
        yield
    except InvalidInput as error:
        if error.where.startswith("proxy"):
            raise
        raise InvalidInput(f"proxy.{error.where}", error.template, **error.params) from error


@dataclass(frozen=True)
class ApplicantForm:
    """What the clerk typed for the applicant and whoever acts for them.

    ``proxy``: the acting person's ID number and name (both may be empty: a
    proxy known only by the letter); None when nobody acts in person.
    """

    id_number: str
    name: str
    phone: str
    letter: str = ""
    proxy: tuple[str, str] | None = None


def start_typed_case(
    desk: Desk,
    staff_id: str,
    known: ApplicantRecord | None,
    form: ApplicantForm,
    item_code: str,
    *,
    agent: bool,
    reason: str | None,
    override: FreezeOverride | None,
) -> StartedCase:
    """Register the applicant (unless known as typed) and the proxy, then open the case."""
    if known is not None and known.name == form.name and known.phone == form.phone.strip():
        applicant = known
    else:
        applicant = desk.applicants.register_person(
            actor_id=staff_id, name=form.name, id_number=form.id_number, phone=form.phone
        )
    proxy = None
    if form.proxy is not None:
        pid, pname = form.proxy
        person = None
        if pid.strip():
            with as_proxy_fields():
                person = desk.applicants.register_person(
                    actor_id=staff_id, name=pname, id_number=pid
                ).id
        proxy = Proxy(person, form.letter)
    elif agent:
        proxy = Proxy(None, form.letter)  # the agent, logged in, is the one acting
    return desk.intake.start_case(
        clerk_id=staff_id,
        item_code=item_code,
        applicant_id=applicant.id,
        proxy=proxy,
        new_case_reason=reason,
        override=override,
    )


def save_steps(
    intake: IntakeService,
    case: CaseView,
    staff_id: str,
    answers: dict[str, bool],
    marks: dict[str, bool],
) -> CaseView:
    """The answers and ticks made since the last save; ticks first (made against the
    checklist the answers before gave)."""
    view = case
    if marks:
        view = intake.mark(
            case_id=case.id,
            clerk_id=staff_id,
            received=[m for m, got in marks.items() if got],
            missing=[m for m, got in marks.items() if not got],
        )
    if answers:
        view = intake.answer(case_id=case.id, clerk_id=staff_id, answers=answers)
    return view


def take_outcome(
    desk: Desk,
    staff_id: str,
    case_id: str,
    answers: dict[str, bool],
    received: list[str],
    missing: list[str],
    decide: Callable[[str, str], CaseView],
) -> Outcome:
    """The answers waiting and the full marks saved, the outcome taken, its documents made.

    A document that cannot be made leaves the case standing: its error comes back.
    """
    if answers:
        desk.intake.answer(case_id=case_id, clerk_id=staff_id, answers=answers)
    desk.intake.mark(case_id=case_id, clerk_id=staff_id, received=received, missing=missing)
    view = decide(case_id, staff_id)
    try:
        docs = desk.documents.issue_for_case(view.id, staff_id=staff_id)
    except ClerkDeskError as exc:
        return view, [], exc  # described on the GUI thread
    if view.state is not CaseState.COLLECTED:  # the receipt stayed at the village
        docs = [d for d in docs if d.kind is not DocumentKind.AGENT_RECEIPT]
    return view, docs, None


def decision(
    intake: IntakeService, ending: Ending, **details: Any
) -> Callable[[str, str], CaseView]:
    """The domain's call that takes ``ending`` on a case (its id, the clerk's), with its details.

    The details: ``promise_date`` (tolerant); ``reason``, ``legal_basis`` and
    ``competent_body`` (reject); ``village_point`` (collect).
    """
    calls: dict[Ending, Callable[..., CaseView]] = {
        Ending.ACCEPT: intake.accept,
        Ending.TOLERANT: intake.tolerant_accept,
        Ending.NOTICE: intake.issue_notice,
        Ending.REJECT: intake.reject,
        Ending.COLLECT: intake.collect,
    }
    call = calls[ending]
    return lambda case_id, clerk_id: call(case_id=case_id, clerk_id=clerk_id, **details)

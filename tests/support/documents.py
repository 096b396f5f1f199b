"""Shared test helpers: documents."""

from __future__ import annotations

from support.intake import KEY, LOW_INCOME, NO


def accepted_case(desk, clerk, applicant):
    case = desk.intake.start(clerk_id=clerk.id, item_code=LOW_INCOME, applicant_id=applicant.id)
    desk.intake.answer(case_id=case.id, clerk_id=clerk.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=clerk.id, received=KEY)
    return desk.intake.accept(case_id=case.id, clerk_id=clerk.id)


def stored_inputs(desk, document_id: str) -> dict:
    from clerk_desk.models import Document

    with desk.store.read() as session:
        return session.get(Document, document_id).inputs

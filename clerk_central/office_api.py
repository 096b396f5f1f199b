"""The back office's HTTP API (``/office/v1``): log in, read a case, take a step.

Plain functions like the sync routes (FastAPI runs them in its thread pool); each
request is one transaction that commits before the answer is built. Errors are
``{"error": CODE, "message": ...}`` as in docs/sync-protocol.md; a stale expectation
adds ``current_state`` and ``allowed_steps``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import FastAPI, Header, Path
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session, sessionmaker

from clerk_central import office
from clerk_central.db import transaction
from clerk_central.protocol import SyncError
from clerk_central.sync import aware_now

OFFICE_PATH = "/office/v1"
Number = Annotated[str, Path(min_length=1, max_length=40)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class LoginIn(_Strict):
    login: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=office.MAX_PASSWORD)]


class StepIn(_Strict):
    step: Literal["processing_started", "suspended", "resumed", "decided", "completed"]
    expected_state: Annotated[str, Field(min_length=1, max_length=32)]
    reason: Annotated[str, Field(max_length=office.MAX_TEXT)] | None = None
    decision: Annotated[str, Field(max_length=office.MAX_TEXT)] | None = None


def register(app: FastAPI, factory: sessionmaker[Session]) -> None:
    """Add the ``/office/v1`` routes to ``app``."""

    @app.post(f"{OFFICE_PATH}/login")
    def login(body: LoginIn) -> dict[str, Any]:
        with transaction(factory) as session:
            outcome = office.login(
                session, login=body.login, password=body.password, now=aware_now()
            )
        if isinstance(outcome, SyncError):  # raised after the failure count committed
            raise outcome
        return outcome

    @app.post(f"{OFFICE_PATH}/logout")
    def logout(authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        with transaction(factory) as session:
            office.logout(session, authorization, now=aware_now())
        return {"ok": True}

    @app.get(f"{OFFICE_PATH}/cases/{{number}}")
    def case(
        number: Number, authorization: Annotated[str | None, Header()] = None
    ) -> dict[str, Any]:
        with transaction(factory) as session:
            account = office.authenticate(session, authorization, now=aware_now())
            return office.case_json(session, office.find_case(session, account, number))

    @app.post(f"{OFFICE_PATH}/cases/{{number}}/steps")
    def step(
        number: Number, body: StepIn, authorization: Annotated[str | None, Header()] = None
    ) -> dict[str, Any]:
        now = aware_now()
        with transaction(factory) as session:
            account = office.authenticate(session, authorization, now=now)
            taken = office.take_step(
                session,
                account,
                number,
                step=body.step,
                expected_state=body.expected_state,
                reason=body.reason,
                decision=body.decision,
                now=now,
            )
        return {**taken.case, "step_seq": taken.step_seq, "feed_version": taken.feed_version}

"""The FastAPI application: ``create_app(database_url)``.

Stateless: every request opens its own transaction and holds nothing between
requests, so any number of worker processes can serve one database. Sync
routes are plain functions (FastAPI runs them in its thread pool): the
database calls block.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import text
from starlette.exceptions import HTTPException as StarletteHTTPException

from clerk_central import __version__, office_api, recovery, status_page, sync
from clerk_central.admission import SyncAdmission
from clerk_central.db import (
    DATABASE_URL_ENV,
    READ_ONLY_OPTION,
    make_engine,
    session_factory,
    transaction,
)
from clerk_central.protocol import (
    BASE_PATH,
    MIN_PROTOCOL,
    PROTOCOL,
    PULL_DEFAULT_LIMIT,
    PULL_MAX_LIMIT,
    PUSH_MAX_CHANGES,
    SyncError,
    bad_request,
    too_old,
)

log = logging.getLogger("clerk_central")

Id = Annotated[str, Field(min_length=1, max_length=64)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)


class EnrollIn(Strict):
    code: Annotated[str, Field(min_length=1, max_length=40)]
    store_id: Id
    provisional_number: Annotated[str, Field(max_length=5)] = ""
    hostname: Annotated[str, Field(max_length=255)] = ""


# An audit entry's fields are as long as the terminal wrote them (a calendar's entity
# id lists its years): only kept within reason.
Field1k = Annotated[str, Field(min_length=1, max_length=1000)]


class AuditIn(Strict):
    seq: Annotated[int, Field(ge=1)]
    id: Field1k
    at: Field1k
    actor_id: Field1k
    action: Field1k
    entity: Field1k
    entity_id: Field1k
    payload: str
    prev_hash: Annotated[str, Field(min_length=64, max_length=64)]
    hash: Annotated[str, Field(min_length=64, max_length=64)]


class ChangeIn(Strict):
    id: Id
    outbox_seq: int | None = None
    entity: Annotated[str, Field(min_length=1, max_length=32)]
    entity_id: Field1k
    operation: Id
    payload: dict[str, Any]
    audit: AuditIn | None = None


class PushIn(Strict):
    changes: Annotated[list[ChangeIn], Field(max_length=PUSH_MAX_CHANGES)]


def error_response(error: SyncError) -> JSONResponse:
    return JSONResponse(
        {**error.details, "error": error.code, "message": error.message}, status_code=error.status
    )


def check_protocol(
    x_clerk_protocol: Annotated[str | None, Header()] = None,
) -> None:
    if x_clerk_protocol is None:
        raise bad_request("Header X-Clerk-Protocol is missing.")
    try:
        got = int(x_clerk_protocol)
    except ValueError:
        raise bad_request("Header X-Clerk-Protocol is not a number.") from None
    if got < MIN_PROTOCOL:
        raise too_old(got)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    dispose(app)


def dispose(app: FastAPI) -> None:
    """Close the pooled database connections of ``app`` (at shutdown; both pools)."""
    app.state.status_engine.dispose()
    app.state.engine.dispose()


def create_app(database_url: str, *, sync_pending: int | None = None) -> FastAPI:
    """The server's app on ``database_url``; ``sync_pending``: sync requests a worker keeps
    in hand before it answers busy (:mod:`clerk_central.admission`; default from the env)."""
    engine = make_engine(database_url)
    factory = session_factory(engine)
    app = FastAPI(title="ClerkCentral", version=__version__, lifespan=_lifespan)
    app.add_middleware(SyncAdmission, max_pending=sync_pending)

    # The transaction commits inside the route, before the answer is built and sent: an
    # "applied" never leaves the server for a change whose commit then failed. (A
    # dependency with yield would commit at its teardown, after FastAPI has the response.)
    Protocol = Depends(check_protocol)

    @app.exception_handler(SyncError)
    async def _sync_error(_request: Request, exc: SyncError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error_response(bad_request(f"Invalid request: {where}: {first.get('msg', '')}"))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = "unauthorized" if exc.status_code == 401 else "bad_request"
        if exc.status_code == 404:
            code = "not_found"
        return JSONResponse(
            {"error": code, "message": str(exc.detail)}, status_code=exc.status_code
        )

    @app.exception_handler(Exception)
    async def _internal(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error: %s", type(exc).__name__)
        return error_response(SyncError("internal", "Internal server error.", 500))

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    def readyz() -> JSONResponse:
        try:
            with engine.connect().execution_options(**{READ_ONLY_OPTION: True}) as conn:
                conn.execute(text("SELECT 1 FROM feed_version"))
        except Exception as exc:  # the database does not answer: not ready
            log.warning("not ready: %s", type(exc).__name__)
            return JSONResponse({"status": "database unavailable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    @app.get(f"{BASE_PATH}/hello")
    def hello(
        x_clerk_protocol: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        if x_clerk_protocol is not None:
            check_protocol(x_clerk_protocol)
        return {"protocol": PROTOCOL, "min_protocol": MIN_PROTOCOL, "server": server_name()}

    @app.post(f"{BASE_PATH}/enroll", dependencies=[Protocol])
    def enroll(
        body: EnrollIn,
        x_clerk_version: Annotated[str, Header()] = "",
    ) -> dict[str, Any]:
        with transaction(factory) as session:
            return sync.enroll(
                session,
                code=body.code,
                store_id=body.store_id,
                provisional_number=body.provisional_number,
                hostname=body.hostname,
                client_version=x_clerk_version[:64],
                now=sync.aware_now(),
            )

    @app.post(f"{BASE_PATH}/push", dependencies=[Protocol])
    def push(
        body: PushIn,
        authorization: Annotated[str | None, Header()] = None,
        x_clerk_version: Annotated[str, Header()] = "",
    ) -> dict[str, Any]:
        now = sync.aware_now()
        changes = [c.model_dump() for c in body.changes]
        with transaction(factory) as session:
            terminal = sync.authenticate(
                session, authorization, now=now, client_version=x_clerk_version, lock=True
            )
            return sync.push(session, terminal, changes, now)

    @app.get(f"{BASE_PATH}/pull", dependencies=[Protocol])
    def pull(
        after: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=PULL_MAX_LIMIT)] = PULL_DEFAULT_LIMIT,
        authorization: Annotated[str | None, Header()] = None,
        x_clerk_version: Annotated[str, Header()] = "",
    ) -> dict[str, Any]:
        now = sync.aware_now()
        with transaction(factory) as session:
            terminal = sync.authenticate(
                session, authorization, now=now, client_version=x_clerk_version
            )
            return sync.pull(session, terminal, after, limit)

    @app.get(f"{BASE_PATH}/recover", dependencies=[Protocol])
    def recover(
        after: Annotated[str, Query(max_length=64)] = "",
        limit: Annotated[
            int, Query(ge=1, le=recovery.RECOVER_MAX_LIMIT)
        ] = recovery.RECOVER_DEFAULT_LIMIT,
        authorization: Annotated[str | None, Header()] = None,
        x_clerk_version: Annotated[str, Header()] = "",
    ) -> dict[str, Any]:
        now = sync.aware_now()
        with transaction(factory) as session:
            terminal = sync.authenticate(
                session, authorization, now=now, client_version=x_clerk_version
            )
            return recovery.recover_page(session, terminal, after, limit)

    @app.get(f"{BASE_PATH}/blob/{{sha256}}", dependencies=[Protocol])
    def blob(
        sha256: Annotated[str, Path(pattern="^[0-9a-fA-F]{64}$")],
        authorization: Annotated[str | None, Header()] = None,
        x_clerk_version: Annotated[str, Header()] = "",
    ) -> Response:
        now = sync.aware_now()
        with transaction(factory) as session:
            sync.authenticate(session, authorization, now=now, client_version=x_clerk_version)
            data = sync.blob(session, sha256)
        return Response(
            content=data,
            media_type="application/octet-stream",
            headers={"X-Content-SHA256": sha256.lower()},
        )

    status_engine = status_page.status_engine(engine)
    status_page.register(app, status_engine)
    office_api.register(app, factory)

    app.state.engine = engine
    app.state.status_engine = status_engine
    app.state.sessions = factory
    return app


def server_name() -> str:
    return f"clerk-central {__version__}"


def app_from_env() -> FastAPI:
    """The app for uvicorn's worker processes (``--factory``): the URL comes from the env."""
    from clerk_central.db import default_database_url

    return create_app(os.environ.get(DATABASE_URL_ENV) or default_database_url())


__all__ = ["app_from_env", "create_app", "dispose"]

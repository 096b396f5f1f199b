"""Printed documents kept with their case."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from clerk_desk.models.base import Base, UTCDateTime, new_id


class Document(Base):
    """One generated PDF: the original, or a reprint (补打) of one.

    The bytes are kept exactly as previewed and printed; ``inputs`` holds the
    values it was rendered from (only what is printed: identity numbers
    masked), so it can be re-created and checked against ``sha256``. A reprint
    may be in another ``layout`` than its original. ``print_count`` counts the
    times it was handed to a printer (taken by a print queue, or written out).
    """

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_case_created", "case_id", "created_at"),
        # One n-th reprint of an original: two copies can never both be 第1次 补打.
        # (Originals have no original_id; NULLs are distinct, so any number of them.)
        Index("uq_documents_original_reprint", "original_id", "reprint", unique=True),
        # One original per 文书编号 (a reprint carries its original's serial, with its
        # own reprint count). Documents kept before serials existed have none (NULL).
        Index("uq_documents_serial_reprint", "serial", "reprint", unique=True),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), default=None)
    kind: Mapped[str] = mapped_column(String(32))
    layout: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    reprint: Mapped[int] = mapped_column(Integer, default=0)
    original_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), default=None)
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    # 文书编号, e.g. 郭仓便民受字〔2026〕第0042号 (printed; None before serials existed).
    serial: Mapped[str | None] = mapped_column(String(64), default=None)


class DocumentSerial(Base):
    """The last 文书编号 sequence used per prefix, kind word and year.

    Taken and raised in the transaction that keeps the document, so a kill
    before the commit takes back both and a number is never used twice.
    """

    __tablename__ = "document_serials"

    prefix: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # 受, 告, 容, 不受 ...
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class PrintAttempt(Base):
    """One time a document was handed to a printer, recorded before it is sent.

    The row is committed with ``status`` "sending" before the printer gets the
    bytes, and completed afterwards: "done" (written out whole: a folder, a
    file; ``job`` the file's name), "queued" (a print queue took it; ``job``
    its id), "failed" (``error``), or "unknown" (the process stopped while a
    print queue had the job: whether it took it is not known). A start after a
    kill completes what a dead process left "sending" (``clerk_desk.recovery``):
    a PDF that reached a printer folder is never without its record.
    ``process`` is the tag of the process that sent it (its live mark in the
    data directory's ``tmp/print``), so a start never completes the attempt of
    a process still printing.
    """

    __tablename__ = "print_attempts"
    __table_args__ = (Index("ix_print_attempts_status", "status"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    staff_id: Mapped[str] = mapped_column(ForeignKey("staff.id"))
    printer: Mapped[str] = mapped_column(String(1024))
    job_name: Mapped[str] = mapped_column(String(128))
    process: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    job: Mapped[str | None] = mapped_column(String(1024), default=None)
    error: Mapped[str | None] = mapped_column(String(2000), default=None)

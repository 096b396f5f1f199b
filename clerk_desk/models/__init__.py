"""SQLAlchemy typed models of the local store. Alembic owns the schema."""

from clerk_desk.models.base import Base, new_id
from clerk_desk.models.cases import (
    CalendarDay,
    CalendarYear,
    Case,
    CaseEvent,
    CaseMaterial,
    TrackingSequence,
)
from clerk_desk.models.catalog import CatalogItem, CatalogVersion
from clerk_desk.models.documents import Document, DocumentSerial, PrintAttempt
from clerk_desk.models.handover import HandoverBatch, HandoverCase
from clerk_desk.models.journal import AuditEntry, AuditHead, OutboxEntry, Setting
from clerk_desk.models.people import Applicant, Staff
from clerk_desk.models.sync import SyncFeedHeld, SyncQuarantine, SyncRevoked, SyncState

__all__ = [
    "Applicant",
    "AuditEntry",
    "AuditHead",
    "Base",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseEvent",
    "CaseMaterial",
    "CatalogItem",
    "CatalogVersion",
    "Document",
    "DocumentSerial",
    "HandoverBatch",
    "HandoverCase",
    "OutboxEntry",
    "PrintAttempt",
    "Setting",
    "Staff",
    "SyncFeedHeld",
    "SyncQuarantine",
    "SyncRevoked",
    "SyncState",
    "TrackingSequence",
    "new_id",
]

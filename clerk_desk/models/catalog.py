"""Stored catalog versions and their items (immutable once imported)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from clerk_desk.models.base import Base, UTCDateTime, new_id


class CatalogVersion(Base):
    __tablename__ = "catalog_versions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    label: Mapped[str] = mapped_column(String(200), unique=True)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    region_code: Mapped[str] = mapped_column(String(12))
    region_name: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # SHA-256 of the document's bytes: re-importing the same version is a no-op,
    # a different document under an existing label is refused.
    sha256: Mapped[str] = mapped_column(String(64))
    item_count: Mapped[int] = mapped_column(Integer)
    # Set when an admin retired the version (``clerk-desk catalog retire``): it is
    # never current again; cases taken under it keep their items.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class CatalogItem(Base):
    __tablename__ = "catalog_items"
    __table_args__ = (UniqueConstraint("version_id", "code"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    version_id: Mapped[str] = mapped_column(ForeignKey("catalog_versions.id"), index=True)
    code: Mapped[str] = mapped_column(String(200), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order in the published document
    name: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(10))
    agency_allowed: Mapped[bool] = mapped_column(Boolean)
    # The item exactly as the format describes it (catalog_format.Item.to_json()).
    document: Mapped[dict[str, Any]] = mapped_column(JSON)

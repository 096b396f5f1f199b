"""Stored catalog versions: import, listing, item lookup.

Imports are all-or-nothing: :func:`clerk_desk.catalog_format.parse_catalog`
checks the whole document before anything is written, and the rows of a
version are written in one transaction. Every version ever imported is kept;
cases point at the item row (and so the checklist) they were taken under.
The *current* version, used for new cases, is the one published last that
is not retired. An admin retires a version that should not be used (``clerk-desk
catalog retire``); the newest other one becomes current, and cases taken under
the retired one keep their items (they point at the item rows, which stay).

A version that is stored can be shown: the import runs the checks of the
format (:mod:`clerk_desk.catalog_format`) and builds the item search index the
catalog browser and the intake search build from the current version, so a
document that would break them is refused, not stored.

A catalog is for a region (行政区划代码): this centre's, or a region above it
(its county, its township for a village point). Another region's catalog is
refused unless an admin imports it on purpose (``other_region``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from clerk_desk.catalog_format import (
    Catalog,
    CatalogFormatError,
    CatalogProblem,
    Item,
    parse_catalog,
)
from clerk_desk.clock import Clock
from clerk_desk.errors import NotFound, RuleViolation
from clerk_desk.journal import SYSTEM_ACTOR, canonical_json, record_change
from clerk_desk.models import CatalogItem, CatalogVersion, Staff, new_id
from clerk_desk.roles import Role
from clerk_desk.settings import TerminalSettings
from clerk_desk.storage import Store, Writer, write_here


@dataclass(frozen=True, slots=True)
class VersionInfo:
    id: str
    label: str
    published_at: datetime
    imported_at: datetime
    region_code: str
    region_name: str
    item_count: int
    current: bool
    retired_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ImportResult:
    version: VersionInfo
    created: bool  # False: the same version was already there (a no-op)


@dataclass(frozen=True, slots=True)
class StoredItem:
    """An item as stored under one catalog version."""

    row_id: str
    version_id: str
    version_label: str
    item: Item


def _current_version(session: Session) -> CatalogVersion | None:
    return session.scalar(
        select(CatalogVersion)
        .where(CatalogVersion.retired_at.is_(None))
        .order_by(CatalogVersion.published_at.desc(), CatalogVersion.imported_at.desc())
        .limit(1)
    )


def content_digest(data: bytes) -> str:
    """SHA-256 of a valid document's content, whatever its layout.

    Canonical JSON (sorted keys, no spaces, no BOM), so the same catalog
    re-serialised by another tool is the same version, and a changed text is not.
    """
    root = json.loads(data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
    return hashlib.sha256(canonical_json(root).encode("utf-8")).hexdigest()


def _significant(code: str) -> str:
    """The part of a division code that names the region: a province's 370000 is 37,
    a city's 370800 is 3708; county, township and village codes are whole."""
    if len(code) == 6:
        if code.endswith("0000"):
            return code[:2]
        if code.endswith("00"):
            return code[:4]
    return code


def region_covers(catalog_code: str, centre_code: str) -> bool:
    """Whether a catalog for ``catalog_code`` serves a centre in ``centre_code``.

    The centre's own region, or one above it: a county (6 digits) holds the
    townships (9) and villages (12) whose codes begin with it, a township the
    villages beginning with its code; a city or province code holds what
    begins with its significant digits.
    """
    if catalog_code == centre_code:
        return True
    return len(catalog_code) < len(centre_code) and centre_code.startswith(
        _significant(catalog_code)
    )


def _info(v: CatalogVersion, current_id: str | None) -> VersionInfo:
    return VersionInfo(
        id=v.id,
        label=v.label,
        published_at=v.published_at,
        imported_at=v.imported_at,
        region_code=v.region_code,
        region_name=v.region_name,
        item_count=v.item_count,
        current=v.id == current_id,
        retired_at=v.retired_at,
    )


@dataclass(frozen=True, slots=True)
class RetireResult:
    retired: VersionInfo
    current: VersionInfo  # the version now current (another one when the retired was)
    was_current: bool


def check_showable(catalog: Catalog) -> None:
    """Refuse a catalog that the screens could not show: build what they build.

    The catalog browser and the intake search build an :class:`ItemSearchIndex`
    over the current version's items. Building it here, before anything is
    stored, makes a version that cannot be shown one that is never stored.
    Raises CatalogFormatError naming the first item that breaks it.
    """
    from clerk_desk.item_search import ItemSearchIndex  # pypinyin: only when importing

    def stored(items: tuple[Item, ...]) -> list[StoredItem]:
        return [StoredItem(str(i), "", catalog.catalog_version, it) for i, it in enumerate(items)]

    try:
        ItemSearchIndex(stored(catalog.items))
    except Exception:  # whatever breaks the screens refuses the document
        for i, item in enumerate(catalog.items):
            try:
                ItemSearchIndex(stored((item,)))
            except Exception as exc:
                raise CatalogFormatError(
                    [
                        CatalogProblem(
                            f"items[{i}]",
                            f"this item cannot be shown or searched ({type(exc).__name__}: "
                            f"{str(exc)[:200]}); the document is not imported",
                        )
                    ]
                ) from exc
        raise


class CatalogService:
    """Imports and reads catalog versions. Parsed items are cached (they never change)."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        settings: Callable[[], TerminalSettings] | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._settings = settings or TerminalSettings
        self._items: dict[str, StoredItem] = {}

    def import_document(
        self,
        data: bytes,
        *,
        actor_id: str = SYSTEM_ACTOR,
        other_region: bool = False,
        writer: Writer = write_here,
    ) -> ImportResult:
        """Validate and store a ``clerk-catalog/1`` document.

        Raises CatalogFormatError (every problem, with its JSON path) or
        RuleViolation (a different document under a version label already
        stored; a catalog for another region than the centre's, see
        :func:`region_covers`, unless ``other_region``, an admin's decision);
        in every case nothing is written. A terminal with no region yet (first
        run) takes any catalog. ``writer`` runs the transaction (the app's sync: on its
        database thread); the checks, the slow part, run here before it.
        """
        catalog = parse_catalog(data)
        check_showable(catalog)
        digest = content_digest(data)
        now = self._clock.now()

        def store() -> ImportResult:
            with self._store.write() as session:
                existing = session.scalar(
                    select(CatalogVersion).where(CatalogVersion.label == catalog.catalog_version)
                )
                if existing is not None:
                    # Versions stored before the digest was of the content: of the bytes.
                    if existing.sha256 not in (digest, hashlib.sha256(data).hexdigest()):
                        raise RuleViolation(
                            f"catalog_version: version {catalog.catalog_version!r} is already "
                            "stored with different content; a changed catalog needs a new "
                            "version label"
                        )
                    current = _current_version(session)
                    return ImportResult(_info(existing, current.id if current else None), False)
                region = self._check_region(session, catalog, actor_id, other_region)
                version = self._insert(session, catalog, digest, now)
                current = _current_version(session)
                info = _info(version, current.id if current else None)
                record_change(
                    session,
                    at=now,
                    actor_id=actor_id,
                    action="catalog.imported",
                    entity="catalog_version",
                    entity_id=version.id,
                    payload={
                        "label": version.label,
                        "sha256": digest,
                        "items": version.item_count,
                        "current": info.current,
                        **region,
                    },
                    sync=False,  # catalogs come down from the county; nothing to send up
                )
                return ImportResult(info, True)

        return writer(store)

    def _check_region(
        self, session: Session, catalog: Catalog, actor_id: str, other_region: bool
    ) -> dict[str, object]:
        """Refuse another region's catalog, or record that an admin took it (audit payload)."""
        settings = self._settings()
        centre = settings.region_code
        if not centre or region_covers(catalog.region_code, centre):
            return {}
        if not other_region:
            raise RuleViolation(
                "catalog {label} is for {catalog_region} ({catalog_code}), another region than "
                "this centre's, {centre_name} ({centre_code}): it is not imported; an admin who "
                "means to may import it with --other-region",
                label=catalog.catalog_version,
                catalog_region=catalog.region_name,
                catalog_code=catalog.region_code,
                centre_name=settings.centre_name or centre,
                centre_code=centre,
            )
        if actor_id != SYSTEM_ACTOR:  # the command line is the admin's own console
            actor = session.get(Staff, actor_id)
            if actor is None or not actor.active or actor.role != Role.ADMIN:
                raise RuleViolation(
                    "only an admin may import a catalog for another region ({catalog_region}, "
                    "{catalog_code})",
                    catalog_region=catalog.region_name,
                    catalog_code=catalog.region_code,
                )
        return {
            "other_region": True,
            "region": {"code": catalog.region_code, "name": catalog.region_name},
            "centre_region": {"code": centre, "name": settings.centre_name},
        }

    @staticmethod
    def _insert(session: Session, catalog: Catalog, digest: str, now: datetime) -> CatalogVersion:
        version = CatalogVersion(
            id=new_id(),
            label=catalog.catalog_version,
            published_at=catalog.published_at,
            region_code=catalog.region_code,
            region_name=catalog.region_name,
            imported_at=now,
            sha256=digest,
            item_count=len(catalog.items),
        )
        session.add(version)
        session.flush()
        session.execute(
            insert(CatalogItem),
            [
                {
                    "id": new_id(),
                    "version_id": version.id,
                    "code": item.code,
                    "position": position,
                    "name": item.name,
                    "department": item.department,
                    "level": item.level,
                    "agency_allowed": item.agency_allowed,
                    "document": item.to_json(),
                }
                for position, item in enumerate(catalog.items)
            ],
        )
        return version

    def retire(self, label: str, *, actor_id: str = SYSTEM_ACTOR, via: str = "") -> RetireResult:
        """Retire a version: it is never current again (cases taken under it keep it).

        Retiring the current version makes the newest other version that is not
        retired current. The last version in use cannot be retired: new cases
        need one. Audited (``catalog.retired``), one transaction.
        """
        now = self._clock.now()
        with self._store.write() as session:
            version = session.scalar(select(CatalogVersion).where(CatalogVersion.label == label))
            if version is None:
                raise NotFound("no catalog version {label} is stored", label=label)
            if version.retired_at is not None:
                raise RuleViolation("catalog version {label} is already retired", label=label)
            before = _current_version(session)
            version.retired_at = now
            session.flush()
            after = _current_version(session)
            if after is None:
                raise RuleViolation(
                    "catalog version {label} is the only one in use: new cases need a catalog, "
                    "so it cannot be retired; import another version first",
                    label=label,
                )
            was_current = before is not None and before.id == version.id
            payload: dict[str, object] = {
                "label": version.label,
                "was_current": was_current,
                "current": after.label,
            }
            record_change(
                session,
                at=now,
                actor_id=actor_id,
                action="catalog.retired",
                entity="catalog_version",
                entity_id=version.id,
                payload={**payload, "via": via} if via else payload,
                sync=False,  # catalogs come down from the county; nothing to send up
            )
            return RetireResult(_info(version, after.id), _info(after, after.id), was_current)

    def versions(self) -> list[VersionInfo]:
        with self._store.read() as session:
            current = _current_version(session)
            rows = session.scalars(
                select(CatalogVersion).order_by(
                    CatalogVersion.published_at, CatalogVersion.imported_at
                )
            )
            return [_info(v, current.id if current else None) for v in rows]

    def current_version(self) -> VersionInfo | None:
        with self._store.read() as session:
            current = _current_version(session)
            return _info(current, current.id) if current else None

    def items(self, version_id: str | None = None) -> list[StoredItem]:
        """Every item of a version (default: the current one), in catalog order."""
        with self._store.read() as session:
            version = self._version(session, version_id)
            rows = session.execute(
                select(CatalogItem.id, CatalogItem.document)
                .where(CatalogItem.version_id == version.id)
                .order_by(CatalogItem.position)
            )
            return [self._cached(rid, version.id, version.label, doc) for rid, doc in rows]

    def item(self, code: str, version_id: str | None = None) -> StoredItem:
        """The item with ``code`` in a version (default: the current one)."""
        with self._store.read() as session:
            version = self._version(session, version_id)
            row = session.execute(
                select(CatalogItem.id, CatalogItem.document).where(
                    CatalogItem.version_id == version.id, CatalogItem.code == code
                )
            ).first()
            if row is None:
                raise NotFound(f"item_code: no item {code!r} in catalog version {version.label!r}")
            return self._cached(row[0], version.id, version.label, row[1])

    def item_by_row(self, session: Session, row_id: str) -> StoredItem:
        """The item a case is pinned to (by catalog_items.id), within a session."""
        cached = self._items.get(row_id)
        if cached is not None:
            return cached
        row = session.execute(
            select(CatalogItem.document, CatalogVersion.id, CatalogVersion.label)
            .join(CatalogVersion, CatalogVersion.id == CatalogItem.version_id)
            .where(CatalogItem.id == row_id)
        ).one()
        return self._cached(row_id, row[1], row[2], row[0])

    def _cached(
        self, row_id: str, version_id: str, label: str, doc: dict[str, object]
    ) -> StoredItem:
        stored = self._items.get(row_id)
        if stored is None:
            stored = StoredItem(row_id, version_id, label, Item.from_json(doc))
            self._items[row_id] = stored
        return stored

    @staticmethod
    def _version(session: Session, version_id: str | None) -> CatalogVersion:
        if version_id is None:
            version = _current_version(session)
            if version is None:
                raise NotFound("no catalog has been imported yet")
            return version
        found = session.get(CatalogVersion, version_id)
        if found is None:
            raise NotFound(f"no catalog version with id {version_id!r}")
        return found

"""Printed documents of the counter (PDF via reportlab), free of Qt.

Use a :class:`DocumentRenderer` (it holds the font cache) or the
``render_*`` functions with a :class:`FontSet` you keep yourself.

The renderers (and reportlab) load on first use, so importing the input
types does not slow the application's start.
"""

from typing import Any

from clerk_desk.printing.document_data import (
    AcceptanceNotice,
    Applicant,
    Counter,
    HandoverList,
    HandoverRow,
    Layout,
    MissingMaterial,
    OneTimeNotice,
    ReceivedMaterial,
    RejectionNotice,
    TolerantPromise,
    mask_id_number,
    mask_name,
)
from clerk_desk.printing.fonts import FontSet, FontSource, discover_fonts

__all__ = [
    "AcceptanceNotice",
    "Applicant",
    "Counter",
    "DocumentRenderer",
    "FontSet",
    "FontSource",
    "HandoverList",
    "HandoverRow",
    "Layout",
    "MissingMaterial",
    "OneTimeNotice",
    "ReceivedMaterial",
    "RejectionNotice",
    "TolerantPromise",
    "discover_fonts",
    "mask_id_number",
    "mask_name",
    "render_acceptance_notice",
    "render_handover_list",
    "render_one_time_notice",
    "render_rejection_notice",
    "render_tolerant_promise",
]

_RENDERERS = {
    "DocumentRenderer",
    "render_acceptance_notice",
    "render_handover_list",
    "render_one_time_notice",
    "render_rejection_notice",
    "render_tolerant_promise",
}


def __getattr__(name: str) -> Any:
    if name in _RENDERERS:
        from clerk_desk.printing import documents

        return getattr(documents, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

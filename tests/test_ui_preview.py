"""The print preview: every attempt recorded, and what the clerk is told after it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from test_printers import fake_lp  # noqa: F401 - the fixture
from ui_helpers import SLOW, accepted_case, tolerant_case, ui_ctx_fixture  # noqa: F401

from clerk_desk.models import AuditEntry
from clerk_desk.printing.printers import PrintFailed
from clerk_desk.ui.preview import PreviewDialog

pytestmark = pytest.mark.gui


def print_attempts(desk) -> list[tuple[str, str, dict]]:
    with desk.store.read() as session:
        return [
            (e.action, e.entity_id, json.loads(e.payload))
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action.like("document.%"))
                .where(AuditEntry.action.not_in(["document.issued", "document.reprinted"]))
                .order_by(AuditEntry.seq)
            )
        ]


def preview(ui_ctx, qtbot, docs) -> PreviewDialog:
    dialog = PreviewDialog(ui_ctx, docs)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.pdf.pageCount() >= 1, timeout=SLOW)
    return dialog


def use_printer(desk, clerk, setting: str) -> None:
    desk.update_settings(desk.settings().replace(printer=setting), actor_id=clerk.id)


def test_no_printer_chosen_is_an_attempt_recorded_too(
    desk, clerk, applicant, ui_ctx, qtbot
) -> None:
    use_printer(desk, clerk, "")
    docs = desk.documents.issue_for_case(
        tolerant_case(desk, clerk, applicant).id, staff_id=clerk.id
    )
    dialog = preview(ui_ctx, qtbot, docs)
    dialog.print_all()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Not printed"), timeout=SLOW)
    assert "no printer is chosen in Settings" in dialog.status.text()
    attempts = print_attempts(desk)
    assert [(a, doc) for a, doc, _ in attempts] == [("document.print_failed", d.id) for d in docs]
    assert all(p["error"] == "no printer is chosen in Settings" for _, _, p in attempts)
    assert dialog.print_button.isEnabled()
    assert [d.print_count for d in desk.documents.for_case(docs[0].case_id)] == [0, 0]


def test_a_print_queue_is_not_called_printed(
    desk,
    clerk,
    applicant,
    ui_ctx,
    qtbot,
    fake_lp: Path,  # noqa: F811
) -> None:
    use_printer(desk, clerk, "cups:counter-1")
    docs = desk.documents.issue_for_case(
        accepted_case(desk, clerk, applicant).id, staff_id=clerk.id
    )
    dialog = preview(ui_ctx, qtbot, docs)
    with qtbot.waitSignal(dialog.printed, timeout=SLOW) as printed:
        dialog.print_current()
    assert printed.args[0].print_count == 1
    qtbot.waitUntil(lambda: dialog.status.text() != "Printing...", timeout=SLOW)
    assert dialog.status.text().startswith("Sent to the printer queue.")
    ((action, _, payload),) = print_attempts(desk)
    assert (action, payload["job"]) == ("document.sent_to_queue", "counter-1-42")


def test_what_printed_before_a_failure_is_reported_printed(
    desk, clerk, applicant, ui_ctx, qtbot, tmp_path: Path
) -> None:
    """Print all: the second document fails; the first one counts and the clerk sees why."""
    out = tmp_path / "out"
    use_printer(desk, clerk, f"folder:{out}")
    docs = desk.documents.issue_for_case(
        tolerant_case(desk, clerk, applicant).id, staff_id=clerk.id
    )
    dialog = preview(ui_ctx, qtbot, docs)
    real = desk.documents.print_document
    calls = []

    class PaperOut:
        label = "folder:paper-out"
        to_queue = False

        def send(self, pdf: bytes, *, job_name: str, copies: int = 1) -> str:
            raise PrintFailed("printer {queue}: {reason}", queue="x", reason="paper out")

    def second_fails(document_id, **kwargs):
        calls.append(document_id)
        if len(calls) == 2:  # the printer runs out of paper after the first document
            kwargs["printer"] = PaperOut()
        return real(document_id, **kwargs)

    desk.documents.print_document = second_fails  # type: ignore[method-assign]
    seen = []
    dialog.printed.connect(seen.append)
    dialog.print_all()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Not printed"), timeout=SLOW)
    assert [d.id for d in seen] == [docs[0].id]
    assert "paper out" in dialog.status.text()
    assert [a for a, _, _ in print_attempts(desk)] == ["document.printed", "document.print_failed"]

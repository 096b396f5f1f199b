"""The print preview: every attempt recorded, and what the clerk is told after it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from support.printing import fake_lp  # noqa: F401 - the fixture
from support.ui import (
    SLOW,
    accepted_case,
    tolerant_case,
    ui_ctx_fixture,  # noqa: F401 - the ui_ctx fixture
)

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
    assert "no printer is chosen for A4 paper in Settings" in dialog.status.text()
    attempts = print_attempts(desk)
    assert [(a, doc) for a, doc, _ in attempts] == [("document.print_failed", d.id) for d in docs]
    assert all(
        p["error"] == "no printer is chosen for A4 paper in Settings" for _, _, p in attempts
    )
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
    seen: list[Any] = []
    dialog.printed.connect(seen.append)
    dialog.print_all()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Not printed"), timeout=SLOW)
    assert [d.id for d in seen] == [docs[0].id]
    assert "paper out" in dialog.status.text()
    assert [a for a, _, _ in print_attempts(desk)] == ["document.printed", "document.print_failed"]


def pdfs_in(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in folder.glob("*.pdf")} if folder.is_dir() else {}


def test_each_document_prints_on_the_printer_of_its_paper(
    desk, clerk, applicant, ui_ctx, qtbot, tmp_path: Path
) -> None:
    """A roll receipt goes to the roll printer, its A4 copy to the A4 printer."""
    a4, roll = tmp_path / "a4", tmp_path / "roll"
    desk.update_settings(
        desk.settings().replace(printer=f"folder:{a4}", roll_printer=f"folder:{roll}"),
        actor_id=clerk.id,
    )
    desk.update_settings(desk.settings().replace(paper="roll80"), actor_id=clerk.id)
    case = accepted_case(desk, clerk, applicant)  # its receipt made on the roll
    (receipt,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    copy = desk.documents.reprint(receipt.id, staff_id=clerk.id, layout="a4")
    assert (receipt.layout, copy.layout) == ("roll80", "a4")
    dialog = preview(ui_ctx, qtbot, [receipt, copy])
    seen: list[Any] = []
    dialog.printed.connect(seen.append)
    dialog.print_all()
    qtbot.waitUntil(lambda: dialog.status.text() == "Printed.", timeout=SLOW)
    assert [d.id for d in seen] == [receipt.id, copy.id]
    # The very bytes kept, each in its own printer's folder and only there.
    assert list(pdfs_in(roll).values()) == [desk.documents.pdf(receipt.id)]
    assert list(pdfs_in(a4).values()) == [desk.documents.pdf(copy.id)]
    attempts = print_attempts(desk)
    assert [(a, doc, p["printer"]) for a, doc, p in attempts] == [
        ("document.printed", receipt.id, f"folder:{roll}"),
        ("document.printed", copy.id, f"folder:{a4}"),
    ]


def test_a_roll_document_without_a_roll_printer_is_a_failed_attempt_naming_the_paper(
    desk, clerk, applicant, ui_ctx, qtbot, tmp_path: Path
) -> None:
    a4 = tmp_path / "a4"
    desk.update_settings(
        desk.settings().replace(printer=f"folder:{a4}", roll_printer=""), actor_id=clerk.id
    )
    desk.update_settings(desk.settings().replace(paper="roll80"), actor_id=clerk.id)
    case = accepted_case(desk, clerk, applicant)  # its receipt made on the roll
    (receipt,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    dialog = preview(ui_ctx, qtbot, [receipt])
    dialog.print_current()
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Not printed"), timeout=SLOW)
    message = "no printer is chosen for 80 mm roll paper in Settings"
    assert message in dialog.status.text()
    assert pdfs_in(a4) == {}  # not sent to the A4 printer instead
    ((action, doc, payload),) = print_attempts(desk)
    assert (action, doc, payload["error"], payload["printer"]) == (
        "document.print_failed",
        receipt.id,
        message,
        "",
    )
    assert desk.documents.for_case(case.id)[0].print_count == 0
    assert dialog.print_button.isEnabled()

"""Reprints (补打): dated, numbered one after the other, and in either layout."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any, cast

import pytest
from sqlalchemy.exc import IntegrityError
from support.desks import unchanged
from support.documents import accepted_case, stored_inputs
from support.printing import page_size_mm, squash, text_pdfminer, text_pypdf

from clerk_desk import tracking_numbers
from clerk_desk.case_documents import INPUT_TYPES, CaseDocuments, DocumentKind, inputs_from_json
from clerk_desk.errors import InvalidInput
from clerk_desk.models import Document


def test_a_reprint_shows_the_day_it_was_reprinted(desk, clerk, applicant, clock) -> None:
    case = accepted_case(desk, clerk, applicant)
    (original,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    clock.advance(timedelta(days=2))  # the applicant lost the receipt; back on Wednesday
    copy = desk.documents.reprint(original.id, staff_id=clerk.id)
    text = squash(text_pdfminer(desk.documents.pdf(copy.id)))
    assert (
        "本件为补打件（第1次补打），原件出具日期：2026年11月23日，补打日期：2026年11月25日。"
        in text
    )
    assert stored_inputs(desk, copy.id)["reprinted_on"] == "2026-11-25"
    assert stored_inputs(desk, original.id)["reprinted_on"] is None
    assert "补打日期" not in squash(text_pdfminer(desk.documents.pdf(original.id)))
    assert desk.documents.verify(copy.id)


def test_inputs_kept_before_the_reprint_date_existed_still_load(desk, clerk, applicant) -> None:
    case = accepted_case(desk, clerk, applicant)
    (original,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    kept = {k: v for k, v in stored_inputs(desk, original.id).items() if k != "reprinted_on"}
    inputs = inputs_from_json(INPUT_TYPES[DocumentKind.ACCEPTANCE], kept)
    assert inputs.reprinted_on is None
    pdf = desk.renderer().acceptance_notice(inputs, "a4")
    assert pdf == desk.documents.pdf(original.id)  # same bytes as kept


def test_an_original_has_no_reprint_date(desk, clerk, applicant) -> None:
    import dataclasses

    case = accepted_case(desk, clerk, applicant)
    (original,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    inputs = inputs_from_json(
        INPUT_TYPES[DocumentKind.ACCEPTANCE], stored_inputs(desk, original.id)
    )
    with pytest.raises(InvalidInput, match="reprinted_on"):
        dataclasses.replace(inputs, reprinted_on=inputs.issued_on)
    with pytest.raises(InvalidInput, match="reprinted_on"):
        dataclasses.replace(inputs, reprint=1, reprinted_on=inputs.issued_on - timedelta(days=1))


# -- numbered one after the other -------------------------------------------------


class RenderingHook:
    """The desk's renderer, running ``meanwhile`` once before its first render."""

    def __init__(self, desk, meanwhile) -> None:
        self._desk = desk
        self._meanwhile = meanwhile
        self.renders = 0

    def __getattr__(self, name):
        method = getattr(self._desk.renderer(), name)

        def render(*args):
            self.renders += 1
            if self.renders == 1:
                self._meanwhile()
            return method(*args)

        return render


def test_a_reprint_made_meanwhile_is_counted_before_this_one(desk, clerk, applicant) -> None:
    """Two terminals' worth of services over one store: neither reprint is 第1次 twice."""
    case = accepted_case(desk, clerk, applicant)
    (original,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    made_meanwhile = []
    hook = RenderingHook(
        desk,
        lambda: made_meanwhile.append(desk.documents.reprint(original.id, staff_id=clerk.id)),
    )
    slow = CaseDocuments(desk.store, desk.clock, desk.cases, desk.settings, lambda: cast(Any, hook))
    late = slow.reprint(original.id, staff_id=clerk.id)
    (early,) = made_meanwhile
    assert (early.reprint, late.reprint) == (1, 2)
    assert hook.renders == 2  # rendered again with its real number, under the write lock
    assert "第2次补打" in squash(text_pdfminer(desk.documents.pdf(late.id)))
    assert stored_inputs(desk, late.id)["reprint"] == 2
    assert desk.documents.verify(late.id)


def test_reprints_from_two_threads_are_numbered_without_gaps_or_twins(
    desk, clerk, applicant
) -> None:
    case = accepted_case(desk, clerk, applicant)
    (original,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    desk.renderer()  # fonts loaded once, before the threads start
    services = [
        desk.documents,
        CaseDocuments(desk.store, desk.clock, desk.cases, desk.settings, desk.renderer),
    ]
    start = threading.Barrier(len(services))
    errors: list[BaseException] = []

    def run(documents: CaseDocuments) -> None:
        start.wait()
        try:
            for _ in range(3):
                documents.reprint(original.id, staff_id=clerk.id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in services]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(d.reprint for d in desk.documents.for_case(case.id) if d.reprint)
    assert numbers == [1, 2, 3, 4, 5, 6]


def test_the_store_refuses_a_second_reprint_with_the_same_number(desk, clerk, applicant) -> None:
    case = accepted_case(desk, clerk, applicant)
    (original,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    first = desk.documents.reprint(original.id, staff_id=clerk.id)
    with desk.store.read() as session:
        kept = session.get(Document, first.id)
        row = {c.key: getattr(kept, c.key) for c in Document.__table__.columns}
    with unchanged(desk), pytest.raises(IntegrityError), desk.store.write() as session:
        session.add(Document(**{**row, "id": "twin" + first.id[4:]}))
        session.flush()


def test_the_migration_numbers_on_twins_kept_before_the_constraint(tmp_path) -> None:
    from alembic.script import ScriptDirectory
    from sqlalchemy import text

    from clerk_desk.storage import alembic_config, make_engine, upgrade

    script = next(
        s
        for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()
        if s.path.endswith("_document_reprint_numbers.py")
    )
    path = tmp_path / "db.sqlite3"
    engine = make_engine(path)
    upgrade(engine, str(script.down_revision))  # the schema just before the constraint
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO staff (id, login, name, role, window, active, created_at) "
                "VALUES ('s1', 'li', '李', 'clerk', '3', 1, '2026-11-01 00:00:00.000000')"
            )
        )
        for doc_id, reprint, original, at in (
            ("d0", 0, None, "2026-11-02 00:00:00.000000"),
            ("d1", 1, "d0", "2026-11-03 00:00:00.000000"),
            ("d2", 1, "d0", "2026-11-03 00:00:01.000000"),  # the twin of d1
            ("d3", 2, "d0", "2026-11-04 00:00:00.000000"),
        ):
            conn.execute(
                text(
                    "INSERT INTO documents (id, case_id, kind, layout, created_at, staff_id, "
                    "reprint, original_id, sha256, pdf, inputs, print_count) VALUES "
                    "(:id, NULL, 'handover_list', 'a4', :at, 's1', :n, :orig, '', x'00', '{}', 0)"
                ),
                {"id": doc_id, "at": at, "n": reprint, "orig": original},
            )
    upgrade(engine)
    with engine.connect() as conn:
        rows: dict[str, int] = dict(conn.execute(text("SELECT id, reprint FROM documents")).all())
    engine.dispose()
    assert rows == {"d0": 0, "d1": 1, "d2": 3, "d3": 2}


# -- in the other layout ---------------------------------------------------------


def test_a_roll_receipt_reprints_on_a4_with_the_same_content(desk, clerk, applicant, clock) -> None:
    desk.intake.during_outcome.clear()  # the receipt is made below, on the roll
    case = accepted_case(desk, clerk, applicant)
    (roll,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id, layout="roll80")
    assert roll.layout == "roll80"
    entries = desk.verify_audit().entries
    clock.advance(timedelta(days=1))
    a4 = desk.documents.reprint(roll.id, staff_id=clerk.id, layout="a4")
    assert (a4.layout, a4.reprint, a4.original_id) == ("a4", 1, roll.id)
    assert desk.verify_audit().entries == entries + 1  # audited like any reprint
    assert round(page_size_mm(desk.documents.pdf(roll.id))[0]) == 80
    assert [round(x) for x in page_size_mm(desk.documents.pdf(a4.id))] == [210, 297]
    # The same values, only the reprint's number and date added...
    original, copy = stored_inputs(desk, roll.id), stored_inputs(desk, a4.id)
    assert {**copy, "reprint": 0, "reprinted_on": None} == original
    # ...and the same text on paper, in the same order, marked 补打.
    texts = [squash(text_pypdf(desk.documents.pdf(d.id))) for d in (roll, a4)]
    facts = [
        "郭仓便民受字〔2026〕第0001号",  # the original's serial number, on the copy too
        squash(tracking_numbers.display(case.tracking_number)),
        "最低生活保障申请",
        "王䶮",
        applicant.id_number[:4] + "**********" + applicant.id_number[-4:],
        *(m.name for m in case.received),
        "2026年12月21日",
        "演示窗口员",
        "0537-7200000",
    ]
    for text in texts:
        positions = [text.find(f) for f in facts]
        assert -1 not in positions, [f for f, p in zip(facts, positions, strict=True) if p < 0]
        assert positions == sorted(positions)
    assert "补打" not in texts[0]
    assert "第1次补打" in texts[1] and "补打日期：2026年11月24日" in texts[1]
    assert desk.documents.verify(a4.id)
    # Without a layout a reprint keeps the layout of the document it copies.
    assert desk.documents.reprint(roll.id, staff_id=clerk.id).layout == "roll80"
    assert desk.documents.reprint(a4.id, staff_id=clerk.id).layout == "a4"
    reprints = [d.reprint for d in desk.documents.for_case(case.id)]
    assert reprints == [0, 1, 2, 3]


def test_an_unknown_layout_is_refused(desk, clerk, applicant) -> None:
    case = accepted_case(desk, clerk, applicant)
    with unchanged(desk), pytest.raises(InvalidInput, match="layout"):
        desk.documents.issue_for_case(case.id, staff_id=clerk.id, layout="letter")
    (doc,) = desk.documents.issue_for_case(case.id, staff_id=clerk.id)
    with unchanged(desk), pytest.raises(InvalidInput, match="must be one of a4, roll80"):
        desk.documents.reprint(doc.id, staff_id=clerk.id, layout="A5")

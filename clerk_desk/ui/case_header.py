"""The case page's header: who, what, which dates.

:class:`CaseHeader` shows a case's facts and collects nothing. Its texts keep
the ``CaseDetail`` translation context they had before the case page was split.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QWidget

from clerk_desk import tracking_numbers
from clerk_desk.applicants import ApplicantRecord
from clerk_desk.cases import CaseView
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.case_timeline import join_list


def fact_label(name: str) -> QLabel:
    """A label of the case page: plain text, wrapped, selectable with the mouse."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CaseHeader(QGroupBox):
    """The case's facts in two columns; a row with nothing to say is hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("CaseDetail", "Case"), parent)
        self.setObjectName("case_header")
        self.tracking_label = fact_label("tracking_number")
        font = self.tracking_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.tracking_label.setFont(font)
        self.query_code_label = fact_label("query_code")
        self.state_label = fact_label("case_state")
        self.item_label = fact_label("case_item")
        self.applicant_label = fact_label("case_applicant")
        self.first_clerk_label = fact_label("first_clerk")
        self.proxy_label = fact_label("case_proxy")
        self.letter_label = fact_label("authorization_letter")
        self.accepted_label = fact_label("accepted_on")
        self.due_label = fact_label("due_on")
        self.promise_label = fact_label("promise_date")
        self.rejection_label = fact_label("rejection_reason")

        left = QFormLayout()
        left.addRow(QCoreApplication.translate("CaseDetail", "Tracking no.:"), self.tracking_label)
        left.addRow(QCoreApplication.translate("CaseDetail", "Query code:"), self.query_code_label)
        left.addRow(QCoreApplication.translate("CaseDetail", "State:"), self.state_label)
        left.addRow(QCoreApplication.translate("CaseDetail", "Service item:"), self.item_label)
        left.addRow(QCoreApplication.translate("CaseDetail", "Applicant:"), self.applicant_label)
        left.addRow(
            QCoreApplication.translate("CaseDetail", "First-contact clerk:"), self.first_clerk_label
        )
        right = QFormLayout()
        right.addRow(
            QCoreApplication.translate("CaseDetail", "Acting for the applicant:"), self.proxy_label
        )
        right.addRow(
            QCoreApplication.translate("CaseDetail", "Letter of authorisation:"), self.letter_label
        )
        right.addRow(QCoreApplication.translate("CaseDetail", "Accepted on:"), self.accepted_label)
        right.addRow(QCoreApplication.translate("CaseDetail", "Due date:"), self.due_label)
        right.addRow(
            QCoreApplication.translate("CaseDetail", "Materials promised by:"), self.promise_label
        )
        right.addRow(
            QCoreApplication.translate("CaseDetail", "Rejected because:"), self.rejection_label
        )
        self._right_form = right
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    def show_case(self, view: CaseView) -> None:
        try:
            number = tracking_numbers.display(view.tracking_number)
        except ValueError:
            number = view.tracking_number
        self.tracking_label.setText(number)
        self.query_code_label.setText(tracking_numbers.display_query_code(view.query_code))
        self.state_label.setText(state_name(view.state))
        item = view.stored_item.item
        self.item_label.setText(
            QCoreApplication.translate("CaseDetail", "{name} ({code}, catalog {version})").format(
                name=item.name, code=item.code, version=view.stored_item.version_label
            )
        )
        self.applicant_label.setText(self._person(view.applicant.name, view.applicant))
        clerk = view.first_clerk
        self.first_clerk_label.setText(
            QCoreApplication.translate("CaseDetail", "{name}, window {window}").format(
                name=clerk.name, window=clerk.window
            )
            if clerk.window
            else clerk.name
        )
        self._row(self.proxy_label, self._person(view.proxy.name, view.proxy) if view.proxy else "")
        self._row(self.letter_label, view.authorization_letter or "")
        self._row(self.accepted_label, view.accepted_on.isoformat() if view.accepted_on else "")
        due = ""
        if view.due_on is not None:
            due = view.due_on.isoformat()
            if view.due_provisional:
                years = join_list(view.due_unpublished_years)
                due = QCoreApplication.translate(
                    "CaseDetail",
                    "{date} (provisional: the holiday schedule for {years} is not published yet)",
                ).format(date=due, years=years)
        elif view.accepted_on is not None and view.stored_item.item.time_limit.immediate:
            due = QCoreApplication.translate(
                "CaseDetail", "Immediate item: completed at the counter"
            )
        self._row(self.due_label, due)
        self._row(self.promise_label, view.promise_date.isoformat() if view.promise_date else "")
        rejection = ""
        if view.rejection:
            rejection = view.rejection.get("reason", "")
            if view.rejection.get("legal_basis"):
                rejection += "\n" + QCoreApplication.translate(
                    "CaseDetail", "Legal basis: {basis}"
                ).format(basis=view.rejection["legal_basis"])
            if view.rejection.get("competent_body"):
                rejection += "\n" + QCoreApplication.translate(
                    "CaseDetail", "Turn to: {body}"
                ).format(body=view.rejection["competent_body"])
        self._row(self.rejection_label, rejection)

    def _person(self, name: str, record: ApplicantRecord) -> str:
        # A logged-in clerk sees the full ID number (documents print it masked).
        parts = [name, record.id_number]
        if record.contact_person:
            parts.append(
                QCoreApplication.translate("CaseDetail", "contact {name}").format(
                    name=record.contact_person
                )
            )
        if record.phone:
            parts.append(
                QCoreApplication.translate("CaseDetail", "phone {phone}").format(phone=record.phone)
            )
        return "  ".join(p for p in parts if p)

    def _row(self, label: QLabel, text: str) -> None:
        label.setText(text)
        self._right_form.setRowVisible(label, bool(text))

"""The applicant's section of the intake page: who applies, and who acts for them.

It shows and collects: the panel hands what is typed to the controller and
what the controller found back here. A refusal naming one of its fields is
shown on a line right under that field (``errors``, the page's). Words keep
the ``IntakePanel`` translation context they were reviewed in.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from clerk_desk.applicants import ApplicantRecord
from clerk_desk.cases import CaseView
from clerk_desk.id_card import IdCardData
from clerk_desk.tracking_numbers import display
from clerk_desk.ui.actions import shortcut_tooltip
from clerk_desk.ui.field_errors import FieldErrors
from clerk_desk.ui.intake_sections import banner
from clerk_desk.ui.intake_steps import ApplicantForm
from clerk_desk.ui.messages import date_text

PROXY_SHORTCUT = "Alt+P"


class ApplicantSection(QGroupBox):
    """The applicant's ID number, name and phone, and whoever acts for them.

    Alt+P (an action of ``owner``, the page) ticks "someone acts"; Enter in
    the phone field goes on to the proxy's fields, the letter or
    ``next_field`` (the item search).

    Signals:
        noted(str): a line for the page's status (a known applicant, a new one...).
    """

    noted = Signal(str)

    def __init__(self, owner: QWidget, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("IntakePanel", "1 Applicant"), parent)
        self.errors = errors
        self._agent = False
        self.next_field: QWidget | None = None
        # A name just read from the card wins over an older spelling on file.
        self.card_name = ""
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("id_number")
        # Short enough for the field at 1366x768; the tooltip says the rest.
        self.id_edit.setPlaceholderText(
            QCoreApplication.translate("IntakePanel", "ID or tracking number, Enter")
        )
        self.id_edit.setToolTip(
            QCoreApplication.translate(
                "IntakePanel",
                "The applicant's ID number or credit code (typed, or F8 for the card "
                "reader), or a case's tracking number; then Enter",
            )
        )
        self.id_edit.setMaxLength(256)  # wedge readers may type a whole card record
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("applicant_name")
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("phone")
        self.proxy_check = QCheckBox(
            QCoreApplication.translate(
                "IntakePanel", "Someone acts for the applicant (letter of authorisation)"
            )
        )
        self.proxy_check.setObjectName("proxy_check")
        self.proxy_id_edit = QLineEdit()
        self.proxy_id_edit.setObjectName("proxy_id_number")
        self.proxy_id_edit.setPlaceholderText(
            QCoreApplication.translate("IntakePanel", "ID number, then Enter")
        )
        self.proxy_name_edit = QLineEdit()
        self.proxy_name_edit.setObjectName("proxy_name")
        self.letter_edit = QLineEdit()
        self.letter_edit.setObjectName("authorization_letter")
        self.proxy_box = QWidget()
        self._proxy_form = QFormLayout(self.proxy_box)
        self._proxy_form.setContentsMargins(0, 0, 0, 0)
        translate = QCoreApplication.translate
        rows: list[tuple[QFormLayout, str, QLineEdit, tuple[str, ...]]] = [
            (
                self._proxy_form,
                translate("IntakePanel", "Proxy ID number:"),
                self.proxy_id_edit,
                ("proxy.applicant_id", "proxy.id_number", "proxy.credit_code"),
            ),
            (
                self._proxy_form,
                translate("IntakePanel", "Proxy name:"),
                self.proxy_name_edit,
                ("proxy.name",),
            ),
            (
                self._proxy_form,
                translate("IntakePanel", "Letter of authorisation:"),
                self.letter_edit,
                # "proxy": a village agent needs the letter
                ("proxy", "proxy.authorization_letter"),
            ),
        ]
        self.proxy_box.setVisible(False)
        self.returning_label = banner("returning_banner")
        self.returning_label.setVisible(False)

        form = QFormLayout(self)
        rows[:0] = [
            # A wedge reader's record (id_card) and a tracking number land in the ID field.
            (
                form,
                translate("IntakePanel", "&ID number:"),
                self.id_edit,
                ("id_number", "credit_code", "tracking_number", "id_card"),
            ),
            (form, translate("IntakePanel", "Na&me:"), self.name_edit, ("name",)),
            (form, translate("IntakePanel", "P&hone:"), self.phone_edit, ("phone",)),
        ]
        for layout, label, edit, names in rows:
            errors.add_row(layout, label, edit, names)
        form.addRow(self.proxy_check)
        form.addRow(self.proxy_box)
        form.addRow(self.returning_label)
        self.name_edit.returnPressed.connect(self.phone_edit.setFocus)
        self.phone_edit.returnPressed.connect(self._after_fields)
        self.proxy_check.toggled.connect(self._toggle_proxy)
        self.proxy_name_edit.returnPressed.connect(self.letter_edit.setFocus)
        self.proxy_action = QAction(self.proxy_check.text(), owner)
        self.proxy_action.setObjectName("action_proxy")
        self.proxy_action.setShortcut(QKeySequence(PROXY_SHORTCUT))
        self.proxy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.proxy_action.triggered.connect(self._toggle_proxy_by_key)
        owner.addAction(self.proxy_action)
        tip = shortcut_tooltip(self.proxy_check.text(), PROXY_SHORTCUT)
        self.proxy_check.setToolTip(tip)
        self.proxy_action.setToolTip(tip)

    def _go_on(self) -> None:
        if self.next_field is not None:
            self.next_field.setFocus()

    def _after_fields(self) -> None:
        if self._agent:
            self.letter_edit.setFocus()
        elif self.proxy_check.isChecked():
            self.proxy_id_edit.setFocus()
        else:
            self._go_on()

    def _toggle_proxy_by_key(self) -> None:
        if self.proxy_check.isVisible() and self.proxy_check.isEnabled():
            self.proxy_check.toggle()

    def _toggle_proxy(self, on: bool) -> None:
        self.layout_proxy()
        if on:
            self.proxy_id_edit.setFocus()

    def set_agent(self, agent: bool) -> None:
        """A village agent acts for the applicant: the letter is asked for from the start."""
        self._agent = agent
        self.proxy_check.setVisible(not agent)
        if agent:
            self.letter_edit.setPlaceholderText(
                QCoreApplication.translate(
                    "IntakePanel", "The applicant's letter of authorisation for you (required)"
                )
            )
        else:
            self.letter_edit.setPlaceholderText(
                QCoreApplication.translate(
                    "IntakePanel", "e.g. 授权委托书 2026-11-20, signed by the applicant"
                )
            )
        self.layout_proxy()

    def layout_proxy(self) -> None:
        person = self.proxy_check.isChecked() and not self._agent
        for edit in (self.proxy_id_edit, self.proxy_name_edit):
            self._proxy_form.setRowVisible(edit, person)
            line = self.errors.line(edit)
            if line is not None and not person:
                line.clear()  # no error under a field that is gone
        self.proxy_box.setVisible(person or self._agent)

    def acting(self) -> bool:
        """Someone other than a village agent acts for the applicant in person."""
        return self.proxy_check.isChecked() and not self._agent

    def form(self) -> ApplicantForm:
        acting = self.acting()
        return ApplicantForm(
            id_number=self.id_edit.text(),
            name=self.name_edit.text(),
            phone=self.phone_edit.text(),
            letter=self.letter_edit.text(),
            proxy=(self.proxy_id_edit.text(), self.proxy_name_edit.text()) if acting else None,
        )

    def person_edits(self) -> tuple[QLineEdit, ...]:
        """The applicant's and the proxy's fields."""
        return (
            self.id_edit,
            self.name_edit,
            self.phone_edit,
            self.proxy_id_edit,
            self.proxy_name_edit,
            self.letter_edit,
        )

    def lock(self, locked: bool) -> None:
        """A case's applicant and proxy are fixed once it is open."""
        for edit in self.person_edits():
            edit.setReadOnly(locked)
        self.proxy_check.setEnabled(not locked)

    def clear(self) -> None:
        self.card_name = ""
        for edit in self.person_edits():
            edit.clear()
        self.lock(False)
        self.proxy_check.setChecked(False)
        self.layout_proxy()
        self.returning_label.setVisible(False)

    def missing_letter(self) -> str | None:
        """Why the case cannot open yet: a letter of authorisation is needed (None: it is not)."""
        if not (self._agent or self.acting()) or self.letter_edit.text().strip():
            return None
        if self._agent:
            return QCoreApplication.translate(
                "IntakePanel",
                "A village agent needs the applicant's letter of authorisation: enter it first.",
            )
        return QCoreApplication.translate(
            "IntakePanel",
            "Someone acts for the applicant: enter their letter of authorisation first.",
        )

    def show_card(self, card: IdCardData, today: date) -> None:
        """What an ID card reader read (and whether the card has expired)."""
        if card.is_expired(today):
            self.noted.emit(
                QCoreApplication.translate(
                    "IntakePanel", "Note: this ID card expired on {date}."
                ).format(date=date_text(card.valid_until) if card.valid_until else "")
            )
        self.id_edit.setText(card.id_number)
        self.name_edit.setText(card.name)
        self.card_name = card.name

    def show_found(self, found: ApplicantRecord | None, waiting: list[CaseView]) -> None:
        """The applicant found (None: a new one), the cursor where typing goes on."""
        if found is None:
            self.noted.emit(
                QCoreApplication.translate(
                    "IntakePanel", "New applicant: enter the name and phone."
                )
            )
            self.name_edit.setFocus()
            return
        self.id_edit.setText(found.id_number)
        self.name_edit.setText(self.card_name or found.name)
        self.phone_edit.setText(found.phone)
        self.noted.emit(QCoreApplication.translate("IntakePanel", "Known applicant."))
        if waiting:
            self.show_returning(waiting)
        if self._agent and not self.letter_edit.text().strip():
            self.letter_edit.setFocus()
        else:
            self._go_on()

    def show_proxy_found(self, found: ApplicantRecord | None) -> None:
        """The person acting found (None: a new one, asked for the name)."""
        if found is None:
            self.noted.emit(
                QCoreApplication.translate(
                    "IntakePanel", "New person acting for the applicant: enter the name."
                )
            )
            self.proxy_name_edit.setFocus()
            return
        self.proxy_id_edit.setText(found.id_number)
        self.proxy_name_edit.setText(found.name)
        self.noted.emit(
            QCoreApplication.translate(
                "IntakePanel", "Known person acting for the applicant: {name}."
            ).format(name=found.name)
        )
        self.letter_edit.setFocus()

    def show_returning(self, waiting: list[CaseView]) -> None:
        """The banner: one case a line, so that no tracking number breaks in two."""
        lines = [
            QCoreApplication.translate(
                "IntakePanel", "Returning with a one-time notice; F4 re-checks it:"
            )
        ]
        lines += [f"{display(c.tracking_number)}  {c.stored_item.item.name}" for c in waiting]
        self.returning_label.setText("\n".join(lines))
        self.returning_label.setVisible(True)

    def show_case(self, case: CaseView) -> None:
        """The case's applicant and proxy, fixed."""
        self.id_edit.setText(case.applicant.id_number)
        self.name_edit.setText(case.applicant.name)
        self.phone_edit.setText(case.applicant.phone)
        acting = case.proxy is not None or bool(case.authorization_letter)
        self.proxy_check.blockSignals(True)
        self.proxy_check.setChecked(acting and not self._agent)
        self.proxy_check.blockSignals(False)
        self.layout_proxy()
        self.proxy_id_edit.setText(case.proxy.id_number if case.proxy else "")
        self.proxy_name_edit.setText(case.proxy.name if case.proxy else "")
        self.letter_edit.setText(case.authorization_letter or "")
        self.lock(True)
        self.returning_label.setVisible(False)

    def typed_but_unsaved(self, known: ApplicantRecord | None) -> bool:
        """Something typed for an applicant that no case holds yet."""
        name, phone = self.name_edit.text().strip(), self.phone_edit.text().strip()
        person = (
            bool(name or phone) if known is None else (name, phone) != (known.name, known.phone)
        )
        proxy = any(
            e.text().strip() for e in (self.proxy_id_edit, self.proxy_name_edit, self.letter_edit)
        )
        return person or proxy

    def field_for(self, where: str) -> QLineEdit | None:
        """The field an InvalidInput's ``where`` names (None: not one of these)."""
        field = self.errors.field(where)
        return field if isinstance(field, QLineEdit) and field in self.person_edits() else None

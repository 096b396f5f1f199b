"""The first-start dialog: the centre's first admin and the bodies its documents name.

Shown at start while the store has no real admin (the embedded default has
only the demo account). It creates the first admin (login, name, password
twice) and sets the deciding body (决定机关), the administrative review body
(行政复议机关) and the court a rejection names: all required, all saved in one
transaction (``Desk.set_up_centre``), which also disables the demo account.
Or the clerk continues with the demo account, and the status bar says what it is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clerk_desk.centre_setup import CENTRE_BODIES, CentreSetup
from clerk_desk.first_run import demo_bodies_left
from clerk_desk.staff import StaffRecord
from clerk_desk.ui.context import UiContext
from clerk_desk.ui.field_errors import FieldErrors, MessageLine, size_for_content
from clerk_desk.ui.messages import describe
from clerk_desk.ui.ops import Op, OpChanges
from clerk_desk.ui.staff_dialogs import NewPasswordFields, show_refusal

VIA_FIRST_START = "first_start"


class FirstStartDialog(QDialog):
    """The first admin and the centre's bodies, or the demo account for now.

    Signals:
        admin_created(object): the StaffRecord of the first admin (the demo account is off).
    """

    admin_created = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_start_dialog")
        self.setWindowTitle(self.tr("ClerkDesk - first start"))
        self._ctx = ctx
        settings = ctx.desk.settings()
        intro = QLabel(
            self.tr(
                "This terminal has no admin yet. Create the centre's first admin account "
                "and name the bodies its documents carry. The demo account is then disabled."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        # Each field's refusal on a line under it; one naming no field above the buttons.
        self.error = MessageLine("dialog_error", error=True)
        self.errors = FieldErrors(self.error)
        admin_box = QGroupBox(self.tr("First admin"))
        admin_form = QFormLayout(admin_box)
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.errors.add_row(admin_form, self.tr("&Login:"), self.login_edit)
        self.errors.add_row(admin_form, self.tr("&Name:"), self.name_edit)
        self.passwords = NewPasswordFields(
            admin_form, self.tr("&Password:"), self.tr("Re&type password:"), self.errors
        )

        bodies_box = QGroupBox(self.tr("The centre's documents"))
        bodies_form = QFormLayout(bodies_box)
        labels = {
            "decision_authority": self.tr("&Deciding body:"),
            "reconsideration_body": self.tr("Administrative &review body:"),
            "court": self.tr("&Court:"),
        }
        self.body_edits: dict[str, QLineEdit] = {}
        for field in CENTRE_BODIES:
            # A demo value of the embedded default is not offered for a real centre.
            value = getattr(settings, field)
            edit = QLineEdit("" if field in demo_bodies_left(settings) else value)
            edit.setObjectName(field)
            self.body_edits[field] = edit
            self.errors.add_row(bodies_form, labels[field], edit)
        hint = QLabel(
            self.tr("A rejection cannot be issued while the review body or the court is empty.")
        )
        hint.setWordWrap(True)
        bodies_form.addRow(hint)

        self.buttons = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("Create the &admin"))
        self.create_button.setObjectName("create_admin_button")
        self.create_button.setDefault(True)
        self.demo_button = QPushButton(self.tr("Continue &with the demo account"))
        self.demo_button.setObjectName("continue_demo_button")
        self.demo_button.setToolTip(
            self.tr("Only to try the program: the demo account is not for real cases (Esc).")
        )
        self.buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.clicked.connect(self._submit)
        self.demo_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(admin_box)
        layout.addWidget(bodies_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._busy = False
        size_for_content(self)
        self.login_edit.setFocus()

    def setup(self) -> CentreSetup:
        return CentreSetup(
            login=self.login_edit.text().strip(),
            name=self.name_edit.text().strip(),
            password=self.passwords.text(),
            **{field: edit.text().strip() for field, edit in self.body_edits.items()},
        )

    def _submit(self) -> None:
        if self._busy:
            return
        self.errors.clear()  # one refusal at a time: what is sent now is checked anew
        setup = self.setup()
        if not setup.login:
            self.show_error("login", self.tr("Enter the login."))
            return
        problem = self.passwords.problem(setup.login)
        if problem is not None:
            self.show_error(*problem)
            return
        desk = self._ctx.desk
        self._busy = True
        self.create_button.setEnabled(False)
        Op(
            self._ctx,
            lambda: desk.set_up_centre(setup, via=VIA_FIRST_START),
            # The centre's name and the demo account's end: every screen reads them again.
            changes=lambda admin: OpChanges(staff=(admin,), settings=desk.settings()),
        ).success(self._created).failure(self._refused).run(self)

    def _created(self, admin: StaffRecord) -> None:
        self._busy = False
        self.create_button.setEnabled(True)
        self.passwords.clear()
        self.admin_created.emit(admin)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        self.create_button.setEnabled(True)
        self.show_error(getattr(error, "where", ""), describe(error))

    def show_error(self, where: str, text: str) -> None:
        """A refusal: under the field it names (the cursor in it), or above the buttons."""
        show_refusal(self, self.errors, where, text)

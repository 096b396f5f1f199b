"""The foot of the intake page: the outcome buttons, the status line, the error line.

The status line says where the intake stands (a case opened, taken up again,
kept, decided); the error line says what was refused, when the refusal names
no field of the page (one that does is shown under its field). Both take no
room while empty. Words keep the ``IntakePanel`` translation context they
were reviewed in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from clerk_desk.cases import CaseView
from clerk_desk.errors import ClerkDeskError
from clerk_desk.intake import StartedCase
from clerk_desk.lifecycle import OPEN_INTAKE_STATES, CaseState
from clerk_desk.outcomes import Outcome as Ending
from clerk_desk.tracking_numbers import display
from clerk_desk.ui.actions import action_button
from clerk_desk.ui.case_list_model import state_name
from clerk_desk.ui.field_errors import MessageLine
from clerk_desk.ui.intake_checklist import ChecklistSummary
from clerk_desk.ui.messages import describe
from clerk_desk.ui.terminal_status import freeze_words

MAIN_OUTCOME_KEY = "Ctrl+Return"  # accept at the counter, collect at the village


def summary_words(summary: ChecklistSummary) -> str:
    """已收3项，缺2项（含关键材料1项）→ 可一次性告知 (in the clerk's language)."""
    translate = QCoreApplication.translate
    if summary.missing == 0:
        counts = translate("IntakePanel", "{received} received, none missing").format(
            received=summary.received
        )
    elif summary.key_missing == 0:
        counts = translate("IntakePanel", "{received} received, {missing} missing").format(
            received=summary.received, missing=summary.missing
        )
    else:
        counts = translate(
            "IntakePanel", "{received} received, {missing} missing ({key} of them key)"
        ).format(received=summary.received, missing=summary.missing, key=summary.key_missing)
    outcome = (
        {
            Ending.ACCEPT: translate("IntakePanel", "may be accepted"),
            Ending.TOLERANT: translate("IntakePanel", "may be accepted tolerantly"),
            Ending.NOTICE: translate("IntakePanel", "a one-time notice may be issued"),
            Ending.COLLECT: translate("IntakePanel", "may be collected for the township"),
        }.get(summary.next_outcome)
        if summary.next_outcome is not None
        else None
    )
    if outcome is None:
        return counts
    return translate("IntakePanel", "{counts} → {outcome}").format(counts=counts, outcome=outcome)


class OutcomesBar(QWidget):
    """The outcome buttons, then the status line and the error line.

    Each button triggers an action of ``owner`` (the intake page), so that its
    key works wherever the focus is on the page. Buttons and their shortcuts
    are enabled and disabled together: while an outcome runs, neither a click
    nor a key can take a second one.
    """

    def __init__(self, owner: QWidget, slots: Mapping[Ending, Callable[[], None]]) -> None:
        super().__init__()
        texts = {
            Ending.ACCEPT: (
                QCoreApplication.translate("IntakePanel", "&Accept"),
                MAIN_OUTCOME_KEY,
            ),
            Ending.TOLERANT: (
                QCoreApplication.translate("IntakePanel", "&Tolerant acceptance"),
                "Ctrl+T",
            ),
            Ending.NOTICE: (
                QCoreApplication.translate("IntakePanel", "One-time &notice"),
                "Ctrl+N",
            ),
            Ending.REJECT: (QCoreApplication.translate("IntakePanel", "&Reject"), "Ctrl+R"),
            # A village agent's only outcome; it takes the accept key (see set_agent).
            Ending.COLLECT: (
                QCoreApplication.translate("IntakePanel", "&Collect for the township"),
                MAIN_OUTCOME_KEY,
            ),
        }
        self._controls: dict[Ending, tuple[QPushButton, QAction]] = {
            ending: action_button(owner, text, key, slots[ending], ending.value)
            for ending, (text, key) in texts.items()
        }
        collect = self.button(Ending.COLLECT)
        collect.setToolTip(
            collect.toolTip()
            + "\n"
            + QCoreApplication.translate(
                "IntakePanel", "The township accepts or notifies after the hand-over"
            )
        )
        self._notice_tip = self.button(Ending.NOTICE).toolTip()
        self.error_label = MessageLine("intake_error", error=True)
        self.status_label = MessageLine("intake_status")
        # Where the checklist stands and what it allows: 已收3项，缺2项（含关键材料1项）→ 可一次性告知.
        self.summary_label = QLabel()
        self.summary_label.setObjectName("intake_summary")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setStyleSheet("font-weight: bold")
        self.summary_label.hide()
        row = QHBoxLayout()
        for ending, (button, _action) in self._controls.items():
            if ending is Ending.REJECT:
                continue
            row.addWidget(button)
        # 不予受理 stands apart, at the far end; it asks before it is issued.
        row.addStretch(1)
        row.addWidget(self.button(Ending.REJECT))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)

    def button(self, ending: Ending) -> QPushButton:
        return self._controls[ending][0]

    def set_agent(self, agent: bool) -> None:
        """An agent collects; the counter's four outcomes are the township's."""
        for ending, (button, action) in self._controls.items():
            mine = (ending is Ending.COLLECT) == agent
            button.setVisible(mine)
            if ending in (Ending.ACCEPT, Ending.COLLECT):
                action.setShortcut(QKeySequence(MAIN_OUTCOME_KEY) if mine else QKeySequence())

    def show_summary(self, summary: ChecklistSummary | None) -> None:
        """The checklist's counts and the outcome they allow, which becomes the primary button."""
        primary = summary.next_outcome if summary is not None else None
        for ending, (button, _action) in self._controls.items():
            font = button.font()
            font.setBold(ending is primary)
            button.setFont(font)
        if summary is None:
            self.summary_label.clear()
            self.summary_label.hide()
            return
        self.summary_label.setText(summary_words(summary))
        self.summary_label.show()

    def enable(self, outcomes: set[Ending]) -> None:
        """Only these outcomes' buttons and keys work."""
        for ending, (button, action) in self._controls.items():
            button.setEnabled(ending in outcomes)
            action.setEnabled(ending in outcomes)

    def show_notice_blocker(self, blocker: ClerkDeskError | None) -> None:
        """Why the day rules a one-time notice out: on its button and the status line."""
        notice = self.button(Ending.NOTICE)
        if blocker is None:
            notice.setToolTip(self._notice_tip)
            return
        why = describe(blocker)
        notice.setToolTip(f"{self._notice_tip}\n{why}")
        self.add_status(why)

    def add_status(self, line: str) -> None:
        """One more line on the status, once."""
        if line not in self.status_label.text():
            self.status_label.setText(f"{self.status_label.text()}\n{line}".strip())

    def show_kept(self, kept: CaseView | None) -> None:
        """After Esc: the case left behind, if it is still at intake, and how to go on."""
        self.error_label.clear()
        self.status_label.clear()
        if kept is not None and kept.state in OPEN_INTAKE_STATES:
            self.status_label.setText(
                QCoreApplication.translate(
                    "IntakePanel",
                    "Case {number} is kept as it is ({state}): type its tracking number to go on.",
                ).format(number=display(kept.tracking_number), state=state_name(kept.state))
            )

    def show_opened(self, started: StartedCase) -> None:
        opened = QCoreApplication.translate("IntakePanel", "Case {number} opened.").format(
            number=display(started.case.tracking_number)
        )
        if started.freeze is not None and started.freeze.warned:
            # The freeze policy warns as a new intake opens (it never blocks here).
            opened += "\n" + freeze_words(started.freeze)[1]
        self.status_label.setText(opened)

    def show_taken_up(self, case: CaseView) -> None:
        number = display(case.tracking_number)
        if case.state is CaseState.NOTICE_ISSUED:
            text = QCoreApplication.translate(
                "IntakePanel",
                "Case {number}: tick what the applicant brought. Esc keeps what came so far.",
            ).format(number=number)
        elif case.state is CaseState.CONSULTED:
            text = QCoreApplication.translate(
                "IntakePanel", "Case {number} taken up where it stopped."
            ).format(number=number)
        else:
            text = QCoreApplication.translate(
                "IntakePanel",
                "Case {number} from the village agent {agent}: check the materials that "
                "arrived, then accept, accept tolerantly, notify or reject.",
            ).format(number=number, agent=case.first_clerk.name)
        self.status_label.setText(text)

    def show_not_taken_up(self, view: CaseView) -> None:
        """A case the intake has nothing to take in from: where it is."""
        if view.state is CaseState.COLLECTED:
            text = QCoreApplication.translate(
                "IntakePanel",
                "Case {number} ({item}, {name}) was collected by the village agent {agent}: "
                "the township checks and decides it once its handover list is received (F7).",
            ).format(
                number=display(view.tracking_number),
                item=view.stored_item.item.name,
                name=view.applicant.name,
                agent=view.first_clerk.name,
            )
        else:
            text = QCoreApplication.translate(
                "IntakePanel",
                "Case {number} ({item}, {name}) is {state}: the intake has nothing left to "
                "take in. Open it from the case list for its next steps.",
            ).format(
                number=display(view.tracking_number),
                item=view.stored_item.item.name,
                name=view.applicant.name,
                state=state_name(view.state),
            )
        self.status_label.setText(text)

    def show_outcome(self, view: CaseView, error: ClerkDeskError | None) -> None:
        """The case's new state, what to hand over, and a document that could not be made."""
        if error:
            self.error_label.setText(
                QCoreApplication.translate(
                    "IntakePanel", "The case stands, but its document could not be made: {error}"
                ).format(error=describe(error))
            )
        status = QCoreApplication.translate("IntakePanel", "Case {number}: {state}.").format(
            number=display(view.tracking_number), state=state_name(view.state)
        )
        if view.state is CaseState.COLLECTED:
            status += " " + QCoreApplication.translate(
                "IntakePanel",
                "Hand the applicant the receipt; the case goes to the township on your "
                "next handover list (F7).",
            )
        elif view.collected_at is not None:
            status += " " + QCoreApplication.translate(
                "IntakePanel",
                "The documents go back to the applicant through the village agent {agent}.",
            ).format(agent=view.first_clerk.name)
        self.status_label.setText(status)

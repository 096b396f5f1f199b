"""What a staff account is: its role, the one name every check compares with.

A :class:`Role` is a StrEnum whose values are the text stored in ``staff.role``
(and checked by its constraint), so a stored row, a sync payload and a role
compare equal without a conversion and no stored value changes.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A staff account's role."""

    CLERK = "clerk"  # 窗口工作人员: takes cases at the township's counter
    AGENT = "agent"  # 代办员: collects cases at a village point, decides none
    SUPERVISOR = "supervisor"  # answers for the counter staff; the centre's settings
    ADMIN = "admin"  # manages accounts and the terminal


# The stored values, in the order the staff page and the command line offer them.
STAFF_ROLES = tuple(r.value for r in Role)

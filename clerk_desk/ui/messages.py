"""Errors from the domain in the clerk's language.

The domain raises English templates with their values
(:mod:`clerk_desk.errors`); :func:`describe` translates the template
(context ``DomainMessages``) and fills the values in. The templates and the
fields' names are listed in :mod:`clerk_desk.ui.message_catalog`, where lupdate
finds them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate

from clerk_desk import tracking_numbers
from clerk_desk.errors import ClerkDeskError, InvalidInput
from clerk_desk.lifecycle import CaseState
from clerk_desk.ui.message_catalog import field_labels

_CONTEXT = "DomainMessages"
# Parameters that hold a case state: shown as the state's name in the UI's language.
_STATE_PARAMS = frozenset({"state", "current", "target"})
# ... several case states, comma-separated ("completed, in_progress").
_STATE_LIST_PARAMS = frozenset({"states"})
# ... a field or a kind of number ("address", "tracking number"): its field label.
_FIELD_PARAMS = frozenset({"field", "what"})
# ... several fields, comma-separated ("name, sex, ethnicity").
_FIELD_LIST_PARAMS = frozenset({"fields"})
# ... a service level ("village", "township", "county").
_LEVEL_PARAMS = frozenset({"level", "counter_level"})
# ... things named one after the other ("居民身份证, 居民户口簿"): the clerk's list separator.
_NAME_LIST_PARAMS = frozenset({"materials", "questions"})
# ... a staff account's role ("clerk", "supervisor"...): its name.
_ROLE_PARAMS = frozenset({"role", "actor_role"})
# ... a tracking number: in its printed grouping (XXX-XXX-XXX-XXX-X).
_TRACKING_PARAMS = frozenset({"number"})
# ... fields of a printed document's input ("applicant.name, missing[2].note").
_DOCUMENT_FIELD_PARAMS = frozenset({"document_fields"})
# ... a day (ISO, 2026-11-23): written as a sentence writes it, 2026年11月23日.
_DATE_PARAMS = frozenset(
    {
        "day",
        "date",
        "today",
        "birth",
        "card_birth",
        "id_birth",
        "earliest",
        "received_on",
        "opened_on",
        "due_on",
        "due_by",
        "valid_from",
        "valid_until",
    }
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _state_name(value: str) -> str:
    from clerk_desk.ui.case_list_model import state_name

    try:
        return state_name(CaseState(value))
    except ValueError:
        return value


def _field_name(value: str) -> str:
    """A field named inside a message; kept as written while the label is only its English."""
    label = field_label(value)
    return value if label.casefold() == value.casefold() else label


def _level_name(value: str) -> str:
    translate = QCoreApplication.translate
    names = {
        "village": translate("DomainMessages", "village"),
        "township": translate("DomainMessages", "township"),
        "county": translate("DomainMessages", "county"),
    }
    return names.get(value, value)


def role_name(role: str) -> str:
    """A staff role as the centre calls it."""
    translate = QCoreApplication.translate
    names = {
        "clerk": translate("DomainMessages", "clerk"),
        "agent": translate("DomainMessages", "village agent"),
        "supervisor": translate("DomainMessages", "supervisor"),
        "admin": translate("DomainMessages", "admin"),
    }
    return names.get(role, role)


def _list_separator() -> str:
    return QCoreApplication.translate("DomainMessages", ", ")


def date_text(day: date | str) -> str:
    """A day inside a sentence: 2026年11月23日 in Chinese (the glossary), 2026-11-23 in English.

    Lists and columns keep the ISO form; this is for the words around a date.
    """
    d = day if isinstance(day, date) else date.fromisoformat(day)
    # A Qt date format, translated: zh_CN writes yyyy年M月d日.
    shape = QCoreApplication.translate("DomainMessages", "yyyy-MM-dd")
    return QDate(d.year, d.month, d.day).toString(shape)


def _shown(key: str, value: Any) -> Any:
    """A parameter as the clerk should read it."""
    if isinstance(value, ClerkDeskError):  # a phrase: template and values of its own
        return _message(value)
    if key in _DATE_PARAMS and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return date_text(value)
    if key in _STATE_PARAMS:
        return _state_name(str(value))
    if key in _STATE_LIST_PARAMS:
        return _list_separator().join(_state_name(v) for v in str(value).split(", "))
    if key in _FIELD_PARAMS:
        return _field_name(str(value))
    if key in _FIELD_LIST_PARAMS:
        return _list_separator().join(_field_name(v) for v in str(value).split(", "))
    if key in _LEVEL_PARAMS:
        return _level_name(str(value))
    if key in _ROLE_PARAMS:
        return role_name(str(value))
    if key in _NAME_LIST_PARAMS:
        return _list_separator().join(str(value).split(", "))
    if key in _TRACKING_PARAMS and tracking_numbers.is_valid(str(value)):
        return tracking_numbers.display(str(value))
    if key in _DOCUMENT_FIELD_PARAMS:
        return _list_separator().join(_document_field(v) for v in str(value).split(", "))
    return value


def _document_field(path: str) -> str:
    """A field of a document's input as the clerk calls it (``missing[2].note`` -> 材料说明)."""
    shape = re.sub(r"\[\d+\]", "[]", path)
    return _document_field_labels().get(shape, path)


def _document_field_labels() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "applicant.name": translate("DocumentFields", "applicant's name"),
        "applicant.contact_person": translate("DocumentFields", "contact person"),
        "applicant.phone": translate("DocumentFields", "applicant's phone"),
        "counter.centre_name": translate("DocumentFields", "centre name"),
        "centre_name": translate("DocumentFields", "centre name"),
        "counter.clerk_name": translate("DocumentFields", "clerk's name"),
        "counter.address": translate("DocumentFields", "centre address"),
        "counter.hours": translate("DocumentFields", "office hours"),
        "counter.window": translate("DocumentFields", "window"),
        "item_name": translate("DocumentFields", "item name"),
        "rows[].item_name": translate("DocumentFields", "item name"),
        "materials[].name": translate("DocumentFields", "material name"),
        "collected[].name": translate("DocumentFields", "material name"),
        "verified[].name": translate("DocumentFields", "material name"),
        "missing[].name": translate("DocumentFields", "material name"),
        "missing[].note": translate("DocumentFields", "material note"),
        "missing[].template_name": translate("DocumentFields", "blank form"),
        "fee_basis": translate("DocumentFields", "fee basis"),
        "legal_basis": translate("DocumentFields", "legal basis"),
        "reason": translate("DocumentFields", "reason"),
        "competent_body": translate("DocumentFields", "competent body"),
        "reconsideration_body": translate("DocumentFields", "reconsideration body"),
        "court": translate("DocumentFields", "court"),
        "village_point": translate("DocumentFields", "village point"),
        "agent_name": translate("DocumentFields", "agent's name"),
        "rows[].applicant_name": translate("DocumentFields", "applicant's name"),
        "receiving_clerk": translate("DocumentFields", "receiving clerk"),
    }


def field_label(where: str) -> str:
    """The field an InvalidInput names, as the clerk calls it (``received[2]`` -> 已收材料)."""
    base = where.split("[", 1)[0].split(".", 1)[0]
    labels = field_labels()
    return labels.get(base, where)


def _message(error: ClerkDeskError) -> str:
    """The error's template translated and filled in (without an InvalidInput's field)."""
    text = QCoreApplication.translate(_CONTEXT, error.template) if error.template else ""
    if error.params:
        values = {key: _shown(key, v) for key, v in error.params.items()}
        try:
            text = text.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
            text = error.template.format(**error.params)
    if text:
        return text
    return error.message if isinstance(error, InvalidInput) else str(error)


def describe(error: BaseException) -> str:
    """The error as the clerk should read it, in the UI's language.

    Parameters are shown in the clerk's words too: case states, fields and
    service levels by their names (see the ``_*_PARAMS`` above), and a
    parameter that is itself a :class:`ClerkDeskError` (a phrase, e.g.
    "2026-10-01, ... and 3 more") translated like a message of its own.
    """
    if not isinstance(error, ClerkDeskError):
        return QCoreApplication.translate(_CONTEXT, "Unexpected error: {error}").format(error=error)
    text = _message(error)
    if isinstance(error, InvalidInput):
        return QCoreApplication.translate(_CONTEXT, "{field}: {message}").format(
            field=field_label(error.where), message=text
        )
    return text


# An absolute POSIX path inside a sentence (not a URL's path, not a date's slashes);
# it ends at a space or at Chinese punctuation.
_PATH = re.compile(r"(?<![A-Za-z0-9_:/.~])/(?:[^\s/，。：；（）“”、]+/)+[^\s/，。：；（）“”、]*")


def without_paths(text: str) -> str:
    """``text`` with each absolute path cut to its last name (``/var/x/backups`` -> ``backups``).

    For the status bar: a clerk reads the file's name; the full text goes in a tooltip.
    """
    return _PATH.sub(lambda m: m.group(0).rstrip("/").rsplit("/", 1)[-1] or "/", text)

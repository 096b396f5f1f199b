"""Shared test helpers: handover."""

from __future__ import annotations

from clerk_desk.desk import Desk
from clerk_desk.handover import HandoverService
from clerk_desk.intake import Proxy
from clerk_desk.journal import SYSTEM_ACTOR
from clerk_desk.staff import StaffRecord
from support.desks import resident_id
from support.intake import KEY as COUNTER_KEY
from support.intake import LOW_INCOME, NO

VILLAGE = "东关村便民服务代办点"


NAMES = ("王小明", "李𠈌华", "张䶮丰")  # in full on the handover list too


IDS = ("37083019800101123", "37083019750505202", "37083019660909301")


def handover_service(desk: Desk) -> HandoverService:
    return HandoverService(
        desk.store, desk.clock, desk.cases, desk.documents, desk.settings, desk.calendar
    )


# An agent's case is a proxy's: the letter of authorisation and the agent's ID are key too.
KEY = [*COUNTER_KEY, "proxy_letter", "proxy_id"]


# Originals only shown and handed back (id card, household register, the agent's id card):
# verified at the village, never carried.
RETURNED = ["id_card", "hukou", "proxy_id"]


CARRIED = [m for m in KEY if m not in RETURNED]  # one copy each, all originals


# Their names in the sample catalog, in checklist order (as the handover list names them).
CARRIED_NAMES = [
    "最低生活保障申请书",
    "家庭收入及财产状况申报表",
    "家庭经济状况核对授权书（家庭成员均需签字）",
    "授权委托书",
]


def make_agent(desk: Desk, clerk: StaffRecord, login: str = "agent1", name: str = "赵代办"):
    return desk.staff.create(
        actor_id=SYSTEM_ACTOR,
        login=login,
        name=name,
        role="agent",
        village=VILLAGE,
        password="secret12",
    )


def agent_case(desk: Desk, agent: StaffRecord, clerk: StaffRecord, name: str, body17: str):
    person = desk.applicants.register_person(
        actor_id=clerk.id, name=name, id_number=resident_id(body17), phone="13912345678"
    )
    case = desk.intake.start(
        clerk_id=agent.id,
        item_code=LOW_INCOME,
        applicant_id=person.id,
        proxy=Proxy(None, "代办委托书"),
    )
    desk.intake.answer(case_id=case.id, clerk_id=agent.id, answers=NO)
    desk.intake.mark(case_id=case.id, clerk_id=agent.id, received=KEY)
    return desk.intake.collect(case_id=case.id, clerk_id=agent.id, village_point=VILLAGE)


# The longest name among the sample catalog's items an agent may take, and what its
# case carries once collected (the key originals are handed back).
DISABILITY = "370830104-CL-001"  # 困难残疾人生活补贴和重度残疾人护理补贴申请
DISABILITY_KEY = ["id_card", "hukou", "disability", "app_form", "proxy_letter", "proxy_id"]


def agent_disability_case(
    desk: Desk, agent: StaffRecord, clerk: StaffRecord, name: str, body17: str
):
    """A case for the sample catalog's longest item name, collected by ``agent``."""
    person = desk.applicants.register_person(
        actor_id=clerk.id, name=name, id_number=resident_id(body17), phone="13912345678"
    )
    case = desk.intake.start(
        clerk_id=agent.id,
        item_code=DISABILITY,
        applicant_id=person.id,
        proxy=Proxy(None, "代办委托书"),
    )
    desk.intake.answer(case_id=case.id, clerk_id=agent.id, answers={"in_dibao": True})
    desk.intake.mark(case_id=case.id, clerk_id=agent.id, received=[*DISABILITY_KEY, "dibao"])
    return desk.intake.collect(case_id=case.id, clerk_id=agent.id, village_point=VILLAGE)

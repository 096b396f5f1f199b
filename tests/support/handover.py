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


NAMES = ("王小明", "李𠈌华", "张䶮丰")  # masked on the list: 王*明, 李*华, 张*丰


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


CARRIED = [m for m in KEY if m not in RETURNED]  # one copy each


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

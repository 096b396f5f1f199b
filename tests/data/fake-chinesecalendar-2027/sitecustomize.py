"""A chinesecalendar release that publishes 2027 (an invented schedule).

Not a test: put this folder first on PYTHONPATH to see what a release adding a
year does to the suite (docs/build.md). Only tests/test_holiday_calendar_package.py
may react; every other test takes its holidays from tests/data.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
from chinese_calendar.constants import Holiday

OFF = [
    *(dt.date(2027, 1, d) for d in (1, 2, 3)),
    *(dt.date(2027, 2, d) for d in range(5, 12)),
    dt.date(2027, 4, 5),
    *(dt.date(2027, 5, d) for d in range(1, 6)),
    dt.date(2027, 6, 9),
    dt.date(2027, 9, 15),
    *(dt.date(2027, 10, d) for d in range(1, 8)),
]
MAKE_UP = [dt.date(2027, 2, 13), dt.date(2027, 4, 25), dt.date(2027, 9, 26), dt.date(2027, 10, 9)]

for day in OFF:
    chinese_calendar.holidays[day] = Holiday.national_day.value
for day in MAKE_UP:
    chinese_calendar.workdays[day] = Holiday.national_day.value

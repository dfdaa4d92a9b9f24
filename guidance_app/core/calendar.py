"""School days in England: weekdays, less bank holidays, less the school's own closures.

Why the school's closures matter: the app cannot know a school's term dates. Every date it
gives counts only the holidays and training days the parent entered; any closure not
entered makes the real deadline later, never earlier, and each deadline says so.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays

ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.UK(subdiv="ENG", years=year).keys())


def is_bank_holiday(day: dt.date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    """A working day (for posted notices): not a weekend or bank holiday. Holidays count."""
    return day.weekday() < 5 and not is_bank_holiday(day)


class SchoolCalendar:
    """School days for one case, given the closures (inclusive date ranges) it entered."""

    def __init__(self, closures: Iterable[tuple[dt.date, dt.date]] = ()) -> None:
        self.closures = tuple(sorted(closures))
        self._school_days: dict[dt.date, bool] = {}

    def is_closed(self, day: dt.date) -> bool:
        return any(start <= day <= end for start, end in self.closures)

    def is_school_day(self, day: dt.date) -> bool:
        known = self._school_days.get(day)
        if known is None:
            known = self._school_days[day] = is_working_day(day) and not self.is_closed(day)
        return known

    def next_school_day(self, day: dt.date) -> dt.date:
        """The first school day strictly after `day`."""
        day += ONE_DAY
        while not self.is_school_day(day):
            day += ONE_DAY
        return day

    def first_school_day_from(self, day: dt.date) -> dt.date:
        """`day` itself if it is a school day, else the next one."""
        return day if self.is_school_day(day) else self.next_school_day(day)

    def school_days_after(self, day: dt.date, count: int) -> dt.date:
        """"Within N school days after X": the first school day after X is day 1."""
        if count < 1:
            raise ValueError("count must be at least 1")
        for _ in range(count):
            day = self.next_school_day(day)
        return day

    def nth_school_day(self, first: dt.date, n: int) -> dt.date:
        """The nth school day counting `first` (or the next school day) as day 1."""
        day = self.first_school_day_from(first)
        return self.school_days_after(day, n - 1) if n > 1 else day

    def last_school_day_before(self, day: dt.date) -> dt.date:
        day -= ONE_DAY
        while not self.is_school_day(day):
            day -= ONE_DAY
        return day

    def school_days_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        days, day = [], first
        while day <= last:
            if self.is_school_day(day):
                days.append(day)
            day += ONE_DAY
        return days


def working_days_after(day: dt.date, count: int) -> dt.date:
    """For notices sent by post: given on the second working day after posting."""
    for _ in range(count):
        day += ONE_DAY
        while not is_working_day(day):
            day += ONE_DAY
    return day


def months_later_less_one_day(day: dt.date, months: int) -> tuple[dt.date, bool]:
    """Last day of a period of `months` months starting with `day` (e.g. 3 Mar -> 2 Sep).

    Returns the date and whether the month had no matching day (31 Aug -> February), in
    which case we give the earlier date, to be safe, and the caller warns.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    clipped = day.day > last
    corresponding = dt.date(year, month, min(day.day, last))
    return corresponding - ONE_DAY, clipped

"""School-day arithmetic for England (bank holidays from the holidays package, offline)."""

import datetime as dt

from guidance_app.core.calendar import SchoolCalendar, months_later_less_one_day, working_days_after

D = dt.date.fromisoformat


def test_bank_holidays_2026_27_are_not_school_days():
    calendar = SchoolCalendar()
    for day in ["2026-08-31", "2026-12-25", "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29",
                "2027-05-03", "2027-05-31", "2027-08-30"]:
        assert not calendar.is_school_day(D(day)), day
    assert not calendar.is_school_day(D("2026-10-10"))  # a Saturday
    assert calendar.is_school_day(D("2026-10-12"))


def test_within_n_school_days_after_counts_the_next_day_as_day_one():
    calendar = SchoolCalendar()
    assert calendar.school_days_after(D("2026-10-05"), 15) == D("2026-10-26")
    assert calendar.school_days_after(D("2026-12-11"), 15) == D("2027-01-06")
    assert calendar.school_days_after(D("2027-06-09"), 10) == D("2027-06-23")


def test_closures_push_dates_later():
    half_term = SchoolCalendar([(D("2026-10-26"), D("2026-10-30"))])
    assert half_term.school_days_after(D("2026-10-05"), 15) == D("2026-11-02")


def test_nth_school_day_counts_the_first_day_as_day_one():
    calendar = SchoolCalendar()
    assert calendar.nth_school_day(D("2026-10-05"), 6) == D("2026-10-12")
    assert calendar.nth_school_day(D("2026-10-05"), 1) == D("2026-10-05")
    # starting on a Saturday: day 1 is the Monday
    assert calendar.nth_school_day(D("2026-10-10"), 1) == D("2026-10-12")


def test_last_school_day_before():
    assert SchoolCalendar().last_school_day_before(D("2027-05-17")) == D("2027-05-14")


def test_posted_notices_count_working_days_not_school_days():
    # Wed 9 Jun 2027 posted: given Fri 11 Jun; school holidays are still working days
    assert working_days_after(D("2027-06-09"), 2) == D("2027-06-11")
    assert working_days_after(D("2026-12-24"), 2) == D("2026-12-30")


def test_six_months_less_one_day():
    assert months_later_less_one_day(D("2027-03-03"), 6) == (D("2027-09-02"), False)
    assert months_later_less_one_day(D("2026-10-06"), 6) == (D("2027-04-05"), False)
    assert months_later_less_one_day(D("2027-08-31"), 6) == (D("2028-02-28"), True)

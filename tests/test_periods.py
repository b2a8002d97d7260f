"""Periods: how the times of the genre (去年, 去年底, 今年1至4月, 近3年, 2022年至2024年 …) are written and compared."""

from datetime import date

import pytest

from helpers import periods
from helpers.periods import PUBLICATION, UNKNOWN, PeriodError, Reference


@pytest.mark.parametrize(("text", "ok"), [
    ("2024", True),                     # 去年 (reference 2025-05-23)
    ("2024-12-31", True),               # 去年底
    ("2025-01/2025-04", True),          # 今年1至4月
    ("2022/2024", True),                # 近3年
    ("2022-12-31/2024-12-31", True),    # 2年间 to 去年底
    ("2025-01-01/2025-05-23", True),    # 今年以来
    (PUBLICATION, True),
    (UNKNOWN, False),                   # allowed only in context data
    ("2024-13", False),
    ("2024-02-30", False),
    ("2024年", False),
    ("2024/", False),
    ("", False),
])
def test_what_is_a_period(text, ok):
    assert periods.is_period(text) is ok


def test_unknown_is_a_period_only_where_allowed():
    assert periods.is_period(UNKNOWN, allow_unknown=True)
    assert not periods.is_period("sometime", allow_unknown=True)


@pytest.mark.parametrize(("period", "first", "last"), [
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2025-02", date(2025, 2, 1), date(2025, 2, 28)),
    ("2024-12", date(2024, 12, 1), date(2024, 12, 31)),
    ("2024-12-31", date(2024, 12, 31), date(2024, 12, 31)),
    ("2025-01/2025-04", date(2025, 1, 1), date(2025, 4, 30)),
    ("2022/2024", date(2022, 1, 1), date(2024, 12, 31)),
])
def test_bounds_are_the_first_and_last_day(period, first, last):
    assert periods.bounds(period) == (first, last)


@pytest.mark.parametrize("text", [PUBLICATION, UNKNOWN, "去年", "2024-1"])
def test_times_without_calendar_dates_have_no_bounds(text):
    with pytest.raises(PeriodError):
        periods.bounds(text)


def test_fractional_years():
    assert periods.as_year("2024") == 2025.0
    assert periods.as_year("2024-12-31") == 2025.0
    assert periods.as_year("2024", end=False) == 2024.0
    assert periods.as_year("2025-01/2025-06") == pytest.approx(2025 + 181 / 365)
    assert periods.as_year("2024-06-30") == pytest.approx(2024 + 182 / 366)


def test_year_of_is_the_last_calendar_year():
    assert periods.year_of("2022-12-31") == 2022
    assert periods.year_of("2025-01/2025-04") == 2025
    assert periods.year_of("2022/2024") == 2024


def test_months_in_a_month_range():
    assert periods.months_in("2025-01/2025-04") == 4      # 今年1至4月
    assert periods.months_in("2024-11/2025-02") == 4
    assert periods.months_in("2025-03/2025-03") == 1
    with pytest.raises(PeriodError):
        periods.months_in("2022/2024")


def test_kinds_of_period():
    assert periods.is_full_year("2024") and not periods.is_full_year("2024-12-31")
    assert periods.is_point_in_time("2024-12-31") and not periods.is_point_in_time("2024")
    assert not periods.is_point_in_time(PUBLICATION)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("2023", "2024", True),                           # 前年 and 去年
    ("2023-12-31", "2024-12-31", True),               # stocks at two year ends
    ("2024-01/2024-04", "2025-01/2025-04", True),     # 1至4月 of two years
    ("2025-01/2025-04", "2024", False),               # year to date against a full year
    ("2025-01/2025-04", "2025-01/2025-06", False),    # 前4个月 against 上半年
    ("2024", "2024-12-31", False),                    # a flow against a stock
    (PUBLICATION, PUBLICATION, False),
])
def test_same_measure(a, b, same):
    assert periods.same_measure(a, b) is same


@pytest.mark.parametrize(("a", "b", "same"), [
    ("2024", "2024-12-31", True),                     # 去年 and 去年底 count the same
    ("2024-12-31", "2024", True),
    ("2024-01/2024-12", "2024", True),
    ("2024", "2023-12-31", False),
    ("2024-12-30", "2024", False),
    ("2025-01/2025-04", "2025-01/2025-05", False),
    (PUBLICATION, "2024", False),
])
def test_same_time(a, b, same):
    assert periods.same_time(a, b) is same


def test_a_reference_date_is_a_day():
    reference = Reference.parse("2025-05-23")
    assert (reference.day, reference.year) == (date(2025, 5, 23), 2025)
    with pytest.raises(PeriodError, match="YYYY-MM-DD"):
        Reference.parse("2025年5月23日")


def test_writing_periods():
    assert periods.year_end(2024) == "2024-12-31"            # 去年底
    assert periods.month_range(2025, 1, 4) == "2025-01/2025-04"
    assert periods.years_counted("2024-12-31", 3) == "2022/2024"   # 连续3年, to 去年底
    assert periods.years_counted("2025-01/2025-04", 2) == "2024/2025"
    assert periods.duration_ending("2024-12-31", 2) == "2022-12-31/2024-12-31"  # 2年间
    assert periods.duration_ending("2024", 3) == "2021/2024"
    assert periods.duration_ending("2025-01/2025-04", 1) == "2024-04/2025-04"


def test_ranges_of_a_leap_year_measure_as_in_other_years():
    assert periods.same_measure("2024-01/2024-04", "2023-01/2023-04")          # 1至4月: 121 days against 120
    assert periods.same_measure("2022-12-31/2024-12-31", "2021-12-31/2023-12-31")  # 2年间 to a year end
    assert periods.same_measure("2020/2024", "2019/2023")
    assert not periods.same_measure("2022-12-31/2024-12-31", "2023-12-31/2024-12-31")
    assert periods.same_measure("2024-01/2024-04", "2024-01-01/2024-04-30")   # written in months and in days


@pytest.mark.parametrize(("text", "historical"), [
    (periods.HISTORICAL, True),   # 顶峰时, 鼎盛时期: a past time the text does not date
    ("1980s", True),              # 20世纪80年代
    ("2020s", True),
    ("1985s", False),             # a decade starts with a year ending in 0
    ("80s", False),
    ("2024", False),
    (PUBLICATION, False),
])
def test_historical_times_are_periods_of_their_own_kind(text, historical):
    assert periods.is_historical(text) is historical
    assert periods.is_period(text) is (historical or text in ("2024", PUBLICATION))


@pytest.mark.parametrize("text", [periods.HISTORICAL, "1980s"])
def test_historical_times_have_no_calendar_bounds(text):
    """A figure "in the 1980s" held at some time then, not over the ten years: no span to compute with."""
    with pytest.raises(PeriodError):
        periods.bounds(text)
    assert not periods.same_time(text, text) and not periods.same_measure(text, "1980/1989")


def test_decades_start_with_their_first_year():
    assert periods.decade(1980) == periods.decade(1987) == "1980s"


def test_the_ledger_schema_takes_every_kind_of_period():
    import re

    from helpers import registry
    pattern = dict((f.name, f) for f in registry.LEDGER)["period"].constraints["pattern"]
    for text in ("2024", "2022/2024", "2025-01/2025-04", PUBLICATION, periods.HISTORICAL, "1980s"):
        assert re.fullmatch(pattern, text), text
    for text in ("1985s", "unknown", "顶峰时", "2024年"):
        assert not re.fullmatch(pattern, text), text

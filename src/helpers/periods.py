"""Periods: what time a figure refers to, written one way everywhere.

A period is one of

- a point: ``YYYY`` (a year), ``YYYY-MM`` (a month), ``YYYY-MM-DD`` (a day,
  e.g. ``2024-12-31`` for "the end of 2024");
- a range of two points joined by ``/``: ``2025-01/2025-04`` (January to
  April 2025), ``2022/2024`` (the years 2022 to 2024, both included),
  ``2022-12-31/2024-12-31`` (from the end of 2022 to the end of 2024);
- ``publication``: the text gives no time, so the figure holds as of the
  article's publication (never a guessed year);
- a historical time: ``historical`` (a past time the text does not date: 顶峰时,
  鼎盛时期) or a decade ``1980s`` (20世纪80年代, 80年代); neither has calendar
  bounds here, since a figure "in the 1980s" holds at some time then, not over
  the ten years;
- ``unknown`` (context data only): the source does not say when it holds.

Ground floor: used by the extractor, the ledger, the context data and the
audit; it imports nothing of the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PUBLICATION = "publication"
UNKNOWN = "unknown"
HISTORICAL = "historical"
DECADE = re.compile(r"^(?:1[0-9]|20)\d0s$")  # 1980s
_POINT = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
PATTERN = re.compile(rf"^{_POINT}(?:/{_POINT})?$")


class PeriodError(ValueError):
    """Text that is not a period."""


def is_period(text: str, allow_unknown: bool = False) -> bool:
    """Whether ``text`` is a period (``publication`` included; ``unknown`` when allowed)."""
    if text in (PUBLICATION, HISTORICAL) or DECADE.match(text) or (allow_unknown and text == UNKNOWN):
        return True
    if not PATTERN.match(text):
        return False
    try:
        for part in text.split("/"):
            _point_date(part, end=False)
    except ValueError:
        return False
    return True


def is_historical(period: str) -> bool:
    """A historical time: ``historical`` or a decade (``1980s``)."""
    return period == HISTORICAL or bool(DECADE.match(period))


def decade(first_year: int) -> str:
    """The decade that starts with ``first_year`` as a period (1980 → ``1980s``)."""
    return f"{first_year - first_year % 10}s"


def _point_date(point: str, end: bool) -> date:
    """A point as a calendar date: its first day, or its last when ``end``."""
    bits = [int(b) for b in point.split("-")]
    if len(bits) == 1:
        return date(bits[0], 12, 31) if end else date(bits[0], 1, 1)
    if len(bits) == 2:
        if end:
            following = date(bits[0] + bits[1] // 12, bits[1] % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(bits[0], bits[1], 1)
    return date(bits[0], bits[1], bits[2])


def bounds(period: str) -> tuple[date, date]:
    """First and last day a period covers; PeriodError for ``publication``, ``unknown`` or bad text."""
    if not PATTERN.match(period):
        raise PeriodError(f"{period!r} has no calendar dates.")
    parts = period.split("/")
    return _point_date(parts[0], end=False), _point_date(parts[-1], end=True)


def as_year(period: str, end: bool = True) -> float:
    """A period's end (or start) as a fractional year: ``2024-12-31`` → 2025.0, ``2024`` → 2025.0."""
    first, last = bounds(period)
    day = last if end else first
    if end:
        day = date.fromordinal(day.toordinal() + 1)
    start = date(day.year, 1, 1)
    length = date(day.year + 1, 1, 1).toordinal() - start.toordinal()
    return day.year + (day.toordinal() - start.toordinal()) / length


def year_of(period: str) -> int:
    """The (last) calendar year of a period: ``2022-12-31`` → 2022, ``2025-01/2025-04`` → 2025."""
    return bounds(period)[1].year


def months_in(period: str) -> int:
    """Whole months a ``YYYY-MM/YYYY-MM`` range covers, both ends included."""
    parts = period.split("/")
    if len(parts) != 2 or not all(re.fullmatch(r"\d{4}-\d{2}", p) for p in parts):
        raise PeriodError(f"{period!r} is not a month range YYYY-MM/YYYY-MM.")
    (y0, m0), (y1, m1) = ([int(x) for x in p.split("-")] for p in parts)
    return (y1 - y0) * 12 + (m1 - m0) + 1


def is_full_year(period: str) -> bool:
    """A calendar year (``2024``), not a part of one or a point in time."""
    return bool(re.fullmatch(r"\d{4}", period))


def is_point_in_time(period: str) -> bool:
    """A day such as ``2024-12-31``: a stock counted then."""
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", period))


def same_measure(a: str, b: str) -> bool:
    """Whether two periods measure alike: full years, stocks at a day, or ranges of equal length.

    A year-to-date share and a full-year share are not the same measure, even
    for the same indicator.
    """
    if is_full_year(a) and is_full_year(b):
        return True
    if is_point_in_time(a) and is_point_in_time(b):
        return True
    if "/" in a and "/" in b and PATTERN.match(a) and PATTERN.match(b):
        if _shape(a) == _shape(b):
            return _length(a) == _length(b)
        (a0, a1), (b0, b1) = bounds(a), bounds(b)
        return (a1 - a0).days == (b1 - b0).days
    return False


def _shape(period: str) -> tuple[int, ...]:
    """How a range's points are written: 4 (years), 7 (months) or 10 (days) characters each."""
    return tuple(len(point) for point in period.split("/"))


def _length(period: str) -> tuple[str, int]:
    """A range's length in the calendar units it is written in, so that 1至4月 of a leap year measures as
    1至4月 of another year: years (``2022/2024``), months (``2025-01/2025-04``), years between the same
    days of the year (``2022-12-31/2024-12-31``), else days."""
    first, last = period.split("/")
    if _shape(period) == (4, 4):
        return "years", int(last) - int(first)
    if _shape(period) == (7, 7):
        return "months", months_in(period)
    start, end = bounds(period)
    if (start.month, start.day) == (end.month, end.day):
        return "years", end.year - start.year
    return "days", (end - start).days


def same_time(a: str, b: str) -> bool:
    """Whether two periods name the same time: equal spans, or a year and its last day (a count "in
    2024" is the count at the end of 2024). ``publication`` and ``unknown`` name no time."""
    if not (PATTERN.match(a) and PATTERN.match(b)):
        return False
    if bounds(a) == bounds(b):
        return True
    for year, day in ((a, b), (b, a)):
        if is_full_year(year) and day == year_end(int(year)):
            return True
    return False


@dataclass(frozen=True)
class Reference:
    """The date from which an article's relative times resolve (去年, 今年, 目前 …)."""

    day: date

    @property
    def year(self) -> int:
        """The reference date's year."""
        return self.day.year

    @classmethod
    def parse(cls, text: str) -> Reference:
        """A reference from ``YYYY-MM-DD``."""
        try:
            return cls(date.fromisoformat(text))
        except ValueError:
            raise PeriodError(f"{text!r} is not a date YYYY-MM-DD.") from None


def year_end(year: int) -> str:
    """The last day of ``year`` as a period (``YYYY-12-31``)."""
    return f"{year}-12-31"


def month_range(year: int, first: int, last: int) -> str:
    """The period from the first to the last month given (``YYYY-MM/YYYY-MM``)."""
    return f"{year}-{first:02d}/{year}-{last:02d}"


def years_counted(last: str, count: int) -> str:
    """``count`` calendar years ending with the year of ``last``, both ends included (连续3年 → 2022/2024)."""
    end = bounds(last)[1].year
    return f"{end - count + 1}/{end}"


def duration_ending(last: str, years: int) -> str:
    """A span of ``years`` years ending at ``last``, in the same granularity (2年间 to 2024-12-31 → 2022-12-31/2024-12-31)."""
    if re.fullmatch(r"\d{4}", last):
        return f"{int(last) - years}/{last}"
    end = last.split("/")[-1]
    year, rest = end[:4], end[4:]
    return f"{int(year) - years}{rest}/{end}"

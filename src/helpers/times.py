"""Time expressions in Chinese news text, resolved to periods.

``find_times(norm, reference)`` returns every time expression in text order
with the period it names (see ``periods``): written years and dates
(2022年底, 2025年1至4月, 5月23日), relative ones resolved against the
article's reference date (去年 → 2024, 去年底 → 2024-12-31, 今年1至4月 →
2025-01/2025-04, 今年以来, 全年), as-of phrases (截至去年 → 2024-12-31),
spans of recent years (近3年 → 2022/2024: the three full years before the
reference year) and words for "now" (目前 → ``publication``; 日前, a few
days before, → the reference date).

Each kind of expression is a named pattern (``_KINDS``) with a small handler
(``_HANDLERS``); a year word's tail (月, 底, 以来, 上半年 …) is read by ``_tail``.

Comparison bases (去年同期, 上年同期, 同比, and a time after 较 or 比, or
between 与 and 相比: 较2020年, 比上年, 与2020年相比) are not time context: they
say what a change is measured against, not when the figure holds. They are
kept (``base`` true, with the kind and period they name) so that their numerals are
read as times, but they never become the paragraph's year.

Historical times: 顶峰时, 鼎盛时期 (``historical``: undated) and decades
(20世纪80年代, 上世纪90年代, 80年代 → ``1980s``), kind ``historical``.

Without a reference date, relative expressions resolve to ``""``
(unresolved); written years still resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import periods
from .lexicon import (
    AS_OF_WORDS,
    BASE_BEFORE,
    BASE_CLOSERS,
    BASE_OPENERS,
    CENTURY_WORDS,
    CN_NUMERAL,
    COMPARISON_BASES,
    ERA_WORDS,
    HISTORICAL_WORDS,
    NOW_WORDS,
    PARTS_OF_YEAR,
    PLAN_DURING,
    PLAN_SINCE,
    PLANS,
    QUARTER,
    RANGE_MARKS,
    RECENT_DAY_WORDS,
    RECENT_WORDS,
    RELATIVE_YEARS,
    SINCE_WORD,
    WHOLE_YEAR,
    YEAR_END_WORDS,
    YEAR_ITSELF,
)
from .numerals import to_number
from .periods import HISTORICAL, PUBLICATION, Reference

_N = rf"(?:\d{{1,2}}|[{CN_NUMERAL}]{{1,3}})"
_RANGE = f"(?:{'|'.join(map(re.escape, RANGE_MARKS))})"
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PART_OF_YEAR = "|".join((WHOLE_YEAR, *PARTS_OF_YEAR, f"[{''.join(_QUARTERS)}]{QUARTER}"))

# Every kind of time expression, by name, in the order they are tried at one place of the text. Each
# name has a handler below (``_HANDLERS``); the inner groups name the parts a handler reads.
_KINDS = (
    ("comparison_base", "|".join(COMPARISON_BASES)),
    ("as_of", "|".join(AS_OF_WORDS)),
    ("historical", "|".join(HISTORICAL_WORDS)),
    ("plan", rf"“?(?P<plan_name>{'|'.join(PLANS)})”?(?:(?P<plan_since>{'|'.join(PLAN_SINCE)})|{'|'.join(PLAN_DURING)})"),
    ("decade", rf"(?:(?P<century>\d{{2}}|[{CN_NUMERAL}]{{2,3}}){ERA_WORDS[0]}|(?P<last_century>{'|'.join(CENTURY_WORDS)}))?"
               rf"(?P<decade_number>(?:19|20)?\d0|[一二三四五六七八九]十|〇|零){ERA_WORDS[1]}"),
    ("year_range", rf"(?<![\d.])(?P<first_year>(?:19|20)\d{{2}})年?{_RANGE}(?P<last_year>(?:19|20)\d{{2}})年(?![底末初度])"),
    ("written_year", r"(?<![\d.])(?P<year_number>(?:19|20)\d{2})年"),
    ("relative_year", rf"(?P<year_word>{'|'.join(RELATIVE_YEARS)})"),
    ("recent_years", rf"(?:{'|'.join(RECENT_WORDS)})(?P<recent_count>{_N})年(?!代)"),
    ("years_since", rf"(?<![\d.])(?P<since_count>{_N})年来"),
    ("years_within", rf"(?<![\d.])(?P<within_count>{_N})年内"),
    ("years_ago", rf"(?<![\d.])(?P<ago_count>{_N})年前"),
    ("first_months", rf"前(?P<month_count>{_N})个?月"),  # 今年前5个月: 今年 is read first
    ("now", "|".join(NOW_WORDS)),
    ("recent_day", "|".join(RECENT_DAY_WORDS)),
    ("month_range", rf"(?<![\d.])(?P<range_from>{_N}){_RANGE}(?P<range_to>{_N})月"),
    ("day", r"(?<![\d.年])(?P<day_month>\d{1,2})月(?P<day_of_month>\d{1,2})日"),
    ("part_of_year", _PART_OF_YEAR),
)
_PATTERN = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _KINDS))
# What may follow a year word (2024年…, 去年…): months, a month range, a day, or a part of the year.
_TAIL = re.compile(
    rf"(?P<range_from>{_N}){_RANGE}(?P<range_to>{_N})月"
    rf"|(?P<month>\d{{1,2}}|[{CN_NUMERAL}]{{1,2}})月(?:(?P<day>\d{{1,2}})日|(?P<month_end>底|末))?"
    rf"|(?P<year_end>{'|'.join(YEAR_END_WORDS)})|(?P<since>{SINCE_WORD})"
    rf"|(?P<part_of_year>{_PART_OF_YEAR})"
    rf"|(?P<the_year>{'|'.join(YEAR_ITSELF)})"  # 今年初, 2023年度: the year itself
)


@dataclass(frozen=True)
class TimeExpression:
    """A time expression: its offsets, text, kind and the period it names.

    ``kind``: ``year`` (a written year), ``period`` (a month range or a span of
    recent years), ``date`` (a written day), ``relative`` (去年, 今年 …),
    ``now`` (目前, 日前), ``historical`` (顶峰时, 80年代), ``base`` (同比, 去年同期). ``base`` is true
    for every comparison base, 较2020年 (a ``year``) too: such a time is never a claim's period.
    """

    start: int
    end: int
    text: str
    kind: str
    period: str
    value: float | None = None
    unit: str = ""
    base: bool = False  # a comparison base (同比, 较2020年): what a change is measured against, not a period

    @property
    def has_numeral(self) -> bool:
        """Written with a numeral (2024年, 1至4月, 近三年), so that it shows among the claims."""
        return any(ch.isdigit() or ch in CN_NUMERAL for ch in self.text)


def _month(token: str) -> int:
    return int(to_number(token))


def _part_of_year(year: int, words: str) -> str:
    """全年, 上半年, 下半年, N季度 or 前三季度 of ``year``."""
    if words == WHOLE_YEAR:
        return str(year)
    if words in PARTS_OF_YEAR:
        return periods.month_range(year, *PARTS_OF_YEAR[words])
    quarter = _QUARTERS[words[0]]
    return periods.month_range(year, 3 * quarter - 2, 3 * quarter)


def _tail(year: int, norm: str, at: int, reference: Reference | None) -> tuple[str, int]:
    """The period a year word names together with what follows it (月, 底, 以来 …), and where it ends."""
    m = _TAIL.match(norm, at)
    if not m:
        return str(year), at
    if m["range_from"]:
        return periods.month_range(year, _month(m["range_from"]), _month(m["range_to"])), m.end()
    if m["month"]:
        month = _month(m["month"])
        if m["day"]:
            return f"{year}-{month:02d}-{int(m['day']):02d}", m.end()
        point = f"{year}-{month:02d}"
        return (periods.bounds(point)[1].isoformat() if m["month_end"] else point), m.end()
    if m["year_end"]:
        return periods.year_end(year), m.end()
    if m["since"]:  # 今年以来: from New Year to the reference date; 2022年以来: the years up to the reference year
        if reference and year == reference.year:
            return f"{year}-01-01/{reference.day.isoformat()}", m.end()
        return f"{year}/{reference.year if reference else year}", m.end()
    if m["part_of_year"]:
        return _part_of_year(year, m["part_of_year"]), m.end()
    return str(year), m.end()


def _as_of(period: str) -> str:
    """截至…: the last day of the period named."""
    if not period or period == PUBLICATION:
        return period
    return periods.bounds(period)[1].isoformat()


@dataclass
class _Reading:
    """What a pass over a text knows while it reads: the reference date and the year in force."""

    norm: str
    reference: Reference | None
    context_year: int | None = None  # the last year named in this paragraph

    def year(self) -> int | None:
        """The year a time without one (1至4月, 一季度) falls in: the paragraph's last year, else the reference's."""
        return self.context_year or (self.reference.year if self.reference else None)


@dataclass(frozen=True)
class _Found:
    """What a handler reads from one match: kind, period, value and unit, and where the expression ends."""

    kind: str
    period: str
    end: int
    value: float | None = None
    unit: str = ""


def _year_with_tail(year: int | None, m: re.Match, reading: _Reading, kind: str,
                    value: float | None, unit: str) -> _Found:
    """A year word and what follows it; a resolved year becomes the paragraph's year."""
    if year is None:  # a relative year without a reference date: its tail is read over, unresolved
        tail = _TAIL.match(reading.norm, m.end())
        return _Found(kind, "", tail.end() if tail else m.end(), value, unit)
    period, end = _tail(year, reading.norm, m.end(), reading.reference)
    reading.context_year = year
    return _Found(kind, period, end, value, unit)


def _written_year(m: re.Match, reading: _Reading) -> _Found:
    """2024年, 2022年底, 2025年1至4月 …"""
    year = int(m["year_number"])
    return _year_with_tail(year, m, reading, "year", float(year), "年")


def _year_range(m: re.Match, reading: _Reading) -> _Found:
    """2022年至2024年, 2022-2024年: the years from one to the other, both included."""
    first, last = sorted((int(m["first_year"]), int(m["last_year"])))
    reading.context_year = last
    return _Found("period", f"{first}/{last}" if last > first else str(first), m.end(), float(last - first + 1), "年")


def _relative_year(m: re.Match, reading: _Reading) -> _Found:
    """去年, 今年1至4月, 去年底 …: resolved against the reference date."""
    ref = reading.reference
    year = ref.year + RELATIVE_YEARS[m["year_word"]] if ref else None
    return _year_with_tail(year, m, reading, "relative", None, "")


def _years_before(count: str, m: re.Match, reading: _Reading) -> _Found:
    """The ``count`` full years before the reference year (过去一年: the year before it)."""
    n = int(to_number(count))
    ref = reading.reference
    period = "" if not ref else str(ref.year - 1) if n == 1 else f"{ref.year - n}/{ref.year - 1}"
    return _Found("period", period, m.end(), float(n), "年")


def _recent_years(m: re.Match, reading: _Reading) -> _Found:
    """近3年, 最近五年."""
    return _years_before(m["recent_count"], m, reading)


def _years_since(m: re.Match, reading: _Reading) -> _Found:
    """3年来, 五年来."""
    return _years_before(m["since_count"], m, reading)


def _years_within(m: re.Match, reading: _Reading) -> _Found:
    """3年内: a window ahead of an expectation, not a period the figure holds in."""
    return _Found("period", "", m.end(), float(to_number(m["within_count"])), "年")


def _years_ago(m: re.Match, reading: _Reading) -> _Found:
    """5年前: the year that many years before the reference year."""
    n = int(to_number(m["ago_count"]))
    ref = reading.reference
    return _Found("period", str(ref.year - n) if ref else "", m.end(), float(n), "年")


def _first_months(m: re.Match, reading: _Reading) -> _Found:
    """前4个月, 今年前5个月: from January of the year in force."""
    months = int(to_number(m["month_count"]))
    year = reading.year()
    return _Found("period", periods.month_range(year, 1, months) if year else "", m.end(), float(months), "月")


def _historical(m: re.Match, reading: _Reading) -> _Found:
    """顶峰时, 鼎盛时期: a past time the text does not date."""
    return _Found("historical", HISTORICAL, m.end())


def _decade(m: re.Match, reading: _Reading) -> _Found:
    """20世纪80年代, 上世纪90年代, 80年代, 1980年代: the decade (``1980s``); without a century, 30 to 90 are
    the 1900s' decades and 00 to 20 this century's."""
    token = m["decade_number"]
    number = int(to_number(token)) if not token.isdigit() else int(token)
    if number >= 1000:
        first = number
    elif m["century"]:
        first = (int(to_number(m["century"])) - 1) * 100 + number
    elif m["last_century"]:
        first = 1900 + number
    else:
        first = (1900 if number >= 30 else 2000) + number
    return _Found("historical", periods.decade(first), m.end(), float(first), "年代")


def _plan(m: re.Match, reading: _Reading) -> _Found:
    """“十四五”以来: from the plan's first year to the reference year; 十四五期间: the plan's five years."""
    first = PLANS[m["plan_name"]]
    if m["plan_since"]:
        ref = reading.reference
        return _Found("period", f"{first}/{ref.year}" if ref else "", m.end())
    return _Found("period", f"{first}/{first + 4}", m.end())


def _now(m: re.Match, reading: _Reading) -> _Found:
    """目前, 当前 …: as of publication."""
    return _Found("now", PUBLICATION, m.end())


def _recent_day(m: re.Match, reading: _Reading) -> _Found:
    """日前, 近日: a few days before publication, read as the reference date."""
    ref = reading.reference
    return _Found("now", ref.day.isoformat() if ref else "", m.end())


def _month_range(m: re.Match, reading: _Reading) -> _Found:
    """1至4月 in the year in force."""
    last = _month(m["range_to"])
    year = reading.year()
    period = periods.month_range(year, _month(m["range_from"]), last) if year else ""
    return _Found("period", period, m.end(), float(last), "月")


def _day(m: re.Match, reading: _Reading) -> _Found:
    """5月23日 in the year in force."""
    year = reading.year()
    period = f"{year}-{int(m['day_month']):02d}-{int(m['day_of_month']):02d}" if year else ""
    return _Found("date", period, m.end(), float(m["day_of_month"]), "日")


def _part_of_year_alone(m: re.Match, reading: _Reading) -> _Found:
    """全年, 一季度, 上半年, 前三季度 without a year word: in the year in force."""
    year = reading.year()
    return _Found("relative", _part_of_year(year, m.group()) if year else "", m.end())


_HANDLERS = {
    "historical": _historical,
    "plan": _plan,
    "decade": _decade,
    "year_range": _year_range,
    "written_year": _written_year,
    "relative_year": _relative_year,
    "recent_years": _recent_years,
    "years_since": _years_since,
    "years_within": _years_within,
    "years_ago": _years_ago,
    "first_months": _first_months,
    "now": _now,
    "recent_day": _recent_day,
    "month_range": _month_range,
    "day": _day,
    "part_of_year": _part_of_year_alone,
}


def find_times(norm: str, reference: Reference | None) -> list[TimeExpression]:
    """Every time expression in ``norm`` (width-normalised text), in text order.

    A 截至 joins the time right after it (its period becomes that time's last
    day); a written or resolved year holds for the times after it without a
    year, up to the end of its paragraph.
    """
    reading = _Reading(norm, reference)
    found: list[TimeExpression] = []
    as_of: tuple[int, int] | None = None  # offsets of a 截至 waiting for its time
    last_end = 0
    for m in _PATTERN.finditer(norm):
        start, name = m.start(), m.lastgroup
        if "\n" in norm[last_end:start]:
            reading.context_year = None  # a new paragraph: written years no longer carry over
        last_end = m.end()
        if name == "comparison_base":
            found.append(TimeExpression(start, m.end(), m.group(), "base", "", base=True))
            continue
        if name == "as_of":
            as_of = m.span()
            continue
        year_before = reading.context_year
        time = _HANDLERS[name](m, reading)
        period, kind = time.period, time.kind
        if as_of is not None and as_of[1] == start:
            start, period = as_of[0], _as_of(period)
        as_of = None
        last_end = time.end
        base = is_base(norm, start, time.end)
        if base:
            reading.context_year = year_before  # 较2020年: never the paragraph's year
        found.append(TimeExpression(start, time.end, norm[start:time.end], kind, period, time.value, time.unit,
                                    base))
    return found


def is_base(norm: str, start: int, end: int) -> bool:
    """Whether the time at ``norm[start:end]`` is a comparison base: after 较 or 比 (较2020年, 比上年), or between
    与 and 相比 (与2020年相比, 同上年相比)."""
    before = norm[max(0, start - 3):start]
    if before.endswith(BASE_BEFORE):
        return True
    after = norm[end:end + 4].removeprefix("的")
    return before.endswith(BASE_OPENERS) and after.startswith(BASE_CLOSERS)

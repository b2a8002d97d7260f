"""Time expressions in Chinese news text, resolved to periods.

``find_times(norm, reference)`` returns every time expression in text order
with the period it names (see ``periods``): written years and dates
(2022年底, 2025年1至4月, 5月23日), relative ones resolved against the
article's reference date (去年 → 2024, 去年底 → 2024-12-31, 今年1至4月 →
2025-01/2025-04, 今年以来, 全年), as-of phrases (截至去年 → 2024-12-31),
spans of recent years (近3年 → 2022/2024: the three full years before the
reference year) and words for "now" (目前, 日前 → ``publication``).

Comparison bases (去年同期, 上年同期, 同比) are not time context: they say
what a growth rate is measured against, not when the figure holds.

Without a reference date, relative expressions resolve to ``""``
(unresolved); written years still resolve.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import periods
from .lexicon import CN_NUMERAL, NOW_WORDS, RECENT_DAY_WORDS
from .numerals import to_number
from .periods import PUBLICATION, Reference

_N = rf"(?:\d{{1,2}}|[{CN_NUMERAL}]{{1,3}})"
_RANGE = r"(?:至|到|-|—|～|~)"
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PATTERN = re.compile(
    r"(?P<base>(?:去年|上年)同期|同比)"
    rf"|(?P<asof>截至|截止到|截止)"
    rf"|(?<![\d.])(?P<year>(?:19|20)\d{{2}})年"
    rf"|(?P<rel>去年|今年|前年|明年|上年|本年)"
    rf"|(?P<recent>近|最近)(?P<recent_n>{_N})年(?!代)"
    rf"|(?<![\d.])(?P<since_n>{_N})年来"
    rf"|(?<![\d.])(?P<within_n>{_N})年内"
    rf"|(?<![\d.])(?P<ago_n>{_N})年前"
    rf"|(?:今年)?前(?P<first_months>{_N})个?月"
    rf"|(?P<now>{'|'.join(NOW_WORDS)})|(?P<recent_day>{'|'.join(RECENT_DAY_WORDS)})"
    rf"|(?P<months>(?<![\d.]){_N}{_RANGE}{_N}月)"
    rf"|(?<![\d.年])(?P<date_m>\d{{1,2}})月(?P<date_d>\d{{1,2}})日"
    rf"|(?P<whole>全年)"
    rf"|(?P<quarter>[一二三四1-4])季度|(?P<half>上半年|下半年)|(?P<q3>前三季度)"
)
# What may follow a year word: months, a month range, a day, or a part of the year.
_TAIL = re.compile(
    rf"(?P<m1>{_N}){_RANGE}(?P<m2>{_N})月"
    rf"|(?P<m>\d{{1,2}}|[{CN_NUMERAL}]{{1,2}})月(?:(?P<d>\d{{1,2}})日|(?P<mend>底|末))?"
    r"|(?P<end>年底|年末|底|末)|(?P<since>以来)|(?P<half>上半年|下半年)"
    r"|(?P<quarter>[一二三四1-4])季度|(?P<q3>前三季度)|(?P<whole>全年)|(?P<begin>初|度)"
)
_REL_YEAR = {"去年": -1, "上年": -1, "今年": 0, "本年": 0, "前年": -2, "明年": 1}


@dataclass(frozen=True)
class TimeExpression:
    """A time expression: its offsets, text, kind and the period it names.

    ``kind``: ``year`` (a written year), ``period`` (a month range or a span of
    recent years), ``date`` (a written day), ``relative`` (去年, 今年 …),
    ``now`` (目前, 日前), ``base`` (a comparison base, not context).
    """

    start: int
    end: int
    text: str
    kind: str
    period: str
    value: float | None = None
    unit: str = ""

    @property
    def has_numeral(self) -> bool:
        """Written with a numeral (2024年, 1至4月, 近三年), so that it shows among the claims."""
        return any(ch.isdigit() or ch in CN_NUMERAL for ch in self.text)


def _month(token: str) -> int:
    return int(to_number(token))


def _tail(year: int, norm: str, at: int) -> tuple[str, int]:
    """The period a year word names, with what follows it (月, 底, 以来 …)."""
    m = _TAIL.match(norm, at)
    if not m:
        return str(year), at
    if m["m1"]:
        return periods.month_range(year, _month(m["m1"]), _month(m["m2"])), m.end()
    if m["m"]:
        month = _month(m["m"])
        if m["d"]:
            return f"{year}-{month:02d}-{int(m['d']):02d}", m.end()
        point = f"{year}-{month:02d}"
        if m["mend"]:
            return periods.bounds(point)[1].isoformat(), m.end()
        return point, m.end()
    if m["end"]:
        return periods.year_end(year), m.end()
    if m["since"]:
        return "since", m.end()
    if m["half"]:
        return (periods.month_range(year, 1, 6) if m["half"] == "上半年"
                else periods.month_range(year, 7, 12)), m.end()
    if m["quarter"]:
        q = _QUARTERS[m["quarter"]]
        return periods.month_range(year, 3 * q - 2, 3 * q), m.end()
    if m["q3"]:
        return periods.month_range(year, 1, 9), m.end()
    return str(year), m.end()


def _as_of(period: str) -> str:
    """截至…: the last day of the period named."""
    if not period or period == PUBLICATION:
        return period
    return periods.bounds(period)[1].isoformat()


def find_times(norm: str, reference: Reference | None) -> list[TimeExpression]:
    """Every time expression in ``norm`` (width-normalised text), in text order."""
    found: list[TimeExpression] = []
    context_year: int | None = None
    as_of: tuple[int, int] | None = None  # offsets of a 截至 waiting for its time
    last_end = 0
    for m in _PATTERN.finditer(norm):
        start = m.start()
        if "\n" in norm[last_end:start]:
            context_year = None  # a new paragraph: written years no longer carry over
        last_end = m.end()
        if m["base"]:
            found.append(TimeExpression(start, m.end(), m.group(), "base", ""))
            continue
        if m["asof"]:
            as_of = (m.start(), m.end())
            continue
        end, kind, value, unit = m.end(), "relative", None, ""
        period = ""
        if m["year"] or m["rel"]:
            if m["year"]:
                year: int | None = int(m["year"])
                kind, value, unit = "year", float(year), "年"
            else:
                year = reference.year + _REL_YEAR[m["rel"]] if reference else None
            if year is None:
                tail = _TAIL.match(norm, end)
                end = tail.end() if tail else end
            else:
                period, end = _tail(year, norm, end)
                if period == "since":
                    period = (f"{year}-01-01/{reference.day.isoformat()}" if reference and year == reference.year
                              else f"{year}/{reference.year if reference else year}")
                context_year = year
        elif m["recent"] or m["since_n"]:
            n = int(to_number(m["recent_n"] or m["since_n"]))
            kind, value, unit = "period", float(n), "年"
            if reference:
                period = f"{reference.year - n}/{reference.year - 1}"
        elif m["within_n"]:
            kind, value, unit = "period", float(to_number(m["within_n"])), "年"
            period = ""  # a window ahead of an expectation: not a period the figure holds in
        elif m["ago_n"]:
            n = int(to_number(m["ago_n"]))
            kind, value, unit = "period", float(n), "年"
            period = str(reference.year - n) if reference else ""
        elif m["first_months"]:
            months = int(to_number(m["first_months"]))
            kind, value, unit = "period", float(months), "月"
            year = context_year or (reference.year if reference else None)
            period = periods.month_range(year, 1, months) if year else ""
        elif m["now"]:
            kind, period = "now", PUBLICATION
        elif m["recent_day"]:
            kind, period = "now", reference.day.isoformat() if reference else ""
        elif m["months"]:
            a, b = re.split(_RANGE, m["months"][:-1])
            kind, value, unit = "period", float(_month(b)), "月"
            year = context_year or (reference.year if reference else None)
            period = periods.month_range(year, _month(a), _month(b)) if year else ""
        elif m["date_m"]:
            kind, value, unit = "date", float(m["date_d"]), "日"
            year = context_year or (reference.year if reference else None)
            period = f"{year}-{int(m['date_m']):02d}-{int(m['date_d']):02d}" if year else ""
        else:
            year = context_year or (reference.year if reference else None)
            if year is None:
                period = ""
            elif m["whole"]:
                period = str(year)
            elif m["quarter"]:
                q = _QUARTERS[m["quarter"]]
                period = periods.month_range(year, 3 * q - 2, 3 * q)
            elif m["half"]:
                period = periods.month_range(year, 1, 6) if m["half"] == "上半年" else periods.month_range(year, 7, 12)
            else:
                period = periods.month_range(year, 1, 9)
        if as_of is not None and as_of[1] == start:
            start = as_of[0]
            period = _as_of(period)
        as_of = None
        last_end = end
        found.append(TimeExpression(start, end, norm[start:end], kind, period, value, unit))
    return found

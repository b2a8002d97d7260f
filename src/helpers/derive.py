"""Figures the article implies but does not state, each with its formula.

Every function takes ledger rows (pandas Series with ``id``, ``value``,
``unit``, ``qualifier``, ``period``) and returns a ``Derived``: the value, what
kind of value it is (a point, or a lower or upper bound), the formula with the
numbers filled in, and the ledger ids it used, so a notebook can print
``36.9% − 32.2% = 4.7 pp (emerging_chain_share_2024, emerging_chain_share_2022)``.

Qualifiers are respected: a ``target`` is not an outcome and is refused except
where the question is about the target itself (``required_pace``); an
``at_least`` value gives a bound, not a point; ``approx`` makes the result
approximate. Combinations with no meaning raise ``IncompatibleError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

POINT, LOWER, UPPER = "point", "lower_bound", "upper_bound"
_SIGN = {POINT: "=", LOWER: "≥", UPPER: "≤"}
_QUALIFIER_MARK = {"exact": "", "approx": "≈", "at_least": "≥", "target": "→"}
YUAN_SCALE = {"亿元": 1e8, "万元": 1e4, "元": 1.0}


class IncompatibleError(ValueError):
    """Figures that cannot be combined (units, qualifiers or periods)."""


@dataclass(frozen=True)
class Derived:
    """A derived value with its formula and the ledger ids behind it."""

    value: float
    unit: str
    kind: str
    approx: bool
    formula: str
    ids: tuple[str, ...]
    digits: int = 1

    @property
    def shown(self) -> str:
        """The value as shown: rounded, with its unit and bound sign."""
        mark = ("≳" if self.kind == LOWER else "≲" if self.kind == UPPER else "≈") if self.approx \
            else ("≥" if self.kind == LOWER else "≤" if self.kind == UPPER else "")
        return f"{mark}{fmt(self.value, self.digits)}{_unit_text(self.unit)}"

    def __str__(self) -> str:
        return f"{self.formula} ({', '.join(self.ids)})"


def fmt(value: float, digits: int = 1) -> str:
    """A number rounded half away from zero, without trailing zeros beyond ``digits``."""
    scaled = math.floor(abs(value) * 10**digits + 0.5) / 10**digits
    text = f"{math.copysign(scaled, value):,.{digits}f}"
    return text.replace(",", "")


def _unit_text(unit: str) -> str:
    return f" {unit}" if unit in ("pp", "pp/yr") else unit


def stated(row: pd.Series) -> str:
    """A ledger value as the article states it: qualifier mark, number, unit."""
    digits = max(0, len(repr(float(row["value"])).split(".")[1].rstrip("0")))
    return f"{_QUALIFIER_MARK[row['qualifier']]}{fmt(row['value'], digits)}{row['unit']}"


def _refuse_target(*rows: pd.Series) -> None:
    for row in rows:
        if row["qualifier"] == "target":
            raise IncompatibleError(
                f"{row['id']} is a target ({stated(row)}), not an outcome: it cannot enter this calculation."
            )


def _approx(*rows: pd.Series) -> bool:
    return any(row["qualifier"] == "approx" for row in rows)


def _years(row: pd.Series) -> float:
    if row["unit"] != "年":
        raise IncompatibleError(f"{row['id']} is in {row['unit']!r}, not in years (年).")
    return float(row["value"])


def pp_change(before: pd.Series, after: pd.Series) -> Derived:
    """Percentage-point change between two shares: after − before."""
    _refuse_target(before, after)
    for row in (before, after):
        if row["unit"] != "%":
            raise IncompatibleError(f"{row['id']} is in {row['unit']!r}: a point change needs two % shares.")
        if row["qualifier"] == "at_least":
            raise IncompatibleError(f"{row['id']} is a lower bound: a difference of bounds is not a change.")
    value = after["value"] - before["value"]
    formula = f"{stated(after)} − {stated(before)} = {fmt(value)} pp"
    return Derived(value, "pp", POINT, _approx(before, after), formula, (after["id"], before["id"]))


def difference(before: pd.Series, after: pd.Series) -> Derived:
    """Change between two levels of the same unit: after − before (pp for shares)."""
    if before["unit"] == "%" and after["unit"] == "%":
        return pp_change(before, after)
    _refuse_target(before, after)
    if before["unit"] != after["unit"]:
        raise IncompatibleError(
            f"{before['id']} ({before['unit']}) and {after['id']} ({after['unit']}) are in different units."
        )
    if "at_least" in (before["qualifier"], after["qualifier"]):
        raise IncompatibleError("a difference involving a lower bound is not a change.")
    value = after["value"] - before["value"]
    digits = 0 if float(value).is_integer() else 1
    formula = f"{stated(after)} − {stated(before)} = {fmt(value, digits)}{after['unit']}"
    return Derived(value, after["unit"], POINT, _approx(before, after), formula,
                   (after["id"], before["id"]), digits)


def annual_pp_rate(change: Derived, years: pd.Series) -> Derived:
    """A point change spread evenly over the stated number of years."""
    if change.unit != "pp":
        raise IncompatibleError("annual_pp_rate needs a change in percentage points.")
    _refuse_target(years)
    n = _years(years)
    value = change.value / n
    formula = f"{fmt(change.value)} pp ÷ {stated(years)} = {fmt(value, 2)} pp/yr"
    return Derived(value, "pp/yr", change.kind, change.approx or _approx(years), formula,
                   change.ids + (years["id"],), 2)


def implied_base(value: pd.Series, growth: pd.Series) -> Derived:
    """Last period's level implied by a value and its growth: value ÷ (1 + g)."""
    _refuse_target(value, growth)
    if growth["unit"] != "%" or value["unit"] == "%":
        raise IncompatibleError(
            f"implied_base needs a level and a growth rate in %, got {value['unit']!r} and {growth['unit']!r}."
        )
    if "at_least" in (value["qualifier"], growth["qualifier"]):
        raise IncompatibleError("a bound on the level or the growth gives no point base.")
    base = value["value"] / (1 + growth["value"] / 100)
    formula = f"{stated(value)} ÷ (1 + {stated(growth)}) = {fmt(base, 2)}{value['unit']}"
    return Derived(base, value["unit"], POINT, _approx(value, growth), formula,
                   (value["id"], growth["id"]), 2)


def doubling(value: pd.Series, years: pd.Series) -> tuple[Derived, Derived]:
    """'Doubled in N years': the earlier level at most value ÷ 2, growth at least 2^(1/N) − 1."""
    _refuse_target(value, years)
    n = _years(years)
    base = value["value"] / 2
    rate = (2 ** (1 / n) - 1) * 100
    ids = (value["id"], years["id"])
    base_formula = f"{stated(value)} ÷ 2 = {fmt(base)}{value['unit']}"
    rate_formula = f"2^(1/{fmt(n, 0)}) − 1 = {fmt(rate)}%"
    return (Derived(base, value["unit"], UPPER, _approx(value, years), base_formula, ids),
            Derived(rate, "%", LOWER, _approx(value, years), rate_formula, ids))


def times_average(rate: pd.Series, multiple: pd.Series) -> Derived:
    """"k times the average": the average implied, rate ÷ k (approximate: k is rounded)."""
    _refuse_target(rate, multiple)
    if multiple["unit"] != "倍":
        raise IncompatibleError(f"{multiple['id']} is in {multiple['unit']!r}, not a multiple (倍).")
    value = rate["value"] / multiple["value"]
    kind = UPPER if rate["qualifier"] == "at_least" else POINT
    formula = f"{stated(rate)} ÷ {stated(multiple)} = {fmt(value)}{rate['unit']}"
    return Derived(value, rate["unit"], kind, True, formula,  # k is a rounded multiple
                   (rate["id"], multiple["id"]))


def _ratio_kind(num: pd.Series, den: pd.Series) -> str:
    if num["qualifier"] == "at_least" and den["qualifier"] == "at_least":
        raise IncompatibleError(
            f"{num['id']} and {den['id']} are both lower bounds: their ratio has no bound."
        )
    if num["qualifier"] == "at_least":
        return LOWER
    if den["qualifier"] == "at_least":
        return UPPER
    return POINT


def share(part: pd.Series, whole: pd.Series) -> Derived:
    """Part as a percentage of the whole (same unit)."""
    _refuse_target(part, whole)
    if part["unit"] != whole["unit"]:
        raise IncompatibleError(
            f"{part['id']} ({part['unit']}) and {whole['id']} ({whole['unit']}) are in different units."
        )
    kind = _ratio_kind(part, whole)
    value = part["value"] / whole["value"] * 100
    formula = f"{stated(part)} ÷ {stated(whole)} = {fmt(value)}%"
    return Derived(value, "%", kind, _approx(part, whole), formula, (part["id"], whole["id"]))


def per_unit(total: pd.Series, count: pd.Series) -> Derived:
    """Average per counted unit: total ÷ count, shown in 万元 when below 1亿元."""
    _refuse_target(total, count)
    if total["unit"] == "%" or count["unit"] in ("%", "倍"):
        raise IncompatibleError("per_unit needs an amount and a count.")
    kind = _ratio_kind(total, count)
    value, unit = total["value"] / count["value"], total["unit"]
    if unit == "亿元" and value < 1:
        value, unit = value * YUAN_SCALE["亿元"] / YUAN_SCALE["万元"], "万元"
    digits = 0 if value >= 100 else 2
    formula = f"{stated(total)} ÷ {stated(count)} = {fmt(value, digits)}{unit}/{count['unit']}"
    return Derived(value, f"{unit}/{count['unit']}", kind, _approx(total, count), formula,
                   (total["id"], count["id"]), digits)


def total(rows: list[pd.Series]) -> Derived:
    """The sum of several figures of one unit: a + b + … = total."""
    _refuse_target(*rows)
    units = {r["unit"] for r in rows}
    if len(units) != 1:
        raise IncompatibleError(f"cannot add figures in different units: {', '.join(sorted(units))}.")
    if any(r["qualifier"] == "at_least" for r in rows):
        kind = LOWER
    else:
        kind = POINT
    value = float(sum(r["value"] for r in rows))
    digits = 0 if value.is_integer() else 1
    formula = " + ".join(stated(r) for r in rows) + f" = {fmt(value, digits)}{rows[0]['unit']}"
    return Derived(value, rows[0]["unit"], kind, _approx(*rows), formula,
                   tuple(r["id"] for r in rows), digits)


def consecutive_years(first_year: pd.Series, wins: pd.Series) -> Derived:
    """The last year of a run of consecutive yearly wins that started in ``first_year``."""
    _refuse_target(first_year, wins)
    last = first_year["value"] + wins["value"] - 1
    formula = (f"{fmt(first_year['value'], 0)} + {fmt(wins['value'], 0)} − 1 = {fmt(last, 0)}"
               f" ({fmt(first_year['value'], 0)}–{fmt(last, 0)})")
    return Derived(last, "", POINT, False, formula, (first_year["id"], wins["id"]), 0)


def monthly(level: Derived, months: int) -> Derived:
    """A derived level over ``months`` months as a monthly average."""
    value = level.value / months
    formula = f"{fmt(level.value, level.digits)}{level.unit} ÷ {months} = {fmt(value, 2)}{level.unit}/月"
    return Derived(value, f"{level.unit}/月", level.kind, level.approx, formula, level.ids, 2)


def months_in_period(period: str) -> int:
    """Months covered by a 'YYYY-MM/YYYY-MM' period, both ends included."""
    try:
        start, end = period.split("/")
        y0, m0 = (int(x) for x in start.split("-")[:2])
        y1, m1 = (int(x) for x in end.split("-")[:2])
    except ValueError:
        raise IncompatibleError(f"{period!r} is not a month range YYYY-MM/YYYY-MM.") from None
    return (y1 - y0) * 12 + (m1 - m0) + 1


def required_pace(target: pd.Series, to_date: pd.Series) -> dict[str, Derived]:
    """What a full-year target needs from the rest of the year, against the pace so far.

    Returns ``pace_so_far`` (monthly average of the months covered),
    ``needed`` (monthly average the remaining months need), ``run_rate``
    (the full year at the pace so far) and ``needed_vs_pace`` (needed ÷ pace).
    """
    if target["qualifier"] != "target":
        raise IncompatibleError(f"{target['id']} is not a target.")
    _refuse_target(to_date)
    if target["unit"] != to_date["unit"]:
        raise IncompatibleError("the target and the figure to date are in different units.")
    months = months_in_period(to_date["period"])
    rest = 12 - months
    if rest <= 0:
        raise IncompatibleError("the figure to date already covers the whole year.")
    unit = target["unit"]
    ids = (target["id"], to_date["id"])
    pace = to_date["value"] / months
    needed = (target["value"] - to_date["value"]) / rest
    run_rate = pace * 12
    return {
        "pace_so_far": Derived(pace, f"{unit}/月", POINT, False,
                               f"{stated(to_date)} ÷ {months} = {fmt(pace, 2)}{unit}/月", ids[1:], 2),
        "needed": Derived(needed, f"{unit}/月", POINT, False,
                          f"({stated(target)} − {stated(to_date)}) ÷ (12 − {months}) = {fmt(needed, 2)}{unit}/月",
                          ids, 2),
        "run_rate": Derived(run_rate, unit, POINT, False,
                            f"{stated(to_date)} ÷ {months} × 12 = {fmt(run_rate)}{unit}", ids[1:]),
        "needed_vs_pace": Derived(needed / pace * 100, "%", POINT, False,
                                  f"{fmt(needed, 2)} ÷ {fmt(pace, 2)} = {fmt(needed / pace * 100)}%", ids),
    }


def row(ledger: pd.DataFrame, ledger_id: str) -> pd.Series:
    """One ledger row by id; KeyError names the id when it is missing."""
    found = ledger[ledger["id"] == ledger_id]
    if found.empty:
        raise KeyError(f"the ledger has no row {ledger_id!r}")
    return found.iloc[0]

"""Figures the article implies but does not state, each with its formula.

Every function takes ledger rows (pandas Series with ``id``, ``value``,
``unit``, ``qualifier``, ``period``) and returns a ``Derived``: the value, what
kind of value it is (a point, or a lower or upper bound), whether it is
approximate, the formula with the numbers filled in, and the ledger ids it
used, so a notebook can print
``36.9% − 32.2% = 4.7 pp (emerging_chain_share_2024, emerging_chain_share_2022)``.

The words set how strong a result may be:

- a formula's relation is ``=`` only for a point computed from exact
  figures; ``≈`` when a figure is approximate (近, a rounded multiple, 翻番);
  ``≥``/``≤`` (``≳``/``≲`` when also approximate) for bounds — never ``=``;
- one rounding rule: a shown number never says more than the computation.
  A bound is rounded toward its safe side (a lower bound down, an upper bound
  up: 2^(1/3) − 1 = 25.99…% is shown ≳25.9%); a point has no safe side and
  is rounded half away from zero, marked ≈ when rounding changed it
  (21.1 ÷ 4 = 5.275 → ≈5.28); counts of whole things (家, 个 …) stay whole;
- a ratio has no more significant figures than its least precise operand: a
  round figure (近50, 超250, 3亿元) has the significant figures it is written
  with, an exact count (73个) is exact, so 超250亿元 ÷ 近50家 ≳ 5亿元/家 and
  3亿元 ÷ 73个 ≈ 400万元/个;
- operands are shown as the article states them, so that the shown numbers
  give the shown result;
- an expected or target figure (有望, 力争) is not an outcome and is refused,
  except where the question is about it (``required_pace``);
- a difference is always the article's figure minus the one it is compared
  with (``gap``), or the later minus the earlier of two article figures
  (``pp_change``), so a positive number means "the article's is higher".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from . import periods
from .lexicon import COUNT_UNITS, MODAL_MARKS, YUAN_SCALE

POINT, LOWER, UPPER = "point", "lower_bound", "upper_bound"
_BOUND_OF = {"exact": POINT, "approx": POINT, "at_least": LOWER, "at_most": UPPER}
_MARK = {"exact": "", "approx": "≈", "at_least": "≥", "at_most": "≤"}
SIGN_CONVENTION = "article − comparison"


class IncompatibleError(ValueError):
    """Figures that cannot be combined (units, qualifiers or periods)."""


def bound(qualifier: str) -> str:
    """The bound part of a qualifier: ``expected_at_least`` → ``at_least``, ``target`` → ``exact``."""
    for modal in ("expected", "target"):
        if qualifier == modal:
            return "exact"
        if qualifier.startswith(modal + "_"):
            return qualifier[len(modal) + 1:]
    return qualifier


def is_modal(qualifier: str) -> bool:
    """An expectation or a target (有望, 预计, 力争 …), not an outcome."""
    return qualifier.startswith(("expected", "target"))


def relation(kind: str, approx: bool) -> str:
    """The sign between a formula and its result: =, ≈, ≥, ≳, ≤, ≲."""
    if kind == LOWER:
        return "≳" if approx else "≥"
    if kind == UPPER:
        return "≲" if approx else "≤"
    return "≈" if approx else "="


@dataclass(frozen=True)
class Derived:
    """A derived value with its formula and the ledger ids behind it.

    ``value`` is as computed; ``shown_value`` is what is shown, rounded in the
    safe direction for a bound (and whole for counts).
    """

    value: float
    unit: str
    kind: str
    approx: bool
    formula: str
    ids: tuple[str, ...]
    digits: int = 1
    whole: bool = False

    @property
    def shown_value(self) -> float:
        """The value as shown (rounded in the safe direction of its bound)."""
        return shown_number(self.value, self.kind, self.digits, self.whole)

    @property
    def shown(self) -> str:
        """The value as shown: its relation mark (none for an exact point), number and unit."""
        mark = relation(self.kind, self.approx)
        return f"{'' if mark == '=' else mark}{fmt(self.shown_value, 0 if self.whole else self.digits)}" \
               f"{unit_text(self.unit)}"

    def __str__(self) -> str:
        return f"{self.formula} ({', '.join(self.ids)})"


def fmt(value: float, digits: int = 1) -> str:
    """A number rounded half away from zero to ``digits`` decimals, no thousands separator (a half that
    binary floating point stores a hair below, as 36.9 − 32.2 = 4.6999…, still rounds away)."""
    scaled = math.floor(abs(value) * 10**digits + 0.5 + 1e-9) / 10**digits
    return f"{math.copysign(scaled, value):.{max(digits, 0)}f}"


def rounding_half(value: float) -> float:
    """Half a unit of a stated figure's last digit: 21.1 → 0.05, 1180 → 0.5 (what rounding may have hidden)."""
    text = repr(float(value)).removesuffix(".0")
    return 0.5 * 10 ** -(len(text.split(".")[1]) if "." in text else 0)


def growth_range(level: float, earlier: float) -> tuple[float, float]:
    """The growth rates in % that two rounded levels allow: (level ∓ half) ÷ (earlier ± half) − 1."""
    low = (level - rounding_half(level)) / (earlier + rounding_half(earlier)) - 1
    high = (level + rounding_half(level)) / (earlier - rounding_half(earlier)) - 1
    return low * 100, high * 100


def shown_number(value: float, kind: str, digits: int, whole: bool = False) -> float:
    """``value`` rounded as shown: a lower bound down, an upper bound up (whole counts: down, a count
    cannot exceed its bound), a point half away from zero."""
    if whole:
        if kind == LOWER:
            return float(math.ceil(value - 1e-9))
        if kind == UPPER:
            return float(math.floor(value + 1e-9))
        return float(fmt(value, 0))
    scale = 10**digits
    if kind == LOWER:
        return math.floor(value * scale + 1e-9) / scale
    if kind == UPPER:
        return math.ceil(value * scale - 1e-9) / scale
    return float(fmt(value, digits))


def unit_text(unit: str) -> str:
    """A unit as written after a number (``%`` and ``pp`` without a space)."""
    return f" {unit}" if unit in ("pp", "pp/yr") else unit


def stated(row: pd.Series) -> str:
    """A ledger value as the article states it: qualifier mark, number, unit (→ expected, ↑ target)."""
    value = float(row["value"])
    digits = max(0, len(repr(value).split(".")[1].rstrip("0")))
    modal = MODAL_MARKS[row["qualifier"].split("_")[0]] if is_modal(row["qualifier"]) else ""
    return f"{modal}{_MARK[bound(row['qualifier'])]}{fmt(value, digits)}{row['unit']}"


def _result(lhs: str, value: float, unit: str, kind: str, approx: bool, ids: tuple[str, ...],
            digits: int = 1, whole: bool = False) -> Derived:
    shown = shown_number(value, kind, digits, whole)
    approx = approx or (kind == POINT and not math.isclose(shown, value, rel_tol=0, abs_tol=1e-9))  # rounded: ≈
    number = fmt(shown, 0 if whole else digits)
    formula = f"{lhs} {relation(kind, approx)} {number}{unit_text(unit)}"
    return Derived(value, unit, kind, approx, formula, ids, digits, whole)


def _refuse(*rows: pd.Series, modal_ok: bool = False) -> None:
    for row in rows:
        if pd.isna(row["value"]):
            raise IncompatibleError(f"{row['id']} states no figure: it cannot enter a calculation.")
        if is_modal(row["qualifier"]) and not modal_ok:
            raise IncompatibleError(
                f"{row['id']} is an expectation or a target ({stated(row)}), not an outcome: "
                "it cannot enter this calculation.")


def _approx(*rows: pd.Series) -> bool:
    return any(bound(row["qualifier"]) == "approx" for row in rows)


def _bounded(*rows: pd.Series) -> bool:
    return any(bound(row["qualifier"]) in ("at_least", "at_most") for row in rows)


def _years(row: pd.Series) -> float:
    if row["unit"] != "年":
        raise IncompatibleError(f"{row['id']} is in {row['unit']!r}, not in years (年).")
    return float(row["value"])


def pp_change(before: pd.Series, after: pd.Series) -> Derived:
    """Percentage-point change between two shares: after − before (later minus earlier)."""
    _refuse(before, after)
    for row in (before, after):
        if row["unit"] != "%":
            raise IncompatibleError(f"{row['id']} is in {row['unit']!r}: a point change needs two % shares.")
    if _bounded(before, after):
        raise IncompatibleError("a difference involving a bound is not a change.")
    value = after["value"] - before["value"]
    return _result(f"{stated(after)} − {stated(before)}", value, "pp", POINT, _approx(before, after),
                   (after["id"], before["id"]))


def gap(article: pd.Series, other: pd.Series) -> Derived:
    """The article's figure minus the one it is compared with (pp for shares): positive = article higher."""
    if article["unit"] == "%" and other["unit"] == "%":
        return pp_change(other, article)
    _refuse(article, other)
    if article["unit"] != other["unit"]:
        raise IncompatibleError(
            f"{article['id']} ({article['unit']}) and {other['id']} ({other['unit']}) are in different units.")
    if _bounded(article, other):
        raise IncompatibleError("a difference involving a bound is not a change.")
    value = article["value"] - other["value"]
    digits = 0 if float(value).is_integer() else 1
    return _result(f"{stated(article)} − {stated(other)}", value, article["unit"], POINT,
                   _approx(article, other), (article["id"], other["id"]), digits)


def annual_pp_rate(change: Derived, years: pd.Series) -> Derived:
    """A point change spread evenly over the stated number of years, shown to the change's own decimals
    (the significant-figure rule: 4.7 pp ÷ 2年 ≈ 2.4 pp/yr, not 2.35)."""
    if change.unit != "pp":
        raise IncompatibleError("annual_pp_rate needs a change in percentage points.")
    _refuse(years)
    n = _years(years)
    value = change.value / n
    return _result(f"{fmt(change.value, change.digits)} pp ÷ {stated(years)}", value, "pp/yr", change.kind,
                   change.approx or _approx(years), change.ids + (years["id"],), change.digits)


def implied_base(value: pd.Series, growth: pd.Series) -> Derived:
    """Last period's level implied by a value and its growth: value ÷ (1 + g)."""
    _refuse(value, growth)
    if growth["unit"] != "%" or value["unit"] == "%":
        raise IncompatibleError(
            f"implied_base needs a level and a growth rate in %, got {value['unit']!r} and {growth['unit']!r}.")
    if _bounded(value, growth):
        raise IncompatibleError("a bound on the level or the growth gives no point base.")
    base = value["value"] / (1 + growth["value"] / 100)
    return _result(f"{stated(value)} ÷ (1 + {stated(growth)})", base, value["unit"], POINT,
                   _approx(value, growth), (value["id"], growth["id"]))


def doubling(value: pd.Series, years: pd.Series) -> tuple[Derived, Derived]:
    """'Doubled in N years' (翻番, an approximate word): the earlier level ≲ value ÷ 2, growth ≳ 2^(1/N) − 1."""
    _refuse(value, years)
    n = _years(years)
    ids = (value["id"], years["id"])
    whole = value["unit"] in COUNT_UNITS
    earlier = _result(f"{stated(value)} ÷ 2", value["value"] / 2, value["unit"], UPPER, True, ids, 1, whole)
    rate = _result(f"2^(1/{fmt(n, 0)}) − 1", (2 ** (1 / n) - 1) * 100, "%", LOWER, True, ids)
    return earlier, rate


def times_average(rate: pd.Series, multiple: pd.Series) -> Derived:
    """"k times the average": the average implied, rate ÷ k (approximate: k is a rounded multiple)."""
    _refuse(rate, multiple)
    if multiple["unit"] != "倍":
        raise IncompatibleError(f"{multiple['id']} is in {multiple['unit']!r}, not a multiple (倍).")
    kind = {"at_least": UPPER, "at_most": LOWER}.get(bound(multiple["qualifier"]),
                                                     _BOUND_OF[bound(rate["qualifier"])])
    return _result(f"{stated(rate)} ÷ {stated(multiple)}", rate["value"] / multiple["value"], rate["unit"],
                   kind, True, (rate["id"], multiple["id"]))


def _ratio_kind(num: pd.Series, den: pd.Series) -> str:
    top, bottom = _BOUND_OF[bound(num["qualifier"])], _BOUND_OF[bound(den["qualifier"])]
    if top != POINT and bottom != POINT and (top == bottom):
        raise IncompatibleError(f"{num['id']} and {den['id']} are bounds the same way: their ratio has no bound.")
    if top != POINT:
        return top
    return {LOWER: UPPER, UPPER: LOWER}.get(bottom, POINT)


def share(part: pd.Series, whole: pd.Series) -> Derived:
    """Part as a percentage of the whole (same unit)."""
    _refuse(part, whole)
    if part["unit"] != whole["unit"]:
        raise IncompatibleError(
            f"{part['id']} ({part['unit']}) and {whole['id']} ({whole['unit']}) are in different units.")
    return _result(f"{stated(part)} ÷ {stated(whole)}", part["value"] / whole["value"] * 100, "%",
                   _ratio_kind(part, whole), _approx(part, whole), (part["id"], whole["id"]))


def significant_figures(row: pd.Series) -> int | None:
    """The significant figures a stated figure carries: None for an exact count (73个 is exactly 73),
    else the digits it is written with, trailing zeros of a whole number not counted (近50 → 1, 超250 → 2,
    3亿元 → 1, 21.1 → 3)."""
    if row["unit"] in COUNT_UNITS and row["qualifier"] == "exact":
        return None
    text = repr(abs(float(row["value"]))).removesuffix(".0")
    digits = text.replace(".", "").lstrip("0") if "." in text else text.strip("0")
    return max(1, len(digits))


def _digits_within(value: float, digits: int, *rows: pd.Series) -> int:
    """``digits`` decimals, fewer when the least precise of ``rows`` carries fewer significant figures."""
    found = [n for n in (significant_figures(r) for r in rows) if n is not None]
    if not found or value == 0:
        return digits
    return min(digits, min(found) - 1 - math.floor(math.log10(abs(value))))


def per_unit(total: pd.Series, count: pd.Series) -> Derived:
    """Average per counted unit: total ÷ count, shown in 万元 when below 1亿元, with no more significant
    figures than the least precise operand."""
    _refuse(total, count)
    if total["unit"] == "%" or count["unit"] in ("%", "倍"):
        raise IncompatibleError("per_unit needs an amount and a count.")
    value, unit = total["value"] / count["value"], total["unit"]
    if unit == "亿元" and value < 1:
        value, unit = value * YUAN_SCALE["亿元"] / YUAN_SCALE["万元"], "万元"
    digits = _digits_within(value, 0 if value >= 100 else 2, total, count)
    return _result(f"{stated(total)} ÷ {stated(count)}", value, f"{unit}/{count['unit']}",
                   _ratio_kind(total, count), _approx(total, count), (total["id"], count["id"]), digits)


def total(rows: list[pd.Series]) -> Derived:
    """The sum of several figures of one unit: a + b + … = total."""
    _refuse(*rows)
    units = {r["unit"] for r in rows}
    if len(units) != 1:
        raise IncompatibleError(f"cannot add figures in different units: {', '.join(sorted(units))}.")
    bounds = {_BOUND_OF[bound(r["qualifier"])] for r in rows} - {POINT}
    if len(bounds) > 1:
        raise IncompatibleError("cannot add lower and upper bounds.")
    value = float(sum(r["value"] for r in rows))
    digits = 0 if value.is_integer() else 1
    return _result(" + ".join(stated(r) for r in rows), value, rows[0]["unit"], bounds.pop() if bounds else POINT,
                   _approx(*rows), tuple(r["id"] for r in rows), digits)


def consecutive_years(first_year: pd.Series, wins: pd.Series) -> Derived:
    """The last year of a run of consecutive yearly wins that started in ``first_year``."""
    _refuse(first_year, wins)
    last = first_year["value"] + wins["value"] - 1
    first = fmt(first_year["value"], 0)
    formula = f"{first} + {fmt(wins['value'], 0)} − 1 = {fmt(last, 0)} ({first}–{fmt(last, 0)})"
    return Derived(last, "", POINT, False, formula, (first_year["id"], wins["id"]), 0)


def years_evaluated(last_ceremony: Derived, wins: pd.Series, ceremony: pd.Series, evaluated: pd.Series) -> Derived:
    """The years an award's consecutive wins were for: each ceremony evaluates the year ``ceremony −
    evaluated`` earlier (the 2025 conference published the list for 2024)."""
    _refuse(wins, ceremony)
    lag = ceremony["value"] - periods.year_of(evaluated["period"])
    last = last_ceremony.value - lag
    first = last - wins["value"] + 1
    formula = f"{fmt(last_ceremony.value, 0)} − {fmt(lag, 0)} = {fmt(last, 0)} ({fmt(first, 0)}–{fmt(last, 0)})"
    return Derived(last, "", POINT, False, formula, last_ceremony.ids + (ceremony["id"], evaluated["id"]), 0)


def monthly(level: Derived, months: int) -> Derived:
    """A derived level over ``months`` months as a monthly average."""
    shown = f"{fmt(level.shown_value, level.digits)}{level.unit}"
    return _result(f"{shown} ÷ {months}", level.value / months, f"{level.unit}/月", level.kind, level.approx,
                   level.ids, 2)


def months_in_period(period: str) -> int:
    """Months covered by a 'YYYY-MM/YYYY-MM' period, both ends included."""
    try:
        return periods.months_in(period)
    except periods.PeriodError as exc:
        raise IncompatibleError(str(exc)) from None


def required_pace(target: pd.Series, to_date: pd.Series) -> dict[str, Derived]:
    """What an expected or target full-year figure needs from the rest of the year, against the pace so far.

    Returns ``pace_so_far`` (monthly average of the months covered),
    ``needed`` (monthly average the remaining months need: at least this
    much when the figure is one to exceed), ``run_rate`` (the full year at
    the pace so far) and ``needed_vs_pace`` (needed ÷ pace, computed from the
    article's figures, not from rounded intermediate results).
    """
    if not is_modal(target["qualifier"]):
        raise IncompatibleError(f"{target['id']} is neither an expectation nor a target.")
    _refuse(target, modal_ok=True)
    _refuse(to_date)
    if target["unit"] != to_date["unit"]:
        raise IncompatibleError("the full-year figure and the figure to date are in different units.")
    months = months_in_period(to_date["period"])
    rest = 12 - months
    if rest <= 0:
        raise IncompatibleError("the figure to date already covers the whole year.")
    unit = target["unit"]
    ids = (target["id"], to_date["id"])
    kind = _BOUND_OF[bound(target["qualifier"])]
    approx = _approx(target, to_date)
    pace = to_date["value"] / months
    needed = (target["value"] - to_date["value"]) / rest
    goal, so_far = stated(target).lstrip("".join(MODAL_MARKS.values())), stated(to_date)
    return {
        "pace_so_far": _result(f"{so_far} ÷ {months}", pace, f"{unit}/月", POINT, approx, ids[1:], 2),
        "needed": _result(f"({goal} − {so_far}) ÷ (12 − {months})", needed, f"{unit}/月", kind, approx, ids, 2),
        "run_rate": _result(f"{so_far} ÷ {months} × 12", pace * 12, unit, POINT, approx, ids[1:]),
        "needed_vs_pace": _result(f"({goal} − {so_far}) ÷ (12 − {months}) ÷ ({so_far} ÷ {months})",
                                  needed / pace * 100, "%", kind, approx, ids),
    }

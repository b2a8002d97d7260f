"""Derived figures on cases worked by hand."""

import pandas as pd
import pytest

from helpers import derive
from helpers.derive import IncompatibleError


def fig(id_, value, unit, qualifier="exact", period="2024"):
    return pd.Series({"id": id_, "value": value, "unit": unit, "qualifier": qualifier, "period": period})


def test_pp_change_and_annual_rate():
    change = derive.pp_change(fig("a", 32.2, "%"), fig("b", 36.9, "%"))
    assert change.value == pytest.approx(4.7) and change.unit == "pp"
    assert str(change) == "36.9% − 32.2% = 4.7 pp (b, a)"
    rate = derive.annual_pp_rate(change, fig("y", 2, "年"))
    assert rate.value == pytest.approx(2.35) and rate.ids == ("b", "a", "y")
    assert rate.formula == "4.7 pp ÷ 2年 = 2.35 pp/yr"


def test_implied_base_from_growth():
    base = derive.implied_base(fig("v", 21.1, "亿元"), fig("g", 87.8, "%"))
    assert base.value == pytest.approx(11.2354, rel=1e-4)  # 21.1 / 1.878
    assert base.formula == "21.1亿元 ÷ (1 + 87.8%) = 11.24亿元"


def test_doubling_gives_bounds():
    earlier, rate = derive.doubling(fig("n", 2071, "家"), fig("y", 3, "年"))
    assert earlier.value == pytest.approx(1035.5) and earlier.kind == derive.UPPER
    assert rate.value == pytest.approx(25.99, abs=0.01) and rate.kind == derive.LOWER  # 2^(1/3) - 1
    assert earlier.shown == "≤1035.5家" and rate.shown == "≥26.0%"


def test_times_average():
    national = derive.times_average(fig("r", 18.9, "%"), fig("k", 2.2, "倍"))
    assert national.value == pytest.approx(8.59, abs=0.01) and national.shown == "≈8.6%"


def test_share_and_per_unit():
    share = derive.share(fig("s", 73, "个"), fig("t", 526, "个"))
    assert share.value == pytest.approx(13.878, abs=0.001) and share.shown == "13.9%"
    per = derive.per_unit(fig("m", 3, "亿元"), fig("c", 73, "个"))
    assert per.unit == "万元/个" and per.value == pytest.approx(410.96, abs=0.01) and per.shown == "411万元/个"


def test_lower_bound_over_approximate_count_is_an_approximate_lower_bound():
    per = derive.per_unit(fig("m", 250, "亿元", "at_least"), fig("c", 50, "家", "approx"))
    assert per.kind == derive.LOWER and per.approx and per.shown == "≳5.00亿元/家"


def test_bound_in_the_denominator_gives_an_upper_bound():
    per = derive.per_unit(fig("m", 100, "亿元"), fig("c", 20, "家", "at_least"))
    assert per.kind == derive.UPPER and per.value == 5


def test_required_pace_against_the_months_so_far():
    pace = derive.required_pace(fig("t", 50, "亿元", "target", "2025"),
                                fig("j", 21.1, "亿元", "exact", "2025-01/2025-04"))
    assert pace["pace_so_far"].value == pytest.approx(5.275)
    assert pace["needed"].value == pytest.approx(3.6125)  # (50 - 21.1) / 8
    assert pace["run_rate"].value == pytest.approx(63.3)
    assert pace["needed_vs_pace"].value == pytest.approx(68.48, abs=0.01)


def test_difference_total_and_years():
    assert derive.difference(fig("a", 44, "家"), fig("b", 76, "家")).shown == "32家"
    assert derive.total([fig("a", 6, "个"), fig("b", 20, "个"), fig("c", 6, "个")]).formula == "6个 + 20个 + 6个 = 32个"
    last = derive.consecutive_years(fig("first", 2023, "年"), fig("wins", 3, "连冠"))
    assert last.value == 2025 and last.formula == "2023 + 3 − 1 = 2025 (2023–2025)"
    assert derive.months_in_period("2024-11/2025-02") == 4


@pytest.mark.parametrize("call", [
    lambda: derive.pp_change(fig("a", 30, "%"), fig("b", 50, "%", "target")),
    lambda: derive.pp_change(fig("a", 30, "%"), fig("b", 50, "亿元")),
    lambda: derive.pp_change(fig("a", 30, "%", "at_least"), fig("b", 50, "%")),
    lambda: derive.implied_base(fig("v", 50, "亿元", "target"), fig("g", 10, "%")),
    lambda: derive.implied_base(fig("v", 50, "亿元", "at_least"), fig("g", 10, "%")),
    lambda: derive.share(fig("a", 3, "个"), fig("b", 5, "家")),
    lambda: derive.per_unit(fig("m", 250, "亿元", "at_least"), fig("c", 50, "家", "at_least")),
    lambda: derive.times_average(fig("r", 10, "%"), fig("k", 2, "%")),
    lambda: derive.doubling(fig("n", 100, "家"), fig("y", 3, "个")),
    lambda: derive.required_pace(fig("t", 50, "亿元"), fig("j", 20, "亿元", period="2025-01/2025-04")),
    lambda: derive.required_pace(fig("t", 50, "亿元", "target"), fig("j", 20, "亿元", period="2025-01/2025-12")),
    lambda: derive.total([fig("a", 1, "个"), fig("b", 2, "家")]),
])
def test_incompatible_figures_are_refused(call):
    with pytest.raises(IncompatibleError):
        call()


def test_formatting_rounds_half_away_from_zero():
    assert derive.fmt(2.345, 2) == "2.35" and derive.fmt(-4.25, 1) == "-4.3" and derive.fmt(1035.5, 0) == "1036"

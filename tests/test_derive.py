"""Derived figures on cases worked by hand: values, bounds, signs and formulas."""

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
    assert rate.formula == "4.7 pp ÷ 2年 ≈ 2.4 pp/yr"  # no more decimals than the change it spreads


def test_implied_base_from_growth():
    base = derive.implied_base(fig("v", 21.1, "亿元"), fig("g", 87.8, "%"))
    assert base.value == pytest.approx(11.2354, rel=1e-4)  # 21.1 / 1.878
    assert base.formula == "21.1亿元 ÷ (1 + 87.8%) ≈ 11.2亿元"  # rounded, so ≈


def test_rounded_levels_allow_a_range_of_growth_rates():
    assert derive.rounding_half(21.1) == pytest.approx(0.05) and derive.rounding_half(1180.0) == 0.5
    low, high = derive.growth_range(21.1, 11.2)  # 21.05 / 11.25 − 1 and 21.15 / 11.15 − 1
    assert low == pytest.approx(87.11, abs=0.01) and high == pytest.approx(89.69, abs=0.01)


def test_doubling_gives_approximate_bounds_and_whole_firms():
    earlier, rate = derive.doubling(fig("n", 2071, "家"), fig("y", 3, "年"))
    assert earlier.value == pytest.approx(1035.5) and earlier.kind == derive.UPPER and earlier.approx
    assert earlier.shown == "≲1035家" and earlier.formula == "2071家 ÷ 2 ≲ 1035家"
    assert rate.value == pytest.approx(25.99, abs=0.01) and rate.kind == derive.LOWER  # 2^(1/3) - 1
    assert rate.shown == "≳25.9%" and rate.formula == "2^(1/3) − 1 ≳ 25.9%"  # a lower bound rounds down


def test_times_average_is_approximate():
    national = derive.times_average(fig("r", 18.9, "%"), fig("k", 2.2, "倍"))
    assert national.value == pytest.approx(8.59, abs=0.01) and national.shown == "≈8.6%"
    assert national.formula == "18.9% ÷ 2.2倍 ≈ 8.6%"


def test_share_and_per_unit():
    share = derive.share(fig("s", 73, "个"), fig("t", 526, "个"))
    assert share.value == pytest.approx(13.878, abs=0.001) and share.shown == "≈13.9%"
    per = derive.per_unit(fig("m", 3, "亿元"), fig("c", 73, "个"))
    assert per.unit == "万元/个" and per.value == pytest.approx(410.96, abs=0.01)
    assert per.shown == "≈400万元/个"  # 3亿元 has one significant figure; 73个 is an exact count
    assert derive.per_unit(fig("m", 3.25, "亿元"), fig("c", 73, "个")).shown == "≈445万元/个"
    assert derive.per_unit(fig("m", 21.1, "亿元"), fig("c", 4, "个")).shown == "≈5.28亿元/个"


def test_a_lower_bound_over_an_approximate_count_is_never_written_with_equals():
    per = derive.per_unit(fig("m", 250, "亿元", "at_least"), fig("c", 50, "家", "approx"))
    assert per.kind == derive.LOWER and per.approx and per.shown == "≳5亿元/家"  # 近50: one significant figure
    assert per.formula == "≥250亿元 ÷ ≈50家 ≳ 5亿元/家" and " = " not in per.formula


@pytest.mark.parametrize(("num", "den", "kind"), [
    (fig("m", 100, "亿元"), fig("c", 20, "家", "at_least"), derive.UPPER),
    (fig("m", 100, "亿元", "at_most"), fig("c", 20, "家"), derive.UPPER),
    (fig("m", 100, "亿元"), fig("c", 20, "家", "at_most"), derive.LOWER),
])
def test_bounds_in_a_ratio(num, den, kind):
    assert derive.per_unit(num, den).kind == kind


def test_required_pace_for_an_expectation_to_exceed():
    pace = derive.required_pace(fig("t", 50, "亿元", "expected_at_least", "2025"),
                                fig("j", 21.1, "亿元", "exact", "2025-01/2025-04"))
    assert pace["pace_so_far"].value == pytest.approx(5.275) and pace["pace_so_far"].shown == "≈5.28亿元/月"
    assert pace["needed"].value == pytest.approx(3.6125) and pace["needed"].kind == derive.LOWER
    assert pace["needed"].formula == "(≥50亿元 − 21.1亿元) ÷ (12 − 4) ≥ 3.61亿元/月"
    assert pace["run_rate"].value == pytest.approx(63.3)
    assert pace["needed_vs_pace"].value == pytest.approx(68.48, abs=0.01)
    # computed from the article's figures, not from the rounded 3.61 and 5.28 (which give 68.4%)
    assert pace["needed_vs_pace"].formula == "(≥50亿元 − 21.1亿元) ÷ (12 − 4) ÷ (21.1亿元 ÷ 4) ≥ 68.4%"


def test_one_sign_convention_article_minus_comparison():
    assert derive.gap(fig("a", 76, "家"), fig("b", 44, "家")).shown == "32家"
    assert derive.gap(fig("a", 2071, "家"), fig("b", 2048, "家")).formula == "2071家 − 2048家 = 23家"
    assert derive.gap(fig("a", 69.3, "%"), fig("b", 67.1, "%")).formula == "69.3% − 67.1% = 2.2 pp"


def test_total_and_years():
    assert derive.total([fig("a", 6, "个"), fig("b", 20, "个"), fig("c", 6, "个")]).formula == "6个 + 20个 + 6个 = 32个"
    last = derive.consecutive_years(fig("first", 2023, "年"), fig("wins", 3, "连冠"))
    assert last.value == 2025 and last.formula == "2023 + 3 − 1 = 2025 (2023–2025)"
    assert derive.months_in_period("2024-11/2025-02") == 4


@pytest.mark.parametrize("call", [
    lambda: derive.pp_change(fig("a", 30, "%"), fig("b", 50, "%", "target")),
    lambda: derive.pp_change(fig("a", 30, "%"), fig("b", 50, "%", "expected_at_least")),
    lambda: derive.pp_change(fig("a", 30, "%"), fig("b", 50, "亿元")),
    lambda: derive.pp_change(fig("a", 30, "%", "at_least"), fig("b", 50, "%")),
    lambda: derive.gap(fig("a", 30, "家", "at_most"), fig("b", 50, "家")),
    lambda: derive.implied_base(fig("v", 50, "亿元", "target"), fig("g", 10, "%")),
    lambda: derive.implied_base(fig("v", 50, "亿元", "at_least"), fig("g", 10, "%")),
    lambda: derive.share(fig("a", 3, "个"), fig("b", 5, "家")),
    lambda: derive.share(fig("a", float("nan"), ""), fig("b", 5, "家")),
    lambda: derive.per_unit(fig("m", 250, "亿元", "at_least"), fig("c", 50, "家", "at_least")),
    lambda: derive.times_average(fig("r", 10, "%"), fig("k", 2, "%")),
    lambda: derive.doubling(fig("n", 100, "家"), fig("y", 3, "个")),
    lambda: derive.required_pace(fig("t", 50, "亿元"), fig("j", 20, "亿元", period="2025-01/2025-04")),
    lambda: derive.required_pace(fig("t", 50, "亿元", "target"), fig("j", 20, "亿元", period="2025-01/2025-12")),
    lambda: derive.total([fig("a", 1, "个"), fig("b", 2, "家")]),
    lambda: derive.total([fig("a", 1, "个", "at_least"), fig("b", 2, "个", "at_most")]),
])
def test_incompatible_figures_are_refused(call):
    with pytest.raises(IncompatibleError):
        call()


def test_formatting_rounds_half_away_from_zero_and_bounds_the_safe_way():
    assert derive.fmt(2.345, 2) == "2.35" and derive.fmt(-4.25, 1) == "-4.3" and derive.fmt(1035.5, 0) == "1036"
    assert derive.shown_number(25.99, derive.LOWER, 1) == 25.9 and derive.shown_number(8.51, derive.UPPER, 1) == 8.6
    assert derive.shown_number(1035.5, derive.UPPER, 0, whole=True) == 1035
    assert derive.shown_number(10.2, derive.LOWER, 0, whole=True) == 11

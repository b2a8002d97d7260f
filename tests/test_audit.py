import pandas as pd
import pytest

from helpers import audit
from helpers.context import load_figures


def test_the_article_audit(ledger, article):
    result = audit.run_audit(ledger, article.text, load_figures()).set_index("check_id")
    assert set(result["verdict"]) <= set(audit.VERDICTS)
    assert result.loc["span_years", "verdict"] == audit.CONSISTENT
    assert result.loc["doubling", "verdict"] == audit.NOT_CHECKABLE
    assert "1035.5" in result.loc["doubling", "result"]
    assert result.loc["times_average", "verdict"] == audit.NOT_CHECKABLE
    assert result.loc["all_first", "verdict"] == audit.CONSISTENT
    assert result.loc["both_top", "verdict"] == audit.NOT_CHECKABLE
    assert result.loc["target_pace", "verdict"] == audit.CONSISTENT
    assert result.loc["dates", "verdict"] == audit.CONSISTENT
    assert result.loc["external_hz_hightech_firms_2025", "verdict"] == audit.NOT_CHECKABLE
    assert "2048" in result.loc["external_hz_hightech_firms_2025", "result"]
    assert result.loc["award_places", "verdict"] == audit.CONSISTENT


def with_row(ledger: pd.DataFrame, **values) -> pd.DataFrame:
    row = {c: "" for c in ledger.columns}
    row.update(qualifier="exact", province_rank=pd.NA, rank_kind="", section="innovation", topic="t")
    row.update(values)
    return pd.concat([ledger, pd.DataFrame([row])], ignore_index=True)


def test_a_doubling_that_does_not_hold_is_inconsistent(ledger):
    made_up = with_row(ledger, id="hightech_firms_2021", metric_en="National high-tech enterprises",
                       value=1200.0, unit="家", period="2021-12-31", quote="x")
    row = audit.check_doubling(made_up, "hightech_firms", "hightech_firms_doubling_years")
    assert row.verdict == audit.INCONSISTENT and "1.73" in row.result


def test_a_doubling_that_holds_is_consistent(ledger):
    made_up = with_row(ledger, id="hightech_firms_2021", metric_en="National high-tech enterprises",
                       value=1000.0, unit="家", period="2021-12-31", quote="x")
    assert audit.check_doubling(made_up, "hightech_firms", "hightech_firms_doubling_years").verdict == audit.CONSISTENT


def test_all_first_fails_when_a_rank_is_not_first(ledger):
    changed = ledger.copy()
    changed.loc[changed["id"] == "green_industrial_parks", "province_rank"] = 2
    assert audit.check_all_first(changed, "green_first_place_indicators").verdict == audit.INCONSISTENT


def test_span_years_fails_when_periods_disagree(ledger):
    changed = ledger.copy()
    changed.loc[changed["id"] == "emerging_chain_share_2022", "period"] = "2021-12-31"
    row = audit.check_span_years(changed, "emerging_chain_share_2022", "emerging_chain_share_2024",
                                 "emerging_chain_share_span_years")
    assert row.verdict == audit.INCONSISTENT


def test_target_beyond_the_pace_is_inconsistent(ledger):
    changed = ledger.copy()
    changed.loc[changed["id"] == "jinjia_output_full_year_target", "value"] = 80.0
    assert audit.check_target_pace(changed, "jinjia_output_full_year_target",
                                   "jinjia_output_jan_apr").verdict == audit.INCONSISTENT


def test_last_year_with_a_wrong_period_is_inconsistent(ledger, article):
    changed = ledger.copy()
    changed.loc[changed["id"] == "rd_intensity", "period"] = "2023"
    row = audit.check_dates(changed, article.text, audit.article_year(load_figures()))
    assert row.verdict == audit.INCONSISTENT and "rd_intensity" in row.result


def test_missing_rows_are_not_checkable_never_a_pass(ledger, article):
    empty = ledger.iloc[0:0]
    result = audit.run_audit(empty, article.text, None)
    assert (result["verdict"] != audit.CONSISTENT).all()


def test_same_external_figure_for_the_same_period_that_differs_is_inconsistent(ledger):
    context = load_figures()
    context.loc[context["id"] == "hz_chain_share_2024", "value"] = 35.0
    rows = {r.check_id: r for r in audit.check_external(ledger, context)}
    assert rows["external_hz_chain_share_2024"].verdict == audit.INCONSISTENT
    assert "-1.9 pp" in rows["external_hz_chain_share_2024"].result


def test_unstated_items(ledger):
    needs = audit.unstated(ledger, load_figures())
    pairs = set(zip(needs["id"], needs["need"]))
    assert ("traditional_profit_growth", "level") in pairs
    assert ("traditional_profit_growth", "rank_base") in pairs
    assert ("deqing_geo_investment", "exact") in pairs
    assert ("jinjia_output_full_year_target", "target_basis") in pairs
    assert ("provincial_feature_clusters", "external_rank") in pairs
    assert ("hightech_firms", "flow") in pairs


@pytest.mark.parametrize("verdict", audit.VERDICTS)
def test_verdicts_by_id_lists_each_check(verdict):
    frame = pd.DataFrame([{"check_id": "c", "verdict": verdict, "ids": "a, b"}])
    assert audit.verdicts_by_id(frame) == {"a": f"c:{verdict}", "b": f"c:{verdict}"}


def test_dates_need_the_year_of_the_article(ledger, article):
    assert audit.article_year(load_figures()) == 2025
    assert audit.check_dates(ledger, article.text, None).verdict == audit.NOT_CHECKABLE

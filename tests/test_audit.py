"""The claims audit: the article's checks, made-up cases that must fail, and wording by branch."""

import pandas as pd
import pytest

from helpers import audit, paths
from helpers.context import load_all
from helpers.files import read_csv_text
from helpers.i18n import Glossary, load_glossary
from helpers.meta import Place, article_reference, place_of, read_meta
from helpers.registry import WORDED_KINDS


@pytest.fixture(scope="module")
def spec():
    return read_csv_text(paths.DATA / "audit_checks.csv")


PLACE = place_of(read_meta(paths.DATA))  # the article's own place, from its metadata


def inputs(ledger, article, context=None, place=PLACE, reference="default") -> audit.Inputs:
    figures, tables = load_all()
    return audit.Inputs(ledger, article.text, figures if context is None else context, tables,
                        article_reference(paths.DATA) if reference == "default" else reference, place)


def run(spec, ledger, article, **kwargs) -> pd.DataFrame:
    return audit.run_audit(spec, inputs(ledger, article, **kwargs)).set_index("check_id")


def one(check, ledger, article, ids, context_ids=(), **kwargs) -> audit.Finding:
    found = audit.CHECKS[check](inputs(ledger, article, **kwargs), tuple(ids), tuple(context_ids))
    assert len(found) >= 1
    return found[0]


def test_the_article_audit(spec, ledger, article):
    result = run(spec, ledger, article)
    assert set(result["verdict"]) <= set(audit.VERDICTS) and result.index.is_unique
    verdicts = result["verdict"].to_dict()
    for check in ("span_years", "award_years", "in_list_award_gold_first", "external_hz_chain_share_2024"):
        assert verdicts[check] == audit.CONSISTENT, check
    for check in ("doubling", "times_average", "both_top",
                  "streak_years_digital_index_top3_years", "unsourced_talent_pilot_only",
                  "unsourced_green_parks_full_coverage_only", "target_pace", "growth_base"):
        assert verdicts[check] == audit.NOT_CHECKABLE, check
    for check in ("dates", "all_first", "streak_ranks"):  # the ledger against the words it was read from
        assert verdicts[check] == audit.BOOKKEEPING, check
    assert audit.INCONSISTENT not in verdicts.values()
    branches = result["branch"].to_dict()
    assert (branches["doubling"], branches["all_first"], branches["target_pace"]) == ("implied", "restated",
                                                                                     "within_pace")


def test_every_first_only_lead_and_standing_is_audited_once(spec, ledger, article):
    result = run(spec, ledger, article)
    kinds = ledger[ledger["kind"].isin(WORDED_KINDS)]["id"]
    assert set(ledger.loc[ledger["kind"] == "standing", "id"]) >= {"beidou_national_pilot", "two_mountains_birthplace"}
    used = [i for ids in result.loc[result["check"] != "dates", "ids"] for i in ids.split(", ")]
    assert all(used.count(i) == 1 for i in kinds), {i: used.count(i) for i in kinds}


def test_a_claim_gets_one_finding_and_every_check_shown_is_listed(spec, ledger, article):
    """The scorecard counts findings: a claim audited twice would be counted twice (a streak of first
    places once gave a streak_ranks and a streak_years finding although only the first was listed)."""
    result = run(spec, ledger, article)
    claims = result[~result["check"].isin(["dates", "external"])]
    subjects = [ids.split(", ")[0] for ids in claims["ids"]]
    assert sorted(i for i in set(subjects) if subjects.count(i) > 1) == []
    for check, ids in zip(claims["check"], claims["ids"]):
        listed = spec[spec["check"] == check]
        assert not listed.empty, check
        wanted = {i for row in listed["ids"] for i in row.split()}
        assert "*" in wanted or ids.split(", ")[0] in wanted, (check, ids)


def with_row(ledger: pd.DataFrame, **values) -> pd.DataFrame:
    row = {c: "" for c in ledger.columns}
    row.update(kind="quantity", qualifier="exact", rank=pd.NA, section="innovation", topic="t")
    row.update(values)
    return pd.concat([ledger, pd.DataFrame([row])], ignore_index=True)


DOUBLING = ("hightech_firms", "hightech_firms_doubling_years")


@pytest.mark.parametrize(("earlier", "verdict", "shown"), [(1200.0, audit.INCONSISTENT, "1.73"),
                                                             (1000.0, audit.CONSISTENT, "2.07")])
def test_a_doubling_compared_with_an_earlier_value(ledger, article, earlier, verdict, shown):
    made_up = with_row(ledger, id="hightech_firms_2021", metric_en="National high-tech enterprises",
                       value=earlier, unit="家", period="2021-12-31", quote="x")
    finding = one("doubling", made_up, article, DOUBLING)
    assert finding.verdict == verdict and finding.branch == "compared"
    assert shown in finding.result.render(load_glossary("en"))


GROWTH = ("jinjia_output_jan_apr", "jinjia_output_growth")


@pytest.mark.parametrize(("earlier", "verdict", "shown"), [(15.0, audit.INCONSISTENT, "40.7%"),
                                                             (11.2, audit.CONSISTENT, "87.1% to 89.7%")])
def test_a_growth_rate_compared_with_the_year_before(ledger, article, earlier, verdict, shown):
    made_up = with_row(ledger, id="jinjia_output_jan_apr_2024", value=earlier, unit="亿元", period="2024-01/2024-04",
                       metric_en=ledger.set_index("id").loc["jinjia_output_jan_apr", "metric_en"], quote="x")
    finding = one("growth_base", made_up, article, GROWTH)
    assert finding.verdict == verdict and finding.branch == "compared"
    assert shown in finding.result.render(load_glossary("en"))


def test_a_growth_rate_alone_implies_its_base_unless_it_is_a_bound(ledger, article):
    implied = one("growth_base", ledger, article, GROWTH)
    assert implied.branch == "implied" and implied.verdict == audit.NOT_CHECKABLE
    assert "CNY 2.11 bn ÷ (1 + 87.8%) ≈ CNY 1.12 bn" in implied.result.render(load_glossary("en"))
    assert "21.1亿元 ÷ (1 + 87.8%) ≈ 11.2亿元" in implied.result.render(load_glossary("zh"))
    bounded = ledger.copy()
    bounded.loc[bounded["id"] == "jinjia_output_growth", "qualifier"] = "at_least"
    assert one("growth_base", bounded, article, GROWTH).branch == "bounded"


def test_the_description_shown_is_the_one_of_the_branch_taken(spec, ledger, article):
    """A check that finds an earlier value is described as comparing, never as 'not given'."""
    made_up = with_row(ledger, id="hightech_firms_2021", metric_en="National high-tech enterprises",
                       value=1200.0, unit="家", period="2021-12-31", quote="x")
    t = load_glossary("en")
    compared = audit.render(audit.run_audit(spec, inputs(made_up, article)), t).set_index("check_id")
    implied = audit.render(audit.run_audit(spec, inputs(ledger, article)), t).set_index("check_id")
    assert compared.loc["doubling", "how"] == t("how.doubling.compared")
    assert implied.loc["doubling", "how"] == t("how.doubling.implied")
    assert compared.loc["doubling", "how"] != implied.loc["doubling", "how"]


def test_a_missing_glossary_key_raises(spec, ledger, article):
    t = load_glossary("en")
    table = t.table.reset_index()
    broken = Glossary(table[table["key"] != "how.doubling.implied"], "en")
    with pytest.raises(KeyError, match="how.doubling.implied"):
        audit.render(audit.run_audit(spec, inputs(ledger, article)), broken)


def test_all_first_fails_when_a_rank_is_not_first(ledger, article):
    """Agreement only restates the ledger (not checkable); a rank that disagrees is inconsistent."""
    changed = ledger.copy()
    changed.loc[changed["id"] == "green_industrial_parks", "rank"] = 2
    assert one("all_first", changed, article, ["green_first_place_indicators"]).verdict == audit.INCONSISTENT


def test_all_first_counts_only_firsts_in_the_province(ledger, article):
    """"3项指标均高居全省榜首": a row first in its city, or among mountain counties, is not first in the province."""
    assert one("all_first", ledger, article, ["green_first_place_indicators"]).verdict == audit.BOOKKEEPING
    for scope in ("city", "山区26县"):
        changed = ledger.copy()
        changed.loc[changed["id"] == "green_industrial_parks", "scope"] = scope
        assert one("all_first", changed, article, ["green_first_place_indicators"]).verdict == audit.INCONSISTENT


def test_span_years_fails_when_periods_disagree(ledger, article):
    changed = ledger.copy()
    changed.loc[changed["id"] == "emerging_chain_share_2022", "period"] = "2021-12-31"
    ids = ["emerging_chain_share_2022", "emerging_chain_share_2024", "emerging_chain_share_span_years"]
    assert one("span_years", changed, article, ids).verdict == audit.INCONSISTENT


def test_an_expectation_is_never_checked_only_set_against_the_pace(ledger, article):
    changed = ledger.copy()
    changed.loc[changed["id"] == "jinjia_output_full_year_expected", "value"] = 80.0
    ids = ["jinjia_output_full_year_expected", "jinjia_output_jan_apr"]
    beyond, within = one("target_pace", changed, article, ids), one("target_pace", ledger, article, ids)
    assert (beyond.branch, within.branch) == ("beyond_pace", "within_pace")
    assert beyond.verdict == within.verdict == audit.NOT_CHECKABLE


def test_last_year_with_a_wrong_period_is_inconsistent(ledger, article):
    changed = ledger.copy()
    changed.loc[changed["id"] == "rd_intensity", "period"] = "2023"
    finding = one("dates", changed, article, ["*"])
    assert finding.verdict == audit.INCONSISTENT and "rd_intensity" in finding.result.render(load_glossary("en"))
    assert one("dates", ledger, article, ["*"], reference=None).verdict == audit.NOT_CHECKABLE


def test_the_first_gold_against_the_list(ledger, article):
    assert one("in_list", ledger, article, ["award_gold_first"], ["gold_list_2025"]).verdict == audit.CONSISTENT
    elsewhere = one("in_list", ledger, article, ["award_gold_first"], ["gold_list_2025"], place=Place("lishui", "丽水", "Lishui"))
    assert elsewhere.verdict == audit.INCONSISTENT


def test_a_streak_longer_than_the_award_is_inconsistent(ledger, article):
    context = ["award_first_ceremony", "award_conference_2025"]
    assert one("award_years", ledger, article, ["award_consecutive_wins"], context).verdict == audit.CONSISTENT
    changed = ledger.copy()
    changed.loc[changed["id"] == "award_consecutive_wins", ["value", "period"]] = [4.0, "2022/2025"]
    assert one("award_years", changed, article, ["award_consecutive_wins"], context).verdict == audit.INCONSISTENT


def test_parts_against_their_total(ledger, article):
    ids = ["award_city_places", "award_county_places", "award_mountain_county_places", "award_places_total"]
    assert one("award_places", ledger, article, [], ids).verdict == audit.CONSISTENT
    figures, _ = load_all()
    figures.loc[figures["id"] == "award_places_total", "value"] = 33.0
    assert one("award_places", ledger, article, [], ids, context=figures).verdict == audit.INCONSISTENT


def test_missing_rows_are_not_checkable_never_a_pass(spec, ledger, article):
    empty = ledger.iloc[0:0]
    result = run(spec, empty, article, context=pd.DataFrame(columns=["id"]))
    assert (result["verdict"] != audit.CONSISTENT).all()


def test_same_external_figure_for_the_same_period_that_differs_is_inconsistent(ledger, article):
    figures, _ = load_all()
    figures.loc[figures["id"] == "hz_chain_share_2024", "value"] = 35.0
    found = {f.check_id: f for f in audit.check_external(inputs(ledger, article, context=figures), ("*",), ("*",))}
    finding = found["external_hz_chain_share_2024"]
    assert finding.verdict == audit.INCONSISTENT
    assert "36.9% − 35% = 1.9 pp" in finding.result.render(load_glossary("en"))  # article minus external


def test_a_year_to_date_share_is_never_compared_with_a_full_year(ledger, article):
    figures, _ = load_all()
    figures.loc[figures["id"] == "hz_hightech_investment_share_2025", "comparable"] = "yes"
    found = {f.check_id for f in audit.check_external(inputs(ledger, article, context=figures), ("*",), ("*",))}
    assert "external_hz_hightech_investment_share_2025" not in found


@pytest.mark.parametrize("verdict", audit.VERDICTS)
def test_verdicts_by_id_lists_each_check(verdict):
    frame = pd.DataFrame([{"check_id": "c", "verdict": verdict, "ids": "a, b"}])
    assert audit.verdicts_by_id(frame) == {"a": f"c:{verdict}", "b": f"c:{verdict}"}


def test_weakest_verdict():
    assert audit.weakest(["consistent", "not_checkable"]) == "not_checkable"
    assert audit.weakest(["consistent", "inconsistent", "not_checkable"]) == "inconsistent"
    assert audit.weakest(["bookkeeping", "consistent"]) == "consistent"  # bookkeeping says nothing of the claim
    assert audit.weakest(["bookkeeping", "not_checkable"]) == "not_checkable"
    assert audit.weakest(["bookkeeping"]) == "bookkeeping"
    assert audit.weakest([]) == ""


@pytest.mark.parametrize(("quote", "period", "verdict"), [
    ("去年全市研发投入强度达3.2%，较2020年提高0.8个百分点", "2024", audit.BOOKKEEPING),  # 2020: a base
    ("今年1至4月，全市工业投资增长12%，比去年同期提高3个百分点", "2025-01/2025-04", audit.BOOKKEEPING),
    ("去年全市研发投入强度达3.2%，较2020年提高0.8个百分点", "2020", audit.INCONSISTENT),
])
def test_dates_never_take_a_comparison_base_for_the_rows_year(ledger, article, quote, period, verdict):
    row = ledger[ledger["id"] == "rd_intensity"].assign(quote=quote, period=period)
    text = article.text + "\n" + quote + "。"
    checked = audit.Inputs(row, text, None, {}, audit.Reference.parse("2025-05-23"), PLACE)
    assert audit.check_dates(checked, ("*",), ())[0].verdict == verdict

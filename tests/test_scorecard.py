import json

import pandas as pd
import pytest
from frictionless import Resource, Schema, validate

from helpers import audit, datapackage, exports, notebook, paths, unstated
from helpers.files import read_csv_text
from helpers.i18n import load_glossary
from helpers.units import period_words
from helpers.views import scorecard_page


@pytest.fixture(scope="module")
def result():
    R = notebook.start(lang="en", out_dir="")
    return scorecard_page.run(R, read_csv_text(paths.DATA / "audit_checks.csv"))


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The export's columns with its types: text, value as float, rank as a nullable integer."""
    text = [c for c in exports.EXPORT_COLUMNS if c not in ("value", "rank")]
    frame = frame[exports.EXPORT_COLUMNS].copy()
    frame[text] = frame[text].fillna("").astype(str)
    return frame.assign(value=frame["value"].astype(float), rank=pd.to_numeric(frame["rank"]).astype("Int64"))


def test_claims_export_round_trips_with_the_same_rows_and_types(ledger, result, tmp_path):
    frame = exports.claims_export(ledger, result)
    assert list(frame.columns) == exports.EXPORT_COLUMNS and len(frame) == len(ledger)
    csv_bytes, json_bytes = exports.export_bytes(frame)
    (tmp_path / "claims.csv").write_bytes(csv_bytes)
    (tmp_path / "claims.json").write_bytes(json_bytes)
    expected = typed(frame).reset_index(drop=True)
    loaded_csv = pd.read_csv(tmp_path / "claims.csv", dtype=str, keep_default_na=False)
    loaded_json = pd.DataFrame(json.loads(json_bytes))
    for loaded in (typed(loaded_csv.replace({"rank": {"": None}, "value": {"": None}})), typed(loaded_json)):
        pd.testing.assert_frame_equal(loaded.reset_index(drop=True), expected)
    schema = Schema.from_descriptor(datapackage.schema("claims"))
    resource = Resource(path="claims.csv", basepath=str(tmp_path), schema=schema)
    report = validate(resource)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
    assert exports.export_bytes(frame) == (csv_bytes, json_bytes)


def test_overall_verdict_is_the_weakest(ledger, result):
    frame = exports.claims_export(ledger, result).set_index("id")
    assert frame.loc["hightech_firms", "audit_verdict"] == "not_checkable"  # doubling implied only
    assert frame.loc["green_design_firms", "audit_verdict"] == "bookkeeping"  # its rank only restated
    assert frame.loc["award_consecutive_wins", "audit_verdict"] == "consistent"
    assert frame.loc["fangzheng_investment", "audit_verdict"] == ""


def test_summaries_are_not_counted_as_ranked_indicators():
    R = notebook.start(lang="en", out_dir="")
    ranked = scorecard_page.ranked(R)
    firsts = ranked[(ranked["rank"] == 1) & (ranked["rank_kind"] == "exact")]
    assert len(firsts) == 6
    assert not set(ranked["id"]) & set(R.ledger.loc[R.ledger["summary_of"] != "", "id"])


def test_the_audit_export_is_worded_in_english_with_raw_verdicts(result):
    from helpers.i18n import load_glossary

    exported = exports.audit_export(result, load_glossary("en"))
    assert set(exported["verdict"]) <= set(audit.VERDICTS)
    assert exported.loc[exported["check_id"] == "doubling", "how"].item() == load_glossary("en")("how.doubling.implied")


def test_what_is_left_unsaid_reads_the_ledger_around_a_row(ledger):
    """A growth rate beside its level needs no level; a first time needs no list; "rose to" needs the value
    before unless the ledger has the same measure earlier."""
    needs = unstated.unstated(ledger).groupby("id")["need"].apply(list)
    assert "level" not in needs.get("jinjia_output_growth", [])  # 21.1亿元 in the same sentence
    assert "level" in needs["traditional_profit_growth"]  # no profit total is given
    assert "comparison" not in needs.get("award_gold_first", [])  # 首次: Huzhou's own first
    assert "earlier_value" in needs["rd_intensity"]  # 提升至2.92%
    assert "earlier_value" not in needs.get("emerging_chain_share_2024", [])  # 由32.2%提升至36.9%
    assert "scope" not in needs.get("two_mountains_birthplace", [])  # a standing has no level to give
    assert "date_now" in needs["contest_doctors"] and "date" not in needs["contest_doctors"]  # 目前 is a time


@pytest.mark.parametrize(("period", "zh", "en"), [
    ("2024", "2024年", "2024"), ("2024-12-31", "2024年底", "end of 2024"),
    ("2025-01/2025-04", "2025年1—4月", "Jan–Apr 2025"), ("2022/2024", "2022—2024年", "2022–2024"),
    ("2022-12-31/2024-12-31", "2022年底至2024年底", "end of 2022 to end of 2024"),
    ("2025-05-23", "2025年5月23日", "23 May 2025"), ("publication", "截至发稿", "as of publication"),
    ("1980s", "1980年代", "the 1980s"), ("historical", "过去某时（文章未写明）", "at a past time the article does not date"),
])
def test_periods_read_as_words_in_each_language(period, zh, en):
    assert period_words(period, load_glossary("zh")) == zh and period_words(period, load_glossary("en")) == en


def test_a_now_earlier_in_the_sentence_dates_a_figure(ledger, article):
    """目前已有10名博士…，211人次…: the 211 is dated by the same 目前, not left without a time."""
    needs = unstated.unstated(ledger, text=article.text).groupby("id")["need"].apply(list)
    assert "date_now" in needs["dual_appointment_persons"] and "date" not in needs["dual_appointment_persons"]
    assert "date_now" in needs["contest_doctors"]
    assert unstated.said_now("211人次", "目前已有10名博士，211人次在此。") and not unstated.said_now("211人次", "已有10名博士。211人次在此。")


def with_ranks(R, ranks: dict[str, tuple[int, str, str]]):
    """``R`` with some ledger rows given another rank (id → rank, rank kind, scope)."""
    ledger = R.ledger.copy()
    for row_id, (rank, kind, scope) in ranks.items():
        at = ledger.index[ledger["id"] == row_id][0]
        ledger.loc[at, ["rank", "rank_kind", "scope"]] = [rank, kind, scope]
    R.ledger = ledger
    return R


def test_ranks_are_counted_per_scope_and_other_firsts_never_count_as_provincial(result):
    plain = notebook.start(lang="zh", out_dir="")
    R = with_ranks(notebook.start(lang="zh", out_dir=""), {"tech_smes": (1, "exact", "city"),
                                                             "hightech_firms": (1, "exact", "山区26县")})
    counts = scorecard_page.rank_counts(R)
    columns = [R.t(f"col.{c}") for c in ("section", "scope", "rank_first")]
    firsts = {(section, scope): n for section, scope, n in counts[columns].itertuples(index=False)}
    innovation = R.section_label("innovation")
    assert firsts[(innovation, "全省")] == 1  # hightech_investment_share, as before
    assert firsts[(innovation, "全市")] == 1 and firsts[(innovation, "山区26县中")] == 1
    before, after = dict(exports.headline(plain.ledger, result)), dict(exports.headline(R.ledger, result))
    assert after["headline.firsts"] == before["headline.firsts"] == 6  # never a city or a group's first
    assert after["headline.ranked"] == before["headline.ranked"]


def test_the_rank_chart_says_where_a_rank_outside_the_province_holds(monkeypatch):
    shown = {}
    monkeypatch.setattr(notebook.Notebook, "figure", lambda self, fig, name, source, **kw: shown.update(kw))
    R = notebook.start(lang="en", out_dir="")
    scorecard_page.rank_figure(R)
    assert shown["caption"] == R.t("fig.rank_scorecard")  # the Huzhou ledger: every rank provincial
    R = with_ranks(notebook.start(lang="en", out_dir=""), {"tech_smes": (1, "exact", "山区26县")})
    scorecard_page.rank_figure(R)
    assert shown["caption"] == R.t("fig.rank_scorecard_scopes")
    assert f"{R.metric(R.ledger.set_index('id').loc['tech_smes'])} (among 山区26县)" in set(shown["data"]["label"])

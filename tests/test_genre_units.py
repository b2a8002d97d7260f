"""Units and numerals of the genre: scores without a unit, index points, rates per mu or head, bare 亿/万,
ranges, and numerals in idioms, eras and labels (listed as names with a reason, never claims).

Every sentence is written for these tests, in simplified and in traditional characters; figures are made up.
"""

from __future__ import annotations

import pytest

from helpers import script
from helpers.claims import extract_claims
from helpers.i18n import load_glossary
from helpers.ledger import known_unit
from helpers.units import localize


def both(text: str) -> list[str]:
    """The sentence as written and in traditional characters (a few the genre uses)."""
    traditional = text.translate(str.maketrans("县总规业产值较亿万亩员劳动设区发展连续实现两数个级导标链长产体系阶业",
                                               "縣總規業產值較億萬畝員勞動設區發展連續實現兩數個級導標鏈長產體係階業"))
    assert script.reading(traditional) == text
    return [text, traditional]


def claim(text: str, digits: str):
    """The one claim whose span starts with ``digits``."""
    claims = extract_claims(text, "2023-03-01")
    found = claims[claims["span"].str.startswith(digits)]
    assert len(found) == 1, claims[["span", "kind", "unit"]].to_string()
    return found.iloc[0]


@pytest.mark.parametrize("text", both("2022年该县工业发展总指数为88.1，较上年提高4.8个点。"))
def test_a_score_has_no_unit_and_index_points_are_a_unit(text):
    score, points = claim(text, "88.1"), claim(text, "4.8")
    assert (score["kind"], score["value"], score["unit"]) == ("quantity", 88.1, "")
    assert (points["kind"], points["value"], script.reading(points["unit"])) == ("quantity", 4.8, "个点")


def test_a_number_after_other_words_stays_a_bare_number():
    row = claim("全县共有低产出企业38，正在整治。", "38")
    assert (row["kind"], row["unit"]) == ("number", "")


@pytest.mark.parametrize("text", both("亩均税收172.1万元/亩，全员劳动生产率42万元/人，人均收入达860元/人。"))
def test_rates_per_mu_and_per_head_are_read_whole(text):
    assert [script.reading(claim(text, d)["unit"]) for d in ("172.1", "42", "860")] == ["万元/亩", "万元/人", "元/人"]
    assert claim(text, "172.1")["span"].endswith(("万元/亩", "萬元/畝"))


def test_a_slash_before_other_words_is_no_rate():
    assert claim("产值达12亿元/年均增长", "12")["unit"] == "亿元"  # 年均 (a yearly average) is a word
    assert claim("投资5亿元/项目", "5")["unit"] == "亿元"


@pytest.mark.parametrize("text", both("GDP总量突破900亿大关，工业投资达12万。"))
def test_bare_yi_and_wan_are_kept_as_written(text):
    gdp, investment = claim(text, "900"), claim(text, "12")
    assert (script.reading(gdp["unit"]), gdp["qualifier"]) == ("亿", "at_least")
    assert script.reading(investment["unit"]) == "万"
    assert known_unit(gdp["unit"]) and known_unit(investment["unit"])


def test_the_text_ending_in_a_digit_drafts():
    row = claim("全县整治低产出企业38", "38")
    assert row["kind"] == "number"
    assert claim("GDP总量突破900亿", "900")["unit"] == "亿"


@pytest.mark.parametrize("text", both("规上工业增加值增速保持在10%—15%之间，企业数量增长3～5家。"))
def test_a_range_is_a_lower_and_an_upper_bound(text):
    low, high = claim(text, "10"), claim(text, "15")
    assert (low["unit"], low["qualifier"], high["qualifier"]) == ("%", "at_least", "at_most")
    first, second = claim(text, "3"), claim(text, "5")
    assert (first["kind"], script.reading(first["unit"]), first["qualifier"]) == ("quantity", "家", "at_least")
    assert second["qualifier"] == "at_most"


def test_a_range_keeps_its_modal():
    low = claim("预计全年增长6%至8%。", "6")
    assert (low["qualifier"], claim("预计全年增长6%至8%。", "8")["qualifier"]) == ("expected_at_least",
                                                                                  "expected_at_most")


def test_figures_of_different_units_are_no_range():
    assert claim("产值100亿元—利润5%", "100")["qualifier"] == "exact"


@pytest.mark.parametrize("sentence, span, reason", [
    ("该县工业产值每年上一个百亿台阶。", "百亿台阶", "idiom"),
    ("该縣工業產值每年上一個百億台階。", "百億台階", "idiom"),
    ("规上工业增加值实现连续两位数增长。", "两位数", "idiom"),
    ("規上工業增加值實現連續兩位數增長。", "兩位數", "idiom"),
    ("20世纪80年代，该县乡镇企业起步。", "20世纪80年代", "era"),
    ("早在九十年代，該縣就已起步。", "九十年代", "era"),
    ("全县六大主导行业加快发展。", "六大", "label"),
    ("全縣六大主導行業加快發展。", "六大", "label"),
    ("推进十大标志性产业链和四大攻坚行动。", "十大", "label"),
    ("该县构建1+3产业体系。", "1+3", "label"),
    ("该县推进415X集群建设。", "415X", "latin"),
])
def test_numerals_in_idioms_eras_and_labels_are_names_with_a_reason(sentence, span, reason):
    claims = extract_claims(sentence)
    row = claims[claims["span"] == span]
    assert len(row) == 1, claims[["span", "kind"]].to_string()
    assert (row.iloc[0]["kind"], row.iloc[0]["reason"]) == ("name", reason)
    assert not claims["kind"].isin(["quantity", "streak", "rank"]).any()


def test_a_plain_category_after_n_da_stays_a_count():
    row = claim("八大行业浴火重生，三大类产品畅销。", "八")
    assert (row["kind"], row["value"], row["unit"]) == ("quantity", 8.0, "大")


@pytest.mark.parametrize("reason", ["idiom", "era", "label"])
def test_every_reason_is_worded_in_both_languages(reason):
    for lang in ("zh", "en"):
        assert load_glossary(lang).has(f"reason.{reason}")


def test_new_units_read_in_english_and_traditional_units_too():
    en, zh = load_glossary("en"), load_glossary("zh")
    assert localize("172.1万元/亩, 860元/人, 4.8个点", en) == "CNY 1.721 m per mu, CNY 860 per person, 4.8 points"
    assert localize("產值2750.54億元", en) == "產值CNY 275.054 bn"
    assert localize("產值2750.54億元", zh) == "產值2750.54億元"
    assert localize("900亿; 12万; 2071家; 1.2万家", en) == "90 bn; 120 thousand; 2071; 12000"
    assert localize("900亿; 12万", zh) == "900亿; 12万"


@pytest.mark.parametrize("unit, kind, known", [
    ("億元", "quantity", True), ("萬元/畝", "quantity", True), ("元/人", "quantity", True), ("亿", "quantity", True),
    ("", "quantity", True), ("", "streak", False), ("万元/斤", "quantity", False), ("斤", "quantity", False),
])
def test_the_ledger_knows_units_by_their_reading(unit, kind, known):
    assert known_unit(unit, kind) is known


@pytest.mark.parametrize("unit", ["億元", "亿元"])
def test_a_traditional_quote_loads_with_its_unit_in_either_script(tmp_path, unit):
    import pandas as pd

    from helpers.ledger import COLUMNS, validate_indicators
    text = "2022年，該縣規模以上工業總產值2750.54億元，同比增長12.3%。"
    row = {c: "" for c in COLUMNS} | {
        "id": "output", "section": "lead", "topic": "t", "kind": "quantity", "metric_zh": "規上工業總產值",
        "metric_en": "Output of industry above designated size", "value": "2750.54", "unit": unit,
        "qualifier": "exact", "period": "2022", "quote": "該縣規模以上工業總產值2750.54億元"}
    frame = validate_indicators(pd.DataFrame([row]), tmp_path / "indicators.csv", text)
    assert frame.loc[0, "value"] == 2750.54
    wrong = row | {"value": "9999"}
    with pytest.raises(Exception, match="value"):
        validate_indicators(pd.DataFrame([wrong]), tmp_path / "indicators.csv", text)

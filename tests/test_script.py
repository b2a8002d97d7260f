"""Text as it comes: traditional characters read as simplified (offsets kept), pinyin glosses."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import script
from helpers.claims import extract_claims
from helpers.compare import measure_key

SIMPLIFIED = "2022年，该县规模以上工业总产值2750.54亿元，同比增长12.3%，连续2年全省第二。"
TRADITIONAL = "2022年，該縣規模以上工業總產值2750.54億元，同比增長12.3%，連續2年全省第二。"


def test_reading_is_one_character_for_one():
    assert script.reading(TRADITIONAL) == SIMPLIFIED
    assert len(script.reading(TRADITIONAL)) == len(TRADITIONAL)


def test_reading_leaves_simplified_text_alone():
    text = "全市规上工业企业实现利润总额128.7亿元，数字化改造覆盖率达32.2％。"
    assert script.reading(text) == text


def test_table_is_single_characters_with_a_header():
    lines = script.TABLE_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "traditional\tsimplified"
    pairs = [line.split("\t") for line in lines[1:]]
    assert len(pairs) > 4000
    assert all(len(a) == 1 and len(b) == 1 and a != b for a, b in pairs)


def _table(text: str) -> pd.DataFrame:
    return extract_claims(text, "2023-03-01").drop(columns=["sentence", "start", "end", "span"])


def test_traditional_text_gives_the_claims_of_its_simplified_reading():
    trad, simp = _table(TRADITIONAL), _table(SIMPLIFIED)
    assert list(trad["kind"]) == list(simp["kind"]) == ["year", "quantity", "quantity", "streak", "rank"]
    assert trad.drop(columns=["unit"]).equals(simp.drop(columns=["unit"]))
    assert [script.reading(u) for u in trad["unit"]] == list(simp["unit"])


def test_spans_and_units_are_the_text_as_written():
    claims = extract_claims(TRADITIONAL, "2023-03-01")
    for row in claims.itertuples():
        assert TRADITIONAL[row.start:row.end] == row.span
        assert row.unit in row.span
    money = claims[claims["kind"] == "quantity"].iloc[0]
    assert (money["span"], money["value"], money["unit"]) == ("2750.54億元", 2750.54, "億元")
    streak, rank = claims.iloc[3], claims.iloc[4]
    assert (streak["span"], streak["value"], streak["unit"]) == ("連續2年", 2.0, "年")
    assert (rank["span"], rank["value"], rank["scope"]) == ("全省第二", 2.0, "province")


@pytest.mark.parametrize("text, span, qualifier", [
    ("預計今年全縣工業增加值將增長8%左右。", "8%", "expected_approx"),
    ("预计今年全县工业增加值将增长8%左右。", "8%", "expected_approx"),
    ("力爭到2025年規上工業企業突破1500家。", "1500家", "target_at_least"),
])
def test_modals_and_bounds_are_read_in_either_script(text, span, qualifier):
    claims = extract_claims(text, "2023-03-01")
    row = claims[claims["span"] == span].iloc[0]
    assert row["qualifier"] == qualifier


def test_a_unit_with_a_bound_inside_is_written_as_the_text_has_it():
    row = extract_claims("全縣共有中小企業1.2萬餘家。").iloc[0]
    assert (row["span"], row["unit"], row["qualifier"]) == ("1.2萬餘家", "萬家", "at_least")


def test_full_width_percent_is_still_read_as_percent():
    row = extract_claims("数字化改造覆盖率达32.2％。").iloc[0]
    assert (row["span"], row["unit"]) == ("32.2％", "%")


def test_compare_reads_traditional_measures_as_simplified():
    assert measure_key("規模以上工業總產值") == measure_key("规模以上工业总产值")
    assert measure_key("省級綠色工廠") != measure_key("国家级绿色工厂")


def test_glosses_are_masked_with_offsets_kept_or_dropped():
    text = "推动动力(dònglì)变革，全省（quánshěng）第一"
    masked = script.mask_glosses(text)
    assert len(masked) == len(text)
    assert "dònglì" not in masked and "quánshěng" not in masked
    assert masked.index("变革") == text.index("变革")
    assert script.without_glosses(text) == "推动动力变革，全省第一"
    assert script.without_glosses("产值（亿元）") == "产值（亿元）"  # a Chinese parenthesis is no gloss

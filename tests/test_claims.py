"""The extractor on short sentences written for these tests."""

import pytest

from helpers.claims import chinese_to_number, extract_claims


@pytest.mark.parametrize(("numeral", "value"), [
    ("三", 3), ("十", 10), ("十四", 14), ("二十", 20), ("两", 2), ("两百零五", 205),
    ("一千零一", 1001), ("三万", 30000), ("十二万五千", 125000), ("两亿", 2e8),
])
def test_chinese_numerals(numeral, value):
    assert chinese_to_number(numeral) == value


def test_not_a_numeral_is_refused():
    with pytest.raises(ValueError):
        chinese_to_number("三角")


def one(text: str, span: str):
    found = extract_claims(text)
    rows = found[found["span"] == span]
    assert len(rows) == 1, found[["span", "kind"]].to_dict("records")
    return rows.iloc[0]


@pytest.mark.parametrize(("text", "span", "value", "unit"), [
    ("全市新增企业1,234家。", "1,234家", 1234, "家"),
    ("占比提高到36.9%。", "36.9%", 36.9, "%"),
    ("全年营收１２．５亿元。", "１２．５亿元", 12.5, "亿元"),
    ("项目总投资32亿元。", "32亿元", 32, "亿元"),
    ("获得奖励80万元。", "80万元", 80, "万元"),
    ("引进人才211人次。", "211人次", 211, "人次"),
    ("是平均数的2.2倍。", "2.2倍", 2.2, "倍"),
    ("入选项目73个。", "73个", 73, "个"),
    ("新增立项1076项。", "1076项", 1076, "项"),
    ("10名博士落地。", "10名", 10, "名"),
    ("占地3.5平方公里。", "3.5平方公里", 3.5, "平方公里"),
    ("实现三连冠。", "三连冠", 3, "连冠"),
    ("开展十四次检查。", "十四次", 14, "次"),
    ("两家企业入选。", "两家", 2, "家"),
    ("建成4.2万家企业。", "4.2万家", 4.2, "万家"),
])
def test_numbers_with_units(text, span, value, unit):
    row = one(text, span)
    assert row["value"] == pytest.approx(value) and row["unit"] == unit
    assert row["kind"] == "quantity" and row["qualifier"] == "exact"
    assert text[row["start"]:row["end"]] == span and row["sentence"] == text


@pytest.mark.parametrize(("text", "span", "qualifier"), [
    ("集聚近50家企业。", "50家", "approx"),
    ("投资约30亿元。", "30亿元", "approx"),
    ("总投资超250亿元。", "250亿元", "at_least"),
    ("产值突破50亿元。", "50亿元", "at_least"),
    ("培育企业100家以上。", "100家", "at_least"),
    ("全年产值有望历史性突破50亿元大关。", "50亿元", "target"),
    ("预计明年达到60%。", "60%", "target"),
    ("国家引才计划入选率达18.9%。", "18.9%", "exact"),
])
def test_qualifiers(text, span, qualifier):
    assert one(text, span)["qualifier"] == qualifier


@pytest.mark.parametrize(("text", "span", "value", "rank_kind"), [
    ("增速居全省第二。", "全省第二", 2, "exact"),
    ("比重傲居全省首位。", "全省首位", 1, "exact"),
    ("3项指标均高居全省榜首。", "全省榜首", 1, "exact"),
    ("双双跻身全省前三。", "全省前三", 3, "top_n"),
    ("连续稳居全省前三甲。", "全省前三甲", 3, "top_n"),
    ("规模位列全国第10位。", "全国第10位", 10, "exact"),
])
def test_ranks(text, span, value, rank_kind):
    row = one(text, span)
    assert row["kind"] == "rank" and row["value"] == value and row["rank_kind"] == rank_kind


def test_rank_list_after_fen_lie():
    found = extract_claims("数量分列全省第三、第五。")
    ranks = found[found["kind"] == "rank"]
    assert ranks["span"].tolist() == ["全省第三", "第五"]
    assert ranks["value"].tolist() == [3, 5]


def test_ordinals_years_periods_and_dates():
    text = "第六届大会于2025年5月23日举行，2022年底占比为32.2%，今年1至4月产值增长，湖州首个实验室落地。"
    found = extract_claims(text).set_index("span")
    assert found.loc["第六", "kind"] == "ordinal" and found.loc["第六", "value"] == 6
    assert found.loc["2025年", "kind"] == "year" and found.loc["2025年", "value"] == 2025
    assert found.loc["5月23日", "kind"] == "date"
    assert found.loc["2022年底", "kind"] == "year" and found.loc["2022年底", "value"] == 2022
    assert found.loc["1至4月", "kind"] == "period" and found.loc["1至4月", "value"] == 4
    assert found.loc["首个", "kind"] == "ordinal" and found.loc["首个", "unit"] == "个"


def test_pinyin_annotations_do_not_hide_units_or_qualifiers():
    text = "湖州（Húzhōu）总投资超（chāo）250亿元，集聚近50家（jiā）企业，链长制（liànzhǎngzhì）成效显著。"
    found = extract_claims(text).set_index("span")
    assert found.loc["250亿元", "qualifier"] == "at_least"
    assert found.loc["50家", "qualifier"] == "approx"
    assert len(found) == 2


def test_unit_after_pinyin_annotation():
    row = one("产业大脑6（liù）个。", "6（liù）个")
    assert row["value"] == 6 and row["unit"] == "个"


def test_mixed_half_and_full_width_punctuation():
    text = "入选项目73个,获补资金3亿元;占比13.9%！新增企业１２家，"
    found = extract_claims(text)
    assert found["span"].tolist() == ["73个", "3亿元", "13.9%", "１２家"]
    assert found["value"].tolist() == [73, 3, 13.9, 12]


def test_names_and_indefinite_articles_are_not_counts():
    text = "一个更具活力的城市，一座丰碑，5G工厂建成，长三角一体化，唯一一个试点。"
    assert extract_claims(text).empty


def test_bare_numbers_are_kept_as_numbers():
    row = one("以“161”链长制为指挥棒。", "161")
    assert row["kind"] == "number" and row["unit"] == ""


def test_text_without_numbers():
    found = extract_claims("这里没有任何数字。")
    assert found.empty and list(found.columns)[:7] == [
        "start", "end", "span", "value", "unit", "qualifier", "kind"]

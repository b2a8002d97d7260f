"""Time expressions resolved against a reference date, on sentences written for these tests."""

import pytest

from helpers.periods import PUBLICATION, Reference
from helpers.source import normalise_width
from helpers.times import find_times

REFERENCE = Reference.parse("2025-05-23")  # the day the article's 日前 names; 去年 is 2024


def times_of(text: str, reference: Reference | None = REFERENCE) -> dict[str, tuple[str, str]]:
    """Each time expression's text → (kind, period); offsets checked against the text on the way."""
    norm = normalise_width(text)
    found = find_times(norm, reference)
    for t in found:
        assert norm[t.start:t.end] == t.text
    return {t.text: (t.kind, t.period) for t in found}


@pytest.mark.parametrize(("text", "expression", "kind", "period"), [
    ("去年，全市规上工业增加值增长8.7%。", "去年", "relative", "2024"),
    ("去年底，全市规上工业企业达2071家。", "去年底", "relative", "2024-12-31"),
    ("上年末全县共有高新技术企业312家。", "上年末", "relative", "2024-12-31"),
    ("前年，该区引进亿元以上项目41个。", "前年", "relative", "2023"),
    ("明年，新材料产业产值有望突破千亿元。", "明年", "relative", "2026"),
    ("今年1至4月，全市工业投资同比增长15.3%。", "今年1至4月", "relative", "2025-01/2025-04"),
    ("今年一至三月，出口交货值增长6.2%。", "今年一至三月", "relative", "2025-01/2025-03"),
    ("今年3月底，全市已建成5G基站1.2万个。", "今年3月底", "relative", "2025-03-31"),
    ("今年5月12日，全市召开制造业高质量发展大会。", "今年5月12日", "relative", "2025-05-12"),
    ("今年以来，全市新增规上工业企业186家。", "今年以来", "relative", "2025-01-01/2025-05-23"),
    ("今年上半年，规上工业增加值增长7.8%。", "今年上半年", "relative", "2025-01/2025-06"),
    ("今年一季度，全市工业用电量增长9.4%。", "今年一季度", "relative", "2025-01/2025-03"),
    ("今年初，该县出台制造业“十条”政策。", "今年初", "relative", "2025"),
    ("2022年，全市数字经济核心产业增加值增长11.3%。", "2022年", "year", "2022"),
    ("2022年底，新兴产业占比为32.2%。", "2022年底", "year", "2022-12-31"),
    ("2024年1至6月，全市技改投资增长21%。", "2024年1至6月", "year", "2024-01/2024-06"),
    ("2024年2月末，全市工业用地储备达3100亩。", "2024年2月末", "year", "2024-02-29"),
    ("2023年下半年，产值增速回升至8.1%。", "2023年下半年", "year", "2023-07/2023-12"),
    ("2023年三季度，增加值增长6.6%。", "2023年三季度", "year", "2023-07/2023-09"),
    ("2022年前三季度，利润总额增长10.4%。", "2022年前三季度", "year", "2022-01/2022-09"),
    ("2023年度“浙江制造天工鼎”评选结果揭晓。", "2023年度", "year", "2023"),
    ("2019年以来，全市累计淘汰落后产能企业420家。", "2019年以来", "year", "2019/2025"),
    ("近3年，全市累计培育专精特新企业120家。", "近3年", "period", "2022/2024"),
    ("最近五年，全县工业投资年均增长12%。", "最近五年", "period", "2020/2024"),
    ("3年来，该区新增上市公司7家。", "3年来", "period", "2022/2024"),
    ("5年前，这里还是一片低效工业用地。", "5年前", "period", "2020"),
    ("3年内，全市将新建未来工厂20家。", "3年内", "period", ""),
    ("前4个月，全市出口增长12%。", "前4个月", "period", "2025-01/2025-04"),
    # 今年 is read first, then 前两个月 in its year
    ("今年前两个月，规上工业产值增长8%。", "前两个月", "period", "2025-01/2025-02"),
    ("1至4月，全市规上工业增加值增长9.1%。", "1至4月", "period", "2025-01/2025-04"),
    ("3～5月，订单量持续回升。", "3～5月", "period", "2025-03/2025-05"),
    ("5月23日，全省制造业大会在杭州召开。", "5月23日", "date", "2025-05-23"),
    ("上半年，全市规上工业增加值增长7.8%。", "上半年", "relative", "2025-01/2025-06"),
    ("一季度，全市工业投资增长18%。", "一季度", "relative", "2025-01/2025-03"),
    ("前三季度，全市新增工业用地1200亩。", "前三季度", "relative", "2025-01/2025-09"),
    ("全年，全市完成技改投资350亿元。", "全年", "relative", "2025"),
    ("目前，全市共有国家级绿色工厂38家。", "目前", "now", PUBLICATION),
    ("当前全县正加快建设先进制造业基地。", "当前", "now", PUBLICATION),
    ("日前，全省制造业高质量发展大会召开。", "日前", "now", "2025-05-23"),
    ("近日，该区发布数字化改造新政。", "近日", "now", "2025-05-23"),
    ("截至去年，“创谷”引进项目97个。", "截至去年", "relative", "2024-12-31"),
    ("截至去年底，全市高新技术企业达1180家。", "截至去年底", "relative", "2024-12-31"),
    ("截至2024年底，全市省级未来工厂达到15家。", "截至2024年底", "year", "2024-12-31"),
    ("截止到今年3月，全市工业互联网平台接入设备超过30万台。", "截止到今年3月", "relative", "2025-03-31"),
    ("截至今年一季度，累计签约项目64个。", "截至今年一季度", "relative", "2025-03-31"),
    ("截至目前，全县已有12家企业上市。", "截至目前", "now", PUBLICATION),
    ("截至5月20日，全市新增市场主体1.5万户。", "截至5月20日", "date", "2025-05-20"),
])
def test_a_time_expression_resolves_to_its_period(text, expression, kind, period):
    assert times_of(text)[expression] == (kind, period)


def test_a_year_holds_for_the_times_after_it_in_its_paragraph():
    found = find_times("2024年，全市工业产值增长6%，一季度增长5%，1至4月增长5.5%，5月8日签约3个项目。", REFERENCE)
    assert [(t.text, t.period) for t in found] == [
        ("2024年", "2024"), ("一季度", "2024-01/2024-03"), ("1至4月", "2024-01/2024-04"), ("5月8日", "2024-05-08")]


def test_a_new_paragraph_falls_back_to_the_reference_year():
    found = find_times("2023年，全市工业产值增长6%。\n一季度，增长5%。", REFERENCE)
    assert [(t.text, t.period) for t in found] == [("2023年", "2023"), ("一季度", "2025-01/2025-03")]


def test_a_relative_year_holds_for_the_months_after_it():
    found = find_times("去年，全市技改投资增长14%，前4个月增长9%。", REFERENCE)
    assert [(t.text, t.period) for t in found] == [("去年", "2024"), ("前4个月", "2024-01/2024-04")]


def test_comparison_bases_are_not_time_context():
    found = find_times("全市规上工业增加值同比增长8.7%，较去年同期提高1.2个百分点，上年同期为7.5%。", REFERENCE)
    assert [(t.text, t.kind, t.period) for t in found] == [
        ("同比", "base", ""), ("去年同期", "base", ""), ("上年同期", "base", "")]


def test_another_reference_date_moves_every_relative_time():
    found = times_of("去年底企业达2071家，近3年新增612家，今年以来增长9%，日前召开大会。", Reference.parse("2024-03-10"))
    assert found == {"去年底": ("relative", "2023-12-31"), "近3年": ("period", "2021/2023"),
                     "今年以来": ("relative", "2024-01-01/2024-03-10"), "日前": ("now", "2024-03-10")}


def test_without_a_reference_date_relative_times_stay_unresolved_and_written_years_resolve():
    found = times_of("去年底企业达2071家，2022年底占比32.2%，近3年新增612家，前4个月增长9%，目前有38家。", None)
    assert found == {"去年底": ("relative", ""), "2022年底": ("year", "2022-12-31"), "近3年": ("period", ""),
                     "前4个月": ("period", "2022-01/2022-04"), "目前": ("now", PUBLICATION)}


def test_values_units_and_numerals():
    found = {t.text: t for t in find_times("近三年累计投资，前4个月，5月23日，2024年，去年。", REFERENCE)}
    assert (found["近三年"].value, found["近三年"].unit, found["近三年"].has_numeral) == (3.0, "年", True)
    assert (found["前4个月"].value, found["前4个月"].unit) == (4.0, "月")
    assert (found["5月23日"].value, found["5月23日"].unit) == (23.0, "日")
    assert (found["2024年"].value, found["2024年"].unit) == (2024.0, "年")
    assert (found["去年"].value, found["去年"].has_numeral) == (None, False)


def test_numbers_that_are_not_times_are_not_read_as_times():
    found = times_of("全市工业产值达2071.5亿元，1.5年实现投产，20世纪90年代起步，近3年代表作频出。")
    assert "1.5年" not in "".join(found)
    assert "近3年代" not in found and "近3年" not in found  # 3年代表作: not a span of years
    assert found["20世纪90年代"] == ("historical", "1990s")  # an era is a historical time, not 90 years


@pytest.mark.parametrize(("text", "expression", "period"), [
    ("20世纪80年代，全县有丝厂200多家。", "20世纪80年代", "1980s"),
    ("上世纪九十年代起，五金产业兴起。", "上世纪九十年代", "1990s"),
    ("80年代的乡镇企业曾遍地开花。", "80年代", "1980s"),
    ("顶峰时，全县有印染企业800多家。", "顶峰时", "historical"),
    ("鼎盛时期，全镇从业人员超过5万人。", "鼎盛时期", "historical"),
])
def test_historical_times(text, expression, period):
    assert times_of(text)[expression] == ("historical", period)


@pytest.mark.parametrize(("text", "expression", "period"), [
    ("较2020年提高4.8个点。", "2020年", "2020"),
    ("比上年增长9.1%。", "上年", "2024"),
    ("与2020年相比，亩均产出增长了36%。", "2020年", "2020"),
    ("同上年相比，用电量增长7%。", "上年", "2024"),
])
def test_comparison_bases_are_marked(text, expression, period):
    norm = normalise_width(text)
    found = {t.text: t for t in find_times(norm, REFERENCE)}
    assert found[expression].base and found[expression].period == period


def test_a_comparison_base_does_not_become_the_paragraphs_year():
    found = times_of("较2020年提高4.8个点，1至4月增长6%。")
    assert found["1至4月"] == ("period", "2025-01/2025-04")


@pytest.mark.parametrize(("text", "expression", "period"), [
    ("过去一年，全县规上工业增加值增长21.4%。", "过去一年", "2024"),
    ("过去的一年，全市工业投资增长14.9%。", "过去的一年", "2024"),
    ("过去五年，全市累计完成工业投资1200亿元。", "过去五年", "2020/2024"),
])
def test_the_past_years(text, expression, period):
    assert times_of(text)[expression] == ("period", period)


@pytest.mark.parametrize(("text", "expression", "period"), [
    ("2022年至2024年，全市工业投资年均增长14.2%。", "2022年至2024年", "2022/2024"),
    ("2019—2023年，全县累计淘汰落后产能企业310家。", "2019—2023年", "2019/2023"),
])
def test_a_range_of_written_years(text, expression, period):
    assert times_of(text)[expression] == ("period", period)


def test_a_year_then_a_year_end_is_no_range():
    found = times_of("2022年至2024年底，占比提高4.7个百分点。")
    assert found["2022年"] == ("year", "2022") and found["2024年底"] == ("year", "2024-12-31")


@pytest.mark.parametrize(("text", "expression", "period"), [
    ("“十四五”以来，全市累计完成工业技改投资1380亿元。", "“十四五”以来", "2021/2025"),
    ("“十三五”期间，全县工业投资年均增长12%。", "“十三五”期间", "2016/2020"),
])
def test_five_year_plans(text, expression, period):
    assert times_of(text)[expression] == ("period", period)


def test_a_plan_named_without_a_time_word_is_no_time():
    assert times_of("全市印发“十四五”制造业规划。") == {}

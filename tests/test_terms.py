"""The bilingual term list (data/terms.csv) and the English names composed from it; the drafter's Chinese names."""

from __future__ import annotations

import pytest

from helpers import datapackage, naming, paths, terms
from helpers.files import DataError, read_csv_text


def test_the_term_list_follows_its_schema_and_every_pair_cites_its_page():
    frame = read_csv_text(paths.DATA / "terms.csv")
    assert list(frame.columns) == datapackage.names(datapackage.schema("terms"))
    assert 60 <= len(frame) <= 150
    assert frame["source_url"].str.match(r"https?://\S+$").all()
    assert (frame["source"].str.len() > 10).all()
    assert frame["zh"].is_unique
    loaded = terms.load_terms()
    assert loaded["规上工业"].en == "industrial enterprises above designated size"
    for needed in ("规模以上工业增加值", "工业总产值", "地区生产总值", "固定资产投资", "制造业投资", "高新技术企业",
                   "战略性新兴产业", "数字经济核心产业", "研发经费", "专精特新", "小巨人", "单项冠军", "亩均税收",
                   "全员劳动生产率", "单位工业增加值能耗", "进出口", "利润总额", "营业收入", "上市公司", "专利",
                   "未来工厂", "智能工厂", "产业集群", "国家级", "省级", "市级", "全省", "全国"):
        assert needed in loaded, needed


def test_a_term_list_with_a_bad_row_names_file_line_and_column(tmp_path):
    bad = tmp_path / "terms.csv"
    bad.write_text("zh,en,role,source,source_url\n增加值,value added,measure,NBS,http://example.org/a\n"
                   "利润,profits,verb,NBS,http://example.org/b\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 3, column 'role'.*'verb' is not allowed"):
        terms.load_terms(bad)
    bad.write_text("zh,en,role,source,source_url\n增加值,value added,measure,NBS,\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2, column 'source_url'.*must not be empty"):
        terms.load_terms(bad)


TERMS = {t.zh: t for t in (terms.Term("工业", "industry", "subject"), terms.Term("增加值", "value added", "measure"),
                           terms.Term("工业增加值", "industrial value added", "measure"),
                           terms.Term("规上工业", "industrial enterprises above designated size", "subject"),
                           terms.Term("增速", "growth rate", "measure"), terms.Term("省级", "provincial", "level"),
                           terms.Term("国家级", "national", "level"), terms.Term("全省", "province-wide", "scope"),
                           terms.Term("绿色工厂", "green factories", "subject"),
                           terms.Term("研发费用", "R&D expenses", "measure"),
                           terms.Term("营收", "operating revenue", "measure"))}


def test_the_longest_term_is_read_first():
    pieces = terms.find("规上工业增加值增速", TERMS)
    assert [(p[0], p[1], p[2].zh) for p in pieces] == [(0, 4, "规上工业"), (4, 7, "增加值"), (7, 9, "增速")]
    assert [p[2].zh for p in terms.find("工业增加值", TERMS)] == ["工业增加值"]  # not 工业 + 增加值
    uncovered = terms.find("某某工业", TERMS)
    assert (uncovered[0][0], uncovered[0][1], uncovered[0][2]) == (0, 2, None) and uncovered[1][2].zh == "工业"


@pytest.mark.parametrize("name, english", [
    ("规上工业增加值增速", "Growth rate of value added of industrial enterprises above designated size"),
    ("国家级绿色工厂", "National green factories"),  # a level before what follows
    ("省级绿色工厂", "Provincial green factories"),
    ("全省绿色工厂", "Green factories, province-wide"),  # a scope at the end
    ("规上工业研发费用占营收比重", "R&D expenses of industrial enterprises above designated size as a proportion of "
     "operating revenue"),
    ("某某公司工业增加值", "Industrial value added of 某某公司"),  # a name that opens it stays in Chinese
    ("某某某某某某某某绿色工厂", ""),  # terms cover too little: not translated
    ("国家级", ""),  # a level names nothing
    ("规上工业增加值相当于全省平均的倍数", "Value added of industrial enterprises above designated size as a multiple of "
     "the average, province-wide"),
    ("國家級綠色工廠", "National green factories"),  # traditional characters read as simplified
    ("规上工业增加值：同比增长9.2%", ""),  # a clause, not a name
])
def test_english_names_are_composed_from_the_terms(name, english):
    assert terms.english(name, TERMS) == english


@pytest.mark.parametrize("before, after, unit, first, previous, name", [
    # the measure, its subject and level, not the clause
    ("全市规上工业增加值同比增长", "，增速居全省第2位", "%", "", "", "规上工业增加值同比增速"),
    ("去年全市规上工业营业收入达", "", "亿元", "", "", "规上工业营业收入"),
    ("截至去年底，全县拥有国家级企业技术中心", "", "家", "", "", "国家级企业技术中心"),
    ("我市累计建成省级未来工厂", "，数量居全省第三", "家", "", "", "省级未来工厂"),
    ("某某园区已集聚", "上下游企业，总投资超百亿元", "家", "", "", "某某园区集聚的上下游企业"),
    ("", "省级特色产业集群如雨后春笋", "个", "", "", "省级特色产业集群"),  # a count names the noun after it
    ("其中", "企业入选国家级绿色工厂名单", "家", "", "", "入选国家级绿色工厂名单的企业"),
    ("将企业研发费用加计扣除比例提至", "", "%", "", "", "企业研发费用加计扣除比例"),
    # a figure that continues the clause: a growth with no base, an item of a list, a level alone
    ("同比增长", "", "%", "", "规上工业增加值", "规上工业增加值同比增速"),
    ("、绿色工业园区", "", "个", "国家级绿色工厂", "", "国家级绿色工业园区"),
    ("、省级", "", "家", "国家级企业技术中心", "", "省级企业技术中心"),
    ("提升至去年底的", "", "%", "某产业链营收占比", "", "某产业链营收占比"),  # the same measure at another time
    ("提高", "", "个百分点", "", "数字经济核心产业增加值占比", "数字经济核心产业增加值占比提高幅度"),
    ("某某公司实现产值", "", "亿元", "", "", "某某公司产值"),
    ("全年产值有望突破", "大关", "亿元", "", "", "全年产值"),
    ("全市規模以上工業增加值同比增長", "", "%", "", "", "规模以上工业增加值同比增速"),  # traditional, read as simplified
    ("全市单位工业增加值能耗同比下降", "", "%", "", "", "单位工业增加值能耗同比降幅"),  # a fall
    ("全市实现规上工业总产值", "", "亿元", "", "", "规上工业总产值"),
    ("全市共有上市公司", "", "家", "", "", "上市公司"),
    ("是全省平均的", "", "倍", "", "规上工业研发费用占营收比重", "规上工业研发费用占营收比重相当于全省平均的倍数"),
    ("", "实现翻番", "年", "", "国家高新技术企业", "国家高新技术企业数量翻番所用年数"),
    ("比上年提高", "", "个百分点", "", "规上工业增加值占比", "规上工业增加值占比提高幅度"),
    ("累计达", "", "家", "", "新增省级未来工厂", "省级未来工厂"),  # a running total is not new
])
def test_the_drafter_names_what_is_counted(before, after, unit, first, previous, name):
    assert naming.name_of(before, after, unit, first, previous) == name


def test_a_claim_in_words_is_named_by_its_clause_without_its_openers():
    assert naming.claim_words("作为全省唯一试点") == "全省唯一试点"
    assert naming.claim_words("成为某市首个国家级实验室，") == "某市首个国家级实验室"


GENRE_ARTICLE = ("白溪县工业经济稳中有进\n\n去年，全县规上工业增加值达356.2亿元，同比增长7.4%，增速居全市第一。"
                 "全县拥有国家级专精特新“小巨人”企业12家、省级45家。5家企业入选省级未来工厂名单。"
                 "全县規上工業營業收入突破900億元。\n")


def test_a_drafted_ledger_names_its_figures_in_both_languages(tmp_path):
    from helpers import cases, periods
    from helpers.source import load_article

    page = tmp_path / "article_ocr.txt"
    page.write_text(GENRE_ARTICLE, encoding="utf-8")
    ledger, _ = cases.draft(load_article(page), periods.Reference.parse("2025-03-01"))
    names = {row.quote: (row.metric_zh, row.metric_en) for row in ledger.itertuples()}
    little_giants = "specialized, refined, differential and innovative “Little Giant” enterprises"
    assert names == {
        "全县规上工业增加值达356.2亿元": ("规上工业增加值", "Value added of industrial enterprises above designated size"),
        "同比增长7.4%，增速居全市第一": ("规上工业增加值同比增速",
                      "Year-on-year growth rate of value added of industrial enterprises above designated size"),
        "全县拥有国家级专精特新“小巨人”企业12家": ("国家级专精特新“小巨人”企业", f"National {little_giants}"),
        "省级45家": ("省级专精特新“小巨人”企业", f"Provincial {little_giants}"),
        "5家企业入选省级未来工厂名单": ("入选省级未来工厂名单的企业", "Enterprises selected for provincial future factories list"),
        "全县規上工業營業收入突破900億元": ("规上工业营业收入",
                                   "Operating revenue of industrial enterprises above designated size"),
    }

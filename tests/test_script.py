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
    as_written = ["unit", "period_from"]  # units, and the words a period comes from, as the text writes them
    assert trad.drop(columns=as_written).equals(simp.drop(columns=as_written))
    for column in as_written:
        assert [script.reading(u) for u in trad[column]] == list(simp[column])


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


# A web page as a reader saves it, in traditional characters with chrome and pinyin glosses; written for this test.
PAGE = """首頁 > 新聞 > 縣市區
長興縣人民政府門戶網站
發佈日期：2023-05-12  信息來源：長興日報  瀏覽次數：1234

動力(dònglì)變革見實效

2022年，該縣規模以上工業總產值2750.54億元，同比增長12.3%。
全縣工業經濟綜合評價連續2年居全省（quánshěng）第二。
分享到： 微信 微博 QQ空間
"""
SIMPLE_PAGE = """首页 > 新闻 > 县市区
当前位置：首页 > 经信专栏
新华网

动力(dònglì)变革见实效

2022年，该县规模以上工业总产值2750.54亿元，同比增长12.3%。
发布时间：2023-05-12 09:30 来源：本网 点击数：88
"""


@pytest.mark.parametrize("page", [PAGE, SIMPLE_PAGE])
def test_page_chrome_is_dropped_in_cleaning_and_listed(page):
    from helpers.source import clean, segment
    cleaned = clean(page)
    assert [p.kind for p in cleaned.paragraphs][:2] == ["heading", "body"]
    assert cleaned.paragraphs[0].text.startswith(("動力", "动力"))
    dropped = " ".join(text for _, text in cleaned.chrome)
    for word in ("新", "2023-05-12", "分享到" if page is PAGE else "点击数"):
        assert word in dropped
    assert not any(word in cleaned.text for word in ("首页", "首頁", "1234", "微博", "网", "網站"))
    sections = segment(cleaned)
    assert [s.heading for s in sections] == [cleaned.paragraphs[0].text]
    claims = extract_claims(cleaned.text, "2023-05-12")
    assert not any(span in ("2023-05-12", "1234", "88") for span in claims["span"])


@pytest.mark.parametrize("line", [
    "2022年，全县实现规上工业增加值同比增长12.3%。",
    "打造先进制造业集群",                         # a heading, not a site
    "织密一张工业互联网",                          # ends in 网 but is not short
    "全县规上工业总产值突破900亿元，分享发展成果",  # 分享 without 到
])
def test_article_lines_are_not_chrome(line):
    from helpers.source import is_chrome
    assert not is_chrome(line)


def test_a_draft_names_no_gloss_and_quotes_as_written(tmp_path, monkeypatch):
    from helpers import cases, paths
    monkeypatch.setattr(paths, "CASES", tmp_path / "cases")
    article = tmp_path / "page.txt"
    article.write_text(PAGE, encoding="utf-8")
    folder = cases.new_case("changxing", str(article), "2023-05-12")
    ledger = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    text = clean_text_of(article)
    assert len(ledger) == 3 and all(quote in text for quote in ledger["quote"])
    money = ledger[ledger["value"] == "2750.54"].iloc[0]
    assert money["unit"] == "億元" and "2750.54億元" in money["quote"]
    assert not any(ch.isascii() and ch.isalpha() for name in ledger["metric_zh"] for ch in name)
    meta = (folder / "raw" / "article_meta.csv").read_text(encoding="utf-8")
    assert "動力變革見實效" in meta and "dònglì" not in meta and "首頁" not in meta
    sections = (folder / "raw" / "sections.csv").read_text(encoding="utf-8")
    assert "網站" not in sections and "發佈" not in sections


def clean_text_of(path) -> str:
    from helpers.source import load_article
    return load_article(path).text


def test_a_section_title_has_no_gloss_and_its_heading_stays_as_written():
    from helpers.source import clean, segment
    sections = segment(clean(PAGE))
    assert sections[0].heading == "動力(dònglì)變革見實效"
    assert sections[0].title == "動力變革見實效"


# Sentences of the genre, written for this test, to cut anywhere: every cut must read without a fault, and every
# claim must quote the cut as written.
PIECES = [SIMPLIFIED, TRADITIONAL, "推动动力(dònglì)变革，全县（quánxiàn）规上工业增加值增长10%—15%，",
          "亩均税收172.1萬元/畝，总指数为88.1，较上年提高4.8个点。GDP突破900亿", "连续两位数增长，六大主导行业，1+3体系",
          "首頁 > 新聞\n分享到： 微信 微博\n", "预计全年增长6%至8%", "低产出企业38"]


@pytest.mark.parametrize("piece", range(len(PIECES)))
def test_any_cut_of_the_genre_reads_and_quotes_as_written(piece):
    from helpers.source import clean
    text = PIECES[piece] + PIECES[(piece + 1) % len(PIECES)]
    for cut in range(1, len(text) + 1):
        part = text[:cut]
        claims = extract_claims(part, "2023-03-01")
        assert all(part[s:e] == span for s, e, span in zip(claims["start"], claims["end"], claims["span"]))
        figures = claims[claims["kind"].isin(["quantity", "streak"])]
        assert all(unit in span for unit, span in zip(figures["unit"], figures["span"]) if "余" not in span)
        clean(part[-cut // 2:])


def test_a_traditional_article_saved_as_gb18030_is_read_and_big5_still_refused(tmp_path):
    from helpers.source import ArticleError, read_text
    path = tmp_path / "trad.txt"
    path.write_bytes((PAGE + TRADITIONAL).encode("gb18030"))
    assert read_text(path) == PAGE + TRADITIONAL
    path.write_bytes((PAGE + TRADITIONAL).encode("big5", errors="ignore"))
    with pytest.raises(ArticleError, match="Big5"):
        read_text(path)


def test_a_line_of_share_links_is_chrome_and_share_words_of_a_metric_are_not():
    from helpers.source import is_chrome

    assert is_chrome("微信 微博 QQ空间") and is_chrome("微信　微博")
    assert not is_chrome("占比 比重 率")  # the words of a share (unstated's SHARE_WORDS) are not page chrome

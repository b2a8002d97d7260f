"""Fuzzing the extractor and the drafter with texts of the genre (Hypothesis, derandomised: CI sees the
same examples every time).

Texts are composed from fragments written for these tests: figures with units, ranks, streaks,
qualifiers, times, headings, page debris (breadcrumbs, share links, bylines), pinyin glosses,
traditional characters and full-width punctuation, cut anywhere and often ending in a digit. The
properties: the extractor never raises and its offsets hold (``text[start:end] == span``); a case is
drafted from every text, and the draft loads with the project's own loader. Failures found here are kept
below as explicit regression tests.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import cases, paths
from helpers.claims import extract_claims
from helpers.ledger import LedgerError, load_exclusions, load_indicators
from helpers.source import load_article

FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow])
DRAFTS = settings(FAST, max_examples=25)

TIMES = ["", "去年，", "今年1至4月，", "2024年，", "截至去年底，", "近3年，", "过去一年，", "2022年底", "今年以来，",
         "20世纪80年代，", "顶峰时，", "較2020年", "“十四五”以来，", "与2020年相比，", "2023年、2024年", "回顾过去一年，",
         "鼎盛时期，", "其中，", "上世纪九十年代"]
SUBJECTS = ["全市", "全县", "该区", "湖州市", "长兴县", "龙头企业青川电气", "規模以上工業", "德清县（Déqīng）",
            "安吉（Ānjí）", "全省山区26县中", "这也是该县", "规上工业增加值、工业投资和技改投资"]
MEASURES = ["工业增加值", "总产值", "营收", "国家高新技术企业", "研发投入强度", "GDP总量", "省级绿色工厂", "数字化车间",
            "總產值", "新能源装备产业链营收占比", "亩均税收", "总指数", "未来工厂"]
VERBS = ["达", "实现", "突破", "超", "近", "约", "增长", "同比增长", "提高", "有望突破", "预计达到", "力争", "新增",
         "累计培育", "為", "达到", "不到", "由", "提升至", "增長", "預計"]
UNITS = ["亿元", "家", "%", "％", "个百分点", "个点", "个", "项", "万元/亩", "亿", "万", "億元", "倍", "", "余家", "多项",
         "万家", "元/人", "大关", "年", "位"]
RANKS = ["", "，居全省第{n}", "，位居全省第{cn}位", "，全省前{n}", "，全市第一", "，全国前十", "，连续{n}年居全省第{m}位",
         "，三连冠", "，二度捧鼎", "，連續2年全省第二", "，均居全省第2位", "，首次", "，全省唯一", "，率先", "，榜首",
         "，数量均居全市首位", "，分列全省第三、第五", "，在山区26县中排名第{n}", "，三项指标均居全市第一",
         "，位列20个县（市、区）中第{n}位", "分别增长{n}%、{m}%"]
ENDS = ["。", "！", "；", "，", ".", "", "\n", "\n\n", "…", "？"]
DEBRIS = ["首页 > 新闻 > 经信专栏", "首页> 经信专栏> 正文", "分享到：微信 微博 QQ空间", "【打印】【关闭】", "来源：湖州日报",
          "（记者 张三 通讯员 李四）2025", "责任编辑：王五", "http://www.example.com/a/2025/0520/123.html", "扫一扫分享",
          "2025-05-20 08:30:15", "浏览次数：1024", "第3版", "图为青川电气智能生产车间。图为青川电气智能生产车间。"]
HEADINGS = ["“链群并进”壮大主导产业", "湖州何以三夺“天工鼎”？", "「智改數轉」激發創新活力", "五位一体", "一、总体情况",
            "2024年工作回顾"]
CN = "〇一二两三四五六七八九十百千万亿兩萬億"

numbers = st.one_of(
    st.integers(0, 99999).map(str),
    st.decimals(0, 10000, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(1000, 99999).map(lambda n: f"{n:,}"),
    st.integers(0, 999).map(lambda n: str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})),
    st.text(CN, min_size=1, max_size=4),
)


@st.composite
def claim_sentence(draw) -> str:
    """One sentence of the genre: time, subject, measure, verb, figure and unit, maybe a rank."""
    rank = draw(st.sampled_from(RANKS)).format(n=draw(st.integers(1, 20)), m=draw(st.integers(1, 9)),
                                               cn=draw(st.text(CN, min_size=1, max_size=2)))
    return (draw(st.sampled_from(TIMES)) + draw(st.sampled_from(SUBJECTS)) + draw(st.sampled_from(MEASURES))
            + draw(st.sampled_from(VERBS)) + draw(numbers) + draw(st.sampled_from(UNITS)) + rank
            + draw(st.sampled_from(ENDS)))


@st.composite
def article(draw) -> str:
    """A page: sentences, headings and debris in any order, sometimes cut mid-sentence or ended by a digit."""
    parts = draw(st.lists(st.one_of(claim_sentence(), claim_sentence(), st.sampled_from(DEBRIS),
                                    st.sampled_from(HEADINGS).map(lambda h: f"\n{h}\n")), min_size=1, max_size=8))
    text = "".join(parts)
    cut = draw(st.integers(0, len(text)))
    text = text[:cut] if draw(st.booleans()) and cut else text
    return text + draw(st.sampled_from(["", "", "38", "2025", "三", "1.", "%", "亿", "第"]))


def assume_text(text: str) -> str:
    """Texts the reader refuses (only white space) are refused elsewhere; here every text has a character."""
    return text if text.strip() else "空"


def holds_offsets(text: str) -> None:
    claims = extract_claims(text, "2025-05-20")
    assert list(claims["start"]) == sorted(claims["start"])
    for _, claim in claims.iterrows():
        assert 0 <= claim["start"] < claim["end"] <= len(text)
        assert text[claim["start"]:claim["end"]] == claim["span"]
        assert math.isnan(claim["value"]) or math.isfinite(claim["value"])


@FAST
@given(article())
@example("低产出企业38")  # issue 23: a text ending in a digit
@example("（记者 张三 通讯员 李四）2025")
def test_the_extractor_never_raises_and_its_offsets_hold(text):
    holds_offsets(text)


@FAST
@given(st.text(alphabet="0123456789.,%，。；：、（）()“”「」十百千万亿億萬两兩第前全省市县连续年度夺个家项倍余多近超约有望 \n\t",
               max_size=40))
def test_the_extractor_never_raises_on_any_mix_of_the_words_it_reads(text):
    holds_offsets(text)


@pytest.fixture(scope="module")
def case_root():
    with tempfile.TemporaryDirectory(prefix="huzhou-fuzz-") as folder, pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "CASES", Path(folder) / "cases")
        yield Path(folder)


def drafts_and_loads(root: Path, text: str, encoding: str = "utf-8") -> None:
    source = root / "article.txt"
    source.write_text(assume_text(text), encoding=encoding)
    folder = cases.new_case("fuzz", str(source), "2025-05-20", force=True)
    article_text = load_article(folder / "raw" / "article_ocr.txt").text
    if len(pd.read_csv(folder / "indicators.csv", dtype=str)):
        load_indicators(folder, article_text)
    else:  # no claim found: the case is made, and a run says in one sentence that its ledger has no rows
        with pytest.raises(LedgerError, match="header but no rows"):
            load_indicators(folder, article_text)
    load_exclusions(folder)


@DRAFTS
@given(article())
@example("GDP总量突破900亿大关")  # issue 23: a unit as written, 亿, that the loader refused
@example("全县低产出企业38")
@example("全县低产出企业38。")  # no claim at all: the case is made with an empty ledger
@example("全市工业增加值达1025年；去年，全市工业增加值达0亿元。")  # found: a duration before the year 1000
@example("全市工业增加值达亿一亿元。")  # found: 100000001 drafted as 1e+08, which its quote does not state
@example("全市工业增加值达0亿元，位居全省第〇位。")  # found: a rank 0, which the loader refuses
def test_a_case_is_drafted_from_every_text_and_its_draft_loads(case_root, text):
    drafts_and_loads(case_root, text)


@settings(DRAFTS, max_examples=8)
@given(article())
@example("規模以上工業總產值2750.54億元，連續2年全省第二。")
def test_a_text_saved_as_gb18030_drafts_too(case_root, text):
    drafts_and_loads(case_root, text, "gb18030")


# --- What the fuzzing and the issues found, as plain tests ----------------------------------------------------

@pytest.mark.parametrize(("text", "span", "value"), [("…李四）2025", "2025", 2025.0), ("…低产出企业38", "38", 38.0)])
def test_a_text_ending_in_a_digit_reads_its_last_number(text, span, value):
    last = extract_claims(text).iloc[-1]
    assert (last["span"], last["kind"], last["value"]) == (span, "number", value)


@st.composite
def curation(draw) -> tuple[str, list[str], str]:
    """An article, what a curator does to each drafted row (keep, check, delete, cut the quote), and the
    article after an edit."""
    text = draw(article())
    actions = draw(st.lists(st.sampled_from(["keep", "check", "delete", "cut"]), min_size=0, max_size=12))
    edited = text + draw(st.sampled_from(["", "全市新增省级专精特新企业86家。", "\n\n首页 > 新闻\n"]))
    return text, actions, draw(st.sampled_from([text, edited, edited.replace("1", "2")]))


@settings(DRAFTS, max_examples=10)
@given(curation())
@example(("首页 > 新闻 > 经信专栏", [], "首页 > 新闻 > 经信专栏"))  # found: an update of a case with no rows
def test_an_update_after_any_curation_loads_and_keeps_the_curation(case_root, work):
    text, actions, edited = work
    drafts_and_loads(case_root, text)
    folder = paths.CASES / "fuzz"
    ledger = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    for at, action in zip(list(ledger.index), actions):
        if action == "check":
            ledger.loc[at, ["metric_en", "curation"]] = ["checked by the test", "checked"]
        elif action == "cut" and ledger.loc[at, "value"]:
            ledger.loc[at, "curation"] = "checked"  # the quote cut to its figure and unit
            ledger.loc[at, "metric_en"] = "cut"
    deleted = [a == "delete" for a in actions[:len(ledger)]] + [False] * max(0, len(ledger) - len(actions))
    ledger = ledger[~pd.Series(deleted, index=ledger.index, dtype=bool)]
    ledger.to_csv(folder / "indicators.csv", index=False)
    source = case_root / "edited.txt"
    source.write_text(assume_text(edited), encoding="utf-8")
    try:
        cases.new_case("fuzz", str(source), update=True)
    except cases.CaseError as exc:  # only a checked row whose quote the edit removed may stop an update
        assert "not found in the cleaned article" in str(exc) or "does not appear in" in str(exc), exc
        return
    again = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    assert again["id"].is_unique
    checked = ledger[ledger["curation"] == "checked"]
    assert set(checked["id"]) <= set(again["id"])

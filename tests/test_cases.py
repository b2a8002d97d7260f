"""Cases: another article of the genre drafted into a ledger, curated, audited and published apart.

The article (tests/data/case_article.txt) is written for these tests in the
genre of the project's page; its figures are made up.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from test_reliability import files_of

from helpers import cases, paths, preflight
from helpers.files import DataError
from helpers.ledger import load_indicators
from helpers.params import validate
from helpers.publish import plan, workers

from conftest import run_helpers

ARTICLE = Path(__file__).parent / "data" / "case_article.txt"
DATE = "2025-05-20"


@pytest.fixture
def case_root(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(paths, "CASES", tmp_path / "cases")
    return tmp_path / "cases"


def ledger_of(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)


def by_quote(ledger: pd.DataFrame, quote: str) -> pd.Series:
    found = ledger[ledger["quote"] == quote]
    assert len(found) == 1, (quote, list(ledger["quote"]))
    return found.iloc[0]


# What a reader sees in the test article: quote → kind, value, unit, qualifier, period, rank, rank kind, scope.
EXPECTED = {
    "全市规上工业增加值达1268.5亿元": ("quantity", "1268.5", "亿元", "exact", "2024", "", "", ""),
    # the rank that opens the next clause is the growth rate's
    "同比增长9.2%，增速位居全省第二": ("quantity", "9.2", "%", "exact", "2024", "2", "exact", "province"),
    "新能源装备产业链营收占比由2022年底的18.4%": ("quantity", "18.4", "%", "exact", "2022-12-31", "", "", ""),
    "提升至去年底的27.6%": ("quantity", "27.6", "%", "exact", "2024-12-31", "", "", ""),
    "龙头企业青川电气实现产值36.8亿元": ("quantity", "36.8", "亿元", "exact", "2025-01/2025-04", "", "", ""),
    "全年产值有望突破120亿元": ("quantity", "120", "亿元", "expected_at_least", "2025", "", "", ""),
    "全市国家高新技术企业达1180家": ("quantity", "1180", "家", "exact", "2024-12-31", "", "", ""),
    "是全省平均的1.3倍": ("quantity", "1.3", "倍", "exact", "2024-12-31", "", "", ""),
    "全市率先": ("lead", "", "", "exact", "publication", "", "", "city"),
    "建成首个县域工业互联网平台": ("first", "", "", "exact", "publication", "", "", "city"),
    # no time in its sentence (截至去年底 dates the sentence before, which states its own figures): the streak's
    # years end at the reference year
    "省级未来工厂数量连续3年位居全省前三": ("streak", "3", "年", "exact", "2023/2025", "3", "top_n", "province"),
    # a rank said of two figures is each one's, and their quotes are drawn out to it
    "全市累计创建省级绿色工厂46家、省级绿色低碳工业园区4个，2项指标均居全省第一": ("quantity", "46", "家", "exact", "publication", "1", "exact", "province"),
    "省级绿色低碳工业园区4个，2项指标均居全省第一": ("quantity", "4", "个", "exact", "publication", "1", "exact", "province"),
    "2项指标均居全省第一": ("quantity", "2", "项", "exact", "publication", "", "", ""),
}
# Words about the project's own article (its place, sections, firms, source and package) that a case's pages
# must not carry.
PROJECT_MARKERS = ("湖州", "Huzhou", "三箭齐发", "金佳", "Jinjia", "两新融合", "three arrows", "报纸版面",
                   "OCR text of a newspaper page", "huzhou-tiangong", "研究包", "research package", "other cities",
                   "其他地市")
FIELDS = ["kind", "value", "unit", "qualifier", "period", "rank", "rank_kind", "scope"]


def test_a_drafted_ledger_holds_the_claims_a_reader_sees(case_root):
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    ledger = ledger_of(folder)
    for quote, expected in EXPECTED.items():
        assert tuple(by_quote(ledger, quote)[FIELDS]) == expected, quote
    assert set(ledger["curation"]) == {"draft"}
    names = {quote: tuple(by_quote(ledger, quote)[["metric_zh", "metric_en"]]) for quote in
             ("全市规上工业增加值达1268.5亿元", "同比增长9.2%，增速位居全省第二", "全市累计创建省级绿色工厂46家、省级绿色低碳工业园区4个，2项指标均居全省第一", "5年实现翻番")}
    assert names == {  # what is counted, not the clause; English from the term list, or none
        "全市规上工业增加值达1268.5亿元": ("规上工业增加值", "Value added of industrial enterprises above designated size"),
        "同比增长9.2%，增速位居全省第二": ("规上工业增加值同比增速",
                       "Year-on-year growth rate of value added of industrial enterprises above designated size"),
        "全市累计创建省级绿色工厂46家、省级绿色低碳工业园区4个，2项指标均居全省第一": ("省级绿色工厂", "Provincial green factories"),
        "5年实现翻番": ("国家高新技术企业数量翻番所用年数", "Number of national high-tech enterprises 翻番所用年数")}
    assert (folder / "raw" / "article_ocr.txt").read_bytes() == ARTICLE.read_bytes()
    assert "reference_date,2025-05-20" in (folder / "raw" / "article_meta.csv").read_text(encoding="utf-8")
    assert "detected by rule" in (folder / "raw" / "sections.csv").read_text(encoding="utf-8")
    loaded = load_indicators(folder)  # every quote in the article, every figure what the quote states
    assert len(loaded) == len(ledger)


def test_checks_are_suggested_by_the_kind_of_claim(case_root):
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    ledger = ledger_of(folder).set_index("quote")
    checks = pd.read_csv(folder / "audit_checks.csv", dtype=str, keep_default_na=False)
    suggested = {(c, tuple(ids.split())) for c, ids in zip(checks["check"], checks["ids"])}
    ids = ledger["id"]
    assert ("times_average", (ids["规上工业研发费用占营收比重达3.4%"], ids["是全省平均的1.3倍"])) in suggested
    assert ("target_pace", (ids["全年产值有望突破120亿元"], ids["龙头企业青川电气实现产值36.8亿元"])) in suggested
    assert ("doubling", (ids["全市国家高新技术企业达1180家"], ids["5年实现翻番"])) in suggested
    assert ("span_years", (ids["新能源装备产业链营收占比由2022年底的18.4%"], ids["提升至去年底的27.6%"],
                           ids["短短2年间"])) in suggested
    assert ("streak_years", (ids["省级未来工厂数量连续3年位居全省前三"],)) in suggested
    assert ("growth_base", (ids["全市规上工业增加值达1268.5亿元"], ids["同比增长9.2%，增速位居全省第二"])) in suggested
    assert ("growth_base", (ids["龙头企业青川电气实现产值36.8亿元"], ids["同比增长21.5%"])) in suggested
    summary = ledger.loc["2项指标均居全省第一"]
    assert ("all_first", (summary["id"],)) in suggested  # the summary restates the two rows before it
    assert summary["summary_of"] == f'{ids["全市累计创建省级绿色工厂46家、省级绿色低碳工业园区4个，2项指标均居全省第一"]} {ids["省级绿色低碳工业园区4个，2项指标均居全省第一"]}'
    assert {"dates", "unsourced"} <= set(checks["check"])
    preflight.check_audit_spec(folder, set(ledger["id"]), set())


def test_checked_rows_survive_a_new_draft(case_root):
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    ledger = ledger_of(folder)
    kept = ledger.index[ledger["quote"] == "全市国家高新技术企业达1180家"][0]
    ledger.loc[kept, ["id", "metric_en", "curation", "note"]] = ["hightech_firms", "National high-tech firms",
                                                                "checked", "renamed by the curator"]
    ledger = ledger[ledger["quote"] != "同比增长21.5%"]  # a curator deletes a draft row
    ledger.to_csv(folder / "indicators.csv", index=False)
    edited = ARTICLE.read_text(encoding="utf-8") + "\n全市新增省级专精特新企业86家。\n"
    (case_root.parent / "edited.txt").write_text(edited, encoding="utf-8")
    cases.new_case("qingchuan", str(case_root.parent / "edited.txt"), update=True)
    again = ledger_of(folder)
    checked = again[again["curation"] == "checked"]
    assert list(checked["id"]) == ["hightech_firms"]
    assert tuple(checked.iloc[0][["metric_en", "note"]]) == ("National high-tech firms", "renamed by the curator")
    assert (again["quote"] == "全市国家高新技术企业达1180家").sum() == 1  # not drafted twice
    assert "全市新增省级专精特新企业86家" in set(again["quote"])  # the new claim comes in as a draft
    assert again["id"].is_unique
    load_indicators(folder)


def test_an_older_case_with_a_status_column_reads_as_curation(case_root):
    from helpers import datapackage
    from helpers.publish.site import draft_counts

    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    ledger = ledger_of(folder)
    ledger.loc[ledger.index[0], ["curation", "metric_en"]] = ["checked", "Checked by the curator"]
    ledger.rename(columns={"curation": "status"}).to_csv(folder / "indicators.csv", index=False)
    loaded = load_indicators(folder)
    assert "status" not in loaded.columns and loaded["curation"].iloc[0] == "checked"
    assert draft_counts(folder) == (1, len(ledger) - 1)
    described = datapackage.schema_for(folder, "indicators.csv")
    assert datapackage.names(described)[-1] == "status"  # the package describes the file as it is
    cases.new_case("qingchuan", str(ARTICLE), update=True)
    assert list(ledger_of(folder).columns)[-1] == "curation"
    assert (ledger_of(folder)["curation"] == "checked").sum() == 1


def write_place(folder: Path, place_id: str, zh: str, en: str) -> None:
    meta = pd.read_csv(folder / "raw" / "article_meta.csv", dtype=str, keep_default_na=False).set_index("field")
    meta.loc[["place_id", "place", "place_en"], "value"] = [place_id, zh, en]
    meta.reset_index().to_csv(folder / "raw" / "article_meta.csv", index=False)


def test_a_case_about_another_city_has_its_own_place_in_labels_and_comparisons(case_root, tmp_path):
    from helpers import notebook
    from helpers.views import figures, scorecard_page

    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    write_place(folder, "qingchuan", "青川", "Qingchuan")
    own = by_quote(ledger_of(folder), "全市国家高新技术企业达1180家")
    source = {"note_zh": "", "note_en": "", "publisher_zh": "青川市统计局", "publisher_en": "Qingchuan statistics bureau",
              "title": "统计公报", "url": "", "date": "2025-03", "reliability": "official"}
    rows = [("qc_firms_2024", "qingchuan", "1180", "2024-12-31"), ("qc_firms_2022", "qingchuan", "960", "2022-12-31"),
            ("hz_firms_2024", "huzhou", "2071", "2024-12-31")]  # another place's figure: never compared
    context = pd.DataFrame([{"id": i, "place": p, "indicator_zh": "高新技术企业", "indicator_en": "High-tech firms",
                             "value": v, "unit": "家", "period": t, "rank": "", "ledger_id": own["id"],
                             "comparable": "yes", **source} for i, p, v, t in rows])
    (folder / "context").mkdir(exist_ok=True)
    context.to_csv(folder / "context" / "qingchuan.csv", index=False)
    spec = pd.DataFrame([{"check": "external", "ids": "", "context": "", "note_zh": "", "note_en": ""}])
    for lang, name in (("en", "Qingchuan"), ("zh", "青川")):
        R = notebook.start(lang=lang, data_dir=str(folder), out_dir=str(tmp_path / lang))
        assert R.place_name() == name and R.place_name("qingchuan") == name
        shown = scorecard_page.external_comparison(R)
        assert len(shown) == 2 and not shown.to_csv().count("2071")
        result = scorecard_page.run(R, spec)
        assert list(result["check_id"]) == ["external_qc_firms_2024"] and set(result["verdict"]) == {"consistent"}
        points = figures.timeline_points(R, R.row(own["id"]), [R.external("qc_firms_2022")])
        assert list(points["series"]) == [name, name]


@pytest.mark.parametrize(("args", "words"), [
    (("Bad Name", "ARTICLE"), "is not a case name"),
    (("qingchuan", "missing.txt"), "does not exist"),
    (("qingchuan", "EMPTY"), "is empty"),
    (("qingchuan", "ARTICLE", "2025-13-40"), "is not a date"),
])
def test_bad_cases_are_refused_in_one_sentence(case_root, tmp_path, args, words):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    given = {"ARTICLE": str(ARTICLE), "EMPTY": str(tmp_path / "empty.txt")}
    name, article, *date = args
    with pytest.raises(cases.CaseError, match=words):
        cases.new_case(name, given.get(article, str(tmp_path / article)), *date)
    assert not (case_root / name).exists()


def test_an_existing_case_is_kept_unless_forced(case_root):
    cases.new_case("qingchuan", str(ARTICLE), DATE)
    with pytest.raises(cases.CaseError, match="exists already: use --update"):
        cases.new_case("qingchuan", str(ARTICLE))
    assert cases.new_case("qingchuan", str(ARTICLE), force=True).is_dir()


def test_a_case_needs_its_reference_date_and_a_sound_ledger(case_root):
    folder = cases.new_case("undated", str(ARTICLE))
    with pytest.raises(DataError, match="sets no reference_date: give the article's publication date"):
        preflight.check(folder, folder / "raw" / "article_ocr.txt", case=True)
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    ledger = ledger_of(folder)
    ledger.loc[3, "value"] = "999"
    ledger.to_csv(folder / "indicators.csv", index=False)
    with pytest.raises(DataError, match=r"indicators.csv, line 5, column 'value'"):
        preflight.check(folder, folder / "raw" / "article_ocr.txt", case=True)


def test_the_command_line_is_parsed_once_and_handed_to_the_drafter(case_root, capsys):
    import json

    from helpers.publish.cli import _parser

    with pytest.raises(SystemExit):
        _parser().parse_args(["new-case", "qingchuan", str(ARTICLE), "--force", "--update"])
    capsys.readouterr()
    args = _parser().parse_args(["new-case", "qingchuan", str(ARTICLE), "--date", DATE])
    request = {k: getattr(args, k) for k in ("name", "article", "date", "force", "update")}
    assert cases.main([json.dumps(request)]) == 0
    assert "python -m helpers run --case qingchuan" in capsys.readouterr().out
    assert cases.main([json.dumps(request)]) == 2  # exists already: one sentence, no traceback
    assert capsys.readouterr().err.startswith("error: cases/qingchuan/ exists already")


def test_a_case_publishes_its_own_site_in_both_languages_and_leaves_the_report(built_project):
    before = files_of(built_project / "build" / "site")
    made = run_helpers(built_project, "new-case", "qingchuan", str(ARTICLE), "--date", DATE)
    assert made.returncode == 0, made.stderr
    assert "drafts" in made.stdout and "python -m helpers run --case qingchuan" in made.stdout
    result = run_helpers(built_project, "run", "--case", "qingchuan", "--jobs", "2", "--only", "00", "--only", "01",
                         "--only", "05")
    assert result.returncode == 0, result.stderr
    assert "skipped  01_award: they analyse the sections of this project's own article" in result.stdout
    site = built_project / "build" / "cases" / "qingchuan" / "site"
    for page in ("index.html", "zh/05_scorecard.html", "en/index.html", "en/05_scorecard.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert 'class="draft-banner"' in text and "0" in text, page
    english = (site / "en" / "05_scorecard.html").read_text(encoding="utf-8")
    drafted = len(ledger_of(built_project / "cases" / "qingchuan"))
    assert "(not translated)" in english and f"{drafted} are not" in english
    assert files_of(built_project / "build" / "site") == before
    for page in sorted(site.rglob("*.html")):  # nothing about the project's own article on a case's pages
        text = page.read_text(encoding="utf-8")
        assert not [m for m in PROJECT_MARKERS if m in text], page.relative_to(site)
    report = (built_project / "build" / "site" / "en" / "00_source.html").read_text(encoding="utf-8")
    assert "Jinjia Copper" in report and "OCR text of a newspaper page" in report  # the report keeps them
    missing = run_helpers(built_project, "run", "--case", "nowhere")
    assert missing.returncode == 2 and "cases/nowhere/ is not a case" in missing.stderr
    shutil.rmtree(built_project / "cases")


def test_narrative_about_the_project_article_is_kept_only_when_a_run_reads_it(tmp_path):
    for name in ("00_source", "05_scorecard"):  # every word of a case's pages that is not data: no marker
        nb = nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4)
        generic = [c.source for c in nb.cells if c.cell_type == "markdown"
                   and workers.PROJECT_ARTICLE not in c.metadata.get("tags", [])]
        assert not [m for m in PROJECT_MARKERS for text in generic if m in text], name
    nb = nbformat.read(paths.NOTEBOOKS / "00_source.ipynb", as_version=4)
    assert len(workers.for_article(copy.deepcopy(nb), True).cells) == len(nb.cells)
    dropped = workers.for_article(copy.deepcopy(nb), False)
    assert not any("金佳" in c.source for c in dropped.cells) and any("金佳" in c.source for c in nb.cells)
    same = tmp_path / "same.txt"
    same.write_bytes((paths.DATA / "raw" / "article_ocr.txt").read_bytes())
    assert plan.reads_project_article(validate({})) and plan.reads_project_article(validate({"article_path": str(same)}))
    assert not plan.reads_project_article(validate({"article_path": str(ARTICLE)}))


def test_a_summary_that_is_not_about_firsts_gets_no_all_first_check():
    """A curator may mark 二度捧鼎 as the summary of the two wins it restates; it says no 第一, so the
    drafter suggests no "all ranked first" check that would call the curated ledger inconsistent."""
    text = "该县2023年首次捧鼎。2024年再次捧鼎。至此二度捧鼎。投资30亿元、产值20亿元，2项指标均居全省第一。"
    rows = [("win_2023", "2023年首次捧鼎", "first", "", "", ""), ("win_2024", "2024年再次捧鼎", "first", "", "", ""),
            ("twice", "二度捧鼎", "streak", "度", "win_2023 win_2024", ""),
            ("a", "投资30亿元", "quantity", "亿元", "", "2"), ("b", "产值20亿元", "quantity", "亿元", "", "1"),
            ("firsts", "2项指标均居全省第一", "quantity", "项", "a b", "")]
    ledger = pd.DataFrame([{"id": i, "quote": q, "kind": k, "unit": u, "summary_of": s, "period": "2024",
                            "qualifier": "exact", "rank": r, "rank_kind": "exact" if r else "",
                            "scope": "province" if r else ""} for i, q, k, u, s, r in rows])
    suggested = {(c, ids) for c, ids in zip(*cases.suggest_checks(ledger, text)[["check", "ids"]].T.values)}
    assert ("all_first", "firsts") in suggested  # a curated rank 2 among them is then inconsistent
    assert ("all_first", "twice") not in suggested


def test_a_forecast_is_paced_only_against_a_figure_of_its_own_paragraph():
    text = ("1至6月，全县规上工业产值达210亿元。\n"
            "今年1至6月，龙头企业甲实现产值12亿元，全年产值有望突破30亿元。\n")
    rows = [("county", "全县规上工业产值达210亿元", "exact"), ("firm", "龙头企业甲实现产值12亿元", "exact"),
            ("forecast", "全年产值有望突破30亿元", "expected_at_least")]
    ledger = pd.DataFrame([{"id": i, "quote": q, "kind": "quantity", "unit": "亿元", "summary_of": "",
                            "period": "2025" if i == "forecast" else "2025-01/2025-06", "qualifier": ql,
                            "rank": ""} for i, q, ql in rows])
    checks = cases.suggest_checks(ledger, text)
    assert list(checks.loc[checks["check"] == "target_pace", "ids"]) == ["forecast firm"]


def drafted_periods(items: list[dict], folder: Path) -> tuple[int, list[tuple[str, str, str]]]:
    """How many annotated periods the drafter gets right, and the wrong ones (span, wanted, drafted)."""
    reference = cases.periods.Reference.parse("2025-03-10")
    right, wrong = 0, []
    for n, item in enumerate(items):
        path = folder / f"article_{n}.txt"
        path.write_text(item["text"] + "\n", encoding="utf-8")
        ledger, _ = cases.draft(cases.load_article(path, structure_path=None), reference)
        for span, wanted in item["periods"].items():
            rows = ledger[[span in quote for quote in ledger["quote"]]]
            drafted = rows["period"].iloc[0] if len(rows) else "(no row)"
            right += drafted == wanted
            if drafted != wanted:
                wrong.append((span, wanted, drafted))
    return right, wrong


@pytest.mark.parametrize(("name", "least"), [("genre_periods.json", 60), ("genre_periods_second.json", 30)])
def test_drafted_periods_on_sentences_written_for_the_project(tmp_path, name, least):
    """Bases, opening times, headings, lists with 分别, streaks and historical times, annotated by hand
    (tests/data/genre_periods*.json, written for the project). The first set was written with the rules
    (the drafter before them: 61%); the second after them, scored once unseen: 91% (before the rules: 50%)."""
    items = json.loads((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"))
    right, wrong = drafted_periods(items, tmp_path)
    total = right + len(wrong)
    assert total >= least and right / total >= 0.9, wrong


def test_a_drafted_row_says_where_a_period_from_outside_its_quote_came_from(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("过去一年，全县工业经济逆势上扬。规上工业增加值、工业投资分别增长21.4%、14.9%。\n\n"
                    "去年全县新增规上企业86家，同比增长12%。\n", encoding="utf-8")
    ledger, _ = cases.draft(cases.load_article(path, structure_path=None), cases.periods.Reference.parse("2025-03-10"))
    notes = dict(zip(ledger["value"], ledger["note"]))
    assert "过去一年" in notes["21.4"] and "paragraph" in notes["21.4"] and "过去一年" in notes["14.9"]
    assert notes["86"] == ""  # 去年 stands in its quote
    assert "去年" in notes["12"] and "sentence" in notes["12"]  # 同比增长12%: 去年 is in the sentence, not the quote


def drafted(tmp_path: Path, text: str) -> pd.DataFrame:
    """The drafted ledger of a short text of the genre (reference date 2025-03-10)."""
    path = tmp_path / "article.txt"
    path.write_text(text + "\n", encoding="utf-8")
    ledger, _ = cases.draft(cases.load_article(path, structure_path=None), cases.periods.Reference.parse("2025-03-10"))
    return ledger


RANKED = ["rank", "rank_kind", "scope"]


def test_ranks_at_every_scope_are_drafted(tmp_path):
    ledger = drafted(tmp_path, "龙游县去年实际利用外资1.2亿美元，增幅在山区26县中排名第二，居全市第1。"
                               "乐清电气产业集群进入全国前十。瓯海区位列20个县（市、区）中第六位。")
    ranks = ledger[ledger["rank"] != ""]
    assert [tuple(r) for r in ranks[RANKED].to_numpy()] == [
        ("2", "exact", "山区26县"), ("1", "exact", "city"), ("10", "top_n", "national"), ("6", "exact", "20个县（市、区）")]


def test_a_rank_shared_by_listed_figures_is_each_ones(tmp_path):
    ledger = drafted(tmp_path, "截至目前，海曙区累计培育省级专精特新中小企业156家、国家级专精特新“小巨人”企业23家，数量均居全市首位。")
    assert list(ledger["kind"]) == ["quantity", "quantity"]  # no rank row left: the figures carry the rank
    assert [tuple(r) for r in ledger[RANKED].to_numpy()] == [("1", "exact", "city")] * 2
    assert all(q.endswith("数量均居全市首位") for q in ledger["quote"])  # each quote states its rank


def test_a_rank_shared_by_a_list_of_names_is_one_row_per_item(tmp_path):
    ledger = drafted(tmp_path, "今年以来，全市规上工业增加值、工业投资和技改投资增速均居全省第2位。")
    assert list(ledger["kind"]) == ["rank"] * 3
    assert [m.startswith(w) for m, w in zip(ledger["metric_zh"], ("全市规上工业增加值", "工业投资", "技改投资"))] == [True] * 3
    assert set(map(tuple, ledger[RANKED].to_numpy())) == {("2", "exact", "province")}


def test_a_counted_shared_rank_sums_up_the_last_figures(tmp_path):
    ledger = drafted(tmp_path, "该区全年实现地区生产总值1862.4亿元，增长6.9%，规上工业增加值增长10.2%，"
                               "固定资产投资增长8.5%，三项指标增速均居全市第一。").set_index("value")
    assert ledger.loc["1862.4", "rank"] == ""  # three indicators: the last three figures
    assert [tuple(ledger.loc[v, RANKED]) for v in ("6.9", "10.2", "8.5")] == [("1", "exact", "city")] * 3
    assert len(ledger.loc["3", "summary_of"].split()) == 3 and ledger.loc["3", "rank"] == ""
    assert "all_first" not in set(cases.suggest_checks(ledger.reset_index(), "")["check"])  # a city first


def test_a_streaks_rank_after_named_measures_goes_to_as_many_figures_before_it(tmp_path):
    ledger = drafted(tmp_path, "近3年，全县实施技改项目412个，其中58个项目入选省级重点技改项目，获补资金2.4亿元，"
                               "入选项目数与获补金额连续3年位居全市第一。").set_index("value")
    assert ledger.loc["412", "rank"] == ""
    assert [tuple(ledger.loc[v, RANKED]) for v in ("58", "2.4", "3")] == [("1", "exact", "city")] * 3


def test_ranks_listed_with_respectively_pair_with_the_figures(tmp_path):
    ledger = drafted(tmp_path, "累计培育省级未来工厂10家、智能工厂（数字化车间）103家，数量分列全省第三、第五。")
    assert list(ledger["value"]) == ["10", "103"] and list(ledger["rank"]) == ["3", "5"]
    assert ledger["quote"].iloc[1].endswith("分列全省第三、第五")


def test_a_quote_whose_words_stand_earlier_is_drawn_out_until_it_is_found_where_it_stands(case_root, tmp_path):
    """"分别增长16%、6%": the quote 6% first occurs inside 16%, so it takes the list comma before it."""
    source = tmp_path / "article.txt"
    source.write_text("全省山区26县中总产值分别增长16%、6%。\n", encoding="utf-8")
    ledger = ledger_of(cases.new_case("sixteen", str(source), DATE))  # the draft loads
    assert list(ledger["quote"])[-1] == "、6%"


def test_every_way_a_period_is_found_has_its_drafted_note():
    from helpers.claims import PERIOD_VIA
    assert set(cases.PERIOD_NOTES) == set(PERIOD_VIA)


def test_a_rank_that_opens_its_clause_is_the_figures_just_before(tmp_path):
    ledger = drafted(tmp_path, "去年，17个重点传统制造业规上利润总额同比增长10.4%，增速傲居全省第二。"
                               "全市国家级绿色工厂达76家。居全省第一的还有绿色园区。")
    rows = ledger.set_index("value")
    assert tuple(rows.loc["10.4", RANKED]) == ("2", "exact", "province")
    assert rows.loc["10.4", "quote"].endswith("增速傲居全省第二") and "rank" not in set(ledger["kind"][:2])
    assert rows.loc["76", "rank"] == ""  # the rank in the next sentence is not its own


def test_drafting_the_projects_article_from_scratch_gives_its_curated_ranks():
    """Each curated figure's rank, rank kind and scope against the drafted row of the same figure (the
    drafter before ranks were shared and joined across clauses: 43 of 53; now 53)."""
    article = cases.load_article(paths.DATA / "raw" / "article_ocr.txt")
    drafts, _ = cases.draft(article, cases.periods.Reference.parse("2025-05-23"))
    curated = pd.read_csv(paths.DATA / "indicators.csv", dtype=str, keep_default_na=False)

    def where(quote: str) -> tuple[int, int]:
        at = article.text.find(quote)
        return at, at + len(quote)

    right = total = 0
    for _, row in curated[curated["kind"].isin(["quantity", "streak"]) & (curated["summary_of"] == "")].iterrows():
        start, end = where(row["quote"])
        same = [d for _, d in drafts.iterrows() if d["value"] and float(d["value"]) == float(row["value"])
                and where(d["quote"])[0] < end and where(d["quote"])[1] > start]
        if same:
            total += 1
            right += tuple(same[0][RANKED]) == tuple(row[RANKED])
    assert total >= 50 and right / total >= 0.95, (right, total)

"""Cases as a curator works on them: curation sticks across --update, a draft always loads, a failed
draft leaves nothing behind (issue 23 items 1 and 6, issue 24's case trials)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_cases import ARTICLE, DATE, by_quote, ledger_of

from helpers import cases, curation, notebook, paths, preflight
from helpers.params import ParameterError
from helpers.publish import cli


@pytest.fixture
def case_root(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(paths, "CASES", tmp_path / "cases")
    return tmp_path / "cases"


def edited_article(tmp_path: Path, old: str, new: str) -> str:
    path = tmp_path / "edited.txt"
    path.write_text(ARTICLE.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return str(path)


def save(folder: Path, ledger: pd.DataFrame) -> None:
    ledger.to_csv(folder / "indicators.csv", index=False)


def curated(folder: Path) -> pd.DataFrame:
    """The curator's work on the test case: one row deleted, one changed (its quote cut to the figure), one
    checked as it is."""
    ledger = ledger_of(folder)
    ledger = ledger[ledger["quote"] != "同比增长21.5%"]
    changed = ledger.index[ledger["quote"] == "全市累计创建省级绿色工厂46家、省级绿色低碳工业园区4个，2项指标均居全省第一"][0]
    ledger.loc[changed, ["quote", "metric_en", "curation"]] = ["省级绿色工厂46家", "Provincial green factories", "checked"]
    kept = ledger.index[ledger["quote"] == "全市国家高新技术企业达1180家"][0]
    ledger.loc[kept, ["metric_en", "curation"]] = ["National high-tech firms", "checked"]
    save(folder, ledger)
    return ledger


def test_update_never_revives_a_deleted_or_changed_row(case_root, tmp_path):
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    before = curated(folder)
    for _ in range(2):  # the decisions hold over any number of updates
        cases.new_case("qingchuan", edited_article(tmp_path, "1180家", "1180家，新增86家"), update=True)
        again = ledger_of(folder)
        assert "同比增长21.5%" not in set(again["quote"])  # deleted: stays deleted
        assert "全市累计创建省级绿色工厂46家、省级绿色低碳工业园区4个，2项指标均居全省第一" not in set(again["quote"])  # changed: not drafted again
        assert by_quote(again, "省级绿色工厂46家")["metric_en"] == "Provincial green factories"
        assert by_quote(again, "全市国家高新技术企业达1180家")["curation"] == "checked"
        assert "新增86家" in set(again["quote"])  # a new claim comes in as a draft
        assert len(again) == len(before) + 1 and again["id"].is_unique
    record = pd.read_csv(folder / curation.CURATION_FILE, dtype=str, keep_default_na=False)
    decided = dict(zip(record["quote"], record["decision"]))
    assert decided["同比增长21.5%"] == "deleted" and decided["全市累计创建省级绿色工厂46家、省级绿色低碳工业园区4个，2项指标均居全省第一"] == "changed"


def test_a_row_deleted_after_it_was_checked_is_not_revived_either(case_root, tmp_path):
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    curated(folder)
    cases.new_case("qingchuan", None, update=True)
    ledger = ledger_of(folder)
    save(folder, ledger[ledger["quote"] != "全市国家高新技术企业达1180家"])  # checked at the last update
    cases.new_case("qingchuan", None, update=True)
    assert "全市国家高新技术企业达1180家" not in set(ledger_of(folder)["quote"])


def test_untouched_drafts_follow_a_new_date_and_curated_rows_do_not(case_root):
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    curated(folder)
    cases.new_case("qingchuan", None, "2026-05-20", update=True)  # 去年 is now 2025
    again = ledger_of(folder)
    assert by_quote(again, "同比增长9.2%，增速位居全省第二")["period"] == "2025"
    assert by_quote(again, "全市国家高新技术企业达1180家")["period"] == "2024-12-31"  # checked: as curated


def test_a_check_that_uses_a_deleted_row_is_dropped_with_one_line(case_root):
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    ledger = ledger_of(folder)
    gone = by_quote(ledger, "同比增长21.5%")["id"]
    checks = pd.read_csv(folder / "audit_checks.csv", dtype=str, keep_default_na=False)
    using = checks[checks["ids"].str.split().map(lambda ids: gone in ids)]
    assert len(using) == 1  # growth_base on the firm's output
    save(folder, ledger[ledger["id"] != gone])
    warnings = preflight.check(folder, folder / "raw" / "article_ocr.txt", case=True)
    assert len(warnings) == 1 and "line" in warnings[0] and f"uses '{gone}', a row no longer in the ledger" in warnings[0]
    dropped: list = []
    spec = notebook.start(lang="en", data_dir=str(folder), out_dir="").audit_spec(dropped)
    assert len(spec) == len(checks) - 1 and [d[2] for d in dropped] == [gone]
    checks.loc[0, "ids"] = "no_such_row"  # an id the drafter never wrote is still a fault
    checks.to_csv(folder / "audit_checks.csv", index=False)
    with pytest.raises(Exception, match="'no_such_row' is not a ledger id"):
        preflight.check(folder, folder / "raw" / "article_ocr.txt", case=True)


def test_update_after_changing_a_figure_keeps_the_sections(case_root, tmp_path):
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    sections = (folder / "raw" / "sections.csv").read_text(encoding="utf-8")
    curated(folder)
    cases.new_case("qingchuan", edited_article(tmp_path, "1268.5", "1270.5"), update=True)
    again = ledger_of(folder)
    assert by_quote(again, "全市规上工业增加值达1270.5亿元")["section"] == "section_1"
    assert by_quote(again, "全市国家高新技术企业达1180家")["section"] == "section_2"
    assert (folder / "raw" / "sections.csv").read_text(encoding="utf-8") == sections.replace("126", "127")


@pytest.mark.parametrize("failure", [RuntimeError("a fault in the drafter"), KeyboardInterrupt()])
def test_a_failed_draft_leaves_no_staging_folder_and_the_case_as_it_was(case_root, tmp_path, monkeypatch, failure):
    folder = cases.new_case("qingchuan", str(ARTICLE), DATE)
    before = (folder / "indicators.csv").read_bytes()

    def broken(*args, **kwargs):
        raise failure

    monkeypatch.setattr(cases, "suggest_checks", broken)
    with pytest.raises(type(failure)):
        cases.new_case("qingchuan", edited_article(tmp_path, "1268.5", "1270.5"), update=True)
    assert sorted(p.name for p in case_root.iterdir()) == ["qingchuan"]
    assert (folder / "indicators.csv").read_bytes() == before


def test_a_case_folder_without_a_ledger_is_told_a_command_that_works(case_root, monkeypatch):
    folder = case_root / "half"
    (folder / "raw").mkdir(parents=True)
    (folder / "notes.md").write_text("the curator's notes", encoding="utf-8")
    with pytest.raises(ParameterError) as info:
        cli.case_overrides("half", {})
    assert "python -m helpers new-case half ARTICLE" in str(info.value)
    cases.new_case("half", str(ARTICLE), DATE)  # the command it names
    assert (folder / "notes.md").read_text(encoding="utf-8") == "the curator's notes"
    assert len(ledger_of(folder)) > 10


def test_a_bare_hundred_million_is_drafted_as_written_and_loads(case_root, tmp_path):
    article = tmp_path / "gdp.txt"
    article.write_text("某县经济稳步增长\n\n去年，全县GDP总量突破900亿大关，同比增长6.1%。\n", encoding="utf-8")
    folder = cases.new_case("gdp", str(article), DATE)
    row = by_quote(ledger_of(folder), "全县GDP总量突破900亿大关")
    assert (row["value"], row["unit"], row["qualifier"]) == ("900", "亿", "at_least")

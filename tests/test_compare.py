"""Cases side by side: ``python -m helpers compare`` on three made-up cases (tests/data/compare/).

baixi (a city, curated), lanshan (a county, still a draft, a city rank and a
rank among mountain counties) and jinghe (a city, in traditional characters,
published three days later) claim some of the same indicators, some in the
same period and some not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_reliability import files_of

from helpers import compare, compare_site, paths

CASES = Path(__file__).parent / "data" / "compare"
NAMES = ["baixi", "lanshan", "jinghe"]
AUDIT = ("check_id,check,claim,how,result,verdict,ids\n"
         "growth_base-1,Growth,a,b,c,consistent,value_added\n"
         "dates-1,Dates,a,b,c,consistent,value_added\n"
         "unsourced-1,Unsourced,a,b,c,not_checkable,first_ding\n"
         "ledger-1,Ledger,a,b,c,bookkeeping,value_added\n")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A folder with the three cases, baixi published once (its audit and site), and the comparison."""
    root = tmp_path_factory.mktemp("compare")
    shutil.copytree(CASES, root / "cases")
    published = root / "build" / "cases" / "baixi"
    (published / "en").mkdir(parents=True)
    (published / "en" / "audit.csv").write_text(AUDIT, encoding="utf-8")  # the export's format (README)
    (published / "site").mkdir()
    (published / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paths, "CASES", root / "cases")
        patch.setattr(paths, "BUILD", root / "build")
        compare_site.publish(NAMES, root / "build" / "compare")
        yield root


@pytest.fixture
def cases(project, monkeypatch):
    monkeypatch.setattr(paths, "CASES", project / "cases")
    monkeypatch.setattr(paths, "BUILD", project / "build")
    return [compare.load_case(n) for n in NAMES]


def test_the_same_measure_whatever_the_place_words_the_running_total_or_the_script():
    assert compare.measure_key("全县累计创建省级绿色工厂", "蓝山县") == compare.measure_key("省级绿色工厂") == "省级绿色工厂"
    assert compare.measure_key("国家级绿色工厂") != compare.measure_key("省级绿色工厂")
    assert compare.measure_key("規上工業增加值", "靜河") == compare.measure_key("白溪市规上工业增加值", "白溪")
    assert compare.measure_key("“新星”产业集群") == "新星产业集群"
    assert compare.period_key("publication", "2025-05-20") != compare.period_key("publication", "2025-05-23")


def test_shared_indicators_are_compared_only_within_one_period(cases):
    rows = compare.shared(cases).set_index(["measure", "case"])
    assert rows.loc[("规上工业增加值", "jinghe"), "value"] == "890.2"  # 億元 read as 亿元
    assert rows.xs("规上工业增加值", level="measure")["compared"].all()
    assert not rows.loc[("国家高新技术企业", "lanshan"), "compared"]  # 2023-12-31 against 2024-12-31
    assert rows.loc[("国家高新技术企业", "jinghe"), "compared"]
    assert rows.loc[("省级绿色工厂", "lanshan"), "compared"]  # as of publication, both on 2025-05-20
    assert not rows.loc[("省级绿色工厂", "jinghe"), "compared"]  # published on 2025-05-23
    assert "连续捧得浙江制造天工鼎" not in {m for m, _ in rows.index}  # claimed by one place only


def test_ranks_are_counted_per_scope(cases):
    ranks = compare.rank_counts(cases)
    found = {(r.case, r.scope): (r.ranks, r.firsts, r.top_n) for r in ranks.itertuples()}
    assert found == {("baixi", "province"): (2, 1, 0), ("lanshan", "city"): (1, 1, 0),
                     ("lanshan", "山区26县"): (1, 1, 0)}
    assert cases[1].drafts == 5 and cases[0].drafts == 0
    assert cases[0].verdicts == {"consistent": 2, "inconsistent": 0, "not_checkable": 1, "bookkeeping": 1}
    assert cases[1].verdicts is None


def test_the_page_in_both_languages_shows_what_is_shared_flags_periods_and_marks_drafts(project):
    out = project / "build" / "compare"
    zh = (out / "index.html").read_text(encoding="utf-8")
    en = (out / "en" / "index.html").read_text(encoding="utf-8")
    for page, words in ((zh, ("国家高新技术企业", "时间不同，不作比较", "蓝山县（草稿）", "山区26县", "尚未运行",
                              "截至发稿（2025-05-20）", "靜河")),
                        (en, ("National high-tech enterprises", "different period, not compared",
                              "Lanshan County (draft)", "not run yet", "152.04", "Jinghe"))):
        shown = re.sub(r"<[^>]+>", "", page)
        for word in words:
            assert word in shown, word
        assert 'class="draft-banner"' in page
        assert page.count('<img src="data:image/png;base64,') == 2
        assert not re.findall(r"""(?:src|href)=["']?(?:https?:)?//|@import|url\(\s*["']?https?:""", page)
    assert 'href="../cases/baixi/site/index.html"' in zh and 'href="../../cases/baixi/site/en/index.html"' in en
    assert "cases/lanshan/site" not in zh  # never published: no link
    shared = (out / "zh" / "data" / "compare_shared_table.csv").read_text(encoding="utf-8")
    assert "规上工业增加值,2024年,靜河,890.2亿元,时间相同，并列比较" in shared  # the place as written
    verdicts = (out / "en" / "data" / "compare_verdicts.csv").read_text(encoding="utf-8").splitlines()
    assert verdicts[1:3] == ["Baixi,2,0,1,1", "Lanshan County (draft),not run yet,not run yet,not run yet,not run yet"]
    for lang in ("zh", "en"):
        assert (out / lang / "figures" / "compare_shared.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_one_case_compares_alone_the_same_bytes_every_time(project, monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "CASES", project / "cases")
    monkeypatch.setattr(paths, "BUILD", project / "build")
    first = compare_site.publish(["jinghe"], tmp_path / "a").parent
    second = compare_site.publish(["jinghe"], tmp_path / "b").parent
    assert files_of(first) == files_of(second)
    page = (first / "index.html").read_text(encoding="utf-8")
    assert "没有两个及以上地方都给出的指标。" in page and 'class="draft-banner"' not in page


def test_a_case_that_cannot_be_compared_is_refused_and_the_last_comparison_kept(project, monkeypatch):
    monkeypatch.setattr(paths, "CASES", project / "cases")
    monkeypatch.setattr(paths, "BUILD", project / "build")
    before = files_of(project / "build" / "compare")
    with pytest.raises(compare.CompareError, match="cases/nowhere/ is not a case: make it with"):
        compare_site.publish(["baixi", "nowhere"], project / "build" / "compare")
    assert files_of(project / "build" / "compare") == before


def test_the_command_line_says_what_is_wrong_in_one_sentence():
    env = dict(os.environ, PYTHONPATH=str(paths.PACKAGE_DIR.parent))
    result = subprocess.run([sys.executable, "-m", "helpers", "compare", "Bad Name"], capture_output=True,
                            text=True, env=env, cwd=paths.ROOT, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: 'Bad Name' is not a case name: use lower-case letters, digits, '-' "
                                     "and '_' (up to 40, starting with a letter or digit).")


def test_a_case_whose_rows_were_all_deleted_still_compares(project, monkeypatch, tmp_path):
    cases_root = tmp_path / "cases"
    shutil.copytree(CASES / "baixi", cases_root / "baixi")
    shutil.copytree(CASES / "baixi", cases_root / "empty")
    ledger = cases_root / "empty" / "indicators.csv"
    ledger.write_text(ledger.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    monkeypatch.setattr(paths, "CASES", cases_root)
    monkeypatch.setattr(paths, "BUILD", tmp_path / "build")
    page = compare_site.publish([], tmp_path / "out").read_text(encoding="utf-8")  # every case in cases/
    assert "没有两个及以上地方都给出的指标。" in page and page.count("<tr>") > 3
    assert [c.name for c in map(compare.load_case, compare.case_names())] == ["baixi", "empty"]

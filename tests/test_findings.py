"""Key findings: every number computed from the ledger, the context data or a derivation, worded through the
glossary, linked to its table or figure; the index's main findings; the glossary page and first uses."""

from __future__ import annotations

import json
import math
import re

import nbformat
import pytest

from helpers import notebook, paths
from helpers.files import read_csv_text
from helpers.i18n import load_glossary
from helpers.publish import glossary_links
from helpers.views import findings

PAGES = ("00_source", "01_award", "02_industry", "03_innovation", "04_green_digital", "05_scorecard")
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def cells(name: str) -> list[str]:
    return [c.source for c in nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", 4).cells if c.cell_type == "code"]


def run_findings_cell(name: str, lang: str, out_dir, monkeypatch, R=None) -> tuple[notebook.Notebook, list]:
    """Run a notebook's cells up to its findings cell, in-process; returns R and the findings it shows."""
    shown: list = []
    monkeypatch.setattr(findings, "display", lambda html: shown.append(html.data))
    captured: dict = {}
    real_show = findings.show

    def show(R, page, found):
        captured.update(page=page, found=list(found))
        real_show(R, page, found)

    monkeypatch.setattr(findings, "show", show)
    namespace = {"lang": lang, "data_dir": "", "article_path": "", "out_dir": str(out_dir), "fig_format": "png"}
    code = cells(name)
    at = next(i for i, source in enumerate(code) if "findings.show(" in source)
    for source in code[:at + 1]:
        if source.startswith("lang = "):  # the parameters cell: papermill's values come after it
            continue
        if R is not None and "notebook.start(" in source:
            exec(source.replace("R = notebook.start(lang, data_dir, article_path, out_dir, fig_format)", ""), namespace)
            namespace["R"] = R
        else:
            exec(source, namespace)
    assert captured["page"] == name  # each page writes its own findings file
    return namespace["R"], captured["found"], shown


@pytest.fixture(scope="module")
def ledger_values():
    table = read_csv_text(paths.DATA / "indicators.csv")
    return {r["id"]: r for _, r in table.iterrows()}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_opens_with_three_to_five_findings_linked_to_its_own_tables(name, lang, tmp_path, monkeypatch):
    R, found, shown = run_findings_cell(name, lang, tmp_path, monkeypatch)
    assert 2 <= len(found) <= 5
    later = "\n".join(cells(name)[next(i for i, s in enumerate(cells(name)) if "findings.show(" in s) + 1:])
    later += "".join(p.read_text(encoding="utf-8") for p in (paths.PACKAGE_DIR / "views").glob("*_page.py"))
    block = shown[-1]
    for i, f in enumerate(found, 1):
        assert f'"{f.target}"' in later, f"{f.target} is not a table or figure {name} shows later"
        assert f'<li id="finding-{int(name[:2])}-{i}">' in block and f'href="#{f.target}"' in block
        sentence = f.sentence(R)
        for number in f.numbers:  # each figure the finding computed is in its sentence, as shown
            assert number in sentence
        assert "{" not in sentence
    record = json.loads((tmp_path / "findings" / f"{name}.json").read_text(encoding="utf-8"))
    assert [x["text"] for x in record["findings"]] == [f.sentence(R) for f in found]


def test_the_wording_of_findings_types_no_number():
    table = read_csv_text(paths.DATA / "glossary.csv")
    for _, row in table[table["key"].str.startswith("finding.")].iterrows():
        assert not re.search(r"\d", row["zh"] + row["en"]), row["key"]


def numbers_in(text: str) -> set[str]:
    return set(NUMBER.findall(text.replace(",", "")))


def test_each_finding_number_is_the_ledgers_or_a_derivations(tmp_path, monkeypatch, ledger_values):
    """The numbers recomputed here from the ledger's CSV, by the derivations' arithmetic, are in the sentences."""
    v = {i: float(r["value"]) for i, r in ledger_values.items() if r["value"]}
    said = {}
    for name in ("02_industry", "03_innovation", "04_green_digital"):
        R, found, _ = run_findings_cell(name, "en", tmp_path / name, monkeypatch)
        said[name] = [f.sentence(R) for f in found]
    change = v["emerging_chain_share_2024"] - v["emerging_chain_share_2022"]
    yearly = math.floor(change / v["emerging_chain_share_span_years"] * 10 + 0.5 + 1e-9) / 10  # the change's decimals
    assert {"32.2", "36.9", f"{change:.1f}", f"{yearly:.1f}"} \
        <= numbers_in(said["02_industry"][0])
    assert {f"{v['hightech_firms']:.0f}", f"{math.floor(v['hightech_firms'] / 2):.0f}",
            f"{math.floor((2 ** (1 / v['hightech_firms_doubling_years']) - 1) * 1000) / 10:.1f}"} \
        <= numbers_in(said["03_innovation"][2])
    assert f"{v['talent_selection_rate'] / v['talent_selection_vs_national']:.1f}" in numbers_in(said["03_innovation"][1])
    share = v["energy_saving_projects_selected"] / v["green_upgrade_projects"] * 100
    assert f"{share:.1f}" in numbers_in(said["04_green_digital"][1])
    green = [said["04_green_digital"][0]]
    for i in ("green_supply_chain_firms", "green_industrial_parks", "green_design_firms", "green_factories"):
        assert f"{v[i]:.0f} (#{ledger_values[i]['rank']} in Zhejiang)" in green[0]


def test_a_changed_ledger_changes_the_finding(tmp_path, monkeypatch):
    R = notebook.start(lang="en", out_dir=str(tmp_path))
    at = R.ledger.index[R.ledger["id"] == "emerging_chain_share_2024"][0]
    R.ledger.loc[at, "value"] = 40.1  # a copy in memory: the project's ledger is untouched
    _, found, _ = run_findings_cell("02_industry", "en", tmp_path, monkeypatch, R=R)
    sentence = found[0].sentence(R)
    assert "40.1%" in sentence and "7.9 pp" in sentence and "≈4.0 pp a year" in sentence  # 7.9 pp ÷ 2 years, to the change's decimals
    assert "36.9" not in sentence
    R.ledger.loc[at, "value"] = 30.0
    falling = findings.change(R, "emerging_chain_share_2022", "emerging_chain_share_2024",
                              "emerging_chain_share_span_years", "02_chain_share")
    assert falling.key == "finding.change_fall" and "down 2.2 pp, or 1.1 pp a year" in falling.sentence(R)


def test_counts_are_those_of_the_ledger_the_context_and_the_audit(tmp_path, monkeypatch, ledger_values):
    R, found, _ = run_findings_cell("05_scorecard", "zh", tmp_path, monkeypatch)
    ranked = [r for r in ledger_values.values() if r["rank"] and r["scope"] == "province" and not r["summary_of"]]
    firsts = [r for r in ranked if r["rank"] == "1" and r["rank_kind"] == "exact"]
    assert f"{len(ranked)}项指标" in found[0].sentence(R) and f"{len(firsts)}项全省第1" in found[0].sentence(R)
    from helpers.views import scorecard_page
    verdicts = scorecard_page.run(R, R.audit_spec())["verdict"]
    assert f"{len(verdicts)}条结果" in found[1].sentence(R)
    assert f"{int((verdicts == 'consistent').sum())}条吻合" in found[1].sentence(R)
    R0, source, _ = run_findings_cell("00_source", "en", tmp_path / "00", monkeypatch)
    with_figure = sum(1 for r in ledger_values.values() if r["value"])
    assert f"records {len(ledger_values)} claims of the article: {with_figure} with a figure" in source[1].sentence(R0)
    assert f"Of the ledger's {len(ledger_values)} rows" in source[2].sentence(R0)
    R1, gold, _ = run_findings_cell("01_award", "zh", tmp_path / "01", monkeypatch)
    places = read_csv_text(paths.DATA / "context" / "gold_list_2025.csv")
    assert f"共授予{len(places)}个地方" in gold[2].sentence(R1)
    assert f"{int((places['kind'] == 'city').sum())}个设区市" in gold[2].sentence(R1)


def test_a_bound_stays_a_bound_and_an_expectation_an_expectation(tmp_path, monkeypatch):
    R, found, _ = run_findings_cell("02_industry", "zh", tmp_path, monkeypatch)
    jinjia = found[3].sentence(R)
    assert "预期≥50亿元" in jinjia and "≥3.61亿元/月" in jinjia  # 有望突破: expected, at least
    R3, innovation, _ = run_findings_cell("03_innovation", "zh", tmp_path / "03", monkeypatch)
    assert "≲1035家" in innovation[2].sentence(R3) and "≳25.9%" in innovation[2].sentence(R3)
    assert "=" not in "".join(f.sentence(R3) for f in innovation)


def test_first_uses_link_to_the_definition_and_nothing_else_changes():
    t = load_glossary("zh")
    found = glossary_links.terms(t)
    page = ('<nav><a href="x">台账</a></nav><main><p hidden data-pagefind-meta="title">OCR</p><h2>台账</h2>'
            '<p>本页的<a href="y">台账</a>说明。<br>台账有74行，规上企业和规模以上企业。</p><pre>OCR</pre><p>OCR 文本</p>'
            '</main><footer>台账</footer>')
    linked = glossary_links.link_first_uses(page, found)
    assert linked.count('href="glossary.html#term-ledger"') == 1
    assert '说明。<br><a class="term" href="glossary.html#term-ledger"' in linked  # not the heading, nor a link
    assert '<pre>OCR</pre><p><a class="term" href="glossary.html#term-ocr"' in linked
    assert linked.count("term-above_scale") == 1 and ">规上</a>企业和规模以上" in linked
    assert re.sub(r'<a class="term"[^>]*>(.*?)</a>', r"\1", linked) == page


REQUIRED = {"zh": ["规上", "鼎", "山区26县", "台账", "OCR", "金鼎", "专精特新"],
            "en": ["above designated size", "Ding", "26 mountain counties", "ledger", "OCR", "gold Tiangong Ding",
                   "specialised and sophisticated SMEs"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_glossary_page_defines_every_required_term_and_pages_link_first_uses(built_project, lang):
    site = built_project / "build" / "site"
    glossary = (site / lang / "glossary.html").read_text(encoding="utf-8")
    defined = {anchor: words for anchor, words, definition in
               re.findall(r'<dt id="(term-[a-z_]+)">(.*?)</dt>\s*<dd>(.+?)</dd>', glossary, re.S) if definition.strip()}
    for word in REQUIRED[lang]:
        assert any(word in re.sub(r"<[^>]+>", "", shown) for shown in defined.values()), word
    index = (site / ("index.html" if lang == "zh" else "en/index.html")).read_text(encoding="utf-8")
    assert f'href="{"zh/" if lang == "zh" else ""}glossary.html"' in index
    assert f'<a class="term" href="{"zh/" if lang == "zh" else ""}glossary.html#term-ding"' in index
    page = (site / lang / "01_award.html").read_text(encoding="utf-8")
    assert 'class="nav-glossary" href="glossary.html"' in page
    uses = re.findall(r'<a class="term" href="glossary.html#(term-[a-z_]+)"', page)
    assert uses and len(uses) == len(set(uses)) and set(uses) <= set(defined)
    assert "term-ledger" in uses and "term-ding" in uses


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_index_gives_the_pages_main_findings_linked_to_them(built_project, lang):
    site = built_project / "build" / "site"
    index = (site / ("index.html" if lang == "zh" else "en/index.html")).read_text(encoding="utf-8")
    block = re.search(r'<section class="findings".*?</section>', index, re.S).group()
    links = re.findall(r'href="(?:zh/)?(\d\d_[a-z_]+)\.html#(finding-\d-\d)"', block)
    assert 3 <= len(links) <= 5
    for page, anchor in links:
        record = json.loads((built_project / "build" / lang / "findings" / f"{page}.json").read_text(encoding="utf-8"))
        main = [f for f in record["findings"] if f["anchor"] == anchor]
        assert main and main[0]["main"]
        text = main[0]["text"] if lang == "zh" else main[0]["text"].replace("'", "&#x27;")
        assert text.split("（")[0].split(" (")[0] in block
        assert f'<li id="{anchor}">' in (site / lang / f"{page}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_pages_findings_link_to_its_numbered_tables_and_figures(built_project, lang):
    for name in ("00_source", "01_award", "05_scorecard"):
        page = (built_project / "build" / "site" / lang / f"{name}.html").read_text(encoding="utf-8")
        block = re.search(r'<section [^>]*class="findings".*?</section>', page, re.S).group()
        links = re.findall(r'<a class="finding-link" href="#((table|figure)-(\d)-(\d+))">([^<]+)</a>', block)
        assert len(links) == block.count("<li id=") >= 2, name
        for anchor, kind, page_number, index, words in links:
            assert page_number == name[1] and re.fullmatch(rf"(表|图|Table|Figure) {page_number}\.{index}", words)
            assert re.search(rf'<(div class="table-block"|figure class="chart") id="{anchor}">', page), anchor
            assert (kind == "table") == (words[0] in "表T")

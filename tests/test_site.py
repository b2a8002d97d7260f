"""The published site as files: self-contained, relative, escaped."""

import csv
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.refs.append((tag, name, value))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_self_contained_and_relative(built_project):
    site = built_project / "build" / "site"
    assert len(pages(site)) == 2 + 2 + 2 + 3 * 2 * 2  # indexes, data and glossary pages; three notebooks, two languages, two variants
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        parser = Links()
        parser.feed(text)
        for tag, _, ref in parser.refs:
            if tag == "a" and ref.startswith(("https://", "http://")):
                continue  # a source's address, followed only when a reader clicks it
            assert not re.match(r"^(https?:)?//", ref), f"{page.name}: {tag} fetches {ref}"
            assert not ref.startswith("/"), f"{page.name}: absolute link {ref}"
            if ref.startswith(("data:", "#")):
                continue
            target = (page.parent / ref.split("#")[0]).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: broken link {ref}"
        assert "@import" not in text
        assert '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif' in text
        assert "huzhou-tiangong" in text and "2025-05-23" in text


def test_code_is_hidden_and_navigation_is_there(built_project):
    page = (built_project / "build" / "site" / "zh" / "01_award.html").read_text(encoding="utf-8")
    assert "notebook.start(" not in page and "hl-ipython3" not in page
    assert 'href="00_source.html"' in page and 'href="../en/01_award.html"' in page
    assert 'href="../index.html"' in page and '<html lang="zh-CN">' in page
    en_page = (built_project / "build" / "site" / "en" / "01_award.html").read_text(encoding="utf-8")
    assert 'href="../zh/01_award.html"' in en_page and 'href="index.html"' in en_page
    assert 'href="01_award.code.html"' in page


def test_the_code_variant_shows_the_code(built_project):
    page = (built_project / "build" / "site" / "zh" / "01_award.code.html").read_text(encoding="utf-8")
    assert "hl-ipython3" in page and '<span class="n">notebook</span>' in page
    assert '<html lang="zh-CN">' in page and 'href="01_award.html"' in page
    assert 'href="00_source.code.html"' in page and 'href="../en/01_award.code.html"' in page


def test_no_absolute_paths_or_addresses_in_outputs(built_project):
    for page in pages(built_project / "build" / "site"):
        text = page.read_text(encoding="utf-8")
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text, f"{page.name}: a warning printed"
        assert str(built_project) not in text
        readable = re.sub(r"data:image/\w+;base64,[A-Za-z0-9+/=]+", "", text)  # images are not addresses
        assert not re.search(r"\b0x[0-9a-f]{8,}", readable)


def test_the_site_ships_its_data_as_valid_data_packages(built_project):
    from frictionless import validate

    site = built_project / "build" / "site"
    for package in (site / "data" / "datapackage.json", site / "en" / "data" / "datapackage.json"):
        report = validate(package)
        assert report.valid, (package, report.flatten(["rowNumber", "fieldName", "message"])[:5])
    exports = json.loads((site / "zh" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in exports["resources"]] == ["claims.csv", "audit.csv"]
    assert "data/claims.csv" in (site / "zh" / "data.html").read_text(encoding="utf-8")


# A figure on a page: its full-size image, its number and its caption (markup.figure).
FIGURE = re.compile(r'<figure class="chart" id="[^"]+">(?:<span class="name-anchor" id="[^"]+"></span>)?'
                    r'<a class="full-size" href="([^"]+)".*?'
                    r'<span class="number">([^<]+)</span> ([^<]*?) ?<', re.S)


def test_the_data_page_names_each_figure_by_its_number_and_lists_each_file_once(built_project):
    site = built_project / "build" / "site"
    for lang in ("zh", "en"):
        page = (site / lang / "data.html").read_text(encoding="utf-8")
        main = page[page.index("<main>"):page.index("</main>")]
        items = re.findall(r"<li>(.*?)</li>", main, re.S)  # the lists of files (the prose links some again)
        hrefs = re.findall(r'<a href="([^"]+)"', "".join(items))
        assert len(hrefs) == len(set(hrefs)), [h for h in hrefs if hrefs.count(h) > 1]
        shipped = {f"data/{p.relative_to(site / lang / 'data').as_posix()}"
                   for p in (site / lang / "data").rglob("*") if p.is_file()}
        assert shipped <= set(hrefs), sorted(shipped - set(hrefs))
        shown = 0
        for notebook in sorted((site / lang).glob("0*.html")):
            if notebook.name.endswith(".code.html"):
                continue
            text = notebook.read_text(encoding="utf-8")
            for image, number, caption in FIGURE.findall(text):
                line = [item for item in items if f'href="{image}"' in item]
                assert len(line) == 1, image
                assert f"<strong>{number} {caption}</strong>" in line[0], (line[0], number, caption)
                assert f'href="{image.rsplit(".", 1)[0]}.csv"' in line[0]  # the figure's data on the same line
                shown += 1
        assert shown >= 3, lang


def test_a_page_card_shows_a_figure_as_drawn_for_the_desktop():
    from helpers import markup
    from helpers.publish.pages import first_png

    shown = markup.figure(b"desktop", number=None, caption="c", alt="a", full_href="", full_label="", data_href="",
                          data_label="", source="", page_lang="en", phone_png=b"phone")
    assert shown.index("<source") < shown.index("<img")  # the phone rendering comes first
    assert first_png({"cells": [{"outputs": [{"data": {"text/html": shown}}]}]}) == b"desktop"


def test_the_search_entry_lists_its_languages_in_sorted_order(tmp_path):
    """Pagefind writes its languages in the order its threads finish; the site sorts them."""
    from helpers.publish.search import sort_languages

    entry = tmp_path / "pagefind-entry.json"
    entry.write_text('{"version":"1","languages":{"zh-cn":{"page_count":1},"en":{"page_count":1}},'
                     '"include_characters":["＿"]}', encoding="utf-8")
    sort_languages(entry)
    assert entry.read_text(encoding="utf-8") == ('{"version":"1","languages":{"en":{"page_count":1},'
                                                 '"zh-cn":{"page_count":1}},"include_characters":["＿"]}')


def test_a_damaged_cached_page_is_not_used(tmp_path):
    from helpers.publish import pages

    cached = tmp_path / "00_source-0123.html"
    cached.write_text("<html>page</html>", encoding="utf-8")
    assert not pages.intact(cached)  # no hash stored with it
    pages.seal(cached)
    assert pages.intact(cached)
    cached.write_text("<html>pag", encoding="utf-8")  # truncated
    assert not pages.intact(cached)


def test_the_footer_gives_authors_licences_and_a_bibtex_entry(built_project):
    import yaml

    cff = yaml.safe_load((built_project / "CITATION.cff").read_text(encoding="utf-8"))
    site = built_project / "build" / "site"
    for page, base in ((site / "zh" / "05_scorecard.html", "../"), (site / "en" / "index.html", "../"),
                       (site / "index.html", "")):
        text = page.read_text(encoding="utf-8")
        footer = html.unescape(text[text.index('<footer class="site-footer"'):])
        assert "@software{huzhou_tiangong_" in footer and f"version = {{{cff['version']}}}" in footer
        assert "{{the project's contributors}}" in footer  # an entity, from CITATION.cff
        assert f'<a href="{base}data/raw/SOURCE.md">data/raw/SOURCE.md</a>' in footer
        assert f'<a href="{base}data/LICENSE.md">data/LICENSE.md</a>' in footer and "CC BY 4.0" in footer


def foot_links(page: str) -> list[tuple[str, str]]:
    """The (rel, href) of the links in a page's foot navigation, after <main>."""
    foot = re.search(r'<nav [^>]*class="page-nav"[^>]*>(.*?)</nav>', page[page.index("</main>"):], re.S)
    parser = Links()
    parser.feed(foot.group(1) if foot else "")
    tags = re.findall(r"<a [^>]*>", foot.group(1) if foot else "")
    return [(re.search(r'rel="(\w+)"', t).group(1), href) for t, (_, _, href) in zip(tags, parser.refs)]


def test_verdicts_are_marked_and_defined_and_pages_end_with_previous_and_next(built_project):
    site = built_project / "build" / "site"
    page = (site / "en" / "05_scorecard.html").read_text(encoding="utf-8")
    legend = page[page.index('<div class="legend"'):page.index('<table class="data-table"', page.index('<div class="legend"'))]
    for verdict in ("consistent", "inconsistent", "not_checkable", "bookkeeping"):
        assert f'class="mark mark-{verdict}"' in legend
    marked = re.findall(r'<td class="key mark mark-(\w+)"', page)
    with open(site / "en" / "data" / "audit.csv", encoding="utf-8", newline="") as handle:
        verdicts = [row["verdict"] for row in csv.DictReader(handle)]
    assert sorted(marked) == sorted(verdicts)  # one marked verdict a finding
    assert "bookkeeping" in marked
    assert foot_links(page) == [("prev", "01_award.html")]
    first = (site / "zh" / "00_source.html").read_text(encoding="utf-8")
    assert foot_links(first) == [("next", "01_award.html")]
    assert foot_links((site / "en" / "01_award.html").read_text(encoding="utf-8")) == [
        ("prev", "00_source.html"), ("next", "05_scorecard.html")]
    assert '<div class="legend" role="note">' in first and "<mark class=\"claim-ledger\"" in first


def test_every_external_source_on_the_pages_links_to_its_address_with_its_date(built_project):
    from helpers import context
    from helpers.i18n import load_glossary
    from helpers.units import period_words

    figures, tables = context.load_all(built_project / "data")
    rows = [r for _, r in figures.iterrows()] + [r for t in tables.values() for _, r in t.iterrows()]
    site = built_project / "build" / "site"
    for lang in ("zh", "en"):
        t = load_glossary(lang, built_project / "data")
        by_url = {r["url"]: r for r in rows if r["url"]}
        linked_on = set()
        for page in sorted((site / lang).glob("*.html")):
            text = page.read_text(encoding="utf-8")
            for href, hover, words, after in re.findall(
                    r'<a class="source-link" href="([^"]+)" rel="noopener" title="([^"]*)">(.*?)</a>([^<]*)', text):
                row = by_url[html.unescape(href)]  # a link goes to an address its context row gives
                assert html.unescape(re.sub(r"<[^>]+>", "", words)) == row[f"publisher_{lang}"]
                between = t("source.of", publisher="\0", date=period_words(row["date"], t), reliability="\1")
                assert html.unescape(after).startswith(between.split("\0")[1].split("\1")[0])  # ", 4 Jan 2021 ("
                assert row["url"] in html.unescape(hover)
                linked_on.add(page.stem)
            for line in re.findall(r'<p class="source-line">(.*?)</p>', text):
                unlinked = html.unescape(re.sub(r"<a class=\"source-link\".*?</a>", "", line))
                assert not [r["id"] for r in by_url.values() if r[f"publisher_{lang}"] in unlinked], page
        assert {"01_award", "05_scorecard"} <= linked_on  # the gold list's source, the comparisons' sources


def test_the_chinese_data_page_offers_chinese_exports_and_copies_for_excel(built_project):
    from frictionless import validate

    from helpers import registry
    from helpers.files import EXCEL_BOM, read_csv_text, spreadsheet_cell
    from helpers.i18n import load_glossary

    site = built_project / "build" / "site"
    for lang in ("zh", "en"):
        data = site / lang / "data"
        for name in ("claims", "audit"):
            plain, excel = (data / f"{name}.csv").read_bytes(), (data / f"{name}.excel.csv").read_bytes()
            assert not plain.startswith(EXCEL_BOM) and excel == EXCEL_BOM + plain
        spreadsheets = sorted(data.glob("tables/*.csv")) + sorted(data.glob("figures/*.csv"))
        assert spreadsheets and all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in spreadsheets)
        report = validate(data / "datapackage.json")  # the package's CSVs, without the mark, still validate
        assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
        t = load_glossary(lang, built_project / "data")
        with open(data / "audit.csv", encoding="utf-8", newline="") as handle:
            audit_rows = list(csv.DictReader(handle))
        names = {t(f"check.{c}") for c in registry.CHECKS}
        assert audit_rows and {r["check"] for r in audit_rows} <= names  # worded in the page's language
    chinese = re.compile(r"[\u4e00-\u9fff]")
    with open(site / "zh" / "data" / "audit.csv", encoding="utf-8", newline="") as handle:
        assert all(chinese.search(r["check"]) and chinese.search(r["result"]) for r in csv.DictReader(handle))
    inputs = [p for p in sorted((site / "data").rglob("*.csv")) if not p.name.endswith(".excel.csv")]
    assert {"indicators.csv", "glossary.csv", "huzhou.csv"} <= {p.name for p in inputs}
    for path in inputs:  # the inputs: exact in the package, read alike (formulas neutralised) from Excel's copy
        excel = path.with_name(path.name.replace(".csv", ".excel.csv"))
        assert not path.read_bytes().startswith(EXCEL_BOM) and excel.read_bytes().startswith(EXCEL_BOM)
        assert read_csv_text(excel).equals(read_csv_text(path).map(spreadsheet_cell)), path.name
    page = (site / "zh" / "data.html").read_text(encoding="utf-8")
    for href in ("data/claims.excel.csv", "data/audit.excel.csv", "../data/indicators.excel.csv",
                 "../data/raw/SOURCE.zh.md"):
        assert f'href="{href}"' in page
    assert (site / "data" / "raw" / "SOURCE.zh.md").read_text(encoding="utf-8").startswith("# `article_ocr.txt` 的出处")
    footer = (site / "zh" / "05_scorecard.html").read_text(encoding="utf-8")
    assert '<a href="../data/raw/SOURCE.zh.md">data/raw/SOURCE.zh.md</a>' in footer


def test_notebook_pages_share_one_lab_stylesheet(built_project):
    """The lab look is linked from site/lab.css (with its licence notice), not repeated inside every page."""
    site = built_project / "build" / "site"
    css = (site / "lab.css").read_text(encoding="utf-8")
    assert "Distributed under the terms of the Modified BSD License" in css and "--jp-layout-color0" in css
    for page in sorted(site.glob("*/0*.html")):
        text = page.read_text(encoding="utf-8")
        assert '<link rel="stylesheet" href="../lab.css">' in text, page.name
        assert "--jp-layout-color0" not in text, page.name


def test_chinese_words_in_english_narrative_stay_marked(built_project):
    """A Chinese term written into an English markdown cell (<span lang="zh-CN">…</span>) keeps its words
    inside the mark, so readers' tools and the browser test know its language."""
    for page in sorted((built_project / "build" / "site" / "en").glob("0*.html")):
        text = page.read_text(encoding="utf-8")
        assert '<span lang="zh-CN"></span>' not in text, page.name
    assert '<span lang="zh-CN">金鼎</span>' in (built_project / "build" / "site" / "en" / "01_award.html").read_text(
        encoding="utf-8")

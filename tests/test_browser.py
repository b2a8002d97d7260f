"""The site in a real browser: headless Chromium (Debian's), driven by Playwright.

Every page of a small site (00, 01, 05 in both languages; readers' and code
variants; indexes; data pages) is loaded over http at desktop and phone
width. The checks are the readers' ones: one language per page, images with
words, numbered tables and figures whose data links work, nothing wider than
a phone outside a scroll container, chart text of 10 CSS px or more at 390 px,
long tables folded under their caption (open in print), no navigation in
print, and a search that finds a Chinese and an English term and lands on the
right section of the right page.
"""

from __future__ import annotations

import base64
import functools
import http.server
import os
import re
import shutil
import threading
import urllib.request
from pathlib import Path

import pytest

from conftest import shown_text_px

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("CI") == "true" or os.environ.get("HUZHOU_REQUIRE_BROWSER") == "1"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]
# Latin words a Chinese page may show as they are: abbreviations and a product name. Identifiers and
# file names (with a digit, '.', '/', '_' or '-') are allowed too; ids show only on code variants.
LATIN_ALLOWED = {"OCR", "CSV", "JSON", "Frictionless", "MIT", "CC", "BY", "BibTeX", "LICENSE", "Excel"}

# Text of the page's body outside parts marked with another language, outside code: every run of
# Chinese on an English page, every Latin word on a Chinese page.
OTHER_LANGUAGE = """() => {
  const page = document.documentElement.lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest("pre, code, .jp-InputArea, script, style") || !el.getClientRects().length) continue;
    const marked = el.closest("[lang]");
    if (marked && marked !== document.documentElement && marked.lang !== page) continue;
    const text = walker.currentNode.textContent;
    if (el.closest("a") && /^https?:/.test(text.trim())) continue;
    const runs = page === "en" ? text.match(/[\\u3400-\\u9fff\\u3000-\\u303f\\uff01-\\uff5e]+/g)
                               : text.match(/[A-Za-z][\\w./-]*[A-Za-z0-9]/g);
    for (const run of runs || []) found.push([run, text.trim().slice(0, 60)]);
  }
  return found;
}"""

# Tables and figures a reader sees, folded or not (not the curators' tables of the code variant): number, caption, data.
FURNITURE = """() => [...document.querySelectorAll("table.data-table, figure.chart")]
  .filter(el => el.getClientRects().length && !el.closest(".code-only"))
  .map(el => {
    const fold = el.closest("details.table-fold");  // a folded table's caption stands before its <details>
    const caption = fold ? fold.previousElementSibling : el.querySelector(":scope > caption, :scope > figcaption");
    const link = caption && [...caption.querySelectorAll("a.data-link")].find(a => /\\.csv$/.test(a.href));
    return {kind: el.tagName, number: caption ? (caption.querySelector(".number") || {}).textContent || "" : "",
            caption: caption ? caption.textContent.trim() : "", data: link ? link.href : ""};
  })"""

# Elements wider than the viewport that are not inside a container that scrolls sideways.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === "auto" || o === "scroll") return true; } return false; };
  return [...document.body.querySelectorAll("*")]
    .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > width + 1 && !scrolls(el))
    .map(el => el.tagName + "." + el.className).slice(0, 5);
}"""


# The previous/next links at the foot of a notebook page that a reader can see: their rel, after <main>.
FOOT_LINKS = """() => [...document.querySelectorAll("nav.page-nav a")]
  .filter(a => a.getClientRects().length && a.getBoundingClientRect().width > 40
          && document.querySelector("main").compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING)
  .map(a => a.rel)"""


# Every chart image a reader sees: the number of its figure, the image it shows (its currentSrc, a data URL:
# the phone rendering or the desktop one, whichever the page chose) and the width it is shown at.
CHART_IMAGES = """() => [...document.querySelectorAll("figure.chart img")]
  .filter(i => i.getClientRects().length)
  .map(i => ({number: i.closest("figure").querySelector(".number").textContent, src: i.currentSrc,
              shown: i.getBoundingClientRect().width}))"""


# Long tables folded under their caption: the caption line before the <details>, its summary, its rows, and
# whether the caption and the table are seen.
FOLDED = """() => [...document.querySelectorAll("details.table-fold")].map(d => {
  const title = d.previousElementSibling;
  return {title: title ? title.textContent : "", titleShown: !!(title && title.getClientRects().length),
          data: !!(title && title.querySelector("a.data-link[href$='.csv']")), summary: d.querySelector("summary").textContent,
          rows: d.querySelectorAll("tbody tr").length, tableShown: d.querySelector("table").checkVisibility()};
})"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if REQUIRED:
            pytest.fail("Chromium is required in CI: install it with `apt-get install chromium`.")
        pytest.skip("Chromium is not installed: `sudo apt-get install chromium fonts-noto-cjk` to run this test.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def server(built_project):
    """The site served over http under a sub-folder, as a static host would serve it."""
    root = built_project / "build"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.RequestHandlerClass.log_message = lambda *a: None
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/site/", root / "site"
    httpd.shutdown()


def site_pages(site: Path) -> list[str]:
    """Every reader's page; of the code variants (the same template with code cells shown), the scorecard's."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts
                  and (not p.name.endswith(".code.html") or p.name.startswith("05_")))


@pytest.fixture(scope="module")
def tab(browser):
    """One tab for every page of the module (a new tab per page costs about half a second): each test
    opens its pages with ``open_page``, which resets the tab's width, media and problems."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}"))
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    yield page, problems
    page.close()


def open_page(tab, url: str, width: int):
    """The tab at ``url``, ``width`` px wide, on a screen, with no problem noted yet."""
    page, problems = tab
    problems.clear()
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url, wait_until="load")
    return page, problems


def other_language(found: list[list[str]], lang: str) -> list[list[str]]:
    if lang == "en":
        return found
    return [[word, context] for word, context in found
            if word not in LATIN_ALLOWED and not re.search(r"[\d./_-]", word)]


def test_every_page_reads_in_one_language_with_numbered_tables_and_figures_and_fits_a_phone(tab, server):
    base, site = server
    local_links: set[str] = set()
    for rel in site_pages(site):
        page, problems = open_page(tab, base + rel, 1280)
        lang = page.get_attribute("html", "lang")
        assert lang == ("en" if rel.startswith("en/") else "zh-CN"), rel
        assert other_language(page.evaluate(OTHER_LANGUAGE), lang[:2]) == [], rel
        images = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.complete && i.naturalWidth, i.alt])")
        for loaded, alt in images:
            assert loaded, f"{rel}: an image did not load"
            assert len(alt) >= 12 and "No description" not in alt, f"{rel}: alt text {alt!r}"
        for item in page.evaluate(FURNITURE):
            assert re.fullmatch(r"(表|图|Table|Figure) \d+\.\d+", item["number"]), (rel, item)
            assert len(item["caption"]) > len(item["number"]) + 2, (rel, item)
            assert item["data"].startswith(base), (rel, item)
            local_links.add(item["data"])
        local_links |= {h.split("#")[0] for h in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
                        if h.startswith(base)}
        if not rel.endswith("index.html"):
            assert page.get_attribute("a.nav-lang", "href").startswith("../"), rel
        notebook = re.fullmatch(r"(zh|en)/(\d\d)_\w+\.html", rel)
        if notebook:
            foot = page.evaluate(FOOT_LINKS)
            expected = [r for r, keep in (("prev", notebook[2] != "00"), ("next", notebook[2] != "05")) if keep]
            assert foot == expected, f"{rel}: previous/next at the foot at 1280 px: {foot}"
        if not rel.endswith(".code.html"):  # the code variant is for a desk
            page.set_viewport_size({"width": 390, "height": 800})
            assert page.evaluate(TOO_WIDE) == [], f"{rel} at 390 px"
            if notebook:
                assert page.evaluate(FOOT_LINKS) == expected, f"{rel}: previous/next at the foot at 390 px"
        page.emulate_media(media="print")
        assert page.eval_on_selector("nav.site-nav", "n => getComputedStyle(n).display") == "none", rel
        headings = page.eval_on_selector_all("main h1, main h2", "hs => hs.filter(h => h.getClientRects().length).length")
        assert headings > 0, f"{rel}: print shows no heading"
        assert problems == [], f"{rel}: {problems}"
    for link in sorted(local_links):
        with urllib.request.urlopen(link) as response:
            assert response.status == 200, link


def test_chart_text_is_at_least_10_css_px_on_a_phone(tab, server):
    """Every chart on every reader's page at 390 px, Figure 5.1 (the rank scorecard) among them: the smallest
    text the image draws, in CSS px, is its size in points (stored in the PNG, ``theme.SMALLEST_TEXT``) × the
    image's dpi (its ``pHYs``) / 72 × the width the page shows it at / the image's width in pixels."""
    base, site = server
    measured = {}
    for rel in site_pages(site):
        if not re.fullmatch(r"(zh|en)/\d\d_\w+\.html", rel):
            continue
        page, _ = open_page(tab, base + rel, 390)
        for chart in page.evaluate(CHART_IMAGES):
            png = base64.b64decode(chart["src"].split(",", 1)[1])
            measured[f"{rel} {chart['number']}"] = shown_text_px(png, chart["shown"])
    assert {"en/05_scorecard.html Figure 5.1", "zh/05_scorecard.html 图 5.1"} <= set(measured), sorted(measured)
    assert {k: round(v, 1) for k, v in measured.items() if v < 10} == {}


def test_long_tables_are_folded_under_their_caption_and_print_open(tab, server):
    """00's claims and 05's list of what is left unsaid: on a phone the numbered caption and the data link show,
    the rows wait behind a summary that counts them; a tap opens them; print shows them."""
    base, _ = server
    for rel, number in (("zh/00_source.html", "表 0."), ("en/05_scorecard.html", "Table 5.")):
        page, problems = open_page(tab, base + rel, 390)
        folded = page.evaluate(FOLDED)
        assert folded, rel
        for table in folded:
            assert table["titleShown"] and table["title"].startswith(number) and table["data"], (rel, table)
            assert not table["tableShown"] and table["rows"] > 20, (rel, table)
            assert re.search(rf"\b{table['rows']}\b", table["summary"]), (rel, table)
        page.click("details.table-fold > summary")
        assert page.evaluate(FOLDED)[0]["tableShown"], rel
        page.eval_on_selector_all("details.table-fold", "ds => ds.forEach(d => { d.open = false; })")
        page.emulate_media(media="print")
        assert all(table["tableShown"] for table in page.evaluate(FOLDED)), f"{rel}: print"
        assert problems == [], rel


@pytest.mark.parametrize(("index", "term", "expected"), [
    ("index.html", "金鼎", "zh/01_award.html"),
    ("en/index.html", "gold Ding", "en/01_award.html"),
    ("en/index.html", "金鼎", "en/01_award.html"),
])
def test_search_finds_a_term_and_lands_on_its_section(tab, server, index, term, expected):
    """A result links to the section of its page that holds the most matches (a heading's id); following it
    lands on that heading, and the section holds the term."""
    base, _ = server
    page, problems = open_page(tab, base + index, 1280)
    page.fill(".pagefind-ui__search-input", term)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "as => as.map(a => a.href)")
    assert all(link.startswith(base + expected.split("/")[0] + "/") for link in links), links
    landing = [link for link in links if link.split("#")[0] == base + expected]
    assert landing and "#" in landing[0], links
    with page.expect_navigation():
        page.eval_on_selector_all(".pagefind-ui__result-link", "(as, url) => as.find(a => a.href === url).click()",
                                  landing[0])
    assert page.url == landing[0]
    section = page.evaluate("""() => {
      const id = location.hash.slice(1);  // an id as written, or percent-decoded (the browser tries both)
      const heading = document.getElementById(id) || document.getElementById(decodeURIComponent(id));
      if (!heading) return null;
      const cell = heading.closest(".jp-Cell") || heading;
      let text = cell.textContent;
      for (let n = cell.nextElementSibling; n && !n.querySelector("h1[id], h2[id]"); n = n.nextElementSibling) {
        text += n.textContent; }
      return text; }""")
    assert section is not None, page.url
    assert term.lower() in section.lower(), (term, page.url)
    assert problems == []


def test_search_opened_as_a_file_says_to_serve_the_folder(browser, server):
    _, site = server
    page = browser.new_page()
    page.goto((site / "en" / "index.html").as_uri(), wait_until="load")
    notice = page.inner_text("#search")
    assert "python -m http.server" in notice and notice == page.get_attribute("#search", "data-file-notice")
    page.close()

"""The site in a real browser: headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import urllib.request
from pathlib import Path

import nbformat
import pytest

from helpers import paths

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("CI") == "true" or os.environ.get("HUZHOU_REQUIRE_BROWSER") == "1"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]


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
    site = built_project / "build" / "site"
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.RequestHandlerClass.log_message = lambda *a: None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/sub/"[:-4] + "/", site
    httpd.shutdown()


def titles(project: Path, lang: str) -> dict[str, str]:
    found = {}
    for nb_path in sorted((project / "notebooks").glob("*.ipynb")):
        first = nbformat.read(nb_path, 4).cells[0].source.splitlines()[0][2:]
        zh, _, en = first.partition(" / ")
        found[nb_path.stem] = zh if lang == "zh" else en
    return found


def test_every_page_in_chromium(browser, server, built_project):
    base, site = server
    shots = paths.BUILD / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page_paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    for rel in page_paths:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors, failed = [], []
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.on("requestfailed", lambda r, failed=failed: failed.append(r.url))
        page.on("response", lambda r, failed=failed: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(base + rel, wait_until="load")
        assert errors == [], f"{rel}: console errors {errors}"
        assert failed == [], f"{rel}: failed requests {failed}"
        widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
        assert widths and all(w > 0 for w in widths), f"{rel}: images not loaded {widths}"
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        for href in hrefs:
            if href.startswith(base):
                with urllib.request.urlopen(href.split("#")[0]) as response:
                    assert response.status == 200, href
        lang = "en" if rel.startswith("en/") else "zh"
        name = Path(rel).stem
        notebook = name.removesuffix(".code")
        text = page.inner_text("body")
        if name != "index":
            assert titles(built_project, lang)[notebook] in text, f"{rel}: title missing"
            switch = page.get_attribute("a.nav-lang", "href")
            other = "zh" if lang == "en" else "en"
            assert switch == f"../{other}/{name}.html"
            page.click("a.nav-lang")
            page.wait_for_load_state("load")
            assert page.url == f"{base}{other}/{name}.html"
            assert titles(built_project, other)[notebook] in page.inner_text("body")
        else:
            assert "湖州何以三夺“天工鼎”？" in text
        if name in ("index", "01_award"):
            page.goto(base + rel, wait_until="load")
            page.screenshot(path=str(shots / f"{rel.replace('/', '_').replace('.html', '')}.png"), full_page=True)
        page.close()

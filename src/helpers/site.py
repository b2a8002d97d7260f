"""The static HTML site: one page per notebook and language, and an index.

Pages are exported from the executed notebooks with nbconvert's HTMLExporter
and the project's template (``templates/huzhou``: the lab look with code
hidden, no script, style sheet or font fetched from another host, navigation,
a language switch and a provenance footer). The index is a Jinja2 template
with autoescaping. All links are relative. The site is built in a new folder
and swapped in, so a reader never sees half of it.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import paths

# nbformat, nbconvert and jinja2 are imported where pages are rendered, so that
# an up-to-date site is recognised without loading them.

LANGS = ("zh", "en")
LANG_CODES = {"zh": "zh-CN", "en": "en"}
LABELS = {
    "zh": {
        "site_title": "湖州何以三夺“天工鼎”？—— 研究包",
        "index": "目录", "navigation": "导航", "notebooks": "分析笔记本", "headline": "要点",
        "other": "English",
        "summary": "这是一篇报纸文章的可复现分析：湖州连续三年获得浙江省制造业最高荣誉“浙江制造天工鼎”，"
                   "并首获“天工鼎（金鼎）”。文章中的每个数字都进入带原文引文的台账，各部分分别分析，"
                   "并核查这些说法是否彼此吻合。",
        "provenance": "原文：报纸版面 OCR 文本《湖州何以三夺“天工鼎”？》，报名与日期不详；"
                      "文中的大会于 2025-05-23 举行，“去年”指 2024 年。出处说明见 data/raw/SOURCE.md。",
        "show_code": "显示代码", "hide_code": "隐藏代码",
        "figures": "台账中的数字", "firsts": "项全省第一", "ranked": "项给出全省名次",
        "consistent": "项核查吻合", "not_checkable": "项无法仅凭文章核查", "inconsistent": "项核查不吻合",
    },
    "en": {
        "site_title": "How Huzhou won the Tiangong Ding three times: a research package",
        "index": "Contents", "navigation": "Navigation", "notebooks": "Notebooks", "headline": "Headline figures",
        "other": "中文",
        "summary": "A reproducible analysis of one newspaper article: Huzhou won Zhejiang's highest "
                   "manufacturing honour, the Zhejiang Manufacturing Tiangong Ding, three years running, "
                   "and with it the first gold Ding. Every figure of the article is in a ledger with its "
                   "verbatim quote; each section is analysed, and the claims are checked against each other.",
        "provenance": "Source: OCR text of a newspaper page, 湖州何以三夺“天工鼎”？; newspaper and date "
                      "unknown; the conference it reports was held on 2025-05-23, so “去年” (last year) "
                      "is 2024. Provenance in data/raw/SOURCE.md.",
        "show_code": "Show code", "hide_code": "Hide code",
        "figures": "figures in the ledger", "firsts": "first in the province", "ranked": "with a provincial rank",
        "consistent": "checks consistent", "not_checkable": "not checkable from the article",
        "inconsistent": "checks inconsistent",
    },
}


@dataclass(frozen=True)
class Page:
    name: str
    lang: str
    source: Path
    title: str
    summary: str


def package_version() -> str:
    try:
        return version("huzhou-tiangong")
    except PackageNotFoundError:
        return "unknown"


def _split_bilingual(text: str) -> tuple[str, str]:
    """'中文 / English' → ('中文', 'English')."""
    zh, _, en = text.partition(" / ")
    return zh.strip(), (en or zh).strip()


def describe(nb, lang: str) -> tuple[str, str]:
    """A notebook's title and one-sentence summary in ``lang``, from its first markdown cell."""
    first = next(("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"), "")
    heading = next((line[2:] for line in first.splitlines() if line.startswith("# ")), "")
    title = _split_bilingual(heading)[0 if lang == "zh" else 1]
    marker = "**中文**" if lang == "zh" else "**English**"
    para = next((p for p in first.split("\n\n") if p.startswith(marker)), "")
    text = para.removeprefix(marker).strip().replace("`", "").replace("**", "")
    sentence = re.split(r"(?<=[。！？])|(?<=[.!?])\s", text, maxsplit=1)[0].strip()
    return title, sentence


def first_png(nb) -> bytes | None:
    """The first PNG output of a notebook (a node or its plain JSON), as bytes."""
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                return base64.b64decode(data["image/png"])
    return None


def headline(lang: str) -> list[dict[str, str]]:
    """Headline figures from the scorecard's exports, ``build/<lang>/claims.csv`` and ``audit.csv``."""
    path = paths.BUILD / lang / "claims.csv"
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    labels = LABELS[lang]
    ranked = [r for r in rows if r["province_rank"]]
    firsts = [r for r in ranked if r["province_rank"] == "1" and r["rank_kind"] == "exact"]
    items = [(len(rows), labels["figures"]), (len(ranked), labels["ranked"]),
             (len(firsts), labels["firsts"])]
    audit = paths.BUILD / lang / "audit.csv"
    if audit.is_file():
        with open(audit, encoding="utf-8", newline="") as handle:
            verdicts = [r["verdict"] for r in csv.DictReader(handle)]
        for verdict in ("consistent", "not_checkable", "inconsistent"):
            items.append((verdicts.count(verdict), labels[verdict]))
    return [{"value": str(v), "label": label} for v, label in items]


def exporter(show_code: bool = False):
    """nbconvert's HTML exporter with the project's template; code hidden unless asked."""
    from nbconvert import HTMLExporter

    ex = HTMLExporter(template_name="huzhou", extra_template_basedirs=[str(paths.TEMPLATES)])
    ex.exclude_input = not show_code
    ex.exclude_input_prompt = True
    ex.exclude_output_prompt = True
    ex.embed_images = True
    return ex


def _other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def _page_href(from_lang: str, to_lang: str, name: str) -> str:
    return f"{name}.html" if from_lang == to_lang else f"../{to_lang}/{name}.html"


def _index_href(from_folder: str, lang: str) -> str:
    """Relative link to the index of ``lang`` from a page in ``from_folder`` ('' = site root)."""
    target = "index.html" if lang == "zh" else "en/index.html"
    if from_folder == "en" and lang == "en":
        return "index.html"
    return ("../" if from_folder else "") + target


def collect(langs: list[str]) -> dict[str, list[Page]]:
    """Published notebooks per language, in notebook order (titles read from the JSON)."""
    import json

    pages: dict[str, list[Page]] = {}
    for lang in langs:
        pages[lang] = []
        for executed in published(lang):
            if executed.is_file():
                title, summary = describe(json.loads(executed.read_text(encoding="utf-8")), lang)
                pages[lang].append(Page(executed.stem, lang, executed, title, summary))
    return pages


def published(lang: str) -> list[Path]:
    """The executed notebooks published for ``lang``, in notebook order."""
    from .pipeline import discover

    return [p for p in (paths.BUILD / lang / "notebooks" / s.name for s in discover()) if p.is_file()]


def site_key(langs: tuple[str, ...] = LANGS) -> str:
    """Hash of everything the site is made from (file bytes only, nothing parsed)."""
    digest = hashlib.sha256(package_version().encode())
    for path in sorted(paths.TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update((paths.DATA / "raw" / "sections.csv").read_bytes())
    for lang in langs:
        for page in published(lang):
            digest.update(page.name.encode() + page.read_bytes())
        for export in ("claims.csv", "audit.csv"):
            path = paths.BUILD / lang / export
            digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


VARIANTS = {"": False, ".code": True}  # file suffix → code shown
SITE_CACHE = paths.BUILD / "cache" / "site"


def page_resources(pages: dict[str, list[Page]], lang: str, i: int, suffix: str, css: str) -> dict:
    """What the page template needs: navigation, language switch, code switch, footer."""
    items = pages[lang]
    page, other = items[i], _other(lang)
    others = {p.name for p in pages.get(other, [])}
    return {
        "metadata": {"name": page.title},
        "language_code": LANG_CODES[lang],
        "page": {
            "labels": LABELS[lang],
            "css": css,
            "version": package_version(),
            "index_href": _index_href(lang, lang),
            "prev": {"href": f"{items[i - 1].name}{suffix}.html", "title": items[i - 1].title} if i else None,
            "next": ({"href": f"{items[i + 1].name}{suffix}.html", "title": items[i + 1].title}
                     if i + 1 < len(items) else None),
            "other": {"lang": LANG_CODES[other], "label": LABELS[lang]["other"],
                      "href": (_page_href(lang, other, page.name + suffix) if page.name in others
                               else _index_href(lang, other))},
            "code": {"href": f"{page.name}{'' if suffix else '.code'}.html",
                     "label": LABELS[lang]["hide_code" if suffix else "show_code"]},
        },
    }


def render_pages(pages: dict[str, list[Page]], target: Path) -> None:
    """Every page in both variants; a page whose inputs did not change comes from the cache."""
    import json

    import nbformat

    css = (paths.TEMPLATES / "site" / "site.css").read_text(encoding="utf-8")
    shared = hashlib.sha256(css.encode() + Path(__file__).read_bytes() + package_version().encode())
    for path in sorted(paths.TEMPLATES.rglob("*")):
        if path.is_file():
            shared.update(path.read_bytes())
    exporters = {}
    cache = SITE_CACHE
    for lang, items in pages.items():
        folder = target / lang
        (folder / "img").mkdir(parents=True, exist_ok=True)
        for i, page in enumerate(items):
            data = page.source.read_bytes()
            nb = None
            for suffix, show_code in VARIANTS.items():
                resources = page_resources(pages, lang, i, suffix, css)
                digest = shared.copy()
                digest.update(data + json.dumps(resources, sort_keys=True).encode())
                cached = cache / lang / f"{page.name}{suffix}-{digest.hexdigest()[:20]}.html"
                if not cached.is_file():
                    nb = nb or nbformat.reads(data.decode("utf-8"), as_version=4)
                    nb.metadata["title"] = page.title
                    ex = exporters.setdefault(show_code, exporter(show_code))
                    ex.language_code = lang  # ISO 639-1: the exporter sets <html lang> from it
                    body, _ = ex.from_notebook_node(nb, resources=resources)
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    for old in cached.parent.glob(f"{page.name}{suffix}-*.html"):
                        old.unlink()
                    cached.write_text(body, encoding="utf-8")
                shutil.copyfile(cached, folder / f"{page.name}{suffix}.html")
            png = first_png(json.loads(data))
            if png:
                (folder / "img" / f"{page.name}.png").write_bytes(png)


def render_index(pages: dict[str, list[Page]], target: Path, article_title: str) -> None:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(paths.TEMPLATES / "site")),
                      autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    template = env.get_template("index.html.j2")
    css = (paths.TEMPLATES / "site" / "site.css").read_text(encoding="utf-8")
    for lang in LANGS:
        folder = "" if lang == "zh" else "en"
        prefix = "zh/" if lang == "zh" else ""
        other = _other(lang)
        cards = [{
            "href": f"{prefix}{p.name}.html", "title": p.title, "summary": p.summary,
            "thumbnail": f"{prefix}img/{p.name}.png" if (target / lang / "img" / f"{p.name}.png").is_file() else "",
        } for p in pages.get(lang, [])]
        text = template.render(
            lang_code=LANG_CODES[lang], labels=LABELS[lang], css=css, cards=cards,
            headline=headline(lang), article_title=article_title, version=package_version(),
            index_href="index.html",
            other={"lang": LANG_CODES[other], "label": LABELS[lang]["other"],
                   "href": _index_href(folder, other)},
        )
        out = target / folder / "index.html" if folder else target / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


def article_title() -> str:
    """The headline, from the section map of the project's page."""
    structure = paths.DATA / "raw" / "sections.csv"
    if structure.is_file():
        with open(structure, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["role"] == "title":
                    return row["starts_with"]
    return LABELS["zh"]["site_title"]


def swap_in(new: Path, site: Path) -> None:
    """Replace ``site`` by ``new`` with two renames; the old one is removed after."""
    old = None
    if site.exists():
        old = Path(tempfile.mkdtemp(dir=site.parent, prefix=".site-old-"))
        os.rmdir(old)
        os.replace(site, old)
    os.replace(new, site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build(force: bool = False) -> Path:
    """Build ``build/site/`` from the published notebooks; skip when nothing changed.

    ``force`` renders every page again instead of taking unchanged ones from the cache.
    """
    key = site_key()
    site = paths.SITE
    key_file = site / ".site-key"
    if force:
        shutil.rmtree(SITE_CACHE, ignore_errors=True)
    elif key_file.is_file() and key_file.read_text() == key:
        return site / "index.html"
    pages = collect(list(LANGS))
    new = Path(tempfile.mkdtemp(dir=paths.BUILD, prefix=".site-new-"))
    new.chmod(0o755)
    try:
        render_pages(pages, new)
        render_index(pages, new, html.unescape(article_title()))
        (new / ".site-key").write_text(key)
        swap_in(new, site)
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return site / "index.html"

"""The static HTML site: one page per notebook and language, and an index.

Pages are exported from the executed notebooks with nbconvert's HTMLExporter
and the project's template (``templates/notebook_page``: the lab look with code
hidden, no script, style sheet or font fetched from another host, navigation,
a language switch and a provenance footer). The index is a Jinja2 template
with autoescaping. All links are relative. The site is built in a new folder
and swapped in, so a reader never sees half of it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import shutil
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .. import paths
from ..files import hash_tree
from ..i18n import load_glossary
from ..meta import read_meta

# nbformat, nbconvert and jinja2 are imported where pages are rendered, so that
# an up-to-date site is recognised without loading them.

LANGS = ("zh", "en")
LANG_CODES = {"zh": "zh-CN", "en": "en"}
@dataclass(frozen=True)
class Inputs:
    """What a site is made from: per language, the folder with ``notebooks/`` and the exports; the data
    folder (glossary, the article's metadata)."""

    lang_dirs: dict[str, Path]
    data: Path

    def notebooks(self, lang: str) -> list[Path]:
        """The executed notebooks of ``lang``, in notebook order."""
        folder = self.lang_dirs.get(lang)
        if folder is None:
            return []
        return [p for p in (folder / "notebooks" / f"{s.stem}.ipynb" for s in paths.notebooks()) if p.is_file()]

    def export(self, lang: str, kind: str) -> Path | None:
        folder = self.lang_dirs.get(lang)
        return folder / paths.EXPORTS[kind] if folder is not None else None


def labels(lang: str, data: Path) -> dict[str, str]:
    """The site's wording in ``lang``: every ``site.*`` key of the glossary, without its prefix.

    ``provenance`` is filled from the article's metadata (title, publication,
    reference date), so no date or title is typed into code or template.
    """
    t = load_glossary(lang, data)
    meta = read_meta(data)
    reference = meta.get("reference_date", "")
    fill = {"title": meta.get("title", ""),
            "publication": meta.get("publication") or t("site.publication_unknown"),
            "reference": reference, "last_year": int(reference[:4]) - 1 if reference else "?"}
    return {key[len("site."):]: t(key, **fill) if key == "site.provenance" else t(key)
            for key in t.table.index if key.startswith("site.")}


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


def headline(inputs: Inputs, lang: str) -> list[dict[str, str]]:
    """Headline figures written by the scorecard notebook (``<lang>/headline.json``), or none."""
    import json

    path = inputs.export(lang, "headline")
    return json.loads(path.read_text(encoding="utf-8")) if path is not None and path.is_file() else []


def exporter(show_code: bool = False):
    """nbconvert's HTML exporter with the project's template; code hidden unless asked."""
    from nbconvert import HTMLExporter

    ex = HTMLExporter(template_name="notebook_page", template_file="page.html.j2",
                      extra_template_basedirs=[str(paths.TEMPLATES)])
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


def collect(inputs: Inputs) -> dict[str, list[Page]]:
    """Published notebooks per language, in notebook order (titles read from the JSON)."""
    import json

    pages: dict[str, list[Page]] = {}
    for lang in LANGS:
        pages[lang] = []
        for executed in inputs.notebooks(lang):
            if executed.is_file():
                title, summary = describe(json.loads(executed.read_text(encoding="utf-8")), lang)
                pages[lang].append(Page(executed.stem, lang, executed, title, summary))
    return pages


def _template_digest(data: Path) -> hashlib._Hash:
    """A hash of what every page is made with: templates, this module, the package version, the wording."""
    digest = hashlib.sha256(package_version().encode() + Path(__file__).read_bytes())
    hash_tree(digest, paths.TEMPLATES)
    for name in ("glossary.csv", "raw/article_meta.csv"):
        path = data / name
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest


def site_key(inputs: Inputs) -> str:
    """Hash of everything the site is made from (file bytes only, nothing parsed)."""
    digest = _template_digest(inputs.data)
    for lang in LANGS:
        for page in inputs.notebooks(lang):
            digest.update(page.name.encode() + page.read_bytes())
        for kind in paths.EXPORTS:
            path = inputs.export(lang, kind)
            digest.update(path.read_bytes() if path is not None and path.is_file() else b"")
    return digest.hexdigest()


VARIANTS = {"": False, ".code": True}  # file suffix → code shown
SITE_CACHE = paths.CACHE / "site"


def page_resources(pages: dict[str, list[Page]], lang: str, i: int, suffix: str, css: str,
                   words: dict[str, str]) -> dict:
    """What the page template needs: navigation, language switch, code switch, footer."""
    items = pages[lang]
    page, other = items[i], _other(lang)
    others = {p.name for p in pages.get(other, [])}
    return {
        "metadata": {"name": page.title},
        "language_code": LANG_CODES[lang],
        "page": {
            "labels": words,
            "css": css,
            "version": package_version(),
            "index_href": _index_href(lang, lang),
            "prev": {"href": f"{items[i - 1].name}{suffix}.html", "title": items[i - 1].title} if i else None,
            "next": ({"href": f"{items[i + 1].name}{suffix}.html", "title": items[i + 1].title}
                     if i + 1 < len(items) else None),
            "other": {"lang": LANG_CODES[other], "label": words["other"],
                      "href": (_page_href(lang, other, page.name + suffix) if page.name in others
                               else _index_href(lang, other))},
            "code": {"href": f"{page.name}{'' if suffix else '.code'}.html",
                     "label": words["hide_code" if suffix else "show_code"]},
        },
    }


def render_pages(pages: dict[str, list[Page]], target: Path, data: Path) -> None:
    """Every page in both variants; a page whose inputs did not change comes from the cache."""
    import json

    import nbformat

    css = (paths.TEMPLATES / "site" / "site.css").read_text(encoding="utf-8")
    shared = _template_digest(data)
    words = {lang: labels(lang, data) for lang in LANGS}
    exporters = {}
    cache = SITE_CACHE
    for lang, items in pages.items():
        folder = target / lang
        (folder / "img").mkdir(parents=True, exist_ok=True)
        for i, page in enumerate(items):
            data = page.source.read_bytes()
            nb = None
            for suffix, show_code in VARIANTS.items():
                resources = page_resources(pages, lang, i, suffix, css, words[lang])
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


def render_index(pages: dict[str, list[Page]], target: Path, inputs: Inputs) -> None:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(paths.TEMPLATES / "site")),
                      autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    template = env.get_template("index_page.html.j2")
    css = (paths.TEMPLATES / "site" / "site.css").read_text(encoding="utf-8")
    title = html.unescape(read_meta(inputs.data).get("title", ""))
    for lang in LANGS:
        words = labels(lang, inputs.data)
        folder = "" if lang == "zh" else "en"
        prefix = "zh/" if lang == "zh" else ""
        other = _other(lang)
        cards = [{
            "href": f"{prefix}{p.name}.html", "title": p.title, "summary": p.summary,
            "thumbnail": f"{prefix}img/{p.name}.png" if (target / lang / "img" / f"{p.name}.png").is_file() else "",
        } for p in pages.get(lang, [])]
        text = template.render(
            lang_code=LANG_CODES[lang], labels=words, css=css, cards=cards,
            headline=headline(inputs, lang), article_title=title, version=package_version(),
            index_href="index.html",
            other={"lang": LANG_CODES[other], "label": words["other"],
                   "href": _index_href(folder, other)},
        )
        out = target / folder / "index.html" if folder else target / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")


KEY_FILE = ".site-key"


def current(inputs: Inputs, site: Path) -> bool:
    """Whether ``site`` was built from exactly these inputs."""
    key_file = site / KEY_FILE
    return key_file.is_file() and key_file.read_text() == site_key(inputs)


def build(inputs: Inputs, target: Path, force: bool = False) -> Path:
    """Build the site into ``target`` (a new folder, swapped in by the caller); returns its index.

    Pages whose inputs did not change come from ``build/cache/site``; ``force``
    renders every page again.
    """
    if force:
        shutil.rmtree(SITE_CACHE, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    pages = collect(inputs)
    render_pages(pages, target, inputs.data)
    render_index(pages, target, inputs)
    (target / KEY_FILE).write_text(site_key(inputs))
    return target / "index.html"

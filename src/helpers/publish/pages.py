"""One HTML page per executed notebook and language, in two variants.

Pages are exported with nbconvert's HTMLExporter and the project's template
(``templates/notebook_page/page.html.j2``: the lab look, nothing fetched from
another host, navigation, contents, language switch, search, how to cite).
The readers' page (``NAME.html``) hides code, and leaves out cells and
outputs meant for the code variant (tag ``code-only``: parameter notes, ids);
the code variant (``NAME.code.html``) shows everything. A page whose inputs
did not change comes from ``build/cache/site``, when its bytes still match the
hash stored with it (a damaged page is rendered again).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .. import paths
from ..i18n import mark_chinese
from .glossary_links import PAGE as GLOSSARY_PAGE
from .glossary_links import link_first_uses

LANGS = ("zh", "en")
LANG_CODES = {"zh": "zh-CN", "en": "en"}
VARIANTS = {"": False, ".code": True}  # file suffix → code shown
SITE_CACHE = paths.CACHE / "site"
CODE_ONLY = "code-only"
_HEADING = re.compile(r'<h2 id="(?P<id>[^"]+)">(?P<text>.*?)<a class="anchor-link"', re.S)
# A data file named in the site's wording (data/raw/SOURCE.md, data/LICENSE.md, data/datapackage.json …).
_DATA_FILE = re.compile(r"(?<![\w/.])data/(?:[\w-]+/)*[\w-]+(?:\.[\w-]+)*\.(?:md|csv|json|txt)\b")
# A figure's image (its <img>: the desktop rendering; the phone one is a <source> before it).
_IMAGE = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


@dataclass(frozen=True)
class Page:
    """One executed notebook to publish: name, language, file, title and summary."""
    name: str
    lang: str
    source: Path
    title: str
    summary: str


def describe(nb) -> tuple[str, str]:
    """A notebook's title and one-sentence summary, from its first markdown cell (one language)."""
    first = next(("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"), "")
    lines = first.split("\n\n")
    heading = next((line[2:].strip() for line in lines[0].splitlines() if line.startswith("# ")), "")
    text = re.sub(r"<[^>]+>", "", " ".join(lines[1:])).replace("`", "").replace("**", "").strip()
    sentence = re.split(r"(?<=[。！？])|(?<=[.!?])\s", text, maxsplit=1)[0].strip()
    return heading, sentence


def first_png(nb) -> bytes | None:
    """The first image of a notebook's outputs (a figure's desktop rendering, or a PNG output), as bytes."""
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                return base64.b64decode(data["image/png"])
            found = _IMAGE.search("".join(data.get("text/html", "")))
            if found:
                return base64.b64decode(found.group(1))
    return None


_FOCUSABLE = re.compile(r'<div class="(?=[^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b)([^"]*)"')
_NO_ALT = re.compile(r"<img(?![^>]*\balt=)")


def exporter(show_code: bool, template_file: str = "page.html.j2"):
    """nbconvert's HTML exporter with the project's template: code and code-only cells hidden unless asked.

    nbconvert's own last step parses each page with BeautifulSoup to give images without alt text a
    placeholder and to make inputs and outputs focusable (about 40 % of a site build); this exporter does the
    same two things on the rendered text instead.
    """
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
    from nbconvert.preprocessors import TagRemovePreprocessor

    class PageExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            body, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            body = _NO_ALT.sub('<img alt="No description has been provided for this image"', body)
            return _FOCUSABLE.sub(r'<div class="\1" tabindex="0"', body), resources

    ex = PageExporter(template_name="notebook_page", template_file=template_file,
                      extra_template_basedirs=[str(paths.TEMPLATES)])
    ex.exclude_input = not show_code
    ex.exclude_input_prompt = True
    ex.exclude_output_prompt = True
    # Outputs carry their images already; nbconvert's embedding of markdown images parses each inline HTML
    # tag on its own and so empties <span lang="zh-CN">去年底</span> in the narrative: left off.
    ex.embed_images = False
    if not show_code:
        ex.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={CODE_ONLY}, enabled=True), enabled=True)
    return ex


def lab_css() -> str:
    """The stylesheet every notebook page links (``site/lab.css``): nbconvert's lab look, its licence notice
    kept, written once per site instead of inline in each page (about 260 kB a page)."""
    import nbformat

    body, _ = exporter(False, "lab_css.j2").from_notebook_node(nbformat.v4.new_notebook())
    return re.sub(r"</?style[^>]*>", "", body).strip() + "\n"


def other(lang: str) -> str:
    """The other language of the site."""
    return "en" if lang == "zh" else "zh"


def index_href(from_folder: str, lang: str) -> str:
    """Relative link to the index of ``lang`` from a page in ``from_folder`` ('' = site root)."""
    target = "index.html" if lang == "zh" else "en/index.html"
    if from_folder == "en" and lang == "en":
        return "index.html"
    return ("../" if from_folder else "") + target


def with_contents(body: str, label: str) -> str:
    """The page with its table of contents (its h2 headings as links) before its first section."""
    found = list(_HEADING.finditer(body))
    if not found:
        return body
    items = [(m["id"], html.unescape(re.sub(r"<[^>]+>", "", m["text"])).strip()) for m in found]
    links = "".join(f'<li><a href="#{html.escape(anchor)}">{html.escape(text)}</a></li>' for anchor, text in items)
    toc = (f'<nav class="toc" aria-label="{html.escape(label)}" data-pagefind-ignore><h2>{html.escape(label)}</h2>'
           f"<ul>{links}</ul></nav>")
    cell = body.rfind('<div class="jp-Cell', 0, found[0].start())
    at = cell if cell >= 0 else found[0].start()
    return body[:at] + toc + body[at:]


# A numbered table or figure as markup.table and markup.figure write it: its anchor, its name, its number and caption.
_NAMED = re.compile(r'(?:<div class="table-block" id="(?P<table>[^"]+)">|<figure class="chart" id="(?P<figure>[^"]+)">)'
                    r'<span class="name-anchor" id="(?P<name>[^"]+)"></span>')
_NUMBER = re.compile(r'<span class="number">(?P<number>[^<]+)</span> (?P<caption>[^<]*?) ?<')
_FINDING_LINK = re.compile(r'<a class="finding-link" href="#([^"]+)">[^<]*</a>')


@dataclass(frozen=True)
class Numbered:
    """A numbered table or figure of a page: its anchor (``figure-2-1``), number (``图 2.1``), caption, folder."""
    anchor: str
    number: str
    caption: str
    folder: str  # "tables" or "figures", where its files are


def numbered_items(body: str) -> dict[str, Numbered]:
    """The numbered tables and figures of a page, by name (its files' name without suffix)."""
    found: dict[str, Numbered] = {}
    named = list(_NAMED.finditer(body))
    for i, item in enumerate(named):
        end = named[i + 1].start() if i + 1 < len(named) else len(body)
        number = _NUMBER.search(body, item.end(), end)
        if number:
            found[item["name"]] = Numbered(item["table"] or item["figure"], html.unescape(number["number"]),
                                           html.unescape(number["caption"]), "tables" if item["table"] else "figures")
    return found


def numbered_links(body: str) -> str:
    """A finding's link to a table or figure by its name (written before the table was numbered) made a
    link to its number: ``<a href="#02_chain_share">见图</a>`` → ``<a href="#figure-2-1">图 2.1</a>``; a
    link to a table without a number is left as it is."""
    items = numbered_items(body)
    return _FINDING_LINK.sub(lambda m: (f'<a class="finding-link" href="#{items[m[1]].anchor}">'
                                        f'{html.escape(items[m[1]].number)}</a>' if m[1] in items else m[0]), body)


def marked(words: str, lang: str) -> Markup:
    """Text for a page: escaped, and on a page not in Chinese every run of Chinese marked ``lang="zh-CN"``."""
    escaped = html.escape(str(words))
    return Markup(escaped if lang == "zh" else mark_chinese(escaped))


def linked(text: Markup, base: str) -> Markup:
    """Escaped text with every data file it names made a link; ``base`` leads from the page to the site's
    root (``""`` or ``"../"``)."""
    return Markup(_DATA_FILE.sub(lambda m: f'<a href="{base}{m[0]}">{m[0]}</a>', str(text)))


def resources(pages: dict[str, list[Page]], lang: str, i: int, suffix: str, shared: dict) -> dict:
    """What the page template needs: navigation, language switch, code switch, alternates, footer."""
    items = pages[lang]
    page, their = items[i], other(lang)
    theirs = {p.name for p in pages.get(their, [])}
    words = shared["labels"][lang]
    return {
        "metadata": {"name": page.title},
        "language_code": lang,
        "page": {
            "labels": words, "css": shared["css"], "cite": shared["cite"][lang], "bibtex": shared["bibtex"][lang], "lang_code": LANG_CODES[lang],
            "marked": {"provenance": linked(marked(words["provenance"], lang), "../"), "cite": marked(shared["cite"][lang], lang),
                       "licence": linked(marked(words["licence"], lang), "../")},
            "description": page.summary, "search": shared["search"],
            "index_href": index_href(lang, lang), "data_href": "data.html", "glossary_href": GLOSSARY_PAGE,
            "prev": {"href": f"{items[i - 1].name}{suffix}.html", "title": items[i - 1].title} if i else None,
            "next": ({"href": f"{items[i + 1].name}{suffix}.html", "title": items[i + 1].title}
                     if i + 1 < len(items) else None),
            "other": {"lang": LANG_CODES[their], "label": words["other"],
                      "href": (f"../{their}/{page.name}{suffix}.html" if page.name in theirs
                               else index_href(lang, their))},
            "alternates": [{"lang": LANG_CODES[code], "href": f"../{code}/{page.name}.html"}
                           for code in LANGS if page.name in {p.name for p in pages.get(code, [])}],
            "code": {"href": f"{page.name}{'' if suffix else '.code'}.html",
                     "label": words["hide_code" if suffix else "show_code"]},
            "variant": "code" if suffix else "reader",
        },
    }


def seal(cached: Path) -> None:
    """Record the SHA-256 of a cached page beside it (``NAME-KEY.sha256``)."""
    cached.with_suffix(".sha256").write_text(hashlib.sha256(cached.read_bytes()).hexdigest(), encoding="utf-8")


def intact(cached: Path) -> bool:
    """Whether a cached page exists and still has the bytes recorded when it was stored."""
    recorded = cached.with_suffix(".sha256")
    return cached.is_file() and recorded.is_file() and \
        recorded.read_text(encoding="utf-8") == hashlib.sha256(cached.read_bytes()).hexdigest()


def render(pages: dict[str, list[Page]], target: Path, shared: dict, digest: hashlib._Hash) -> None:
    """Every page in both variants, into ``target/<lang>/``; unchanged pages come from the cache."""
    import nbformat

    exporters: dict[bool, object] = {}
    for lang, items in pages.items():
        folder = target / lang
        (folder / "img").mkdir(parents=True, exist_ok=True)
        for i, page in enumerate(items):
            data = page.source.read_bytes()
            nb = None
            for suffix, show_code in VARIANTS.items():
                res = resources(pages, lang, i, suffix, shared)
                key = digest.copy()
                key.update(data + json.dumps(res, sort_keys=True).encode())
                cached = SITE_CACHE / lang / f"{page.name}{suffix}-{key.hexdigest()[:20]}.html"
                if not intact(cached):
                    nb = nb or nbformat.reads(data.decode("utf-8"), as_version=4)
                    nb.metadata["title"] = page.title
                    ex = exporters.setdefault(show_code, exporter(show_code))
                    body, _ = ex.from_notebook_node(nb, resources=res)
                    # nbconvert accepts only ISO 639-1 codes; the site says zh-CN everywhere (search needs one)
                    body = re.sub(r'<html lang="[^"]*">', f'<html lang="{LANG_CODES[lang]}">', body, count=1)
                    body = with_contents(body, res["page"]["labels"]["contents"])
                    body = link_first_uses(numbered_links(body), shared["terms"][lang])
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    for old in cached.parent.glob(f"{page.name}{suffix}-*"):
                        old.unlink()
                    cached.write_text(body, encoding="utf-8")
                    seal(cached)
                shutil.copyfile(cached, folder / f"{page.name}{suffix}.html")
            png = first_png(json.loads(data))
            if png:
                (folder / "img" / f"{page.name}.png").write_bytes(png)

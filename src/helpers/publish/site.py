"""The static HTML site: the notebooks' pages in each language, an index, a data page, search.

Layout of a site (all links relative; readable offline, nothing fetched from
another host; search needs the folder served over http):

``index.html``, ``en/index.html``   the index in Chinese and English
``<lang>/NAME.html``, ``NAME.code.html``   each notebook's page, readers' and code variants (``pages``)
``<lang>/data.html``                the data page: every export and input file, linked
``<lang>/glossary.html``            the terms a newcomer may not know, defined (``terms``); pages link their first uses
``<lang>/data/``                    that language's exports, tables and figures (with their data as CSV); the
                                    CSVs for spreadsheets (tables', figures', ``*.excel.csv``) start with
                                    UTF-8's byte-order mark, so Excel reads their Chinese right
``data/``                           the inputs: ledger, context, glossary, article, and ``datapackage.json``
``pagefind/``                       the search index (``search``)

Every word comes from the glossary's ``site.*`` keys and the article's
metadata; the footer says how to cite the package: title, version, commit
and the commit's date (never the clock), so the same commit builds the same
bytes.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .. import citation, datapackage, paths
from ..files import EXCEL_SUFFIX, excel_copy, excel_csv, hash_tree, read_csv_text, refuse_links_out
from ..i18n import Glossary, load_glossary
from ..meta import read_meta, source_in, title_in
from ..units import period_words
from . import glossary_links, pages, search
from .pages import LANG_CODES, LANGS, SITE_CACHE, Page

KEY_FILE = ".site-key"
INPUT_FILES = ("indicators.csv", "claim_exclusions.csv", "audit_checks.csv", "glossary.csv", "datapackage.json",
               "raw/article_ocr.txt", "raw/article_meta.csv", "raw/sections.csv", "raw/SOURCE.md", "raw/SOURCE.zh.md", "LICENSE.md",
               "terms.csv")


@dataclass(frozen=True)
class Inputs:
    """What a site is made from: per language, the folder with ``notebooks/``, figures, tables and exports;
    the data folder (inputs, glossary, the article's metadata)."""

    lang_dirs: dict[str, Path]
    data: Path

    def notebooks(self, lang: str) -> list[Path]:
        """The executed notebooks of ``lang``, in notebook order."""
        folder = self.lang_dirs.get(lang)
        if folder is None:
            return []
        return [p for p in (folder / "notebooks" / f"{s.stem}.ipynb" for s in paths.notebooks()) if p.is_file()]

    def export(self, lang: str, kind: str) -> Path | None:
        """An export of ``lang`` (``claims_csv`` …), or None when that language was not run."""
        folder = self.lang_dirs.get(lang)
        return folder / paths.EXPORTS[kind] if folder is not None else None


PACKAGE = paths.PROJECT


def package_version() -> str:
    """The installed package's version ('unknown' when not installed)."""
    try:
        return version(PACKAGE)
    except PackageNotFoundError:
        return "unknown"


@functools.cache
def commit() -> tuple[str, str]:
    """The project's commit (short hash) and its date, YYYY-MM-DD; 'unknown' outside a git checkout (asked
    once per process: a build needs it for each language's citation and for the page key)."""
    try:
        out = subprocess.run(["git", "-C", str(paths.ROOT), "log", "-1", "--format=%h %cs"], capture_output=True,
                             text=True, timeout=10)
        found = out.stdout.split()
        if out.returncode == 0 and len(found) == 2:
            return found[0], found[1]
    except (OSError, subprocess.TimeoutExpired):
        pass
    return "unknown", "unknown"


def labels(lang: str, data: Path) -> dict[str, str]:
    """The site's wording in ``lang``: every ``site.*`` key of the glossary, without its prefix.

    ``provenance`` is filled from the article's metadata (title, publication,
    reference date), so no date or title is typed into code or template.
    """
    t = load_glossary(lang, data)
    meta = read_meta(data)
    reference = meta.get("reference_date", "")
    fill = {"title": title_in(meta, lang), "source": source_in(meta, lang) or t("source.unknown_kind"),
            "publication": meta.get("publication") or t("site.publication_unknown"),
            "reference": reference, "last_year": int(reference[:4]) - 1 if reference else "?"}
    counts = draft_counts(data)
    words = {key[len("site."):]: t(key, **fill) if key == "site.provenance" else t(key)
             for key in t.table.index if key.startswith("site.") and key != "site.draft_banner"}
    words["draft_banner"] = t("site.draft_banner", checked=counts[0], draft=counts[1]) if counts else ""
    return words


def draft_counts(data: Path) -> tuple[int, int] | None:
    """A case's ledger: (rows checked, rows still drafts), or None when every row is checked (or the ledger
    has no ``curation``; an older case's ``status`` reads as it)."""
    path = data / "indicators.csv"
    if not path.is_file():
        return None
    table = datapackage.current_names(read_csv_text(path), "indicators")
    if "curation" not in table.columns or not (table["curation"] == "draft").any():
        return None
    return int((table["curation"] == "checked").sum()), int((table["curation"] == "draft").sum())


def cite(lang: str, data: Path) -> str:
    """How to cite the site, in ``lang``: the package's title, version, commit and its date; a case's site
    cites the case (its article's title and publication, the case's name, the commit)."""
    t = load_glossary(lang, data)
    meta = read_meta(data)
    short, day = (word if word != "unknown" else t("site.unknown") for word in commit())
    day = period_words(day, t)  # 2026年11月27日 / 27 Nov 2026 (anything else as written)
    case = case_name(data)
    if case:  # a case's site is cited as the case's article, never as this project's package
        return t("site.cite_case", title=title_in(meta, lang), case=case, commit=short, date=day,
                 publication=meta.get("publication") or t("site.publication_unknown"))
    return t("site.cite", title=title_in(meta, lang), package=PACKAGE, version=package_version(), commit=short, date=day)


def bibtex(lang: str, data: Path) -> str:
    """The BibTeX entry of the package (from ``CITATION.cff``), with the commit worded in ``lang``; a case's
    site gives an entry for the case's own article instead."""
    t = load_glossary(lang, data)
    short, day = commit()
    short = short if short != "unknown" else t("site.unknown")
    case = case_name(data)
    if case:
        meta = read_meta(data)
        return citation.case_bibtex(case, title_in(meta, lang), meta.get("publication", ""), day,
                                    t("site.bibtex_case_note", case=case, commit=short))
    return citation.bibtex(citation.read_citation(), PACKAGE, day, t("site.bibtex_note", commit=short))


def case_name(data: Path) -> str:
    """The case's name when ``data`` is a case folder (``cases/NAME/``), else ''."""
    folder = Path(data).resolve()
    return folder.name if folder.parent == paths.CASES.resolve() else ""


def headline(inputs: Inputs, lang: str) -> list[dict[str, str]]:
    """Headline figures written by the scorecard notebook (``<lang>/headline.json``), or none."""
    path = inputs.export(lang, "headline")
    return json.loads(path.read_text(encoding="utf-8")) if path is not None and path.is_file() else []


FINDINGS = "findings"  # <lang>/findings/<page>.json, written by each notebook (helpers.views.findings)


def main_findings(inputs: Inputs, lang: str, found: list[Page], prefix: str) -> list[dict[str, str]]:
    """The index's findings: the ones each published page marks as main, in page order, each linked to
    the finding on its page (``prefix`` leads from the index to the language's folder)."""
    folder = inputs.lang_dirs.get(lang)
    items = []
    for page in found:
        path = folder / FINDINGS / f"{page.name}.json" if folder is not None else None
        if path is None or not path.is_file():
            continue
        for finding in json.loads(path.read_text(encoding="utf-8"))["findings"]:
            if finding["main"]:
                items.append({"text": finding["text"], "page": page.title,
                              "href": f"{prefix}{page.name}.html#{finding['anchor']}"})
    return items


def collect(inputs: Inputs) -> dict[str, list[Page]]:
    """Published notebooks per language, in notebook order (titles read from the JSON)."""
    found: dict[str, list[Page]] = {}
    for lang in LANGS:
        found[lang] = []
        for executed in inputs.notebooks(lang):
            title, summary = pages.describe(json.loads(executed.read_text(encoding="utf-8")))
            found[lang].append(Page(executed.stem, lang, executed, title, summary))
    return found


def _template_digest(data: Path) -> hashlib._Hash:
    """A hash of what every page is made with: templates, the publishing code, version, commit, wording."""
    digest = hashlib.sha256(package_version().encode() + " ".join(commit()).encode())
    digest.update(citation.CITATION_FILE.read_bytes() if citation.CITATION_FILE.is_file() else b"")
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    hash_tree(digest, paths.TEMPLATES)
    for name in ("glossary.csv", "raw/article_meta.csv"):
        path = data / name
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest


def site_key(inputs: Inputs) -> str:
    """Hash of everything the site is made from (file bytes only, nothing parsed). Links out of the data
    folder are refused before: by the runner (``pipeline.run``) and by ``copy_data``."""
    digest = _template_digest(inputs.data)
    for lang in LANGS:
        folder = inputs.lang_dirs.get(lang)
        if folder is not None:
            hash_tree(digest, folder)
    for name in INPUT_FILES:
        path = inputs.data / name
        digest.update(path.read_bytes() if path.is_file() else b"")
    hash_tree(digest, inputs.data / "context")
    return digest.hexdigest()


def current(inputs: Inputs, site: Path) -> bool:
    """Whether ``site`` was built from exactly these inputs."""
    key_file = site / KEY_FILE
    return key_file.is_file() and key_file.read_text() == site_key(inputs)


def copy_data(inputs: Inputs, target: Path) -> None:
    """The inputs into ``data/``; each language's exports, tables and figures into ``<lang>/data/``.

    A link that leads out of the data folder is refused (``files.DataError``): nothing outside it is published.
    """
    refuse_links_out(inputs.data)
    for name in INPUT_FILES:
        source = inputs.data / name
        if source.is_file():
            (target / "data" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / "data" / name)
    if (inputs.data / "context").is_dir():
        shutil.copytree(inputs.data / "context", target / "data" / "context", dirs_exist_ok=True)
    for path in sorted((target / "data").glob("*.csv")) + sorted((target / "data").glob("*/*.csv")):
        if not path.name.endswith(EXCEL_SUFFIX):  # the inputs as copies for Excel, beside the package's own
            path.with_name(path.name.replace(".csv", EXCEL_SUFFIX)).write_bytes(excel_copy(path))
    for lang, folder in inputs.lang_dirs.items():
        out = target / lang / "data"
        for sub in ("tables", "figures"):  # for spreadsheets only (no data package has them): CSVs for Excel
            for path in sorted(folder.glob(f"{sub}/*")) if (folder / sub).is_dir() else []:
                if path.is_file():
                    (out / sub).mkdir(parents=True, exist_ok=True)
                    data = path.read_bytes()
                    (out / sub / path.name).write_bytes(excel_csv(data) if path.suffix == ".csv" else data)
        for kind, name in paths.EXPORTS.items():
            if kind != "headline" and (folder / name).is_file():
                out.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / name, out / name)
                if name.endswith(".csv"):  # the package's copy stays as it is; Excel gets its own copy beside it
                    (out / name.replace(".csv", EXCEL_SUFFIX)).write_bytes(excel_csv((folder / name).read_bytes()))
        csvs = [n for n in paths.EXPORTS.values() if n.endswith(".csv") and (out / n).is_file()]
        if csvs:
            package = datapackage.descriptor(out, csvs, f"{case_name(inputs.data) or paths.PROJECT}-exports-{lang}",
                                             read_meta(inputs.data).get("title", ""))
            (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")


def numbered(target: Path, lang: str) -> dict[str, str]:
    """The numbered tables and figures of a language's readers' pages, by file without suffix:
    ``{"figures/02_hightech_share": "图 2.2 高新技术产业增加值占比…"}``."""
    found: dict[str, str] = {}
    for page in sorted((target / lang).glob("*.html")):
        if page.name.endswith(".code.html"):
            continue
        for name, item in pages.numbered_items(page.read_text(encoding="utf-8")).items():
            found.setdefault(f"{item.folder}/{name}", f"{item.number} {item.caption}")
    return found


def data_groups(target: Path, lang: str, words: dict[str, str], t: Glossary) -> list[dict]:
    """The data page's groups, one entry per item, each file linked once (relative to ``<lang>/data.html``):
    a table or figure by its number and caption (its image and data on one line), any other file with its note
    (``file.<name>``, or ``caption.<name>`` for a table without a number); a CSV's copy for Excel beside it."""
    labels = numbered(target, lang)

    def note(path: Path) -> str:
        return t.get(f"caption.{path.stem}", t.get(f"file.{path.name}", ""))

    def link(path: Path, folder: Path, href: str) -> dict[str, str]:
        name = path.relative_to(folder).as_posix()
        copy = t("file.excel_copy", name=path.name.replace(EXCEL_SUFFIX, ".csv")) if name.endswith(EXCEL_SUFFIX) else ""
        return {"name": name, "href": f"{href}{name}", "title": copy}

    def entries(folder: Path, href: str, pattern: str = "*", kind: str = "") -> list[dict]:
        items: dict[str, list[Path]] = {}
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                name = path.relative_to(folder).as_posix().replace(EXCEL_SUFFIX, ".csv")
                items.setdefault(name.rsplit(".", 1)[0] if kind else name, []).append(path)
        found = []
        for key, files in items.items():
            files.sort(key=lambda p: (p.suffix == ".csv", p.name.endswith(EXCEL_SUFFIX), p.name))  # image, CSV, copy
            label = labels.get(f"{kind}/{key}", "")
            found.append({"label": label, "note": "" if label else note(files[0]),
                          "links": [link(p, folder, href) for p in files]})
        return sorted(found, key=lambda e: (not e["label"], [int(n) for n in re.findall(r"\d+", e["label"])[:2]]))

    exports = [e for e in entries(target / lang / "data", "data/") if "/" not in e["links"][0]["name"]]
    inputs = entries(target / "data", "../data/", "*") + entries(target / "data", "../data/", "*/*")
    groups = [("exports", exports), ("inputs", inputs),
              ("tables", entries(target / lang / "data" / "tables", "data/tables/", kind="tables")),
              ("figures", entries(target / lang / "data" / "figures", "data/figures/", kind="figures"))]
    return [{"title": words[f"data_{key}"], "summary": words[f"data_{key}_summary"], "files": found}
            for key, found in groups if found]


def render_index_and_data(found: dict[str, list[Page]], target: Path, inputs: Inputs, shared: dict) -> None:
    """Write the index, the data page and the glossary page of each language."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(paths.TEMPLATES / "site")),
                      autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    meta = read_meta(inputs.data)
    for lang in LANGS:
        words, their = shared["labels"][lang], pages.other(lang)
        folder = "" if lang == "zh" else "en"
        prefix = "zh/" if lang == "zh" else ""
        cards = [{
            "href": f"{prefix}{p.name}.html", "title": p.title, "summary": p.summary,
            "thumbnail": f"{prefix}img/{p.name}.png" if (target / lang / "img" / f"{p.name}.png").is_file() else "",
            "alt": words["thumbnail_alt"].format(page=p.title),
        } for p in found.get(lang, [])]
        title = meta.get("title", "") if lang == "zh" else (meta.get("title_en") or meta.get("title", ""))
        common = dict(lang_code=LANG_CODES[lang], labels=words, css=shared["css"], cite=shared["cite"][lang],
                      bibtex=shared["bibtex"][lang], text=functools.partial(pages.marked, lang=lang))
        index = env.get_template("index_page.html.j2").render(
            **common, link=functools.partial(pages.linked, base="../" if folder else ""), cards=cards, headline=headline(inputs, lang), title=html.unescape(title),
            findings=main_findings(inputs, lang, found.get(lang, []), prefix),
            index_href="index.html", data_href=f"{prefix}data.html", glossary_href=f"{prefix}{glossary_links.PAGE}",
            base="../" if folder else "",
            search_script=shared["search"]["script"],
            alternates=[{"lang": LANG_CODES[c], "href": ("../" if folder else "") + ("index.html" if c == "zh" else "en/index.html")}
                        for c in LANGS],
            other={"lang": LANG_CODES[their], "label": words["other"], "href": pages.index_href(folder, their)})
        (target / folder).mkdir(parents=True, exist_ok=True)
        index = glossary_links.link_first_uses(index, shared["terms"][lang], f"{prefix}{glossary_links.PAGE}")
        (target / folder / "index.html").write_text(index, encoding="utf-8")
        data_page = env.get_template("data_page.html.j2").render(
            **common, link=functools.partial(pages.linked, base="../"), groups=data_groups(target, lang, words, load_glossary(lang, inputs.data)), index_href=pages.index_href(lang, lang),
            glossary_href=glossary_links.PAGE,
            alternates=[{"lang": LANG_CODES[c], "href": f"../{c}/data.html"} for c in LANGS],
            other={"lang": LANG_CODES[their], "label": words["other"], "href": f"../{their}/data.html"})
        (target / lang).mkdir(parents=True, exist_ok=True)
        (target / lang / "data.html").write_text(data_page, encoding="utf-8")
        glossary = env.get_template("glossary_page.html.j2").render(
            **common, link=functools.partial(pages.linked, base="../"), terms=shared["terms"][lang],
            index_href=pages.index_href(lang, lang),
            alternates=[{"lang": LANG_CODES[c], "href": f"../{c}/{glossary_links.PAGE}"} for c in LANGS],
            other={"lang": LANG_CODES[their], "label": words["other"], "href": f"../{their}/{glossary_links.PAGE}"})
        (target / lang / glossary_links.PAGE).write_text(glossary, encoding="utf-8")


def build(inputs: Inputs, target: Path, force: bool = False) -> Path:
    """Build the site into ``target`` (a new folder, swapped in by the caller); returns its index.

    Pages whose inputs did not change come from ``build/cache/site``; ``force``
    renders every page again.
    """
    if force:
        shutil.rmtree(SITE_CACHE, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    shared = {
        "css": (paths.TEMPLATES / "site" / "site.css").read_text(encoding="utf-8"),
        "labels": {lang: labels(lang, inputs.data) for lang in LANGS},
        "cite": {lang: cite(lang, inputs.data) for lang in LANGS},
        "bibtex": {lang: bibtex(lang, inputs.data) for lang in LANGS},
        "terms": {lang: glossary_links.terms(load_glossary(lang, inputs.data)) for lang in LANGS},
        "search": {"base": "", "script": (paths.TEMPLATES / "site" / "search.js").read_text(encoding="utf-8")},
    }
    found = collect(inputs)
    copy_data(inputs, target)
    pages.render(found, target, shared, _template_digest(inputs.data))
    (target / "lab.css").write_text(pages.lab_css(), encoding="utf-8")
    render_index_and_data(found, target, inputs, shared)
    search.index(target)
    (target / KEY_FILE).write_text(site_key(inputs))
    return target / "index.html"

"""The comparison page: ``python -m helpers compare [CASE …]`` (this module, run in its own process).

Publishes ``build/compare/``: ``index.html`` (Chinese) and ``en/index.html``,
each with its tables as CSV and its figures as PNG under ``zh/`` and ``en/``
(``data/``, ``figures/``). The page uses the site's style sheet, inlined, and
embeds its figures: it reads offline and fetches nothing from another host.
What is compared, and the rule for "the same measure", is ``helpers.compare``.
Everything is built in a staging folder and swapped in at once, so a failure
leaves the last comparison as it was. Without names, every case under
``cases/`` is compared.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from markupsafe import Markup

from . import compare, markup, paths, theme
from .charts import PALETTE
from .compare import Case, CompareError, simplified
from .i18n import Glossary, load_glossary
from .meta import title_in
from .units import figure as figure_words
from .units import period_words

LANG_CODES = {"zh": "zh-CN", "en": "en"}
FIG_WIDTH, FIG_DPI = 5.4, 120  # 648 px: at a phone's 390 px (350 px of content), 13-point text is 11.7 CSS px
FIG_RC = {"font.size": 13, "axes.titlesize": 13, "xtick.labelsize": 12.5, "ytick.labelsize": 13}
LEGEND_SIZE = 12.5
PANELS = 8  # shared indicators drawn at most (the table lists them all)


def place(case: Case, t: Glossary) -> str:
    """The place's name in ``t``'s language, marked when its ledger still has drafts."""
    name = case.place(t.lang)
    return t("compare.draft_mark", place=name) if case.drafts else name


def page_text(words: str, lang: str) -> Markup:
    """Words for the page, escaped, the Chinese in them marked on the English page."""
    return Markup(markup.text(words, lang))


def wrap(text: str, width: int) -> str:
    """A figure's label wrapped to ``width`` Latin characters (a Chinese character counts as two)."""
    wide = sum(1 for ch in text if ord(ch) >= 0x2E80)
    return textwrap.fill(text, max(8, width - wide))


def drawn(text: str) -> str:
    """Text for a figure: traditional characters drawn as simplified (the bundled font is GB2312 only;
    tables keep the names as written)."""
    return simplified(text)


def value_words(value: str, unit: str, t: Glossary) -> str:
    """A figure with its unit in the reader's language (the unit as written when the glossary has none)."""
    unit = simplified(unit)
    return figure_words(value, unit, t) if t.has(f"unit.{unit}") else f"{value}{unit}"


def period_text(period: str, reference: str, t: Glossary) -> str:
    """A period in words; as of publication with the article's date."""
    words = period_words(period, t)
    return t("compare.as_of", period=words, date=reference) if period == "publication" and reference else words


def label(prefix: str, key: str, t: Glossary) -> str:
    """A kind's, scope's or qualifier's label (``prefix.key``); as written when the glossary has none."""
    return t.get(f"{prefix}.{key}", key)


def measure_names(rows: pd.DataFrame, t: Glossary) -> dict[tuple[str, str], str]:
    """Each shared measure's name in ``t``'s language: the comparable Chinese name, or the first English
    name a curator gave (the Chinese marked "not translated" when none did)."""
    names = {}
    for (measure, unit), group in rows.groupby(["measure", "unit_key"], sort=False):
        english = next((m for m in group["metric_en"] if m), "")
        names[(measure, unit)] = measure if t.lang == "zh" else (english or f"{measure} {t('note.not_translated')}")
    return names


def places_table(cases: list[Case], t: Glossary) -> pd.DataFrame:
    """One row per case: place, article, reference date, claims, checked and draft rows."""
    return pd.DataFrame([{"place": place(c, t), "title": title_in(c.meta, t.lang),
                          "reference": c.meta.get("reference_date", ""), "claims": len(c.ledger),
                          "checked": len(c.ledger) - c.drafts, "drafts": c.drafts} for c in cases],
                        columns=["place", "title", "reference", "claims", "checked", "drafts"])


def shared_table(rows: pd.DataFrame, cases: dict[str, Case], t: Glossary) -> pd.DataFrame:
    """The shared indicators, one row per place and figure (its qualifier before it when not exact), with
    whether it is compared."""
    names = measure_names(rows, t)

    def value(r: pd.Series) -> str:
        words = value_words(r["value"], r["unit"], t)
        return words if r["qualifier"] in ("", "exact") else f"{label('qualifier', r['qualifier'], t)} {words}"

    return pd.DataFrame([{
        "measure": names[(r["measure"], r["unit_key"])],
        "period": period_text(r["period"], cases[r["case"]].meta.get("reference_date", ""), t),
        "place": place(cases[r["case"]], t), "value": value(r),
        "comparison": t("compare.compared" if r["compared"] else "compare.period_differs"),
    } for _, r in rows.iterrows()], columns=["measure", "period", "place", "value", "comparison"])


def ranks_table(cases: dict[str, Case], t: Glossary) -> pd.DataFrame:
    """Ranks per place and scope."""
    counts = compare.rank_counts(list(cases.values()))
    return pd.DataFrame({"place": [place(cases[c], t) for c in counts["case"]],
                         "scope": [label("scope", s, t) for s in counts["scope"]],
                         "ranks": counts["ranks"], "firsts": counts["firsts"], "top_n": counts["top_n"]})


def verdicts_table(cases: list[Case], t: Glossary) -> pd.DataFrame:
    """Audit findings per place and verdict, from each case's last run ("not run yet" without one)."""
    rows = []
    for case in cases:
        found = case.verdicts
        rows.append({"place": place(case, t), **{v: (str(found[v]) if found is not None else t("compare.not_run"))
                                                  for v in compare.VERDICTS}})
    return pd.DataFrame(rows, columns=["place", *compare.VERDICTS])


def shared_figure(rows: pd.DataFrame, cases: dict[str, Case], t: Glossary) -> plt.Figure | None:
    """One panel per shared indicator and period (places of that period only): each place's name above
    its bar, the figure after it, so that bars take the whole width of a phone."""
    compared = rows[rows["compared"]]
    groups = list(compared.groupby(["measure", "unit_key", "period_key"], sort=False))[:PANELS]
    if not groups:
        return None
    names = measure_names(rows, t)
    titles = [wrap(drawn(f"{names[(m, u)]} · {period_text(g.iloc[0]['period'], cases[g.iloc[0]['case']].meta.get('reference_date', ''), t)}"), 52)
              for (m, u, _), g in groups]
    heights = [0.5 * len(g) + 0.3 + 0.25 * title.count("\n") for (_, g), title in zip(groups, titles)]
    with plt.rc_context(FIG_RC):
        fig, axes = plt.subplots(len(groups), 1, figsize=(FIG_WIDTH, sum(heights) + 0.35 * len(groups)),
                                 squeeze=False, gridspec_kw={"height_ratios": heights})
        for ax, (_, group), title in zip(axes[:, 0], groups, titles):
            values = group["value"].astype(float).to_numpy()
            y = np.arange(len(group))[::-1].astype(float)
            colors = [PALETTE[1] if c == "draft" else PALETTE[0] for c in group["curation"]]
            ax.barh(y, values, height=0.38, color=colors)
            top = values.max() if len(values) and values.max() > 0 else 1
            for yi, v, u, case in zip(y, group["value"], group["unit"], group["case"]):
                ax.text(0, yi + 0.24, drawn(place(cases[case], t)), va="bottom", ha="left")
                ax.text(float(v) + top * 0.015, yi, value_words(v, u, t), va="center")
            ax.set_xlim(0, top * 1.3)
            ax.set_ylim(-0.4, len(group) - 0.05)
            ax.set_title(title, loc="left", pad=4)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            for side in ("top", "right", "bottom", "left"):
                ax.spines[side].set_visible(False)
        if any(compared["curation"] == "draft"):
            handles = [plt.Rectangle((0, 0), 1, 1, color=PALETTE[i]) for i in (0, 1)]
            fig.legend(handles, [t("compare.curation.checked"), t("compare.curation.draft")], loc="lower left",
                       ncol=2, frameon=False, bbox_to_anchor=(0.0, 1.0), fontsize=LEGEND_SIZE)
        fig.tight_layout(h_pad=0.6)
    return fig


def kinds_figure(counts: pd.DataFrame, cases: dict[str, Case], t: Glossary) -> plt.Figure:
    """Stacked bars: claims per place, by kind; each place's name above its bar (the bars take the width)."""
    with plt.rc_context(FIG_RC):
        fig, ax = plt.subplots(figsize=(FIG_WIDTH, 0.62 * len(counts) + 1.3))
        y = np.arange(len(counts))[::-1].astype(float)
        left = np.zeros(len(counts))
        for i, kind in enumerate(counts.columns):
            ax.barh(y, counts[kind], left=left, height=0.38, color=PALETTE[i % len(PALETTE)],
                    label=label("claimkind", kind, t))
            left += counts[kind].to_numpy(dtype=float)
        for yi, case, total in zip(y, counts.index, left):
            ax.text(0, yi + 0.24, drawn(place(cases[case], t)), va="bottom", ha="left")
            ax.text(total + left.max() * 0.015, yi, str(int(total)), va="center")
        ax.set_ylim(-0.4, len(counts) - 0.05)
        ax.set_xlim(0, left.max() * 1.12 if left.max() else 1)
        ax.set_yticks([])
        ax.set_xlabel(t("compare.col.claims"))
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(False)  # no line through the places' names
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3, frameon=False, borderaxespad=0.3,
                  fontsize=LEGEND_SIZE, handlelength=1.2, columnspacing=1.0)
        fig.tight_layout()
    return fig


class Page:
    """One language's page being built: numbered tables and figures, written to its folder."""

    def __init__(self, t: Glossary, folder: Path, href: str):
        self.t, self.folder, self.href = t, folder, href  # href: the folder as seen from the page
        self.counts: dict[tuple[str, int], int] = {}

    def number(self, kind: str, section: int) -> markup.Number:
        self.counts[(kind, section)] = self.counts.get((kind, section), 0) + 1
        return markup.Number(kind, self.t(f"markup.{kind}"), section, self.counts[(kind, section)])

    def table(self, frame: pd.DataFrame, name: str, section: int, caption_key: str, source: str,
              key_columns: tuple[str, ...] = ()) -> str:
        path = self.folder / "data" / f"{name}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
        headers = [self.t.get(f"compare.col.{c}", label("verdict", c, self.t))
                   for c in frame.columns]
        return markup.table(frame, headers, number=self.number("table", section), caption=self.t(caption_key),
                            data_href=f"{self.href}data/{name}.csv", data_label=self.t("markup.data_csv"),
                            source=source, page_lang=self.t.lang, key_columns=key_columns)

    def figure(self, fig: plt.Figure, name: str, section: int, caption_key: str, alt: str, source: str,
               data: pd.DataFrame) -> str:
        png = theme.png_bytes(fig, dpi=FIG_DPI)
        plt.close(fig)
        for sub, file, content in (("figures", f"{name}.png", png),
                                   ("data", f"{name}.csv", data.to_csv(index=False, lineterminator="\n").encode())):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
            (self.folder / sub / file).write_bytes(content)
        return markup.figure(png, number=self.number("figure", section), caption=self.t(caption_key), alt=alt,
                             full_href=f"{self.href}figures/{name}.png", full_label=self.t("markup.full_size"),
                             data_href=f"{self.href}data/{name}.csv", data_label=self.t("markup.data_csv"),
                             source=source, page_lang=self.t.lang)


def site_links(cases: list[Case], page: Page, depth: int) -> list[str]:
    """A line of links to the cases' own sites (those published), relative to the page ``depth`` folders
    below ``build/compare/``."""
    t = page.t
    up = "../" * (depth + 1)
    links = [f'<a href="{up}cases/{c.name}/site/{"en/" if t.lang == "en" else ""}index.html">'
             f"{markup.text(c.place(t.lang), t.lang)}</a>"
             for c in cases if (paths.BUILD / "cases" / c.name / "site" / "index.html").is_file()]
    if not links:
        return []
    words = markup.esc(t("compare.sites", links="\x00"))  # the sentence escaped, then the links put in its place
    return [f"<p>{words.replace(chr(0), t('compare.list_separator').join(links))}</p>"]


def sections(cases: list[Case], page: Page) -> list[dict]:
    """The page's sections: places, shared indicators, ranks, kinds, verdicts."""
    t, by_name = page.t, {c.name: c for c in cases}
    sep = t("compare.list_separator")
    ledgers = t("compare.source", files=sep.join(f"cases/{c.name}/indicators.csv" for c in cases))
    run = [c for c in cases if c.verdicts is not None]
    audits = t("compare.source_verdicts", files=sep.join(f"build/cases/{c.name}/…/audit.csv" for c in run) or "—")
    rows = compare.shared(cases)
    shared_blocks: list[str] = []
    notes = [t("compare.shared_rule")]
    if rows.empty:
        notes.append(t("compare.no_shared"))
    else:
        fig = shared_figure(rows, by_name, t)
        if fig is None:
            notes.append(t("compare.no_compared"))
        else:
            compared = rows[rows["compared"]]
            alt = t("compare.fig.alt", items=sep.join(
                f"{place(by_name[r['case']], t)} {value_words(r['value'], r['unit'], t)}" for _, r in compared.iterrows()))
            shared_blocks.append(page.figure(fig, "compare_shared", 2, "compare.fig.shared", alt, ledgers, compared))
        shared_blocks.append(page.table(shared_table(rows, by_name, t), "compare_shared_table", 2,
                                        "compare.table.shared", ledgers, key_columns=("measure",)))
    ranks = ranks_table(by_name, t)
    counts = compare.kind_counts(cases)
    kinds = counts.rename(columns=lambda k: label("claimkind", k, t))
    kinds = kinds.assign(total=counts.sum(axis=1)).reset_index(names="place")
    kinds["place"] = [place(by_name[c], t) for c in counts.index]
    kinds_alt = t("compare.fig.alt", items=sep.join(
        f"{place(by_name[c], t)} {int(counts.loc[c].sum())}" for c in counts.index))
    return [
        {"id": "places", "title": t("compare.section.places"), "notes": [],
         "blocks": [page.table(places_table(cases, t), "compare_places", 1, "compare.table.places", ledgers,
                               key_columns=("place",))] + site_links(cases, page, 0 if t.lang == "zh" else 1)},
        {"id": "shared", "title": t("compare.section.shared"), "notes": notes, "blocks": shared_blocks},
        {"id": "ranks", "title": t("compare.section.ranks"),
         "notes": [t("compare.ranks_rule")] + ([] if len(ranks) else [t("compare.no_ranks")]),
         "blocks": [page.table(ranks, "compare_ranks", 3, "compare.table.ranks", ledgers)] if len(ranks) else []},
        {"id": "kinds", "title": t("compare.section.kinds"), "notes": [],
         "blocks": [page.figure(kinds_figure(counts, by_name, t), "compare_kinds", 4, "compare.fig.kinds", kinds_alt,
                                ledgers, counts.reset_index(names="case")),
                    page.table(kinds, "compare_kinds_table", 4, "compare.table.kinds", ledgers)]
         if counts.sum().sum() else []},
        {"id": "verdicts", "title": t("compare.section.verdicts"),
         "notes": [] if len(run) == len(cases) else [t("compare.not_run_hint")],
         "blocks": [page.table(verdicts_table(cases, t), "compare_verdicts", 5, "compare.table.verdicts", audits)]},
    ]


def render(cases: list[Case], target: Path) -> None:
    """Both languages' pages, data and figures into ``target``."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(paths.TEMPLATES / "compare")),
                      autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    css = (paths.TEMPLATES / "site" / "site.css").read_text(encoding="utf-8")
    places = {c.meta.get("place") or c.name for c in cases}
    for lang in ("zh", "en"):
        t = load_glossary(lang)
        theme.use_theme(lang)
        folder, href, page_file = (target / "zh", "zh/", target / "index.html") if lang == "zh" else \
            (target / "en", "", target / "en" / "index.html")
        page = Page(t, folder, href)
        drafted = [c for c in cases if c.drafts]
        banner = t("compare.draft_banner", places=t("compare.list_separator").join(c.place(lang) for c in drafted),
                   rows=sum(c.drafts for c in drafted)) if drafted else ""
        html = env.get_template("compare_page.html.j2").render(
            lang_code=LANG_CODES[lang], css=css, title=t("compare.title"), labels={
                "navigation": t("site.navigation"), "contents": t("site.contents")},
            summary=t("compare.summary", places=len(places), articles=len(cases)), draft_banner=banner,
            sections=sections(cases, page), footer=t("compare.footer"),
            text=functools.partial(page_text, lang=lang), self_href="index.html",
            alternates=[{"lang": LANG_CODES[c], "href": h} for c, h in
                        (("zh", "../index.html" if lang == "en" else "index.html"),
                         ("en", "index.html" if lang == "en" else "en/index.html"))],
            other={"lang": LANG_CODES["en" if lang == "zh" else "zh"], "label": t("site.other"),
                   "href": "en/index.html" if lang == "zh" else "../index.html"})
        page_file.parent.mkdir(parents=True, exist_ok=True)
        page_file.write_text(html, encoding="utf-8")


def publish(names: list[str], out: Path | None = None) -> Path:
    """Compare the cases named (every case when none is) into ``out`` (``build/compare/``), all at once;
    returns the Chinese page. Raises CompareError (one sentence) before anything is written."""
    out = out or paths.BUILD / "compare"
    names = list(dict.fromkeys(names)) or compare.case_names()
    if not names:
        raise CompareError("There is no case to compare: make one with python -m helpers new-case NAME ARTICLE.")
    cases = [compare.load_case(n) for n in names]
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-new-"))
    try:
        render(cases, staging)
        old = out.parent / f".{out.name}-old"
        shutil.rmtree(old, ignore_errors=True)
        if out.exists():
            out.rename(old)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out / "index.html"


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.compare_site [CASE …]``: 0 when published, 2 (one sentence) when refused."""
    parser = argparse.ArgumentParser(prog="python -m helpers compare", description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", metavar="CASE", help="case names (default: every case in cases/)")
    args = parser.parse_args(argv)
    try:
        index = publish(args.cases)
    except CompareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"published {paths.relative_to_root(index.parent)}/: {paths.relative_to_root(index)} and "
          f"{paths.relative_to_root(index.parent / 'en' / 'index.html')}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

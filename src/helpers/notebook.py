"""The notebook context ``R``: what a notebook does first, what it reads, and how it shows things.

One object, one name: the context is a ``Notebook``, and it is called ``R``
everywhere, in notebooks (``R = notebook.start(...)``) as in the helpers that
take it (``views.*`` functions have a first parameter ``R``).

``start(...)`` takes the notebook's parameters, validates them (one clear
sentence on a bad value), applies the figure theme, and loads the article,
the glossary and, when the article is the ledger's own page, the validated
ledger. The ``Notebook`` it returns gives the inputs (``R.ledger``,
``R.row(id)``, ``R.external(id)``, the context data, the article's reference
date) and shows things in the notebook's language: tables (escaped HTML,
also saved as CSV), figures (with a source line, also saved), generated
sentences and derived figures with their formulas. Paths are resolved from
the project root.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from . import context as context_data
from . import markup, paths, theme
from .audit import metric, rank_label, read_spec
from .curation import without_deleted_rows
from .derive import Derived, stated
from .files import atomic_write, not_found, refuse_links_out, row_by_id, spreadsheet_csv
from .i18n import Glossary, load_glossary
from .ledger import LEDGER_ROW, load_indicators
from .meta import Place, article_reference, place_of, read_meta, source_in, title_in
from .params import validate
from .periods import Reference
from .source import Article, load_article
from .units import localize, period_words

FOLD_ROWS = 15  # a longer table is folded under its caption unless a notebook says otherwise


@dataclass(repr=False)
class Notebook:
    """``R`` in every notebook: its parameters, its inputs, and how it shows things in its language.

    Inputs: ``R.ledger`` (the article's figures, one row per claim; columns in
    the README's "Data" section), ``R.row(id)``, ``R.external(id)`` and
    ``R.context_figures()`` / ``R.context_table(name)`` (external figures with
    their sources), ``R.article`` (the cleaned page, ``.text``, ``.sections``),
    ``R.meta``, ``R.reference`` (the date relative times are read from).
    Words: ``R.t(key)`` (glossary), ``R.metric(row)``, ``R.claim_text(row)``,
    ``R.period_text(p)``, ``R.local(text)`` (units in the reader's language).
    Showing: ``R.table(frame, name)`` (returns the table shown),
    ``R.figure(...)``, ``R.say(key)``, ``R.show_derived(key, derived)``; the
    derivations themselves are in ``helpers.derive``, the project's chart
    shapes in ``helpers.views.figures``.
    """

    lang: str
    data_dir: Path
    article_path: Path
    out_dir: Path
    fig_format: str
    t: Glossary
    article: Article
    ledger: pd.DataFrame | None
    ledger_note: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    saved: list[str] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict, repr=False)
    _context: tuple[pd.DataFrame, dict[str, pd.DataFrame]] | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        ledger = f"{len(self.ledger)} ledger rows" if self.ledger is not None else "no ledger (another article)"
        return (f"<R lang={self.lang!r} fig_format={self.fig_format!r} data={paths.relative_to_root(self.data_dir)} "
                f"article={paths.relative_to_root(self.article_path)} out={paths.relative_to_root(self.out_dir)} "
                f"{ledger}; help(R) lists what it offers>")

    # --- inputs -----------------------------------------------------------
    @property
    def title(self) -> str:
        """The article's title in the reader's language (the printed headline when no translation is given)."""
        return title_in(self.meta, self.lang)

    @property
    def place(self) -> Place:
        """The place the article is about (its id in the context data and its names), from its metadata."""
        return place_of(self.meta)

    def place_name(self, place_id: str = "") -> str:
        """A place's name in the reader's language: the article's own place (the default) from its metadata,
        another one from the glossary (``place.<id>``), else its id."""
        if not place_id or place_id == self.place.id:
            return self.place.name(self.lang)
        return self.t.get(f"place.{place_id}", place_id)

    @property
    def reference(self) -> Reference | None:
        """The date the article's relative times resolve against (data/raw/article_meta.csv)."""
        return article_reference(self.data_dir)

    def context_figures(self) -> pd.DataFrame:
        """External figures (data/context), validated once per notebook run."""
        if self._context is None:
            self._context = context_data.load_all(self.data_dir)
        return self._context[0]

    def context_tables(self) -> dict[str, pd.DataFrame]:
        """The context tables that are not figures (e.g. gold_list_2025), by name."""
        self.context_figures()
        assert self._context is not None
        return self._context[1]

    def context_table(self, name: str) -> pd.DataFrame:
        """One context table that is not figures, by name (``NotFound``, a KeyError, names the ones that exist)."""
        tables = self.context_tables()
        if name not in tables:
            raise not_found("the context table", name, sorted(tables))
        return tables[name]

    def glossary(self, lang: str) -> Glossary:
        """The data folder's glossary in another language (exports are in English)."""
        return load_glossary(lang, self.data_dir)

    def row(self, ledger_id: str) -> pd.Series:
        """One ledger row by id (``NotFound``, a KeyError, names the ids that exist)."""
        return row_by_id(self.ledger, ledger_id, LEDGER_ROW)

    def external(self, context_id: str) -> pd.Series:
        """One external figure by id (``NotFound``, a KeyError, names the ids that exist)."""
        return row_by_id(self.context_figures(), context_id, context_data.EXTERNAL_FIGURE)

    def audit_spec(self, dropped: list[tuple[int, str, str]] | None = None) -> pd.DataFrame:
        """The checks this article's audit runs: ``<data>/audit_checks.csv`` (check, ids, context, note),
        without those that use a row deleted from a case's ledger (each added to ``dropped`` as
        (line, check, id) when a list is given)."""
        ids = set(self.ledger["id"]) if self.ledger is not None else set()
        spec, gone = without_deleted_rows(read_spec(self.data_dir), self.data_dir, ids)
        if dropped is not None:
            dropped.extend(gone)
        return spec.reset_index(drop=True)

    # --- words --------------------------------------------------------------
    def local(self, text: str) -> str:
        """A value or formula ('2071家', '≥5.00亿元/家', '36.9% − 32.2% = 4.7 pp') with every unit in the
        reader's language (see ``units``)."""
        return localize(text, self.t)

    def metric(self, row: pd.Series) -> str:
        """A ledger row's indicator name in the notebook's language (the Chinese, marked as not translated,
        when a drafted row has no English name yet)."""
        return metric(row).render(self.t)

    def section_label(self, name: str) -> str:
        """A section's name: the glossary's, or 'Section n' for one detected by rule (``section_n``)."""
        if name.startswith("section_") and name[len("section_"):].isdigit():
            return self.t("section.numbered", n=name[len("section_"):])
        return self.t(f"section.{name}")

    def period_text(self, period: str) -> str:
        """A period in the reader's words (``units.period_words``): 2025年1—4月 / Jan–Apr 2025, 2024年底 …"""
        return period_words(period, self.t)

    def rank_text(self, row: pd.Series) -> str:
        """'全省第2' / '#2 in Zhejiang', '全省前3' / 'top 3 in Zhejiang', or ''."""
        return "" if pd.isna(row["rank"]) else rank_label(row).render(self.t)

    def claim_text(self, row: pd.Series) -> str:
        """A row's claim as stated: its value (2071家, ≥250亿元) or, without one, its kind (首个, 唯一, 率先)."""
        if pd.isna(row["value"]):
            text = self.t(f"claim.{row['kind']}")
            return (self.t("claim.kind_in_scope", kind=text, scope=self.t("scope." + row["scope"]))
                    if row["scope"] else text)
        return self.local(stated(row))

    def value_and_rank(self, row: pd.Series) -> str:
        """A row's claim as stated, with its provincial rank when it has one."""
        rank = self.rank_text(row)
        return self.claim_text(row) + (f" · {rank}" if rank else "")

    def source_of(self, external: pd.Series) -> markup.Linked:
        """'publisher，date（reliability）' / 'publisher, date (reliability)' for a source line, the publisher a
        link to the source's address (its title and full address on hover) when the context row gives one."""
        publisher, url = external[f"publisher_{self.lang}"], external["url"]
        hover = " — ".join(filter(None, [external["title"], url]))
        named = markup.Linked(markup.Link(publisher, url, hover)) if url else publisher
        return markup.filled(self.t, "source.of", publisher=named, date=self.period_text(external["date"]),
                             reliability=self.t("reliability." + external["reliability"]))

    def source_line(self, *external: str, article: bool = True) -> markup.Linked:
        """'来源：《…》；外部：…' / 'Source: the article “…”; external: …' for a figure or table;
        ``article=False`` for one built from external sources only. External sources (``source_of``) keep
        their links; as a ``str`` it is the plain line that images and CSV files get."""
        parts: list[str] = []
        if article:
            kind = source_in(self.meta, self.lang) or self.t("source.unknown_kind")
            parts.append(self.t("source.article", title=self.title, source=kind) if self.ledger is not None
                         else self.t("source.other_article", name=self.article_path.name))
        sep = self.t("source.list_separator")
        if external:
            named = markup.joined(sep, list(dict.fromkeys(external)))
            parts.append(markup.filled(self.t, "source.external_list", sources=named) if article else named)
        return markup.filled(self.t, "source.line", parts=markup.joined(sep, parts))

    # --- display ----------------------------------------------------------
    def say(self, key: str, *, code_only: bool = False, **fill: object) -> None:
        """Show one generated sentence from the glossary, with data escaped (Chinese in English marked);
        ``code_only``: for someone running the notebook (a path on this machine), not on the reader's page."""
        linked = {k: v for k, v in fill.items() if isinstance(v, markup.Linked)}  # shown as links (a source)
        safe = {k: f"\ue000{k}\ue001" if k in linked else html.escape(str(v)) for k, v in fill.items()}
        sentence = self.t(key, **safe)
        shown = sentence if self.lang == "zh" else markup.mark_chinese(sentence)
        for k, v in linked.items():
            shown = shown.replace(f"\ue000{k}\ue001", markup.text(v, self.lang))
        display(HTML(f'<p class="code-only" data-pagefind-ignore>{shown}</p>' if code_only else f"<p>{shown}</p>"))

    def explore(self) -> None:
        """Where to go from here, for someone exploring in JupyterLab (shown on the code variant only)."""
        display(HTML(f'<div class="code-only explore" data-pagefind-ignore>{self.t("say.explore")}</div>'))

    def note(self, text: str) -> None:
        """Show a sentence built by the caller (escaped)."""
        display(HTML(f"<p>{markup.text(text, self.lang)}</p>"))

    def show_derived(self, label_key: str, derived: Derived, **fill: object) -> None:
        """One derived figure: label (filled with ``fill``), value shown, formula and ledger ids."""
        display(HTML(
            f"<p><b>{markup.text(self.t(label_key, **fill), self.lang)}</b>: {markup.text(self.local(derived.shown), self.lang)}"
            f" <span class='formula'>[{markup.text(self.local(derived.formula), self.lang)}]</span></p>"
        ))

    def _number(self, kind: str, name: str) -> markup.Number:
        """The next number of a table or figure on this page: the page is the name's prefix (02_… → 2)."""
        self._counts[kind] = self._counts.get(kind, 0) + 1
        page = int(name[:2]) if name[:2].isdigit() else 0
        return markup.Number(kind, self.t(f"markup.{kind}"), page, self._counts[kind])

    def table(self, frame: pd.DataFrame, name: str, source: str = "", *, caption_key: str | None = None,
              zh_columns: tuple[str, ...] = (), code_columns: tuple[str, ...] = (),
              key_columns: tuple[str, ...] = (), marks: dict[str, list[str]] | None = None,
              code_only: bool = False, fold: bool | None = None) -> pd.DataFrame:
        """Show ``frame`` as a numbered table with its caption (``caption.<name>``) and translated headers
        (``col.<column>``, which must exist); save it as ``tables/<name>.csv``, which the caption links.
        Without a ``name`` (exploring), the table is only shown: no number, caption or file.

        ``zh_columns`` hold article text (marked Chinese on English pages; Chinese quoted inside other
        cells is marked too), ``code_columns`` ids, internal names and curators' notes (shown only on
        the code variant), ``key_columns`` what phones show first;
        ``code_only`` hides the whole table from readers' pages (all its columns count as code columns);
        ``marks`` colours a column's cells by a value per row (``markup.MARK_STYLES``);
        ``fold`` folds a long table under its caption (``<details>``, its summary giving the number of rows);
        by default a table of more than ``FOLD_ROWS`` rows is folded, so a phone reader sees its caption first.
        Returns the table with the headers shown (end the call with ``;`` to see it once in a cell).
        """
        headers = [self.t(f"col.{c}") for c in frame.columns]
        fold = len(frame) > FOLD_ROWS if fold is None else fold
        if name:
            self._write(self.out_dir / "tables" / f"{name}.csv", spreadsheet_csv(frame.set_axis(headers, axis=1)))
        body = markup.table(frame, headers, number=None if code_only or not name else self._number("table", name),
                            caption=self.t(caption_key or f"caption.{name}") if name or caption_key else "",
                            data_href=f"data/tables/{name}.csv" if name else "", data_label=self.t("markup.data_csv"),
                            source=source, page_lang=self.lang, zh_columns=zh_columns,
                            code_columns=tuple(frame.columns) if code_only else code_columns,
                            key_columns=key_columns, marks=marks, name=name,
                            fold=self.t("markup.fold", rows=len(frame)) if fold else "")
        if code_only:
            body = f'<div class="code-only" data-pagefind-ignore>{body}</div>'
        display(HTML(body))
        return frame.set_axis(headers, axis=1)

    def figure(self, fig: plt.Figure, name: str, source: str, *, caption: str, alt: str,
               data: pd.DataFrame, phone: plt.Figure | None = None, note: str = "") -> None:
        """Save ``fig`` under ``out_dir/figures`` (the source line drawn in) with its data as CSV, and show it
        as a numbered figure: caption, alt text (what the chart shows, in words), links to the full-size
        image and the data, the source line as text; ``note``, a sentence after the caption. ``phone``, the same
        chart drawn for ``theme.PHONE``, is what narrow screens show instead. Closes the figures."""
        line = theme.add_source(fig, source)
        path = theme.save_figure(fig, self.out_dir, name, self.fig_format)
        line.remove()
        self.saved.append(f"figures/{path.name}")
        self._write(self.out_dir / "figures" / f"{name}.csv", spreadsheet_csv(data))
        display(HTML(markup.figure(
            theme.png_bytes(fig), number=self._number("figure", name), caption=caption, alt=alt,
            full_href=f"data/figures/{path.name}", full_label=self.t("markup.full_size"),
            data_href=f"data/figures/{name}.csv", data_label=self.t("markup.data_csv"), source=source,
            page_lang=self.lang, name=name,
            phone_png=theme.png_bytes(phone, theme.PHONE.dpi) if phone else None, note=note)))
        plt.close(fig)
        if phone:
            plt.close(phone)

    def chart(self, draw: Callable[..., plt.Figure], name: str, source: str, **figure: object) -> None:
        """``figure`` for a chart drawn by ``draw(layout=…)`` (a ``charts`` shape with its data bound): drawn
        for a desktop and for a phone (``theme.PHONE``), each shown where it reads best."""
        self.figure(draw(), name, source, phone=draw(layout=theme.PHONE), **figure)

    def _write(self, target: Path, data: bytes) -> None:
        atomic_write(target, data)
        self.saved.append(target.relative_to(self.out_dir).as_posix())

    def write_file(self, relative: str, data: bytes) -> Path:
        """Write an export under ``out_dir`` atomically."""
        target = self.out_dir / relative
        self._write(target, data)
        return target


def start(lang: str = "zh", data_dir: str = "", article_path: str = "", out_dir: str = "",
          fig_format: str = "png") -> Notebook:
    """Validate the parameters, load the inputs, and return the notebook's context ``R``.

    Relative ``data_dir``, ``article_path`` and ``out_dir`` are taken from the
    project root, so a notebook behaves the same from any working directory.
    """
    params = validate(dict(lang=lang, data_dir=data_dir, article_path=article_path,
                           out_dir=out_dir, fig_format=fig_format))
    theme.use_theme(params["lang"])
    folder = paths.data_dir(params["data_dir"])
    refuse_links_out(folder)  # nothing outside the data folder is read, in JupyterLab as in a run
    article_file = paths.article_path(folder, params["article_path"])
    article = load_article(article_file)
    t = load_glossary(params["lang"], folder)
    own_page = article_file.resolve() == paths.article_path(folder).resolve()
    ledger, note = None, ""
    if own_page:
        ledger = load_indicators(folder, article.text)
    else:
        note = t("note.other_article")
    return Notebook(params["lang"], folder, article_file,
                    paths.out_dir(params["lang"], params["out_dir"]), params["fig_format"],
                    t, article, ledger, note, read_meta(folder))

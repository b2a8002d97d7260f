"""Figures several notebooks draw, from ledger rows, external figures and derived values.

Values come from the ledger or the context data; labels from the glossary in
the notebook's language. Article values, external values and derived values
are drawn in three colours and named in every legend. Every figure is shown
numbered, with its data as CSV and an alt text that says in words what it
shows (its title and every value).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial

import pandas as pd

from .. import charts, periods
from ..derive import stated
from ..notebook import Notebook

ORIGIN_COLORS = {"article": charts.ARTICLE_COLOR, "external": charts.EXTERNAL_COLOR,
               "derived": charts.BOUND_COLOR}


@dataclass(frozen=True)
class Bar:
    """One bar of a comparison: its label, value, annotation and origin ("article", "external" or "derived")."""

    label: str
    value: float
    annotation: str
    origin: str


def alt_text(R: Notebook, title: str, items: Iterable[str]) -> str:
    """'A chart: title. label value; label value …' in the reader's language."""
    return R.t("markup.alt", title=title, values=R.t("markup.separator").join(items))


def bars(R: Notebook, items: Sequence[Bar], title_key: str, xlabel_key: str, name: str,
         source: str) -> None:
    """A horizontal bar figure of mixed article / external / derived values."""
    origins = list(dict.fromkeys(item.origin for item in items))
    title = R.t(title_key)
    annotations = [R.local(item.annotation) for item in items]
    draw = partial(
        charts.hbar, [item.label for item in items], [item.value for item in items], annotations, title,
        R.t(xlabel_key), colors=[ORIGIN_COLORS[item.origin] for item in items],
        legend=[(ORIGIN_COLORS[o], R.t(f"origin.{o}")) for o in origins] if len(origins) > 1 else (),
    )
    data = pd.DataFrame({"label": [i.label for i in items], "value": [i.value for i in items],
                         "shown": annotations, "origin": [R.t(f"origin.{i.origin}") for i in items]})
    alt = alt_text(R, title, (f"{i.label} {a} ({R.t('origin.' + i.origin)})" for i, a in zip(items, annotations)))
    R.chart(draw, name, source, caption=title, alt=alt, data=data)


def ledger_bars(R: Notebook, ids: Iterable[str], title_key: str, xlabel_key: str,
                name: str) -> None:
    """Ledger values as bars, each annotated with its value and provincial rank."""
    rows = [R.row(i) for i in ids]
    items = [Bar(R.metric(r), r["value"], R.value_and_rank(r), "article") for r in rows]
    bars(R, items, title_key, xlabel_key, name, R.source_line())


def slope_figure(R: Notebook, before: pd.Series, after: pd.Series, title_key: str, ylabel_key: str,
                 name: str) -> None:
    """Two article values joined by a line: a change between two dates."""
    title = R.t(title_key)
    labels = (R.local(stated(before)), R.local(stated(after)))
    draw = partial(charts.slope, year_of(before), year_of(after), before["value"], after["value"], labels, title,
                   R.t(ylabel_key), baseline_note=R.t("axis.not_from_zero"))
    data = pd.DataFrame({"period": [before["period"], after["period"]], "value": [before["value"], after["value"]],
                         "shown": list(labels)})
    alt = alt_text(R, title, (f"{year_of(r)} {label}" for r, label in zip((before, after), labels)))
    R.chart(draw, name, R.source_line(), caption=title, alt=alt, data=data)


def timeline_figure(R: Notebook, points: pd.DataFrame, title_key: str, ylabel_key: str, name: str,
                    source: str, note_key: str = "") -> None:
    """Points over time by series; the article's filled, external ones hollow. ``note_key``: a sentence the
    caption adds after the title (what an assumption in the title means)."""
    title = R.t(title_key)
    draw = partial(charts.timeline, points, title, R.t(ylabel_key), R.t("origin.article"), R.t("origin.external"),
                   baseline_note=R.t("axis.not_from_zero"))
    origins = [R.t("origin.external" if e else "origin.article") for e in points["external"]]
    data = points.assign(origin=origins)[["series", "x", "value", "label", "origin"]]
    alt = alt_text(R, title, (f"{s} {int(x)} {label} ({k})" for s, x, label, k in
                              zip(points["series"], points["x"], points["label"], origins)))
    R.chart(draw, name, source, caption=title, alt=alt, data=data, note=R.t(note_key) if note_key else "")


def counts_figure(R: Notebook, table: pd.DataFrame, title_key: str, ylabel_key: str, name: str,
                  source: str) -> None:
    """Stacked counts: rows are groups (x), columns are categories (stack)."""
    title = R.t(title_key)
    draw = partial(charts.grouped_counts, table, title, R.t(ylabel_key))
    items = (f"{group}: " + ", ".join(f"{column} {int(table.loc[group, column])}" for column in table.columns
                                      if table.loc[group, column])
             for group in table.index)
    R.chart(draw, name, source, caption=title, alt=alt_text(R, title, items),
            data=table.rename_axis("group").reset_index())


def year_of(row: pd.Series) -> str:
    """The (last) year of a row's period, as a label: '2022-12-31' → '2022'."""
    return str(periods.year_of(row["period"]))


def timeline_points(R: Notebook, own: pd.Series, external: Sequence[pd.Series]) -> pd.DataFrame:
    """Points for ``timeline_figure``: the article's value and external ones, by place."""
    rows = [{"series": R.place_name(), "x": periods.year_of(own["period"]), "value": own["value"],
             "external": False, "label": R.local(stated(own))}]
    for e in external:
        rows.append({"series": R.place_name(e["place"]), "x": periods.year_of(e["period"]),
                     "value": e["value"], "external": True, "label": R.local(stated(e))})
    return pd.DataFrame(rows)


def growth_points(R: Notebook, pairs: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """Points for ``timeline_figure``: (ledger id, earlier external id) pairs, one series each."""
    rows = []
    for ledger_id, context_id in pairs:
        own, ext = R.row(ledger_id), R.external(context_id)
        name = R.metric(own)
        rows.append({"series": name, "x": periods.year_of(ext["period"]), "value": ext["value"],
                     "external": True, "label": R.local(stated(ext))})
        rows.append({"series": name, "x": periods.year_of(own["period"]), "value": own["value"],
                     "external": False, "label": R.local(stated(own))})
    return pd.DataFrame(rows)


def places_by_city(R: Notebook, table_name: str, title_key: str, ylabel_key: str, name: str) -> pd.DataFrame:
    """A list of places (context table with place_zh, kind, city_zh) counted by city, cities first; returns
    the list."""
    places = R.context_table(table_name)
    by_city = places.pivot_table(index="city_zh", columns="kind", values="id", aggfunc="count", fill_value=0)
    by_city = by_city.reindex(columns=["city", "county"], fill_value=0)
    by_city = by_city.sort_values(["city", "county"], ascending=False, kind="stable")
    by_city.columns = [R.t("placekind.city"), R.t("placekind.county")]
    by_city.index = [R.t(f"city.{c}") for c in by_city.index]
    counts_figure(R, by_city, title_key, ylabel_key, name, R.source_line(R.source_of(places.iloc[0]), article=False))
    return places

"""Figures several notebooks draw, from ledger rows, external figures and derived values.

Values come from the ledger or the context data; labels from the glossary in
the notebook's language. Article values, external values and derived values
are drawn in three colours and named in every legend.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from .. import charts, periods
from ..derive import stated
from ..notebook import Notebook

KIND_COLORS = {"article": charts.ARTICLE_COLOR, "external": charts.EXTERNAL_COLOR,
               "derived": charts.BOUND_COLOR}


@dataclass(frozen=True)
class Bar:
    """One bar of a comparison: its label, value, annotation and kind ("article", "external" or "derived")."""

    label: str
    value: float
    annotation: str
    kind: str


def bars(report: Notebook, items: Sequence[Bar], title_key: str, xlabel_key: str, name: str,
         source: str) -> None:
    """A horizontal bar figure of mixed article / external / derived values."""
    kinds = list(dict.fromkeys(item.kind for item in items))
    fig = charts.hbar(
        [item.label for item in items], [item.value for item in items],
        [report.local(item.annotation) for item in items], report.t(title_key), report.t(xlabel_key),
        colors=[KIND_COLORS[item.kind] for item in items],
        legend=[(KIND_COLORS[k], report.t(f"kind.{k}")) for k in kinds] if len(kinds) > 1 else (),
    )
    report.figure(fig, name, source)


def ledger_bars(report: Notebook, ids: Iterable[str], title_key: str, xlabel_key: str,
                name: str) -> None:
    """Ledger values as bars, each annotated with its value and provincial rank."""
    rows = [report.row(i) for i in ids]
    items = [Bar(report.metric(r), r["value"], report.value_and_rank(r), "article") for r in rows]
    bars(report, items, title_key, xlabel_key, name, report.source_line())


def year_of(row: pd.Series) -> str:
    """The (last) year of a row's period, as a label: '2022-12-31' → '2022'."""
    return str(periods.year_of(row["period"]))


def timeline_points(report: Notebook, own: pd.Series, external: Sequence[pd.Series]) -> pd.DataFrame:
    """Points for ``charts.timeline``: the article's value and external ones, by place."""
    rows = [{"series": report.t("place.huzhou"), "x": periods.year_of(own["period"]), "value": own["value"],
             "external": False, "label": report.local(stated(own))}]
    for e in external:
        rows.append({"series": report.t(f"place.{e['place']}"), "x": periods.year_of(e["period"]),
                     "value": e["value"], "external": True, "label": report.local(stated(e))})
    return pd.DataFrame(rows)


def growth_points(report: Notebook, pairs: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """Points for ``charts.timeline``: (ledger id, earlier external id) pairs, one series each."""
    rows = []
    for ledger_id, context_id in pairs:
        own, ext = report.row(ledger_id), report.external(context_id)
        name = report.metric(own)
        rows.append({"series": name, "x": periods.year_of(ext["period"]), "value": ext["value"],
                     "external": True, "label": report.local(stated(ext))})
        rows.append({"series": name, "x": periods.year_of(own["period"]), "value": own["value"],
                     "external": False, "label": report.local(stated(own))})
    return pd.DataFrame(rows)

"""Tables and figures that several notebooks show, built from ledger rows.

Values are always taken from the ledger or the context data; labels from the
glossary in the notebook's language. Article values, external values and
derived values are drawn in three colours and named in every legend.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from . import charts, periods
from .derive import Derived, stated
from .report import Report

KIND_COLORS = {"article": charts.ARTICLE_COLOR, "external": charts.EXTERNAL_COLOR,
               "derived": charts.BOUND_COLOR}


@dataclass(frozen=True)
class Bar:
    """One bar of a comparison: its label, value, annotation and kind."""

    label: str
    value: float
    annotation: str
    kind: str  # "article", "external" or "derived"


def external_source(external: pd.Series) -> str:
    """'publisher, date (reliability)' for a source line."""
    return f"{external['publisher']}, {external['date']} ({external['reliability']})"


def rank_text(report: Report, ledger_row: pd.Series) -> str:
    """'全省第2' / '#2 in Zhejiang', '全省前3' / 'top 3 in Zhejiang', or ''."""
    if pd.isna(ledger_row["province_rank"]):
        return ""
    key = "rank.top_n" if ledger_row["rank_kind"] == "top_n" else "rank.exact"
    return report.t(key, n=int(ledger_row["province_rank"]))


def claim_text(report: Report, ledger_row: pd.Series) -> str:
    """A row's claim as stated: its value (2071家, ≥250亿元) or, without one, its kind (首个, 唯一, 率先)."""
    if pd.isna(ledger_row["value"]):
        scope = report.t(f"scope.{ledger_row['scope']}") if ledger_row["scope"] else ""
        return report.t(f"claimkind.{ledger_row['kind']}", scope=scope).strip()
    return report.local(stated(ledger_row))


def value_and_rank(report: Report, ledger_row: pd.Series) -> str:
    rank = rank_text(report, ledger_row)
    return claim_text(report, ledger_row) + (f" · {rank}" if rank else "")


def bars(report: Report, items: Sequence[Bar], title_key: str, xlabel_key: str, name: str,
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


def ledger_bars(report: Report, ids: Iterable[str], title_key: str, xlabel_key: str,
                name: str) -> None:
    """Ledger values as bars, each annotated with its value and provincial rank."""
    rows = [report.row(i) for i in ids]
    items = [Bar(report.metric(r), r["value"], value_and_rank(report, r), "article") for r in rows]
    bars(report, items, title_key, xlabel_key, name, report.source_line())


def ledger_table(report: Report, ids: Iterable[str] | None = None, section: str | None = None,
                 name: str | None = None) -> None:
    """Ledger rows as a table: indicator, claim as stated, period, rank, quote, id."""
    ledger = report.ledger
    chosen = ledger[ledger["section"] == section] if section else ledger
    if ids is not None:
        chosen = pd.concat([chosen[chosen["id"] == i] for i in ids])
    frame = pd.DataFrame({
        "indicator": [report.metric(r) for _, r in chosen.iterrows()],
        "value": [claim_text(report, r) for _, r in chosen.iterrows()],
        "period": chosen["period"].tolist(),
        "rank": [rank_text(report, r) for _, r in chosen.iterrows()],
        "quote": chosen["quote"].tolist(),
        "id": chosen["id"].tolist(),
    })
    report.table(frame, name=name, source=report.source_line())


def derived_table(report: Report, items: Sequence[tuple[str, Derived] | tuple[str, Derived, dict]],
                  name: str) -> None:
    """Derived figures as a table: what (a glossary key, with its fill when given), value, formula, ids."""
    frame = pd.DataFrame({
        "derived": [report.t(item[0], **(item[2] if len(item) > 2 else {})) for item in items],
        "value": [report.local(item[1].shown) for item in items],
        "formula": [item[1].formula for item in items],
        "ids": [", ".join(item[1].ids) for item in items],
    })
    report.table(frame, name=name, source=report.source_line())


def external_table(report: Report, ids: Iterable[str], name: str) -> None:
    """External figures with their sources, marked as external."""
    rows = [report.external(i) for i in ids]
    frame = pd.DataFrame({
        "indicator": [r[f"indicator_{report.lang}"] for r in rows],
        "value": [report.local(stated(r)) for r in rows],
        "period": [r["period"] for r in rows],
        "note": [r["note"] for r in rows],
        "source": [external_source(r) for r in rows],
        "address": [r["url"] or r["title"] for r in rows],
        "origin": [report.t("kind.external")] * len(rows),
    })
    report.table(frame, name=name, source=report.source_line(*[external_source(r) for r in rows]))


def year_of(row: pd.Series) -> str:
    """The (last) year of a row's period, as a label: '2022-12-31' → '2022'."""
    return str(periods.year_of(row["period"]))


def timeline_points(report: Report, own: pd.Series, external: Sequence[pd.Series]) -> pd.DataFrame:
    """Points for ``charts.timeline``: the article's value and external ones, by place."""
    places = {"huzhou": report.t("place.huzhou"), "zhejiang": report.t("place.zhejiang")}
    rows = [{"series": places["huzhou"], "x": periods.year_of(own["period"]), "value": own["value"],
             "external": False, "label": report.local(stated(own))}]
    for e in external:
        rows.append({"series": places.get(e["place"], e["place"]), "x": periods.year_of(e["period"]),
                     "value": e["value"], "external": True, "label": report.local(stated(e))})
    return pd.DataFrame(rows)


def growth_points(report: Report, pairs: Sequence[tuple[str, str]]) -> pd.DataFrame:
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

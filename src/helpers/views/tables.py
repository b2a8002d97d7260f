"""Tables several notebooks show: ledger rows, derived figures, external figures.

Each is shown in the notebook's language and saved as CSV under ``out_dir/tables``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..derive import Derived, stated
from ..notebook import Notebook


def ledger_table(report: Notebook, ids: Iterable[str] | None = None, section: str | None = None,
                 name: str = "") -> None:
    """Ledger rows as a table: indicator, claim as stated, period, rank, quote, id."""
    ledger = report.ledger
    chosen = ledger[ledger["section"] == section] if section else ledger
    if ids is not None:
        chosen = pd.concat([chosen[chosen["id"] == i] for i in ids])
    frame = pd.DataFrame({
        "indicator": [report.metric(r) for _, r in chosen.iterrows()],
        "value": [report.claim_text(r) for _, r in chosen.iterrows()],
        "period": [report.period_text(p) for p in chosen["period"]],
        "rank": [report.rank_text(r) for _, r in chosen.iterrows()],
        "quote": chosen["quote"].tolist(),
        "id": chosen["id"].tolist(),
    })
    report.table(frame, name=name, source=report.source_line(), zh_columns=("quote",), code_columns=("id",),
                 key_columns=("indicator", "value"))


def derived_table(report: Notebook, items: Sequence[tuple[str, Derived] | tuple[str, Derived, dict]],
                  name: str) -> None:
    """Derived figures as a table: what (a glossary key, with its fill when given), value, formula, ids."""
    frame = pd.DataFrame({
        "derived": [report.t(item[0], **(item[2] if len(item) > 2 else {})) for item in items],
        "value": [report.local(item[1].shown) for item in items],
        "formula": [report.local(item[1].formula) for item in items],
        "ids": [", ".join(item[1].ids) for item in items],
    })
    report.table(frame, name=name, source=report.source_line(), code_columns=("ids",), key_columns=("derived", "value"))


def external_table(report: Notebook, ids: Iterable[str], name: str) -> None:
    """External figures with their sources, marked as external."""
    rows = [report.external(i) for i in ids]
    frame = pd.DataFrame({
        "indicator": [r[f"indicator_{report.lang}"] for r in rows],
        "value": [report.local(stated(r)) for r in rows],
        "period": [report.period_text(r["period"]) for r in rows],
        "note": [r[f"note_{report.lang}"] for r in rows],
        "source": [report.source_of(r) for r in rows],
        "address": [r["url"] or r["title"] for r in rows],
        "origin": [report.t("kind.external")] * len(rows),
    })
    report.table(frame, name=name, source=report.source_line(*[report.source_of(r) for r in rows]),
                 zh_columns=("address",), key_columns=("indicator", "value"))


def place_list(report: Notebook, places: pd.DataFrame, name: str) -> None:
    """A list of places from the context data: the place, its kind and its city, in the reader's language."""
    frame = pd.DataFrame({"place": places[f"place_{report.lang}"],
                          "kind": [report.t(f"kind.{k}") for k in places["kind"]],
                          "city": [report.t(f"city.{c}") for c in places["city_zh"]]})
    report.table(frame, name=name, source=report.source_line(report.source_of(places.iloc[0])),
                 key_columns=("place",))

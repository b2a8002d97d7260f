"""Tables several notebooks show: ledger rows, derived figures, external figures.

Each is shown in the notebook's language, saved as CSV under ``out_dir/tables``
when it has a name, and returned as a DataFrame with the headers shown (end
the call with ``;`` in a notebook cell to see it once).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..derive import Derived, stated
from ..ledger import rows
from ..notebook import Notebook


def ledger_table(report: Notebook, ids: Iterable[str] | None = None, section: str | None = None,
                 name: str = "") -> pd.DataFrame:
    """Ledger rows (a section's, or the ids given, or all) as a table: indicator, claim as stated, period,
    rank, quote, id. A section or id that does not exist raises one sentence listing what does."""
    chosen = rows(report.ledger, ids, section)
    frame = pd.DataFrame({
        "indicator": [report.metric(r) for _, r in chosen.iterrows()],
        "value": [report.claim_text(r) for _, r in chosen.iterrows()],
        "period": [report.period_text(p) for p in chosen["period"]],
        "rank": [report.rank_text(r) for _, r in chosen.iterrows()],
        "quote": chosen["quote"].tolist(),
        "id": chosen["id"].tolist(),
    })
    return report.table(frame, name=name, source=report.source_line(), zh_columns=("quote",), code_columns=("id",),
                 key_columns=("indicator", "value"))


def derived_table(report: Notebook, items: Sequence[tuple[str, Derived] | tuple[str, Derived, dict]],
                  name: str) -> pd.DataFrame:
    """Derived figures as a table: what (a glossary key, with its fill when given), value, formula, ids."""
    frame = pd.DataFrame({
        "derived": [report.t(item[0], **(item[2] if len(item) > 2 else {})) for item in items],
        "value": [report.local(item[1].shown) for item in items],
        "formula": [report.local(item[1].formula) for item in items],
        "ids": [", ".join(item[1].ids) for item in items],
    })
    return report.table(frame, name=name, source=report.source_line(), code_columns=("ids",),
                        key_columns=("derived", "value"))


def external_table(report: Notebook, ids: Iterable[str], name: str) -> pd.DataFrame:
    """External figures with their place and sources, marked as external."""
    found = [report.external(i) for i in ids]
    frame = pd.DataFrame({
        "place": [report.t(f"place.{r['place']}") if report.t.has(f"place.{r['place']}") else r["place"] for r in found],
        "indicator": [r[f"indicator_{report.lang}"] for r in found],
        "value": [report.local(stated(r)) for r in found],
        "period": [report.period_text(r["period"]) for r in found],
        "note": [r[f"note_{report.lang}"] for r in found],
        "source": [report.source_of(r) for r in found],
        "address": [r["url"] or r["title"] for r in found],
        "origin": [report.t("origin.external")] * len(found),
    })
    return report.table(frame, name=name, source=report.source_line(*[report.source_of(r) for r in found], article=False),
                 zh_columns=("address",), key_columns=("indicator", "value"))


def place_list(report: Notebook, places: pd.DataFrame, name: str) -> pd.DataFrame:
    """A list of places from the context data: the place, its kind and its city, in the reader's language."""
    frame = pd.DataFrame({"place": places[f"place_{report.lang}"],
                          "kind": [report.t(f"placekind.{k}") for k in places["kind"]],
                          "city": [report.t(f"city.{c}") for c in places["city_zh"]]})
    return report.table(frame, name=name, source=report.source_line(report.source_of(places.iloc[0]), article=False),
                 key_columns=("place",))

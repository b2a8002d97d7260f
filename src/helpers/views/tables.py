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


def ledger_table(R: Notebook, ids: Iterable[str] | None = None, section: str | None = None,
                 name: str = "") -> pd.DataFrame:
    """Ledger rows (a section's, or the ids given, or all) as a table: indicator, claim as stated, period,
    rank, quote, id. A section or id that does not exist raises one sentence listing what does."""
    chosen = rows(R.ledger, ids, section)
    frame = pd.DataFrame({
        "indicator": [R.metric(r) for _, r in chosen.iterrows()],
        "value": [R.claim_text(r) for _, r in chosen.iterrows()],
        "period": [R.period_text(p) for p in chosen["period"]],
        "rank": [R.rank_text(r) for _, r in chosen.iterrows()],
        "quote": chosen["quote"].tolist(),
        "id": chosen["id"].tolist(),
    })
    return R.table(frame, name=name, source=R.source_line(), zh_columns=("quote",), code_columns=("id",),
                 key_columns=("indicator", "value"))


def derived_table(R: Notebook, items: Sequence[tuple[str, Derived] | tuple[str, Derived, dict]],
                  name: str) -> pd.DataFrame:
    """Derived figures as a table: what (a glossary key, with its fill when given), value, formula, ids."""
    frame = pd.DataFrame({
        "derived": [R.t(item[0], **(item[2] if len(item) > 2 else {})) for item in items],
        "value": [R.local(item[1].shown) for item in items],
        "formula": [R.local(item[1].formula) for item in items],
        "ids": [", ".join(item[1].ids) for item in items],
    })
    return R.table(frame, name=name, source=R.source_line(), code_columns=("ids",),
                   key_columns=("derived", "value"))


def external_table(R: Notebook, ids: Iterable[str], name: str) -> pd.DataFrame:
    """External figures with their place and sources, marked as external."""
    found = [R.external(i) for i in ids]
    frame = pd.DataFrame({
        "place": [R.place_name(r["place"]) for r in found],
        "indicator": [r[f"indicator_{R.lang}"] for r in found],
        "value": [R.local(stated(r)) for r in found],
        "period": [R.period_text(r["period"]) for r in found],
        "note": [r[f"note_{R.lang}"] for r in found],
        "source": pd.Series([R.source_of(r) for r in found], dtype=object),  # keeps the links (markup.Linked)
        "address": [r["url"] or r["title"] for r in found],
        "origin": [R.t("origin.external")] * len(found),
    })
    return R.table(frame, name=name, source=R.source_line(*[R.source_of(r) for r in found], article=False),
                 zh_columns=("address",), key_columns=("indicator", "value"))


def place_list(R: Notebook, places: pd.DataFrame, name: str) -> pd.DataFrame:
    """A list of places from the context data: the place, its kind and its city, in the reader's language."""
    frame = pd.DataFrame({"place": places[f"place_{R.lang}"],
                          "kind": [R.t(f"placekind.{k}") for k in places["kind"]],
                          "city": [R.t(f"city.{c}") for c in places["city_zh"]]})
    return R.table(frame, name=name, source=R.source_line(R.source_of(places.iloc[0]), article=False),
                 key_columns=("place",))

"""Machine against curation: the extractor's claims and the ledger's rows, field by field.

For every ledger row, the claim that states its figure is the extractor's
claim of the row's kind inside the row's quote (for a quantity or streak, the
one with the row's value and unit); the claim that states its rank is the
rank inside the quote at the row's scope (national, province, city, a named group …). ``disagreements`` lists every field where
row and claim differ (kind, value, unit, qualifier, period, scope, rank,
rank kind) and whether the row's note gives the reason (``period: …``).
``map_claims`` goes the other way: every claim the extractor finds is a
ledger figure or rank, a time expression, a name, an exclusion with its
reason, or unmatched.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from .claims import CLAIM_KINDS, TIME_KINDS
from .registry import VALUE_KINDS, WORDED_KINDS
from .script import same_reading

FIELDS = ("kind", "value", "unit", "qualifier", "period", "scope", "rank", "rank_kind")
MATCHES = ("ledger", "time", "name", "excluded", "unmatched")  # how a claim maps to the ledger (column ``match``)


def quote_span(text: str, quote: str) -> tuple[int, int]:
    """Offsets of the first occurrence of ``quote`` in ``text`` ((-1, -1) when absent)."""
    start = text.find(quote)
    return (start, start + len(quote)) if start >= 0 else (-1, -1)


def _inside(claims: pd.DataFrame, span: tuple[int, int]) -> pd.DataFrame:
    """The claims within ``span`` (claims come sorted by start, so a binary search finds them)."""
    start, end = span
    lo, hi = claims["start"].searchsorted(start, "left"), claims["start"].searchsorted(end, "left")
    near = claims.iloc[lo:hi]
    return near[near["end"] <= end]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b)
    return a == b


def figure_claim(row: pd.Series, inside: pd.DataFrame) -> pd.Series | None:
    """The claim inside the row's quote that states the row's own figure (None if there is none)."""
    if row["kind"] == "rank":
        return None
    same_kind = inside[inside["kind"] == row["kind"]]
    if row["kind"] in VALUE_KINDS:
        exact = same_kind[[_same(v, row["value"]) and same_reading(u, row["unit"])
                           for v, u in zip(same_kind["value"], same_kind["unit"])]]
        if not exact.empty:
            return exact.iloc[0]
        by_value = inside[[_same(v, row["value"]) for v in inside["value"]]] if len(inside) else inside
        by_value = by_value[by_value["kind"].isin(CLAIM_KINDS)]
        if not by_value.empty:
            return by_value.iloc[0]
    return same_kind.iloc[0] if not same_kind.empty else None


def rank_claim(row: pd.Series, inside: pd.DataFrame) -> pd.Series | None:
    """The rank inside the row's quote that states the row's rank: the one at the row's scope with its rank and
    rank kind, else the first at its scope, else the first of any scope (None without one)."""
    if pd.isna(row["rank"]):
        return None
    ranks = inside[inside["kind"] == "rank"]
    scoped = ranks[ranks["scope"] == row["scope"]]
    exact = scoped[[_same(v, float(row["rank"])) and k == row["rank_kind"]
                    for v, k in zip(scoped["value"], scoped["rank_kind"])]]
    for found in (exact, scoped, ranks):
        if not found.empty:
            return found.iloc[0]
    return None


def noted(note: str, field: str) -> bool:
    """Whether a row's note gives a reason for ``field`` (``field: reason``, several joined by ``;``)."""
    return bool(re.search(rf"(?:^|;)\s*{re.escape(field)}\s*:", note))


def disagreements(ledger: pd.DataFrame, claims: pd.DataFrame, text: str) -> pd.DataFrame:
    """Every field where a ledger row and the extractor's claim differ.

    Columns: id, field, ledger, extractor, noted. A row whose figure or rank
    the extractor does not find at all has field ``kind`` (or ``rank``)
    with an empty extractor value.
    """
    out: list[dict] = []

    def differ(row: pd.Series, field: str, mine: object, theirs: object) -> None:
        if not _same(mine, theirs):
            out.append({"id": row["id"], "field": field, "ledger": mine, "extractor": theirs,
                        "noted": noted(row["note"], field)})

    for _, row in ledger.iterrows():
        inside = _inside(claims, quote_span(text, row["quote"]))
        if row["kind"] != "rank":
            claim = figure_claim(row, inside)
            if claim is None:
                differ(row, "kind", row["kind"], "")
            else:
                differ(row, "kind", row["kind"], claim["kind"])
                differ(row, "value", float(row["value"]), float(claim["value"]))
                read_alike = same_reading(row["unit"], claim["unit"])  # 亿元 curated for a quote's 億元
                differ(row, "unit", row["unit"], row["unit"] if read_alike else claim["unit"])
                differ(row, "qualifier", row["qualifier"], claim["qualifier"])
                differ(row, "period", row["period"], claim["period"])
                if row["kind"] in WORDED_KINDS:
                    differ(row, "scope", row["scope"], claim["scope"])
        if pd.isna(row["rank"]):
            continue
        rank = rank_claim(row, inside)
        if rank is None:
            differ(row, "rank", float(row["rank"]), "")
            continue
        differ(row, "rank", float(row["rank"]), float(rank["value"]))
        differ(row, "rank_kind", row["rank_kind"], rank["rank_kind"])
        differ(row, "scope", row["scope"], rank["scope"])
        if row["kind"] == "rank":
            differ(row, "period", row["period"], rank["period"])
    return pd.DataFrame(out, columns=["id", "field", "ledger", "extractor", "noted"])


def _claims_of_rows(ledger: pd.DataFrame, claims: pd.DataFrame, text: str) -> dict[object, list[str]]:
    """Claim index → ids of the rows whose figure or rank it states."""
    found: dict[object, list[str]] = {}
    for _, row in ledger.iterrows():
        inside = _inside(claims, quote_span(text, row["quote"]))
        for claim in (figure_claim(row, inside), rank_claim(row, inside)):
            if claim is not None:
                found.setdefault(claim.name, []).append(row["id"])
    return found


def map_claims(claims: pd.DataFrame, ledger: pd.DataFrame | None, text: str,
               exclusions: pd.DataFrame | None = None, lang: str = "en") -> pd.DataFrame:
    """Every claim with its ``match`` (see MATCHES), ``ledger_ids`` and ``reason``.

    ``reason`` is the exclusion's reason in ``lang``, or, for a name, the
    extractor's reason code (``quoted``, ``fixed_word`` …).
    """
    by_claim = _claims_of_rows(ledger, claims, text) if ledger is not None else {}
    excluded: dict[tuple[int, str], str] = {}
    for _, ex in (exclusions if exclusions is not None else pd.DataFrame()).iterrows():
        for hit in re.finditer(re.escape(ex["context"]), text):
            excluded[(hit.start() + ex["context"].find(ex["span"]), ex["span"])] = ex[f"reason_{lang}"]
    matches, ids, reasons = [], [], []
    for index, claim in claims.iterrows():
        match, reason, matched = "unmatched", "", by_claim.get(index, [])
        if matched:
            match = "ledger"
        elif (claim["start"], claim["span"]) in excluded:
            match, reason = "excluded", excluded[(claim["start"], claim["span"])]
        elif claim["kind"] in TIME_KINDS:
            match = "time"
        elif claim["kind"] == "name":
            match, reason = "name", claim["reason"]
        matches.append(match)
        ids.append(", ".join(matched))
        reasons.append(reason)
    out = claims.copy()
    out["match"], out["ledger_ids"], out["reason"] = matches, ids, reasons
    return out


def rows_not_found(claims: pd.DataFrame, ledger: pd.DataFrame, text: str) -> list[str]:
    """Ledger ids whose figure (and rank, if any) no extracted claim states."""
    found = disagreements(ledger, claims, text)
    lost = found[(found["extractor"] == "") & found["field"].isin(("kind", "rank"))]
    return list(dict.fromkeys(lost["id"]))

"""Load and validate the curated ledger, and reconcile it with the extractor.

``data/indicators.csv`` holds one row per figure the article states (columns in
DESIGN.md). Every fault is reported as one LedgerError naming the file, the
CSV line and the column. ``reconcile`` checks the two directions of agreement
between machine and curation: every extracted claim maps to a ledger row (or
is excluded with a reason), every ledger row is found by the extractor.
"""

from __future__ import annotations

import math
import re
from functools import partial
from pathlib import Path

import pandas as pd

from . import paths
from .datafiles import DataError, fault, read_csv_text
from .source import load_article

COLUMNS = ["id", "section", "topic", "metric_zh", "metric_en", "value", "unit",
           "qualifier", "period", "province_rank", "rank_kind", "quote"]
SECTIONS = ("award", "industry", "innovation", "green_digital")
QUALIFIERS = ("exact", "approx", "at_least", "target")
RANK_KINDS = ("exact", "top_n")
UNITS = ("%", "亿元", "万元", "家", "个", "项", "名", "人次", "倍", "年", "连冠", "大")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_PERIOD = re.compile(rf"^{_DATE}(?:/{_DATE})?$")
EXCLUSION_COLUMNS = ["span", "context", "reason_zh", "reason_en"]


class LedgerError(DataError):
    """A fault in the ledger, naming file, line and column."""


def _fault(path: Path, line: int | None, column: str | None, message: str) -> LedgerError:
    return fault(path, line, column, message, LedgerError)


def validate_indicators(raw: pd.DataFrame, path: Path, article_text: str | None) -> pd.DataFrame:
    """Check a ledger read as text; return it with typed value and rank columns."""
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise _fault(path, 1, missing[0], "required column is missing "
                     f"(required: {', '.join(COLUMNS)}).")
    seen: dict[str, int] = {}
    values: list[float] = []
    ranks: list[float] = []
    for i, row in raw.iterrows():
        line = int(i) + 2
        bad = partial(_fault, path, line)

        if not _ID.match(row["id"]):
            raise bad("id", f"{row['id']!r} is not a snake_case id (a-z, 0-9, _).")
        if row["id"] in seen:
            raise bad("id", f"duplicate id {row['id']!r} (first on line {seen[row['id']]}).")
        seen[row["id"]] = line
        for column, allowed in (("section", SECTIONS), ("qualifier", QUALIFIERS), ("unit", UNITS)):
            if row[column] not in allowed:
                raise bad(column, f"{row[column]!r} is not allowed (allowed: {', '.join(allowed)}).")
        for column in ("topic", "metric_zh", "metric_en", "quote"):
            if not row[column].strip():
                raise bad(column, "must not be empty.")
        try:
            value = float(row["value"])
        except ValueError:
            raise bad("value", f"{row['value']!r} is not a number.") from None
        if not math.isfinite(value):
            raise bad("value", f"{row['value']!r} is not a finite number.")
        if not _PERIOD.match(row["period"]):
            raise bad("period", f"{row['period']!r} is not a period "
                      "(YYYY, YYYY-MM, YYYY-MM-DD, or two of them joined by '/').")
        rank, kind = row["province_rank"].strip(), row["rank_kind"].strip()
        if rank:
            if not rank.isdigit() or int(rank) < 1:
                raise bad("province_rank", f"{rank!r} is not a positive whole number.")
            if kind not in RANK_KINDS:
                raise bad("rank_kind", f"{kind!r} is not allowed with a rank "
                          f"(allowed: {', '.join(RANK_KINDS)}).")
        elif kind:
            raise bad("rank_kind", f"{kind!r} is given but province_rank is empty.")
        if article_text is not None and row["quote"] not in article_text:
            raise bad("quote", f"{row['quote']!r} is not found in the cleaned article text.")
        values.append(value)
        ranks.append(float(rank) if rank else math.nan)
    frame = raw[COLUMNS].copy()
    frame["value"] = pd.Series(values, index=frame.index, dtype=float)
    frame["province_rank"] = pd.Series(ranks, index=frame.index, dtype=float).astype("Int64")
    return frame.reset_index(drop=True)


def load_indicators(data_dir: str | Path = "", article_text: str | None = None) -> pd.DataFrame:
    """Load ``<data_dir>/indicators.csv`` and validate it against the article.

    ``article_text`` is the cleaned article; by default the data folder's own
    page is read and cleaned. Raises LedgerError naming file, line and column.
    """
    folder = paths.data_dir(data_dir)
    if article_text is None:
        article_text = load_article(paths.article_path(folder)).text
    path = folder / "indicators.csv"
    return validate_indicators(read_csv_text(path, LedgerError), path, article_text)


def load_exclusions(data_dir: str | Path = "") -> pd.DataFrame:
    """The claims that are not indicators, each with its reason."""
    path = paths.data_dir(data_dir) / "claim_exclusions.csv"
    frame = read_csv_text(path, LedgerError)
    missing = [c for c in EXCLUSION_COLUMNS if c not in frame.columns]
    if missing:
        raise _fault(path, 1, missing[0], "required column is missing.")
    for i, row in frame.iterrows():
        if row["span"] not in row["context"]:
            raise _fault(path, int(i) + 2, "context", f"does not contain the span {row['span']!r}.")
    return frame


def quote_spans(ledger: pd.DataFrame, text: str) -> list[tuple[int, int]]:
    """Offsets of every row's quote in ``text`` (first occurrence)."""
    spans = []
    for quote in ledger["quote"]:
        start = text.find(quote)
        spans.append((start, start + len(quote)) if start >= 0 else (-1, -1))
    return spans


def _claim_matches_row(claim: pd.Series, row: pd.Series) -> bool:
    if claim["kind"] == "rank":
        return (
            claim["scope"] == "province"
            and not pd.isna(row["province_rank"])
            and float(row["province_rank"]) == claim["value"]
            and row["rank_kind"] == claim["rank_kind"]
        )
    return (
        math.isclose(row["value"], claim["value"])
        and row["unit"] == claim["unit"]
        and row["qualifier"] == claim["qualifier"]
    )


def reconcile(claims: pd.DataFrame, ledger: pd.DataFrame, text: str,
              exclusions: pd.DataFrame | None = None, lang: str = "en") -> pd.DataFrame:
    """Map every claim to ledger rows, an exclusion, or nothing.

    Adds columns ``status`` (``ledger``: the claim states a ledger value or
    rank; ``context``: a year, period or date inside a ledger quote;
    ``excluded``: listed as not an indicator; ``unmatched``), ``ledger_ids``
    and ``reason``.
    """
    spans = quote_spans(ledger, text)
    statuses, ids, reasons = [], [], []
    for _, claim in claims.iterrows():
        covering = [
            i for i, (s, e) in enumerate(spans) if s <= claim["start"] and claim["end"] <= e
        ]
        matched = [ledger.iloc[i]["id"] for i in covering if _claim_matches_row(claim, ledger.iloc[i])]
        reason = ""
        if matched:
            status = "ledger"
        elif covering and claim["kind"] in ("year", "period", "date"):
            status, matched = "context", [ledger.iloc[i]["id"] for i in covering]
        else:
            status = "unmatched"
            for _, ex in (exclusions if exclusions is not None else pd.DataFrame()).iterrows():
                for found in re.finditer(re.escape(ex["context"]), text):
                    offset = found.start() + ex["context"].find(ex["span"])
                    if offset == claim["start"] and ex["span"] == claim["span"]:
                        status, reason = "excluded", ex[f"reason_{lang}"]
        statuses.append(status)
        ids.append(", ".join(matched))
        reasons.append(reason)
    out = claims.copy()
    out["status"], out["ledger_ids"], out["reason"] = statuses, ids, reasons
    return out


def rows_not_found(claims: pd.DataFrame, ledger: pd.DataFrame, text: str) -> list[str]:
    """Ledger ids whose value (and rank, if any) no extracted claim states."""
    spans = quote_spans(ledger, text)
    missing = []
    for (start, end), (_, row) in zip(spans, ledger.iterrows()):
        inside = claims[(claims["start"] >= start) & (claims["end"] <= end)]
        values = inside[inside["kind"] != "rank"]
        ranks = inside[inside["kind"] == "rank"]
        has_value = any(_claim_matches_row(c, row) for _, c in values.iterrows())
        has_rank = pd.isna(row["province_rank"]) or any(
            _claim_matches_row(c, row) for _, c in ranks.iterrows()
        )
        if not (has_value and has_rank):
            missing.append(row["id"])
    return missing

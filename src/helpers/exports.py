"""The scorecard's exports: the ledger with its audit verdicts (CSV, JSON), the audit in the run's language,
and the headline figures the site's index shows.

Formats (README, "Exports"): ``claims.csv`` / ``claims.json`` have the ledger's
columns followed by ``audit_checks`` and ``audit_verdict``; ``audit.csv`` has
one row per finding; ``headline.json`` is a list of ``{"value", "label"}``.
"""

from __future__ import annotations

import json

import pandas as pd

from . import audit, registry
from .audit import BOOKKEEPING, CONSISTENT, INCONSISTENT, NOT_CHECKABLE, verdicts_by_id
from .files import spreadsheet_csv
from .i18n import Glossary
from .ledger import indicators

EXPORT_COLUMNS = registry.columns("claims")  # the ledger's columns, then audit_checks and audit_verdict


def claims_export(ledger: pd.DataFrame, result: pd.DataFrame) -> pd.DataFrame:
    """The ledger with its audit checks and overall verdict per row.

    ``audit_verdict`` is the verdict of the row's checks that says most about it:
    inconsistent, else not_checkable, else consistent, else bookkeeping ('' when unchecked).
    """
    by_id = verdicts_by_id(result)
    frame = ledger.copy()
    frame["audit_checks"] = [by_id.get(i, "") for i in frame["id"]]
    frame["audit_verdict"] = [audit.weakest([c.rsplit(":", 1)[1] for c in checks.split("; ") if c])
                              for checks in frame["audit_checks"]]
    return frame[EXPORT_COLUMNS]


def export_bytes(frame: pd.DataFrame) -> tuple[bytes, bytes]:
    """The claims export as CSV and JSON (a list of records), UTF-8, deterministic.

    The CSV is for spreadsheets: a text cell that starts like a formula gets a ``'`` in front
    (``files.spreadsheet_csv``); the JSON keeps every text exact.
    """
    csv_bytes = spreadsheet_csv(frame)
    records = json.loads(frame.to_json(orient="records", force_ascii=False))
    json_bytes = (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return csv_bytes, json_bytes


def audit_export(result: pd.DataFrame, t: Glossary) -> pd.DataFrame:
    """``audit.csv``: one row per finding, worded through the glossary in ``t``'s language (the columns'
    names and the ``verdict`` codes stay as the schema gives them), plus the raw verdict."""
    shown = audit.render(result, t)
    return shown.assign(verdict=result["verdict"])[registry.columns("audit")]


def headline(ledger: pd.DataFrame, result: pd.DataFrame) -> list[tuple[str, int]]:
    """The index page's headline figures as (glossary key, count): claims, indicators with a provincial rank,
    provincial firsts (a city first or a first among a group of counties is not one), and the audit's verdicts."""
    ranked = indicators(ledger)
    ranked = ranked[ranked["rank"].notna() & (ranked["scope"] == "province")]
    firsts = ranked[(ranked["rank"] == 1) & (ranked["rank_kind"] == "exact")]
    counts = result["verdict"].value_counts()
    items = [("headline.claims", len(ledger)), ("headline.ranked", len(ranked)), ("headline.firsts", len(firsts))]
    return items + [(f"headline.{v}", int(counts.get(v, 0))) for v in (CONSISTENT, BOOKKEEPING, NOT_CHECKABLE, INCONSISTENT)]


def headline_bytes(ledger: pd.DataFrame, result: pd.DataFrame, t: Glossary) -> bytes:
    """``headline.json``: the headline figures with their labels in ``t``'s language."""
    items = [{"value": str(n), "label": t(key)} for key, n in headline(ledger, result)]
    return (json.dumps(items, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

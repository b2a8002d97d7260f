"""External facts that put the article in context, each with its source.

``data/context/*.csv``: every row names its publisher (in Chinese and English), a title or address, the
date its source was published (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or
``unknown``) and a reliability (``official``: a government site; ``media``: a
major newspaper or its site; ``repost``: a copy of an official or media text
read elsewhere). Figures files (every file with a ``value`` column) also carry
place, indicator names, notes (both languages), unit, the period the figure holds for (see
``periods``; ``unknown`` when the source does not say), an optional rank, the
ledger id it compares with, and ``comparable`` (``yes`` only when it measures
the same thing as that ledger row). Loaded figures get ``qualifier`` =
``exact``, so that ``derive`` takes them as it takes ledger rows.
"""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

import pandas as pd

from . import paths, periods
from .files import DataError, fault, not_found, read_csv_text

RELIABILITY = ("official", "media", "repost")
SOURCE_COLUMNS = ["id", "publisher_zh", "publisher_en", "title", "url", "date", "reliability"]
FIGURE_COLUMNS = ["place", "indicator_zh", "indicator_en", "value", "unit", "period",
                  "rank", "ledger_id", "comparable", "note_zh", "note_en"]
COMPARABLE = ("yes", "no")
UNKNOWN_DATE = "unknown"


class ContextError(DataError):
    """A fault in a context file, naming file, line and column."""


def _fault(path: Path, line: int, column: str, message: str) -> ContextError:
    return fault(path, line, column, message, ContextError)


def is_source_date(text: str) -> bool:
    """A real calendar date (``2025``, ``2025-08``, ``2025-05-23``) or ``unknown``."""
    if text == UNKNOWN_DATE:
        return True
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        return False
    bits = [int(b) for b in text.split("-")] + [1, 1]
    try:
        date(bits[0], bits[1], bits[2])
    except ValueError:
        return False
    return True


def validate_context(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Check a context table read as text; figures files get a float ``value``."""
    figures = "value" in frame.columns
    required = SOURCE_COLUMNS + (FIGURE_COLUMNS if figures else [])
    for column in required:
        if column not in frame.columns:
            raise _fault(path, 1, column, f"required column is missing (required: {', '.join(required)}).")
    values: list[float] = []
    seen: set[str] = set()
    for i, row in frame.iterrows():
        line = int(i) + 2
        if not row["id"].strip() or row["id"] in seen:
            raise _fault(path, line, "id", f"{row['id']!r} is empty or used twice.")
        seen.add(row["id"])
        for column in ("publisher_zh", "publisher_en"):
            if not row[column].strip():
                raise _fault(path, line, column, "every external fact needs its source's publisher, in both languages.")
        if not (row["title"].strip() or row["url"].strip()):
            raise _fault(path, line, "title", "every external fact needs a title or an address.")
        if not is_source_date(row["date"]):
            raise _fault(path, line, "date", f"{row['date']!r} is not the date of the source "
                         "(YYYY, YYYY-MM or YYYY-MM-DD, a real date, or 'unknown').")
        if row["reliability"] not in RELIABILITY:
            raise _fault(path, line, "reliability", f"{row['reliability']!r} is not allowed "
                         f"(allowed: {', '.join(RELIABILITY)}).")
        if figures:
            try:
                value = float(row["value"])
            except ValueError:
                raise _fault(path, line, "value", f"{row['value']!r} is not a number.") from None
            if not math.isfinite(value):
                raise _fault(path, line, "value", f"{row['value']!r} is not a finite number.")
            if not periods.is_period(row["period"], allow_unknown=True):
                raise _fault(path, line, "period", f"{row['period']!r} is not a period (YYYY, YYYY-MM, "
                             "YYYY-MM-DD, two of them joined by '/', or 'unknown').")
            if row["comparable"] not in COMPARABLE:
                raise _fault(path, line, "comparable", f"{row['comparable']!r} is not allowed (allowed: yes, no).")
            values.append(value)
    if figures:
        frame = frame.copy()
        frame["value"] = pd.Series(values, index=frame.index, dtype=float)
        frame["qualifier"] = "exact"  # an external figure as its source states it, usable by ``derive``
    return frame


def load_context(name: str, data_dir: str | Path = "") -> pd.DataFrame:
    """One validated context table, ``<data_dir>/context/<name>.csv``."""
    path = paths.data_dir(data_dir) / "context" / f"{name}.csv"
    return validate_context(read_csv_text(path, ContextError), path)


def load_all(data_dir: str | Path = "") -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Every context file: the figures files stacked (with their file's name), and the other tables by name."""
    folder = paths.data_dir(data_dir) / "context"
    figures, tables = [], {}
    for path in sorted(folder.glob("*.csv")):
        frame = validate_context(read_csv_text(path, ContextError), path)
        if "value" in frame.columns:
            figures.append(frame.assign(file=path.stem))
        else:
            tables[path.stem] = frame
    stacked = pd.concat(figures, ignore_index=True) if figures else pd.DataFrame(columns=SOURCE_COLUMNS + FIGURE_COLUMNS)
    return stacked, tables


def load_figures(data_dir: str | Path = "") -> pd.DataFrame:
    """Every figures file in ``<data_dir>/context/``, validated and stacked, in file order."""
    return load_all(data_dir)[0]


COMPARISONS = ("same", "earlier", "other")


def comparison(own: pd.Series, external: pd.Series) -> str:
    """How an external figure relates to the ledger row it names: ``same`` figure (comparable, same unit,
    same time), an ``earlier`` value of the same measure, or ``other`` (not comparable: no difference)."""
    if external["comparable"] != "yes" or own["unit"] != external["unit"]:
        return "other"
    if periods.same_time(own["period"], external["period"]):
        return "same"
    if periods.same_measure(own["period"], external["period"]) and \
            periods.as_year(external["period"]) < periods.as_year(own["period"]):
        return "earlier"
    return "other"


def row(figures: pd.DataFrame, context_id: str) -> pd.Series:
    """One external figure by id; a missing id raises ``NotFound`` naming the closest ids."""
    found = figures[figures["id"] == context_id]
    if found.empty:
        raise not_found("the external figure", context_id, list(figures["id"]))
    return found.iloc[0]



"""External facts that put the article in context, each with its source.

``data/context/*.csv``: every row names its publisher, a title or address, a
date and a reliability (``official``: a government site; ``media``: a major
newspaper or its site; ``repost``: a copy of an official or media text read
elsewhere). Figures files (every file with a ``value`` column) also carry
place, indicator names, unit, period and the ledger id they compare with.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from . import paths
from .datafiles import DataError, fault, read_csv_text

RELIABILITY = ("official", "media", "repost")
SOURCE_COLUMNS = ["id", "publisher", "title", "url", "date", "reliability"]
FIGURE_COLUMNS = ["place", "indicator_zh", "indicator_en", "value", "unit", "period",
                  "rank", "ledger_id", "comparable", "note"]


class ContextError(DataError):
    """A fault in a context file, naming file, line and column."""


def _fault(path: Path, line: int, column: str, message: str) -> ContextError:
    return fault(path, line, column, message, ContextError)


def validate_context(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Check a context table read as text; figures files get a float ``value``."""
    figures = "value" in frame.columns
    required = SOURCE_COLUMNS + (FIGURE_COLUMNS if figures else [])
    for column in required:
        if column not in frame.columns:
            raise _fault(path, 1, column, "required column is missing "
                         f"(required: {', '.join(required)}).")
    values: list[float] = []
    for i, row in frame.iterrows():
        line = int(i) + 2
        if not row["publisher"].strip():
            raise _fault(path, line, "publisher", "every external fact needs its source's publisher.")
        if not (row["title"].strip() or row["url"].strip()):
            raise _fault(path, line, "title", "every external fact needs a title or an address.")
        if not row["date"].strip():
            raise _fault(path, line, "date", "every external fact needs the date of its source.")
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
            values.append(value)
    if figures:
        frame = frame.copy()
        frame["value"] = pd.Series(values, index=frame.index, dtype=float)
    return frame


def load_context(name: str, data_dir: str | Path = "") -> pd.DataFrame:
    """One validated context table, ``<data_dir>/context/<name>.csv``."""
    path = paths.data_dir(data_dir) / "context" / f"{name}.csv"
    return validate_context(read_csv_text(path, ContextError), path)


def load_figures(data_dir: str | Path = "") -> pd.DataFrame:
    """Every figures file in ``<data_dir>/context/``, validated and stacked, in file order."""
    folder = paths.data_dir(data_dir) / "context"
    frames = []
    for path in sorted(folder.glob("*.csv")):
        frame = validate_context(read_csv_text(path, ContextError), path)
        if "value" in frame.columns:
            frames.append(frame.assign(file=path.stem))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def as_row(external: pd.Series) -> pd.Series:
    """An external figure shaped like a ledger row (qualifier exact), for ``derive``."""
    return pd.Series({"id": external["id"], "value": external["value"], "unit": external["unit"],
                      "qualifier": "exact", "period": external["period"]})

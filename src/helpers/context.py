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

The columns and their constraints are defined once in ``registry.TABLES``
(``context_figures``, ``context_places``); every cell is checked against its
field, and the rules that join fields (a title or an address; a real date) are here.
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd

from . import datapackage, paths, periods
from .files import DataError, fault, read_csv_text

FIGURES, PLACES = datapackage.schema("context_figures"), datapackage.schema("context_places")
UNKNOWN_DATE = "unknown"
EXTERNAL_FIGURE = "the external figure"  # what a missing id is said to be (files.row_by_id)


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
    schema = FIGURES if figures else PLACES
    required = datapackage.names(schema)
    for column in required:
        if column not in frame.columns:
            raise _fault(path, 1, column, f"required column is missing (required: {', '.join(required)}).")
    datapackage.check_rows(frame, schema, partial(_fault, path))
    for i, row in frame.iterrows():
        line = int(i) + 2
        if not (row["title"].strip() or row["url"].strip()):
            raise _fault(path, line, "title", "every external fact needs a title or an address.")
        if not is_source_date(row["date"]):
            raise _fault(path, line, "date", f"{row['date']!r} is not a real date (YYYY, YYYY-MM or YYYY-MM-DD).")
        if figures and not periods.is_period(row["period"], allow_unknown=True):
            raise _fault(path, line, "period", f"{row['period']!r} is not a real period (YYYY, YYYY-MM, "
                         "YYYY-MM-DD, two of them joined by '/', or 'unknown').")
    if figures:
        frame = frame.copy()
        frame["value"] = frame["value"].astype(float)
        frame["qualifier"] = "exact"  # an external figure as its source states it, usable by ``derive``
    return frame


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
    stacked = pd.concat(figures, ignore_index=True) if figures else pd.DataFrame(columns=datapackage.names(FIGURES))
    return stacked, tables


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


def linked(ledger: pd.DataFrame, figures: pd.DataFrame, place: str) -> list[tuple[pd.Series, pd.Series, str]]:
    """The external figures of the article's ``place`` (its id) that name a ledger row, in file order, each as
    (ledger row, external figure, ``comparison``); figures whose ledger row is missing are left out."""
    if figures.empty or not place:
        return []
    by_id = {r["id"]: r for _, r in ledger.iterrows()}
    chosen = figures[(figures["ledger_id"] != "") & (figures["place"] == place)]
    return [(by_id[e["ledger_id"]], e, comparison(by_id[e["ledger_id"]], e))
            for _, e in chosen.iterrows() if e["ledger_id"] in by_id]

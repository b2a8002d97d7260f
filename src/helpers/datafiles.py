"""Reading the project's CSV files, and the one error every data fault raises.

Ground floor, beside ``paths``: the ledger, the context data and the glossary
all read their files through here, so a fault always names file, line and
column the same way.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import paths


class DataError(ValueError):
    """A fault in a data file, naming file, line and column."""


def fault(path: Path, line: int | None, column: str | None, message: str,
          kind: type[DataError] = DataError) -> DataError:
    """The error for a fault at ``path`` (line and column when known)."""
    where = paths.relative_to_root(path)
    if line is not None:
        where += f", line {line}"
    if column is not None:
        where += f", column '{column}'"
    return kind(f"{where}: {message}")


def read_csv_text(path: Path, kind: type[DataError] = DataError) -> pd.DataFrame:
    """A CSV with every cell as text ('' for empty), or the error naming the file."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise fault(path, None, None, "file not found.", kind) from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise fault(path, None, None, f"not a readable UTF-8 CSV file ({type(exc).__name__}).",
                    kind) from None

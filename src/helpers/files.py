"""Files on disk: CSV data with faults that name file, line and column; atomic writes; tree hashes.

Ground floor, beside ``paths``: the ledger, the context data, the glossary and
the article's metadata are read through here, every output file of the
package is written with ``atomic_write`` (a temporary file renamed into
place, with the mode the umask gives), and the runner and the site hash
folders with ``hash_tree``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from . import paths


class DataError(ValueError):
    """A fault in a data file, naming file, line and column."""


class NotFound(KeyError):
    """A wrong id, section or name asked for: one sentence saying what was asked and what exists."""

    def __str__(self) -> str:
        return str(self.args[0])


def not_found(what: str, wanted: str, allowed: list[str]) -> NotFound:
    """``NotFound`` for ``wanted``: the allowed values when few, else the closest ones."""
    import difflib

    if len(allowed) <= 12:
        return NotFound(f"{what} {wanted!r} does not exist (allowed: {', '.join(allowed)}).")
    close = difflib.get_close_matches(wanted, allowed, n=5, cutoff=0.5)
    hint = f"closest: {', '.join(close)}" if close else f"{len(allowed)} exist, e.g. {', '.join(allowed[:5])}"
    return NotFound(f"{what} {wanted!r} does not exist ({hint}).")


def row_by_id(frame: pd.DataFrame, wanted: str, what: str) -> pd.Series:
    """The row of ``frame`` whose ``id`` is ``wanted``; a missing id raises ``NotFound`` naming ``what`` and
    the ids that exist (the closest ones when there are many). The one lookup by id of the ledger, the
    context figures and the audit."""
    found = frame[frame["id"] == wanted] if "id" in frame.columns else frame.iloc[0:0]
    if found.empty:
        raise not_found(what, wanted, list(frame["id"]) if "id" in frame.columns else [])
    return found.iloc[0]


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
    """A CSV with every cell as text ('' for empty), or the error naming the file (and the line)."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise fault(path, None, None, "file not found.", kind) from None
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found:
            expected, line, saw = (int(g) for g in found.groups())
            raise fault(path, line, None, f"has {saw} fields where the header has {expected} "
                        "(a comma inside a value needs quotes).", kind) from None
        raise fault(path, None, None, "not a readable CSV file (ParserError).", kind) from None
    except (UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise fault(path, None, None, f"not a readable UTF-8 CSV file ({type(exc).__name__}).",
                    kind) from None


def default_mode(directory: bool = False) -> int:
    """The mode a plain ``open`` or ``mkdir`` would give under the current umask (0644 / 0755 usually)."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


def atomic_write(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` through a temporary file renamed into place.

    A reader sees the old file or the new one, never half of one; the file
    gets the mode a plain write would (0666 less the umask), not the
    temporary file's 0600.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(tmp, default_mode())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def hash_tree(digest: hashlib._Hash, folder: Path, suffixes: tuple[str, ...] | None = None) -> None:
    """Feed every file under ``folder`` (names and bytes, in sorted order) into ``digest``.

    Hidden files and ``__pycache__`` are left out; ``suffixes`` keeps only those endings.
    """
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.name.startswith("."):
            continue
        if suffixes and path.suffix not in suffixes:
            continue
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")

"""Files on disk: CSV data with faults that name file, line and column; atomic writes; tree hashes; OS faults
in one sentence.

Ground floor, beside ``paths``: the ledger, the context data, the glossary and
the article's metadata are read through here, every output file of the
package is written with ``atomic_write`` (a temporary file renamed into
place, with the mode the umask gives), and the runner and the site hash
folders with ``hash_tree``. ``refuse_links_out`` keeps every read (the
preflight's, the site's copy of the data) inside the data folder.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
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


# Control characters a data file may not hold: C0 and C1 controls and DEL, tabs and line breaks aside.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_csv_text(path: Path, kind: type[DataError] = DataError) -> pd.DataFrame:
    """A CSV with every cell as text ('' for empty), or the error naming the file (and the line).

    A file whose columns are split by semicolons or tabs (as Excel saves CSV in some locales) is named as
    such; a control character (NUL …) in a header or a cell is refused with its line and column: it
    reaches no page and no export.
    """
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise fault(path, None, None, "file not found.", kind) from None
    except pd.errors.ParserError as exc:
        _refuse_other_separator(path, kind)
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        if found:
            expected, line, saw = (int(g) for g in found.groups())
            raise fault(path, line, None, f"has {saw} fields where the header has {expected} "
                        "(a comma inside a value needs quotes).", kind) from None
        raise fault(path, None, None, "not a readable CSV file (ParserError).", kind) from None
    except (UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise fault(path, None, None, f"not a readable UTF-8 CSV file ({type(exc).__name__}).",
                    kind) from None
    if len(frame.columns) == 1:
        _refuse_other_separator(path, kind)
    refuse_controls(frame, path, kind)
    return frame


SEPARATORS = {";": "semicolons", "\t": "tabs"}


def _refuse_other_separator(path: Path, kind: type[DataError]) -> None:
    """The error for a CSV whose header is split by semicolons or tabs rather than commas (Excel saves
    CSV with semicolons where the decimal mark is a comma)."""
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        header = handle.readline()
    if "," in header:
        return
    for separator, name in SEPARATORS.items():
        if separator in header:
            raise fault(path, 1, None, f"the columns are separated by {name} ({separator!r}), not by commas: "
                        "save it as CSV with commas (in Excel: CSV UTF-8, comma delimited).", kind)


def refuse_controls(frame: pd.DataFrame, path: Path, kind: type[DataError] = DataError) -> None:
    """The error for the first control character in ``frame``'s headers or cells (read from ``path``)."""
    for column in frame.columns:
        found = CONTROL.search(str(column))
        if found:
            raise fault(path, 1, str(column).encode("unicode_escape").decode(), _control_message(found), kind)
        cells = frame[column].astype(str)
        bad = cells.str.contains(CONTROL)
        if bad.any():
            at = int(bad.to_numpy().nonzero()[0][0])
            raise fault(path, at + 2, str(column), _control_message(CONTROL.search(cells.iloc[at])), kind)


def _control_message(found: re.Match) -> str:
    return (f"holds the control character U+{ord(found.group()):04X} at character {found.start() + 1}: "
            "a data file holds printable text only (tabs and line breaks aside).")


# Spreadsheets run a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def spreadsheet_cell(cell: object) -> object:
    """A text cell a spreadsheet will not run: ``'`` before a formula-leading one (=, +, -, @, tab, CR).

    Numbers stay numbers (-3.5 is written as it is); a text that already starts with ``'`` and then such a
    character gets one more, so ``plain_cell`` gives back exactly what was written.
    """
    if isinstance(cell, str) and _FORMULA.match(cell) and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def plain_cell(cell: object) -> object:
    """The cell ``spreadsheet_cell`` was given."""
    if isinstance(cell, str) and cell.startswith("'") and _FORMULA.match(cell):
        return cell[1:]
    return cell


def spreadsheet_csv(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV for spreadsheets: every formula-leading text cell neutralised
    (``spreadsheet_cell``), numbers and headers' order as they are, deterministic."""
    safe = frame.copy()
    safe.columns = [spreadsheet_cell(str(c)) for c in frame.columns]
    for i in range(frame.shape[1]):
        values = frame.iloc[:, i]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            safe.isetitem(i, values.map(spreadsheet_cell))
    return safe.to_csv(index=False, lineterminator="\n").encode("utf-8")


EXCEL_BOM = b"\xef\xbb\xbf"  # UTF-8's byte-order mark: Excel on Windows reads a CSV that starts with it as UTF-8
EXCEL_SUFFIX = ".excel.csv"  # a spreadsheet copy of a data package's CSV: claims.csv → claims.excel.csv


def excel_csv(data: bytes) -> bytes:
    """CSV bytes for a double-click in Excel: UTF-8 with a byte-order mark (once), so Chinese is not misread.
    A data package's own CSVs stay without it; the site offers these copies beside them."""
    return data if data.startswith(EXCEL_BOM) else EXCEL_BOM + data


def excel_copy(path: Path) -> bytes:
    """A data package's CSV as a copy for a double-click in Excel: read as text, every formula-leading cell
    neutralised (``spreadsheet_csv``), UTF-8 with a byte-order mark."""
    return excel_csv(spreadsheet_csv(read_csv_text(path)))


DATA_SUBFOLDERS = ("raw", "context")  # the folders of a data folder the package reads (besides its top level)


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def refuse_links_out(folder: Path) -> None:
    """DataError naming the first symbolic link that leads outside ``folder``.

    Looked at: the entries of ``folder`` itself and everything under its
    ``raw/`` and ``context/`` (links to folders are not followed), which is
    all the package reads and the site copies. A link that stays inside the
    folder is fine.
    """
    folder = Path(folder)
    root = folder.resolve()

    def check(path: Path) -> None:
        if path.is_symlink() and not _inside(path.resolve(), root):
            raise DataError(f"{paths.relative_to_root(folder)}/{path.relative_to(folder).as_posix()} is a link to "
                            f"{path.resolve().as_posix()}, outside the data folder: nothing outside a data folder "
                            "is read or published (copy the file into it instead).")

    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        check(path)  # raw/ and context/ among them: a link to a folder outside is refused before it is listed
    for sub in DATA_SUBFOLDERS:
        for parent, dirs, names in os.walk(folder / sub):
            dirs.sort()
            for name in sorted(dirs + names):
                check(Path(parent) / name)


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


def tree_digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones included) and the SHA-256 of its bytes, by relative path."""
    folder = Path(folder)
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def tree_stamp(*places: Path) -> list[tuple[str, int, int]]:
    """Path, size and modification time (ns) of every file under ``places`` (a file stands for itself).

    Cheap to take (nothing is read); two stamps differ when any file was written in between, even when it
    was written back to its old bytes. Hidden files and ``__pycache__`` are left out, as ``hash_tree`` does.
    """
    stamp = []
    for place in places:
        place = Path(place)
        found = [place] if place.is_file() else sorted(
            p for p in place.rglob("*") if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith("."))
        for path in found:
            info = path.stat()
            stamp.append((str(path), info.st_size, info.st_mtime_ns))
    return stamp


def os_fault(exc: OSError, folder: Path | None = None) -> str:
    """An OSError as one sentence naming the path (relative to the project when inside it) and the cause:
    a full disk, a folder that cannot be written, a read-only or immutable file system. ``folder`` is named
    when the error names no file (a write that ran out of space)."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        source, target, why = exc.args[0][0]  # copytree gathers (source, target, reason) per file
        found = re.search(r"\[Errno (\d+)\] ([^:]+)", str(why))
        exc = OSError(int(found.group(1)), found.group(2), target) if found else OSError(0, str(why), target)
    named = exc.filename or folder
    if named and exc.errno in (errno.EACCES, errno.EPERM) and not Path(named).exists():
        named = next((p for p in Path(named).parents if p.exists()), named)  # the folder that refused it
    where = paths.relative_to_root(Path(named)) + ("/" if Path(named).is_dir() else "") if named else \
        "the output folder"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk holding {where} is full (no space left on device): free some space and run again"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return (f"{where} cannot be written (permission denied; a read-only or immutable folder): make it "
                "writable (chmod u+w, chattr -i) and run again")
    if exc.errno == errno.EROFS:
        return f"{where} lies on a read-only file system: give an output folder that can be written"
    return f"{exc.strerror or type(exc).__name__}: {where}"

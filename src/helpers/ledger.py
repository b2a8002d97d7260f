"""The curated ledger: one row per claim the article makes, loaded and validated.

``data/indicators.csv``: its columns, their types and allowed values are
defined once, in ``registry.LEDGER`` (the README's "Data" section describes
them); the kinds of claim and what a row of each holds in
``registry.CLAIM_KINDS``. A drafted ledger of another article adds
``curation`` (``draft`` or ``checked``); an older case's column ``status``
is read as ``curation``, with no error (``datapackage.RENAMED_COLUMNS``).

Every cell is checked against its field's constraints (``datapackage.check_rows``);
the rules that join fields are here (a kind's figure and rank, a rank's kind and scope,
the section map, a draft's English name).
Every fault is one LedgerError naming the file, the CSV line and the column,
including a value, unit or qualifier that its own quote does not state.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import partial
from pathlib import Path

import pandas as pd

from . import datapackage, paths, periods, registry
from .claims import extract_claims
from .files import DataError, fault, not_found, read_csv_text, row_by_id
from .lexicon import (
    BIG_UNIT,
    CN_NUMERAL,
    MULTIPLIERS,
    PER_MARK,
    PER_UNITS,
    RUN_UNITS,
    STREAK_TITLES,
    TIMES_WORD,
    UNITS,
    WIN_VERBS,
)
from .meta import article_reference
from .numerals import to_number
from .reconcile import disagreements
from .script import reading
from .source import load_article, read_structure

SCHEMA = datapackage.schema("indicators")
CURATION_SCHEMA = datapackage.schema("indicators_curation")
COLUMNS = datapackage.names(SCHEMA)
OPTIONAL_COLUMNS = datapackage.names(CURATION_SCHEMA)
KINDS = {k.name: k for k in registry.CLAIM_KINDS}
VALUE_KINDS = registry.VALUE_KINDS
STREAK_UNITS = (STREAK_TITLES, TIMES_WORD, *WIN_VERBS, *RUN_UNITS)  # every unit of a streak the extractor reads
# Every unit the extractor can read, so that a drafted ledger always loads: bare 亿 and 万 as written
# (900亿: 亿元 only when the text says so), and a 万/亿/千 before any unit (4.2万家).
ALLOWED_UNITS = tuple(dict.fromkeys(
    [*UNITS, BIG_UNIT, *STREAK_UNITS, *MULTIPLIERS, *(m + u for m in MULTIPLIERS for u in UNITS)]))
CHECKED_AT_LOAD = ("value", "unit", "qualifier")
EXCLUSION_COLUMNS = registry.columns("claim_exclusions")
LEDGER_ROW = "the ledger row"  # what a missing id is said to be (files.row_by_id)


# Numerals as a quote may write them: Arabic (full-width too, 1,180), Chinese, traditional forms.
_WRITTEN_NUMBER = re.compile(rf"[0-9０-９]+(?:[,，][0-9]{{3}})*(?:[.．][0-9０-９]+)?|[{CN_NUMERAL}兩萬億]+")
_TO_PLAIN = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "，": ",",
                           "兩": "两", "萬": "万", "億": "亿"})


def numbers_in(quote: str) -> set[float]:
    """Every number ``quote`` writes, as written: 2750.54, 1,180 → 1180, 三 → 3, 十四 → 14, 兩 → 2; a Chinese
    numeral also by its parts (三万 → 30000, 3, 10000)."""
    found: set[float] = set()
    for match in _WRITTEN_NUMBER.finditer(quote):
        token = match.group().translate(_TO_PLAIN)
        pieces = [token] if token[0].isdigit() else \
            [token[i:j] for i in range(len(token)) for j in range(i + 1, min(len(token), i + 8) + 1)]
        for piece in pieces:
            try:
                found.add(to_number(piece))
            except ValueError:
                continue
    return found


class LedgerError(DataError):
    """A fault in the ledger, naming file, line and column."""


def _fault(path: Path, line: int | None, column: str | None, message: str) -> LedgerError:
    return fault(path, line, column, message, LedgerError)


def sections_of(folder: Path) -> tuple[str, ...]:
    """The section ids of a data folder's section map (``raw/sections.csv``), in article order, without
    the title; empty when the folder has no map."""
    path = folder / "raw" / "sections.csv"
    if not path.is_file():
        return ()
    return tuple(dict.fromkeys(r.section for r in read_structure(path) if r.role != "title"))


def known_unit(unit: str, kind: str = "quantity") -> bool:
    """Whether a unit as written is one the package knows: read as simplified (億元 is 亿元), a rate per
    unit of area, head or time (万元/亩, 元/人), or none for a score (总指数为88.1: a quantity only)."""
    unit = reading(unit)
    base, _, per = unit.partition(PER_MARK)
    if per:
        return base in ALLOWED_UNITS and per in PER_UNITS
    return unit in ALLOWED_UNITS or (unit == "" and kind == "quantity")


def _check_row(row: pd.Series, bad, sections: tuple[str, ...]) -> tuple[float, float]:
    """The rules that join a row's fields (its cells are checked against the schema before); returns its value
    and rank as floats (NaN when empty)."""
    if sections and row["section"] not in sections:
        raise bad("section", f"{row['section']!r} is not allowed (allowed: {', '.join(sections)}).")
    if not row["metric_en"].strip() and row.get("curation", "checked") != "draft":
        raise bad("metric_en", "must not be empty (only a draft row may leave it for later).")
    kind = KINDS[row["kind"]]
    value = math.nan
    if kind.has_value:
        if not row["value"].strip():
            raise bad("value", f"a {kind.name} needs its number.")
        try:
            value = float(row["value"])
        except ValueError:
            raise bad("value", f"{row['value']!r} is not a number (a {kind.name} needs one).") from None
        if not math.isfinite(value):
            raise bad("value", f"{row['value']!r} is not a finite number.")
        if not known_unit(row["unit"], row["kind"]):
            raise bad("unit", f"{row['unit']!r} is not a unit the package knows "
                      f"(e.g. {', '.join(ALLOWED_UNITS[:12])} …).")
    elif row["value"].strip() or row["unit"].strip():
        raise bad("value", f"a {row['kind']} row states no figure: leave value and unit empty.")
    if not periods.is_period(row["period"]):
        raise bad("period", f"{row['period']!r} is not a period (YYYY, YYYY-MM, YYYY-MM-DD, two of them "
                  "joined by '/', or 'publication').")
    rank, rank_kind = row["rank"].strip(), row["rank_kind"].strip()
    if rank:
        if not kind.can_rank:
            raise bad("rank", f"a {kind.name} carries no rank (ranks go with: {', '.join(registry.RANKED_KINDS)}).")
        if not rank_kind:
            raise bad("rank_kind", f"a rank needs its kind (allowed: {', '.join(registry.RANK_KINDS)}).")
    elif row["scope"] and row["scope"] not in registry.SCOPES:
        raise bad("scope", f"{row['scope']!r}: a named group is the scope of a rank only (a row without a rank "
                  f"takes one of: {', '.join(registry.SCOPES)}).")
    if rank_kind and not rank:
        raise bad("rank_kind", f"{rank_kind!r} is given but rank is empty.")
    if not rank and kind.name == "rank":
        raise bad("rank", "a rank row needs its rank.")
    return value, float(rank) if rank else math.nan


def validate_indicators(raw: pd.DataFrame, path: Path, article_text: str | None,
                        reference: periods.Reference | None = None,
                        sections: tuple[str, ...] = ()) -> pd.DataFrame:
    """Check a ledger read as text; return it with typed value and rank columns.

    Columns and allowed values are those of the ledger's Table Schema
    (``helpers/schemas/indicators.json``); a row's section must be one of
    ``sections`` (the article's section map) when that is given.

    With ``article_text``, every quote must occur in it, and the value, unit
    and qualifier of every row must be what the extractor reads in its quote
    (or the row's note gives the reason, ``value: …``).
    """
    raw = datapackage.current_names(raw, "indicators")
    missing = [c for c in COLUMNS if c not in raw.columns]
    if missing:
        raise _fault(path, 1, missing[0], f"required column is missing (required: {', '.join(COLUMNS)}).")
    extra = [c for c in raw.columns if c not in COLUMNS + OPTIONAL_COLUMNS]
    if extra:
        raise _fault(path, 1, extra[0], f"unknown column (allowed: {', '.join(COLUMNS + OPTIONAL_COLUMNS)}).")
    if raw.empty:
        raise _fault(path, 2, None, "the ledger has a header but no rows: add one row per claim.")
    datapackage.check_rows(raw, SCHEMA, partial(_fault, path))
    datapackage.check_rows(raw, CURATION_SCHEMA, partial(_fault, path))
    seen = set(raw["id"])
    values: list[float] = []
    ranks: list[float] = []
    for i, row in raw.iterrows():
        line = int(i) + 2
        bad = partial(_fault, path, line)
        value, rank = _check_row(row, bad, sections)
        if article_text is not None and row["quote"] not in article_text:
            raise bad("quote", f"{row['quote']!r} is not found in the cleaned article text.")
        values.append(value)
        ranks.append(rank)
    for i, row in raw.iterrows():
        for other in row["summary_of"].split():
            if other not in seen or other == row["id"]:
                raise _fault(path, int(i) + 2, "summary_of", f"{other!r} is not another row's id.")
    frame = raw[[c for c in COLUMNS + OPTIONAL_COLUMNS if c in raw.columns]].copy()
    frame["value"] = pd.Series(values, index=frame.index, dtype=float)
    frame["rank"] = pd.Series(ranks, index=frame.index, dtype=float).astype("Int64")
    frame = frame.reset_index(drop=True)
    if article_text is not None:
        claims = extract_claims(article_text, reference)
        found = disagreements(frame, claims, article_text)
        unnoted = found[(~found["noted"]) & found["field"].isin(CHECKED_AT_LOAD)]
        if not unnoted.empty:
            first = unnoted.iloc[0]
            line = int(frame.index[frame["id"] == first["id"]][0]) + 2
            raise _fault(path, line, first["field"],
                         f"{_shown(first['ledger'])!r} is not what the quote states (the extractor reads "
                         f"{_shown(first['extractor'])!r} in {frame.loc[line - 2, 'quote']!r}); correct the row, "
                         f"or give the reason in the note as '{first['field']}: …'.")
    for i, row in frame.iterrows():  # checked or not, noted or not: a value is what its quote writes
        if row["kind"] in VALUE_KINDS and row["value"] not in numbers_in(row["quote"]):
            raise _fault(path, int(i) + 2, "value", f"{raw.loc[raw.index[i], 'value']!r} does not appear in "
                         f"the quote {row['quote']!r}: a value is a number the quote writes (in any script); "
                         "correct it, or quote the words that state it.")
    return frame


SAME_CLAIM = ("quote", "kind", "value", "unit")  # what makes two rows one claim (also curation's key)


def duplicate_claims(ledger: pd.DataFrame, path: Path) -> list[str]:
    """One warning per row that repeats an earlier row's claim (same quote, kind, value and unit) under
    another id: a claim counted twice. Not an error: the curator decides."""
    warnings: list[str] = []
    first: dict[tuple, int] = {}
    for i, row in ledger.reset_index(drop=True).iterrows():
        key = tuple("" if isinstance(v, float) and math.isnan(v) else v for v in row[list(SAME_CLAIM)])
        line = int(i) + 2
        if key in first:
            earlier = ledger.iloc[first[key] - 2]["id"]
            warnings.append(str(_fault(path, line, "id", f"{row['id']!r} states the same claim as {earlier!r} "
                                       f"(line {first[key]}: the same quote, kind, value and unit), so it "
                                       "counts twice; delete one of them, or tell them apart.")))
        else:
            first[key] = line
    return warnings


def _shown(value: object) -> str:
    """A field's value as written in the CSV (36.9, not 36.9000)."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def load_indicators(data_dir: str | Path = "", article_text: str | None = None) -> pd.DataFrame:
    """Load ``<data_dir>/indicators.csv`` and validate it against the article.

    ``article_text`` is the cleaned article; by default the data folder's own
    page is read and cleaned. Raises LedgerError naming file, line and column.
    """
    folder = paths.data_dir(data_dir)
    if article_text is None:
        article_text = load_article(paths.article_path(folder)).text
    path = folder / "indicators.csv"
    return validate_indicators(read_csv_text(path, LedgerError), path, article_text,
                               article_reference(folder), sections_of(folder))


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


def rows(ledger: pd.DataFrame, ids: Iterable[str] | None = None, section: str | None = None) -> pd.DataFrame:
    """Ledger rows by section (all when None) and then by ids, in the order given; a section or id that
    does not exist raises ``NotFound`` listing what does."""
    chosen = ledger
    if section is not None:
        sections = list(dict.fromkeys(ledger["section"]))
        if section not in sections:
            raise not_found("the section", section, sections)
        chosen = ledger[ledger["section"] == section]
    if ids is not None:
        chosen = pd.concat([row_by_id(chosen, i, LEDGER_ROW).to_frame().T for i in ids]).astype(chosen.dtypes.to_dict())
    return chosen


def indicators(ledger: pd.DataFrame) -> pd.DataFrame:
    """The rows that are indicators of their own: summaries of other rows left out."""
    return ledger[ledger["summary_of"] == ""]

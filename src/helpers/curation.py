"""A case's curation record, ``cases/NAME/curation.csv``: what the drafter wrote and what the curator decided.

Rows (``decision``, ``id``, the claim: ``kind``, ``value``, ``unit``, ``quote``; ``drafted_as``):

``drafted``   a row as the drafter last wrote it, with its fingerprint: while the ledger's row of that id
              has the same fingerprint, nobody touched it, and a new draft may replace it
``curated``   a row the curator had touched at the last draft: kept as it is
``deleted``   a claim the curator deleted: never drafted again
``changed``   a claim the curator changed (the row now states another quote, kind, value or unit): never
              drafted again in its old form

``merge`` makes the ledger of an update from the old ledger, the new draft and the record;
``without_deleted_rows`` drops the checks that use a row no longer in a case's ledger.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from . import datapackage
from .files import fault, read_csv_text
from .ledger import COLUMNS, SAME_CLAIM

CURATION_FILE = "curation.csv"
CURATION_COLUMNS = ["decision", "id", "kind", "value", "unit", "quote", "drafted_as"]
DECISIONS = ("drafted", "curated", "deleted", "changed")
OPEN = ("drafted", "curated")  # rows in the ledger at the last draft; the others are decisions that stay
CLAIM_KEY = SAME_CLAIM


def rows_where(frame: pd.DataFrame, keep: list[bool]) -> pd.DataFrame:
    """The rows of ``frame`` where ``keep`` is true (also when both are empty: ``frame[[]]`` would pick columns)."""
    return frame[pd.Series(keep, index=frame.index, dtype=bool)]


def _key(row: pd.Series) -> tuple[str, ...]:
    return tuple(str(row[c]) for c in CLAIM_KEY)


def fingerprint(row: pd.Series) -> str:
    """A short hash of a ledger row as written (every column, ``curation`` too): equal while nobody edits it."""
    fields = "\x1f".join(str(row.get(c, "")) for c in [*COLUMNS, "curation"])
    return hashlib.sha256(fields.encode("utf-8")).hexdigest()[:16]


def curation_record(drafted: pd.DataFrame, curated: pd.DataFrame | None = None,
                    decisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """``curation.csv``: the curator's decisions so far (``deleted``, ``changed``: never drafted again), the
    rows the curator had touched at the last draft (``curated``), and every row the drafter wrote then
    (``drafted``, with the fingerprint it was written with)."""
    rows = drafted.assign(decision="drafted", drafted_as=[fingerprint(r) for _, r in drafted.iterrows()])
    kept = curated.assign(decision="curated", drafted_as="") if curated is not None else None
    frames = [f[CURATION_COLUMNS] for f in (decisions, kept, rows) if f is not None and not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CURATION_COLUMNS)


def read_curation(folder: Path) -> pd.DataFrame | None:
    """A case's curation record, or None for a case made before it was kept."""
    path = folder / CURATION_FILE
    if not path.is_file():
        return None
    record = read_csv_text(path)
    for column in CURATION_COLUMNS:
        if column not in record.columns:
            raise fault(path, 1, column, f"required column is missing (required: {', '.join(CURATION_COLUMNS)}).")
    for i, decision in enumerate(record["decision"]):
        if decision not in DECISIONS:
            raise fault(path, i + 2, "decision", f"{decision!r} is not allowed (allowed: {', '.join(DECISIONS)}).")
    return record


def merge(old: pd.DataFrame, drafted: pd.DataFrame, record: pd.DataFrame | None,
          text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ledger after a new draft, and the new curation record.

    Every row the curator touched (edited, renamed, checked, or added) is kept as it is; rows of the last
    draft left untouched give way to the new draft. A drafted claim the curator deleted or changed is
    recorded (``curation.csv``) and never drafted again; a new claim comes in as a draft. Without a record
    (a case made before it was kept), the rows still marked ``draft`` count as untouched.
    """
    old = datapackage.current_names(old, "indicators").reindex(columns=drafted.columns, fill_value="")
    by_id = {r["id"]: r for _, r in old.iterrows()}
    old_keys = {_key(r) for _, r in old.iterrows()}
    if record is None:
        untouched = {r["id"] for _, r in old.iterrows() if r["curation"] != "checked"}
        decisions = pd.DataFrame(columns=CURATION_COLUMNS)
    else:
        untouched, found = set(), []
        for _, d in record[record["decision"].isin(OPEN)].iterrows():
            now = by_id.get(d["id"])
            if d["decision"] == "drafted" and now is not None and fingerprint(now) == d["drafted_as"]:
                untouched.add(d["id"])
            elif _key(d) not in old_keys:  # deleted, or its claim changed (a renamed row keeps its claim)
                found.append(d.to_dict() | {"decision": "changed" if now is not None else "deleted"})
        decisions = pd.concat([record[~record["decision"].isin(OPEN)], pd.DataFrame(found, columns=CURATION_COLUMNS)],
                              ignore_index=True).drop_duplicates(subset=list(CLAIM_KEY))
    kept = old[~old["id"].isin(untouched)]
    if "curation" in kept.columns:
        kept = kept.assign(curation=kept["curation"].replace("", "checked"))
    closed = {_key(r) for _, r in decisions.iterrows()} | {_key(r) for _, r in kept.iterrows()}
    fresh = rows_where(drafted, [_key(r) not in closed for _, r in drafted.iterrows()]).copy()
    taken = set(kept["id"])
    renamed = {}
    for drafted_id in fresh["id"]:
        new_id = drafted_id
        while new_id in taken:
            new_id = f"{new_id}_new"
        renamed[drafted_id] = new_id
        taken.add(new_id)
    fresh["id"] = fresh["id"].map(renamed)
    merged = pd.concat([kept, fresh], ignore_index=True)
    id_of = {_key(r): r["id"] for _, r in merged.iterrows()}
    drafted_key = {r["id"]: _key(r) for _, r in drafted.iterrows()}
    fresh_ids = set(fresh["id"])
    merged["summary_of"] = [" ".join(id_of[drafted_key[i]] for i in r["summary_of"].split()
                                     if drafted_key.get(i) in id_of) if r["id"] in fresh_ids else r["summary_of"]
                            for _, r in merged.iterrows()]
    at = [text.find(q) if q in text else len(text) for q in merged["quote"]]
    merged = merged.assign(_at=at).sort_values("_at", kind="stable").drop(columns="_at").reset_index(drop=True)
    fresh_rows = merged["id"].isin(fresh_ids)
    return merged, curation_record(merged[fresh_rows], merged[~fresh_rows], decisions)


def deleted_rows(folder: Path, ids: set[str]) -> set[str]:
    """The ids a case's ledger held at its last draft (``curation.csv``) that it no longer has: rows the
    curator deleted (or renamed) since."""
    record = read_curation(folder)
    return set() if record is None else set(record["id"]) - ids


def without_deleted_rows(spec: pd.DataFrame, folder: Path, ids: set[str]) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """``audit_checks.csv`` without the checks that use a row the curator deleted from a case's ledger, and
    each check dropped as (line, check, the deleted id). Outside a case (no ``curation.csv``) nothing is
    dropped: an unknown id stays a fault."""
    deleted = deleted_rows(folder, ids)
    dropped: list[tuple[int, str, str]] = []
    keep: list[bool] = []
    for i, (check, wanted) in enumerate(zip(spec["check"], spec["ids"])):
        gone = [w for w in wanted.split() if w in deleted]
        keep.append(not gone)
        if gone:
            dropped.append((i + 2, check, gone[0]))
    return rows_where(spec, keep), dropped

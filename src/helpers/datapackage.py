"""The data files as a Frictionless Data Package: Table Schemas, descriptors, and checks driven by them.

Every table's fields are defined once, in ``registry.TABLES``; ``schema``
gives a table's Table Schema from there (field names and order, types,
allowed values, required fields, primary keys). ``write_schemas`` writes them
to ``helpers/schemas/*.json`` for other tools, and ``descriptor`` builds a
``datapackage.json`` for a folder (the project's ``data/`` keeps one, the
site ships one with its exports), so other tools read the files without the
README; both are generated (``python -m helpers datapackage``) and a test
fails when they are stale. ``check_rows`` applies the fields' constraints
(type, required, enum, pattern, minimum, unique) to a table read as text;
the ledger, context, glossary and metadata loaders use it, so their messages
name file, line and column.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from . import paths, registry

SCHEMAS = paths.PACKAGE_DIR / "schemas"
TYPES = {"number": float, "integer": int}
# File name (relative to a data folder, or an export's name) → schema.
SCHEMA_OF = {"indicators.csv": "indicators", "claim_exclusions.csv": "claim_exclusions",
             "audit_checks.csv": "audit_checks", "glossary.csv": "glossary", "raw/article_meta.csv": "article_meta",
             "raw/sections.csv": "sections", "claims.csv": "claims", "audit.csv": "audit",
             "terms.csv": "terms"}


# Columns renamed since cases were first drafted: old name → name. A case drafted before keeps its
# header; readers go through ``current_names``, so its old column reads as the new one with no error.
RENAMED_COLUMNS = {"indicators": {"status": "curation", "province_rank": "rank"}}


def current_names(frame, name: str):
    """``frame`` (a table of the schema ``name``) with any old column name (``RENAMED_COLUMNS``) read as
    the current one: an older case's ``status`` column is its ``curation``, ``province_rank`` its ``rank``."""
    old = {o: n for o, n in RENAMED_COLUMNS.get(name, {}).items() if o in frame.columns and n not in frame.columns}
    return frame.rename(columns=old) if old else frame


def schema(name: str) -> dict:
    """A Table Schema by name (``indicators``, ``context_figures`` …), from ``registry.TABLES`` (a fresh copy)."""
    return copy.deepcopy(registry.TABLES[name].schema())


def schema_bytes(name: str) -> bytes:
    """A Table Schema as ``helpers/schemas/<name>.json`` holds it."""
    return (json.dumps(schema(name), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_schemas() -> list[Path]:
    """Write ``helpers/schemas/<name>.json`` for every table of the registry (and remove any other); returns
    the paths written."""
    from .files import atomic_write

    for stale in SCHEMAS.glob("*.json"):
        if stale.stem not in registry.TABLES:
            stale.unlink()
    return [atomic_write(SCHEMAS / f"{name}.json", schema_bytes(name)) for name in registry.TABLES]


def field(schema_: dict, name: str) -> dict:
    """A field of a schema by name."""
    return next(f for f in schema_["fields"] if f["name"] == name)


def names(schema_: dict) -> list[str]:
    """A schema's field names, in order."""
    return [f["name"] for f in schema_["fields"]]


def allowed(schema_: dict, name: str) -> tuple[str, ...]:
    """The allowed values of a field (its ``enum`` constraint)."""
    return tuple(field(schema_, name).get("constraints", {}).get("enum", ()))


def check_cell(spec: dict, text: str) -> str | None:
    """What is wrong with ``text`` for the field ``spec`` (one sentence), or None."""
    constraints = spec.get("constraints", {})
    if text.strip() == "":
        return "must not be empty." if constraints.get("required") else None
    kind = TYPES.get(spec.get("type", "string"))
    if kind is not None:
        try:
            number = kind(text)
        except ValueError:
            return f"{text!r} is not {'a whole number' if kind is int else 'a number'}."
        if kind is float and number != number or number in (float("inf"), float("-inf")):
            return f"{text!r} is not a finite number."
        if "minimum" in constraints and number < constraints["minimum"]:
            return f"{text!r} is below {constraints['minimum']}."
    if "enum" in constraints and text not in constraints["enum"]:
        return f"{text!r} is not allowed (allowed: {', '.join(constraints['enum'])})."
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        return f"{text!r} does not have the form of {spec['name']} ({spec.get('description') or constraints['pattern']})."
    return None


def check_rows(frame, schema_: dict, bad_at) -> None:
    """Every row of ``frame`` (cells as text) against ``schema_``: each cell against its field (``check_cell``)
    and each ``unique`` field's values used once. The first fault is raised as ``bad_at(line, column,
    sentence)``, line 2 being the first row, so that it names file, line and column."""
    unique = [f["name"] for f in schema_["fields"]
              if f.get("constraints", {}).get("unique") and f["name"] in frame.columns]
    first: dict[str, dict[str, int]] = {name: {} for name in unique}
    for position, (_, row) in enumerate(frame.iterrows()):
        line = position + 2
        check_cells(row, schema_, lambda column, message, line=line: bad_at(line, column, message))
        for name in unique:
            if row[name] in first[name]:
                raise bad_at(line, name, f"{row[name]!r} is used twice (first on line {first[name][row[name]]}).")
            first[name][row[name]] = line


def check_cells(row, schema_: dict, bad) -> None:
    """Each cell of ``row`` (a mapping of column → text) against its field in ``schema_`` (``check_cell``);
    the first fault is raised as ``bad(column, sentence)``, which names file, line and column."""
    for spec in schema_["fields"]:
        if spec["name"] in row:
            problem = check_cell(spec, row[spec["name"]])
            if problem:
                raise bad(spec["name"], problem)


def schema_for(folder: Path, relative: str) -> dict | None:
    """The schema of a file of a data folder or a site, by its name and, for the context files and a
    drafted ledger, its header."""
    path = folder / relative
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",") if path.is_file() else []
    base = Path(relative).name if relative.startswith(("zh/", "en/")) else relative
    base = base.removeprefix("data/")
    if base.startswith("context/"):
        return schema("context_figures" if "value" in header else "context_places")
    name = SCHEMA_OF.get(base)
    if name is None:
        return None
    found = schema(name)
    curation = next((c for c in header if current_names_of("indicators", c) == "curation"), None)
    if name in ("indicators", "claims") and curation:
        at = names(found).index("note") + 1
        found["fields"].insert(at, dict(schema("indicators_curation")["fields"][0], name=curation))
    return found


def current_names_of(name: str, column: str) -> str:
    """A column's current name in a table of the schema ``name`` (see ``RENAMED_COLUMNS``)."""
    return RENAMED_COLUMNS.get(name, {}).get(column, column)


def descriptor(root: Path, files: list[str], name: str, title: str) -> dict:
    """A ``datapackage.json`` for ``files`` (paths relative to ``root``), each CSV with its schema; a
    context figure's ``ledger_id`` points to the ledger's ``id`` when both are in the package."""
    ledger = next((r for r in files if r.endswith("indicators.csv")), None)
    sections = next((r for r in files if r.endswith("sections.csv")), None)
    resources = []
    for relative in files:
        found = schema_for(root, relative)
        resource = {"name": resource_name(relative), "path": relative,
                    "profile": "tabular-data-resource", "format": "csv",
                    "encoding": "utf-8"}
        if found is not None:
            keys = []
            if ledger and "ledger_id" in names(found):
                keys.append({"fields": "ledger_id", "reference": {"resource": resource_name(ledger), "fields": "id"}})
            if sections and relative == ledger:
                keys.append({"fields": "section", "reference": {"resource": resource_name(sections),
                                                                "fields": "section"}})
            if keys:
                found["foreignKeys"] = keys
            resource["schema"] = found
        resources.append(resource)
    return {"name": name, "title": title, "profile": "tabular-data-package", "resources": resources}


def resource_name(relative: str) -> str:
    """A resource's name from its path: lower case, ``-`` for anything but a-z, 0-9, ``_`` and ``.``."""
    return re.sub(r"[^a-z0-9_.-]+", "-", relative.lower().removesuffix(".csv")).strip("-")


def data_files(folder: Path) -> list[str]:
    """The CSV files of a data folder that have a schema, in a fixed order."""
    found = [name for name in SCHEMA_OF if (folder / name).is_file()]
    found += sorted(p.relative_to(folder).as_posix() for p in (folder / "context").glob("*.csv"))
    return found


def write(folder: Path, title: str, name: str = f"{paths.PROJECT}-data") -> Path:
    """Write ``<folder>/datapackage.json`` for the folder's data files (the package named ``name``); returns
    its path."""
    from .files import atomic_write

    package = descriptor(folder, data_files(folder), name, title)
    return atomic_write(folder / "datapackage.json",
                        (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

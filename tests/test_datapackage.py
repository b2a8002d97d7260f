"""The Table Schemas say what the code allows, and the data package validates with an outside tool."""

import json
import re
import shutil

import pytest
from frictionless import validate

from helpers import audit, datapackage, paths, registry
from helpers.ledger import COLUMNS, LedgerError, load_indicators
from helpers.meta import read_meta


def test_committed_package_is_what_the_schemas_give():
    committed = json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))
    expected = datapackage.descriptor(paths.DATA, datapackage.data_files(paths.DATA), f"{paths.PROJECT}-data",
                                      read_meta(paths.DATA)["title"])
    assert committed == expected, "data/datapackage.json is stale: run `python -m helpers datapackage`"


def test_committed_schemas_are_what_the_registry_gives():
    committed = {p.stem: p.read_bytes() for p in datapackage.SCHEMAS.glob("*.json")}
    assert sorted(committed) == sorted(registry.TABLES), "run `python -m helpers datapackage`"
    stale = [name for name in registry.TABLES if committed[name] != datapackage.schema_bytes(name)]
    assert stale == [], f"helpers/schemas/ {stale} stale: run `python -m helpers datapackage`"


def test_a_registry_change_reaches_the_schemas(monkeypatch):
    kinds = registry.CLAIM_KINDS + (registry.ClaimKind("forecast", "a made-up kind for this test"),)
    ledger = registry.Table(tuple(registry._f("kind", enum=[k.name for k in kinds]) if f.name == "kind" else f
                                  for f in registry.LEDGER), ("id",))
    monkeypatch.setitem(registry.TABLES, "indicators", ledger)
    assert "forecast" in datapackage.allowed(datapackage.schema("indicators"), "kind")
    assert datapackage.schema_bytes("indicators") != (datapackage.SCHEMAS / "indicators.json").read_bytes()


def test_every_data_file_has_a_schema_and_the_package_validates():
    listed = {r["path"] for r in json.loads((paths.DATA / "datapackage.json").read_text())["resources"]}
    on_disk = {p.relative_to(paths.DATA).as_posix() for p in paths.DATA.rglob("*.csv")}
    assert on_disk == listed
    report = validate(paths.DATA / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_schemas_allow_what_the_code_allows():
    ledger = datapackage.schema("indicators")
    assert datapackage.names(ledger) == COLUMNS
    assert datapackage.allowed(ledger, "kind") == registry.KIND_NAMES
    assert set(datapackage.allowed(datapackage.schema("audit_checks"), "check")) == set(audit.CHECKS)
    assert datapackage.names(datapackage.schema("claims"))[:len(COLUMNS)] == COLUMNS  # no hand copy


def test_a_section_outside_the_section_map_fails_both_the_loader_and_the_package(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    ledger = data / "indicators.csv"
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    first = lines[1].split(",")
    first[1] = "nowhere"
    lines[1] = ",".join(first)
    ledger.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(LedgerError, match=r"line 2.*section.*'nowhere' is not allowed \(allowed: award"):
        load_indicators(data)
    report = validate(datapackage.write(data, "t"))
    assert not report.valid
    assert any("foreign" in row[1] for row in report.flatten(["fieldName", "type"]))


@pytest.mark.parametrize("text, problem", [("", "must not be empty"), ("x", "not a number"),
                                           ("nan", "not a finite number"), ("-1", "below")])
def test_check_cell_names_what_is_wrong(text, problem):
    spec = {"name": "n", "type": "number", "constraints": {"required": True, "minimum": 0}}
    assert problem in datapackage.check_cell(spec, text)
    assert datapackage.check_cell(spec, "2.5") is None


def test_the_readme_describes_every_ledger_column_and_kind():
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("### The ledger, `indicators.csv`", 1)[1].split("\n### ", 1)[0]
    described = {c for line in table.splitlines() if line.startswith("| `")
                 for c in re.findall(r"`([a-z_]+)`", line.split(" | ")[0])}
    assert set(registry.columns("indicators")) <= described
    kinds = next(line for line in table.splitlines() if line.startswith("| `kind` |"))
    assert all(f"`{k}`" in kinds for k in registry.KIND_NAMES)


@pytest.mark.parametrize(("row", "words"), [("titel,x,", "'titel' is not allowed (allowed: title, title_en"),
                                            ("place,湖州,", "'place' is used twice"),
                                            (",x,", "must not be empty")])
def test_a_bad_metadata_row_is_named_by_line_and_column(tmp_path, row, words):
    from helpers.files import DataError

    (tmp_path / "raw").mkdir()
    meta = (paths.DATA / "raw" / "article_meta.csv").read_text(encoding="utf-8")
    (tmp_path / "raw" / "article_meta.csv").write_text(meta + row + "\n", encoding="utf-8")
    where = f"article_meta.csv, line {len(meta.splitlines()) + 1}, column 'field': "
    with pytest.raises(DataError, match=re.escape(where + words)):
        read_meta(tmp_path)

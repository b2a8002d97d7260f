"""Licence and citation: CITATION.cff is valid CFF 1.2.0, agrees with pyproject, and makes the footer's BibTeX.

The schema is the Citation File Format 1.2.0 JSON schema as shipped in the PyPI
package cffconvert 2.0.0 (``cffconvert/schemas/1.2.0/schema.json``; the schema is
the Citation File Format project's, CC BY 4.0), copied to ``tests/data/`` because
cffconvert itself requires jsonschema < 4, older than the one this project uses.
"""

import json
import tomllib

import jsonschema
import pytest
import yaml

from helpers import citation, paths

SCHEMA = json.loads((paths.ROOT / "tests" / "data" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))


def errors(cff: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return [e.message for e in validator.iter_errors(cff)]


def test_citation_file_is_valid_cff_and_matches_the_project():
    cff = yaml.safe_load(citation.CITATION_FILE.read_text(encoding="utf-8"))
    assert errors(cff) == []
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert cff["authors"] == [{"name": "the project's contributors"}]
    assert "MIT License" in (paths.ROOT / "LICENSE").read_text() and "MIT" in cff["license"]
    assert "CC BY 4.0" in (paths.DATA / "LICENSE.md").read_text() and "CC-BY-4.0" in cff["license"]


@pytest.mark.parametrize("broken", [{"authors": []}, {"version": None}, {"license": "Not-A-Licence"},
                                    {"cff-version": "1.2"}])
def test_the_schema_check_catches_a_broken_file(broken):
    cff = {**citation.read_citation(), **broken}
    assert errors(cff)


def test_bibtex_comes_from_the_citation_file():
    cff = citation.read_citation()
    entry = citation.bibtex(cff, "huzhou-tiangong", "2026-11-27", "commit abc1234")
    assert entry.startswith("@software{huzhou_tiangong_" + cff["version"].replace(".", "_") + ",\n")
    assert "{{the project's contributors}}" in entry  # an entity, never split into first and last names
    assert f"{{{cff['version']}}}" in entry and "{2026}" in entry and "{commit abc1234}" in entry
    assert "{MIT, CC-BY-4.0}" in entry and entry.endswith("\n}")
    person = citation.bibtex({"title": "A & B 50%", "version": "1", "authors": [
        {"family-names": "Wang", "given-names": "Li"}, {"name": "Lab"}]}, "x", "unknown", "n")
    assert "{Wang, Li} and {{Lab}}" in person and r"{A \& B 50\%}" in person and "year" not in person
    assert citation.bibtex({}, "x", "2026-01-01", "n") == ""


def test_a_case_site_cites_its_own_article_never_the_package():
    from helpers import citation

    entry = citation.case_bibtex("qingchuan", "青川何以夺鼎？", "青川日报", "2026-12-04", "case qingchuan, commit abc1234")
    assert entry.startswith("@misc{case_qingchuan,") and "{青川何以夺鼎？}" in entry
    assert "howpublished = {青川日报}" in entry and "year         = {2026}" in entry
    assert "huzhou" not in entry.lower() and "@software" not in entry
    assert "howpublished" not in citation.case_bibtex("qingchuan", "T", "", "unknown", "n")  # nothing invented

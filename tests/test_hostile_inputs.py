"""Inputs as a hostile user or a careless collaborator gives them: each is refused in one sentence, or
made harmless, never a traceback (issue 24's trials on the data side)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import exports, notebook, paths, preflight
from helpers.files import DataError, plain_cell, refuse_links_out, spreadsheet_cell, spreadsheet_csv
from helpers.ledger import numbers_in
from helpers.params import ParameterError, validate
from helpers.publish import pipeline, site
from helpers.source import ArticleError, load_article

from conftest import data_copy


def linked_out(tmp_path: Path, name: str = "raw/SOURCE.md") -> Path:
    """A data folder whose ``name`` is a link to a file outside it."""
    secret = tmp_path / "secret.txt"
    secret.write_text("not to be published", encoding="utf-8")
    folder = data_copy(tmp_path)
    (folder / name).unlink()
    (folder / name).symlink_to(secret)
    return folder


def test_a_link_out_of_the_data_folder_is_refused_by_the_preflight_naming_it(tmp_path):
    folder = linked_out(tmp_path)
    with pytest.raises(DataError) as info:
        preflight.check(folder, paths.article_path(folder))
    message = str(info.value)
    assert "data/raw/SOURCE.md is a link to" in message and "outside the data folder" in message
    assert message.count(". ") == 0 and message.endswith(".")  # one sentence


def test_the_site_never_copies_a_file_from_outside_the_data_folder(tmp_path):
    folder = linked_out(tmp_path, "context/huzhou.csv")
    target = tmp_path / "site"
    with pytest.raises(DataError, match="context/huzhou.csv is a link to"):
        site.copy_data(site.Inputs({}, folder), target)
    assert not (target / "data" / "context" / "huzhou.csv").exists()


def test_the_runner_refuses_it_before_reading_anything(tmp_path):
    folder = linked_out(tmp_path, "raw/article_ocr.txt")
    with pytest.raises(ParameterError, match="raw/article_ocr.txt is a link to"):
        pipeline.run(["en"], {"data_dir": str(folder)}, [], 1)


def test_a_notebook_refuses_it_too(tmp_path):
    folder = linked_out(tmp_path, "glossary.csv")
    with pytest.raises(DataError, match="glossary.csv is a link to"):
        notebook.start(lang="en", data_dir=str(folder), out_dir=str(tmp_path / "out"))


def test_links_that_stay_inside_the_data_folder_and_folders_outside_it_are_told_apart(tmp_path):
    folder = data_copy(tmp_path)
    (folder / "notes.md").write_text("provenance", encoding="utf-8")
    (folder / "raw" / "SOURCE.md").unlink()
    (folder / "raw" / "SOURCE.md").symlink_to(Path("..") / "notes.md")
    refuse_links_out(folder)  # inside: fine
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (folder / "context" / "more").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DataError, match="context/more is a link to"):
        refuse_links_out(folder)


# --- Safe downloads: no cell a spreadsheet would run as a formula --------------------------------------------

@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://x\",\"点击\")", "'=HYPERLINK(\"http://x\",\"点击\")"),
    ("+1+2", "'+1+2"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("'=already", "''=already"),  # one more quote, so the reading back is exact
    ("-3.5", "-3.5"), ("+7", "+7"), ("-1e3", "-1e3"), ("湖州", "湖州"), ("'quoted", "'quoted"), ("", ""),
])
def test_a_formula_leading_cell_is_neutralised_and_read_back_exactly(cell, written):
    assert spreadsheet_cell(cell) == written
    assert plain_cell(written) == cell


def test_numbers_stay_numbers_in_a_spreadsheet_csv():
    frame = pd.DataFrame({"text": ["=1+1", "-3.5"], "value": [-3.5, 2.0]})
    assert spreadsheet_csv(frame).decode("utf-8").splitlines() == ["text,value", "'=1+1,-3.5", "-3.5,2.0"]


def test_claims_csv_is_safe_in_a_spreadsheet_and_the_json_stays_exact(ledger, tmp_path):
    frame = ledger.assign(audit_checks="", audit_verdict="")[exports.EXPORT_COLUMNS].copy()
    frame.loc[0, "note"] = "=cmd|' /C calc'!A0"
    frame.loc[1, "metric_en"] = "@SUM(1+1)"
    csv_bytes, json_bytes = exports.export_bytes(frame)
    lines = csv_bytes.decode("utf-8").splitlines()
    assert "'=cmd|' /C calc'!A0" in lines[1] and "'@SUM(1+1)" in lines[2]
    assert not any(cell.startswith(("=", "+", "@")) for line in lines for cell in line.split(","))
    (tmp_path / "claims.csv").write_bytes(csv_bytes)
    (tmp_path / "claims.json").write_bytes(json_bytes)
    from_csv = pd.read_csv(tmp_path / "claims.csv", dtype=str, keep_default_na=False).map(plain_cell)
    from_json = pd.DataFrame(json.loads(json_bytes))
    for loaded in (from_csv, from_json):  # the spreadsheet's mark comes off exactly; the JSON is as written
        assert loaded.loc[0, "note"] == "=cmd|' /C calc'!A0" and loaded.loc[1, "metric_en"] == "@SUM(1+1)"


def test_a_table_offered_as_csv_is_neutralised(tmp_path):
    report = notebook.start(lang="en", out_dir=str(tmp_path))
    report.table(pd.DataFrame({"id": ["-x", "ok"], "value": [-3.5, 1.0]}), name="05_unstated")
    text = (tmp_path / "tables" / "05_unstated.csv").read_text(encoding="utf-8")
    assert text.splitlines()[1:] == ["'-x,-3.5", "ok,1.0"]


# --- Control characters: refused where a data file is read ---------------------------------------------------

@pytest.mark.parametrize(("name", "column", "line"), [("indicators.csv", "note", 3),
                                                       ("context/huzhou.csv", "note_en", 2)])
def test_a_control_character_in_the_ledger_or_a_context_note_is_refused_with_line_and_column(
        tmp_path, name, column, line):
    folder = data_copy(tmp_path)
    table = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
    table.loc[line - 2, column] = "a note\x00with a NUL"
    table.to_csv(folder / name, index=False)
    with pytest.raises(DataError) as info:
        preflight.check(folder, paths.article_path(folder))
    message = str(info.value)
    assert f"{name}, line {line}, column '{column}'" in message and "U+0000 at character 7" in message


# --- Suspicious inputs: a claim under two ids is a warning; an article of white space is refused -------------

def duplicated(tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    """A data folder whose ledger repeats its fifth row twice under new ids."""
    folder = data_copy(tmp_path)
    table = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    copies = pd.concat([table.iloc[[4]]] * 2).assign(id=["copy_one", "copy_two"])
    pd.concat([table, copies]).to_csv(folder / "indicators.csv", index=False)
    return folder, table


def test_the_same_claim_under_new_ids_is_a_warning_per_copy(tmp_path):
    folder, table = duplicated(tmp_path)
    warnings = preflight.check(folder, paths.article_path(folder))
    assert len(warnings) == 2 and all("states the same claim as" in w for w in warnings)
    original = table.loc[4, "id"]
    assert f"line {len(table) + 2}, column 'id': 'copy_one' states the same claim as '{original}' (line 6" in warnings[0]
    clean = data_copy(tmp_path, "clean")
    assert preflight.check(clean, paths.article_path(clean)) == []


def test_the_runner_passes_the_warnings_on_one_line_each(tmp_path):
    folder, _ = duplicated(tmp_path)
    said: list[str] = []
    pipeline.preflight(validate({"data_dir": str(folder), "lang": "en"}), False, said.append)
    assert len(said) == 2 and all(line.startswith("warning: ") and "'copy_" in line for line in said)


@pytest.mark.parametrize("blank", [" \n\t\n", "\u3000\u3000\n\n", "\u200b\ufeff \xa0\n"])
def test_an_article_of_only_white_space_is_refused_in_one_sentence(tmp_path, blank):
    article = tmp_path / "blank.txt"
    article.write_text(blank, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"^The article file blank.txt (holds only white space|is empty)"):
        preflight.check(paths.DATA, article)


# --- Messages that say what is wrong ---------------------------------------------------------------------------

def test_a_semicolon_separated_ledger_is_named_as_such(tmp_path):
    folder = data_copy(tmp_path)
    table = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    table.to_csv(folder / "indicators.csv", sep=";", index=False)
    with pytest.raises(DataError, match=r"indicators.csv, line 1: the columns are separated by semicolons \(';'\), "
                                        "not by commas"):
        preflight.check(folder, paths.article_path(folder))


def test_a_value_missing_from_its_quote_is_refused_even_with_a_note(tmp_path):
    folder = data_copy(tmp_path)
    table = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    row = int(table.index[table["kind"] == "quantity"][0])
    table.loc[row, ["value", "note"]] = ["9999", "value: corrected by the curator"]
    table.to_csv(folder / "indicators.csv", index=False)
    with pytest.raises(DataError) as info:
        preflight.check(folder, paths.article_path(folder))
    assert f"indicators.csv, line {row + 2}, column 'value': '9999' does not appear in the quote" in str(info.value)


@pytest.mark.parametrize(("quote", "value", "found"), [
    ("規模以上工業總產值2750.54億元", 2750.54, True), ("規模以上工業總產值2750.54億元", 9999, False),
    ("全市国家高新技术企业达1,180家", 1180, True), ("連續兩年全省第二", 2, True), ("近万家", 10000, True),
    ("增长１２.５%", 12.5, True), ("三连冠", 3, True), ("三连冠", 4, False),
])
def test_the_numbers_a_quote_writes_in_any_script(quote, value, found):
    assert (value in numbers_in(quote)) is found


def test_no_download_of_the_site_holds_a_formula(built_project):
    """Every CSV a reader downloads from a language's data page: no text cell a spreadsheet would run."""
    import csv

    found = sorted((built_project / "build" / "site").glob("*/data/**/*.csv"))
    assert {p.name for p in found} >= {"claims.csv", "audit.csv"} and any(p.parent.name == "tables" for p in found)
    for path in found:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    assert spreadsheet_cell(cell) == cell or cell.startswith("'"), (path.name, cell)


def test_traditional_characters_saved_as_gb18030_are_read_and_big5_is_refused(tmp_path):
    text = "規模以上工業總產值2750.54億元，同比增長12.5%，連續2年全省第二。湖州市經信局發佈。\n"
    (tmp_path / "gb.txt").write_bytes(text.encode("gb18030"))
    assert load_article(tmp_path / "gb.txt").text == text.strip()
    (tmp_path / "big5.txt").write_bytes(text.encode("big5"))
    with pytest.raises(ArticleError, match="save it as UTF-8"):
        load_article(tmp_path / "big5.txt")

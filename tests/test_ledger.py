import pandas as pd
import pytest

from helpers import paths
from helpers.claims import extract_claims
from helpers.ledger import COLUMNS, LedgerError, load_exclusions, load_indicators, reconcile, rows_not_found


def test_ledger_loads_with_about_fifty_rows(ledger):
    assert list(ledger.columns) == COLUMNS
    assert 45 <= len(ledger) <= 70
    assert ledger["id"].is_unique
    assert set(ledger["section"]) == {"award", "industry", "innovation", "green_digital"}


def test_every_quote_occurs_in_the_cleaned_article(ledger, article):
    for _, row in ledger.iterrows():
        assert row["quote"] in article.text, row["id"]


def test_every_claim_maps_to_the_ledger_or_an_exclusion(ledger, article):
    mapped = reconcile(extract_claims(article.text), ledger, article.text, load_exclusions())
    unmatched = mapped[mapped["status"] == "unmatched"]
    assert unmatched.empty, unmatched[["span", "sentence"]].to_dict("records")
    assert (mapped["status"] == "ledger").sum() >= len(ledger)
    excluded = mapped[mapped["status"] == "excluded"]
    assert (excluded["reason"] != "").all()


def test_every_ledger_row_is_found_by_the_extractor(ledger, article):
    assert rows_not_found(extract_claims(article.text), ledger, article.text) == []


def test_every_exclusion_is_used(ledger, article):
    mapped = reconcile(extract_claims(article.text), ledger, article.text, load_exclusions())
    used = set(mapped.loc[mapped["status"] == "excluded", "span"])
    assert used == set(load_exclusions()["span"])


def write_ledger(tmp_path, frame: pd.DataFrame):
    folder = tmp_path / "data"
    (folder / "raw").mkdir(parents=True)
    (folder / "raw" / "article_ocr.txt").write_bytes((paths.DATA / "raw" / "article_ocr.txt").read_bytes())
    frame.to_csv(folder / "indicators.csv", index=False)
    return folder


def raw_ledger() -> pd.DataFrame:
    return pd.read_csv(paths.DATA / "indicators.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("change", "column", "words"), [
    (lambda f: f.drop(columns=["unit"]), "unit", ["required column is missing"]),
    (lambda f: f.assign(value=f["value"].where(f.index != 3, "abc")), "value", ["'abc' is not a number"]),
    (lambda f: f.assign(id=f["id"].where(f.index != 3, f["id"][2])), "id", ["duplicate id"]),
    (lambda f: f.assign(section=f["section"].where(f.index != 3, "sports")), "section", ["'sports' is not allowed"]),
    (lambda f: f.assign(qualifier=f["qualifier"].where(f.index != 3, "maybe")), "qualifier", ["'maybe'"]),
    (lambda f: f.assign(unit=f["unit"].where(f.index != 3, "斤")), "unit", ["'斤' is not allowed"]),
    (lambda f: f.assign(province_rank=f["province_rank"].where(f.index != 3, "0")), "province_rank",
     ["not a positive whole number"]),
    (lambda f: f.assign(province_rank=f["province_rank"].where(f.index != 3, "1.5")), "province_rank",
     ["not a positive whole number"]),
    (lambda f: f.assign(quote=f["quote"].where(f.index != 3, "这句话不在文章里")), "quote",
     ["not found in the cleaned article"]),
    (lambda f: f.assign(period=f["period"].where(f.index != 3, "last year")), "period", ["not a period"]),
    (lambda f: f.assign(id=f["id"].where(f.index != 3, "Bad-Id")), "id", ["snake_case"]),
])
def test_each_fault_names_file_line_and_column(tmp_path, change, column, words):
    folder = write_ledger(tmp_path, change(raw_ledger()))
    with pytest.raises(LedgerError) as info:
        load_indicators(folder)
    message = str(info.value)
    assert "indicators.csv" in message and f"column '{column}'" in message, message
    if column != "unit" or "missing" not in words[0]:
        assert "line 5" in message, message
    assert all(w in message for w in words), message


def test_markup_in_a_quote_is_only_text(tmp_path):
    frame = raw_ledger()
    frame.loc[0, "metric_en"] = "<script>alert(1)</script>"
    folder = write_ledger(tmp_path, frame)
    loaded = load_indicators(folder)
    assert loaded.loc[0, "metric_en"] == "<script>alert(1)</script>"

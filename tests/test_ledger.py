"""The curated ledger: its schema, its quotes, and its agreement with the extractor field by field."""

import pandas as pd
import pytest

from helpers import paths
from helpers.claims import CLAIM_KINDS, extract_claims
from helpers.ledger import COLUMNS, LedgerError, load_exclusions, load_indicators
from helpers.meta import article_reference
from helpers.reconcile import FIELDS, disagreements, map_claims, rows_not_found


@pytest.fixture(scope="module")
def claims(article):
    return extract_claims(article.text, article_reference(paths.DATA))


def test_ledger_loads_with_every_section(ledger, claims):
    assert list(ledger.columns) == COLUMNS
    assert 60 <= len(ledger) <= 80
    assert ledger["id"].is_unique
    assert set(ledger["section"]) == {"award", "industry", "innovation", "green_digital"}
    found = set(claims.loc[claims["kind"].isin(CLAIM_KINDS), "kind"])
    assert set(ledger["kind"]) == found and len(found) >= 7  # every kind the article states is in the ledger


def test_every_quote_occurs_in_the_cleaned_article(article):
    """The CSV as written, read past the loader (which refuses a ledger with such a quote before a test sees it)."""
    frame = raw_ledger()
    assert len(frame) > 0
    assert [row["id"] for _, row in frame.iterrows() if row["quote"] not in article.text] == []


def test_ledger_and_extractor_agree_field_by_field_or_the_note_says_why(ledger, claims, article):
    found = disagreements(ledger, claims, article.text)
    assert set(found["field"]) <= set(FIELDS)
    assert found[~found["noted"]].to_dict("records") == []
    noted_fields = {(r["id"], f.split(":")[0].strip()) for _, r in ledger.iterrows()
                    for f in r["note"].split(";") if ":" in f}
    assert noted_fields == set(zip(found["id"], found["field"]))  # a note explains a difference, nothing else


def test_every_claim_maps_to_the_ledger_a_time_a_name_or_an_exclusion(ledger, claims, article):
    mapped = map_claims(claims, ledger, article.text, load_exclusions())
    unmatched = mapped[mapped["match"] == "unmatched"]
    assert unmatched.empty, unmatched[["span", "kind", "sentence"]].to_dict("records")
    assert mapped.loc[mapped["kind"].isin(CLAIM_KINDS), "match"].isin(["ledger", "excluded"]).all()
    assert (mapped.loc[mapped["match"].isin(["excluded", "name"]), "reason"] != "").all()


def test_every_ledger_row_is_found_by_the_extractor(ledger, claims, article):
    assert rows_not_found(claims, ledger, article.text) == []


def test_every_exclusion_is_used(ledger, claims, article):
    mapped = map_claims(claims, ledger, article.text, load_exclusions())
    used = set(mapped.loc[mapped["match"] == "excluded", "span"])
    assert used == set(load_exclusions()["span"])


def test_summaries_point_to_the_rows_they_restate(ledger):
    summaries = ledger[ledger["summary_of"] != ""]
    assert set(summaries["id"]) >= {"green_first_place_indicators", "energy_saving_first_place_years"}
    for _, row in summaries.iterrows():
        assert pd.isna(row["rank"]), row["id"]  # the rank belongs to the rows summed up


def write_ledger(tmp_path, frame: pd.DataFrame):
    folder = tmp_path / "data"
    (folder / "raw").mkdir(parents=True)
    for name in ("article_ocr.txt", "article_meta.csv", "sections.csv"):
        (folder / "raw" / name).write_bytes((paths.DATA / "raw" / name).read_bytes())
    frame.to_csv(folder / "indicators.csv", index=False)
    return folder


def raw_ledger() -> pd.DataFrame:
    return pd.read_csv(paths.DATA / "indicators.csv", dtype=str, keep_default_na=False)


def at(frame: pd.DataFrame, row_id: str) -> int:
    return int(frame.index[frame["id"] == row_id][0])


def changed(row_id: str, **values):
    def change(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        for column, value in values.items():
            frame.loc[at(frame, row_id), column] = value
        return frame
    return change


@pytest.mark.parametrize(("change", "column", "words"), [
    (lambda f: f.drop(columns=["unit"]), "unit", ["required column is missing"]),
    (lambda f: f.assign(extra="x"), "extra", ["unknown column"]),
    (changed("hightech_firms", value="abc"), "value", ["'abc' is not a number"]),
    (changed("hightech_firms", id="tech_smes"), "id", ["'tech_smes' is used twice (first on line"]),
    (changed("hightech_firms", section="sports"), "section", ["'sports' is not allowed"]),
    (changed("hightech_firms", qualifier="maybe"), "qualifier", ["'maybe'"]),
    (changed("hightech_firms", unit="斤"), "unit", ["'斤' is not a unit"]),
    (changed("hightech_firms", rank="0", rank_kind="exact", scope="province"), "rank", ["'0' is below 1"]),
    (changed("hightech_firms", rank="2.5", rank_kind="exact", scope="province"), "rank", ["not a whole number"]),
    (changed("hightech_firms", rank="2", rank_kind="", scope="province"), "rank_kind", ["a rank needs its kind"]),
    (changed("award_gold_first", rank="1", rank_kind="exact", scope="province"), "rank", ["a first carries no rank"]),
    (changed("talent_pilot_only", scope="山区26县"), "scope", ["a named group is the scope of a rank only"]),
    (changed("hightech_firms", rank="1", rank_kind="exact", scope="city, county"), "scope", ["'city, county'"]),
    (changed("hightech_firms", kind="forecast"), "kind", ["'forecast' is not allowed", "standing"]),
    (changed("hightech_firms", topic=" "), "topic", ["must not be empty"]),
    (changed("hightech_firms", quote="这句话不在文章里"), "quote", ["not found in the cleaned article"]),
    (changed("hightech_firms", period="last year"), "period", ["'last year' does not have the form of period"]),
    (changed("hightech_firms", period="2024-13"), "period", ["not a period"]),
    (changed("hightech_firms", id="Bad-Id"), "id", ["snake_case"]),
    (changed("award_gold_first", value="1"), "value", ["states no figure"]),
    (changed("green_first_place_indicators", summary_of="nothing_here"), "summary_of", ["'nothing_here'"]),
    (changed("emerging_chain_share_2024", value="39.6"), "value", ["39.6", "36.9", "not what the quote states"]),
    (changed("provincial_feature_clusters", value="-8"), "value", ["-8", "not what the quote states"]),
    (changed("hightech_firms", unit="个"), "unit", ["'个' is not what the quote states"]),
    (changed("deqing_geo_investment", qualifier="exact"), "qualifier", ["'exact'", "at_least"]),
])
def test_each_fault_names_file_line_and_column(tmp_path, change, column, words):
    frame = raw_ledger()
    folder = write_ledger(tmp_path, change(frame))
    with pytest.raises(LedgerError) as info:
        load_indicators(folder)
    message = str(info.value)
    assert "indicators.csv" in message and f"column '{column}'" in message, message
    assert all(w in message for w in words), message


@pytest.mark.parametrize("scope", ["city", "national", "山区26县", "20个县（区、市）", ""])
def test_a_rank_holds_at_any_scope(tmp_path, scope):
    """A rank at another level than the province, among a named group, or where the text gives none, loads."""
    frame = changed("hightech_firms", rank="2", rank_kind="exact", scope=scope)(raw_ledger())
    loaded = load_indicators(write_ledger(tmp_path, frame)).set_index("id")
    assert (loaded.loc["hightech_firms", "rank"], loaded.loc["hightech_firms", "scope"]) == (2, scope)


def test_a_noted_difference_is_accepted(tmp_path):
    frame = changed("deqing_geo_investment", qualifier="exact",
                    note="qualifier: read as a point for this test")(raw_ledger())
    loaded = load_indicators(write_ledger(tmp_path, frame))
    assert loaded.set_index("id").loc["deqing_geo_investment", "qualifier"] == "exact"


def test_a_ledger_with_only_a_header_is_refused(tmp_path):
    with pytest.raises(LedgerError, match="header but no rows"):
        load_indicators(write_ledger(tmp_path, raw_ledger().iloc[0:0]))


def test_markup_in_a_metric_is_only_text(tmp_path):
    frame = raw_ledger()
    frame.loc[0, "metric_en"] = "<script>alert(1)</script>"
    loaded = load_indicators(write_ledger(tmp_path, frame))
    assert loaded.loc[0, "metric_en"] == "<script>alert(1)</script>"

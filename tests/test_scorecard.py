import pandas as pd

from helpers import scorecard
from helpers.audit import run_audit
from helpers.context import load_figures


def test_claims_export_round_trips_with_the_same_rows_and_types(ledger, article, tmp_path):
    audit = run_audit(ledger, article.text, load_figures())
    frame = scorecard.claims_export(ledger, audit)
    assert list(frame.columns) == scorecard.EXPORT_COLUMNS and len(frame) == len(ledger)
    csv_bytes, json_bytes = scorecard.export_bytes(frame)
    (tmp_path / "claims.csv").write_bytes(csv_bytes)
    (tmp_path / "claims.json").write_bytes(json_bytes)
    expected = scorecard._typed(frame).reset_index(drop=True)
    for loaded in (scorecard.read_claims_csv(tmp_path / "claims.csv"),
                   scorecard.read_claims_json(tmp_path / "claims.json")):
        pd.testing.assert_frame_equal(loaded.reset_index(drop=True), expected)
    assert scorecard.export_bytes(frame) == (csv_bytes, json_bytes)


def test_overall_verdict_is_the_weakest(ledger, article):
    audit = run_audit(ledger, article.text, load_figures())
    frame = scorecard.claims_export(ledger, audit).set_index("id")
    assert frame.loc["hightech_firms", "audit_verdict"] == "not_checkable"  # doubling, 2048 elsewhere
    assert frame.loc["green_design_firms", "audit_verdict"] == "consistent"
    assert frame.loc["fangzheng_investment", "audit_verdict"] == ""

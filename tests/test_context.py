import pandas as pd
import pytest

from helpers import paths
from helpers.context import ContextError, load_all
from helpers.registry import RELIABILITY


def test_every_context_row_names_its_source():
    figures, tables = load_all()
    assert len(figures) >= 25
    assert ((figures["publisher_zh"] != "") & (figures["publisher_en"] != "")).all()
    assert ((figures["title"] != "") | (figures["url"] != "")).all()
    assert set(figures["reliability"]) <= set(RELIABILITY)
    gold = tables["gold_list_2025"]
    assert (gold["kind"] == "city").sum() == 6 and len(gold) == 20


def test_linked_ledger_ids_exist(ledger):
    figures = load_all()[0]
    linked = set(figures.loc[figures["ledger_id"] != "", "ledger_id"])
    assert linked <= set(ledger["id"])


def broken(tmp_path, change):
    folder = tmp_path / "data"
    (folder / "context").mkdir(parents=True)
    frame = pd.read_csv(paths.DATA / "context" / "huzhou.csv", dtype=str, keep_default_na=False)
    change(frame).to_csv(folder / "context" / "huzhou.csv", index=False)
    return folder


@pytest.mark.parametrize(("change", "column", "words"), [
    (lambda f: f.assign(publisher_en=f["publisher_en"].where(f.index != 2, "")), "publisher_en", ["publisher"]),
    (lambda f: f.assign(title="", url=f["url"].where(f.index != 2, "")), "title", ["title or an address"]),
    (lambda f: f.assign(reliability=f["reliability"].where(f.index != 2, "rumour")), "reliability",
     ["'rumour' is not allowed"]),
    (lambda f: f.assign(value=f["value"].where(f.index != 2, "n/a")), "value", ["not a number"]),
    (lambda f: f.assign(id=f["id"].where(f.index != 2, f["id"][0])), "id", ["is used twice (first on line 2)"]),
    (lambda f: f.assign(date=f["date"].where(f.index != 2, "2025-02-30")), "date", ["not a real date"]),
    (lambda f: f.assign(period=f["period"].where(f.index != 2, "last year")), "period", ["does not have the form"]),
])
def test_bad_context_rows_are_refused_by_row(tmp_path, change, column, words):
    folder = broken(tmp_path, change)
    with pytest.raises(ContextError) as info:
        load_all(folder)
    message = str(info.value)
    assert "huzhou.csv" in message and "line 4" in message and f"column '{column}'" in message
    assert all(w in message for w in words), message

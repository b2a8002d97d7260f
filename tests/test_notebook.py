"""What notebooks show: escaped text, translated headers, figures saved with a source line."""

import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import notebook  # noqa: E402
from helpers.params import ParameterError  # noqa: E402
from helpers.views import tables  # noqa: E402

MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>"


@pytest.fixture
def shown(monkeypatch):
    captured = []
    monkeypatch.setattr(notebook, "display", captured.append)
    return captured


def html_of(objects) -> str:
    return "".join(getattr(o, "data", "") or "" for o in objects if isinstance(getattr(o, "data", None), str))


def test_markup_in_ledger_text_is_shown_as_text(tmp_path, shown):
    R = notebook.start(lang="en", out_dir=str(tmp_path))
    R.ledger.loc[0, "metric_en"] = MARKUP
    R.ledger.loc[0, "quote"] = MARKUP
    tables.ledger_table(R, [R.ledger.loc[0, "id"]])
    R.note(MARKUP)
    R.say("say.external_rank", metric=MARKUP, rank="1", source=MARKUP)
    text = html_of(shown)
    assert "<script>" not in text and "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_headers_follow_the_language(tmp_path, shown):
    for lang, header in (("zh", ">指标</th>"), ("en", ">indicator</th>")):
        shown.clear()
        R = notebook.start(lang=lang, out_dir=str(tmp_path / lang))
        tables.ledger_table(R, ["hightech_firms"], name="03_ledger")
        assert header in html_of(shown)
        assert (tmp_path / lang / "tables" / "03_ledger.csv").read_text(encoding="utf-8").count("\n") == 2


def test_figures_are_saved_numbered_with_source_alt_text_and_data(tmp_path, shown):
    R = notebook.start(lang="zh", out_dir=str(tmp_path), fig_format="svg")
    for name in ("02_first", "02_second"):
        fig, ax = plt.subplots()
        ax.plot([1, 2], [3, 4])
        R.figure(fig, name, R.source_line("某出版方, 2025-01-01"), caption="说明", alt="两点连线",
                 data=pd.DataFrame({"x": [1, 2], "y": [3, 4]}))
    svg = (tmp_path / "figures" / "02_second.svg").read_text()
    assert svg.startswith("<?xml") and "figures/02_second.svg" in R.saved
    assert (tmp_path / "figures" / "02_second.csv").read_text() == "x,y\n1,3\n2,4\n"
    page = html_of(shown)
    assert '<figure class="chart" id="figure-2-2">' in page and "图 2.2" in page
    assert 'alt="两点连线"' in page and 'href="data/figures/02_second.csv"' in page
    assert "来源：" in page and "某出版方" in page


def test_a_long_table_folds_under_its_caption_and_data_link(tmp_path, shown):
    R = notebook.start(lang="en", out_dir=str(tmp_path))
    frame = pd.DataFrame({"indicator": [f"row {i}" for i in range(7)], "missing": ["a date"] * 7})
    R.table(frame, "05_unstated", fold=True)
    R.table(frame.head(2), "05_rank_counts", caption_key="caption.05_unstated")
    folded, plain = (o.data for o in shown)
    title, rest = folded.split('<details class="table-fold" data-pagefind-ignore>')  # the caption is searched
    assert 'class="number">Table 5.1</span> What the article leaves unstated' in title
    assert 'href="data/tables/05_unstated.csv"' in title and "<caption>" not in folded
    assert rest.startswith("<summary>Show all 7 rows</summary>") and rest.count("<tr>") == 8
    assert "<details" not in plain and "<caption>" in plain
    R.table(pd.concat([frame] * 3), "05_unstated")  # 21 rows: folded without being asked
    assert "<details" in shown[-1].data and notebook.FOLD_ROWS < 21


def test_notebook_parameters_are_validated_first():
    with pytest.raises(ParameterError, match="'fig_format' has the value 'gif'"):
        notebook.start(fig_format="gif")


def test_a_missing_id_is_refused_alike_by_every_lookup(tmp_path):
    from helpers import audit
    from helpers.files import NotFound
    from helpers.ledger import rows

    R = notebook.start(lang="en", out_dir=str(tmp_path))
    for lookup, words in ((lambda: R.row("hightech_firm"), "the ledger row 'hightech_firm' does not exist"),
                          (lambda: rows(R.ledger, ["hightech_firm"]), "the ledger row 'hightech_firm'"),
                          (lambda: R.external("zj_hightech_va_share"), "the external figure 'zj_hightech_va_share'"),
                          (lambda: R.context_table("gold_list"), "the context table 'gold_list' does not exist")):
        with pytest.raises(NotFound) as info:
            lookup()
        assert str(info.value).startswith(words) and ("closest:" in str(info.value) or "allowed:" in str(info.value))
    assert "hightech_firms" in str(pytest.raises(NotFound, R.row, "hightech_firm").value)  # the closest id named
    inputs = audit.Inputs(R.ledger, "", R.context_figures(), {}, None)
    assert inputs.rows(("hightech_firms", "hightech_firm")) is None and inputs.external(("nothing",)) is None
    assert inputs.rows(("hightech_firms",))[0]["id"] == "hightech_firms"


def test_every_external_source_is_a_link_to_its_address_with_its_date_in_words(tmp_path, shown):
    import html as html_lib

    from helpers import markup
    from helpers.context import linked
    from helpers.views import scorecard_page

    for lang in ("zh", "en"):
        R = notebook.start(lang=lang, out_dir=str(tmp_path / lang))
        rows = [r for _, r in R.context_figures().iterrows()]
        rows += [r for table in R.context_tables().values() for _, r in table.iterrows()]
        for row in rows:
            line = R.source_line(R.source_of(row))
            page = markup.text(line, lang)
            date = html_lib.escape(R.period_text(row["date"]))
            publisher = markup.text(row[f"publisher_{lang}"], lang)
            if row["url"]:
                assert (f'<a class="source-link" href="{html_lib.escape(row["url"])}" rel="noopener" '
                        f'title="{html_lib.escape(" — ".join(filter(None, [row["title"], row["url"]])))}">'
                        f"{publisher}</a>") in page, row["id"]
            else:
                assert "<a " not in page and publisher in page, row["id"]
            assert date in page[page.index(publisher):]
            assert str(line) == html_lib.unescape(re.sub(r"<[^>]+>", "", page))  # the plain line: same words
        shown.clear()
        scorecard_page.external_comparison(R)
        table = html_of(shown)
        cells = re.findall(r'data-label="[^"]*">(<a class="source-link" href="([^"]+)")', table)
        urls = {e["url"] for _, e, _ in linked(R.ledger, R.context_figures(), R.place.id) if e["url"]}
        assert urls and {href for _, href in cells} == {html_lib.escape(u) for u in urls}
        source_line = table[table.rindex('<p class="source-line">'):]
        assert all(f'href="{html_lib.escape(u)}"' in source_line for u in urls)
        shown.clear()
        result = scorecard_page.audit_table(R, R.audit_spec())  # the audit's findings name external facts too
        used = {i for ids in result["ids"] for i in ids.split(", ")}
        audit_urls = {r["url"] for r in rows if r["id"] in used and r["url"]}
        audit_line = html_of(shown)[html_of(shown).rindex('<p class="source-line">'):]
        assert len(audit_urls) >= 3 and all(f'href="{html_lib.escape(u)}"' in audit_line for u in audit_urls)
        csv_text = (tmp_path / lang / "tables" / "05_external.csv").read_text(encoding="utf-8")
        assert "<a " not in csv_text and "\ue000" not in csv_text


def test_a_sentence_naming_a_source_links_it_and_escapes_the_rest(tmp_path, shown):
    R = notebook.start(lang="en", out_dir=str(tmp_path))
    external = R.external("hz_green_factories_2020")
    R.say("say.external_rank", metric=MARKUP, rank="1", source=R.source_of(external))
    text = html_of(shown)
    assert "<script>" not in text and f'href="{external["url"]}"' in text and "4 Jan 2021" in text

"""The scorecard notebook's views: ranks, audit, external figures, gaps, exports."""

from __future__ import annotations

from functools import partial

import pandas as pd
from IPython.display import HTML, display

from .. import audit, charts, derive, exports, markup, paths
from ..audit import VERDICTS
from ..context import linked
from ..derive import stated
from ..files import spreadsheet_csv
from ..ledger import indicators, sections_of
from ..notebook import Notebook
from ..registry import SCOPES
from ..unstated import unstated
from .figures import alt_text

SCOPE_ORDER = ("province", *(s for s in SCOPES if s != "province"), "")  # the province's ranks first


def ranked(R: Notebook) -> pd.DataFrame:
    """Indicator rows that carry a rank at any scope, in ledger order (summaries of other rows left out)."""
    rows = indicators(R.ledger)
    return rows[rows["rank"].notna()].reset_index(drop=True)


def scope_words(R: Notebook, scope: str) -> str:
    """A rank's scope in the reader's words (全省, 全市, 山区26县中 …)."""
    return audit.scope_label(scope).render(R.t)


def rank_figure(R: Notebook) -> None:
    """Every ranked indicator on one rank axis, grouped by section. When ranks hold in other scopes than the
    province, each such label says where, and the title and axis say that scopes differ."""
    rows = ranked(R)
    provincial = bool((rows["scope"] == "province").all())
    frame = pd.DataFrame({
        "label": [R.metric(r) if r["scope"] == "province"
                  else R.t("legend.rank_scope", label=R.metric(r), scope=scope_words(R, r["scope"]))
                  for _, r in rows.iterrows()],
        "group": [R.section_label(s) for s in rows["section"]],
        "rank": rows["rank"].astype(int),
        "rank_kind": rows["rank_kind"],
    })
    title = R.t("fig.rank_scorecard" if provincial else "fig.rank_scorecard_scopes")
    draw = partial(charts.rank_dots, frame, title, R.t("axis.rank" if provincial else "axis.rank_scopes"),
                   R.t("legend.rank_exact"), R.t("legend.rank_top_n"),
                   max_rank=max(5, int(frame["rank"].max())) if len(frame) else 5)
    shown = [R.rank_text(r) for _, r in rows.iterrows()]
    alt = alt_text(R, title, (f"{label} {rank}" for label, rank in zip(frame["label"], shown)))
    R.chart(draw, "05_rank_scorecard", R.source_line(), caption=title, alt=alt, data=frame.assign(shown=shown))


def rank_counts(R: Notebook) -> pd.DataFrame:
    """Per section and scope: how many indicators rank 1st, 2nd, 3rd, lower, or 'top n'. Each scope is
    counted apart: a city first or a first among mountain counties is never a provincial first."""
    rows = ranked(R)
    buckets = []
    for _, r in rows.iterrows():
        if r["rank_kind"] == "top_n":
            buckets.append("top_n")
        else:
            buckets.append({1: "first", 2: "second", 3: "third"}.get(int(r["rank"]), "lower"))
    scopes = rows["scope"].fillna("")
    counts = pd.crosstab([rows["section"], scopes.rename("scope")], pd.Series(buckets, name="bucket"))
    counts = counts.reindex(columns=["first", "second", "third", "lower", "top_n"], fill_value=0)
    sections = [s for s in sections_of(R.data_dir) if s in set(rows["section"])]
    sections += [s for s in dict.fromkeys(rows["section"]) if s not in sections]
    levels = [s for s in SCOPE_ORDER if s in set(scopes)] + sorted(set(scopes) - set(SCOPE_ORDER))
    order = [(s, c) for s in sections for c in levels if (s, c) in counts.index]
    counts = counts.loc[order] if order else counts
    frame = pd.DataFrame({"section": [R.section_label(s) for s, _ in counts.index],
                          "scope": [scope_words(R, c) for _, c in counts.index]})
    for column in counts.columns:
        frame[f"rank_{column}"] = counts[column].to_numpy()
    frame["total"] = counts.sum(axis=1).to_numpy()
    return R.table(frame, name="05_rank_counts", source=R.source_line())


def audit_checks(R: Notebook) -> pd.DataFrame:
    """The article's list of checks (``<data>/audit_checks.csv``), shown as a table; returns it. A check
    that uses a row deleted from a case's ledger is left out, with one line saying so."""
    dropped: list[tuple[int, str, str]] = []
    spec = R.audit_spec(dropped)
    for _, check, gone in dropped:
        R.say("say.check_dropped", check=R.t(f"check.{check}"), id=gone)
    shown = pd.DataFrame({"check": [R.t(f"check.{c}") for c in spec["check"]],
                          "note": spec[f"note_{R.lang}"], "ids": spec["ids"], "context": spec["context"]})
    R.table(shown, name="05_audit_checks", source=R.source_line(), code_columns=("ids", "context"),
                 key_columns=("check",))
    return spec


def run(R: Notebook, spec: pd.DataFrame) -> pd.DataFrame:
    """The audit of the article's checks on its ledger, text and context data."""
    inputs = audit.Inputs(R.ledger, R.article.text, R.context_figures(), R.context_tables(), R.reference, R.place)
    return audit.run_audit(spec, inputs)


def verdict_legend(R: Notebook) -> None:
    """What each verdict means, one line each, in the verdicts' colours."""
    items = [(v, R.t(f"verdict.{v}"), R.t(f"verdict_def.{v}")) for v in VERDICTS]
    display(HTML(markup.legend(R.t("verdict.legend"), items, R.lang)))


def sources_used(R: Notebook, result: pd.DataFrame) -> list[str]:
    """The sources (``R.source_of``, links) of the external facts the findings use, in order of first use."""
    rows = {r["id"]: r for _, r in R.context_figures().iterrows()}
    rows.update({r["id"]: r for table in R.context_tables().values() for _, r in table.iterrows()})
    used = dict.fromkeys(i for ids in result["ids"] for i in ids.split(", ") if i in rows)
    return [R.source_of(rows[i]) for i in used]


def audit_table(R: Notebook, spec: pd.DataFrame) -> pd.DataFrame:
    """Run the audit, show it in the reader's language with a summary of verdicts; returns the audit."""
    result = run(R, spec)
    shown = audit.render(result, R.t).drop(columns=["check_id"])
    verdict_legend(R)
    R.table(shown, name="05_audit", source=R.source_line(*sources_used(R, result)), code_columns=("ids",),
                 key_columns=("verdict", "claim"), marks={"verdict": list(result["verdict"])})
    counts = result["verdict"].value_counts()
    R.say("say.audit_summary", **{v: int(counts.get(v, 0)) for v in VERDICTS})
    return result


def external_comparison(R: Notebook) -> pd.DataFrame:
    """Article figures beside every external figure of the same indicator, with how they compare.

    A difference (article minus external) is shown only for the same figure
    or an earlier value of the same measure; year-to-date, quarterly or
    undated figures are shown without one.
    """
    pairs = linked(R.ledger, R.context_figures(), R.place.id)
    rows = []
    for own, ext, relation in pairs:
        rows.append({
            "indicator": R.metric(own),
            "article": f"{R.local(stated(own))} ({R.period_text(own['period'])})",
            "external_value": f"{R.local(stated(ext))} ({R.period_text(ext['period'])})",
            "comparison": R.t(f"comparison.{relation}"),
            "difference": R.local(derive.gap(own, ext).formula) if relation != "other" else "",
            "source": R.source_of(ext),
            "note": ext[f"note_{R.lang}"],
        })
    frame = pd.DataFrame(rows, dtype=object)  # object cells keep a source's link (markup.Linked)
    return R.table(frame, name="05_external", source=R.source_line(*[R.source_of(e) for _, e, _ in pairs]),
                   key_columns=("indicator", "comparison"))


def unstated_table(R: Notebook) -> pd.DataFrame:
    """What a reader would need but the article does not give, by section."""
    needs = unstated(R.ledger, R.context_figures(), R.article.text)
    metric = dict(zip(R.ledger["id"], R.ledger[f"metric_{R.lang}"]))
    frame = pd.DataFrame({
        "section": [R.section_label(s) for s in needs["section"]],
        "indicator": [metric[i] for i in needs["id"]],
        "missing": [R.t(f"unstated.{n}") for n in needs["need"]],
        "id": needs["id"],
    })
    summary = needs.groupby("need", sort=False).size()
    shown = R.table(frame, name="05_unstated", source=R.source_line(), code_columns=("id",),
                    key_columns=("indicator",), fold=True)
    R.say("say.unstated_summary", items=len(needs), rows=needs["id"].nunique(),
          kinds=len(summary))
    return shown


def export_claims(R: Notebook, result: pd.DataFrame) -> None:
    """Write ``claims.csv``, ``claims.json``, ``audit.csv`` and the site's ``headline.json`` under out_dir."""
    frame = exports.claims_export(R.ledger, result)
    csv_bytes, json_bytes = exports.export_bytes(frame)
    R.write_file(paths.EXPORTS["claims_csv"], csv_bytes)
    R.write_file(paths.EXPORTS["claims_json"], json_bytes)
    checks = exports.audit_export(result, R.t)  # worded in the page's language (README, "Exports")
    # formula-leading texts neutralised for spreadsheets, as in claims.csv
    R.write_file(paths.EXPORTS["audit_csv"], spreadsheet_csv(checks))
    R.write_file(paths.EXPORTS["headline"], exports.headline_bytes(R.ledger, result, R.t))
    folder = paths.relative_to_root(paths.published_dir(R.lang, R.out_dir))
    R.say("say.exported", code_only=True, rows=len(frame), columns=len(frame.columns), folder=f"{folder}/",
          files=", ".join(paths.EXPORTS.values()))



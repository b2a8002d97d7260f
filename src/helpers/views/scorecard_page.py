"""The scorecard notebook's views: ranks, audit, external figures, gaps, exports."""

from __future__ import annotations

import pandas as pd

from .. import audit, charts, derive, exports, paths
from ..audit import VERDICTS
from ..context import comparison
from ..derive import stated
from ..ledger import indicators, sections_of
from ..notebook import Notebook
from ..unstated import unstated
from .figures import alt_text


def ranked(report: Notebook) -> pd.DataFrame:
    """Indicator rows that carry a provincial rank, in ledger order (summaries of other rows left out)."""
    rows = indicators(report.ledger)
    return rows[rows["rank"].notna()].reset_index(drop=True)


def rank_figure(report: Notebook) -> None:
    """Every ranked indicator on one rank axis, grouped by section."""
    rows = ranked(report)
    frame = pd.DataFrame({
        "label": [report.metric(r) for _, r in rows.iterrows()],
        "group": [report.section_label(s) for s in rows["section"]],
        "rank": rows["rank"].astype(int),
        "rank_kind": rows["rank_kind"],
    })
    title = report.t("fig.rank_scorecard")
    fig = charts.rank_dots(frame, title, report.t("axis.rank"),
                           report.t("legend.rank_exact"), report.t("legend.rank_top_n"),
                           max_rank=max(5, int(frame["rank"].max())) if len(frame) else 5)
    shown = [report.rank_text(r) for _, r in rows.iterrows()]
    alt = alt_text(report, title, (f"{label} {rank}" for label, rank in zip(frame["label"], shown)))
    report.figure(fig, "05_rank_scorecard", report.source_line(), caption=title, alt=alt,
                  data=frame.assign(shown=shown))


def rank_counts(report: Notebook) -> pd.DataFrame:
    """Per section: how many indicators rank 1st, 2nd, 3rd, lower, or 'top n'."""
    rows = ranked(report)
    buckets = []
    for _, r in rows.iterrows():
        if r["rank_kind"] == "top_n":
            buckets.append("top_n")
        else:
            buckets.append({1: "first", 2: "second", 3: "third"}.get(int(r["rank"]), "lower"))
    counts = pd.crosstab(rows["section"], pd.Series(buckets, name="bucket"))
    counts = counts.reindex(columns=["first", "second", "third", "lower", "top_n"], fill_value=0)
    order = [s for s in sections_of(report.data_dir) if s in counts.index]
    order += [s for s in counts.index if s not in order]
    counts = counts.loc[order]
    frame = pd.DataFrame({"section": [report.section_label(s) for s in counts.index]})
    for column in counts.columns:
        frame[f"rank_{column}"] = counts[column].to_numpy()
    frame["total"] = counts.sum(axis=1).to_numpy()
    return report.table(frame, name="05_rank_counts", source=report.source_line())


def audit_checks(report: Notebook) -> pd.DataFrame:
    """The article's list of checks (``<data>/audit_checks.csv``), shown as a table; returns it."""
    spec = report.audit_spec()
    shown = pd.DataFrame({"check": [report.t(f"check.{c}") for c in spec["check"]],
                          "note": spec[f"note_{report.lang}"], "ids": spec["ids"], "context": spec["context"]})
    report.table(shown, name="05_audit_checks", source=report.source_line(), code_columns=("ids", "context"),
                 key_columns=("check",))
    return spec


def run(report: Notebook, spec: pd.DataFrame) -> pd.DataFrame:
    """The audit of the article's checks on its ledger, text and context data."""
    inputs = audit.Inputs(report.ledger, report.article.text, report.context_figures(), report.context_tables(),
                          report.reference,
                          audit.Words(report.meta.get("place", ""), report.meta.get("place_en") or report.meta.get("place", "")))
    return audit.run_audit(spec, inputs)


def audit_table(report: Notebook, spec: pd.DataFrame) -> pd.DataFrame:
    """Run the audit, show it in the reader's language with a summary of verdicts; returns the audit."""
    result = run(report, spec)
    shown = audit.render(result, report.t).drop(columns=["check_id"])
    report.table(shown, name="05_audit", source=report.source_line(), code_columns=("ids",),
                 key_columns=("verdict", "claim"))
    counts = result["verdict"].value_counts()
    report.say("say.audit_summary", **{v: int(counts.get(v, 0)) for v in VERDICTS})
    return result


def external_comparison(report: Notebook) -> pd.DataFrame:
    """Article figures beside every external figure of the same indicator, with how they compare.

    A difference (article minus external) is shown only for the same figure
    or an earlier value of the same measure; year-to-date, quarterly or
    undated figures are shown without one.
    """
    figures = report.context_figures()
    linked = figures[(figures["ledger_id"] != "") & (figures["place"] == "huzhou")]
    rows = []
    for _, ext in linked.iterrows():
        own = report.ledger[report.ledger["id"] == ext["ledger_id"]]
        if own.empty:
            continue
        own = own.iloc[0]
        relation = comparison(own, ext)
        rows.append({
            "indicator": report.metric(own),
            "article": f"{report.local(stated(own))} ({report.period_text(own['period'])})",
            "external_value": f"{report.local(stated(ext))} ({report.period_text(ext['period'])})",
            "comparison": report.t(f"comparison.{relation}"),
            "difference": report.local(derive.gap(own, ext).formula) if relation != "other" else "",
            "source": report.source_of(ext),
            "note": ext[f"note_{report.lang}"],
        })
    frame = pd.DataFrame(rows)
    return report.table(frame, name="05_external", source=report.source_line(
        *[report.source_of(e) for _, e in linked.iterrows()]), key_columns=("indicator", "comparison"))


def unstated_table(report: Notebook) -> pd.DataFrame:
    """What a reader would need but the article does not give, by section."""
    needs = unstated(report.ledger, report.context_figures())
    metric = dict(zip(report.ledger["id"], report.ledger[f"metric_{report.lang}"]))
    frame = pd.DataFrame({
        "section": [report.section_label(s) for s in needs["section"]],
        "indicator": [metric[i] for i in needs["id"]],
        "missing": [report.t(f"unstated.{n}") for n in needs["need"]],
        "id": needs["id"],
    })
    summary = needs.groupby("need", sort=False).size()
    shown = report.table(frame, name="05_unstated", source=report.source_line(), code_columns=("id",),
                         key_columns=("indicator",))
    report.say("say.unstated_summary", items=len(needs), rows=needs["id"].nunique(),
               kinds=len(summary))
    return shown


def export_claims(report: Notebook, result: pd.DataFrame) -> None:
    """Write ``claims.csv``, ``claims.json``, ``audit.csv`` and the site's ``headline.json`` under out_dir."""
    frame = exports.claims_export(report.ledger, result)
    csv_bytes, json_bytes = exports.export_bytes(frame)
    report.write_file(paths.EXPORTS["claims_csv"], csv_bytes)
    report.write_file(paths.EXPORTS["claims_json"], json_bytes)
    checks = exports.audit_export(result, report.glossary("en"))
    report.write_file(paths.EXPORTS["audit_csv"], checks.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    report.write_file(paths.EXPORTS["headline"], exports.headline_bytes(report.ledger, result, report.t))
    folder = paths.relative_to_root(paths.published_dir(report.lang, report.out_dir))
    report.say("say.exported", code_only=True, rows=len(frame), columns=len(frame.columns), folder=f"{folder}/",
               files=", ".join(paths.EXPORTS.values()))


